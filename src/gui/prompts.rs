//! The questions and messages the window keeps until answered or dismissed: a banner, the name
//! of a preset to save, a preset or a file about to be replaced.

use super::files::DialogPurpose;
use crate::i18n::Lang;
use std::path::PathBuf;

/// A preset about to overwrite a user preset of the same id, waiting for "Replace?".
#[derive(Clone, Debug, PartialEq)]
pub struct ReplacePreset {
    pub prompt: PresetPrompt,
    pub id: String,
    pub path: PathBuf,
}

/// A preset-naming prompt.
#[derive(Clone, Debug, PartialEq)]
pub enum PresetPrompt {
    Region(String),
    Miner(usize, String),
}

/// A message over the top of the window, said in both languages so that a switch of language
/// redraws it.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    texts: [String; 2],
    pub error: bool,
    /// When the banner was first drawn (egui's clock, seconds): a message fades after
    /// [`BANNER_SECONDS`]; an error stays until dismissed.
    pub shown_at: Option<f64>,
}

/// How long a message (saved, exported…) stays over the window, seconds.
pub const BANNER_SECONDS: f64 = 6.0;

impl Banner {
    pub fn new(error: bool, say: impl Fn(Lang) -> String) -> Banner {
        Banner {
            texts: [say(Lang::En), say(Lang::Zh)],
            error,
            shown_at: None,
        }
    }

    /// Whether a message has been shown long enough at `now` (errors never expire).
    pub fn expired(&self, now: f64) -> bool {
        !self.error && self.shown_at.is_some_and(|t| now - t >= BANNER_SECONDS)
    }

    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.texts[0],
            Lang::Zh => &self.texts[1],
        }
    }
}

/// A save or an export waiting for the user's word to replace a file.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplaceOnDisk {
    pub path: PathBuf,
    pub why: OnDisk,
    /// What to do once agreed: save the scenario, or write this export.
    pub export: Option<DialogPurpose>,
}

/// Why a file is not simply replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDisk {
    /// Another window or program wrote it since this window read or saved it.
    ChangedSince,
    /// Its owner made it read-only.
    ReadOnly,
}
