//! Result cards: each figure with its unit, its uncertainty band where it is a carbon figure,
//! and a tooltip giving its formula and the sources of its inputs.

use super::App;
use super::widgets::badge;
use crate::figures::{Figure, Group};
use crate::format::{self, co2_kg, number, usd};
use crate::i18n::{Lang, Strings, fill};
use crate::model::{Evaluation, Scenario};
use crate::presets::Grade;
use eframe::egui;

/// The contract's figures that have a card, in the order shown; the levers' cards follow while
/// their lever is on.
const CARDS: [Figure; 12] = [
    Figure::PowerKw,
    Figure::EnergyMwhPerYear,
    Figure::GridIntensityGPerKwh,
    Figure::Co2TPerYear,
    Figure::Co2TPerBtc,
    Figure::BtcPerDay,
    Figure::ProfitUsdPerDay,
    // The cash break-even beside the all-in cost, so one is not read for the other.
    Figure::BreakEvenBtcPriceUsd,
    Figure::AllInCostPerBtcUsd,
    Figure::BreakEvenElectricityUsdKwh,
    Figure::HashpriceUsdPerPhDay,
    Figure::PaybackDays,
];

/// The four figures a miner decides by: the summary strip's, in this order.
pub const DECIDING: [Figure; 4] = [
    Figure::BreakEvenBtcPriceUsd,
    Figure::ProfitUsdPerDay,
    Figure::Co2TPerBtc,
    Figure::PaybackDays,
];

/// A card's title: the figure's label, the break-even named as the cash one.
pub fn card_label(figure: Figure, lang: Lang) -> &'static str {
    if figure == Figure::BreakEvenBtcPriceUsd {
        crate::i18n::strings(lang).app.card_cash_break_even
    } else {
        figure.words(lang).label
    }
}

/// The figures shown as cards for `e` when all are shown: the headline cards, the levers'
/// that are on, then every other figure `e` has in the text report's order. Every figure of
/// the table has a card.
fn card_figures(e: &Evaluation) -> Vec<Figure> {
    let mut figures: Vec<Figure> = CARDS
        .into_iter()
        .chain(Figure::of_group(Group::Lever).filter(|f| f.applies_to(e)))
        .collect();
    let rest: Vec<Figure> = Figure::in_report_order()
        .into_iter()
        .filter(|f| f.applies_to(e) && !figures.contains(f))
        .collect();
    figures.extend(rest);
    figures
}

/// One card's content.
struct Card {
    figure: Figure,
    value: String,
    detail: Option<(String, Option<egui::Color32>)>,
    estimate: bool,
    /// What the card's value or range means, in its tooltip.
    note: Option<&'static str>,
    /// A label more precise than the figure's own, where a card needs one.
    label: Option<&'static str>,
}

/// What every card is drawn from.
struct Context<'a> {
    e: &'a Evaluation,
    lang: Lang,
    strings: &'static Strings,
    btc_price_usd: f64,
    electricity_usd_per_kwh: f64,
    region_estimate: bool,
    /// The projection's payback month (with halvings and growth), and its horizon.
    projection_payback: (Option<u32>, u32),
    good: egui::Color32,
    bad: egui::Color32,
}

/// The profit card's sum, each amount at the decimals of the profit as every output shows it,
/// so that the detail adds up to the value shown: revenue + other income − costs = profit.
#[derive(Debug, PartialEq)]
struct ProfitSum {
    revenue: String,
    /// The levers' demand-response credit and heat sold; `None` when there is none.
    other: Option<String>,
    costs: String,
    profit: String,
}

impl ProfitSum {
    fn of(e: &Evaluation, lang: Lang) -> ProfitSum {
        let other = e.other_income_usd_per_day();
        let profit = e.profit_usd_per_day;
        // The profit as every output shows it, and each amount at its number of decimals.
        let shown = Figure::ProfitUsdPerDay.format_value(Some(profit), lang);
        let decimals = shown
            .split_once('.')
            .map_or(0, |(_, fraction)| fraction.len());
        let scale = 10f64.powi(decimals as i32);
        let units = |x: f64| (x * scale).round();
        let (revenue_units, other_units, profit_units) =
            (units(e.revenue_usd_per_day), units(other), units(profit));
        // Each amount rounded on its own may be a unit off the sum: the costs take up the
        // difference, so the detail adds up to the profit shown.
        let costs_units = revenue_units + other_units - profit_units;
        let money = |units: f64| {
            let text = format::fixed((units / scale).abs(), decimals);
            if units < 0.0 {
                format!("-${text}")
            } else {
                format!("${text}")
            }
        };
        ProfitSum {
            revenue: money(revenue_units),
            other: (other_units != 0.0).then(|| money(other_units)),
            costs: money(costs_units),
            profit: shown,
        }
    }

    /// The card's detail line in the language of `s`.
    fn detail(&self, s: &crate::i18n::app::AppStrings) -> String {
        match &self.other {
            None => fill(
                s.card_revenue_costs,
                &[("revenue", &self.revenue), ("costs", &self.costs)],
            ),
            Some(other) => fill(
                s.card_revenue_other_costs,
                &[
                    ("revenue", &self.revenue),
                    ("other", other),
                    ("costs", &self.costs),
                ],
            ),
        }
    }
}

/// A card's line under its value, with its colour if it has one.
type Detail = Option<(String, Option<egui::Color32>)>;

/// The card of `figure`: its value as every output shows it, and the card's own line under it.
fn card(figure: Figure, c: &Context) -> Card {
    let s = &c.strings.app;
    let value = figure.format_value(figure.value(c.e), c.lang);
    let detail = match figure {
        Figure::PowerKw
        | Figure::EnergyMwhPerYear
        | Figure::GridIntensityGPerKwh
        | Figure::Co2TPerYear
        | Figure::Co2TPerBtc
        | Figure::HeatDisplacedCo2TPerYear
        | Figure::FlaringAvoidedCo2TPerYear => energy_detail(figure, c),
        Figure::PaybackDays => payback_detail(c),
        _ => money_detail(figure, c),
    };
    let estimate = match figure {
        Figure::GridIntensityGPerKwh | Figure::Co2TPerYear | Figure::Co2TPerBtc => {
            c.region_estimate
        }
        // Counterfactuals beside the site's own emissions, never netted into them.
        Figure::HeatDisplacedCo2TPerYear | Figure::FlaringAvoidedCo2TPerYear => true,
        _ => false,
    };
    let note = match figure {
        // "11–1,959 g" around Québec's 35 g is the table's spread, not an error: say so.
        Figure::GridIntensityGPerKwh | Figure::Co2TPerYear | Figure::Co2TPerBtc => {
            Some(s.band_explained)
        }
        Figure::PaybackDays => Some(s.payback_explained),
        _ => None,
    };
    let label = Some(card_label(figure, c.lang));
    Card {
        figure,
        value,
        detail,
        estimate,
        note,
        label,
    }
}

fn plain(text: String) -> Detail {
    Some((text, None))
}

fn tonnes(t: f64) -> String {
    co2_kg(t * 1000.0)
}

/// Another figure's value as every output shows it, for a card's line.
fn shown(figure: Figure, c: &Context) -> String {
    figure.format_value(figure.value(c.e), c.lang)
}

/// Under power, energy, the grid's intensity and CO₂: the fleet, the energy a day, the emission
/// table's band, or what a counterfactual is.
fn energy_detail(figure: Figure, c: &Context) -> Detail {
    let (e, s) = (c.e, &c.strings.app);
    let band = |central: f64, show: &dyn Fn(f64) -> String| {
        let (low, high) = e.carbon_band(central);
        fill(s.band, &[("low", &show(low)), ("high", &show(high))])
    };
    match figure {
        Figure::PowerKw => plain(format!(
            "{} · {}",
            shown(Figure::FleetHashrateThs, c),
            shown(Figure::EfficiencyJPerTh, c)
        )),
        Figure::EnergyMwhPerYear => plain(fill(
            s.card_per_day,
            &[("value", &shown(Figure::EnergyKwhPerDay, c))],
        )),
        Figure::GridIntensityGPerKwh => {
            plain(band(e.grid_intensity_g_per_kwh, &|x| format::fixed(x, 0)))
        }
        Figure::Co2TPerYear => plain(band(e.co2_t_per_year, &tonnes)),
        Figure::Co2TPerBtc => figure.value(e).and_then(|t| plain(band(t, &tonnes))),
        Figure::HeatDisplacedCo2TPerYear => plain(s.not_netted.to_string()),
        Figure::FlaringAvoidedCo2TPerYear => plain(s.counterfactual.to_string()),
        _ => None,
    }
}

/// Under BTC, profit, the break-evens and hashprice: a year's BTC, the profit's sum, the BTC
/// price against the break-even, today's power price, the hardware, the network.
fn money_detail(figure: Figure, c: &Context) -> Detail {
    let (e, s) = (c.e, &c.strings.app);
    match figure {
        Figure::BtcPerDay => plain(fill(
            s.card_btc_per_year,
            &[(
                "value",
                &number(e.btc_per_day * crate::model::DAYS_PER_YEAR),
            )],
        )),
        Figure::ProfitUsdPerDay => {
            let color = if e.profit_usd_per_day >= 0.0 {
                c.good
            } else {
                c.bad
            };
            Some((ProfitSum::of(e, c.lang).detail(s), Some(color)))
        }
        Figure::BreakEvenBtcPriceUsd => figure.value(e).map(|be| {
            let price = usd(c.btc_price_usd);
            if be <= c.btc_price_usd {
                (
                    fill(s.vs_price_profitable, &[("price", &price)]),
                    Some(c.good),
                )
            } else {
                (fill(s.vs_price_losing, &[("price", &price)]), Some(c.bad))
            }
        }),
        Figure::BreakEvenElectricityUsdKwh => plain(fill(
            s.card_power_now,
            &[("price", &usd(c.electricity_usd_per_kwh))],
        )),
        Figure::AllInCostPerBtcUsd => plain(fill(
            s.card_hardware,
            &[("cost", &usd(e.hardware_cost_usd))],
        )),
        Figure::HashpriceUsdPerPhDay => plain(fill(
            s.card_network,
            &[("value", &number(e.network_hashrate_ehs))],
        )),
        _ => None,
    }
}

/// Under today's simple payback, the projection's (with halvings and growth), so the two never
/// disagree silently.
fn payback_detail(c: &Context) -> Detail {
    let s = &c.strings.app;
    plain(match c.projection_payback {
        (Some(month), _) => fill(s.payback_projection_month, &[("month", &month.to_string())]),
        (None, months) => fill(
            s.payback_projection_never,
            &[("months", &months.to_string())],
        ),
    })
}

pub fn results_ui(app: &App, ui: &mut egui::Ui) {
    let strings = app.strings();
    let s = &strings.app;
    let lang = app.session.lang();
    let computed = match &app.computed {
        Ok(c) => c,
        Err(e) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                fill(s.resolve_problem, &[("error", &e.localized(lang))]),
            );
            return;
        }
    };
    let e = &computed.evaluation;
    let context = Context {
        e,
        lang,
        strings,
        btc_price_usd: computed.scenario.market.btc_price_usd,
        electricity_usd_per_kwh: computed.scenario.site.electricity_usd_per_kwh,
        region_estimate: app
            .session
            .doc
            .site
            .preset_region_id()
            .and_then(|id| app.library.region(id))
            .is_some_and(|reg| reg.intensity.grade == Grade::Estimate),
        projection_payback: (
            computed.charts.projection.projection.payback_month,
            computed.charts.projection.projection.months.len() as u32,
        ),
        good: super::theme::gain_text(ui.visuals()),
        bad: ui.visuals().error_fg_color,
    };
    let all = app.session.all_figures;
    let cards: Vec<Card> = if all {
        card_figures(e)
            .into_iter()
            .map(|f| card(f, &context))
            .collect()
    } else {
        DECIDING.into_iter().map(|f| card(f, &context)).collect()
    };
    // A fleet that is a large part of the network would raise the difficulty itself, which the
    // figures below do not follow: said above them, as the command line says it.
    let share_pct = crate::model::evaluate::network_share_pct(
        &computed.scenario,
        computed.scenario.market.network_hashrate_hs(),
    );
    if let Some(warning) = crate::history::backtest::network_share_warning(share_pct, lang) {
        ui.colored_label(ui.visuals().warn_fg_color, warning);
    }

    let sources = computed.charts.sources.join("\n");
    // All the cards: as many a row as fit, the rest below. The strip: its four in one row,
    // each a quarter of the width.
    let (per_row, width) = if all {
        let per_row = ((ui.available_width() + CARD_GAP) / (CARD_OUTER_WIDTH + CARD_GAP))
            .floor()
            .max(1.0) as usize;
        (per_row, CARD_WIDTH)
    } else {
        let n = DECIDING.len() as f32;
        // Room spare for the frames. strokes and the scroll bar.
        let outer = (ui.available_width() - 16.0 - CARD_GAP * (n - 1.0)) / n;
        (
            DECIDING.len(),
            (outer - (CARD_OUTER_WIDTH - CARD_WIDTH)).max(90.0),
        )
    };
    for row in cards.chunks(per_row) {
        ui.horizontal_top(|ui| {
            ui.spacing_mut().item_spacing.x = CARD_GAP;
            for card in row {
                card_ui(ui, card, width, lang, &sources, s);
            }
        });
        ui.add_space(4.0);
    }
    let w = &strings.workspace;
    let toggle = if all { w.fewer_figures } else { w.all_figures };
    if ui.link(egui::RichText::new(toggle).small()).clicked() {
        app.queue(super::Command::ShowAllFigures(!all));
    }
    if all {
        scope_table_ui(ui, e, &computed.scenario, lang);
    }
}

/// The Scope 1/2/3 table (GHG Protocol): each figure, its value, and how it was reached.
fn scope_table_ui(ui: &mut egui::Ui, e: &Evaluation, scenario: &Scenario, lang: Lang) {
    let d = &crate::i18n::strings(lang).disclosure;
    egui::CollapsingHeader::new(d.section_scopes)
        .id_salt("scope-table")
        .default_open(false)
        .show(ui, |ui| {
            // The results panel is short: the table scrolls rather than pushing the charts away.
            egui::ScrollArea::vertical()
                .max_height(150.0)
                .show(ui, |ui| {
                    egui::Grid::new("scope-grid")
                        .num_columns(3)
                        .striped(true)
                        .show(ui, |ui| {
                            let energy = Figure::EnergyKwhPerYear;
                            ui.label(energy.words(lang).label);
                            ui.label(energy.format_number_with_unit(energy.value(e), lang));
                            ui.label("");
                            ui.end_row();
                            for row in crate::site_scope::scope_rows(e, scenario, lang) {
                                let words = row.figure.words(lang);
                                ui.label(words.label).on_hover_text(words.formula);
                                ui.label(row.figure.format_number_with_unit(row.value, lang));
                                ui.add(
                                    egui::Label::new(
                                        egui::RichText::new(&row.basis).small().weak(),
                                    )
                                    .wrap(),
                                );
                                ui.end_row();
                            }
                        });
                    ui.label(egui::RichText::new(d.apart_note).small().weak());
                });
        });
}

/// A card's content width, and its width with the frame's margins and stroke.
const CARD_WIDTH: f32 = 178.0;
const CARD_OUTER_WIDTH: f32 = CARD_WIDTH + 2.0 * 10.0 + 2.0;
const CARD_GAP: f32 = 8.0;

fn card_ui(
    ui: &mut egui::Ui,
    card: &Card,
    width: f32,
    lang: Lang,
    sources: &str,
    s: &crate::i18n::app::AppStrings,
) {
    let (inputs_from, estimate) = (s.inputs_from, s.estimate_badge);
    let words = card.figure.words(lang);
    let label = card.label.unwrap_or(words.label);
    let response = egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.set_width(width);
            ui.vertical(|ui| {
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new(label).small().weak());
                    if card.estimate {
                        badge(ui, estimate);
                    }
                });
                ui.label(egui::RichText::new(&card.value).size(19.0).strong());
                if let Some((detail, color)) = &card.detail {
                    let mut text = egui::RichText::new(detail).small();
                    if let Some(color) = color {
                        text = text.color(*color);
                    }
                    // Wrapped, not cut: the profit's sum must be read whole to add up.
                    ui.add(egui::Label::new(text).wrap());
                }
            });
        })
        .response;
    response.on_hover_ui(|ui| {
        ui.set_max_width(420.0);
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(label).strong());
            ui.label(egui::RichText::new(words.unit).weak());
        });
        ui.label(egui::RichText::new(words.formula).monospace());
        if let Some(note) = card.note {
            ui.label(note);
        }
        ui.separator();
        ui.label(inputs_from);
        ui.label(egui::RichText::new(sources).small());
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PresetLibrary;

    fn texas() -> Evaluation {
        let library = PresetLibrary::builtin();
        let mut doc = library.scenario("texas-s21").unwrap().doc.clone();
        doc.levers.heat_reuse = Some(crate::model::levers::HeatReuse {
            share_pct: 50.0,
            price_usd_per_mwh_heat: 30.0,
            ..Default::default()
        });
        crate::model::evaluate(&doc.resolve(&library).unwrap())
    }

    /// The window's context for `e` in `lang`, with plain colours.
    fn context(e: &Evaluation, lang: Lang) -> Context<'_> {
        Context {
            e,
            lang,
            strings: crate::i18n::strings(lang),
            btc_price_usd: 90_000.0,
            electricity_usd_per_kwh: 0.05,
            region_estimate: false,
            projection_payback: (None, 36),
            good: egui::Color32::GREEN,
            bad: egui::Color32::RED,
        }
    }

    #[test]
    fn every_figure_has_a_card_whose_value_reads_as_everywhere() {
        let library = PresetLibrary::builtin();
        let mut doc = library.scenario("texas-s21").unwrap().doc.clone();
        doc.levers = crate::model::levers::Levers {
            renewable: Some(Default::default()),
            curtailment: Some(Default::default()),
            heat_reuse: Some(crate::model::levers::HeatReuse {
                share_pct: 50.0,
                price_usd_per_mwh_heat: 30.0,
                ..Default::default()
            }),
            flared_gas: Some(Default::default()),
        };
        let e = crate::model::evaluate(&doc.resolve(&library).unwrap());
        // And with no fleet, where several figures are undefined and payback is never.
        let mut idle = library.scenario("texas-s21").unwrap().doc.clone();
        idle.fleet[0].units = 0;
        let idle = crate::model::evaluate(&idle.resolve(&library).unwrap());
        assert!(idle.payback_days.is_none() && idle.co2_t_per_btc.is_none());
        for e in [&e, &idle] {
            let shown = card_figures(e);
            for lang in Lang::ALL {
                let c = context(e, lang);
                for f in Figure::all().filter(|f| f.applies_to(e)) {
                    assert_eq!(shown.iter().filter(|&&g| g == f).count(), 1, "{f:?}");
                    let card = card(f, &c);
                    assert_eq!(card.value, f.format_value(f.value(e), lang), "{f:?}");
                }
            }
        }
        assert!(Figure::all().all(|f| f.applies_to(&e)));
        assert_eq!(card_figures(&e).len(), crate::figures::TABLE.len());
        let never = card(Figure::PaybackDays, &context(&idle, Lang::En));
        assert_eq!(never.value, "never");
    }

    #[test]
    fn the_profit_sum_names_the_heat_sold_and_adds_up() {
        let sum = ProfitSum::of(&texas(), Lang::En);
        let en = sum.detail(&crate::i18n::strings(Lang::En).app);
        let zh = sum.detail(&crate::i18n::strings(Lang::Zh).app);
        let (r, o, c, p) = (
            &sum.revenue,
            sum.other.as_ref().unwrap(),
            &sum.costs,
            &sum.profit,
        );
        assert_eq!(en, format!("{r} revenue + {o} other − {c} costs"));
        assert_eq!(zh, format!("收入 {r} + 其他收入 {o} − 成本 {c}"));
        let amount = |s: &str| {
            s.trim_start_matches('$')
                .replace(',', "")
                .parse::<f64>()
                .unwrap()
        };
        assert!(
            (amount(r) + amount(o) - amount(c) - amount(p)).abs() < 1e-9,
            "{en} = {p}"
        );
    }

    #[test]
    fn the_costs_take_up_what_rounding_each_amount_loses() {
        let mut e = texas();
        e.curtailment_credit_usd_per_day = None;
        e.heat_revenue_usd_per_day = None;
        e.revenue_usd_per_day = 2.0006;
        e.electricity_cost_usd_per_day = 1.0004;
        e.opex_usd_per_day = 0.0;
        e.carbon_cost_usd_per_day = 0.0;
        e.profit_usd_per_day = 1.0002;
        // Rounded one by one: $2.001 − $1.000 = $1.001, not the $1.000 shown.
        let sum = ProfitSum::of(&e, Lang::En);
        assert_eq!(
            sum,
            ProfitSum {
                revenue: "$2.001".into(),
                other: None,
                costs: "$1.001".into(),
                profit: "$1.000".into(),
            }
        );

        // A loss, with the amounts at the precision of the profit as every output shows it.
        e.revenue_usd_per_day = 1234.5;
        e.electricity_cost_usd_per_day = 1300.25;
        e.profit_usd_per_day = -65.75;
        e.heat_revenue_usd_per_day = Some(0.0);
        let sum = ProfitSum::of(&e, Lang::En);
        assert_eq!(
            (
                sum.revenue.as_str(),
                sum.other,
                sum.costs.as_str(),
                sum.profit.as_str()
            ),
            ("$1,234.50", None, "$1,300.25", "-$65.75")
        );
    }
}
