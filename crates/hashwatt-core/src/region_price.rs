//! A region's power price as the views show it: the price a scenario's load pays (from the
//! region's tariff when it has one), the tariff's components in words, and whether the rate is
//! open to a new mining load.

use crate::format;
use crate::i18n::{Lang, Localized, fill, strings};
pub use crate::model::tariff_price::{Availability, AvailabilityStatus};
use crate::model::tariff_price::{REFERENCE_LOAD, RegionTariff, SiteLoad};
use crate::preset_types::{Figure, Grade, RegionPreset};

impl RegionPreset {
    /// The region's price for a load: its tariff's effective price when it has a tariff (and
    /// the load uses energy), else its listed figure; none when the region has no sourced price.
    pub fn price_usd_per_kwh(&self, load: SiteLoad) -> Option<f64> {
        self.tariff
            .as_ref()
            .and_then(|t| t.effective_usd_per_kwh(load))
            .or(self.electricity_price_usd_per_kwh.as_ref().map(|f| f.value))
    }
}

/// A grade in words.
pub fn grade_words(grade: Grade, lang: Lang) -> &'static str {
    let t = &strings(lang).prices;
    match grade {
        Grade::Measured => t.grade_measured,
        Grade::Secondary => t.grade_secondary,
        Grade::Estimate => t.grade_estimate,
    }
}

/// "source, year (grade)".
pub fn source_line<T>(figure: &Figure<T>, lang: Lang) -> String {
    fill(
        strings(lang).prices.source_line,
        &[
            ("source", &figure.source),
            ("year", &figure.year.to_string()),
            ("grade", grade_words(figure.grade, lang)),
        ],
    )
}

/// A tariff's own number, exactly as the schedule states it (4.025 ¢ stays 0.04025).
fn local(x: f64) -> String {
    format!("{x}")
}

/// The tariff's components, one line each, and its effective price at the reference load and,
/// when given, at a site's own load.
pub fn tariff_lines(tariff: &RegionTariff, site: Option<SiteLoad>, lang: Lang) -> Vec<String> {
    let t = &strings(lang).prices;
    let currency = tariff.currency.as_str();
    let days = local(tariff.billing_days);
    let mut lines = vec![fill(
        t.tariff_heading,
        &[("name", &tariff.name), ("year", &tariff.year.to_string())],
    )];
    let single = tariff.energy_per_kwh.len() == 1;
    for tier in &tariff.energy_per_kwh {
        let price = local(tier.per_kwh);
        let line = match tier.up_to_kwh {
            _ if single => fill(
                t.tariff_energy_flat,
                &[("price", &price), ("currency", currency)],
            ),
            Some(kwh) => fill(
                t.tariff_energy_tier,
                &[
                    ("price", &price),
                    ("currency", currency),
                    ("kwh", &format::number(kwh)),
                ],
            ),
            None => fill(
                t.tariff_energy_rest,
                &[("price", &price), ("currency", currency)],
            ),
        };
        lines.push(line);
    }
    if tariff.demand_per_kw_month > 0.0 {
        lines.push(fill(
            t.tariff_demand,
            &[
                ("price", &local(tariff.demand_per_kw_month)),
                ("currency", currency),
                ("days", &days),
            ],
        ));
    }
    if tariff.fixed_per_month > 0.0 {
        lines.push(fill(
            t.tariff_fixed,
            &[
                ("price", &local(tariff.fixed_per_month)),
                ("currency", currency),
                ("days", &days),
            ],
        ));
    }
    if currency != "USD" {
        lines.push(fill(
            t.tariff_exchange,
            &[
                ("currency", currency),
                ("usd", &local(tariff.usd_per_unit)),
                ("date", &tariff.usd_per_unit_date),
            ],
        ));
    }
    let mut effective = |load_words: String, load: SiteLoad| {
        if let Some(price) = tariff.effective_usd_per_kwh(load) {
            lines.push(fill(
                t.tariff_effective,
                &[("load", &load_words), ("price", &format::usd(price))],
            ));
        }
    };
    effective(t.reference_load.to_string(), REFERENCE_LOAD);
    if let Some(load) = site.filter(|l| *l != REFERENCE_LOAD) {
        let words = fill(
            t.site_load,
            &[
                ("kw", &format::number(load.demand_kw)),
                ("uptime", &format::number(load.load_factor * 100.0)),
            ],
        );
        effective(words, load);
    }
    lines.push(tariff.source.clone());
    lines
}

/// "Availability: … ; a new entrant pays $…/kWh".
pub fn availability_line(a: &Availability, lang: Lang) -> String {
    let t = &strings(lang).prices;
    let status = match a.status {
        AvailabilityStatus::Closed => t.status_closed,
        AvailabilityStatus::Suspended => t.status_suspended,
        AvailabilityStatus::Banned => t.status_banned,
    };
    let mut line = fill(t.availability_line, &[("status", status)]);
    if let Some(price) = a.new_entrant_usd_per_kwh {
        line.push_str(&fill(
            t.new_entrant_price,
            &[("price", &format::usd(price))],
        ));
    }
    line
}

/// Everything behind a region's price, for a tooltip or `presets show`: the figure's source,
/// year and grade, then the tariff's components, then the availability and its source.
pub fn price_details(region: &RegionPreset, site: Option<SiteLoad>, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    match &region.electricity_price_usd_per_kwh {
        Some(figure) => {
            lines.push(source_line(figure, lang));
            if !figure.note.is_empty() {
                lines.push(figure.note.clone());
            }
        }
        None => lines.push(strings(lang).prices.no_sourced_price.to_string()),
    }
    if let Some(tariff) = &region.tariff {
        lines.extend(tariff_lines(tariff, site, lang));
    }
    if let Some(a) = &region.availability {
        lines.push(availability_line(a, lang));
        lines.push(format!("{}, {}", a.source, a.year));
    }
    lines
}

/// The price a scenario runs at and where it came from, in one line; then the availability
/// line when the region's rate is not open to a new mining load.
pub fn scenario_price_lines(
    price_usd_per_kwh: f64,
    own_price: bool,
    region: Option<&RegionPreset>,
    lang: Lang,
) -> Vec<String> {
    let t = &strings(lang).prices;
    let price = format::usd(price_usd_per_kwh);
    let first = match region {
        Some(r) if own_price && r.electricity_price_usd_per_kwh.is_none() => fill(
            t.price_yours,
            &[("price", &price), ("region", r.name_in(lang))],
        ),
        _ if own_price => fill(t.price_own, &[("price", &price)]),
        Some(r) => {
            let source = match (&r.tariff, &r.electricity_price_usd_per_kwh) {
                (Some(tariff), _) => format!("{}, {}", tariff.name, tariff.year),
                (None, Some(figure)) => source_line(figure, lang),
                (None, None) => String::new(),
            };
            fill(t.price_region, &[("price", &price), ("source", &source)])
        }
        None => fill(t.price_default, &[("price", &price)]),
    };
    let mut lines = vec![first];
    if let Some(a) = region.and_then(|r| r.availability.as_ref()) {
        lines.push(availability_line(a, lang));
    }
    lines
}
