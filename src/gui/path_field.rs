//! The path field that stands in for a file dialog where none can be shown (and for
//! File → Open a path…). It starts from a folder and a file name, reads `~` as the home folder,
//! adds the extension the file needs, asks before replacing a file, and keeps what was typed
//! when something fails.

use super::files::DialogPurpose;
use crate::i18n::{Lang, fill, strings};
use eframe::egui;
use std::path::{Path, PathBuf};

/// A text field standing in for a file dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct PathField {
    pub purpose: DialogPurpose,
    pub text: String,
    /// The native dialog could not be shown.
    pub no_dialog: bool,
    /// A file is already at the typed path: "Replace?" waits for an answer.
    pub replace: Option<PathBuf>,
    /// The field takes the keyboard focus on the next frame (it has just opened).
    pub wants_focus: bool,
}

impl PathField {
    /// A field for `purpose` that starts in `folder` with `suggested_name` (empty for Open).
    pub fn new(
        purpose: DialogPurpose,
        folder: &Path,
        suggested_name: &str,
        no_dialog: bool,
    ) -> Self {
        let mut text = folder.join(suggested_name).display().to_string();
        if suggested_name.is_empty() && !text.ends_with(std::path::MAIN_SEPARATOR) {
            text.push(std::path::MAIN_SEPARATOR);
        }
        PathField {
            purpose,
            text,
            no_dialog,
            replace: None,
            wants_focus: true,
        }
    }
}

/// The path a typed text stands for: `~` is the home folder, and a file to be written gets the
/// extension its kind needs when it has none (`texas` → `texas.ron`).
pub fn typed_path(text: &str, purpose: DialogPurpose, home: Option<&Path>) -> PathBuf {
    let text = text.trim();
    let mut path = match (text.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.to_path_buf(),
        (Some(rest), Some(home)) if rest.starts_with(['/', std::path::MAIN_SEPARATOR]) => {
            home.join(&rest[1..])
        }
        _ => PathBuf::from(text),
    };
    if purpose.writes() && path.extension().is_none() && path.file_name().is_some() {
        let (_, extensions) = purpose.filter(Lang::En);
        if let Some(extension) = extensions.first() {
            path.set_extension(extension);
        }
    }
    path
}

/// The user's home folder, for `~`.
pub fn home_folder() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// What the user did in the path field this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum PathFieldAnswer {
    /// Go ahead with the typed path (`replace`: the user agreed to replace the file there).
    Submit {
        replace: bool,
    },
    /// Back to typing, after "Replace?" was declined.
    KeepTyping,
    Cancel,
}

/// Draws the path field as a modal window; its text is edited in place. Returns what the user
/// did, if anything (the window makes it a command).
pub fn path_field_ui(
    ctx: &egui::Context,
    field: &mut PathField,
    lang: Lang,
) -> Option<PathFieldAnswer> {
    let s = &strings(lang).app;
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("path-field")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        if field.no_dialog {
            ui.label(s.path_field_no_dialog);
        }
        let label = ui.label(match field.purpose {
            DialogPurpose::Open | DialogPurpose::AddToCompare => s.path_field_open,
            DialogPurpose::ImportPrices => strings(lang).dispatch.import,
            DialogPurpose::SaveAs => s.path_field_save,
            _ => s.path_field_export,
        });
        if let Some(existing) = &field.replace {
            ui.label(fill(
                s.path_field_replace,
                &[("path", &existing.display().to_string())],
            ));
            ui.horizontal(|ui| {
                if ui.button(s.path_field_replace_button).clicked() {
                    answer = Some(PathFieldAnswer::Submit { replace: true });
                }
                if ui.button(s.cancel).clicked() {
                    answer = Some(PathFieldAnswer::KeepTyping);
                }
            });
            return;
        }
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut field.text)
                    .hint_text(s.path_field_hint)
                    .desired_width(540.0),
            )
            .labelled_by(label.id);
        if field.wants_focus {
            edit.request_focus();
            field.wants_focus = false;
        }
        let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let ready = !field.text.trim().is_empty();
            let ok = ui.add_enabled(ready, egui::Button::new(s.ok)).clicked();
            if (ok || entered) && ready {
                answer = Some(PathFieldAnswer::Submit { replace: false });
            }
            if ui.button(s.cancel).clicked() {
                answer = Some(PathFieldAnswer::Cancel);
            }
        });
    });
    // Esc (or a click beside the window) cancels, as in a file dialog.
    if modal.should_close() {
        answer = Some(PathFieldAnswer::Cancel);
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{ChartKind, ImageFormat};

    #[test]
    fn a_typed_path_reads_home_and_gets_its_extension() {
        let home = Path::new("/home/ada");
        let save = DialogPurpose::SaveAs;
        assert_eq!(
            typed_path("~/sites/texas", save, Some(home)),
            Path::new("/home/ada/sites/texas.ron")
        );
        assert_eq!(typed_path("~", DialogPurpose::Open, Some(home)), home);
        // Only a leading `~/` is the home folder.
        assert_eq!(
            typed_path("/tmp/~x/a.ron", save, Some(home)),
            Path::new("/tmp/~x/a.ron")
        );
        assert_eq!(typed_path("~ada", save, Some(home)), Path::new("~ada.ron"));
        let png = DialogPurpose::ExportChart(ChartKind::Regions, ImageFormat::Png);
        assert_eq!(
            typed_path(" /tmp/chart ", png, None),
            Path::new("/tmp/chart.png")
        );
        // An extension the user typed stays; a file to open is taken as typed.
        assert_eq!(
            typed_path("/tmp/c.jpeg", png, None),
            Path::new("/tmp/c.jpeg")
        );
        assert_eq!(
            typed_path("/tmp/notes", DialogPurpose::Open, None),
            Path::new("/tmp/notes")
        );
    }

    #[test]
    fn the_field_starts_from_a_folder_and_a_name() {
        let f = PathField::new(DialogPurpose::SaveAs, Path::new("/data"), "texas.ron", true);
        assert_eq!(f.text, "/data/texas.ron");
        let f = PathField::new(DialogPurpose::Open, Path::new("/data"), "", false);
        assert_eq!(f.text, "/data/");
        assert!(f.wants_focus);
    }
}
