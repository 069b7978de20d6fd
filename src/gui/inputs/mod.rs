//! The input panel: site, hardware and market, each in a collapsible section.

use super::picker::{Picker, PickerItem};
use super::widgets::{InputField, PlainNumber, badge, number_field, source_color};
use super::{App, Command, PresetPrompt};
use crate::format;
use crate::i18n::Localized;
use crate::inputs::Input;
use crate::model::{EnergyMix, EnergySource, IntensityMethod, NetworkSpec, SubsidySpec, bitcoin};
use crate::names::Names;
use crate::presets::{Grade, RegionKind};
use crate::scenario_file::{FleetEntryDoc, ScenarioDoc, SiteDoc, defaults};
use eframe::egui;

mod market;
use market::*;

pub fn inputs_ui(app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui) {
    let s = &app.strings().app;
    ui.heading(s.inputs_heading);
    egui::CollapsingHeader::new(s.section_site)
        .default_open(true)
        .show(ui, |ui| site_ui(app, doc, ui));
    egui::CollapsingHeader::new(s.section_hardware)
        .default_open(true)
        .show(ui, |ui| hardware_ui(app, doc, ui));
    egui::CollapsingHeader::new(s.section_market)
        .default_open(true)
        .show(ui, |ui| market_ui(app, doc, ui));
    egui::CollapsingHeader::new(s.section_levers)
        .default_open(false)
        .show(ui, |ui| levers_ui(app, doc, ui));
}

/// A checkbox that switches a lever on (with its defaults) or off.
fn lever_toggle<T: Default>(ui: &mut egui::Ui, lever: &mut Option<T>, label: &str, hint: &str) {
    let mut on = lever.is_some();
    let response = ui.checkbox(&mut on, label);
    let response = if hint.is_empty() {
        response
    } else {
        response.on_hover_text(hint)
    };
    if response.changed() {
        *lever = on.then(T::default);
    }
}

fn levers_ui(app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui) {
    use crate::model::levers::{Curtailment, FlaredGas, HeatReuse, RenewableSupply};
    let s = &app.strings().app;
    let lang = app.session.lang();
    let levers = &mut doc.levers;
    let row = |ui: &mut egui::Ui, input: Input, value: &mut f64| {
        ui.add(InputField::new(input, value).lang(lang));
        ui.end_row();
    };

    lever_toggle::<RenewableSupply>(ui, &mut levers.renewable, s.lever_renewable, "");
    if let Some(r) = levers.renewable.as_mut() {
        egui::Grid::new("lever-renewable")
            .num_columns(2)
            .show(ui, |ui| {
                row(ui, Input::RenewableSharePct, &mut r.share_pct);
                row(
                    ui,
                    Input::RenewableIntensityGPerKwh,
                    &mut r.intensity_g_per_kwh,
                );
                row(ui, Input::RenewableUsdPerKwh, &mut r.price_usd_per_kwh);
            });
    }
    lever_toggle::<Curtailment>(
        ui,
        &mut levers.curtailment,
        s.lever_curtailment,
        s.lever_curtailment_hint,
    );
    if let Some(c) = levers.curtailment.as_mut() {
        egui::Grid::new("lever-curtailment")
            .num_columns(2)
            .show(ui, |ui| {
                row(ui, Input::CurtailmentHoursPerYear, &mut c.hours_per_year);
                row(
                    ui,
                    Input::CurtailmentCreditUsdPerMwh,
                    &mut c.credit_usd_per_mwh,
                );
            });
    }
    lever_toggle::<HeatReuse>(ui, &mut levers.heat_reuse, s.lever_heat, s.lever_heat_hint);
    if let Some(h) = levers.heat_reuse.as_mut() {
        egui::Grid::new("lever-heat").num_columns(2).show(ui, |ui| {
            row(ui, Input::HeatReusePct, &mut h.share_pct);
            row(ui, Input::HeatPriceUsdPerMwh, &mut h.price_usd_per_mwh_heat);
            row(
                ui,
                Input::HeatDisplacedGPerKwh,
                &mut h.displaced_g_per_kwh_heat,
            );
        });
    }
    lever_toggle::<FlaredGas>(
        ui,
        &mut levers.flared_gas,
        s.lever_flared,
        s.lever_flared_hint,
    );
    if let Some(f) = levers.flared_gas.as_mut() {
        egui::Grid::new("lever-flared")
            .num_columns(2)
            .show(ui, |ui| {
                row(ui, Input::GeneratorGPerKwh, &mut f.generator_g_per_kwh);
                row(
                    ui,
                    Input::AvoidedFlaringGPerKwh,
                    &mut f.avoided_flaring_g_per_kwh,
                );
            });
        ui.label(egui::RichText::new(s.lever_flared_hint).small().weak());
    }
}

/// The region the site is based on, if any (a custom mix without a region has none).
fn current_region_id(doc: &ScenarioDoc) -> Option<String> {
    doc.site.base_region_id().map(str::to_string)
}

fn region_picker(app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui) {
    let s = &app.strings().app;
    let lang = app.session.lang();
    let current = current_region_id(doc);
    let selected = current
        .as_deref()
        .and_then(|id| app.library.region(id))
        .map_or(s.custom_mix_region.to_string(), |r| {
            r.name_in(app.session.lang()).to_string()
        });
    let label = ui.label(s.region);
    let mut items = Vec::new();
    for (heading, kind) in [
        (s.group_world, RegionKind::World),
        (s.group_countries, RegionKind::Country),
        (s.group_mining_regions, RegionKind::SubNational),
    ] {
        let mut regions: Vec<_> = app.library.regions().filter(|r| r.kind == kind).collect();
        regions.sort_by(|a, b| a.name.cmp(&b.name));
        for r in regions {
            let estimate = if r.intensity.grade == Grade::Estimate {
                " *"
            } else {
                ""
            };
            let price = match &r.electricity_price_usd_per_kwh {
                Some(p) => format!("${}/kWh", format::number(p.value)),
                None => crate::i18n::strings(lang).map.no_price.to_string(),
            };
            let text = format!(
                "{}   {} g/kWh{estimate} · {price}",
                r.name_in(lang),
                format::fixed(r.intensity.g_per_kwh, 0),
            );
            let is_current = current.as_deref() == Some(r.id.as_str());
            items.push(
                PickerItem::new(r.id.clone(), text, is_current)
                    .group(heading)
                    .also_found_by(&[&r.name, &r.name_zh, &r.id, &r.country]),
            );
        }
    }
    let chosen = Picker::new("region-picker", selected)
        .filter(s.region_filter_hint)
        .labelled_by(label.id)
        .show(ui, &items);
    if let Some(id) = chosen {
        // The user's own power price stays: the region's is shown beside it, with a reset.
        let site = &mut doc.site;
        site.region = Some(id);
        site.mix = None;
    }
    ui.end_row();
}

fn site_ui(app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui) {
    let s = &app.strings().app;
    egui::Grid::new("site-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            region_picker(app, doc, ui);
            region_line(app, doc, ui);
        });
    ui.add_space(4.0);
    mix_ui(app, doc, ui);
    ui.add_space(4.0);
    egui::Grid::new("site-grid-2")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            method_and_table_rows(app, &mut doc.site, ui);
            price_rows(app, &mut doc.site, ui);
            let lang = app.session.lang();
            let site = &mut doc.site;
            for (input, value) in [
                (Input::Pue, &mut site.pue),
                (Input::UptimePct, &mut site.uptime_pct),
                (Input::OpexUsdPerMonth, &mut site.opex_usd_per_month),
                (Input::CarbonPriceUsdPerT, &mut site.carbon_price_usd_per_t),
            ] {
                ui.add(InputField::new(input, value).lang(lang));
                ui.end_row();
            }
        });
    if ui.button(s.save_region_preset).clicked() {
        let base = current_region_id(doc)
            .and_then(|id| app.library.region(&id).map(|r| r.name.clone()))
            .unwrap_or_default();
        app.queue(Command::AskPresetName(PresetPrompt::Region(
            crate::i18n::fill(s.my_site, &[("name", &base)]),
        )));
    }
}

/// Under the region picker: the region's country and intensity convention, and whether its
/// intensity is an estimate.
fn region_line(app: &App, doc: &ScenarioDoc, ui: &mut egui::Ui) {
    let s = &app.strings().app;
    let Some(region) = current_region_id(doc).and_then(|id| app.library.region(&id)) else {
        return;
    };
    ui.label("");
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(format!(
                "{} · {}",
                // The country's own preset has its name in each language.
                app.library
                    .regions()
                    .find(|r| r.name == region.country)
                    .map_or(region.country.as_str(), |c| c.name_in(app.session.lang())),
                app.strings().convention(region.intensity.convention)
            ))
            .small()
            .weak(),
        );
        if region.intensity.grade == Grade::Estimate {
            badge(ui, s.estimate_badge).on_hover_text(&region.intensity.note);
        }
    })
    .response
    .on_hover_text(&region.note);
    ui.end_row();
}

/// How the grid's intensity is found (measured or from the mix), and the emission table.
fn method_and_table_rows(app: &App, site: &mut SiteDoc, ui: &mut egui::Ui) {
    let s = &app.strings().app;
    let lang = app.session.lang();
    let doc_has_mix = site.mix.is_some();
    let label = ui.label(s.intensity_method);
    ui.horizontal(|ui| {
        let measured = ui
            .add_enabled(
                !doc_has_mix,
                egui::RadioButton::new(
                    site.intensity_method == IntensityMethod::Measured,
                    s.method_measured,
                ),
            )
            .on_disabled_hover_text(s.method_measured_unavailable);
        if measured.clicked() {
            site.intensity_method = IntensityMethod::Measured;
        }
        if ui
            .radio(
                site.intensity_method == IntensityMethod::Mix || doc_has_mix,
                s.method_mix,
            )
            .clicked()
        {
            site.intensity_method = IntensityMethod::Mix;
        }
        measured.labelled_by(label.id);
    });
    ui.end_row();

    let label = ui.label(s.emission_table);
    let current_table = app
        .library
        .emission_table(&site.emission_table)
        .map_or(site.emission_table.clone(), |t| t.name_in(lang).to_string());
    let tables: Vec<_> = app
        .library
        .emission_tables()
        .map(|t| {
            let is_current = t.id == site.emission_table;
            PickerItem::new(t.id.clone(), t.name_in(lang).to_string(), is_current)
        })
        .collect();
    if let Some(id) = Picker::new("table-picker", current_table)
        .labelled_by(label.id)
        .show(ui, &tables)
    {
        site.emission_table = id;
    }
    ui.end_row();
}

/// The power price: the user's own over the region's, the region's kept in sight with a
/// reset, and where the region's comes from.
fn price_rows(app: &App, site: &mut SiteDoc, ui: &mut egui::Ui) {
    let s = &app.strings().app;
    let lang = app.session.lang();
    let region = site
        .base_region_id()
        .and_then(|id| app.library.region(id).cloned());
    let load = super::price_info::site_load(app.computed.as_ref().ok());
    let region_price_usd_per_kwh = region.as_ref().and_then(|r| r.price_usd_per_kwh(load));
    let effective_price = app
        .computed
        .as_ref()
        .map_or(defaults::ELECTRICITY_USD_PER_KWH, |c| {
            c.scenario.site.electricity_usd_per_kwh
        });
    ui.add(
        InputField::overriding(
            Input::ElectricityUsdPerKwh,
            &mut site.electricity_usd_per_kwh,
            effective_price,
        )
        .lang(lang)
        .reset_hint(s.reset_to_region),
    );
    ui.end_row();
    // A price of one's own outlives a change of region: the region's stays in sight.
    if site.electricity_usd_per_kwh.is_some()
        && let Some(region_price) = region_price_usd_per_kwh
    {
        ui.label("");
        ui.horizontal(|ui| {
            let price = format::usd(region_price);
            ui.label(
                egui::RichText::new(crate::i18n::fill(s.region_price, &[("price", &price)]))
                    .small()
                    .weak(),
            );
            if ui
                .link(egui::RichText::new(s.reset_to_region).small())
                .clicked()
            {
                site.electricity_usd_per_kwh = None;
            }
        });
        ui.end_row();
    }
    super::price_info::rows(ui, region.as_ref(), Some(load), lang);
}

/// One row per source: a bounded share and a bar. Editing one share keeps the total at 100 %.
fn mix_ui(app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui) {
    let strings = app.strings();
    let lang = app.session.lang();
    let s = &strings.app;
    let Ok(computed) = app.computed.as_ref() else {
        return;
    };
    let mut mix: EnergyMix = *computed.scenario.site.grid.mix();
    let custom = doc.site.mix.is_some();
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(s.energy_mix).strong());
        if custom {
            badge(ui, s.mix_custom_marker);
            if ui.small_button(s.mix_reset).clicked() {
                doc.site.mix = None;
            }
        }
    });
    let mut edited = None;
    egui::Grid::new("mix-grid")
        .num_columns(3)
        .spacing([8.0, 2.0])
        .show(ui, |ui| {
            for source in EnergySource::ALL {
                // A share of the mix is no `Input` of its own: one field per energy source,
                // and editing one rescales the others (`set_share_keeping_total`).
                let label = ui.label(strings.source(source));
                let mut share = mix.get(source);
                // "90,5" is read as 90.5; "abc" is refused, said beside the field.
                let response = ui
                    .horizontal(|ui| {
                        let shown = PlainNumber {
                            range: 0.0..=100.0,
                            speed: 0.2,
                            suffix: " %",
                            shown_as: format::share_pct,
                        };
                        number_field(ui, &mut share, shown, label.id, lang)
                    })
                    .inner;
                if response.changed() {
                    edited = Some((source, share));
                }
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(120.0, 10.0), egui::Sense::hover());
                let painter = ui.painter();
                painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
                let mut filled = rect;
                filled.set_width(rect.width() * (mix.get(source) / 100.0).clamp(0.0, 1.0) as f32);
                painter.rect_filled(filled, 2.0, source_color(source));
                ui.end_row();
            }
            ui.label(s.mix_total);
            ui.label(format!("{} %", format::fixed(mix.total_pct(), 1)));
            ui.end_row();
        });
    if let Some((source, share)) = edited {
        mix.set_share_keeping_total(source, share);
        doc.site.mix = Some(mix);
        doc.site.intensity_method = IntensityMethod::Mix;
    }
}

fn miner_label(app: &App, id: &str) -> String {
    app.library.miner(id).map_or(id.to_string(), |m| {
        m.name_in(app.session.lang()).to_string()
    })
}

fn hardware_ui(app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui) {
    let s = &app.strings().app;
    let mut remove = None;
    let count = doc.fleet.len();
    for index in 0..count {
        ui.push_id(index, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                fleet_entry_ui(app, doc, ui, index);
                super::power_modes::modes_ui(app, &mut doc.fleet, ui, index);
                ui.horizontal(|ui| {
                    if count > 1 && ui.small_button(s.remove_model).clicked() {
                        remove = Some(index);
                    }
                    if ui.small_button(s.save_miner_preset).clicked() {
                        let name = doc.fleet[index]
                            .miner
                            .as_deref()
                            .map_or(s.custom_miner.to_string(), |id| miner_label(app, id));
                        app.queue(Command::AskPresetName(PresetPrompt::Miner(
                            index,
                            crate::i18n::fill(s.my_miner, &[("name", &name)]),
                        )));
                    }
                });
            });
        });
    }
    if let Some(index) = remove {
        doc.fleet.remove(index);
    }
    if ui.button(s.add_model).clicked() {
        doc.fleet.push(FleetEntryDoc::preset(
            crate::scenario_file::defaults::MINER,
            crate::scenario_file::defaults::UNITS,
        ));
    }
    let lang = app.session.lang();
    egui::Grid::new("hardware-life")
        .num_columns(2)
        .show(ui, |ui| {
            ui.add(
                InputField::new(Input::HardwareLifeYears, &mut doc.hardware_life_years).lang(lang),
            );
            ui.end_row();
        });
}

fn miner_picker(app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui, index: usize) {
    let s = &app.strings().app;
    let lang = app.session.lang();
    let entry = &doc.fleet[index];
    let selected = entry
        .miner
        .as_deref()
        .map_or(s.custom_miner.to_string(), |id| miner_label(app, id));
    let label = ui.label(s.miner);
    let mut miners: Vec<_> = app.library.miners().collect();
    miners.sort_by(|a, b| {
        b.release_year
            .cmp(&a.release_year)
            .then(a.name.cmp(&b.name))
    });
    let current = doc.fleet[index].miner.clone();
    let mut items = vec![PickerItem::new(
        None,
        s.custom_miner.to_string(),
        current.is_none(),
    )];
    for m in miners {
        let historical = if m.historical {
            format!(" ({})", s.historical_badge)
        } else {
            String::new()
        };
        let text = format!(
            "{}{historical}   {} TH/s · {} W · {} J/TH · {}",
            m.name_in(lang),
            format::number(m.hashrate_ths),
            format::fixed(m.power_w, 0),
            format::number(m.efficiency_j_per_th()),
            m.release_year
        );
        let is_current = current.as_deref() == Some(m.id.as_str());
        items.push(
            PickerItem::new(Some(m.id.clone()), text, is_current)
                .also_found_by(&[&m.name, &m.name_zh, &m.maker, &m.id]),
        );
    }
    let chosen = Picker::new(("miner-picker", index), selected)
        .filter(s.miner_filter_hint)
        .labelled_by(label.id)
        .show(ui, &items);
    ui.end_row();
    if let Some(choice) = chosen {
        let entry = &mut doc.fleet[index];
        match choice {
            Some(id) => {
                entry.miner = Some(id);
                entry.name = None;
                entry.hashrate_ths = None;
                entry.power_w = None;
                entry.unit_cost_usd = None;
            }
            None => {
                // A custom miner starts from the figures it had.
                let effective = app
                    .computed
                    .as_ref()
                    .ok()
                    .and_then(|c| c.scenario.fleet.get(index).cloned());
                let entry = &mut doc.fleet[index];
                entry.miner = None;
                if let Some(g) = effective {
                    entry.hashrate_ths = Some(g.hashrate_ths);
                    entry.power_w = Some(g.power_w);
                    entry.unit_cost_usd = Some(g.unit_cost_usd);
                }
            }
        }
    }
}

fn fleet_entry_ui(app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui, index: usize) {
    let lang = app.session.lang();
    let effective = app
        .computed
        .as_ref()
        .ok()
        .and_then(|c| c.scenario.fleet.get(index).cloned());
    egui::Grid::new("fleet-entry")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            miner_picker(app, doc, ui, index);
            let entry = &mut doc.fleet[index];
            ui.add(InputField::count(Input::Units, &mut entry.units).lang(lang));
            ui.end_row();
            let hashrate = effective.as_ref().map_or(0.0, |g| g.hashrate_ths);
            let power = effective.as_ref().map_or(0.0, |g| g.power_w);
            let cost = effective.as_ref().map_or(0.0, |g| g.unit_cost_usd);
            for (input, value, effective) in [
                (Input::HashrateThs, &mut entry.hashrate_ths, hashrate),
                (Input::PowerW, &mut entry.power_w, power),
                (Input::UnitCostUsd, &mut entry.unit_cost_usd, cost),
            ] {
                ui.add(InputField::overriding(input, value, effective).lang(lang));
                ui.end_row();
            }
            if let Some(g) = &effective {
                ui.label("");
                ui.label(
                    egui::RichText::new(format!(
                        "{} J/TH",
                        crate::format::maybe(crate::model::evaluate::ratio(
                            g.power_w,
                            g.hashrate_ths
                        ))
                    ))
                    .small()
                    .weak(),
                );
                ui.end_row();
            }
        });
}
