//! The Network tab: the whole network's power, energy and CO₂ for the scenario's market
//! (CBECI-style bounds), the migration of mining across the Cambridge maps, and Bitcoin's
//! electricity beside countries'. Every value comes from `network_data`, as `hashwatt network`'s.

use super::charts::named_bar_plot;
use super::widgets::color;
use super::{App, Command};
use crate::format;
use crate::i18n::Localized;
use crate::i18n::{fill, network::NetworkStrings};
use crate::model::limits;
use crate::model::network::{BestGuessBasis, Bound, NetworkEstimate};
use crate::network_data::{
    self, CarbonBasis, CarbonChoice, EmissionPart, EmissionSeries, NAMED_COUNTRIES, NetworkFigures,
    SnapshotCarbon, ViewSettings,
};
use crate::palette;
use eframe::egui;
use egui_plot::{Bar, BarChart, Legend};

/// Height of the two migration charts: room for four bars, and a legend of eight series.
const PLOT_HEIGHT: f32 = 200.0;

/// Hover text of a bar: its name (which carries the value).
type ElementFormatter = Box<dyn Fn(&Bar, &BarChart) -> String>;

/// The colours of the countries in the stacked emissions chart, in order of their weight.
fn country_color(i: usize) -> egui::Color32 {
    const COLORS: [palette::Rgb; NAMED_COUNTRIES] = [
        palette::LOSS,
        palette::SERIES,
        palette::HIGHLIGHT,
        palette::GAIN,
        palette::EVENT,
    ];
    color(COLORS[i % COLORS.len()])
}

pub fn network_ui(app: &App, ui: &mut egui::Ui) {
    let s = &app.strings().network;
    // Computed for the current scenario and `app.network_view`, before the frame.
    let (Ok(_), Some(view)) = (&app.computed, app.derived.network.get()) else {
        ui.label(s.unavailable);
        return;
    };
    let library = &app.library;
    let lang = app.session.lang();

    ui.label(egui::RichText::new(s.title).strong());
    ui.label(egui::RichText::new(s.intro).small().weak());
    let mut state = app.network_view.clone();
    settings_ui(
        ui,
        &mut state,
        view.site_usd_per_kwh,
        &view.site_name,
        library,
        lang,
    );
    let figures = match &view.figures {
        Ok(figures) => figures,
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, e.localized(lang));
            // Back to the defaults (once: if they fail too, there is nothing to go back to).
            if app.network_view != ViewSettings::default() {
                app.queue(Command::SetNetworkView(ViewSettings::default()));
            }
            return;
        }
    };
    if state != app.network_view {
        app.queue(Command::SetNetworkView(state));
    }
    let NetworkFigures {
        market_name,
        month,
        market,
        settings,
        carbon,
        estimate,
        migration,
        emissions,
        countries,
    } = figures;

    ui.separator();
    ui.label(fill(
        s.market_line,
        &[
            ("market", market_name.as_str()),
            ("hashrate", &format::number(market.network_hashrate_ehs())),
            (
                "hashprice",
                &format::usd(market.revenue_usd_per_th_day() * 1000.0),
            ),
        ],
    ));
    ui.label(match estimate.break_even_efficiency_j_per_th {
        Some(j) => fill(
            s.threshold,
            &[
                ("value", &format::number(j)),
                ("price", &format::usd(settings.electricity_usd_per_kwh)),
            ],
        ),
        None => s.threshold_free.to_string(),
    });
    bounds_ui(ui, s, estimate, carbon, *month);

    ui.separator();
    let energy = estimate.best_guess.map(|b| b.energy_twh_per_year);
    ui.label(egui::RichText::new(s.migration_title).strong());
    migration_ui(ui, s, migration, emissions, energy);

    ui.separator();
    ui.label(egui::RichText::new(s.countries_title).strong());
    countries_ui(ui, s, countries);
    ui.label(egui::RichText::new(s.sources).small().weak());
}

fn settings_ui(
    ui: &mut egui::Ui,
    state: &mut ViewSettings,
    site_price: f64,
    site_name: &str,
    library: &crate::presets::PresetLibrary,
    lang: crate::i18n::Lang,
) {
    let s = &crate::i18n::strings(lang).network;
    egui::Grid::new("network-settings")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let label = ui.label(s.power_price);
            ui.horizontal(|ui| {
                use crate::network_data::NetworkPrice;
                let cambridge = NetworkPrice::Cambridge.usd_per_kwh(site_price);
                let price = &mut state.price;
                let cambridge_text = fill(
                    s.power_price_cambridge,
                    &[("value", &format::usd(cambridge))],
                );
                if ui
                    .radio(*price == NetworkPrice::Cambridge, cambridge_text)
                    .clicked()
                {
                    *price = NetworkPrice::Cambridge;
                }
                let site = fill(s.power_price_site, &[("value", &format::usd(site_price))]);
                if ui.radio(*price == NetworkPrice::Site, site).clicked() {
                    *price = NetworkPrice::Site;
                }
                let given = matches!(price, NetworkPrice::Given(_));
                if ui.radio(given, s.power_price_set).clicked() && !given {
                    *price = NetworkPrice::Given(price.usd_per_kwh(site_price));
                }
                if let NetworkPrice::Given(price) = price {
                    ui.add(
                        egui::Slider::new(price, 0.0..=0.30)
                            .prefix("$")
                            .suffix(" /kWh")
                            .max_decimals(3),
                    )
                    .labelled_by(label.id);
                }
            });
            ui.end_row();

            let label = ui.label(s.efficiency);
            ui.horizontal(|ui| {
                let efficiency = &mut state.efficiency_j_per_th;
                if ui
                    .radio(efficiency.is_none(), s.efficiency_basket)
                    .clicked()
                {
                    *efficiency = None;
                }
                if ui.radio(efficiency.is_some(), s.efficiency_given).clicked()
                    && efficiency.is_none()
                {
                    *efficiency = Some(28.2);
                }
                if let Some(j) = efficiency {
                    ui.add(
                        egui::DragValue::new(j)
                            .range(0.1..=limits::EFFICIENCY_J_PER_TH.max)
                            .speed(0.1)
                            .suffix(" J/TH")
                            .max_decimals(2),
                    )
                    .labelled_by(label.id);
                }
            });
            ui.end_row();

            let label = ui.label(s.pue);
            ui.add(
                egui::DragValue::new(&mut state.pue)
                    .range(limits::PUE.min..=limits::PUE.max)
                    .speed(0.01)
                    .max_decimals(2),
            )
            .labelled_by(label.id);
            ui.end_row();

            let label = ui.label(s.emissions_at);
            let world = library
                .region(network_data::WORLD_REGION)
                .map_or(network_data::WORLD_REGION, |r| r.name_in(lang));
            let site = fill(s.carbon_site, &[("name", site_name)]);
            let maps: Vec<(String, String)> = library
                .mining_maps()
                .map(|m| {
                    (
                        m.id.clone(),
                        fill(s.carbon_map, &[("name", m.name_in(lang))]),
                    )
                })
                .collect();
            let selected = match &state.carbon {
                CarbonChoice::World => world.to_string(),
                CarbonChoice::Site => site.clone(),
                CarbonChoice::Map(id) => maps
                    .iter()
                    .find(|(m, _)| m == id)
                    .map_or_else(|| id.clone(), |(_, name)| name.clone()),
            };
            egui::ComboBox::from_id_salt("network-carbon")
                .selected_text(selected)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut state.carbon, CarbonChoice::World, world);
                    ui.selectable_value(&mut state.carbon, CarbonChoice::Site, site);
                    for (id, name) in maps {
                        ui.selectable_value(&mut state.carbon, CarbonChoice::Map(id), name);
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
        });
}

fn bounds_ui(
    ui: &mut egui::Ui,
    s: &NetworkStrings,
    e: &NetworkEstimate,
    carbon: &CarbonBasis,
    month: Option<crate::history::Month>,
) {
    ui.label(egui::RichText::new(s.bounds_title).strong());
    egui::Grid::new("network-bounds")
        .num_columns(6)
        .striped(true)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            for (head, unit) in [
                (s.col_efficiency, s.unit_j_per_th),
                (s.col_pue, ""),
                (s.col_power, s.unit_gw),
                (s.col_energy, s.unit_twh_per_year),
                (s.col_co2, s.unit_mt_per_year),
            ] {
                let text = if unit.is_empty() {
                    head.to_string()
                } else {
                    format!("{head} ({unit})")
                };
                ui.label(egui::RichText::new(text).strong());
            }
            ui.end_row();
            for (label, bound) in [
                (s.lower, e.lower),
                (s.best_guess, e.best_guess),
                (s.upper, e.upper),
            ] {
                ui.label(label);
                let cells: [String; 5] = match bound {
                    Some(Bound {
                        efficiency_j_per_th,
                        pue,
                        power_gw,
                        energy_twh_per_year,
                        co2_mt_per_year,
                    }) => [
                        format::number(efficiency_j_per_th),
                        format::fixed(pue, 2),
                        format::number(power_gw),
                        format::number(energy_twh_per_year),
                        format::number(co2_mt_per_year),
                    ],
                    None => std::array::from_fn(|_| format::UNDEFINED.to_string()),
                };
                for cell in cells {
                    ui.label(egui::RichText::new(format!("{cell:>10}")).monospace());
                }
                ui.end_row();
            }
        });
    let small = |ui: &mut egui::Ui, text: String| {
        ui.label(egui::RichText::new(text).small().weak());
    };
    if e.lower.is_none() {
        ui.colored_label(ui.visuals().warn_fg_color, s.none_profitable);
    }
    small(ui, s.lower_how.to_string());
    small(
        ui,
        match e.best_guess_basis {
            BestGuessBasis::Given => s.best_given_how.to_string(),
            BestGuessBasis::Basket => {
                let (from, to) = network_data::basket_window(month);
                fill(
                    s.best_basket_how,
                    &[
                        ("count", &e.basket_machines.to_string()),
                        ("from", &from),
                        ("to", &to),
                    ],
                )
            }
        },
    );
    small(ui, s.upper_how.to_string());
    let name = if carbon.estimate {
        format!("{} {}", carbon.name, s.estimate_mark)
    } else {
        carbon.name.clone()
    };
    ui.label(fill(
        s.intensity_line,
        &[
            ("value", &format::number(carbon.intensity_g_per_kwh)),
            ("name", &name),
        ],
    ))
    .on_hover_text(&carbon.source);
    if let (Some(pct), Some(world)) = (carbon.unattributed_pct, carbon.fallback_g_per_kwh) {
        small(
            ui,
            fill(
                s.unattributed_line,
                &[
                    ("value", &format::fixed(pct, 2)),
                    ("world", &format::number(world)),
                ],
            ),
        );
    }
}

/// A snapshot's row name: its name, "*" when it rests on an estimate.
fn snapshot_name(m: &SnapshotCarbon) -> String {
    if m.estimate {
        format!("{} *", m.name)
    } else {
        m.name.clone()
    }
}

fn migration_ui(
    ui: &mut egui::Ui,
    s: &NetworkStrings,
    migration: &[SnapshotCarbon],
    emissions: &[EmissionSeries],
    energy: Option<f64>,
) {
    let n = migration.len();
    let names: Vec<String> = migration.iter().map(snapshot_name).collect();
    // The oldest map at the top: row i sits at y = n − 1 − i.
    let y = |i: usize| (n - 1 - i) as f64;
    {
        ui.label(egui::RichText::new(s.migration_intensity_title).small());
        let base = color(palette::SERIES);
        let survey = base.gamma_multiply(0.45);
        let (mut pool, mut surveyed) = (Vec::new(), Vec::new());
        for (i, m) in migration.iter().enumerate() {
            let bar = Bar::new(y(i), m.intensity_g_per_kwh)
                .width(0.7)
                .name(&names[i]);
            if m.comparable {
                pool.push(bar.fill(base));
            } else {
                surveyed.push(bar.fill(survey));
            }
        }
        let widest = migration
            .iter()
            .map(|m| m.intensity_g_per_kwh)
            .fold(0.0, f64::max);
        named_bar_plot("network-migration-intensity", names.clone(), 130.0)
            .legend(Legend::default())
            .height(PLOT_HEIGHT)
            .x_axis_label(s.intensity_axis)
            // Room on the right for the legend.
            .include_x(widest * 1.45)
            .label_formatter(|hover| match hover {
                egui_plot::HoverPosition::NearDataPoint { position, .. } => {
                    Some(format!("{} g CO₂e/kWh", format::number(position.x)))
                }
                egui_plot::HoverPosition::Elsewhere { .. } => None,
            })
            .show(ui, |p| {
                p.bar_chart(BarChart::new(s.pool_map, pool).color(base).horizontal());
                p.bar_chart(
                    BarChart::new(s.survey_map, surveyed)
                        .color(survey)
                        .horizontal(),
                );
            });

        ui.label(egui::RichText::new(s.migration_emissions_title).small());
        // The largest countries by name, the rest together, then the unattributed part
        // (`network_data::migration_emissions`).
        let mut charts: Vec<BarChart> = Vec::new();
        let mut named = 0;
        for series in emissions {
            let (name, fill_color) = match &series.part {
                EmissionPart::Country(country) => {
                    named += 1;
                    (country.as_str(), country_color(named - 1))
                }
                EmissionPart::OtherCountries => (
                    s.other_countries,
                    color(palette::NEUTRAL).gamma_multiply(1.6),
                ),
                EmissionPart::Unattributed => (s.unattributed, color(palette::NEUTRAL)),
            };
            let bars: Vec<Bar> = series
                .mt_per_year
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    Bar::new(y(i), *v)
                        .width(0.7)
                        .fill(fill_color)
                        .name(format!("{name}: {} Mt", format::number(*v)))
                })
                .collect();
            let others: Vec<&BarChart> = charts.iter().collect();
            let chart = BarChart::new(name, bars)
                .color(fill_color)
                .horizontal()
                .stack_on(&others);
            charts.push(chart);
        }
        let widest = migration
            .iter()
            .map(|m| m.co2_mt_per_year)
            .fold(0.0, f64::max);
        named_bar_plot("network-migration-emissions", names, 130.0)
            .legend(Legend::default())
            .height(PLOT_HEIGHT)
            .x_axis_label(s.emissions_axis)
            // Room on the right for the legend of countries.
            .include_x(widest * 1.4)
            .show(ui, |p| {
                for chart in charts {
                    p.bar_chart(chart);
                }
            });
        if let Some(energy) = energy {
            ui.label(
                egui::RichText::new(fill(
                    s.migration_emissions_note,
                    &[("energy", &format::number(energy))],
                ))
                .small()
                .weak(),
            );
        }
    }
    ui.label(egui::RichText::new(s.migration_note).small().weak());
}

fn countries_ui(ui: &mut egui::Ui, s: &NetworkStrings, bars: &[network_data::DemandBar]) {
    let n = bars.len();
    let names: Vec<String> = bars
        .iter()
        .map(|b| {
            if b.bitcoin {
                s.bitcoin.to_string()
            } else {
                b.name.clone()
            }
        })
        .collect();
    let base = color(palette::SERIES);
    let highlight = color(palette::HIGHLIGHT);
    let (mut plain, mut bitcoin) = (Vec::new(), Vec::new());
    for (i, b) in bars.iter().enumerate() {
        // The largest at the top; lengths on a log scale (from 1 TWh), or the countries dwarf
        // everything else.
        let bar = Bar::new(i as f64, b.twh_per_year.max(1.0).log10())
            .width(0.75)
            .name(format!(
                "{}: {} TWh",
                names[i],
                format::number(b.twh_per_year)
            ));
        if b.bitcoin {
            bitcoin.push(bar.fill(highlight));
        } else {
            plain.push(bar.fill(base));
        }
    }
    // named_bar_plot puts name i (from the top) at y = n − 1 − i; the bars run smallest first from y = 0.
    let top_down: Vec<String> = names.into_iter().rev().collect();
    let name_only = || -> ElementFormatter { Box::new(|bar, _| bar.name.clone()) };
    named_bar_plot("network-countries", top_down, 150.0)
        .legend(Legend::default().position(egui_plot::Corner::RightBottom))
        .height((n as f32 * 20.0).clamp(240.0, 600.0))
        .x_axis_label(s.countries_axis)
        .x_axis_formatter(|mark, _| format::fixed(10f64.powf(mark.value), 0))
        .x_grid_spacer(egui_plot::log_grid_spacer(10))
        .show(ui, |p| {
            p.bar_chart(
                BarChart::new(s.countries_series, plain)
                    .color(base)
                    .horizontal()
                    .element_formatter(name_only()),
            );
            p.bar_chart(
                BarChart::new(s.bitcoin, bitcoin)
                    .color(highlight)
                    .horizontal()
                    .element_formatter(name_only()),
            );
        });
    ui.label(egui::RichText::new(s.countries_note).small().weak());
}
