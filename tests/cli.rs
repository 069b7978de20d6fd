//! The command line as a user meets it: spawn the binary, read stdout, stderr and the exit code.

use std::path::Path;

mod common;
use common::*;

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.push("--json");
    let o = hashwatt(&all);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("valid JSON")
}

const KEYS: [&str; 29] = [
    "fleet_hashrate_ths",
    "efficiency_j_per_th",
    "power_kw",
    "energy_kwh_per_day",
    "energy_mwh_per_year",
    "grid_intensity_g_per_kwh",
    "co2_kg_per_day",
    "co2_t_per_year",
    "network_hashrate_ehs",
    "btc_per_day",
    "revenue_usd_per_day",
    "electricity_cost_usd_per_day",
    "carbon_cost_usd_per_day",
    "opex_usd_per_day",
    "profit_usd_per_day",
    "hashprice_usd_per_ph_day",
    "break_even_btc_price_usd",
    "all_in_cost_per_btc_usd",
    "break_even_electricity_usd_kwh",
    "energy_kwh_per_btc",
    "co2_t_per_btc",
    "payback_days",
    // Site accounting (GHG Protocol Scope 2 Guidance, MiCA S.8–S.13): issue 15's contract.
    "energy_kwh_per_year",
    "renewable_share_location_pct",
    "renewable_share_market_pct",
    "scope1_t_per_year",
    "scope2_location_t_per_year",
    "scope2_market_t_per_year",
    "scope3_upstream_t_per_year",
];

#[test]
fn json_has_exactly_the_documented_keys() {
    let v = json(&[]);
    let obj = v.as_object().unwrap();
    assert_keys(&v, &KEYS);
    for (k, value) in obj {
        assert!(value.is_number(), "{k} is {value}");
    }
}

#[test]
fn flags_make_the_scenario() {
    let v = json(&[
        "--hashrate-ths",
        "100",
        "--power-w",
        "3000",
        "--units",
        "10",
        "--pue",
        "1.1",
        "--uptime-pct",
        "95",
        "--pool-fee-pct",
        "2",
        "--mix",
        "coal=50,hydro=50",
        "--electricity-usd-kwh",
        "0.03",
        "--opex-usd-month",
        "300",
        "--carbon-price-usd-t",
        "10",
        "--btc-price-usd",
        "100000",
        "--network-hashrate-ehs",
        "1000",
        "--block-subsidy-btc",
        "3.125",
        "--fees-btc-per-block",
        "0.125",
        "--hardware-cost-usd",
        "2000",
        "--hardware-life-years",
        "4",
    ]);
    let num = |k: &str| v[k].as_f64().unwrap();
    assert_eq!(num("fleet_hashrate_ths"), 1000.0);
    assert!((num("power_kw") - 33.0).abs() < 1e-9);
    assert!((num("grid_intensity_g_per_kwh") - 422.0).abs() < 1e-9);
    let btc = 1000.0e12 * 0.95 / 1e21 * 144.0 * 3.25 * 0.98;
    assert!((num("btc_per_day") - btc).abs() < 1e-15);
    assert!((num("hashprice_usd_per_ph_day") - 46.8).abs() < 1e-9);
    assert!(num("payback_days") > 0.0);
}

#[test]
fn difficulty_and_block_height_flags() {
    let v = json(&["--difficulty", "88.1e12", "--block-height", "1050000"]);
    assert!((v["network_hashrate_ehs"].as_f64().unwrap() - 630.6).abs() < 0.1);
    // The 2028 halving's subsidy of 1.5625 BTC, plus the default market's fees.
    let w = json(&["--difficulty", "88.1e12", "--block-subsidy-btc", "1.5625"]);
    assert_eq!(v["btc_per_day"], w["btc_per_day"]);
}

#[test]
fn undefined_values_are_null() {
    let v = json(&["--units", "0"]);
    for key in [
        "efficiency_j_per_th",
        "break_even_btc_price_usd",
        "all_in_cost_per_btc_usd",
        "break_even_electricity_usd_kwh",
        "energy_kwh_per_btc",
        "co2_t_per_btc",
        "payback_days",
    ] {
        assert!(v[key].is_null(), "{key} should be null, is {}", v[key]);
    }
    assert_eq!(v["fleet_hashrate_ths"], 0.0);
    // Losing money: payback never.
    let v = json(&["--electricity-usd-kwh", "5"]);
    assert!(v["profit_usd_per_day"].as_f64().unwrap() < 0.0);
    assert!(v["payback_days"].is_null());
}

#[test]
fn table_is_aligned_with_units_and_separators() {
    let o = hashwatt(&[
        "report",
        "--region",
        "texas-ercot",
        "--miner",
        "antminer-s21",
        "--units",
        "300",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Texas (ERCOT)"), "{out}");
    assert!(
        out.contains("  Fleet hashrate                         60,000 TH/s"),
        "{out}"
    );
    assert!(
        out.contains("  Network hashrate                        1,061 EH/s"),
        "{out}"
    );
    assert!(out.contains("Payback"), "{out}");
    // Every value column ends at the same place.
    let ends: Vec<usize> = out
        .lines()
        .filter(|l| l.starts_with("  ") && !l.contains(':'))
        .map(|l| l.chars().take(2 + 28 + 1 + 16).count())
        .collect();
    assert!(ends.iter().all(|&e| e == 47), "{ends:?}");
}

/// Every kind of bad input: exit status 2 and exactly one line on stderr naming the culprit.
#[test]
fn bad_input_exits_2_with_one_line() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["report", "--pue", "0.9"],
            "error: invalid value '0.9' for '--pue <X>': must be a number from 1 to 5",
        ),
        (
            &["report", "--uptime-pct", "101"],
            "error: invalid value '101' for '--uptime-pct <U>': must be a number from 0 to 100 %",
        ),
        (
            &["report", "--pool-fee-pct", "-1"],
            "error: invalid value '-1' for '--pool-fee-pct <F>': must be a number from 0 to 100 %",
        ),
        (
            &["report", "--electricity-usd-kwh", "-0.01"],
            "error: invalid value '-0.01' for '--electricity-usd-kwh <P>': must be a number from 0 to 100 USD/kWh",
        ),
        (
            &["report", "--units", "-3"],
            "error: invalid value '-3' for '--units <N>': must be a whole number from 0 to 1e9 units",
        ),
        (
            &["report", "--btc-price-usd", "inf"],
            "error: invalid value 'inf' for '--btc-price-usd <B>': must be a number from 0 to 1e12 USD",
        ),
        (
            &["report", "--carbon-price-usd-t", "NaN"],
            "error: invalid value 'NaN' for '--carbon-price-usd-t <T>': must be a number from 0 to 1e6 USD/t",
        ),
        (
            &["report", "--network-hashrate-ehs", "0"],
            "error: invalid value '0' for '--network-hashrate-ehs <E>': must be a number from 1e-12 to 1e12 EH/s",
        ),
        (
            &["report", "--difficulty", "abc"],
            "error: invalid value 'abc' for '--difficulty <D>': not a number; must be a number from 1 to 1e24",
        ),
        (
            &["report", "--mix", "coal=60,hydro=30"],
            "error: invalid value 'coal=60,hydro=30' for '--mix <SOURCE=PCT,…>': the shares sum to 90; they must sum to 100 ± 0.1 %",
        ),
        (
            &["report", "--mix", "coal=60,peat=40"],
            "error: invalid value 'coal=60,peat=40' for '--mix <SOURCE=PCT,…>': unknown source \"peat\"; the sources are coal, gas, oil, nuclear, hydro, wind, solar, geothermal, biomass, other",
        ),
        (
            &["report", "--region", "atlantis"],
            "error: --region: unknown region \"atlantis\"; `hashwatt presets list regions` shows the known ids",
        ),
        (
            &["report", "--miner", "antminer-s22"],
            "error: --miner: unknown miner \"antminer-s22\" (did you mean \"antminer-s21\"?); `hashwatt presets list miners` shows the known ids",
        ),
        (
            &["report", "--ef-table", "ipcc"],
            "error: --ef-table: unknown emission-factor table \"ipcc\"; `hashwatt presets list emission-factors` shows the known ids",
        ),
        (
            &["report", "missing.ron"],
            "error: missing.ron: cannot open the file: no such file",
        ),
        (
            &["project", "--months", "0"],
            "error: invalid value '0' for '--months <N>': must be a whole number from 1 to 1200 months",
        ),
        (
            &[
                "project",
                "--months",
                "12",
                "--halving-difficulty-drop-pct",
                "100",
            ],
            "error: invalid value '100' for '--halving-difficulty-drop-pct <X>': must be a number from 0 to 99 %",
        ),
        (
            &["presets", "show", "antminer-s2"],
            "error: unknown preset \"antminer-s2\" (did you mean \"antminer-s21\"?); `hashwatt presets list` shows the known ids",
        ),
    ];
    assert_refused(cases);
}

#[test]
fn conflicting_flags_are_refused() {
    for args in [
        &[
            "report",
            "--network-hashrate-ehs",
            "600",
            "--difficulty",
            "88e12",
        ][..],
        &[
            "report",
            "--block-subsidy-btc",
            "3.125",
            "--block-height",
            "900000",
        ],
        &[
            "report",
            "--miner",
            "antminer-s21",
            "--hashrate-ths",
            "100",
            "--power-w",
            "3000",
        ],
        &["report", "--hashrate-ths", "100"],
        &["report", "--no-such-flag"],
    ] {
        let o = hashwatt(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{err}");
    }
}

#[test]
fn scenario_file_errors_name_file_line_and_field() {
    let bad_syntax = temp_file(
        "syntax.ron",
        "(\n    site: (\n        pue: 1.2,,\n    ),\n)\n",
    );
    let o = hashwatt(&["report", bad_syntax.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("error: {}:3:", bad_syntax.display())),
        "{err}"
    );

    let out_of_range = temp_file(
        "range.ron",
        "(\n    version: 1,\n    site: (\n        pue: 0.5,\n    ),\n)\n",
    );
    let o = hashwatt(&["report", out_of_range.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim_end(),
        format!(
            "error: {}:4:9: site.pue: 0.5 is not allowed; must be a number from 1 to 5",
            out_of_range.display()
        )
    );

    let unknown_region = temp_file("region.ron", "(\n    site: (region: \"atlantis\"),\n)\n");
    let o = hashwatt(&["report", unknown_region.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim_end(),
        format!(
            "error: {}:2:20: site.region: unknown region \"atlantis\"; `hashwatt presets list regions` shows the known ids",
            unknown_region.display()
        )
    );

    let unknown_field = temp_file("field.ron", "(\n    site: (pue: 1.1, puee: 1.2),\n)\n");
    let o = hashwatt(&["report", unknown_field.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("error: {}:2:", unknown_field.display())),
        "{err}"
    );
    assert!(err.contains("puee"), "{err}");

    let bad_mix = temp_file("mix.ron", "(\n    site: (mix: (coal: 70, hydro: 20)),\n)\n");
    let o = hashwatt(&["report", bad_mix.to_str().unwrap()]);
    assert_eq!(
        stderr(&o).trim_end(),
        format!(
            "error: {}:2:12: site.mix: the shares sum to 90; they must sum to 100 ± 0.1 %",
            bad_mix.display()
        )
    );

    let empty = temp_file("empty.ron", "\n");
    let o = hashwatt(&["report", empty.to_str().unwrap()]);
    assert_eq!(
        stderr(&o).trim_end(),
        format!("error: {}: the file is empty", empty.display())
    );

    let current = hashwatt::scenario_file::SCENARIO_VERSION;
    let newer = temp_file("newer.ron", &format!("(version: {})\n", current + 1));
    let o = hashwatt(&["report", newer.to_str().unwrap()]);
    assert_eq!(
        stderr(&o).trim_end(),
        format!(
            "error: {}:1:2: version: the file is format version {}, written by a newer hashwatt; this build reads version {current}",
            newer.display(),
            current + 1
        )
    );
}

#[test]
fn flags_override_the_file_and_name_themselves() {
    let file = temp_file(
        "base.ron",
        "(\n    site: (region: \"texas-ercot\", pue: 1.2),\n    fleet: [(miner: \"antminer-s21\", units: 10)],\n)\n",
    );
    let path = file.to_str().unwrap();
    let from_file = json(&[path]);
    assert!((from_file["power_kw"].as_f64().unwrap() - 10.0 * 3.5 * 1.2).abs() < 1e-9);
    let overridden = json(&[path, "--pue", "1.0", "--units", "20"]);
    assert!((overridden["power_kw"].as_f64().unwrap() - 20.0 * 3.5).abs() < 1e-9);
    // An id from a flag is blamed on the flag, not the file.
    let o = hashwatt(&["report", path, "--region", "atlantis"]);
    assert!(
        stderr(&o).starts_with("error: --region: unknown region"),
        "{}",
        stderr(&o)
    );

    let two = temp_file(
        "two.ron",
        "(fleet: [(miner: \"antminer-s21\", units: 1), (hashrate_ths: 100, power_w: 3000, units: 2)])\n",
    );
    let o = hashwatt(&["report", two.to_str().unwrap(), "--units", "5"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim_end(),
        "error: --units: the scenario's fleet has 2 models; --units applies to a one-model fleet (or give --miner to replace the fleet)"
    );
}

#[test]
fn example_scenarios_evaluate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/scenarios");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let o = hashwatt(&["report", path.to_str().unwrap(), "--json"]);
        assert!(o.status.success(), "{}: {}", path.display(), stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert!(v["energy_mwh_per_year"].as_f64().unwrap() > 0.0);
        count += 1;
    }
    assert!(count >= 2);
}

#[test]
fn projection_table_and_csv() {
    let o = hashwatt(&[
        "project",
        "--months",
        "36",
        "--csv",
        "--block-height",
        "1040000",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 37);
    assert!(lines[0].starts_with("month,month_ending,network_hashrate_ehs,"));
    // 10,000 blocks to the halving is about 69 days: month 3 mines at the new subsidy.
    let subsidy = |line: &str| line.split(',').nth(4).unwrap().parse::<f64>().unwrap();
    assert_eq!(subsidy(lines[1]), 3.125);
    assert_eq!(subsidy(lines[4]), 1.5625);

    let o = hashwatt(&[
        "project",
        "--months",
        "24",
        "--difficulty-growth-pct-year",
        "40",
        "--btc-price-growth-pct-year",
        "-10",
        "--halving-difficulty-drop-pct",
        "10",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("24-month projection"), "{out}");
    assert!(out.contains("Payback"), "{out}");
}

#[test]
fn presets_list_counts_match_the_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("presets");
    let o = hashwatt(&["presets", "list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for kind in [
        "regions",
        "miners",
        "emission-factors",
        "markets",
        "scenarios",
    ] {
        let files = std::fs::read_dir(root.join(kind))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "ron")
            })
            .count();
        // The country table adds a region for each of its 211 countries without a hand-made
        // one (19 have one).
        let files = if kind == "regions" {
            files + 211 - 19
        } else {
            files
        };
        assert_eq!(v[kind].as_array().unwrap().len(), files, "{kind}");
        let o = hashwatt(&["presets", "list", kind]);
        assert!(
            stdout(&o).starts_with(&format!("{kind} ({files})\n")),
            "{}",
            stdout(&o)
        );
    }
}

#[test]
fn presets_show_prints_sources() {
    let o = hashwatt(&["presets", "show", "texas-ercot"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("Electricity Maps"), "{out}");
    let o = hashwatt(&["presets", "show", "antminer-s21", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["hashrate_ths"], 200.0);
}

#[test]
fn user_presets_add_and_override_and_bad_ones_are_skipped() {
    let dir =
        std::env::temp_dir().join(format!("hashwatt-test-user-presets-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("miners")).unwrap();
    std::fs::write(
        dir.join("miners/my-rig.ron"),
        "(id: \"my-rig\", name: \"My rig\", maker: \"me\", release_year: 2025, hashrate_ths: 100, power_w: 2000, stated_efficiency_j_per_th: 20, source: \"my own measurement\", grade: Measured)",
    )
    .unwrap();
    std::fs::write(
        dir.join("miners/broken.ron"),
        "(id: \"broken\", name: \"Broken\", maker: \"me\", release_year: 2025, hashrate_ths: 100, power_w: 2000,\n stated_efficiency_j_per_th: 30, source: \"typo\", grade: Measured)",
    )
    .unwrap();
    let o = command()
        .args(["report", "--miner", "my-rig", "--json"])
        .env("HASHWATT_PRESETS_DIR", &dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["efficiency_j_per_th"], 20.0);
    let err = stderr(&o);
    assert_eq!(
        err.trim_end(),
        format!(
            "warning: skipped preset {}:2:2: stated_efficiency_j_per_th: 30 J/TH is stated but power / hashrate is 20.00 J/TH; they must agree within 5 %",
            dir.join("miners/broken.ron").display()
        )
    );
}

#[test]
fn projection_months_come_from_the_file_unless_given() {
    let file = temp_file("months.ron", "(projection: (months: 18))\n");
    let o = hashwatt(&["project", file.to_str().unwrap(), "--csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1 + 18);
    let o = hashwatt(&["project", file.to_str().unwrap(), "--csv", "--months", "6"]);
    assert_eq!(stdout(&o).lines().count(), 1 + 6);
}

#[test]
fn compare_shows_every_figure_and_marks_the_best() {
    let scenarios = Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/scenarios");
    let quebec = scenarios.join("quebec-hydro.ron");
    let kazakhstan = scenarios.join("kazakhstan-coal-2021.ron");
    let (q, k) = (quebec.to_str().unwrap(), kazakhstan.to_str().unwrap());

    let o = hashwatt(&["compare", q, k, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let scenarios = v["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 2);
    assert_eq!(scenarios[0]["results"].as_object().unwrap().len(), 22 + 7);
    // Hydro beats coal on carbon.
    let quebec_name = scenarios[0]["name"].as_str().unwrap();
    assert_eq!(v["best"]["co2_t_per_btc"], serde_json::json!([quebec_name]));

    let o = hashwatt(&["compare", q, k, "--csv"]);
    let csv = stdout(&o);
    assert_eq!(csv.lines().count(), 1 + 22 + 7);
    assert!(csv.starts_with("key,figure,unit,better,"), "{csv}");
    assert!(
        csv.contains("\nco2_t_per_btc,CO₂ per BTC,t/BTC,lower,"),
        "{csv}"
    );

    let o = hashwatt(&["compare", q, k]);
    let table = stdout(&o);
    assert!(
        table.lines().filter(|l| l.contains('*')).count() > 3,
        "{table}"
    );
    assert!(table.contains("Break-even BTC price"), "{table}");
}

#[test]
fn compare_names_a_bad_file() {
    let bad = temp_file("cmp-bad.ron", "(site: (pue: 0.2))\n");
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/scenarios/texas-s21.ron");
    let o = hashwatt(&["compare", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim_end(),
        format!(
            "error: {}:1:9: site.pue: 0.2 is not allowed; must be a number from 1 to 5",
            bad.display()
        )
    );
    let o = hashwatt(&["compare"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1);
}

/// A built-in scenario's file.
fn built_in(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("presets/scenarios")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

/// The value of the report row labelled `label`: the token before its unit.
fn row_value<'a>(table: &'a str, label: &str, unit: &str) -> &'a str {
    let line = table
        .lines()
        .find(|l| l.trim_start().starts_with(label) && l.ends_with(unit))
        .unwrap_or_else(|| panic!("no row {label}:\n{table}"));
    let tokens: Vec<&str> = line.split_whitespace().collect();
    tokens[tokens.len() - 2]
}

/// For a report row ("  label  value unit", the label column 2 + 28 wide): the terminal
/// column where the value ends, counting Chinese characters as two columns.
fn value_end(line: &str) -> usize {
    let char_width = |c: char| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    let mut chars = line.chars().peekable();
    let mut width = 0;
    while width < 2 + 28 + 1 {
        width += chars.next().map_or(1, char_width);
    }
    assert_eq!(width, 31, "the label column is misaligned: {line:?}");
    while chars.peek() == Some(&' ') {
        chars.next();
        width += 1;
    }
    chars
        .take_while(|&c| c != ' ')
        .map(char_width)
        .sum::<usize>()
        + width
}

#[test]
fn chinese_report_has_chinese_words_and_the_same_numbers() {
    use hashwatt::i18n::{Lang, strings};
    let file = built_in("texas-s21.ron");
    let en = hashwatt(&["report", &file]);
    let zh = hashwatt(&["--lang", "zh", "report", &file]);
    assert!(zh.status.success(), "{}", stderr(&zh));
    let (en, zh) = (stdout(&en), stdout(&zh));
    for heading in ["功率与能耗", "碳排放", "收支（USD/天）", "盈亏平衡"] {
        assert!(zh.lines().any(|l| l == heading), "{heading}:\n{zh}");
    }
    for label in ["  站点：", "  电网：", "  矿机：", "  行情："] {
        assert!(zh.contains(label), "{label}:\n{zh}");
    }
    assert!(zh.contains("功耗（含 PUE）"), "{zh}");
    assert!(!zh.contains("Power and energy"), "{zh}");
    // The scenario's and the miner's Chinese names.
    let doc =
        hashwatt::scenario_io::parse_scenario(&file, &std::fs::read_to_string(&file).unwrap())
            .unwrap();
    assert!(!doc.name_zh.is_empty());
    assert_eq!(zh.lines().next(), Some(doc.name_zh.as_str()));

    // The figures' labels come from the result cards' table, the numbers are the same.
    let (r_en, r_zh) = (&strings(Lang::En).results, &strings(Lang::Zh).results);
    let hashrate = row_value(&en, r_en.fleet_hashrate_ths.label, "TH/s");
    assert_eq!(hashrate, "60,000");
    assert_eq!(
        row_value(&zh, r_zh.fleet_hashrate_ths.label, "TH/s"),
        hashrate
    );
    assert_eq!(
        row_value(&zh, r_zh.network_hashrate_ehs.label, "EH/s"),
        row_value(&en, r_en.network_hashrate_ehs.label, "EH/s")
    );

    // Chinese characters take two columns, and the values still end in one column.
    let rows: Vec<&str> = zh
        .lines()
        .filter(|l| {
            l.starts_with("  ") && !l.contains('：') && !l.contains(r_zh.payback_days.label)
        })
        .collect();
    assert!(rows.len() > 15, "{zh}");
    for line in rows {
        assert_eq!(value_end(line), 2 + 28 + 1 + 16, "{line:?}");
    }
}

#[test]
fn chinese_json_is_the_english_json() {
    let file = built_in("quebec-hydro.ron");
    let en = hashwatt(&["report", &file, "--json"]);
    let zh = hashwatt(&["report", &file, "--json", "--lang", "zh"]);
    assert!(zh.status.success(), "{}", stderr(&zh));
    assert_eq!(zh.stdout, en.stdout);
    // CSV headers stay English too.
    let zh = hashwatt(&["--lang", "zh", "project", &file, "--csv", "--months", "3"]);
    assert!(stdout(&zh).starts_with("month,month_ending,network_hashrate_ehs,"));
}

#[test]
fn the_language_flag_goes_before_or_after_the_subcommand_and_refuses_others() {
    let file = built_in("texas-s21.ron");
    let before = hashwatt(&["--lang", "zh", "report", &file]);
    let after = hashwatt(&["report", "--lang", "zh", &file]);
    assert!(after.status.success(), "{}", stderr(&after));
    assert_eq!(before.stdout, after.stdout);

    let o = hashwatt(&["--lang", "xx", "report"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim_end(),
        "error: invalid value 'xx' for '--lang <LANG>' [possible values: en, zh]"
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn hashwatt_lang_chooses_the_language_when_no_flag_does() {
    let file = built_in("texas-s21.ron");
    let o = hashwatt_with(&["report", &file], &[("HASHWATT_LANG", "zh_CN.UTF-8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("功率与能耗"), "{}", stdout(&o));
    // The flag wins over the environment.
    let o = hashwatt_with(
        &["report", &file, "--lang", "en"],
        &[("HASHWATT_LANG", "zh")],
    );
    assert!(stdout(&o).contains("Power and energy"), "{}", stdout(&o));
}

#[test]
fn chinese_errors_keep_one_line_and_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--lang", "zh", "report", "--pue", "0.9"],
            "错误：'--pue <X>' 的值 '0.9' 无效：必须是 1 到 5 之间的数",
        ),
        (
            &["--lang", "zh", "report", "--units", "-3"],
            "错误：'--units <N>' 的值 '-3' 无效：必须是 0 到 1e9 之间的整数（台）",
        ),
        (
            &["report", "--lang=zh", "--no-such-flag"],
            "错误：无法识别的参数 '--no-such-flag'",
        ),
        (
            &["--lang", "zh", "presets", "show", "antminer-s2"],
            "错误：未知预设 \"antminer-s2\"（是否想输入 \"antminer-s21\"？）；`hashwatt presets list` 列出可用的 id",
        ),
    ];
    assert_refused(cases);
}

#[test]
fn chinese_projection_compare_and_presets() {
    let file = built_in("texas-s21.ron");
    let args = [
        "project",
        &file,
        "--months",
        "12",
        "--block-height",
        "1040000",
    ];
    let en = stdout(&hashwatt(&args));
    let mut zh_args = vec!["--lang", "zh"];
    zh_args.extend_from_slice(&args);
    let zh = stdout(&hashwatt(&zh_args));
    assert!(zh.contains("12 个月预测"), "{zh}");
    assert!(zh.contains("汇总"), "{zh}");
    // The month rows are numbers only: the same in both languages, so the columns line up.
    let months = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(months(&zh).len(), 12);
    assert_eq!(months(&zh), months(&en));

    let other = built_in("quebec-hydro.ron");
    let zh = stdout(&hashwatt(&["--lang", "zh", "compare", &file, &other]));
    assert!(zh.contains("* 该行最优"), "{zh}");
    // CSV is for programs: English whatever the language.
    let en_csv = hashwatt(&["compare", &file, &other, "--csv"]);
    let zh_csv = hashwatt(&["--lang", "zh", "compare", &file, &other, "--csv"]);
    assert_eq!(zh_csv.stdout, en_csv.stdout);

    use hashwatt::i18n::{Lang, Localized};
    let zh = stdout(&hashwatt(&["--lang", "zh", "presets", "list", "regions"]));
    assert!(zh.starts_with("地区 regions（"), "{zh}");
    let library = hashwatt::presets::PresetLibrary::builtin();
    let texas = library.region("texas-ercot").unwrap();
    assert!(!texas.name_zh.is_empty());
    let line = zh.lines().find(|l| l.contains("texas-ercot")).unwrap();
    assert!(line.contains(texas.name_in(Lang::Zh)), "{line}");
}

/// Each command exits 2 with exactly the expected one-line message and no output.
fn assert_refused(cases: &[(&[&str], &str)]) {
    for (args, expected) in cases {
        let o = hashwatt(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o).trim_end(), *expected, "{args:?}");
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
}

/// With a lever's income the report's Money lines add up: revenue + other income − costs is
/// the profit shown (to the rounding of the amounts printed).
#[test]
fn the_money_lines_add_up_with_a_lever_on() {
    let out = common::hashwatt(&[
        "report",
        "presets/scenarios/texas-s21.ron",
        "--heat-reuse-pct",
        "50",
        "--heat-price-usd-mwh",
        "30",
    ]);
    let text = common::stdout(&out);
    let amount = |label: &str| -> f64 {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line in\n{text}"));
        let value = line.split('$').nth(1).expect("an amount");
        value.trim().replace(',', "").parse().expect("a number")
    };
    let sum = amount("Revenue") + amount("Other income (levers)")
        - amount("Electricity")
        - amount("Opex")
        - amount("Carbon cost");
    let profit = amount("Profit ");
    assert!((sum - profit).abs() < 1.0, "{sum} against {profit}\n{text}");
    // Without levers there is no such line.
    let plain = common::stdout(&common::hashwatt(&[
        "report",
        "presets/scenarios/texas-s21.ron",
    ]));
    assert!(!plain.contains("Other income"), "{plain}");
}

/// `project --switch-off-when-losing` says from which month the fleet is off, and the
/// scenario file's `switch_off_when_losing: true` does the same.
#[test]
fn project_can_switch_the_fleet_off_in_months_that_lose_cash() {
    let args = [
        "project",
        "presets/scenarios/texas-s21.ron",
        "--months",
        "48",
        "--difficulty-growth-pct-year",
        "100",
    ];
    let plain = common::stdout(&common::hashwatt(&args));
    assert!(!plain.contains("switched off"), "{plain}");
    let mut with_flag = args.to_vec();
    with_flag.push("--switch-off-when-losing");
    let off = common::stdout(&common::hashwatt(&with_flag));
    assert!(
        off.contains(
            "The fleet is switched off from month 5, in every month whose mining would lose cash"
        ),
        "{off}"
    );
    let file = common::temp_file(
        "switch-off.ron",
        "(site: (region: \"texas-ercot\"), fleet: [(miner: \"antminer-s21\", units: 300)],\n projection: (months: 48, difficulty_growth_pct_per_year: 100, switch_off_when_losing: true))",
    );
    let from_file = common::stdout(&common::hashwatt(&["project", file.to_str().unwrap()]));
    assert!(
        from_file.contains("The fleet is switched off from month"),
        "{from_file}"
    );
}

/// Issue 15's instrument flags: certificates at factor 0 covering everything zero the
/// market-based Scope 2 and leave the location-based one; a PPA and a residual mix apply;
/// certificates beyond the consumption exit with 2 and one line naming the field.
#[test]
fn instrument_flags_change_market_based_scope2_only() {
    let base = json(&[]);
    let mwh = base["energy_kwh_per_year"].as_f64().unwrap() / 1000.0;
    let covered = json(&[
        "--certificates-mwh-year",
        &mwh.to_string(),
        "--certificate-g-kwh",
        "0",
    ]);
    assert_eq!(covered["scope2_market_t_per_year"], 0.0);
    assert_eq!(
        covered["scope2_location_t_per_year"],
        base["scope2_location_t_per_year"]
    );
    assert_eq!(
        covered["renewable_share_market_pct"]
            .as_f64()
            .unwrap()
            .round(),
        100.0
    );
    let ppa = json(&[
        "--ppa-share-pct",
        "50",
        "--ppa-g-kwh",
        "0",
        "--residual-mix-g-kwh",
        "500",
    ]);
    let expected = mwh * 1000.0 * 0.5 * 500.0 / 1e6;
    let got = ppa["scope2_market_t_per_year"].as_f64().unwrap();
    assert!(
        (got - expected).abs() < 1e-6 * expected,
        "{got} vs {expected}"
    );

    let o = hashwatt(&[
        "report",
        "--certificates-mwh-year",
        &(mwh * 2.0).to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("instruments.certificates_mwh_per_year")
            && err.contains("MWh of certificates is more than"),
        "{err}"
    );
}
