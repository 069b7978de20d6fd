use super::*;

fn chart(layer: MapLayer, snapshot: Option<&str>, year: Option<i32>) -> MapChart {
    let library = PresetLibrary::builtin();
    let scenario = library.scenario("texas-s21").unwrap().doc.clone();
    map_chart(&MapRequest {
        layer,
        library: &library,
        history: History::builtin_ref(),
        snapshot,
        year,
        scenario: &scenario,
        lang: Lang::En,
    })
    .unwrap()
}

#[test]
fn every_country_outline_has_one_row_with_a_unique_code() {
    for layer in MapLayer::ALL {
        let chart = chart(layer, None, None);
        let rows = chart.rows();
        for shape in shapes::countries() {
            assert_eq!(
                rows.iter().filter(|r| r.iso3 == shape.code).count(),
                1,
                "{} on {layer:?}",
                shape.code
            );
        }
        let mut codes: Vec<&str> = rows.iter().map(|r| r.iso3.as_str()).collect();
        codes.sort_unstable();
        let before = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), before, "codes unique on {layer:?}");
    }
}

#[test]
fn intensity_values_are_the_presets() {
    let library = PresetLibrary::builtin();
    let chart = chart(MapLayer::Intensity, None, None);
    let rows = chart.rows();
    let row = |code: &str| rows.iter().find(|r| r.iso3 == code).unwrap();
    // A hand-made region keeps its own figure; a table country has Ember's.
    let kazakhstan = library.region("kazakhstan").unwrap();
    assert_eq!(row("KAZ").value, Some(kazakhstan.intensity.g_per_kwh));
    assert_eq!(row("KAZ").source, kazakhstan.intensity.source);
    let france = library.region("france").unwrap();
    assert_eq!(row("FRA").value, Some(france.intensity.g_per_kwh));
    assert_eq!(row("FRA").year, Some(france.intensity.year));
    // Texas is a circle with its own figure.
    let texas = library.region("texas-ercot").unwrap();
    assert_eq!(row("US-TX").value, Some(texas.intensity.g_per_kwh));
    // No figure for Antarctica.
    assert_eq!(row("ATA").value, None);
    assert!(chart.footer[0].contains("Natural Earth"));
}

#[test]
fn hashrate_shares_sum_to_each_snapshot_total() {
    let library = PresetLibrary::builtin();
    for map in library.mining_maps() {
        let chart = chart(MapLayer::HashrateShare, Some(&map.id), None);
        let drawn: f64 = chart.rows().iter().filter_map(|r| r.value).sum();
        let total: f64 = map.shares.iter().map(|s| s.share_pct).sum();
        assert!(
            (drawn - total).abs() < 1e-9,
            "{}: {drawn} vs {total}",
            map.id
        );
        assert_eq!(chart.snapshot.as_deref(), Some(map.id.as_str()));
    }
}

#[test]
fn china_is_its_provinces_summed_before_the_ban() {
    let library = PresetLibrary::builtin();
    let map = library.mining_map("ccaf-2020-04").unwrap();
    let china: f64 = map
        .shares
        .iter()
        .filter(|s| library.region(&s.region).unwrap().iso3 == "CHN")
        .map(|s| s.share_pct)
        .sum();
    let chart = chart(MapLayer::HashrateShare, Some("ccaf-2020-04"), None);
    let row = chart.rows().into_iter().find(|r| r.iso3 == "CHN").unwrap();
    assert!((row.value.unwrap() - china).abs() < 1e-9);
    assert!((china - 65.08).abs() < 0.01, "{china}");
    assert!(chart.circles.iter().any(|c| c.code == "CN-XJ"));
    let stops = &chart.snapshots;
    let after_ban: Vec<&str> = stops
        .iter()
        .filter(|s| s.after_china_ban)
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(after_ban, ["ccaf-2021-08"]);
}

#[test]
fn demand_counts_the_countries_below_bitcoin() {
    let chart = chart(MapLayer::Demand, Some("x"), Some(2021));
    let library = PresetLibrary::builtin();
    let bitcoin = bitcoin_twh(History::builtin_ref(), &library, 2021).unwrap();
    let below = chart
        .rows()
        .iter()
        .filter(|r| r.value.is_some_and(|v| v < bitcoin))
        .count();
    assert!(below > 100, "{below}");
    assert!(
        chart
            .title
            .starts_with(&format!("{below} countries use less"))
    );
    assert!(chart.title.contains("in 2021"));
}

#[test]
fn a_year_outside_the_history_is_refused() {
    let library = PresetLibrary::builtin();
    let scenario = ScenarioDoc::default();
    let err = map_chart(&MapRequest {
        layer: MapLayer::Demand,
        library: &library,
        history: History::builtin_ref(),
        snapshot: None,
        year: Some(1990),
        scenario: &scenario,
        lang: Lang::En,
    })
    .unwrap_err();
    assert!(matches!(err, MapError::YearOutside { year: 1990, .. }));
    assert!(!err.localized(Lang::Zh).contains("history"));
}

#[test]
fn profit_is_grey_where_no_price_is_sourced() {
    let chart = chart(MapLayer::Profit, None, None);
    let rows = chart.rows();
    let row = |code: &str| rows.iter().find(|r| r.iso3 == code).unwrap();
    // France comes from the country table: no price.
    assert_eq!(row("FRA").value, None);
    assert!(row("USA").value.is_some());
    assert!(row("US-TX").value.is_some());
    let france = chart.countries.iter().find(|c| c.code == "FRA").unwrap();
    assert_eq!(france.rgb, NO_DATA);
}

#[test]
fn the_csv_has_the_contract_header_and_empty_values() {
    let chart = chart(MapLayer::Intensity, None, None);
    let text = csv_text(&chart.rows());
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("iso3,name,value,unit,year,source"));
    assert!(
        text.lines()
            .any(|l| l.starts_with("ATA,Antarctica,,g CO2e/kWh,,"))
    );
}

#[test]
fn a_point_finds_a_circle_before_its_country() {
    let chart = chart(MapLayer::Intensity, None, None);
    let texas = chart.item_at([-99.3, 31.2], 2.0).unwrap();
    assert_eq!(texas.code, "US-TX");
    let usa = chart.item_at([-90.0, 40.0], 2.0).unwrap();
    assert_eq!(usa.code, "USA");
    assert_eq!(usa.region_id.as_deref(), Some("united-states"));
}
