//! `hashwatt history` and `hashwatt backtest` as a user meets them: the column names and keys
//! are a public contract.

mod common;
use common::*;

const MONTH_COLUMNS: &str = "month,difficulty,blocks,subsidy_btc,fees_btc_per_block,btc_price_usd,network_hashrate_ehs,hashprice_usd_per_ph_day,power_gw_lower,power_gw,power_gw_upper,intensity_g_per_kwh,co2_mt_per_year";

#[test]
fn history_csv_has_the_contract_columns_one_row_a_month() {
    let out = ok(&["history", "--from", "2021-01", "--to", "2021-12", "--csv"]);
    let mut lines = out.lines();
    assert_eq!(lines.next().unwrap(), MONTH_COLUMNS);
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 12);
    assert!(rows[0].starts_with("2021-01,"));
    assert!(rows[11].starts_with("2021-12,"));
    for r in rows {
        assert_eq!(r.split(',').count(), 13, "{r}");
    }
}

#[test]
fn history_json_keys_and_nulls_for_unsourced_figures() {
    let out = ok(&["history", "--from", "2024-06", "--to", "2024-06", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let row = &v.as_array().unwrap()[0];
    assert_keys(row, &MONTH_COLUMNS.split(',').collect::<Vec<_>>());
    assert_eq!(row["month"], "2024-06");
    // the month's fees: blockchain.com's daily totals, 1,492 BTC over 4,234 blocks
    assert_eq!(row["fees_btc_per_block"], 0.352);
    assert!(row["btc_price_usd"].as_f64().unwrap() > 0.0);
    assert!(row["power_gw"].as_f64().unwrap() > 0.0);
    // Every built-in month now has its fees; an imported month without them says null, and
    // its hashprice counts the subsidy alone rather than inventing fees.
    let file = temp_file(
        "feeless-history.csv",
        "month,difficulty,blocks,subsidy_btc,fees_btc_per_block,btc_price_usd,network_hashrate_ehs\n2026-01,1.46e14,4460,3.125,,90000,\n",
    );
    let out = ok(&[
        "history",
        "--history-csv",
        file.to_str().unwrap(),
        "--from",
        "2026-01",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let row = &v.as_array().unwrap()[0];
    assert!(row["fees_btc_per_block"].is_null());
    let subsidy_only = 86_400.0 * 1e15 / (1.46e14 * 4_294_967_296.0) * 3.125 * 90_000.0;
    let hashprice = row["hashprice_usd_per_ph_day"].as_f64().unwrap();
    assert!((hashprice / subsidy_only - 1.0).abs() < 1e-3, "{hashprice}");
}

#[test]
fn history_by_year_has_the_contract_columns() {
    let out = ok(&[
        "history",
        "--by-year",
        "--csv",
        "--from",
        "2019-01",
        "--to",
        "2022-12",
    ]);
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "year,energy_twh_lower,energy_twh,energy_twh_upper,co2_mt,hashprice_usd_per_ph_day"
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|c| c.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 4);
    // 2021: Cambridge's revised 89.0 TWh, within 5 %.
    assert_eq!(rows[2][0], 2021.0);
    assert!((rows[2][2] / 89.0 - 1.0).abs() < 0.05, "{}", rows[2][2]);
    let v: serde_json::Value = serde_json::from_str(&ok(&[
        "history",
        "--by-year",
        "--json",
        "--from",
        "2021-01",
    ]))
    .unwrap();
    assert_keys(
        &v[0],
        &[
            "year",
            "energy_twh_lower",
            "energy_twh",
            "energy_twh_upper",
            "co2_mt",
            "hashprice_usd_per_ph_day",
        ],
    );
}

#[test]
fn a_dearer_price_lowers_the_upper_bound() {
    let upper = |p: &str| -> f64 {
        let out = ok(&[
            "history",
            "--from",
            "2022-11",
            "--to",
            "2022-11",
            "--json",
            "--electricity-usd-kwh",
            p,
        ]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v[0]["power_gw_upper"].as_f64().unwrap()
    };
    assert!(upper("0.03") > upper("0.12"));
}

#[test]
fn backtest_summary_has_the_contract_keys() {
    let out = ok(&[
        "backtest",
        "presets/scenarios/texas-s21.ron",
        "--from",
        "2023-01",
        "--to",
        "2023-12",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_keys(
        &v["summary"],
        &[
            "months",
            "btc_mined",
            "revenue_usd",
            "electricity_usd",
            "cash_cost_usd",
            "profit_usd",
            "hardware_usd",
            "cumulative_cash_flow_usd",
            "payback_month",
            "cash_cost_per_btc_usd",
            "co2_t",
        ],
    );
    assert_eq!(v["summary"]["months"], 12);
    assert_eq!(v["months"].as_array().unwrap().len(), 12);
    let s = &v["summary"];
    let profit = s["profit_usd"].as_f64().unwrap();
    let flow = s["cumulative_cash_flow_usd"].as_f64().unwrap();
    assert!((flow - (profit - s["hardware_usd"].as_f64().unwrap())).abs() < 1e-3);
    assert!(s["payback_month"].is_null() || s["payback_month"].is_string());
    let csv = ok(&["backtest", "--from", "2023-01", "--to", "2023-02", "--csv"]);
    assert_eq!(
        csv.lines().next().unwrap(),
        "month,btc,btc_price_usd,revenue_usd,electricity_usd,other_costs_usd,cash_cost_usd,profit_usd,cumulative_cash_flow_usd,cash_cost_per_btc_usd,co2_t"
    );
}

#[test]
fn bad_input_exits_2_naming_the_flag_or_file_line() {
    assert_eq!(
        refused(&["history", "--from", "2009-01"]),
        "error: --from: 2009-01 is outside the history (2010-07 to 2025-12)\n"
    );
    assert_eq!(
        refused(&["history", "--from", "2021-05", "--to", "2021-01"]),
        "error: --to: 2021-01 is before --from 2021-05\n"
    );
    assert!(refused(&["history", "--from", "2021-13"]).contains("--from"));
    assert!(
        refused(&["backtest", "--from", "2030-01"])
            .starts_with("error: --from: 2030-01 is outside")
    );
    // every built-in month has a price: an imported month without one
    let unpriced = temp_file(
        "unpriced-history.csv",
        "month,difficulty,blocks,subsidy_btc,fees_btc_per_block,btc_price_usd,network_hashrate_ehs\n2026-01,1.4e14,4400,3.125,0.02,,\n",
    );
    assert_eq!(
        refused(&[
            "backtest",
            "--from",
            "2025-12",
            "--to",
            "2026-01",
            "--history-csv",
            unpriced.to_str().unwrap()
        ]),
        "error: --to: 2026-01 has no BTC price in the history; import a history CSV that gives one\n"
    );
    let bad = temp_file(
        "bad-history.csv",
        "month,difficulty,blocks,subsidy_btc,fees_btc_per_block,btc_price_usd,network_hashrate_ehs\n2026-01,1.4e14,4400,3.125,0.02,x,\n",
    );
    let err = refused(&["history", "--history-csv", bad.to_str().unwrap()]);
    assert_eq!(
        err,
        format!(
            "error: --history-csv: {}:2: btc_price_usd: `x` is not a number\n",
            bad.display()
        )
    );
}

#[test]
fn an_imported_csv_extends_the_history_and_prices_a_backtest() {
    let file = temp_file(
        "more-history.csv",
        "# my own figures\nmonth,difficulty,blocks,subsidy_btc,fees_btc_per_block,btc_price_usd,network_hashrate_ehs,note\n2025-12,1.4857e14,4440,3.125,0.02,88000,,mine\n2026-01,1.46e14,4460,3.125,0.02,90000,,mine\n",
    );
    let path = file.to_str().unwrap();
    let out = ok(&[
        "history",
        "--history-csv",
        path,
        "--from",
        "2026-01",
        "--csv",
    ]);
    assert!(out.lines().nth(1).unwrap().starts_with("2026-01,"));
    let out = ok(&[
        "backtest",
        "--history-csv",
        path,
        "--from",
        "2025-12",
        "--to",
        "2026-01",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["months"][1]["btc_price_usd"], 90000.0);
}
