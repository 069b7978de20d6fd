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

const FULL_HEAD: &str = "month,difficulty,blocks,subsidy_btc,fees_btc_per_block,btc_price_usd,network_hashrate_ehs,transactions,note\n";

#[test]
fn an_extreme_history_row_is_refused_naming_file_line_and_field() {
    let bad = temp_file(
        "extreme-history.csv",
        &format!("{FULL_HEAD}2026-01,1,4400,3.125,0.02,1e308,,14000000,x\n"),
    );
    let out = temp_dir("extreme-history-chart").join("x.png");
    assert_eq!(
        refused(&[
            "chart",
            "history",
            "--history-csv",
            bad.to_str().unwrap(),
            "--out",
            out.to_str().unwrap()
        ]),
        format!(
            "error: --history-csv: {}:2: btc_price_usd: 1e308 is not allowed; must be a number from 0 to 1e8 USD\n",
            bad.display()
        )
    );
    assert!(!out.exists());
}

#[test]
fn chart_history_draws_an_extreme_but_valid_history() {
    // Every figure at its limit: difficulty 1 with the most blocks, fees and price allowed.
    let file = temp_file(
        "limit-history.csv",
        &format!(
            "{FULL_HEAD}2026-01,1,17856,50,100,1e8,,10000000000,\"at the limits,\nall of them\"\n"
        ),
    );
    let out = temp_dir("limit-history-chart").join("x.png");
    let o = hashwatt(&[
        "chart",
        "history",
        "--history-csv",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::metadata(&out).unwrap().len() > 1000);
    let o = hashwatt(&[
        "chart",
        "backtest",
        "presets/scenarios/texas-s21.ron",
        "--from",
        "2026-01",
        "--to",
        "2026-01",
        "--history-csv",
        file.to_str().unwrap(),
        "--out",
        out.with_extension("svg").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn history_file_errors_name_the_file_without_a_line() {
    assert_eq!(
        refused(&["history", "--history-csv", "/nonexistent/h.csv"]),
        "error: --history-csv: /nonexistent/h.csv: cannot open the file: no such file\n"
    );
    let empty = temp_file("empty-history.csv", "");
    assert_eq!(
        refused(&["history", "--history-csv", empty.to_str().unwrap()]),
        format!(
            "error: --history-csv: {}: the file is empty\n",
            empty.display()
        )
    );
}

#[test]
fn month_flags_take_a_leading_hyphen_and_say_it_is_no_month() {
    assert_eq!(
        refused(&["history", "--from", "-2024-01"]),
        "error: invalid value '-2024-01' for '--from <YYYY-MM>': `-2024-01` is not a month (YYYY-MM)\n"
    );
    assert_eq!(
        refused(&["backtest", "--from", "2024-01", "--to", "-2024-02"]),
        "error: invalid value '-2024-02' for '--to <YYYY-MM>': `-2024-02` is not a month (YYYY-MM)\n"
    );
    assert_eq!(
        refused(&["disclose", "--to", "-1"]),
        "error: invalid value '-1' for '--to <YYYY-MM>': `-1` is not a month (YYYY-MM)\n"
    );
    assert_eq!(
        refused(&["--lang", "zh", "history", "--from", "-2024-01"]),
        "错误：'--from <YYYY-MM>' 的值 '-2024-01' 无效：`-2024-01` 不是月份（YYYY-MM）\n"
    );
}

/// Blocks × (subsidy + fees) of the history's months from `from` to `to`, BTC.
fn block_rewards(from: &str, to: &str) -> f64 {
    let out = ok(&["history", "--from", from, "--to", to, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|m| {
            m["blocks"].as_f64().unwrap()
                * (m["subsidy_btc"].as_f64().unwrap()
                    + m["fees_btc_per_block"].as_f64().unwrap_or(0.0))
        })
        .sum()
}

#[test]
fn a_fleet_bigger_than_the_network_mines_at_most_the_blocks_and_is_warned_about() {
    let args = [
        "backtest",
        "--from",
        "2010-07",
        "--to",
        "2012-12",
        "--hashrate-ths",
        "60000",
        "--power-w",
        "1000000",
        "--json",
    ];
    let o = hashwatt(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mined = v["summary"]["btc_mined"].as_f64().unwrap();
    let rewards = block_rewards("2010-07", "2012-12");
    assert!(
        mined > 0.0 && mined <= rewards * (1.0 + 1e-9),
        "{mined} > {rewards}"
    );
    assert_eq!(
        stderr(&o),
        "warning: The fleet is 100.0 % of the network's hashrate (more than 1 %): its own hashes \
         would raise the difficulty, which these figures do not follow; its BTC is capped at the \
         blocks' rewards.\n"
    );
    let o = hashwatt_with(&args, &[("HASHWATT_LANG", "zh")]);
    assert!(
        stderr(&o).starts_with("警告：矿机占全网算力的 100.0 %（超过 1 %）"),
        "{}",
        stderr(&o)
    );
    // A projection whose network loses 99 % at each halving for a century.
    let o = hashwatt(&[
        "project",
        "presets/scenarios/texas-s21.ron",
        "--months",
        "1200",
        "--halving-difficulty-drop-pct",
        "99",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mined = v["summary"]["btc_mined"].as_f64().unwrap();
    // Under 21 million coins of subsidy, plus a century of fees at well under 1 BTC a block.
    assert!(mined < 21e6 + 144.0 * 36_525.0, "{mined}");
    assert!(
        stderr(&o).starts_with("warning: The fleet is "),
        "{}",
        stderr(&o)
    );
    // An ordinary fleet: no warning.
    let o = hashwatt(&["report", "presets/scenarios/texas-s21.ron"]);
    assert!(o.status.success());
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
}

#[test]
fn the_history_commands_refuse_in_chinese_without_english_words() {
    let no_price = common::temp_file(
        "no-price-zh.csv",
        "month,difficulty,blocks,subsidy_btc,fees_btc_per_block,btc_price_usd,network_hashrate_ehs\n\
         2026-01,1.5e14,4464,3.125,0.02,,\n",
    );
    let cases: Vec<Vec<&str>> = vec![
        vec!["history", "--from", "1999-01"],
        vec!["history", "--from", "2024-05", "--to", "2024-01"],
        vec!["history", "--electricity-usd-kwh", "abc"],
        vec!["history", "--electricity-usd-kwh", "11"],
        vec!["backtest", "--from", "1999-01"],
        vec!["backtest", "--from", "2024-05", "--to", "2024-01"],
        vec![
            "backtest",
            "--from",
            "2026-01",
            "--to",
            "2026-01",
            "--history-csv",
            no_price.to_str().unwrap(),
        ],
        vec!["disclose", "--to", "2099-01"],
        vec!["disclose", "--electricity-usd-kwh", "-1"],
    ];
    for args in cases {
        let mut all = vec!["--lang", "zh"];
        all.extend(&args);
        let o = hashwatt(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("错误："), "{args:?}: {err}");
        assert_eq!(english_words(&err), Vec::<String>::new(), "{args:?}: {err}");
    }
}
