//! Where the site's power price comes from, under the price field: the region's source, year
//! and grade (its tariff's components on hover), and whether the rate is open to a new mining
//! load.

use super::widgets::badge;
use crate::i18n::Lang;
use crate::model::tariff_price::SiteLoad;
use crate::preset_types::RegionPreset;
use crate::region_price;
use eframe::egui;

/// Two grid rows at most: the price's provenance, then the availability line.
pub fn rows(ui: &mut egui::Ui, region: Option<&RegionPreset>, load: Option<SiteLoad>, lang: Lang) {
    let Some(region) = region else {
        return;
    };
    let Some(figure) = &region.electricity_price_usd_per_kwh else {
        // No sourced price: the scenario gives its own, and the line says so.
        ui.label("");
        ui.label(
            egui::RichText::new(crate::i18n::strings(lang).prices.no_sourced_price)
                .small()
                .weak(),
        );
        ui.end_row();
        return;
    };
    // One line, cut to the panel's width (a wrapped line in the inputs grid could run under
    // the next row): the grade and year first, then the tariff or the source; hover gives all.
    let origin = match &region.tariff {
        Some(t) => format!("{}, {}", t.name, t.year),
        None => figure.source.clone(),
    };
    let text = format!(
        "{} {} · {origin}",
        region_price::grade_words(figure.grade, lang),
        figure.year
    );
    ui.label("");
    // In a row of the full width, so the grid's column does not change with the text.
    let line = egui::Label::new(egui::RichText::new(text).small().weak()).truncate();
    ui.horizontal_wrapped(|ui| ui.add(line))
        .inner
        .on_hover_text(region_price::price_details(region, load, lang).join("\n"));
    ui.end_row();
    if let Some(a) = &region.availability {
        ui.label("");
        badge(ui, &region_price::availability_line(a, lang))
            .on_hover_text(format!("{}, {}\n{}", a.source, a.year, a.note));
        ui.end_row();
    }
}

/// The load the region's tariff bills: the computed scenario's, else the reference site.
pub fn site_load(computed: Option<&super::Computed>) -> SiteLoad {
    computed.map_or(crate::model::tariff_price::REFERENCE_LOAD, |c| {
        let site = &c.scenario.site;
        crate::resolve::site_load(&c.scenario.fleet, site.pue, site.uptime_pct)
    })
}
