//! Small building blocks shared by the panels: labelled number fields bounded by the engine's
//! limits, so a value out of range cannot be entered.

use crate::model::limits::Limit;
use eframe::egui;

/// The drag range of a limit (an open lower bound starts just above it).
pub fn range(limit: Limit) -> std::ops::RangeInclusive<f64> {
    let min = if limit.min_exclusive {
        limit.min + limit.max.abs().max(1.0) * 1e-12
    } else {
        limit.min
    };
    min..=limit.max
}

/// A label and a bounded number field in a two-column grid row. Returns true when changed.
pub fn number_row(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut f64,
    limit: Limit,
    speed: f64,
    suffix: &str,
    decimals: usize,
) -> bool {
    let label = ui.label(label);
    let changed = ui
        .add(
            egui::DragValue::new(value)
                .range(range(limit))
                .speed(speed)
                .suffix(suffix)
                .max_decimals(decimals),
        )
        .labelled_by(label.id)
        .changed();
    ui.end_row();
    changed
}

/// A bounded field for a value that defaults to a preset's (`None`): shows the effective value,
/// and editing it sets an override. A reset button clears the override.
#[allow(clippy::too_many_arguments)]
pub fn override_row(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut Option<f64>,
    effective: f64,
    limit: Limit,
    speed: f64,
    suffix: &str,
    decimals: usize,
    reset_text: &str,
) -> bool {
    let label = ui.label(label);
    let mut shown = value.unwrap_or(effective);
    let mut changed = false;
    ui.horizontal(|ui| {
        let response = ui
            .add(
                egui::DragValue::new(&mut shown)
                    .range(range(limit))
                    .speed(speed)
                    .suffix(suffix)
                    .max_decimals(decimals),
            )
            .labelled_by(label.id);
        if response.changed() {
            *value = Some(shown);
            changed = true;
        }
        // In the monospace family: only its font (Hack) has the arrow; the proportional
        // one would draw a box.
        let reset = egui::RichText::new(RESET_ARROW).monospace();
        if value.is_some() && ui.small_button(reset).on_hover_text(reset_text).clicked() {
            *value = None;
            changed = true;
        }
    });
    ui.end_row();
    changed
}

/// The override fields' reset button.
const RESET_ARROW: &str = "↺";

/// A whole-number field (unit counts).
pub fn count_row(ui: &mut egui::Ui, label: &str, value: &mut u32, limit: Limit) -> bool {
    let label = ui.label(label);
    let mut v = f64::from(*value);
    let changed = ui
        .add(
            egui::DragValue::new(&mut v)
                .range(range(limit))
                .speed(1.0)
                .max_decimals(0),
        )
        .labelled_by(label.id)
        .changed();
    if changed {
        *value = v.round() as u32;
    }
    ui.end_row();
    changed
}

/// A small coloured tag ("estimate", "custom").
pub fn badge(ui: &mut egui::Ui, text: &str) -> egui::Response {
    let color = ui.visuals().warn_fg_color;
    ui.label(egui::RichText::new(text).small().color(color))
}

/// A palette colour for egui.
pub fn color((r, g, b): crate::palette::Rgb) -> egui::Color32 {
    egui::Color32::from_rgb(r, g, b)
}

/// An energy source's colour.
pub fn source_color(source: crate::model::EnergySource) -> egui::Color32 {
    color(crate::palette::source_rgb(source))
}

/// A picker's filter field, to be drawn first inside its popup. When the popup has just opened
/// (`open_pickers` did not hold `picker` last frame) the filter starts empty and takes the
/// keyboard focus, so typing right after opening filters at once.
pub fn picker_filter(
    ui: &mut egui::Ui,
    open_pickers: &mut std::collections::HashSet<egui::Id>,
    picker: egui::Id,
    filter: &mut String,
    hint: &str,
    label: egui::Id,
) {
    let just_opened = open_pickers.insert(picker);
    if just_opened {
        filter.clear();
    }
    let field = ui
        .add(egui::TextEdit::singleline(filter).hint_text(hint))
        .labelled_by(label);
    if just_opened {
        field.request_focus();
    }
}

/// Records which pickers are open after drawing one (`shown`: its popup was drawn this frame).
pub fn picker_shown(
    open_pickers: &mut std::collections::HashSet<egui::Id>,
    picker: egui::Id,
    shown: bool,
) {
    if !shown {
        open_pickers.remove(&picker);
    }
}

#[cfg(test)]
mod tests {
    use ab_glyph::{Font, FontRef};
    use eframe::egui::{FontDefinitions, FontFamily};

    #[test]
    fn the_reset_arrow_has_a_glyph_in_the_monospace_family() {
        let fonts = FontDefinitions::default();
        let arrow = super::RESET_ARROW.chars().next().unwrap();
        let has = fonts.families[&FontFamily::Monospace].iter().any(|name| {
            FontRef::try_from_slice((*fonts.font_data[name].font).as_ref())
                .is_ok_and(|f| f.glyph_id(arrow).0 != 0)
        });
        assert!(has);
    }
}
