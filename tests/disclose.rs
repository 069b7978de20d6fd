//! `hashwatt disclose` as a user meets it: the flags, JSON keys and CSV header are a public
//! contract, and the per-transaction indicators follow from the history's totals.

mod common;
use common::*;

const KEYS: [&str; 8] = [
    "energy_twh",
    "energy_twh_lower",
    "energy_twh_upper",
    "renewable_share_pct",
    "transactions",
    "kwh_per_transaction",
    "co2_mt",
    "kg_co2_per_transaction",
];

const HEADER: &str = "from,to,energy_twh,energy_twh_lower,energy_twh_upper,renewable_share_pct,transactions,kwh_per_transaction,co2_mt,kg_co2_per_transaction";

/// Two months of 2024 with their transaction counts (the history's own figures otherwise).
fn counts_csv(second_count: &str) -> std::path::PathBuf {
    temp_file(
        &format!("counts{}.csv", second_count.len()),
        &format!(
            "month,difficulty,blocks,subsidy_btc,fees_btc_per_block,btc_price_usd,network_hashrate_ehs,transactions,note\n\
             2024-01,7.3e13,4400,6.25,0.2,42000,,10000000,test\n\
             2024-02,7.9e13,4300,6.25,0.25,50000,,{second_count},test\n"
        ),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(args)).unwrap()
}

fn f(v: &serde_json::Value) -> f64 {
    v.as_f64().unwrap()
}

#[test]
fn json_has_the_eight_contract_keys_and_the_period() {
    let v = json(&["disclose", "--from", "2023-01", "--to", "2023-12", "--json"]);
    let mut expected = KEYS.to_vec();
    expected.extend([
        "from",
        "to",
        "months",
        "electricity_usd_kwh",
        "missing_transactions_months",
        "estimated_transactions_months",
        "method",
        "sources",
    ]);
    assert_keys(&v, &expected);
    assert_eq!(v["from"], "2023-01");
    assert_eq!(v["to"], "2023-12");
    assert_eq!(v["months"], 12);
    assert_eq!(v["electricity_usd_kwh"], 0.05);
    let (lower, best, upper) = (
        f(&v["energy_twh_lower"]),
        f(&v["energy_twh"]),
        f(&v["energy_twh_upper"]),
    );
    assert!(0.0 < lower && lower <= best && best <= upper, "{v}");
    let renewable = f(&v["renewable_share_pct"]);
    assert!((0.0..=100.0).contains(&renewable));
    assert!(f(&v["co2_mt"]) > 0.0);
    // Each indicator states its method; the sources name the regulation and a mining map.
    for key in [
        "energy_twh",
        "renewable_share_pct",
        "co2_mt",
        "kwh_per_transaction",
    ] {
        assert!(!v["method"][key].as_str().unwrap().is_empty(), "{key}");
    }
    let sources: Vec<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(sources[0].contains("(EU) 2025/422"), "{sources:?}");
    assert!(sources.iter().any(|s| s.starts_with("Mining map ")));
}

#[test]
fn csv_is_a_header_with_the_keys_and_one_row() {
    let out = ok(&["disclose", "--from", "2022-01", "--to", "2022-12", "--csv"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0], HEADER);
    let cells: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(cells.len(), 10);
    assert_eq!(&cells[..2], ["2022-01", "2022-12"]);
    // The same numbers as the JSON.
    let v = json(&["disclose", "--from", "2022-01", "--to", "2022-12", "--json"]);
    assert_eq!(cells[2].parse::<f64>().unwrap(), f(&v["energy_twh"]));
    assert_eq!(cells[8].parse::<f64>().unwrap(), f(&v["co2_mt"]));
}

#[test]
fn the_per_transaction_indicators_are_the_totals_divided_by_the_count() {
    let file = counts_csv("11000000");
    let path = file.to_str().unwrap();
    let args = [
        "--history-csv",
        path,
        "--from",
        "2024-01",
        "--to",
        "2024-02",
        "--json",
    ];
    let v = json(&[&["disclose"][..], &args].concat());
    assert_eq!(v["transactions"], 21_000_000);
    assert_eq!(v["missing_transactions_months"], serde_json::json!([]));
    assert_eq!(v["months"], 2);
    // By hand from `history`: each month's best-guess power × its hours (31 and 29 days).
    let months = json(&[&["history"][..], &args].concat());
    let energy_twh = f(&months[0]["power_gw"]) * 31.0 * 24.0 / 1000.0
        + f(&months[1]["power_gw"]) * 29.0 * 24.0 / 1000.0;
    assert!((f(&v["energy_twh"]) / energy_twh - 1.0).abs() < 1e-9);
    let kwh = energy_twh * 1e9 / 21_000_000.0;
    assert!((f(&v["kwh_per_transaction"]) / kwh - 1.0).abs() < 1e-9);
    let kg = f(&v["co2_mt"]) * 1e9 / 21_000_000.0;
    assert!((f(&v["kg_co2_per_transaction"]) / kg - 1.0).abs() < 1e-12);
    // The table says where the months came from.
    let table = ok(&[
        "disclose",
        "--history-csv",
        path,
        "--from",
        "2024-01",
        "--to",
        "2024-02",
    ]);
    assert!(table.contains(&format!("Months from {path} replace or extend")));
    assert!(table.contains("MiCA asks for 12 months: this period has 2."));
}

#[test]
fn a_month_without_a_count_gives_null_and_is_named() {
    let file = counts_csv("");
    let path = file.to_str().unwrap();
    let args = [
        "disclose",
        "--history-csv",
        path,
        "--from",
        "2024-01",
        "--to",
        "2024-02",
    ];
    let v = json(&[&args[..], &["--json"]].concat());
    for key in [
        "transactions",
        "kwh_per_transaction",
        "kg_co2_per_transaction",
    ] {
        assert!(v[key].is_null(), "{key}: {v}");
    }
    assert_eq!(
        v["missing_transactions_months"],
        serde_json::json!(["2024-02"])
    );
    assert!(f(&v["energy_twh"]) > 0.0);
    let csv = ok(&[&args[..], &["--csv"]].concat());
    let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    assert_eq!((row[6], row[7], row[9]), ("", "", ""));
    let table = ok(&args);
    assert!(table.contains("No transaction count for 2024-02: S.11 and S.14 are not computed."));
    assert!(table.contains("not available"));
}

#[test]
fn the_table_shows_codes_methods_sources_and_the_differences_note() {
    let out = ok(&["disclose", "--from", "2023-01", "--to", "2023-12"]);
    assert!(
        out.starts_with(
            "MiCA network indicators (Bitcoin)\nPeriod: 2023-01 to 2023-12, 12 months."
        )
    );
    for code in ["S.8 ", "S.10 ", "S.11 ", "S.13 ", "S.14 "] {
        assert!(out.lines().any(|l| l.starts_with(code)), "{code}\n{out}");
    }
    for heading in ["Method", "Sources", "Why published disclosures differ"] {
        assert!(out.lines().any(|l| l == heading), "{heading}\n{out}");
    }
    assert!(!out.contains("MiCA asks for 12 months"));
    let zh = ok(&[
        "disclose", "--from", "2023-01", "--to", "2023-12", "--lang", "zh",
    ]);
    assert!(zh.starts_with("MiCA 网络指标（比特币）"), "{zh}");
    assert!(zh.contains("为什么已发布的披露数值不同"));
}

#[test]
fn without_a_period_the_last_twelve_months_of_the_history() {
    let v = json(&["disclose", "--json"]);
    assert_eq!(v["months"], 12);
    let history = json(&["history", "--json"]);
    let months = history.as_array().unwrap();
    assert_eq!(v["to"], months[months.len() - 1]["month"]);
    assert_eq!(v["from"], months[months.len() - 12]["month"]);
    // --to alone: the twelve months ending there.
    let v = json(&["disclose", "--to", "2022-06", "--json"]);
    assert_eq!(
        (v["from"].as_str(), v["months"].as_u64()),
        (Some("2021-07"), Some(12))
    );
}

#[test]
fn a_dearer_price_lowers_the_upper_bound() {
    let upper = |p: &str| {
        f(&json(&[
            "disclose",
            "--from",
            "2022-01",
            "--to",
            "2022-12",
            "--electricity-usd-kwh",
            p,
            "--json",
        ])["energy_twh_upper"])
    };
    assert!(upper("0.03") > upper("0.12"));
}

#[test]
fn bad_input_exits_2_naming_the_flag_or_file_line() {
    assert!(
        refused(&["disclose", "--from", "2009-01", "--to", "2009-12"])
            .starts_with("error: --from: 2009-01 is outside the history (2010-07 to ")
    );
    assert!(
        refused(&["disclose", "--from", "2024-01", "--to", "2030-12"])
            .starts_with("error: --to: 2030-12 is outside the history (2010-07 to ")
    );
    // --to alone, outside: named as --to, not as the --from made from it.
    assert!(
        refused(&["disclose", "--to", "2009-01"])
            .starts_with("error: --to: 2009-01 is outside the history (2010-07 to ")
    );
    assert_eq!(
        refused(&["disclose", "--from", "2024-05", "--to", "2024-01"]),
        "error: --to: 2024-01 is before --from 2024-05\n"
    );
    let err = refused(&["disclose", "--from", "2024-13", "--to", "2024-12"]);
    assert!(
        err.contains("--from") && err.contains("`2024-13` is not a month (YYYY-MM)"),
        "{err}"
    );
    let err = refused(&["disclose", "--electricity-usd-kwh", "-1"]);
    assert!(err.contains("--electricity-usd-kwh"), "{err}");
    let err = refused(&["disclose", "--csv", "--json"]);
    assert!(err.contains("--json") && err.contains("--csv"), "{err}");
    let bad = temp_file(
        "bad-counts.csv",
        "month,difficulty,blocks,subsidy_btc,fees_btc_per_block,btc_price_usd,network_hashrate_ehs,transactions\n\
         2024-01,7.3e13,4400,6.25,0.2,42000,,10000000\n\
         2024-02,7.9e13,4300,6.25,0.25,50000,,many\n",
    );
    assert_eq!(
        refused(&["disclose", "--history-csv", bad.to_str().unwrap()]),
        format!(
            "error: --history-csv: {}:3: transactions: `many` is not a whole number of at least 0\n",
            bad.display()
        )
    );
    let missing = refused(&["disclose", "--history-csv", "/nonexistent/h.csv"]);
    assert!(
        missing.starts_with("error: --history-csv: /nonexistent/h.csv"),
        "{missing}"
    );
}
