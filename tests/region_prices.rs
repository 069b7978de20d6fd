//! The command line shows each region's power price with its grade, year, tariff components and
//! availability; the JSON keys for them are pinned here.

mod common;
use common::{hashwatt, stdout};

fn line_of<'a>(text: &'a str, id: &str) -> &'a str {
    text.lines()
        .find(|l| l.trim_start().starts_with(&format!("{id} ")))
        .unwrap_or_else(|| panic!("no line for {id} in\n{text}"))
}

#[test]
fn presets_list_regions_shows_the_prices_grade_and_year() {
    let o = hashwatt(&["presets", "list", "regions"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(line_of(&text, "quebec").ends_with("0.0451 USD/kWh  Measured  2024"));
    assert!(line_of(&text, "alberta").ends_with("0.0458 USD/kWh  Secondary 2024"));
    assert!(line_of(&text, "kazakhstan").ends_with("0.0300 USD/kWh  Estimate  2020"));
    let zh = stdout(&hashwatt(&["--lang", "zh", "presets", "list", "regions"]));
    assert!(
        line_of(&zh, "quebec").ends_with("0.0451 USD/kWh  实测      2024"),
        "{zh}"
    );
}

#[test]
fn presets_show_json_carries_the_tariff_and_availability() {
    let o = hashwatt(&["presets", "show", "quebec", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let t = &v["tariff"];
    assert_eq!(t["currency"], "CAD");
    assert_eq!(t["energy_per_kwh"][0]["per_kwh"], 0.04025);
    assert!(t["energy_per_kwh"][0].get("up_to_kwh").is_none());
    assert_eq!(t["demand_per_kw_month"], 15.426);
    assert_eq!(t["billing_days"], 30.0);
    assert_eq!(t["usd_per_unit"], 0.7313);
    for key in ["name", "usd_per_unit_date", "usd_per_unit_source", "source"] {
        assert!(t[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
    assert_eq!(t["year"], 2024);
    let a = &v["availability"];
    assert_eq!(a["status"], "Suspended");
    assert_eq!(a["new_entrant_usd_per_kwh"], 0.1276);
    assert_eq!(a["year"], 2023);
    assert!(a["source"].as_str().is_some());
    // Blocks keep their bound; a region without either has neither key.
    let uae: serde_json::Value = serde_json::from_str(&stdout(&hashwatt(&[
        "presets",
        "show",
        "united-arab-emirates",
        "--json",
    ])))
    .unwrap();
    assert_eq!(uae["tariff"]["energy_per_kwh"][0]["up_to_kwh"], 10000.0);
    assert_eq!(uae["tariff"]["fixed_per_month"], serde_json::Value::Null);
    let norway: serde_json::Value =
        serde_json::from_str(&stdout(&hashwatt(&["presets", "show", "norway", "--json"]))).unwrap();
    assert!(norway.get("tariff").is_none() && norway.get("availability").is_none());
}

#[test]
fn presets_show_lists_the_tariffs_components() {
    let text = stdout(&hashwatt(&["presets", "show", "quebec"]));
    for line in [
        "// Energy: 0.04025 CAD/kWh",
        "// Demand: 15.426 CAD/kW per 30 days",
        "// Exchange rate: 1 CAD = 0.7313 USD (2024-04 (1 / 1.3674 CAD per USD))",
        "// Effective at 1 MW, 100 % uptime: $0.0451/kWh",
        "// Availability: new mining loads are not being connected; a new entrant pays $0.128/kWh",
    ] {
        assert!(text.lines().any(|l| l == line), "{line} in\n{text}");
    }
    let uae = stdout(&hashwatt(&["presets", "show", "united-arab-emirates"]));
    assert!(uae.contains("// Energy: 0.29 AED/kWh up to 10,000 kWh a billing period\n"));
    assert!(uae.contains("// Energy: 0.44 AED/kWh beyond\n"));
}

#[test]
fn report_shows_the_price_and_a_closed_rates_availability_line() {
    let o = hashwatt(&["report", "--region", "quebec"]);
    assert!(o.status.success());
    let text = stdout(&o);
    let power = text
        .lines()
        .position(|l| l.starts_with("  Power:"))
        .expect(&text);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[power].contains("/kWh from Hydro-Québec Rate CB, large power"));
    assert_eq!(
        lines[power + 1].trim(),
        "Availability: new mining loads are not being connected; a new entrant pays $0.128/kWh"
    );
    let zh = stdout(&hashwatt(&[
        "--lang",
        "zh",
        "report",
        "--region",
        "sichuan-wet",
    ]));
    assert!(zh.contains("可获得性：挖矿被禁止"), "{zh}");
    // An open rate has no such line; the scenario's own price says so.
    let norway = stdout(&hashwatt(&["report", "--region", "norway"]));
    assert!(!norway.contains("Availability:"));
    assert!(norway.contains("  Power:   $0.0406/kWh from Eurostat nrg_pc_205"));
    let own = stdout(&hashwatt(&[
        "report",
        "--region",
        "quebec",
        "--electricity-usd-kwh",
        "0.03",
    ]));
    assert!(
        own.contains("  Power:   $0.0300/kWh, the scenario's own\n"),
        "{own}"
    );
    assert!(own.contains("Availability: new mining loads are not being connected"));
}
