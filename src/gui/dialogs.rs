//! What the window says over its views: the banner, and the modal questions (unsaved changes,
//! replacing a file or a preset).

use super::App;
use super::Command;
use super::OnDisk;
use super::UnsavedAnswer;
use super::{BANNER_SECONDS, Banner, PresetPrompt};
use crate::i18n::Lang;
use crate::i18n::fill;
use eframe::egui;

/// A banner as the window shows it now (for tests).
#[cfg(test)]
#[derive(Clone, Debug, PartialEq)]
pub struct ShownBanner {
    pub text: String,
    pub error: bool,
}

impl App {
    /// The banner, over the top of the window: it never moves what is under the pointer.
    pub(super) fn banner_ui(&mut self, ctx: &egui::Context) {
        let lang = self.session.lang();
        let s = &self.strings().app;
        let now = ctx.input(|i| i.time);
        if let Some(banner) = &mut self.banner {
            let shown_at = *banner.shown_at.get_or_insert(now);
            if banner.expired(now) {
                self.banner = None;
            } else if !banner.error {
                // Wake up to take the message away.
                let left = (shown_at + BANNER_SECONDS - now).max(0.0);
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(left));
            }
        }
        let Some(banner) = &self.banner else {
            return;
        };
        let width = (ctx.content_rect().width() * 0.6).clamp(320.0, 900.0);
        egui::Area::new(egui::Id::unique("banner"))
            .order(egui::Order::Foreground)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 30.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(width);
                    ui.horizontal(|ui| {
                        let color = if banner.error {
                            ui.visuals().error_fg_color
                        } else {
                            ui.visuals().hyperlink_color
                        };
                        if ui.button(s.dismiss).clicked() {
                            self.commands.send(Command::DismissBanner);
                        }
                        let text = egui::RichText::new(banner.text(lang)).color(color);
                        ui.add(egui::Label::new(text).wrap());
                    });
                });
            });
    }

    /// Modal prompts: unsaved changes, replacing a preset, preset names. The answers are
    /// commands; the preset-name prompt edits its own text in place.
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        let s = &self.strings().app;
        if self.confirm.is_some() {
            egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
                ui.heading(s.unsaved_title);
                ui.label(fill(s.unsaved_body, &[("name", &self.display_name())]));
                ui.horizontal(|ui| {
                    for (label, answer) in [
                        (s.unsaved_save, UnsavedAnswer::Save),
                        (s.unsaved_discard, UnsavedAnswer::Discard),
                        (s.cancel, UnsavedAnswer::Cancel),
                    ] {
                        if ui.button(label).clicked() {
                            self.queue(Command::AnswerUnsaved(answer));
                        }
                    }
                });
            });
        }
        if let Some(pending) = &self.replace_on_disk {
            let path = pending.path.display().to_string();
            let (title, body) = match pending.why {
                OnDisk::ChangedSince => (s.disk_changed_title, s.disk_changed_body),
                OnDisk::ReadOnly => (s.disk_read_only_title, s.disk_read_only_body),
            };
            egui::Modal::new(egui::Id::unique("replace-on-disk")).show(ctx, |ui| {
                ui.heading(title);
                ui.add(egui::Label::new(fill(body, &[("path", &path)])).wrap());
                ui.horizontal(|ui| {
                    if ui.button(s.disk_replace).clicked() {
                        self.queue(Command::AnswerReplaceOnDisk(Some(true)));
                    }
                    if ui.button(s.disk_save_as).clicked() {
                        self.queue(Command::AnswerReplaceOnDisk(Some(false)));
                    }
                    if ui.button(s.cancel).clicked() {
                        self.queue(Command::AnswerReplaceOnDisk(None));
                    }
                });
            });
        }
        if let Some(pending) = &self.replace_preset {
            egui::Modal::new(egui::Id::unique("replace-preset")).show(ctx, |ui| {
                ui.heading(s.preset_replace_title);
                ui.label(fill(
                    s.preset_replace_body,
                    &[
                        ("id", &pending.id),
                        ("path", &pending.path.display().to_string()),
                    ],
                ));
                ui.horizontal(|ui| {
                    if ui.button(s.preset_replace).clicked() {
                        self.queue(Command::AnswerReplace(true));
                    }
                    if ui.button(s.cancel).clicked() {
                        self.queue(Command::AnswerReplace(false));
                    }
                });
            });
        }
        let App {
            preset_prompt,
            commands,
            ..
        } = self;
        let mut close = false;
        if let Some(prompt) = preset_prompt.as_mut() {
            let (heading, miner, name) = match prompt {
                PresetPrompt::Region(name) => (s.save_region_preset, None, name),
                PresetPrompt::Miner(index, name) => (s.save_miner_preset, Some(*index), name),
            };
            egui::Modal::new(egui::Id::unique("preset-name")).show(ctx, |ui| {
                ui.heading(heading);
                ui.horizontal(|ui| {
                    let label = ui.label(s.preset_name);
                    ui.add(egui::TextEdit::singleline(name))
                        .labelled_by(label.id);
                });
                ui.horizontal(|ui| {
                    let valid = !name.trim().is_empty();
                    if ui
                        .add_enabled(valid, egui::Button::new(s.preset_save))
                        .clicked()
                    {
                        let name = name.trim().to_string();
                        commands.send(match miner {
                            None => Command::SaveRegionPreset(name),
                            Some(index) => Command::SaveMinerPreset(index, name),
                        });
                        close = true;
                    }
                    if ui.button(s.cancel).clicked() {
                        close = true;
                    }
                });
            });
        }
        if close {
            *preset_prompt = None;
        }
    }

    /// Shows an error over the window, in the language of the moment (and redrawn in the other
    /// after a switch).
    pub fn set_error(&mut self, say: impl Fn(Lang) -> String) {
        self.banner = Some(Banner::new(true, say));
    }

    /// Shows a message (saved, exported…) over the window.
    pub fn set_info(&mut self, say: impl Fn(Lang) -> String) {
        self.banner = Some(Banner::new(false, say));
    }

    #[cfg(test)]
    pub fn shown_banner(&self) -> Option<ShownBanner> {
        self.banner.as_ref().map(|b| ShownBanner {
            text: b.text(self.session.lang()).to_string(),
            error: b.error,
        })
    }
}
