//! The Network tab: the whole network's power, energy and CO₂ for the scenario's market
//! (CBECI-style bounds), the migration of mining across the Cambridge maps, and Bitcoin's
//! electricity beside countries'. Every value comes from `network_data`, as `hashwatt network`'s.

use super::App;
use super::charts::named_bar_plot;
use super::widgets::color;
use crate::format;
use crate::i18n::Localized;
use crate::i18n::{fill, network::NetworkStrings};
use crate::model::limits;
use crate::model::network::{BestGuessBasis, Bound, NetworkEstimate, PUE_BEST_GUESS};
use crate::network_data::{self, CarbonBasis, MarketFigures, Settings, SnapshotCarbon};
use crate::palette;
use eframe::egui;
use egui_plot::{Bar, BarChart, Legend};

/// Where the view's emissions are counted.
#[derive(Clone, Debug, Default, PartialEq)]
enum Carbon {
    /// The world average (the `world` region).
    #[default]
    World,
    /// The scenario's own grid.
    Site,
    /// A mining map's weighted intensity.
    Map(String),
}

/// The view's own settings, kept in egui's memory for the session.
#[derive(Clone, Debug, PartialEq)]
struct ViewState {
    /// `None`: the site's power price.
    price: Option<f64>,
    /// `None`: the basket.
    efficiency: Option<f64>,
    pue: f64,
    carbon: Carbon,
}

impl Default for ViewState {
    fn default() -> ViewState {
        ViewState {
            price: None,
            efficiency: None,
            pue: PUE_BEST_GUESS,
            carbon: Carbon::World,
        }
    }
}

/// Height of the two migration charts: room for four bars, and a legend of eight series.
const PLOT_HEIGHT: f32 = 200.0;

/// Hover text of a bar: its name (which carries the value).
type ElementFormatter = Box<dyn Fn(&Bar, &BarChart) -> String>;

/// Countries named in the stacked emissions chart; the others are drawn together.
const NAMED_COUNTRIES: usize = 5;

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

pub fn network_ui(app: &mut App, ui: &mut egui::Ui) {
    let s = &app.strings().network;
    let Ok(computed) = &app.computed else {
        ui.label(s.unavailable);
        return;
    };
    let library = &app.library;
    let id = egui::Id::unique("network-view");
    let mut state: ViewState = ui.data(|d| d.get_temp(id)).unwrap_or_default();

    let snapshot = crate::chart_data::market_snapshot(&app.session.doc, library);
    let year = snapshot.map_or(0, |m| network_data::year_of(&m.date));
    let market = MarketFigures::of_market(&computed.scenario.market, year);
    let site_price = computed.scenario.site.electricity_usd_per_kwh;
    let site_intensity = computed.evaluation.grid_intensity_g_per_kwh;
    let site_name = app
        .session
        .doc
        .site
        .base_region_id()
        .and_then(|id| library.region(id))
        .map_or_else(
            || app.strings().app.custom_mix_region.to_string(),
            |r| r.name_in(app.session.lang()).to_string(),
        );

    ui.label(egui::RichText::new(s.title).strong());
    ui.label(egui::RichText::new(s.intro).small().weak());
    let lang = app.session.lang();
    settings_ui(ui, s, &mut state, site_price, &site_name, library, lang);

    let carbon = match &state.carbon {
        Carbon::World => network_data::region_basis(library, network_data::WORLD_REGION),
        Carbon::Site => Ok(CarbonBasis {
            intensity_g_per_kwh: site_intensity,
            name: fill(s.carbon_site, &[("name", &site_name)]),
            source: crate::chart_data::sources(&app.session.doc, library, app.session.lang())
                .first()
                .cloned()
                .unwrap_or_default(),
            estimate: false,
            unattributed_pct: None,
            fallback_g_per_kwh: None,
        }),
        Carbon::Map(id) => network_data::map_basis(library, id),
    };
    let carbon = match carbon {
        Ok(c) => c,
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, e.localized(lang));
            ui.data_mut(|d| d.insert_temp(id, ViewState::default()));
            return;
        }
    };
    let settings = Settings {
        electricity_usd_per_kwh: state.price.unwrap_or(site_price),
        efficiency_j_per_th: state.efficiency,
        pue: state.pue,
    };
    let estimate = network_data::estimate(library, &market, &settings, carbon.intensity_g_per_kwh);
    ui.data_mut(|d| d.insert_temp(id, state));

    ui.separator();
    ui.label(fill(
        s.market_line,
        &[
            (
                "market",
                snapshot.map_or("", |m| m.name_in(app.session.lang())),
            ),
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
    bounds_ui(ui, s, &estimate, &carbon, year);

    ui.separator();
    let energy = estimate.best_guess.map(|b| b.energy_twh_per_year);
    ui.label(egui::RichText::new(s.migration_title).strong());
    let migration = network_data::migration(library, energy.unwrap_or(0.0));
    migration_ui(ui, s, &migration, energy);

    ui.separator();
    ui.label(egui::RichText::new(s.countries_title).strong());
    countries_ui(ui, s, library, energy);
    ui.label(egui::RichText::new(s.sources).small().weak());
}

fn settings_ui(
    ui: &mut egui::Ui,
    s: &NetworkStrings,
    state: &mut ViewState,
    site_price: f64,
    site_name: &str,
    library: &crate::presets::PresetLibrary,
    lang: crate::i18n::Lang,
) {
    egui::Grid::new("network-settings")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let label = ui.label(s.power_price);
            ui.horizontal(|ui| {
                let site = fill(s.power_price_site, &[("value", &format::usd(site_price))]);
                if ui.radio(state.price.is_none(), site).clicked() {
                    state.price = None;
                }
                if ui.radio(state.price.is_some(), s.power_price_set).clicked()
                    && state.price.is_none()
                {
                    state.price = Some(site_price);
                }
                if let Some(price) = &mut state.price {
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
                if ui
                    .radio(state.efficiency.is_none(), s.efficiency_basket)
                    .clicked()
                {
                    state.efficiency = None;
                }
                if ui
                    .radio(state.efficiency.is_some(), s.efficiency_given)
                    .clicked()
                    && state.efficiency.is_none()
                {
                    state.efficiency = Some(28.2);
                }
                if let Some(j) = &mut state.efficiency {
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
                Carbon::World => world.to_string(),
                Carbon::Site => site.clone(),
                Carbon::Map(id) => maps
                    .iter()
                    .find(|(m, _)| m == id)
                    .map_or_else(|| id.clone(), |(_, name)| name.clone()),
            };
            egui::ComboBox::from_id_salt("network-carbon")
                .selected_text(selected)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut state.carbon, Carbon::World, world);
                    ui.selectable_value(&mut state.carbon, Carbon::Site, site);
                    for (id, name) in maps {
                        ui.selectable_value(&mut state.carbon, Carbon::Map(id), name);
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
    year: u16,
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
            BestGuessBasis::Basket => fill(
                s.best_basket_how,
                &[
                    ("count", &e.basket_machines.to_string()),
                    ("from", &year.saturating_sub(4).to_string()),
                    ("to", &year.to_string()),
                ],
            ),
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
        // Countries in order of their total weight over all maps; the unattributed part last.
        let mut countries: Vec<(String, f64)> = Vec::new();
        for m in migration {
            for c in &m.countries {
                match countries.iter_mut().find(|(name, _)| *name == c.country) {
                    Some((_, total)) => *total += c.contribution_g_per_kwh,
                    None => countries.push((c.country.clone(), c.contribution_g_per_kwh)),
                }
            }
        }
        countries.sort_by(|a, b| b.1.total_cmp(&a.1));
        let energy_twh = energy.unwrap_or(0.0);
        let mt = |g_per_kwh: f64| crate::model::network::co2_mt_per_year(energy_twh, g_per_kwh);
        let mut charts: Vec<BarChart> = Vec::new();
        // The largest countries by name, the rest together, then the unattributed part.
        let named: Vec<&str> = countries
            .iter()
            .take(NAMED_COUNTRIES)
            .map(|(name, _)| name.as_str())
            .collect();
        let part = |m: &SnapshotCarbon, name: &str| {
            m.countries
                .iter()
                .find(|c| c.country == name)
                .map_or(0.0, |c| mt(c.contribution_g_per_kwh))
        };
        let rest = |m: &SnapshotCarbon| {
            m.countries
                .iter()
                .filter(|c| !named.contains(&c.country.as_str()))
                .map(|c| mt(c.contribution_g_per_kwh))
                .sum::<f64>()
        };
        let series = named
            .iter()
            .enumerate()
            .map(|(k, name)| {
                let values: Vec<f64> = migration.iter().map(|m| part(m, name)).collect();
                (name.to_string(), country_color(k), values)
            })
            .chain(std::iter::once((
                s.other_countries.to_string(),
                color(palette::NEUTRAL).gamma_multiply(1.6),
                migration.iter().map(rest).collect(),
            )))
            .chain(std::iter::once((
                s.unattributed.to_string(),
                color(palette::NEUTRAL),
                migration
                    .iter()
                    .map(|m| mt(m.unattributed_g_per_kwh))
                    .collect(),
            )));
        for (name, fill_color, values) in series {
            let bars: Vec<Bar> = values
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
            .map(|m| mt(m.intensity_g_per_kwh))
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

fn countries_ui(
    ui: &mut egui::Ui,
    s: &NetworkStrings,
    library: &crate::presets::PresetLibrary,
    energy: Option<f64>,
) {
    let mut bars = network_data::countries(library, energy.unwrap_or(0.0));
    if energy.is_none() {
        bars.retain(|b| !b.bitcoin);
    }
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
