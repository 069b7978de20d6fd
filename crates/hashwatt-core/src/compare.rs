//! Scenarios side by side: every figure of each, and which one is best in each row. Shared by
//! `hashwatt compare` and the window's Compare view.

use crate::chart_data::{CarbonPriceLine, RegionsChart, carbon_price_lines};
use crate::i18n::{Lang, Localized, fill, strings};
use crate::model::Evaluation;
use crate::presets::PresetLibrary;
use crate::resolve::ResolveError;
use crate::scenario_file::ScenarioDoc;
use serde::Serialize;

pub use crate::figures::Better;
use crate::figures::Figure;

/// One figure across the scenarios.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    #[serde(skip)]
    pub figure: Figure,
    pub key: &'static str,
    pub better: Better,
    pub values: Vec<Option<f64>>,
    /// Indices of the best values (ties share it); empty when the figure has no direction or
    /// fewer than two scenarios have a value.
    pub best: Vec<usize>,
}

/// Every figure of every scenario, by row: the contract's, then each lever figure that any of
/// the scenarios has (undefined where a scenario's lever is off).
pub fn table(evaluations: &[Evaluation]) -> Vec<Row> {
    if evaluations.is_empty() {
        return Vec::new();
    }
    Figure::all()
        .filter(|f| evaluations.iter().any(|e| f.applies_to(e)))
        .map(|figure| {
            let values: Vec<Option<f64>> = evaluations.iter().map(|e| figure.value(e)).collect();
            let direction = figure.better();
            Row {
                figure,
                key: figure.key(),
                better: direction,
                best: best_of(&values, direction),
                values,
            }
        })
        .collect()
}

fn best_of(values: &[Option<f64>], direction: Better) -> Vec<usize> {
    let defined: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    if defined.len() < 2 || direction == Better::Neither {
        return Vec::new();
    }
    let pick = |a: f64, b: f64| match direction {
        Better::Lower => a.min(b),
        _ => a.max(b),
    };
    let best = defined.iter().map(|&(_, v)| v).fold(defined[0].1, pick);
    let all_equal = defined.iter().all(|&(_, v)| v == best);
    if all_equal {
        return Vec::new();
    }
    defined
        .into_iter()
        .filter(|&(_, v)| v == best)
        .map(|(i, _)| i)
        .collect()
}

/// What "Where should this fleet go?" ranks regions by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum RankBy {
    #[default]
    BreakEvenBtcPrice,
    Co2PerBtc,
    Profit,
}

/// Regions best first for the fleet and market (lowest break-even or CO₂ per BTC, highest
/// profit), keeping only grids at or below `max_intensity_g_per_kwh` when given. Regions
/// without the figure (no BTC mined) are left out.
pub fn rank_regions(
    rows: &[crate::chart_data::RegionRow],
    by: RankBy,
    max_intensity_g_per_kwh: Option<f64>,
) -> Vec<&crate::chart_data::RegionRow> {
    let value = |r: &crate::chart_data::RegionRow| match by {
        RankBy::BreakEvenBtcPrice => r.break_even_btc_price_usd,
        RankBy::Co2PerBtc => r.co2_t_per_btc,
        // Higher is better: rank by its negative.
        RankBy::Profit => Some(-r.profit_usd_per_day),
    };
    let mut ranked: Vec<(&crate::chart_data::RegionRow, f64)> = rows
        .iter()
        .filter(|r| max_intensity_g_per_kwh.is_none_or(|max| r.intensity_g_per_kwh <= max))
        .filter_map(|r| value(r).map(|v| (r, v)))
        .collect();
    ranked.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.name.cmp(&b.0.name)));
    ranked.into_iter().map(|(r, _)| r).collect()
}

/// Scenario documents side by side: each one's evaluation, and the table of those that resolve.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Each document's evaluation, or why it no longer resolves (a preset removed).
    pub evaluated: Vec<Result<Evaluation, ResolveError>>,
    /// The documents that resolve, by index: the table's columns, in order.
    pub columns: Vec<usize>,
    /// Each column's power price, USD/kWh: what differs between sites, shown above the figures.
    pub power_usd_per_kwh: Vec<f64>,
    /// The columns with the cheapest power (empty when all are equal or there is one).
    pub power_best: Vec<usize>,
    /// [`table`] of the documents that resolve.
    pub rows: Vec<Row>,
}

impl Comparison {
    /// Resolves and evaluates every document, and tabulates those that resolve.
    pub fn of<'a>(
        docs: impl IntoIterator<Item = &'a ScenarioDoc>,
        library: &PresetLibrary,
    ) -> Comparison {
        let resolved: Vec<Result<(Evaluation, f64), ResolveError>> = docs
            .into_iter()
            .map(|doc| {
                doc.resolve(library)
                    .map(|s| (crate::model::evaluate(&s), s.site.electricity_usd_per_kwh))
            })
            .collect();
        let columns: Vec<usize> = resolved
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.is_ok().then_some(i))
            .collect();
        let good: Vec<Evaluation> = resolved.iter().flatten().map(|(e, _)| e.clone()).collect();
        let power_usd_per_kwh: Vec<f64> = resolved.iter().flatten().map(|&(_, p)| p).collect();
        let power: Vec<Option<f64>> = power_usd_per_kwh.iter().copied().map(Some).collect();
        Comparison {
            rows: table(&good),
            power_best: best_of(&power, Better::Lower),
            power_usd_per_kwh,
            evaluated: resolved.into_iter().map(|r| r.map(|(e, _)| e)).collect(),
            columns,
        }
    }
}

/// The site's region in words: its preset's name (the id if the preset is gone), marked when
/// the site has its own mix.
pub fn region_name(doc: &ScenarioDoc, library: &PresetLibrary, lang: Lang) -> String {
    let s = &strings(lang).app;
    let Some(id) = doc.site.base_region_id() else {
        return s.custom_mix_region.to_string();
    };
    let name = library.region(id).map_or(id, |r| r.name_in(lang));
    if doc.site.mix.is_some() {
        fill(s.pin_region_custom_mix, &[("region", name)])
    } else {
        name.to_string()
    }
}

/// The fleet in words, "500 × Antminer S21 XP", models joined by " + ".
pub fn fleet_name(doc: &ScenarioDoc, library: &PresetLibrary, lang: Lang) -> String {
    let custom = strings(lang).app.custom_miner;
    doc.fleet
        .iter()
        .map(|entry| {
            // A name given in the file wins over the preset's, as when the scenario resolves.
            let miner = match (&entry.name, &entry.miner) {
                (Some(name), _) => name.as_str(),
                (None, Some(id)) => library.miner(id).map_or(id.as_str(), |m| m.name_in(lang)),
                (None, None) => custom,
            };
            format!("{} × {miner}", entry.units)
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// A pinned scenario's name: where it is and what runs there, "Texas (ERCOT) · 500 × Antminer
/// S21 XP", which tells pins apart better than the scenario's own name.
pub fn pin_title(doc: &ScenarioDoc, library: &PresetLibrary, lang: Lang) -> String {
    let region = region_name(doc, library, lang);
    let fleet = fleet_name(doc, library, lang);
    if fleet.is_empty() {
        region
    } else {
        format!("{region} · {fleet}")
    }
}

/// The market in words: the snapshot's name (the newest when none is named), and the BTC
/// price when the scenario sets its own.
pub fn market_name(doc: &ScenarioDoc, library: &PresetLibrary, lang: Lang) -> String {
    let preset = match &doc.market.preset {
        Some(id) => library
            .market(id)
            .map_or(id.clone(), |m| m.name_in(lang).to_string()),
        None => library
            .newest_market()
            .map_or_else(String::new, |m| m.name_in(lang).to_string()),
    };
    match doc.market.btc_price_usd {
        Some(price) => format!("{preset} · BTC {}", crate::format::usd(price)),
        None => preset,
    }
}

/// How many regions the carbon-price chart draws beside the scenario's own site.
pub const CARBON_PRICE_REGIONS: usize = 5;

/// The carbon-price chart of the Compare view: the break-even BTC price against a carbon price
/// for the scenario's own site and the best regions of the ranking (leaving out the site's own
/// region), from 0 to twice the scenario's carbon price (at least 200 USD/t).
/// What the carbon-price chart is drawn from.
pub struct CarbonPriceInputs<'a> {
    pub doc: &'a ScenarioDoc,
    pub library: &'a PresetLibrary,
    /// The regions as ranked for the fleet.
    pub regions: &'a RegionsChart,
    /// The scenario's own carbon price, USD/t.
    pub carbon_price_usd_per_t: f64,
    /// What the ranking ranks by, and its intensity filter.
    pub by: RankBy,
    pub max_intensity_g_per_kwh: Option<f64>,
    /// The name of the scenario's own site on the chart.
    pub own_name: &'a str,
}

pub fn carbon_price_chart(inputs: &CarbonPriceInputs<'_>, lang: Lang) -> Vec<CarbonPriceLine> {
    let CarbonPriceInputs {
        doc,
        library,
        regions,
        carbon_price_usd_per_t,
        by,
        max_intensity_g_per_kwh,
        own_name,
    } = *inputs;
    let top: Vec<String> = rank_regions(&regions.rows, by, max_intensity_g_per_kwh)
        .into_iter()
        .filter(|r| regions.current.as_deref() != Some(r.id.as_str()))
        .take(CARBON_PRICE_REGIONS)
        .map(|r| r.id.clone())
        .collect();
    let max_price = (carbon_price_usd_per_t * 2.0).max(200.0);
    carbon_price_lines(doc, library, own_name, &top, max_price, lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PresetLibrary;
    use crate::scenario_file::ScenarioDoc;

    fn evaluate(region: &str) -> Evaluation {
        let library = PresetLibrary::builtin();
        let doc = ScenarioDoc {
            site: crate::scenario_file::SiteDoc {
                region: Some(region.into()),
                ..Default::default()
            },
            ..Default::default()
        };
        crate::model::evaluate(&doc.resolve(&library).unwrap())
    }

    #[test]
    fn best_values_follow_each_figures_direction() {
        let rows = table(&[
            evaluate("kazakhstan"),
            evaluate("quebec"),
            evaluate("germany"),
        ]);
        let row = |key: &str| rows.iter().find(|r| r.key == key).unwrap();
        // Québec's hydro has the lowest CO₂ per BTC; Kazakhstan's cheap power the best profit.
        assert_eq!(row("co2_t_per_btc").best, [1]);
        assert_eq!(row("profit_usd_per_day").best, [0]);
        assert_eq!(row("break_even_btc_price_usd").best, [0]);
        // The same fleet everywhere: size figures are equal and have no best.
        assert!(row("fleet_hashrate_ths").best.is_empty());
        assert_eq!(rows.len(), 22 + 7, "the contract and site accounting");
    }

    #[test]
    fn undefined_values_never_win_and_one_scenario_has_no_best() {
        assert_eq!(best_of(&[None, Some(2.0), Some(1.0)], Better::Lower), [2]);
        assert_eq!(
            best_of(&[None, Some(2.0)], Better::Lower),
            Vec::<usize>::new()
        );
        assert_eq!(
            best_of(&[Some(3.0), Some(3.0)], Better::Higher),
            Vec::<usize>::new()
        );
        assert_eq!(
            best_of(&[Some(3.0), Some(5.0), Some(5.0)], Better::Higher),
            [1, 2]
        );
    }

    #[test]
    fn ranking_puts_the_best_region_first_and_filters_by_intensity() {
        let library = PresetLibrary::builtin();
        let doc = ScenarioDoc::default();
        let rows = crate::chart_data::regions_chart(&doc, &library, crate::i18n::Lang::En).rows;
        let by_cost = rank_regions(&rows, RankBy::BreakEvenBtcPrice, None);
        assert_eq!(by_cost.len(), rows.len());
        assert!(
            by_cost
                .windows(2)
                .all(|w| { w[0].break_even_btc_price_usd <= w[1].break_even_btc_price_usd })
        );
        let by_profit = rank_regions(&rows, RankBy::Profit, None);
        assert!(
            by_profit
                .windows(2)
                .all(|w| w[0].profit_usd_per_day >= w[1].profit_usd_per_day)
        );
        let clean = rank_regions(&rows, RankBy::Co2PerBtc, Some(50.0));
        assert!(!clean.is_empty());
        assert!(clean.iter().all(|r| r.intensity_g_per_kwh <= 50.0));
        assert!(clean.iter().any(|r| r.id == "quebec"));
        assert!(clean.iter().all(|r| r.id != "kazakhstan"));
    }

    #[test]
    fn a_lever_on_in_one_scenario_adds_its_rows_to_the_table() {
        let plain = evaluate("world");
        let mut doc = ScenarioDoc::default();
        doc.levers.heat_reuse = Some(crate::model::levers::HeatReuse {
            share_pct: 50.0,
            price_usd_per_mwh_heat: 30.0,
            ..Default::default()
        });
        let library = PresetLibrary::builtin();
        let heat = crate::model::evaluate(&doc.resolve(&library).unwrap());
        let rows = table(&[plain, heat]);
        assert_eq!(rows.len(), 22 + 7 + 2);
        let row = rows
            .iter()
            .find(|r| r.key == "heat_revenue_usd_per_day")
            .unwrap();
        assert_eq!(row.values[0], None);
        assert!(row.values[1].is_some_and(|v| v > 0.0));
        assert!(row.best.is_empty(), "one defined value has no best");
    }

    #[test]
    fn a_comparison_tabulates_the_documents_that_resolve() {
        let library = PresetLibrary::builtin();
        let mut quebec = ScenarioDoc::default();
        quebec.site.region = Some("quebec".into());
        let mut gone = ScenarioDoc::default();
        gone.site.region = Some("atlantis".into());
        let c = Comparison::of([&ScenarioDoc::default(), &gone, &quebec], &library);
        assert_eq!(c.columns, [0, 2]);
        assert_eq!(
            c.evaluated[1].as_ref().unwrap_err().field,
            "site.region",
            "the reason is kept"
        );
        let plain = crate::model::evaluate(&ScenarioDoc::default().resolve(&library).unwrap());
        let hydro = crate::model::evaluate(&quebec.resolve(&library).unwrap());
        assert_eq!(c.rows, table(&[plain, hydro]));
        // The power price of each column, the cheapest marked.
        let price = |doc: &ScenarioDoc| doc.resolve(&library).unwrap().site.electricity_usd_per_kwh;
        let prices = [price(&ScenarioDoc::default()), price(&quebec)];
        assert_ne!(prices[0], prices[1]);
        assert_eq!(c.power_usd_per_kwh, prices);
        let cheaper = usize::from(prices[1] < prices[0]);
        assert_eq!(c.power_best, [cheaper]);
    }

    #[test]
    fn the_carbon_price_chart_draws_the_site_and_the_best_other_regions() {
        let library = PresetLibrary::builtin();
        let mut doc = ScenarioDoc::default();
        doc.site.region = Some("quebec".into());
        let regions = crate::chart_data::regions_chart(&doc, &library, Lang::En);
        let inputs = CarbonPriceInputs {
            doc: &doc,
            library: &library,
            regions: &regions,
            carbon_price_usd_per_t: 150.0,
            by: RankBy::Co2PerBtc,
            max_intensity_g_per_kwh: None,
            own_name: "this site",
        };
        let lines = carbon_price_chart(&inputs, Lang::En);
        assert_eq!(lines.len(), 1 + CARBON_PRICE_REGIONS);
        assert_eq!(lines[0].region, None);
        assert_eq!(lines[0].name, "this site");
        // Twice the scenario's carbon price: the line runs to 300 USD/t.
        assert_eq!(lines[0].points.last().unwrap().0, 300.0);
        let ranked: Vec<Option<String>> = rank_regions(&regions.rows, RankBy::Co2PerBtc, None)
            .into_iter()
            .filter(|r| r.id != "quebec")
            .take(CARBON_PRICE_REGIONS)
            .map(|r| Some(r.id.clone()))
            .collect();
        let drawn: Vec<Option<String>> = lines[1..].iter().map(|l| l.region.clone()).collect();
        assert_eq!(drawn, ranked, "the site's own region is not drawn twice");
    }
}
