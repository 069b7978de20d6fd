//! The History tab's "MiCA network indicators" section: a period of the history (by default its
//! last twelve months), the indicators with their MiCA codes, values and units, and the method,
//! sources and differences notes. Every figure comes from `history::mica`, the same as
//! `hashwatt disclose`, at the History tab's electricity price.
//!
//! The period and the last result live in egui's memory under the section's id: they are a
//! view's choice, not part of the scenario, and are computed again only when the period, the
//! price or the history changes.

use crate::history::mica::{self, NetworkDisclosure};
use crate::history::{History, Month};
use crate::i18n::Lang;
use crate::presets::PresetLibrary;
use eframe::egui;

/// What the inputs of one computation were: the period, the price, and which history.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Key {
    from: Month,
    to: Month,
    usd_per_kwh: f64,
    /// The preset library's generation: the history and the presets are reloaded with it.
    generation: u64,
}

/// The section's period and its last result, kept in egui's memory.
#[derive(Clone, Debug)]
pub(super) struct SectionState {
    pub from: Month,
    pub to: Month,
    key: Option<Key>,
    pub result: Option<Result<NetworkDisclosure, String>>,
    /// How many times the indicators were computed (the tests check idle frames compute none).
    pub runs: u32,
}

/// The id the section keeps its state under.
pub(super) fn state_id() -> egui::Id {
    egui::Id::unique("mica-network-indicators")
}

/// The section, under the History tab's charts: `history` and `library` as loaded for the
/// library's `generation`.
pub fn disclosure_ui(
    ui: &mut egui::Ui,
    history: &History,
    (library, generation): (&PresetLibrary, u64),
    usd_per_kwh: f64,
    lang: Lang,
) {
    let t = &crate::i18n::strings(lang).mica;
    egui::CollapsingHeader::new(egui::RichText::new(t.title).strong())
        .id_salt("mica-section")
        .default_open(true)
        .show(ui, |ui| {
            section(ui, history, (library, generation), usd_per_kwh, lang)
        });
}

fn section(
    ui: &mut egui::Ui,
    history: &History,
    (library, generation): (&PresetLibrary, u64),
    usd_per_kwh: f64,
    lang: Lang,
) {
    let t = &crate::i18n::strings(lang).mica;
    let id = state_id();
    let mut state = ui
        .data(|d| d.get_temp::<SectionState>(id))
        .unwrap_or_else(|| {
            let (from, to) = mica::last_twelve_months(history);
            SectionState {
                from,
                to,
                key: None,
                result: None,
                runs: 0,
            }
        });
    ui.label(egui::RichText::new(t.intro).small().weak());
    let (first, last) = (history.first(), history.last());
    ui.horizontal_wrapped(|ui| {
        super::widgets::month_field(ui, t.period_from, &mut state.from, first, last);
        super::widgets::month_field(ui, t.period_to, &mut state.to, first, last);
        if ui.button(t.last_12_months).clicked() {
            (state.from, state.to) = mica::last_twelve_months(history);
        }
    });
    state.from = state.from.clamp(first, last);
    state.to = state.to.clamp(first, last);
    let key = Key {
        from: state.from,
        to: state.to,
        usd_per_kwh,
        generation,
    };
    if state.key != Some(key) {
        state.result = Some(
            mica::disclose(history, library, usd_per_kwh, state.from, state.to)
                .map_err(|e| e.localized(lang)),
        );
        state.key = Some(key);
        state.runs += 1;
    }
    match &state.result {
        Some(Ok(d)) => indicators(ui, d, library, lang),
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        None => {}
    }
    ui.data_mut(|d| d.insert_temp(id, state));
}

fn indicators(ui: &mut egui::Ui, d: &NetworkDisclosure, library: &PresetLibrary, lang: Lang) {
    let t = &crate::i18n::strings(lang).mica;
    for note in mica::notes(d, lang) {
        ui.label(note);
    }
    let rows = mica::rows(d, library, lang);
    egui::Grid::new("mica-indicators")
        .striped(true)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            for heading in [
                t.column_code,
                t.column_indicator,
                t.column_value,
                t.column_unit,
            ] {
                ui.label(egui::RichText::new(heading).strong());
            }
            ui.end_row();
            for row in &rows {
                ui.label(row.code);
                ui.label(row.label);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(egui::RichText::new(mica::value_text(row, lang)).strong())
                });
                ui.label(row.unit);
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.label(egui::RichText::new(t.column_method).strong());
    for row in &rows {
        let name = if row.code.is_empty() {
            row.label.to_string()
        } else {
            format!("{} {}", row.code, row.label)
        };
        ui.label(egui::RichText::new(format!("{name}: {}", row.method)).small());
    }
    ui.add_space(6.0);
    ui.label(egui::RichText::new(t.sources_title).strong());
    for source in mica::sources(d, library, lang) {
        ui.label(egui::RichText::new(format!("• {source}")).small());
    }
    ui.add_space(6.0);
    ui.label(egui::RichText::new(t.differences_title).strong());
    ui.label(
        egui::RichText::new(mica::differences(d, lang))
            .small()
            .weak(),
    );
}
