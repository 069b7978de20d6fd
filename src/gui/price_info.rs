//! Where the site's power price comes from, under the price field: the region's source, year
//! and grade (its tariff's components on hover), and whether the rate is open to a new mining
//! load.

use super::widgets::badge;
use crate::i18n::Lang;
use crate::model::tariff_price::SiteLoad;
use crate::region_price;
use crate::schema::RegionPreset;
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
    // One wrapped label (two side by side overlap once the first wraps in the grid): the
    // tariff and the figure's grade and year, or the figure's source line, which has them.
    let text = match &region.tariff {
        Some(t) => format!(
            "{}, {} · {} {}",
            t.name,
            t.year,
            region_price::grade_words(figure.grade, lang),
            figure.year
        ),
        None => region_price::source_line(figure, lang),
    };
    ui.label("");
    ui.horizontal_wrapped(|ui| ui.label(egui::RichText::new(text).small().weak()))
        .response
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
