//! A fleet entry's power modes in the hardware panel (`fleet[i].modes`: eco, turbo…, each a
//! name and one machine's hashrate and power), for the hour-by-hour dispatch.
//!
//! As in the tariff editor, the fields edit a draft: each change is checked as the file reader
//! checks a scenario file ([`check_entry_modes`]); modes that pass go into the document at once
//! (saved with the scenario, undone like any input), and a refused edit stays in the fields with
//! the reader's message while the document keeps the modes as they last passed.

use super::App;
use super::widgets::parse_typed;
use crate::dispatch_doc::check_entry_modes;
use crate::i18n::{self, fill};
use crate::inputs::Input;
use crate::model::dispatch::PowerMode;
use crate::scenario_file::FleetEntryDoc;
use eframe::egui;

/// The width of a mode's name field, px.
const NAME_WIDTH: f32 = 80.0;

/// The modes the fields show, kept in egui's memory per entry.
#[derive(Clone, Debug, Default)]
struct Draft {
    /// The document's modes as last seen here: when it holds others, they replace the draft.
    synced: Vec<PowerMode>,
    modes: Vec<PowerMode>,
}

/// Where entry `index`'s draft is kept.
pub fn draft_id(index: usize) -> egui::Id {
    egui::Id::unique(("power-modes-draft", index))
}

/// The power modes of fleet entry `index`, under its figures.
pub fn modes_ui(app: &App, fleet: &mut [FleetEntryDoc], ui: &mut egui::Ui, index: usize) {
    let lang = app.session.lang();
    let t = &i18n::strings(lang).editors;
    let entry = &fleet[index];
    let id = draft_id(index);
    let mut draft: Draft = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    if draft.synced != entry.modes {
        draft = Draft {
            synced: entry.modes.clone(),
            modes: entry.modes.clone(),
        };
    }
    let problem = check_entry_modes(index, &draft.modes).err();
    // The preset's modes apply while the entry has none of its own.
    let preset_modes: Vec<String> = entry
        .miner
        .as_deref()
        .and_then(|id| app.library.miner(id))
        .map(|m| m.modes.iter().map(|m| m.name.clone()).collect())
        .unwrap_or_default();
    // A new mode starts at the machine's own figures.
    let stock = app
        .computed
        .as_ref()
        .ok()
        .and_then(|c| c.scenario.fleet.get(index))
        .map(|g| (g.hashrate_ths, g.power_w));
    let before = draft.modes.clone();
    let heading = fill(t.modes_heading, &[("n", &draft.modes.len().to_string())]);
    egui::CollapsingHeader::new(heading)
        .id_salt("power-modes")
        .default_open(!draft.modes.is_empty())
        .show(ui, |ui| {
            ui.add(egui::Label::new(egui::RichText::new(t.modes_intro).small().weak()).wrap());
            if draft.modes.is_empty() && !preset_modes.is_empty() {
                let names = preset_modes.join(", ");
                ui.label(
                    egui::RichText::new(fill(t.modes_from_preset, &[("names", &names)])).weak(),
                );
            }
            if !draft.modes.is_empty() {
                modes_grid(ui, index, &mut draft.modes, problem.as_ref(), lang);
            }
            if let Some(e) = &problem {
                let color = ui.visuals().error_fg_color;
                ui.add(
                    egui::Label::new(egui::RichText::new(e.localized(lang)).color(color)).wrap(),
                );
                ui.label(egui::RichText::new(t.modes_not_stored).color(ui.visuals().warn_fg_color));
            }
            let figures = stock.or_else(|| draft.modes.last().map(|m| (m.hashrate_ths, m.power_w)));
            if let Some((hashrate_ths, power_w)) = figures
                && ui.small_button(t.add_mode).clicked()
            {
                let taken = |name: &str| draft.modes.iter().any(|m| m.name.trim() == name);
                let name = (1..)
                    .map(|n| fill(t.new_mode_name, &[("n", &n.to_string())]))
                    .find(|name| !taken(name))
                    .unwrap_or_default();
                draft.modes.push(PowerMode {
                    name,
                    hashrate_ths,
                    power_w,
                });
            }
        });
    if draft.modes != before {
        if check_entry_modes(index, &draft.modes).is_ok() {
            fleet[index].modes = draft.modes.clone();
            draft.synced = draft.modes.clone();
        }
        ui.ctx().request_repaint();
    }
    ui.data_mut(|d| d.insert_temp(id, draft));
}

/// One row per mode: its name, one machine's hashrate and power, and a remove button. The field
/// a problem names is outlined.
fn modes_grid(
    ui: &mut egui::Ui,
    index: usize,
    modes: &mut Vec<PowerMode>,
    problem: Option<&crate::resolve::ResolveError>,
    lang: i18n::Lang,
) {
    let t = &i18n::strings(lang).editors;
    let mut remove = None;
    egui::Grid::new("power-modes-grid")
        .num_columns(4)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            let name_label = ui.label(t.mode_name);
            let hashrate_label = ui.label(Input::HashrateThs.label(lang));
            let power_label = ui.label(Input::PowerW.label(lang));
            ui.end_row();
            let (hashrate_suffix, power_suffix) =
                (Input::HashrateThs.suffix(lang), Input::PowerW.suffix(lang));
            for (k, mode) in modes.iter_mut().enumerate() {
                let at = format!("fleet[{index}].modes[{k}]");
                let named =
                    |field: &str| problem.is_some_and(|e| e.field == format!("{at}.{field}"));
                let name = ui
                    .add(
                        // A grid cell is as wide as its column was: a minimum keeps the name
                        // field from shrinking to its heading.
                        egui::TextEdit::singleline(&mut mode.name)
                            .desired_width(NAME_WIDTH)
                            .min_size(egui::vec2(NAME_WIDTH, 0.0)),
                    )
                    .labelled_by(name_label.id);
                let hashrate = ui
                    .add(
                        egui::DragValue::new(&mut mode.hashrate_ths)
                            .speed(0.5)
                            .max_decimals(3)
                            .suffix(hashrate_suffix.clone())
                            .custom_parser(|s| parse_typed(s, false)),
                    )
                    .labelled_by(hashrate_label.id);
                let power = ui
                    .add(
                        egui::DragValue::new(&mut mode.power_w)
                            .speed(5.0)
                            .max_decimals(0)
                            .suffix(power_suffix.clone())
                            .custom_parser(|s| parse_typed(s, true)),
                    )
                    .labelled_by(power_label.id);
                for (field, response) in [
                    ("name", &name),
                    ("hashrate_ths", &hashrate),
                    ("power_w", &power),
                ] {
                    if named(field) {
                        outline(ui, response);
                    }
                }
                if ui.small_button(t.remove).clicked() {
                    remove = Some(k);
                }
                ui.end_row();
            }
        });
    if let Some(k) = remove {
        modes.remove(k);
    }
}

/// A red line around a field the checks refused.
fn outline(ui: &egui::Ui, response: &egui::Response) {
    ui.painter().rect_stroke(
        response.rect.expand(1.0),
        ui.visuals().widgets.inactive.corner_radius,
        egui::Stroke::new(1.5, ui.visuals().error_fg_color),
        egui::StrokeKind::Outside,
    );
}
