//! `hashwatt project`'s investment figures and Monte Carlo paths: the JSON summary's keys, the
//! new flags, `--csv --paths`, reproducibility and the flags' checks.

mod common;

use common::{hashwatt, stderr, stdout};
use serde_json::Value;

const TEXAS: &str = "presets/scenarios/texas-s21.ron";

fn json(args: &[&str]) -> Value {
    let o = hashwatt(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("JSON")
}

/// The summary's keys, in order: the public contract.
const SUMMARY_KEYS: [&str; 10] = [
    "months",
    "btc_mined",
    "revenue_usd",
    "cash_cost_usd",
    "cumulative_cash_flow_usd",
    "npv_usd",
    "irr_pct",
    "payback_month",
    "loan_payment_usd_per_month",
    "loan_interest_usd",
];

const PATH_KEYS: [&str; 15] = [
    "paths",
    "seed",
    "payback_probability",
    "cumulative_cash_flow_usd_p5",
    "cumulative_cash_flow_usd_p25",
    "cumulative_cash_flow_usd_p50",
    "cumulative_cash_flow_usd_p75",
    "cumulative_cash_flow_usd_p95",
    "cumulative_cash_flow_usd_mean",
    "btc_mined_p50",
    "btc_mined_mean",
    "revenue_usd_mean",
    "npv_usd_p50",
    "npv_usd_mean",
    "irr_pct_p50",
];

fn keys(v: &Value) -> Vec<String> {
    v.as_object().expect("an object").keys().cloned().collect()
}

#[test]
fn the_summary_has_exactly_the_contracts_keys() {
    let out = json(&["project", TEXAS, "--months", "24", "--json"]);
    let summary = &out["summary"];
    let mut expected: Vec<String> = SUMMARY_KEYS.map(String::from).to_vec();
    let mut found = keys(summary);
    expected.sort();
    found.sort();
    assert_eq!(found, expected);
    assert_eq!(summary["months"], 24);
    assert_eq!(out["months"].as_array().unwrap().len(), 24);
    // The summary is the months' own totals.
    let last = &out["months"][23];
    assert_eq!(
        summary["cumulative_cash_flow_usd"],
        last["cumulative_cash_flow_usd"]
    );
    assert_eq!(summary["loan_payment_usd_per_month"], 0.0);
    assert!(out.get("percentiles").is_none());

    let with_paths = json(&[
        "project", TEXAS, "--months", "24", "--json", "--paths", "300",
    ]);
    let summary = &with_paths["summary"];
    let mut expected: Vec<String> = SUMMARY_KEYS
        .iter()
        .chain(&PATH_KEYS)
        .map(|k| k.to_string())
        .collect();
    let mut found = keys(summary);
    expected.sort();
    found.sort();
    assert_eq!(found, expected);
    assert_eq!(summary["paths"], 300);
    assert_eq!(summary["seed"], 1);
    let p = summary["payback_probability"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p));
    let percentiles: Vec<f64> = ["p5", "p25", "p50", "p75", "p95"]
        .iter()
        .map(|p| {
            summary[format!("cumulative_cash_flow_usd_{p}")]
                .as_f64()
                .unwrap()
        })
        .collect();
    assert!(
        percentiles.windows(2).all(|w| w[0] <= w[1]),
        "{percentiles:?}"
    );
    assert_eq!(with_paths["percentiles"].as_array().unwrap().len(), 25);
}

#[test]
fn the_same_seed_gives_identical_output_and_another_seed_does_not() {
    let run = |seed: &str| {
        let o = hashwatt(&[
            "project", TEXAS, "--months", "36", "--paths", "400", "--seed", seed, "--json",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
    };
    assert_eq!(run("11"), run("11"));
    assert_ne!(run("11"), run("12"));
}

#[test]
fn zero_volatility_paths_are_the_deterministic_projection() {
    let out = json(&[
        "project",
        TEXAS,
        "--months",
        "48",
        "--difficulty-growth-pct-year",
        "30",
        "--btc-price-growth-pct-year",
        "10",
        "--paths",
        "64",
        "--btc-price-volatility-pct-year",
        "0",
        "--difficulty-volatility-pct-year",
        "0",
        "--json",
    ]);
    let s = &out["summary"];
    for key in [
        "cumulative_cash_flow_usd_p5",
        "cumulative_cash_flow_usd_p50",
        "cumulative_cash_flow_usd_p95",
    ] {
        assert_eq!(s[key], s["cumulative_cash_flow_usd"], "{key}");
    }
    assert_eq!(s["npv_usd_p50"], s["npv_usd"]);
    assert_eq!(s["btc_mined_p50"], s["btc_mined"]);
    assert_eq!(s["irr_pct_p50"], s["irr_pct"]);
    for row in out["percentiles"].as_array().unwrap() {
        assert_eq!(
            row["cumulative_cash_flow_usd_p50"],
            row["deterministic_cumulative_cash_flow_usd"]
        );
    }
}

#[test]
fn csv_with_paths_prints_the_monthly_percentiles() {
    let o = hashwatt(&[
        "project", TEXAS, "--months", "12", "--paths", "200", "--csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "month,month_ending,cumulative_cash_flow_usd_p5,cumulative_cash_flow_usd_p25,\
         cumulative_cash_flow_usd_p50,cumulative_cash_flow_usd_p75,cumulative_cash_flow_usd_p95,\
         cumulative_cash_flow_usd_mean,deterministic_cumulative_cash_flow_usd,payback_probability"
    );
    assert_eq!(lines.len(), 14, "month 0 and 12 months");
    for line in &lines[1..] {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), 10);
        let p: Vec<f64> = cells[2..7].iter().map(|c| c.parse().unwrap()).collect();
        assert!(p.windows(2).all(|w| w[0] <= w[1]), "{line}");
    }
    // Without paths the months are printed as before.
    let o = hashwatt(&["project", TEXAS, "--months", "12", "--csv"]);
    assert!(stdout(&o).starts_with("month,month_ending,network_hashrate_ehs,"));
}

#[test]
fn a_loan_and_a_host_change_the_owners_cash_flows() {
    let base = json(&["project", TEXAS, "--months", "36", "--json"]);
    let out = json(&[
        "project",
        TEXAS,
        "--months",
        "36",
        "--loan-usd",
        "500000",
        "--loan-rate-pct-year",
        "12",
        "--loan-months",
        "24",
        "--json",
    ]);
    let s = &out["summary"];
    // The annuity: L × r / (1 − (1 + r)^−n) at r = 1 % a month.
    let payment = 500_000.0 * 0.01 / (1.0 - 1.01f64.powi(-24));
    let got = s["loan_payment_usd_per_month"].as_f64().unwrap();
    assert!((got - payment).abs() < 1e-6, "{got} vs {payment}");
    let interest = s["loan_interest_usd"].as_f64().unwrap();
    assert!((interest - (24.0 * payment - 500_000.0)).abs() < 1e-6);
    // Borrowing costs the interest by the end of the horizon.
    let end = |v: &Value| v["summary"]["cumulative_cash_flow_usd"].as_f64().unwrap();
    assert!((end(&base) - interest - end(&out)).abs() < 1e-6 * end(&base).abs());

    let hosted = json(&[
        "project",
        TEXAS,
        "--months",
        "12",
        "--hosting-usd-kwh",
        "0.02",
        "--hosting-profit-share-pct",
        "20",
        "--json",
    ]);
    for m in hosted["months"].as_array().unwrap() {
        let profit = m["profit_usd"].as_f64().unwrap();
        let fee = m["hosting_fee_usd"].as_f64().unwrap();
        // The host takes 20 % of the profit before its share: fee = 0.2 × (profit + fee).
        assert!((fee - 0.2 * (profit + fee)).abs() < 1e-9, "{m}");
        let kwh_cost = m["electricity_cost_usd"].as_f64().unwrap();
        assert!(kwh_cost > 0.0);
    }
}

#[test]
fn bad_values_exit_2_naming_the_flag() {
    let cases: [(&[&str], &str); 7] = [
        (
            &["--btc-price-volatility-pct-year", "-1"],
            "--btc-price-volatility-pct-year",
        ),
        (
            &["--difficulty-volatility-pct-year", "-5"],
            "--difficulty-volatility-pct-year",
        ),
        (
            &["--price-difficulty-correlation", "1.5"],
            "--price-difficulty-correlation",
        ),
        (
            &["--price-difficulty-correlation", "-1.01"],
            "--price-difficulty-correlation",
        ),
        (&["--paths", "0"], "--paths"),
        (&["--paths", "100001"], "--paths"),
        (&["--loan-months", "0"], "--loan-months"),
    ];
    for (args, flag) in cases {
        let mut all = vec!["project"];
        all.extend_from_slice(args);
        let o = hashwatt(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let message = stderr(&o);
        assert!(message.starts_with("error: "), "{message}");
        assert!(message.contains(flag), "{args:?}: {message}");
        assert!(stdout(&o).is_empty());
    }
    // Within its limit alone, but not with this horizon: every path's months are kept.
    let o = hashwatt(&["project", "--months", "1200", "--paths", "100000"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim_end(),
        "error: --paths: 100000 is not allowed; must be a whole number from 1 to 20815 paths"
    );
}

#[test]
fn the_table_shows_the_investment_figures_and_the_paths() {
    let o = hashwatt(&[
        "project",
        TEXAS,
        "--months",
        "24",
        "--paths",
        "100",
        "--loan-usd",
        "10000",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for words in [
        "NPV",
        "at 10 %/year",
        "IRR",
        "Loan payment",
        "Loan interest",
        "Monte Carlo: 100 paths, seed 1",
        "P(payback)",
        "Cash flow P50",
    ] {
        assert!(text.contains(words), "{words} missing:\n{text}");
    }
}

#[test]
fn the_settings_come_from_the_scenario_file() {
    let file = common::temp_file(
        "mc.ron",
        "(version: 3, projection: (months: 12, paths: 150, seed: 9, \
         btc_price_volatility_pct_per_year: 0, difficulty_volatility_pct_per_year: 0, \
         discount_rate_pct_per_year: 0))",
    );
    let path = file.to_str().unwrap();
    // `--seed` alone runs the file's paths.
    let out = json(&["project", path, "--seed", "9", "--json"]);
    let s = &out["summary"];
    assert_eq!(s["paths"], 150);
    assert_eq!(s["seed"], 9);
    // At a zero rate the NPV is the undiscounted sum.
    assert_eq!(s["npv_usd_p50"], s["npv_usd"]);
    let npv = s["npv_usd"].as_f64().unwrap();
    let end = s["cumulative_cash_flow_usd"].as_f64().unwrap();
    assert!((npv - end).abs() < 1e-9 * end.abs());
    // A format version 2 file takes the new settings' defaults and says it was migrated.
    let old = common::temp_file("v2.ron", "(version: 2, projection: (months: 12))");
    let o = hashwatt(&["project", old.to_str().unwrap(), "--json"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("migrated from format version 2 to 4 (`projection` gained the investment and uncertainty settings, at their defaults)"),
        "{}",
        stderr(&o)
    );
}
