//! The Dispatch tab's time-of-use tariff editor: the scenario's `dispatch.tariff`, built from an
//! example or from nothing, period by period (name, months, weekdays, hour ranges, price), with
//! its year and its clock's offset from UTC.
//!
//! The fields edit a draft. Each change is checked as the file reader checks a scenario file
//! ([`check_tariff`]): a tariff that passes goes into the document at once (so it is saved with
//! the scenario, dispatched, and undone like any input, the undo history diffing the
//! document); one that does not stays in the fields with the reader's message beside the field
//! it names, and the document keeps the tariff as it last passed. A change of the document
//! from elsewhere (an undo, a file opened) replaces the draft.

use super::widgets::parse_typed;
use crate::dispatch_doc::{TARIFF_PATH, check_tariff};
use crate::i18n::{self, Lang, fill};
use crate::model::tariff::{Tariff, TariffPeriod, Weekday};
use crate::resolve::ResolveError;
use crate::tariff_examples::TariffExample;
use eframe::egui;

/// The width of the row labels (months, weekdays, hours), px: the toggles line up.
const ROW_LABEL_WIDTH: f32 = 64.0;

/// What the tariff editor shows, for this run of the app.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TariffEditor {
    /// The document's tariff as last seen here: when the document holds another, the editor
    /// shows that one instead of its draft.
    synced: Option<Tariff>,
    /// What the fields show: the document's tariff, or an edit the checks refused.
    pub draft: Option<Tariff>,
}

impl TariffEditor {
    /// Shows the document's tariff if it changed since it was last seen here.
    fn follow(&mut self, doc: &Option<Tariff>) {
        if *doc != self.synced {
            self.synced = doc.clone();
            self.draft = doc.clone();
        }
    }

    /// What the file reader would say of the draft: its first problem, at its path.
    pub fn problem(&self) -> Option<ResolveError> {
        self.draft.as_ref().and_then(|t| check_tariff(t).err())
    }

    /// Puts the draft into `doc` if it passes the checks; true if it did.
    fn store(&mut self, doc: &mut Option<Tariff>) -> bool {
        if self.problem().is_some() {
            return false;
        }
        *doc = self.draft.clone();
        self.synced = self.draft.clone();
        true
    }
}

/// What the editor draws with besides the draft.
struct Context<'a> {
    lang: Lang,
    t: &'static i18n::editors::EditorStrings,
    problem: Option<&'a ResolveError>,
    /// The site's flat price, USD/MWh (a new period starts at it).
    flat_usd_mwh: f64,
}

impl Context<'_> {
    /// The file reader's message, beside the field it names, when it names `field`.
    fn note(&self, ui: &mut egui::Ui, field: &str) {
        if let Some(e) = self.problem.filter(|e| e.field == field) {
            let color = ui.visuals().error_fg_color;
            ui.label(egui::RichText::new(e.localized(self.lang)).color(color));
        }
    }
}

/// The tariff editor, under the Dispatch tab's settings: `editor` is the fields' state (a copy
/// the caller keeps), `tariff` the document's draft, changed when the fields pass the checks.
/// `flat_usd_mwh` is the site's flat price (a new period starts at it).
pub fn tariff_ui(
    ui: &mut egui::Ui,
    editor: &mut TariffEditor,
    tariff: &mut Option<Tariff>,
    imported: bool,
    flat_usd_mwh: f64,
    lang: Lang,
) {
    let t = &i18n::strings(lang).editors;
    editor.follow(tariff);
    let problem = editor.problem();
    let before = editor.draft.clone();
    let cx = Context {
        lang,
        t,
        problem: problem.as_ref(),
        flat_usd_mwh,
    };
    egui::CollapsingHeader::new(egui::RichText::new(t.tariff_heading).strong())
        .id_salt("tariff-editor")
        .default_open(true)
        .show(ui, |ui| {
            if imported {
                ui.label(egui::RichText::new(t.tariff_not_in_use).weak());
            }
            body(ui, &mut editor.draft, &cx);
        });
    if editor.draft != before {
        editor.store(tariff);
        // The message (or its absence) is drawn from the draft as it is now.
        ui.ctx().request_repaint();
    }
}

/// The year a new tariff is laid on: this one's, else the current year.
fn year_for(draft: &Option<Tariff>) -> i32 {
    draft
        .as_ref()
        .map_or_else(|| crate::today().year, |t| t.year)
}

fn body(ui: &mut egui::Ui, draft: &mut Option<Tariff>, cx: &Context<'_>) {
    let t = cx.t;
    let Some(tariff) = draft.as_mut() else {
        ui.label(t.tariff_none);
        examples_ui(ui, draft, cx, false);
        if ui.button(t.empty_tariff).clicked() {
            *draft = Some(Tariff {
                year: year_for(draft),
                utc_offset_minutes: 0,
                periods: Vec::new(),
            });
        }
        return;
    };
    ui.label(egui::RichText::new(t.tariff_rule).small().weak());
    let mut remove_tariff = false;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(t.year);
        ui.add(whole_field(&mut tariff.year, 0.05))
            .labelled_by(label.id);
        ui.separator();
        let label = ui.label(t.utc_offset);
        ui.add(whole_field(&mut tariff.utc_offset_minutes, 0.5))
            .labelled_by(label.id);
        ui.label(egui::RichText::new(fill(t.utc_clock, &[("offset", &clock(tariff))])).weak());
        ui.separator();
        remove_tariff = ui.button(t.remove_tariff).clicked();
    });
    cx.note(ui, &format!("{TARIFF_PATH}.year"));
    cx.note(ui, &format!("{TARIFF_PATH}.utc_offset_minutes"));
    let count = tariff.periods.len();
    let mut action = None;
    for (i, period) in tariff.periods.iter_mut().enumerate() {
        ui.push_id(("tariff-period", i), |ui| {
            if let Some(a) = period_ui(ui, i, count, period, cx) {
                action = Some((i, a));
            }
        });
    }
    match action {
        Some((i, PeriodAction::Up)) if i > 0 => tariff.periods.swap(i - 1, i),
        Some((i, PeriodAction::Down)) if i + 1 < count => tariff.periods.swap(i, i + 1),
        Some((i, PeriodAction::Remove)) => {
            tariff.periods.remove(i);
        }
        _ => {}
    }
    if ui.button(t.add_period).clicked() {
        tariff.periods.push(TariffPeriod {
            name: fill(t.new_period_name, &[("n", &(count + 1).to_string())]),
            price_usd_mwh: cx.flat_usd_mwh,
            ..TariffPeriod::default()
        });
    }
    if cx.problem.is_some() {
        ui.label(egui::RichText::new(t.not_stored).color(ui.visuals().warn_fg_color));
    }
    if remove_tariff {
        *draft = None;
        return;
    }
    egui::CollapsingHeader::new(t.examples_heading)
        .id_salt("tariff-examples")
        .default_open(false)
        .show(ui, |ui| examples_ui(ui, draft, cx, true));
}

/// The examples, each a button with its one-line note; `replacing` when a tariff exists.
fn examples_ui(ui: &mut egui::Ui, draft: &mut Option<Tariff>, cx: &Context<'_>, replacing: bool) {
    let t = cx.t;
    if !replacing {
        ui.label(egui::RichText::new(t.examples_heading).strong());
    }
    let year = year_for(draft);
    egui::Grid::new("tariff-example-list")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for example in TariffExample::ALL {
                let mut button = ui.button(example.name(cx.lang));
                if replacing {
                    button = button.on_hover_text(t.example_replaces);
                }
                if button.clicked() {
                    *draft = Some(example.tariff(year, cx.lang));
                }
                ui.add(
                    egui::Label::new(egui::RichText::new(example.note(cx.lang)).small().weak())
                        .wrap(),
                );
                ui.end_row();
            }
        });
}

/// What a period's buttons ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PeriodAction {
    Up,
    Down,
    Remove,
}

fn period_ui(
    ui: &mut egui::Ui,
    i: usize,
    count: usize,
    p: &mut TariffPeriod,
    cx: &Context<'_>,
) -> Option<PeriodAction> {
    let t = cx.t;
    let at = format!("{TARIFF_PATH}.periods[{i}]");
    let mut action = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            let n = (i + 1).to_string();
            ui.label(egui::RichText::new(fill(t.period, &[("n", &n)])).strong());
            let label = ui.label(t.name);
            ui.add(egui::TextEdit::singleline(&mut p.name).desired_width(110.0))
                .labelled_by(label.id);
            let label = ui.label(t.price);
            ui.add(
                egui::DragValue::new(&mut p.price_usd_mwh)
                    .speed(0.5)
                    .max_decimals(2)
                    .custom_parser(|s| parse_typed(s, false)),
            )
            .labelled_by(label.id);
            for (enabled, text, a) in [
                (i > 0, t.move_up, PeriodAction::Up),
                (i + 1 < count, t.move_down, PeriodAction::Down),
                (true, t.remove_period, PeriodAction::Remove),
            ] {
                if ui
                    .add_enabled(enabled, egui::Button::new(text).small())
                    .clicked()
                {
                    action = Some(a);
                }
            }
        });
        cx.note(ui, &format!("{at}.price_usd_mwh"));
        months_ui(ui, p, cx);
        cx.note(ui, &format!("{at}.months"));
        weekdays_ui(ui, p, cx);
        hours_ui(ui, p, cx);
        cx.note(ui, &format!("{at}.hours"));
    });
    action
}

/// A row's label, as wide as the others so that their toggles line up; the toggles after it
/// sit close together.
fn row_label(ui: &mut egui::Ui, text: &str) {
    ui.horizontal(|ui| {
        ui.set_min_width(ROW_LABEL_WIDTH);
        ui.label(text);
    });
    ui.spacing_mut().item_spacing.x = 3.0;
}

/// "none chosen: all" beside an empty list.
fn all_when_empty(ui: &mut egui::Ui, empty: bool, cx: &Context<'_>) {
    if empty {
        // Whole, on the next line if the row is full.
        ui.add(egui::Label::new(egui::RichText::new(cx.t.all_of_them).small().weak()).extend());
    }
}

fn months_ui(ui: &mut egui::Ui, p: &mut TariffPeriod, cx: &Context<'_>) {
    ui.horizontal_wrapped(|ui| {
        row_label(ui, cx.t.months);
        for (m, name) in (1..=12).zip(cx.t.month_names) {
            if ui.selectable_label(p.months.contains(&m), name).clicked() {
                toggle(&mut p.months, m);
                p.months.sort_unstable();
            }
        }
        all_when_empty(ui, p.months.is_empty(), cx);
    });
}

fn weekdays_ui(ui: &mut egui::Ui, p: &mut TariffPeriod, cx: &Context<'_>) {
    ui.horizontal_wrapped(|ui| {
        row_label(ui, cx.t.weekdays);
        for (day, name) in Weekday::ALL.into_iter().zip(cx.t.weekday_names) {
            if ui
                .selectable_label(p.weekdays.contains(&day), name)
                .clicked()
            {
                toggle(&mut p.weekdays, day);
                p.weekdays.sort_unstable_by_key(|d| d.index());
            }
        }
        all_when_empty(ui, p.weekdays.is_empty(), cx);
    });
}

fn hours_ui(ui: &mut egui::Ui, p: &mut TariffPeriod, cx: &Context<'_>) {
    let t = cx.t;
    let mut remove = None;
    ui.horizontal_wrapped(|ui| {
        row_label(ui, t.hours);
        all_when_empty(ui, p.hours.is_empty(), cx);
        for (k, (from, to)) in p.hours.iter_mut().enumerate() {
            ui.push_id(("hours", k), |ui| {
                // One range kept together when the row wraps.
                ui.horizontal(|ui| {
                    let label = ui.label(t.from);
                    ui.add(whole_field(from, 0.05)).labelled_by(label.id);
                    let label = ui.label(t.to);
                    ui.add(whole_field(to, 0.05)).labelled_by(label.id);
                    if ui.add(egui::Button::new(t.remove).small()).clicked() {
                        remove = Some(k);
                    }
                });
            });
            ui.separator();
        }
        if ui.add(egui::Button::new(t.add_hours).small()).clicked() {
            // On from where the last range ends, an hour long; the whole day if none.
            let range = match p.hours.last() {
                Some(&(_, to)) => (to % 24, to % 24 + 1),
                None => (0, 24),
            };
            p.hours.push(range);
        }
    });
    if let Some(k) = remove {
        p.hours.remove(k);
    }
}

/// A field for a whole number that takes any value typed (the checks then say what is
/// allowed, as the file reader does), reading it as every input field does.
fn whole_field<N: egui::emath::Numeric>(value: &mut N, speed: f64) -> egui::DragValue<'_> {
    egui::DragValue::new(value)
        .speed(speed)
        .max_decimals(0)
        .custom_parser(|s| parse_typed(s, true))
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T) {
    match list.iter().position(|x| *x == item) {
        Some(i) => {
            list.remove(i);
        }
        None => list.push(item),
    }
}

/// The tariff's clock as `−06:00`.
fn clock(tariff: &Tariff) -> String {
    let minutes = tariff.utc_offset_minutes;
    let sign = if minutes < 0 { '\u{2212}' } else { '+' };
    let minutes = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}
