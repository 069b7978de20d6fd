//! The menu bar: File, Edit, Market, View and the language menu.

use super::App;
use super::Command;
use super::LangChoice;
use super::ThemeChoice;
use super::files;
use super::files::DialogPurpose;
use super::market_update;
use super::sharing;
use super::shortcut_of;
use crate::i18n;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::i18n::fill;
use eframe::egui;

impl App {
    /// A menu item that sends `command`, showing its shortcut from [`SHORTCUTS`] if it has one.
    pub(super) fn menu_item(&self, ui: &mut egui::Ui, label: &str, command: Command) {
        self.menu_item_enabled(ui, label, command, true);
    }

    /// A menu item that is greyed out and does nothing unless `enabled`.
    pub(super) fn menu_item_enabled(
        &self,
        ui: &mut egui::Ui,
        label: &str,
        command: Command,
        enabled: bool,
    ) {
        let mut button = egui::Button::new(label);
        if let Some(shortcut) = shortcut_of(&command) {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui.add_enabled(enabled, button).clicked() {
            self.queue(command);
        }
    }

    pub(super) fn menu_ui(&self, ui: &mut egui::Ui) {
        let s = &self.strings().app;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(s.menu_file, |ui| {
                self.menu_item(ui, s.menu_new, Command::New);
                self.menu_item(ui, s.menu_open, Command::Open);
                self.menu_item(
                    ui,
                    s.menu_open_path,
                    Command::ShowPathField(DialogPurpose::Open),
                );
                ui.menu_button(s.menu_recent, |ui| {
                    if self.session.recent.is_empty() {
                        ui.label(s.menu_no_recent);
                    }
                    for path in &self.session.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            self.queue(Command::OpenPath(path.clone()));
                        }
                    }
                });
                ui.menu_button(s.menu_examples, |ui| {
                    for example in self.library.scenarios() {
                        if ui
                            .button(example.doc.name_in(self.session.lang()))
                            .clicked()
                        {
                            self.queue(Command::OpenExample(example.id.clone()));
                        }
                    }
                });
                ui.separator();
                self.menu_item(ui, s.menu_save, Command::Save);
                self.menu_item(ui, s.menu_save_as, Command::SaveAs);
                ui.separator();
                sharing::file_menu_ui(self, ui);
                ui.separator();
                ui.menu_button(s.menu_export, |ui| {
                    for (label, format) in [
                        (s.menu_export_results_csv, files::ResultsFormat::Csv),
                        (
                            s.menu_export_results_markdown,
                            files::ResultsFormat::Markdown,
                        ),
                        (s.menu_export_results_json, files::ResultsFormat::Json),
                        (
                            crate::i18n::strings(self.session.lang())
                                .disclosure
                                .export_report_pdf,
                            files::ResultsFormat::Pdf,
                        ),
                    ] {
                        self.menu_item(ui, label, Command::ExportResults(format));
                    }
                });
                ui.separator();
                self.menu_item(ui, s.menu_quit, Command::Quit);
            });
            ui.menu_button(s.menu_edit, |ui| {
                let can_undo = self.undo.can_undo();
                let can_redo = self.undo.can_redo();
                self.menu_item_enabled(ui, s.menu_undo, Command::Undo, can_undo);
                self.menu_item_enabled(ui, s.menu_redo, Command::Redo, can_redo);
                ui.separator();
                sharing::edit_menu_ui(self, ui);
            });
            let m = &self.strings().market;
            ui.menu_button(m.menu_market, |ui| {
                let update = Command::MarketUpdate(market_update::Action::Start);
                self.menu_item_enabled(ui, m.menu_update, update, self.market_update.is_idle());
                let forget = Command::MarketUpdate(market_update::Action::ForgetHistory);
                let u = &self.strings().update;
                self.menu_item_enabled(ui, u.menu_forget, forget, self.market_update.is_idle());
            });
            ui.menu_button(s.menu_view, |ui| {
                let w = &self.strings().workspace;
                self.menu_item(ui, w.menu_start_page, Command::ShowStartPage);
                ui.separator();
                ui.label(s.theme_label);
                for (theme, label) in [
                    (ThemeChoice::System, s.theme_system),
                    (ThemeChoice::Light, s.theme_light),
                    (ThemeChoice::Dark, s.theme_dark),
                ] {
                    if ui.radio(self.session.theme == theme, label).clicked() {
                        self.queue(Command::SetTheme(theme));
                    }
                }
            });
            self.language_menu_ui(ui);
            ui.separator();
            ui.label(egui::RichText::new(s.tagline).weak());
        });
    }

    /// The language menu, named in both languages so either reader finds it.
    pub(super) fn language_menu_ui(&self, ui: &mut egui::Ui) {
        let s = &self.strings().files;
        let title = if self.session.lang() == Lang::En {
            format!("{} · 语言", s.menu_language)
        } else {
            format!("{} · Language", s.menu_language)
        };
        ui.menu_button(title, |ui| {
            let system = fill(
                s.lang_system,
                &[("language", i18n::system_lang().native_name())],
            );
            let choices = std::iter::once((LangChoice::System, system)).chain(
                Lang::ALL
                    .into_iter()
                    .map(|lang| (LangChoice::Fixed(lang), lang.native_name().to_string())),
            );
            for (choice, label) in choices {
                if ui.radio(self.session.language == choice, label).clicked() {
                    self.queue(Command::SetLanguage(choice));
                }
            }
        });
    }
}
