//! MiCA's network sustainability indicators for Bitcoin over a period of the history
//! (Commission Delegated Regulation (EU) 2025/422): S.8 energy with its bounds, S.10 renewable
//! share, S.11 energy per transaction, S.13 location-based emissions and S.14 emissions per
//! transaction, each with its method, and the sources the figures rest on.
//!
//! Energy is Cambridge's method month by month ([`super::cbeci`]), summed. The mining maps give,
//! besides the life-cycle intensity the History tab charts, two more hashrate-weighted figures:
//! the grids' operational (combustion-only) intensity, which is what location-based Scope 2
//! counts, and their renewable share of generation. Both are interpolated between maps like the
//! intensity, and weighted over the months by energy.

use super::cbeci::{self, MonthEstimate};
use super::{History, Month};
use crate::i18n::{self, Lang, Localized, fill};
use crate::mining_intensity::{self, WORLD_REGION};
use crate::model::accounting::renewable_pct;
use crate::model::network::{RegionShare, weighted_intensity};
use crate::presets::PresetLibrary;
use crate::problem::Problem;
use crate::resolve::OPERATIONAL_TABLE;
use serde::Serialize;

/// What one mining map says about the network's grids.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MapFigures {
    pub id: String,
    /// The map's date's month: where it stands in time.
    pub month: Month,
    /// Hashrate-weighted life-cycle intensity (the regions' measured figures), g CO₂e/kWh.
    pub lifecycle_g_per_kwh: f64,
    /// Hashrate-weighted operational intensity: each region's mix × the combustion table.
    pub operational_g_per_kwh: f64,
    /// Hashrate-weighted renewable share of the regions' generation, %.
    pub renewable_pct: f64,
}

/// A region's operational (combustion-only) intensity: its mix × the combustion table.
fn operational_g_per_kwh(
    mix: &crate::model::EnergyMix,
    factors: &crate::model::PerSource<f64>,
) -> f64 {
    mix.iter()
        .map(|(source, share)| share / 100.0 * factors.get(source))
        .sum()
}

/// Every mining map's figures, oldest first. A map naming a region the library lacks is left
/// out, as the History tab's intensity leaves it out.
pub fn map_figures(library: &PresetLibrary) -> Result<Vec<MapFigures>, Problem> {
    let table = library
        .emission_table(OPERATIONAL_TABLE)
        .ok_or(Problem::PresetMissing {
            id: OPERATIONAL_TABLE,
        })?;
    let factors = table.factors().central_g_per_kwh;
    let world = library
        .region(WORLD_REGION)
        .ok_or(Problem::PresetMissing { id: WORLD_REGION })?;
    let mut maps: Vec<MapFigures> = library
        .mining_maps()
        .filter_map(|map| {
            let month = Month::parse(map.date.to_string().get(..7)?)?;
            let lifecycle = mining_intensity::snapshot(library, map).ok()?;
            let regions: Vec<_> = map
                .shares
                .iter()
                .map(|s| library.region(&s.region).map(|r| (s.share_pct, r)))
                .collect::<Option<_>>()?;
            let weighted = |value: &dyn Fn(&crate::presets::RegionPreset) -> f64| {
                let shares: Vec<RegionShare> = regions
                    .iter()
                    .map(|(share_pct, r)| RegionShare {
                        share_pct: *share_pct,
                        intensity_g_per_kwh: value(r),
                    })
                    .collect();
                weighted_intensity(&shares, value(world)).intensity_g_per_kwh
            };
            Some(MapFigures {
                id: map.id.clone(),
                month,
                lifecycle_g_per_kwh: lifecycle.intensity_g_per_kwh,
                operational_g_per_kwh: weighted(&|r| {
                    operational_g_per_kwh(&r.mix.shares, &factors)
                }),
                renewable_pct: weighted(&|r| renewable_pct(&r.mix.shares)),
            })
        })
        .collect();
    maps.sort_by_key(|m| m.month);
    Ok(maps)
}

/// The maps' figures in `month`: linear between the maps around it, the first map's before
/// the first, the last's after the last; with the maps it rests on (indices into `maps`,
/// those with a weight).
#[derive(Clone, Debug, PartialEq)]
pub struct MonthFigures {
    pub lifecycle_g_per_kwh: f64,
    pub operational_g_per_kwh: f64,
    pub renewable_pct: f64,
    pub before_first_map: bool,
    pub maps: Vec<usize>,
}

/// The maps' figures in `month` (`None` without any map).
pub fn figures_at(maps: &[MapFigures], month: Month) -> Option<MonthFigures> {
    let first = maps.first()?;
    let at = |i: usize| MonthFigures {
        lifecycle_g_per_kwh: maps[i].lifecycle_g_per_kwh,
        operational_g_per_kwh: maps[i].operational_g_per_kwh,
        renewable_pct: maps[i].renewable_pct,
        before_first_map: month < first.month,
        maps: vec![i],
    };
    if month <= first.month {
        return Some(at(0));
    }
    for (i, w) in maps.windows(2).enumerate() {
        if month <= w[1].month {
            if month == w[1].month {
                return Some(at(i + 1));
            }
            let span = f64::from(w[1].month.index() - w[0].month.index());
            let t = f64::from(month.index() - w[0].month.index()) / span;
            let lerp = |a: f64, b: f64| a + t * (b - a);
            return Some(MonthFigures {
                lifecycle_g_per_kwh: lerp(w[0].lifecycle_g_per_kwh, w[1].lifecycle_g_per_kwh),
                operational_g_per_kwh: lerp(w[0].operational_g_per_kwh, w[1].operational_g_per_kwh),
                renewable_pct: lerp(w[0].renewable_pct, w[1].renewable_pct),
                before_first_map: false,
                maps: vec![i, i + 1],
            });
        }
    }
    Some(at(maps.len() - 1))
}

/// Why the indicators cannot be computed for a period.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DisclosureError {
    #[error(transparent)]
    Range(#[from] super::range::RangeError),
    #[error("{}", self.localized(Lang::En))]
    Presets(Problem),
    #[error("{}", self.localized(Lang::En))]
    NoMap,
}

impl DisclosureError {
    /// The problem in `lang`, as the History tab says it.
    pub fn localized(&self, lang: Lang) -> String {
        match self {
            DisclosureError::Range(e) => e.localized(lang),
            DisclosureError::Presets(problem) => problem.localized(lang),
            DisclosureError::NoMap => i18n::strings(lang).mica.no_map.to_string(),
        }
    }
}

/// The MiCA network indicators for a period, and how they were reached.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NetworkDisclosure {
    pub from: Month,
    pub to: Month,
    pub months: usize,
    /// The electricity price of the profitability filter, USD/kWh.
    pub electricity_usd_per_kwh: f64,
    /// S.8: best guess, lower and upper bound, TWh over the period.
    pub energy_twh: f64,
    pub energy_twh_lower: f64,
    pub energy_twh_upper: f64,
    /// S.10: location-based renewable share, %, energy-weighted over the months.
    pub renewable_share_pct: f64,
    /// Transactions in the period; `None` when a month lacks its count.
    pub transactions: Option<u64>,
    /// S.11: kWh per transaction.
    pub kwh_per_transaction: Option<f64>,
    /// S.13: location-based, operational intensity, Mt CO₂e over the period.
    pub co2_mt: f64,
    /// S.14: kg CO₂e per transaction.
    pub kg_co2_per_transaction: Option<f64>,
    /// The energy-weighted operational intensity S.13 uses, g CO₂e/kWh.
    pub operational_g_per_kwh: f64,
    /// The same energy at the life-cycle intensity (the History tab's CO₂), Mt.
    pub co2_mt_lifecycle: f64,
    pub lifecycle_g_per_kwh: f64,
    /// The world mix's renewable share, for the hashrate no map places, %.
    pub world_renewable_pct: f64,
    pub missing_transactions_months: Vec<Month>,
    /// Months whose count the history marks as an estimate (its note says "transactions
    /// estimated").
    pub estimated_transactions_months: Vec<Month>,
    /// Months without a BTC price: no profitability filter.
    pub months_without_price: Vec<Month>,
    /// Months no machine of the basket qualifies for: no energy counted.
    pub months_without_estimate: Vec<Month>,
    /// Some month lies before the first map.
    pub before_first_map: bool,
    /// The first map's month.
    pub first_map_month: Month,
    /// The ids of the maps the period's figures rest on, oldest first.
    pub maps: Vec<String>,
}

/// What a history row's note says of a transaction count that is an estimate (the built-in
/// history's build script writes it).
pub const ESTIMATED_TRANSACTIONS: &str = "transactions estimated";

/// The indicators for the months `from..=to` of `history` at an electricity price.
pub fn disclose(
    history: &History,
    library: &PresetLibrary,
    usd_per_kwh: f64,
    from: Month,
    to: Month,
) -> Result<NetworkDisclosure, DisclosureError> {
    history.months_within(Some(from), Some(to))?;
    let maps = map_figures(library).map_err(DisclosureError::Presets)?;
    if maps.is_empty() {
        return Err(DisclosureError::NoMap);
    }
    let world_renewable_pct = library
        .region(WORLD_REGION)
        .map_or(0.0, |r| renewable_pct(&r.mix.shares));
    let records = history.range(from, to);
    let points = cbeci::map_points(library);
    let estimates: Vec<MonthEstimate> = cbeci::estimate_all(
        records,
        super::basket::builtin_entries(),
        usd_per_kwh,
        &points,
    );
    let mut d = NetworkDisclosure {
        from,
        to,
        months: records.len(),
        electricity_usd_per_kwh: usd_per_kwh,
        energy_twh: 0.0,
        energy_twh_lower: 0.0,
        energy_twh_upper: 0.0,
        renewable_share_pct: 0.0,
        transactions: None,
        kwh_per_transaction: None,
        co2_mt: 0.0,
        kg_co2_per_transaction: None,
        operational_g_per_kwh: 0.0,
        co2_mt_lifecycle: 0.0,
        lifecycle_g_per_kwh: 0.0,
        world_renewable_pct,
        missing_transactions_months: Vec::new(),
        estimated_transactions_months: Vec::new(),
        months_without_price: Vec::new(),
        months_without_estimate: Vec::new(),
        before_first_map: false,
        first_map_month: maps[0].month,
        maps: Vec::new(),
    };
    let mut used = vec![false; maps.len()];
    let mut renewable_twh = 0.0;
    let mut renewable_unweighted = 0.0;
    let mut transactions: u64 = 0;
    for (record, estimate) in records.iter().zip(&estimates) {
        let figures = figures_at(&maps, record.month).expect("maps is not empty");
        for &i in &figures.maps {
            used[i] = true;
        }
        d.before_first_map |= figures.before_first_map;
        if estimate.price_missing {
            d.months_without_price.push(record.month);
        }
        let energy = match (
            estimate.energy_twh_lower,
            estimate.energy_twh,
            estimate.energy_twh_upper,
        ) {
            (Some(lower), Some(best), Some(upper)) => {
                d.energy_twh_lower += lower;
                d.energy_twh_upper += upper;
                best
            }
            _ => {
                d.months_without_estimate.push(record.month);
                0.0
            }
        };
        d.energy_twh += energy;
        // TWh × g/kWh = 10⁹ kWh × g/kWh = 1,000 t.
        d.co2_mt += energy * figures.operational_g_per_kwh / 1000.0;
        d.co2_mt_lifecycle += energy * figures.lifecycle_g_per_kwh / 1000.0;
        renewable_twh += energy * figures.renewable_pct;
        renewable_unweighted += figures.renewable_pct;
        match record.transactions {
            Some(n) => {
                transactions = transactions.saturating_add(n);
                if record.note.contains(ESTIMATED_TRANSACTIONS) {
                    d.estimated_transactions_months.push(record.month);
                }
            }
            None => d.missing_transactions_months.push(record.month),
        }
    }
    if d.energy_twh > 0.0 {
        d.renewable_share_pct = renewable_twh / d.energy_twh;
        d.operational_g_per_kwh = d.co2_mt * 1000.0 / d.energy_twh;
        d.lifecycle_g_per_kwh = d.co2_mt_lifecycle * 1000.0 / d.energy_twh;
    } else if d.months > 0 {
        // No energy to weight by: the months count alike.
        d.renewable_share_pct = renewable_unweighted / d.months as f64;
    }
    if d.missing_transactions_months.is_empty() {
        d.transactions = Some(transactions);
        if transactions > 0 {
            let n = transactions as f64;
            d.kwh_per_transaction = Some(d.energy_twh * 1e9 / n);
            d.kg_co2_per_transaction = Some(d.co2_mt * 1e9 / n);
        }
    }
    d.maps = maps
        .iter()
        .zip(&used)
        .filter(|(_, used)| **used)
        .map(|(m, _)| m.id.clone())
        .collect();
    Ok(d)
}

/// The period MiCA asks for ending at the history's last month: twelve months, or the whole
/// history if it is shorter.
pub fn last_twelve_months(history: &History) -> (Month, Month) {
    let to = history.last();
    let from = Month::from_index(to.index() - 11).max(history.first());
    (from, to)
}

/// One row of the indicator table.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorRow {
    /// The MiCA code (`S.8`), empty for the energy's bounds and the transaction count.
    pub code: &'static str,
    /// The key in `disclose --json` and `--csv`.
    pub key: &'static str,
    pub label: &'static str,
    pub value: Option<f64>,
    pub unit: &'static str,
    pub method: String,
}

/// The indicators as rows, in `lang`, one for each key of `hashwatt disclose --json` in its
/// order: S.8 with its bounds, S.10, the transaction count, S.11, S.13, S.14.
pub fn rows(d: &NetworkDisclosure, library: &PresetLibrary, lang: Lang) -> Vec<IndicatorRow> {
    let t = &i18n::strings(lang).mica;
    let n = crate::format::number;
    let table = library
        .emission_table(OPERATIONAL_TABLE)
        .map_or(OPERATIONAL_TABLE, |e| e.name_in(lang));
    let row = |code, key, words: &i18n::mica::IndicatorWords, value, method: String| IndicatorRow {
        code,
        key,
        label: words.label,
        value,
        unit: words.unit,
        method,
    };
    vec![
        row(
            "S.8",
            "energy_twh",
            &t.energy,
            Some(d.energy_twh),
            fill(
                t.energy.method,
                &[
                    ("lower", &n(d.energy_twh_lower)),
                    ("upper", &n(d.energy_twh_upper)),
                ],
            ),
        ),
        row(
            "",
            "energy_twh_lower",
            &t.energy_lower,
            Some(d.energy_twh_lower),
            t.energy_lower.method.to_string(),
        ),
        row(
            "",
            "energy_twh_upper",
            &t.energy_upper,
            Some(d.energy_twh_upper),
            t.energy_upper.method.to_string(),
        ),
        row(
            "S.10",
            "renewable_share_pct",
            &t.renewable,
            Some(d.renewable_share_pct),
            fill(
                t.renewable.method,
                &[("world", &crate::format::fixed(d.world_renewable_pct, 1))],
            ),
        ),
        row(
            "",
            "transactions",
            &t.transactions,
            d.transactions.map(|n| n as f64),
            t.transactions.method.to_string(),
        ),
        row(
            "S.11",
            "kwh_per_transaction",
            &t.kwh_per_transaction,
            d.kwh_per_transaction,
            t.kwh_per_transaction.method.to_string(),
        ),
        row(
            "S.13",
            "co2_mt",
            &t.co2,
            Some(d.co2_mt),
            fill(
                t.co2.method,
                &[
                    ("table", table),
                    ("g", &n(d.operational_g_per_kwh)),
                    ("lifecycle_g", &n(d.lifecycle_g_per_kwh)),
                    ("lifecycle_mt", &n(d.co2_mt_lifecycle)),
                ],
            ),
        ),
        row(
            "S.14",
            "kg_co2_per_transaction",
            &t.kg_per_transaction,
            d.kg_co2_per_transaction,
            t.kg_per_transaction.method.to_string(),
        ),
    ]
}

/// A row's value as shown, or "not available".
pub fn value_text(row: &IndicatorRow, lang: Lang) -> String {
    match row.value {
        Some(v) if row.key == "transactions" => crate::format::fixed(v, 0),
        Some(v) => crate::format::number(v),
        None => i18n::strings(lang).mica.not_available.to_string(),
    }
}

/// Months as short text: consecutive months joined into ranges (`2024-01 to 2024-12, 2025-03`).
pub fn months_text(months: &[Month], lang: Lang) -> String {
    let to = i18n::strings(lang).mica.range_to;
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < months.len() {
        let start = months[i];
        let mut end = start;
        while i + 1 < months.len() && months[i + 1] == end.next() {
            i += 1;
            end = months[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start} {to} {end}")
        });
        i += 1;
    }
    parts.join(", ")
}

/// The period line and what limits the figures (missing counts, prices, maps), in `lang`.
pub fn notes(d: &NetworkDisclosure, lang: Lang) -> Vec<String> {
    let t = &i18n::strings(lang).mica;
    let mut notes = vec![fill(
        t.period,
        &[
            ("from", &d.from.to_string()),
            ("to", &d.to.to_string()),
            ("months", &d.months.to_string()),
            ("price", &format!("${}", d.electricity_usd_per_kwh)),
        ],
    )];
    if d.months != 12 {
        notes.push(fill(t.period_not_12, &[("months", &d.months.to_string())]));
    }
    let listed = [
        (&d.missing_transactions_months, t.missing_transactions),
        (&d.estimated_transactions_months, t.estimated_transactions),
        (&d.months_without_price, t.missing_prices),
        (&d.months_without_estimate, t.missing_estimates),
    ];
    for (months, template) in listed {
        if !months.is_empty() {
            notes.push(fill(template, &[("months", &months_text(months, lang))]));
        }
    }
    if d.before_first_map {
        notes.push(fill(
            t.before_first_map,
            &[("month", &d.first_map_month.to_string())],
        ));
    }
    notes
}

/// Every source the figures rest on, in `lang`: the regulation, the history, the method, each
/// mining map used, the regions' mixes and the combustion table.
pub fn sources(d: &NetworkDisclosure, library: &PresetLibrary, lang: Lang) -> Vec<String> {
    let t = &i18n::strings(lang).mica;
    let mut sources = vec![
        t.source_regulation.to_string(),
        t.source_history.to_string(),
        t.source_method.to_string(),
    ];
    for id in &d.maps {
        if let Some(map) = library.mining_map(id) {
            sources.push(fill(
                t.source_map,
                &[
                    ("name", map.name_in(lang)),
                    ("period", &map.period),
                    ("source", &map.source),
                ],
            ));
        }
    }
    sources.push(t.source_regions.to_string());
    if let Some(table) = library.emission_table(OPERATIONAL_TABLE) {
        sources.push(fill(
            t.source_table,
            &[
                ("name", table.name_in(lang)),
                ("source", &table.source),
                ("year", &table.year.to_string()),
            ],
        ));
    }
    sources
}

/// Why published disclosures of the same network differ, with this period's own figures.
pub fn differences(d: &NetworkDisclosure, lang: Lang) -> String {
    let n = crate::format::number;
    fill(
        i18n::strings(lang).mica.differences,
        &[
            ("co2_mt", &n(d.co2_mt)),
            ("lifecycle_mt", &n(d.co2_mt_lifecycle)),
            ("lower", &n(d.energy_twh_lower)),
            ("upper", &n(d.energy_twh_upper)),
        ],
    )
}

#[cfg(test)]
mod tests;
