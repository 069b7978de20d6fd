//! Small building blocks shared by the panels: number fields described by their `Input` and
//! bounded by the engine's limits, so a value out of range cannot be entered.

use crate::i18n::{self, Lang};
use crate::inputs::Input;
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

/// The range a field for `input` allows.
pub fn input_range(input: Input) -> std::ops::RangeInclusive<f64> {
    match input {
        // One decimal is shown: a growth just above the open −100 % bound would read −100.0 %,
        // the value a file may not hold.
        Input::DifficultyGrowthPctPerYear | Input::BtcPriceGrowthPctPerYear => {
            super::charts::GROWTH_RANGE_PCT_PER_YEAR
        }
        _ => range(input.limit()),
    }
}

/// What a field edits.
enum Target<'a> {
    Number(&'a mut f64),
    /// A value that defaults to a preset's (`None`): the field shows the effective value, and
    /// editing it sets an override that a reset button clears.
    Override {
        value: &'a mut Option<f64>,
        effective: f64,
    },
    /// A whole-number count.
    Count(&'a mut u32),
}

/// A grid row's two cells for one input: its label and its bounded number field, with the
/// label, range, drag step, decimals and unit of the input's description. The field's response
/// says `changed()` when the value (or its override) changed.
///
/// ```ignore
/// ui.add(InputField::new(Input::Pue, &mut site.pue).lang(lang));
/// ui.end_row();
/// ```
pub struct InputField<'a> {
    input: Input,
    target: Target<'a>,
    lang: Lang,
    reset_hint: Option<&'a str>,
    /// Shown and edited in units of `scale` of the input's own, with their suffix and
    /// decimals (a difficulty in T).
    scaled: Option<(f64, &'a str, usize)>,
}

impl<'a> InputField<'a> {
    /// A field for a plain value.
    pub fn new(input: Input, value: &'a mut f64) -> Self {
        Self::with(input, Target::Number(value))
    }

    /// A field for a value that overrides a preset's `effective` one while it is `Some`.
    pub fn overriding(input: Input, value: &'a mut Option<f64>, effective: f64) -> Self {
        Self::with(input, Target::Override { value, effective })
    }

    /// A field for a whole-number count.
    pub fn count(input: Input, value: &'a mut u32) -> Self {
        Self::with(input, Target::Count(value))
    }

    fn with(input: Input, target: Target<'a>) -> Self {
        Self {
            input,
            target,
            lang: Lang::En,
            reset_hint: None,
            scaled: None,
        }
    }

    /// The language of the label and the unit.
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// The reset button's tooltip (an override's; "Reset to the snapshot" unless told).
    pub fn reset_hint(mut self, hint: &'a str) -> Self {
        self.reset_hint = Some(hint);
        self
    }

    /// Shows and edits the value divided by `scale`, with `suffix` and `decimals`; the value
    /// itself stays in the input's unit.
    pub fn scaled(mut self, scale: f64, suffix: &'a str, decimals: usize) -> Self {
        self.scaled = Some((scale, suffix, decimals));
        self
    }
}

impl egui::Widget for InputField<'_> {
    fn ui(self, ui: &mut egui::Ui) -> egui::Response {
        let Self {
            input,
            target,
            lang,
            reset_hint,
            scaled,
        } = self;
        let spec = input.spec();
        let unit_suffix = input.suffix(lang);
        let (scale, suffix, decimals) = scaled.unwrap_or((1.0, &unit_suffix, spec.decimals));
        let full_range = input_range(input);
        let field_range = *full_range.start() / scale..=*full_range.end() / scale;
        let label = ui.label(input.label(lang));
        let format = Format {
            range: field_range,
            speed: spec.step / scale,
            suffix,
            decimals,
        };
        match target {
            Target::Number(value) => {
                let mut shown = *value / scale;
                let response = ui.add(format.drag(&mut shown)).labelled_by(label.id);
                if response.changed() {
                    *value = shown * scale;
                }
                response
            }
            Target::Count(value) => {
                let mut shown = f64::from(*value);
                let response = ui.add(format.drag(&mut shown)).labelled_by(label.id);
                if response.changed() {
                    *value = shown.round() as u32;
                }
                response
            }
            Target::Override { value, effective } => {
                let mut shown = value.unwrap_or(effective) / scale;
                let hint = reset_hint.unwrap_or(i18n::strings(lang).app.reset_to_snapshot);
                ui.horizontal(|ui| {
                    let mut response = ui.add(format.drag(&mut shown)).labelled_by(label.id);
                    if response.changed() {
                        *value = Some(shown * scale);
                    }
                    // In the monospace family: only its font (Hack) has the arrow; the
                    // proportional one would draw a box.
                    let reset = egui::RichText::new(RESET_ARROW).monospace();
                    if value.is_some() && ui.small_button(reset).on_hover_text(hint).clicked() {
                        *value = None;
                        response.mark_changed();
                    }
                    response
                })
                .inner
            }
        }
    }
}

/// How a field shows its number.
struct Format<'s> {
    range: std::ops::RangeInclusive<f64>,
    speed: f64,
    suffix: &'s str,
    decimals: usize,
}

impl Format<'_> {
    fn drag<'v>(&self, shown: &'v mut f64) -> egui::DragValue<'v> {
        egui::DragValue::new(shown)
            .range(self.range.clone())
            .speed(self.speed)
            .suffix(self.suffix.to_string())
            .max_decimals(self.decimals)
    }
}

/// The override fields' reset button.
const RESET_ARROW: &str = "↺";

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
