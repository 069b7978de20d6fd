//! Result cards: each figure with its unit, its uncertainty band where it is a carbon figure,
//! and a tooltip giving its formula and the sources of its inputs.

use super::App;
use super::widgets::badge;
use crate::format::{self, co2_kg, energy_kwh, number, power_kw, usd};
use crate::i18n::{fill, results::Figure};
use crate::presets::Grade;
use eframe::egui;

/// One card's content.
struct Card {
    figure: Figure,
    value: String,
    detail: Option<(String, Option<egui::Color32>)>,
    estimate: bool,
}

pub fn results_ui(app: &mut App, ui: &mut egui::Ui) {
    let strings = app.strings();
    let s = &strings.app;
    let r = &strings.results;
    let computed = match &app.computed {
        Ok(c) => c,
        Err(e) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                fill(
                    s.resolve_problem,
                    &[("error", &e.localized(app.session.lang()))],
                ),
            );
            return;
        }
    };
    let e = &computed.evaluation;
    let btc_price = computed.scenario.market.btc_price_usd;
    let region_estimate = app
        .session
        .doc
        .site
        .preset_region_id()
        .and_then(|id| app.library.region(id))
        .is_some_and(|reg| reg.intensity.grade == Grade::Estimate);
    let band = |central: f64, show: &dyn Fn(f64) -> String| {
        let (low, high) = e.carbon_band(central);
        fill(s.band, &[("low", &show(low)), ("high", &show(high))])
    };
    let good = super::widgets::color(crate::palette::GAIN);
    let bad = ui.visuals().error_fg_color;
    let undefined = || format::UNDEFINED.to_string();

    let cards = [
        Card {
            figure: r.power_kw,
            value: power_kw(e.power_kw),
            detail: Some((
                format!(
                    "{} TH/s · {} J/TH",
                    number(e.fleet_hashrate_ths),
                    format::maybe(e.efficiency_j_per_th)
                ),
                None,
            )),
            estimate: false,
        },
        Card {
            figure: r.energy_mwh_per_year,
            value: energy_kwh(e.energy_mwh_per_year * 1000.0),
            detail: Some((
                fill(
                    s.card_per_day,
                    &[("value", &energy_kwh(e.energy_kwh_per_day))],
                ),
                None,
            )),
            estimate: false,
        },
        Card {
            figure: r.grid_intensity_g_per_kwh,
            value: format!("{} g CO₂e/kWh", number(e.grid_intensity_g_per_kwh)),
            detail: Some((
                band(e.grid_intensity_g_per_kwh, &|x| format::fixed(x, 0)),
                None,
            )),
            estimate: region_estimate,
        },
        Card {
            figure: r.co2_t_per_year,
            value: co2_kg(e.co2_t_per_year * 1000.0),
            detail: Some((band(e.co2_t_per_year, &|x| co2_kg(x * 1000.0)), None)),
            estimate: region_estimate,
        },
        Card {
            figure: r.co2_t_per_btc,
            value: e
                .co2_t_per_btc
                .map_or_else(undefined, |t| co2_kg(t * 1000.0)),
            detail: e
                .co2_t_per_btc
                .map(|t| (band(t, &|x| co2_kg(x * 1000.0)), None)),
            estimate: region_estimate,
        },
        Card {
            figure: r.btc_per_day,
            value: format!("{} BTC", number(e.btc_per_day)),
            detail: Some((
                fill(
                    s.card_btc_per_year,
                    &[(
                        "value",
                        &number(e.btc_per_day * crate::model::DAYS_PER_YEAR),
                    )],
                ),
                None,
            )),
            estimate: false,
        },
        Card {
            figure: r.profit_usd_per_day,
            value: usd(e.profit_usd_per_day),
            detail: Some((
                fill(
                    s.card_revenue_costs,
                    &[
                        ("revenue", &usd(e.revenue_usd_per_day)),
                        (
                            "costs",
                            &usd(e.electricity_cost_usd_per_day
                                + e.opex_usd_per_day
                                + e.carbon_cost_usd_per_day),
                        ),
                    ],
                ),
                Some(if e.profit_usd_per_day >= 0.0 {
                    good
                } else {
                    bad
                }),
            )),
            estimate: false,
        },
        Card {
            figure: r.break_even_btc_price_usd,
            value: e.break_even_btc_price_usd.map_or_else(undefined, usd),
            detail: e.break_even_btc_price_usd.map(|be| {
                if be <= btc_price {
                    (
                        fill(s.vs_price_profitable, &[("price", &usd(btc_price))]),
                        Some(good),
                    )
                } else {
                    (
                        fill(s.vs_price_losing, &[("price", &usd(btc_price))]),
                        Some(bad),
                    )
                }
            }),
            estimate: false,
        },
        Card {
            figure: r.break_even_electricity_usd_kwh,
            value: e
                .break_even_electricity_usd_kwh
                .map_or_else(undefined, |p| fill(s.card_per_kwh, &[("value", &usd(p))])),
            detail: Some((
                fill(
                    s.card_power_now,
                    &[(
                        "price",
                        &usd(computed.scenario.site.electricity_usd_per_kwh),
                    )],
                ),
                None,
            )),
            estimate: false,
        },
        Card {
            figure: r.all_in_cost_per_btc_usd,
            value: e.all_in_cost_per_btc_usd.map_or_else(undefined, usd),
            detail: Some((
                fill(s.card_hardware, &[("cost", &usd(e.hardware_cost_usd))]),
                None,
            )),
            estimate: false,
        },
        Card {
            figure: r.hashprice_usd_per_ph_day,
            value: fill(
                s.card_per_ph_day,
                &[("value", &usd(e.hashprice_usd_per_ph_day))],
            ),
            detail: Some((
                fill(
                    s.card_network,
                    &[("value", &number(e.network_hashrate_ehs))],
                ),
                None,
            )),
            estimate: false,
        },
        Card {
            figure: r.payback_days,
            value: match e.payback_days {
                None => r.never.to_string(),
                Some(days) => fill(s.days_value, &[("n", &format::fixed(days, 0))]),
            },
            detail: e.payback_days.map(|d| {
                (
                    fill(
                        s.years_value,
                        &[("n", &format::fixed(d / crate::model::DAYS_PER_YEAR, 1))],
                    ),
                    None,
                )
            }),
            estimate: false,
        },
    ];

    // Lever figures, when any lever is on: beside the site's own, never netted into them.
    let mut lever_cards = Vec::new();
    let lever = |label: &'static str, unit: &'static str, formula: &'static str| {
        crate::i18n::results::Figure {
            label,
            unit,
            formula,
        }
    };
    if let (Some(uptime), Some(credit)) = (e.effective_uptime_pct, e.curtailment_credit_usd_per_day)
    {
        lever_cards.push(Card {
            figure: lever(
                s.card_uptime_after,
                "%",
                "uptime × (1 − hours curtailed / 8,766)",
            ),
            value: format!("{} %", format::fixed(uptime, 1)),
            detail: Some((
                format!("{}: {}", s.card_curtailment_credit, usd(credit)),
                None,
            )),
            estimate: false,
        });
    }
    if let Some(price) = e.supply_price_usd_per_kwh {
        lever_cards.push(Card {
            figure: lever(
                s.card_supply_price,
                "USD/kWh",
                "share × renewable price + (1 − share) × site price",
            ),
            value: fill(s.card_per_kwh, &[("value", &usd(price))]),
            detail: None,
            estimate: false,
        });
    }
    if let (Some(heat), Some(displaced)) =
        (e.heat_revenue_usd_per_day, e.heat_displaced_co2_t_per_year)
    {
        lever_cards.push(Card {
            figure: lever(
                s.card_heat_revenue,
                "USD/day",
                "energy × share used × heat price",
            ),
            value: usd(heat),
            detail: Some((
                format!(
                    "{}: {} / year",
                    s.card_heat_displaced,
                    co2_kg(displaced * 1000.0)
                ),
                None,
            )),
            estimate: false,
        });
        lever_cards.push(Card {
            figure: lever(
                s.card_heat_displaced,
                "t/year",
                "energy × share used × emissions of the heat replaced",
            ),
            value: co2_kg(displaced * 1000.0),
            detail: Some((s.not_netted.to_string(), None)),
            estimate: true,
        });
    }
    if let Some(avoided) = e.flaring_avoided_co2_t_per_year {
        lever_cards.push(Card {
            figure: lever(
                s.card_flaring_avoided,
                "t/year",
                "energy × flaring emissions avoided per kWh",
            ),
            value: co2_kg(avoided * 1000.0),
            detail: Some((s.counterfactual.to_string(), None)),
            estimate: true,
        });
    }

    let sources = computed.charts.sources.join("\n");
    // As many cards a row as fit; the rest wrap below.
    let per_row = ((ui.available_width() + CARD_GAP) / (CARD_OUTER_WIDTH + CARD_GAP))
        .floor()
        .max(1.0) as usize;
    let all_cards: Vec<Card> = cards.into_iter().chain(lever_cards).collect();
    for row in all_cards.chunks(per_row) {
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = CARD_GAP;
            for card in row {
                card_ui(ui, card, &sources, s.inputs_from, s.estimate_badge);
            }
        });
        ui.add_space(4.0);
    }
}

/// A card's content width, and its width with the frame's margins and stroke.
const CARD_WIDTH: f32 = 178.0;
const CARD_OUTER_WIDTH: f32 = CARD_WIDTH + 2.0 * 10.0 + 2.0;
const CARD_GAP: f32 = 8.0;

fn card_ui(ui: &mut egui::Ui, card: &Card, sources: &str, inputs_from: &str, estimate: &str) {
    let response = egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.set_width(CARD_WIDTH);
            ui.vertical(|ui| {
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new(card.figure.label).small().weak());
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
                    ui.add(egui::Label::new(text).truncate());
                }
            });
        })
        .response;
    response.on_hover_ui(|ui| {
        ui.set_max_width(420.0);
        ui.label(egui::RichText::new(card.figure.label).strong());
        ui.label(egui::RichText::new(card.figure.formula).monospace());
        ui.separator();
        ui.label(inputs_from);
        ui.label(egui::RichText::new(sources).small());
    });
}
