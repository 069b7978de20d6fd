//! Small building blocks shared by the panels: number fields described by their `Input` and
//! bounded by the engine's limits, so a value out of range cannot be entered. A field reads a
//! decimal comma, and says beside itself when typed text was no number (the value stays) or
//! was clamped to a limit.

use crate::i18n::{self, Lang};
use crate::inputs::Input;
use crate::model::limits::Limit;
use eframe::egui;

/// The range of the projection's growth fields: above the limit's open −100 % bound.
pub const GROWTH_RANGE_PCT_PER_YEAR: std::ops::RangeInclusive<f64> =
    -99.0..=crate::model::limits::GROWTH_PCT_PER_YEAR.max;

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
        Input::DifficultyGrowthPctPerYear
        | Input::BtcPriceGrowthPctPerYear
        | Input::DiscountRatePctPerYear => GROWTH_RANGE_PCT_PER_YEAR,
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
    /// A bound below the input's own that another input sets (paths by the horizon).
    at_most: Option<f64>,
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
            at_most: None,
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

    /// Allows at most `max`, a cap that depends on another input's value: typed values above
    /// it are clamped to it, as to the input's own limit.
    pub fn at_most(mut self, max: f64) -> Self {
        self.at_most = Some(max);
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
            at_most,
        } = self;
        let spec = input.spec();
        let unit_suffix = input.suffix(lang);
        let (scale, suffix, decimals) = scaled.unwrap_or((1.0, &unit_suffix, spec.decimals));
        let full_range = input_range(input);
        let full_range = match at_most {
            Some(max) => *full_range.start()..=full_range.end().min(max),
            None => full_range,
        };
        let field_range = *full_range.start() / scale..=*full_range.end() / scale;
        let label = ui.label(input.label(lang));
        let format = Format {
            range: field_range,
            speed: spec.step / scale,
            suffix,
            decimals,
            shown_as: None,
            typed: std::cell::RefCell::new(None),
        };
        ui.horizontal(|ui| match target {
            Target::Number(value) => {
                let mut shown = *value / scale;
                let response = format.add(ui, &mut shown, label.id, lang);
                if response.changed() {
                    *value = shown * scale;
                }
                response
            }
            Target::Count(value) => {
                let mut shown = f64::from(*value);
                let response = format.add(ui, &mut shown, label.id, lang);
                if response.changed() {
                    *value = shown.round() as u32;
                }
                response
            }
            Target::Override { value, effective } => {
                let mut shown = value.unwrap_or(effective) / scale;
                let hint = reset_hint.unwrap_or(i18n::strings(lang).app.reset_to_snapshot);
                let mut response = format.add(ui, &mut shown, label.id, lang);
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
            }
        })
        .inner
    }
}

/// How a plain number field (no `Input` of its own) shows its value.
pub struct PlainNumber<'s> {
    pub range: std::ops::RangeInclusive<f64>,
    pub speed: f64,
    pub suffix: &'s str,
    pub shown_as: fn(f64) -> String,
}

/// A number field that is no `Input` of its own (a share of the energy mix): typed text is read
/// as in every input field (a decimal comma, a trailing `%`), and a text that is no number, or a
/// value clamped to `range`, is said beside the field.
pub fn number_field(
    ui: &mut egui::Ui,
    value: &mut f64,
    shown: PlainNumber<'_>,
    label: egui::Id,
    lang: Lang,
) -> egui::Response {
    let format = Format {
        range: shown.range,
        speed: shown.speed,
        suffix: shown.suffix,
        decimals: 2,
        shown_as: Some(shown.shown_as),
        typed: std::cell::RefCell::new(None),
    };
    format.add(ui, value, label, lang)
}

/// How a field shows its number, and what it made of the text typed into it this frame.
struct Format<'s> {
    range: std::ops::RangeInclusive<f64>,
    speed: f64,
    suffix: &'s str,
    decimals: usize,
    /// How the number is written in the field, where not with `decimals` (a mix share's one
    /// decimal, two for a tiny share).
    shown_as: Option<fn(f64) -> String>,
    /// The last text the field parsed this frame, and what it read.
    typed: std::cell::RefCell<Option<(String, Option<Parsed>)>>,
}

impl Format<'_> {
    /// Adds the number field, then notes beside it what became of a typed value that was not
    /// taken as it stood (rejected, clamped, or a comma read as a decimal point).
    fn add(
        &self,
        ui: &mut egui::Ui,
        shown: &mut f64,
        label: egui::Id,
        lang: Lang,
    ) -> egui::Response {
        let mut drag = egui::DragValue::new(shown)
            .range(self.range.clone())
            .speed(self.speed)
            .suffix(self.suffix.to_string())
            .max_decimals(self.decimals)
            .custom_parser(|text| {
                let parsed = parse_number(text.trim_end_matches('%').trim(), self.decimals == 0);
                *self.typed.borrow_mut() = Some((text.to_string(), parsed));
                parsed.map(|p| p.value)
            });
        if let Some(shown_as) = self.shown_as {
            drag = drag.custom_formatter(move |x, _| shown_as(x));
        }
        let response = ui.add(drag).labelled_by(label);
        let key = response.id.with("typed-note");
        if let Some((text, parsed)) = self.typed.borrow_mut().take() {
            let typed = match parsed {
                Some(p) if !self.range.contains(&p.value) => Some(Typed::Clamped { to: *shown }),
                Some(p) if p.ambiguous_comma => Some(Typed::ReadAs { text, to: p.value }),
                Some(_) => None,
                // Half-typed text ("", "-") is only wrong once the edit is over.
                None if response.has_focus() && is_unfinished(&text) => None,
                None => Some(Typed::Rejected { text }),
            };
            let shown = *shown;
            ui.data_mut(|d| match typed {
                Some(typed) => {
                    d.insert_temp(key, FieldNote { typed, shown });
                }
                None => d.remove::<FieldNote>(key),
            });
        }
        let note = ui.data(|d| d.get_temp::<FieldNote>(key));
        match note {
            // Another edit (a drag, a reset, an undo, a file) moved the value on.
            Some(note) if note.shown != *shown => {
                ui.data_mut(|d| d.remove::<FieldNote>(key));
            }
            Some(note) => self.show_note(ui, &response, &note.typed, lang),
            None => {}
        }
        response
    }

    fn show_note(&self, ui: &mut egui::Ui, field: &egui::Response, typed: &Typed, lang: Lang) {
        let s = &i18n::strings(lang).app;
        let number = |x: f64| {
            let digits = ui.style().number_formatter.format(x, 0..=self.decimals);
            format!("{digits}{}", self.suffix)
        };
        let (text, color) = match typed {
            Typed::Rejected { text } => (
                i18n::fill(s.field_not_a_number, &[("text", text)]),
                ui.visuals().error_fg_color,
            ),
            Typed::Clamped { to } => (
                i18n::fill(s.field_clamped, &[("limit", &number(*to))]),
                ui.visuals().warn_fg_color,
            ),
            Typed::ReadAs { text, to } => (
                i18n::fill(s.field_read_as, &[("text", text), ("value", &number(*to))]),
                ui.visuals().warn_fg_color,
            ),
        };
        ui.painter().rect_stroke(
            field.rect.expand(1.0),
            ui.visuals().widgets.inactive.corner_radius,
            egui::Stroke::new(1.5, color),
            egui::StrokeKind::Outside,
        );
        ui.label(egui::RichText::new(text).small().color(color));
    }
}

/// What became of the text typed into a field, when it was not taken as it stood. It stays
/// beside the field while the field shows the value it left (`shown`).
#[derive(Clone, Debug, PartialEq)]
struct FieldNote {
    typed: Typed,
    shown: f64,
}

#[derive(Clone, Debug, PartialEq)]
enum Typed {
    /// Not a number: the field kept its value.
    Rejected { text: String },
    /// Outside the field's range: the value became this end of it.
    Clamped { to: f64 },
    /// A comma that could also group thousands ("1,500") was read as a decimal point.
    ReadAs { text: String, to: f64 },
}

/// A number read from a field's text.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Parsed {
    value: f64,
    /// A single comma with three digits after it was read as the decimal point.
    ambiguous_comma: bool,
}

/// Reads a typed number as people write them: a decimal comma (`0,038`) or point; the other
/// mark grouping thousands when both are there (`1,234.5`, `1.234,5`) or when it comes more than
/// once (`1,000,000`) or, in a field of `whole` numbers, before three digits (`65,000`);
/// spaces anywhere; the minus sign and the full-width digits and marks of a
/// Chinese input method. Infinities and NaN are not numbers a field can hold.
fn parse_number(text: &str, whole: bool) -> Option<Parsed> {
    let text: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10).unwrap_or(c),
            '，' => ',',
            '．' | '。' => '.',
            '−' | '－' => '-',
            _ => c,
        })
        .collect();
    let three_digits = |s: &str| s.len() == 3 && s.chars().all(|c| c.is_ascii_digit());
    let (decimal, grouping) = match (text.rfind(','), text.rfind('.')) {
        (Some(comma), Some(point)) if comma > point => (',', '.'),
        // "65,000" in a whole-dollar field is sixty-five thousand.
        (Some(comma), None)
            if text.matches(',').count() == 1 && !(whole && three_digits(&text[comma + 1..])) =>
        {
            (',', '.')
        }
        _ => ('.', ','),
    };
    let (whole, fraction) = match text.split_once(decimal) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text.as_str(), None),
    };
    let mut groups = whole.split(grouping);
    let first = groups.next().unwrap_or_default();
    let mut digits = first.to_string();
    for group in groups {
        // A grouping mark stands before exactly three digits.
        if !three_digits(group) {
            return None;
        }
        digits.push_str(group);
    }
    if let Some(fraction) = fraction {
        digits.push('.');
        digits.push_str(fraction);
    }
    let value: f64 = digits.parse().ok()?;
    // "1,500" could mean 1500 where commas group thousands: say how it was read.
    let ambiguous_comma = decimal == ','
        && !whole.contains(grouping)
        && fraction.is_some_and(three_digits)
        && !first
            .trim_start_matches(['-', '+'])
            .trim_start_matches('0')
            .is_empty();
    value.is_finite().then_some(Parsed {
        value,
        ambiguous_comma,
    })
}

/// A typed number read as every input field reads it ([`parse_number`]; a trailing `%` is
/// dropped), for the fields of the editors.
pub(super) fn parse_typed(text: &str, whole: bool) -> Option<f64> {
    parse_number(text.trim_end_matches('%').trim(), whole).map(|p| p.value)
}

/// Text a number is still being typed into: nothing yet, or only a sign or a mark.
fn is_unfinished(text: &str) -> bool {
    matches!(text.trim(), "" | "-" | "+" | "." | "," | "-." | "-,")
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

/// A month field: a drag value over the months from `min` to `max`, shown and typed as YYYY-MM.
pub fn month_field(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut crate::history::Month,
    min: crate::history::Month,
    max: crate::history::Month,
) {
    let label = ui.label(label);
    let mut index = f64::from(value.index());
    ui.add(
        egui::DragValue::new(&mut index)
            .range(f64::from(min.index())..=f64::from(max.index()))
            .speed(1.0)
            .custom_formatter(|v, _| {
                crate::history::Month::from_index(v.round() as i32).to_string()
            })
            .custom_parser(|text| crate::history::Month::parse(text).map(|m| f64::from(m.index()))),
    )
    .labelled_by(label.id);
    *value = crate::history::Month::from_index(index.round() as i32);
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

    #[test]
    fn typed_numbers_are_read_as_people_write_them() {
        let read =
            |text: &str| super::parse_number(text, false).map(|p| (p.value, p.ambiguous_comma));
        for (text, value) in [
            ("0,038", 0.038),
            ("0.038", 0.038),
            ("-0,5", -0.5),
            ("−2,5", -2.5),
            (" 1 000 ", 1000.0),
            ("1,234.5", 1234.5),
            ("1.234,5", 1234.5),
            ("1,000,000", 1e6),
            ("０，０３８", 0.038),
            ("1e3", 1000.0),
        ] {
            assert_eq!(read(text), Some((value, false)), "{text}");
        }
        // One comma before three digits could group thousands: it is read as a decimal point,
        // and the field says so.
        assert_eq!(read("1,500"), Some((1.5, true)));
        assert_eq!(read("12,000"), Some((12.0, true)));
        // In a field of whole numbers (dollars, watts, units) it groups thousands.
        let whole =
            |text: &str| super::parse_number(text, true).map(|p| (p.value, p.ambiguous_comma));
        assert_eq!(whole("65,000"), Some((65000.0, false)));
        assert_eq!(whole("3,5"), Some((3.5, false)));
        assert_eq!(whole("1,5000"), Some((1.5, false)));
        for text in [
            "abc", "", "-", "1.2.3", "1,5,0", "12,34.5", "inf", "NaN", "1e400", "5 %",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
