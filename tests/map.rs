//! `hashwatt chart map` as a user meets it: the CSV contract, one row per country drawn, the
//! shares summing to each snapshot's total, and PNG/SVG files with their legend and footer.

mod common;
use common::*;

fn csv(args: &[&str]) -> Vec<Vec<String>> {
    let mut all = vec!["chart", "map", "--csv"];
    all.extend_from_slice(args);
    let text = ok(&all);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header.join(","), "iso3,name,value,unit,year,source");
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_csv_has_one_row_per_country_with_unique_codes_on_every_layer() {
    for layer in ["intensity", "demand", "hashrate-share", "profit"] {
        let rows = csv(&["--layer", layer]);
        let mut codes: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        let n = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), n, "{layer}: unique codes");
        // Natural Earth's 177 countries are all there (a value or an empty cell).
        let countries = rows.iter().filter(|r| r[0].len() == 3).count();
        assert_eq!(countries, 177, "{layer}");
        for code in ["FRA", "USA", "CHN", "ATA", "XKX", "CYN"] {
            assert!(codes.contains(&code), "{layer}: {code}");
        }
    }
}

#[test]
fn values_are_the_presets_with_their_unit_year_and_source() {
    let rows = csv(&["--layer", "intensity"]);
    let row = |code: &str| rows.iter().find(|r| r[0] == code).unwrap().clone();
    let france = row("FRA");
    assert_eq!(france[2], "44.2");
    assert_eq!(france[3], "g CO2e/kWh");
    assert_eq!(france[4], "2024");
    assert!(france[5].starts_with("Ember"), "{}", france[5]);
    // Kazakhstan keeps its hand-made region's figure.
    assert_eq!(row("KAZ")[2], "802");
    // Antarctica: no figure, empty cells.
    assert_eq!(row("ATA")[2], "");
    assert_eq!(row("US-TX")[1], "Texas (ERCOT)");
}

/// The shares a snapshot's preset file lists, summed.
fn preset_total(id: &str) -> f64 {
    let path = format!(
        "{}/presets/mining-maps/{id}.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    text.split("share_pct: ")
        .skip(1)
        .map(|rest| {
            let end = rest.find([',', ')']).unwrap();
            rest[..end].trim().parse::<f64>().unwrap()
        })
        .sum()
}

#[test]
fn each_snapshot_sums_to_its_total() {
    for snapshot in [
        "ccaf-2020-04",
        "ccaf-2021-08",
        "ccaf-2022-01",
        "ccaf-2025-survey",
    ] {
        let rows = csv(&["--layer", "hashrate-share", "--snapshot", snapshot]);
        let sum: f64 = rows.iter().filter_map(|r| r[2].parse::<f64>().ok()).sum();
        let total = preset_total(snapshot);
        assert!((sum - total).abs() < 0.01, "{snapshot}: {sum} vs {total}");
        // Sub-national regions are inside their country's share, not rows of their own.
        assert!(rows.iter().all(|r| r[0].len() == 3));
    }
}

#[test]
fn png_and_svg_carry_the_legend_and_the_footer() {
    let dir = temp_dir("map-export");
    let png = dir.join("map.png");
    let svg = dir.join("map.svg");
    for (file, layer) in [(&png, "intensity"), (&svg, "demand")] {
        ok(&[
            "chart",
            "map",
            "--layer",
            layer,
            "--out",
            file.to_str().unwrap(),
        ]);
    }
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("uses less than Bitcoin"), "legend");
    assert!(text.contains("Natural Earth"), "footer: shapes");
    assert!(text.contains("Ember"), "footer: data");
    assert!(text.contains("countries use less electricity in a year than Bitcoin"));
}

#[test]
fn bad_map_flags_are_refused_in_one_line() {
    let err = refused(&["chart", "map", "--layer", "rainfall", "--csv"]);
    assert!(
        err.contains("intensity, demand, hashrate-share, profit"),
        "{err}"
    );
    let err = refused(&[
        "chart",
        "map",
        "--layer",
        "hashrate-share",
        "--snapshot",
        "ccaf-1999",
        "--csv",
    ]);
    assert!(
        err.starts_with("error: --snapshot: no mining-map snapshot \"ccaf-1999\""),
        "{err}"
    );
    let err = refused(&[
        "chart", "map", "--layer", "demand", "--year", "1990", "--csv",
    ]);
    assert!(
        err.contains("--year: the history has no full year 1990"),
        "{err}"
    );
    let err = refused(&["chart", "mix", "--csv"]);
    assert!(err.contains("--csv: only the map chart takes it"), "{err}");
    let err = refused(&[
        "--lang", "zh", "chart", "map", "--layer", "demand", "--year", "1990", "--csv",
    ]);
    assert!(english_words(&err).is_empty(), "{err}");
}

#[test]
fn a_country_from_the_table_asks_for_the_users_price_and_the_report_says_yours() {
    let err = refused(&["report", "--region", "france"]);
    assert_eq!(
        err,
        "error: --electricity-usd-kwh: France has no sourced power price: enter yours\n"
    );
    let err = refused(&["--lang", "zh", "report", "--region", "france"]);
    assert!(err.contains("法国没有有来源的电价"), "{err}");
    let out = ok(&[
        "report",
        "--region",
        "france",
        "--electricity-usd-kwh",
        "0.07",
    ]);
    assert!(
        out.contains("price: yours, $0.0700/kWh (France has no sourced price)"),
        "{out}"
    );
    // Its grid is Ember's: France's 44.2 g/kWh (2024).
    assert!(out.contains("44.20 g CO₂e/kWh"), "{out}");
}
