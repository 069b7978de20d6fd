//! `hashwatt dispatch` as a user meets it: a price series or a tariff in, the totals (table,
//! JSON) or every step (CSV) out; every bad series refused with its file and line, exit 2.

mod common;
use common::*;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/dispatch/example-prices.csv"
);

/// The keys the issue names, and the three the view also shows (a public contract).
const KEYS: [&str; 20] = [
    "steps",
    "hours",
    "hours_mined",
    "uptime_pct",
    "energy_mwh",
    "electricity_cost_usd",
    "mean_price_paid_usd_mwh",
    "btc_mined",
    "revenue_usd",
    "credits_usd",
    "carbon_cost_usd",
    "opex_usd",
    "profit_usd",
    "profit_always_on_usd",
    "co2_t",
    "co2_always_on_t",
    "intensity_paid_g_per_kwh",
    "intensity_always_on_g_per_kwh",
    "break_even_usd_mwh",
    "hours_per_mode",
];

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["dispatch"];
    all.extend_from_slice(args);
    all.push("--json");
    let o = hashwatt(&all);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("valid JSON")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn json_has_the_contracts_keys() {
    let v = json(&["--prices", EXAMPLE, "--credit-usd-mwh", "20"]);
    assert_keys(&v, &KEYS[..19]);
    assert_eq!(v["steps"], 48);
    assert_eq!(v["hours"], 48.0);
    // The spike and the evening peaks are above any break-even the default scenario has.
    assert!(v["hours_mined"].as_f64().unwrap() < 48.0);
    assert!(v["credits_usd"].as_f64().unwrap() > 0.0);
    assert!(v["profit_usd"].as_f64().unwrap() >= v["profit_always_on_usd"].as_f64().unwrap());
}

#[test]
fn a_flat_series_is_report_scaled_to_its_hours() {
    let mut text = String::from("timestamp,price_usd_mwh\n");
    for h in 0..72 {
        text.push_str(&format!(
            "2025-03-{:02}T{:02}:00:00Z,42\n",
            1 + h / 24,
            h % 24
        ));
    }
    let prices = temp_file("flat.csv", &text);
    let flags = [
        "--region",
        "texas-ercot",
        "--electricity-usd-kwh",
        "0.042",
        "--opex-usd-month",
        "900",
        "--carbon-price-usd-t",
        "15",
        "--units",
        "10",
    ];
    let mut args: Vec<&str> = flags.to_vec();
    args.extend(["--prices", prices.to_str().unwrap()]);
    let d = json(&args);
    let mut report_args = vec!["report"];
    report_args.extend(flags);
    report_args.push("--json");
    let o = hashwatt(&report_args);
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let days = 3.0;
    for (dispatch_key, report_key) in [
        ("profit_usd", "profit_usd_per_day"),
        ("revenue_usd", "revenue_usd_per_day"),
        ("electricity_cost_usd", "electricity_cost_usd_per_day"),
        ("carbon_cost_usd", "carbon_cost_usd_per_day"),
        ("opex_usd", "opex_usd_per_day"),
        ("btc_mined", "btc_per_day"),
    ] {
        let a = d[dispatch_key].as_f64().unwrap();
        let b = r[report_key].as_f64().unwrap() * days;
        assert!(close(a, b), "{dispatch_key}: {a} vs {b}");
    }
    assert!(close(
        d["co2_t"].as_f64().unwrap(),
        r["co2_kg_per_day"].as_f64().unwrap() * days / 1000.0
    ));
    assert_eq!(d["hours_mined"], 72.0);
}

#[test]
fn every_bad_series_exits_2_naming_file_and_line() {
    let head = "timestamp,price_usd_mwh\n";
    let cases = [
        ("header", "time,price\n2024-01-01T00:00Z,1\n", 1),
        (
            "gap",
            "2024-01-01T00:00Z,1\n2024-01-01T01:00Z,1\n2024-01-01T03:00Z,1\n",
            4,
        ),
        (
            "duplicate",
            "2024-01-01T00:00Z,1\n2024-01-01T01:00Z,1\n2024-01-01T01:00Z,1\n",
            4,
        ),
        (
            "unsorted",
            "2024-01-01T01:00Z,1\n2024-01-01T02:00Z,1\n2024-01-01T00:00Z,1\n",
            4,
        ),
        (
            "number",
            "2024-01-01T00:00Z,1\n2024-01-01T01:00Z,cheap\n",
            3,
        ),
        (
            "mixed",
            "2024-01-01T00:00Z,1\n2024-01-01T00:15Z,1\n2024-01-01T00:45Z,1\n",
            4,
        ),
        ("step", "2024-01-01T00:00Z,1\n2024-01-01T00:07Z,1\n", 3),
        ("time", "2024-01-01T00:00Z,1\nyesterday,1\n", 3),
    ];
    for (kind, body, line) in cases {
        let text = if kind == "header" {
            body.to_string()
        } else {
            format!("{head}{body}")
        };
        let path = temp_file(&format!("bad-{kind}.csv"), &text);
        let shown = path.display().to_string();
        let o = hashwatt(&["dispatch", "--prices", &shown, "--json"]);
        assert_eq!(o.status.code(), Some(2), "{kind}");
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!("error: {shown}:{line}:")),
            "{kind}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{kind}: {err}");
        assert!(stdout(&o).is_empty());
    }
    // A missing file, and no prices at all.
    let o = hashwatt(&["dispatch", "--prices", "/nonexistent/prices.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/prices.csv"));
    let o = hashwatt(&["dispatch"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: no prices: give --prices FILE.csv, or a scenario file with a `dispatch.tariff`\n"
    );
    let o = hashwatt(&["dispatch", "--prices", EXAMPLE, "--credit-usd-mwh", "-5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--credit-usd-mwh"), "{}", stderr(&o));
}

#[test]
fn csv_prints_every_step_with_what_ran() {
    let o = hashwatt(&[
        "dispatch",
        "--prices",
        EXAMPLE,
        "--csv",
        "--credit-usd-mwh",
        "10",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "timestamp,price_usd_mwh,intensity_g_kwh,cost_usd_mwh,run,energy_kwh,revenue_usd,electricity_cost_usd,co2_kg,credit_usd"
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 48);
    assert_eq!(rows[0][0], "2024-07-01T00:00:00-05:00");
    // The scarcity hour (1,850 USD/MWh) is off, with a credit and no energy.
    let spike = rows.iter().find(|r| r[1] == "1850").unwrap();
    assert_eq!(spike[4], "off");
    assert_eq!(spike[5], "0");
    assert!(spike[9].parse::<f64>().unwrap() > 0.0);
    // The negative hour is mined, and paid for consuming.
    let negative = rows.iter().find(|r| r[1] == "-12.5").unwrap();
    assert_eq!(negative[4], "stock");
    assert!(negative[7].parse::<f64>().unwrap() < 0.0);
    // The steps add up to the totals.
    let totals = json(&["--prices", EXAMPLE, "--credit-usd-mwh", "10"]);
    let sum = |col: usize| {
        rows.iter()
            .map(|r| r[col].parse::<f64>().unwrap())
            .sum::<f64>()
    };
    assert!(close(sum(6), totals["revenue_usd"].as_f64().unwrap()));
    assert!(close(sum(9), totals["credits_usd"].as_f64().unwrap()));
    assert!(close(
        sum(5) / 1000.0,
        totals["energy_mwh"].as_f64().unwrap()
    ));
}

#[test]
fn a_tariff_and_power_modes_from_the_scenario_file() {
    let scenario = temp_file(
        "tou.ron",
        r#"(
    name: "Time-of-use site",
    site: (region: "texas-ercot", electricity_usd_per_kwh: 0.04),
    fleet: [(miner: "antminer-s21", units: 10,
             modes: [(name: "eco", hashrate_ths: 160, power_w: 2500)])],
    dispatch: (
        credit_usd_per_mwh: 5,
        tariff: Some((
            year: 2025,
            utc_offset_minutes: -360,
            periods: [(name: "peak", weekdays: [Mon, Tue, Wed, Thu, Fri], hours: [(16, 21)],
                       price_usd_mwh: 400)],
        )),
    ),
)"#,
    );
    let path = scenario.to_str().unwrap();
    let v = json(&[path]);
    assert_keys(&v, &KEYS);
    assert_eq!(v["steps"], 8760);
    // 261 weekdays in 2025 × 5 peak hours are off; the rest run in one mode or the other.
    assert_eq!(v["hours_mined"], 8760.0 - 261.0 * 5.0);
    let modes = v["hours_per_mode"].as_object().unwrap();
    assert_eq!(modes.keys().collect::<Vec<_>>(), ["eco", "stock"]);
    let total: f64 = modes.values().map(|h| h.as_f64().unwrap()).sum();
    assert_eq!(total, v["hours_mined"].as_f64().unwrap());
    assert!(v["credits_usd"].as_f64().unwrap() > 0.0);
    // A bad mode name is placed in the file.
    let bad = temp_file(
        "bad-mode.ron",
        "(\n    fleet: [(miner: \"antminer-s21\",\n        modes: [(name: \"off\", hashrate_ths: 1, power_w: 1)])],\n)\n",
    );
    let o = hashwatt(&["dispatch", bad.to_str().unwrap(), "--prices", EXAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("error: {}:3:", bad.display())),
        "{err}"
    );
    assert!(err.contains("fleet[0].modes[0].name"), "{err}");
}

#[test]
fn the_table_shows_the_break_even_and_both_columns() {
    let o = hashwatt(&["dispatch", "--prices", EXAMPLE]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Mines when power costs less than"), "{text}");
    assert!(text.contains("Dispatched") && text.contains("Always on"));
    assert!(text.contains("Intensity paid"));
    let zh = hashwatt(&["--lang", "zh", "dispatch", "--prices", EXAMPLE]);
    assert!(stdout(&zh).contains("始终运行"));
}
