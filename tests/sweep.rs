//! `hashwatt sweep` as a user meets it: spawn the binary, read the CSV or the summary, stderr and
//! the exit code.

mod common;
use common::*;

/// The example of the issue: `hashwatt sweep --electricity-usd-kwh 0:0.2:101 --btc-price-usd 20000:200000:91 --csv`.
const ISSUE_EXAMPLE: [&str; 5] = [
    "--electricity-usd-kwh",
    "0:0.2:101",
    "--btc-price-usd",
    "20000:200000:91",
    "--csv",
];

fn sweep(args: &[&str]) -> std::process::Output {
    let mut all = vec!["sweep"];
    all.extend_from_slice(args);
    hashwatt(&all)
}

/// The CSV's lines split into fields, after checking the header.
fn csv(args: &[&str], header: &str) -> Vec<Vec<String>> {
    let o = sweep(args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let text = stdout(&o);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(header));
    lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

fn number(field: &str) -> f64 {
    field
        .parse()
        .unwrap_or_else(|_| panic!("{field:?} is a number"))
}

/// One figure of `report --json`, parsed from its text (exactly, as Rust parses a float).
fn report_figure(args: &[&str], key: &str) -> f64 {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.push("--json");
    let o = hashwatt(&all);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let needle = format!("\"{key}\":");
    let start = text.find(&needle).expect("the key is printed") + needle.len();
    let rest = &text[start..];
    let end = rest.find([',', '\n', '}']).unwrap();
    number(rest[..end].trim())
}

#[test]
fn csv_has_a_header_and_one_line_per_cell() {
    let rows = csv(
        &ISSUE_EXAMPLE,
        "electricity_usd_kwh,btc_price_usd,profit_usd_per_day,break_even_btc_price_usd",
    );
    assert_eq!(rows.len(), 101 * 91);
    assert!(rows.iter().all(|r| r.len() == 4));
    // Row by row: the electricity price outer, the BTC price inner, both ends included.
    assert_eq!(rows[0][..2], ["0", "20000"]);
    assert_eq!(rows[90][..2], ["0", "200000"]);
    assert_eq!(rows[91][..2], ["0.002", "20000"]);
    assert_eq!(rows[3 * 91 + 1][..2], ["0.006", "22000"]);
    assert_eq!(rows[101 * 91 - 1][..2], ["0.2", "200000"]);
    // One break-even price per electricity price.
    for row in rows.chunks(91) {
        assert!(row.iter().all(|r| r[3] == row[0][3]));
        let break_even = number(&row[0][3]);
        for r in row {
            let (btc, profit) = (number(&r[1]), number(&r[2]));
            if btc < break_even {
                assert!(profit < 0.0, "{r:?}");
            } else if btc > break_even {
                assert!(profit > 0.0, "{r:?}");
            }
        }
    }
}

#[test]
fn each_cell_is_exactly_what_report_gives() {
    let rows = csv(
        &[
            "--region",
            "texas-ercot",
            "--units",
            "300",
            "--opex-usd-month",
            "15000",
            "--carbon-price-usd-t",
            "40",
            "--electricity-usd-kwh",
            "0.01:0.15:15",
            "--btc-price-usd",
            "30000:150000:13",
            "--csv",
        ],
        "electricity_usd_kwh,btc_price_usd,profit_usd_per_day,break_even_btc_price_usd",
    );
    assert_eq!(rows.len(), 15 * 13);
    for r in [&rows[0], &rows[4 * 13 + 7], &rows[14 * 13 + 12]] {
        let flags = [
            "--region",
            "texas-ercot",
            "--units",
            "300",
            "--opex-usd-month",
            "15000",
            "--carbon-price-usd-t",
            "40",
            "--electricity-usd-kwh",
            &r[0],
            "--btc-price-usd",
            &r[1],
        ];
        assert_eq!(
            report_figure(&flags, "profit_usd_per_day"),
            number(&r[2]),
            "{r:?}"
        );
        assert_eq!(
            report_figure(&flags, "break_even_btc_price_usd"),
            number(&r[3]),
            "{r:?}"
        );
    }
}

#[test]
fn difficulty_sweeps_take_a_scenario_file_and_fixed_values() {
    let rows = csv(
        &[
            "presets/scenarios/texas-s21.ron",
            "--difficulty",
            "100e12:200e12:11",
            "--btc-price-usd",
            "50000:150000:5",
            "--electricity-usd-kwh",
            "0.05",
            "--csv",
        ],
        "difficulty,btc_price_usd,profit_usd_per_day,break_even_btc_price_usd",
    );
    assert_eq!(rows.len(), 11 * 5);
    assert_eq!(rows[5][0], "110000000000000");
    // Profit falls as the difficulty rises, at every BTC price.
    for j in 0..5 {
        let column: Vec<f64> = rows
            .iter()
            .skip(j)
            .step_by(5)
            .map(|r| number(&r[2]))
            .collect();
        assert!(column.windows(2).all(|w| w[1] < w[0]), "{column:?}");
    }
    let r = &rows[5 * 5 + 2];
    let report = report_figure(
        &[
            "presets/scenarios/texas-s21.ron",
            "--difficulty",
            &r[0],
            "--btc-price-usd",
            &r[1],
            "--electricity-usd-kwh",
            "0.05",
        ],
        "profit_usd_per_day",
    );
    assert_eq!(report, number(&r[2]));
    // The network hashrate is the other way to sweep the network.
    let rows = csv(
        &[
            "--network-hashrate-ehs",
            "800:1200:3",
            "--btc-price-usd",
            "50000:150000:2",
            "--csv",
        ],
        "network_hashrate_ehs,btc_price_usd,profit_usd_per_day,break_even_btc_price_usd",
    );
    assert_eq!(rows.len(), 6);
}

#[test]
fn the_summary_lists_the_break_even_price_of_each_row() {
    let o = sweep(&[
        "--electricity-usd-kwh",
        "0:0.2:5",
        "--btc-price-usd",
        "20000:200000:4",
        "--units",
        "100",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("Scenario: daily profit over electricity prices × BTC prices\n"),
        "{text}"
    );
    assert!(text.contains("  Rows:     5 electricity prices from 0 to 0.200 USD/kWh\n"));
    assert!(text.contains("  Columns:  4 BTC prices from $20,000 to $200,000\n"));
    assert!(text.contains("over 20 cells (--csv prints every cell)"));
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("profit at"))
        .collect();
    assert_eq!(table.len(), 1 + 5, "{text}");
    assert!(table[0].contains("profit at $20,000") && table[0].contains("profit at $200,000"));
    // No mining cost at a power price of 0 and no opex: break-even at $0.
    assert!(table[1].trim_start().starts_with("0 "), "{}", table[1]);
    assert!(table[1].contains("$0 "), "{}", table[1]);
}

#[test]
fn bad_ranges_exit_2_with_one_line_naming_the_flag() {
    let columns = "20000:200000:91";
    let cases: [(&[&str], &str); 12] = [
        (
            &[
                "--electricity-usd-kwh",
                "0:0.2:1",
                "--btc-price-usd",
                columns,
            ],
            "error: invalid value '0:0.2:1' for '--electricity-usd-kwh <P|A:B:N>': N must be a whole number from 2 to 10000",
        ),
        (
            &[
                "--electricity-usd-kwh",
                "0:0.2:10001",
                "--btc-price-usd",
                columns,
            ],
            "error: invalid value '0:0.2:10001' for '--electricity-usd-kwh <P|A:B:N>': N must be a whole number from 2 to 10000",
        ),
        (
            &[
                "--electricity-usd-kwh",
                "0:0.2:ten",
                "--btc-price-usd",
                columns,
            ],
            "error: invalid value '0:0.2:ten' for '--electricity-usd-kwh <P|A:B:N>': N must be a whole number from 2 to 10000",
        ),
        (
            &[
                "--electricity-usd-kwh",
                "0.2:0.1:10",
                "--btc-price-usd",
                columns,
            ],
            "error: invalid value '0.2:0.1:10' for '--electricity-usd-kwh <P|A:B:N>': A must be below B",
        ),
        (
            &[
                "--electricity-usd-kwh",
                "0.1:0.1:10",
                "--btc-price-usd",
                columns,
            ],
            "error: invalid value '0.1:0.1:10' for '--electricity-usd-kwh <P|A:B:N>': A must be below B",
        ),
        (
            &[
                "--electricity-usd-kwh",
                "-0.1:0.2:10",
                "--btc-price-usd",
                columns,
            ],
            "error: invalid value '-0.1:0.2:10' for '--electricity-usd-kwh <P|A:B:N>': A must be a number from 0 to 100 USD/kWh",
        ),
        (
            &[
                "--electricity-usd-kwh",
                "0:abc:10",
                "--btc-price-usd",
                columns,
            ],
            "error: invalid value '0:abc:10' for '--electricity-usd-kwh <P|A:B:N>': B is not a number; must be a number from 0 to 100 USD/kWh",
        ),
        (
            &[
                "--electricity-usd-kwh",
                "0:0.2:10",
                "--btc-price-usd",
                "-5:200000:91",
            ],
            "error: invalid value '-5:200000:91' for '--btc-price-usd <A:B:N>': A must be a number from 0 to 1e12 USD",
        ),
        (
            &["--difficulty", "0:2e14:5", "--btc-price-usd", columns],
            "error: invalid value '0:2e14:5' for '--difficulty <D|A:B:N>': A must be a number from 1 to 1e24",
        ),
        (
            &["--electricity-usd-kwh", "0:0.2:10"],
            "error: --btc-price-usd: give the columns a range A:B:N of BTC prices (e.g. 20000:200000:91)",
        ),
        (
            &["--btc-price-usd", columns],
            "error: --electricity-usd-kwh: give the rows a range A:B:N (e.g. 0:0.2:101), or give one to --difficulty or --network-hashrate-ehs",
        ),
        (
            &[
                "--electricity-usd-kwh",
                "0:0.2:10",
                "--difficulty",
                "1e14:2e14:5",
                "--btc-price-usd",
                columns,
            ],
            "error: --difficulty: only one input can be swept along the rows, and --electricity-usd-kwh already is; give --difficulty a single number",
        ),
    ];
    for (args, expected) in cases {
        let o = sweep(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o), format!("{expected}\n"), "{args:?}");
        assert_eq!(stdout(&o), "", "{args:?}");
    }
    // A single BTC price is not a range.
    let o = sweep(&[
        "--electricity-usd-kwh",
        "0:0.2:10",
        "--btc-price-usd",
        "90000",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(
            "error: invalid value '90000' for '--btc-price-usd <A:B:N>': must be a range A:B:N"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o).lines().count(), 1);
}

#[test]
fn report_still_takes_single_values_for_the_swept_flags() {
    let profit = report_figure(
        &["--electricity-usd-kwh", "0.05", "--btc-price-usd", "90000"],
        "profit_usd_per_day",
    );
    let rows = csv(
        &[
            "--electricity-usd-kwh",
            "0:0.05:2",
            "--btc-price-usd",
            "0:90000:2",
            "--csv",
        ],
        "electricity_usd_kwh,btc_price_usd,profit_usd_per_day,break_even_btc_price_usd",
    );
    assert_eq!(number(&rows[3][2]), profit);
    let o = hashwatt(&["report", "--btc-price-usd", "0:90000:2"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_summary_speaks_chinese_and_the_csv_does_not() {
    let args = [
        "--electricity-usd-kwh",
        "0:0.2:5",
        "--btc-price-usd",
        "20000:200000:4",
    ];
    let en = stdout(&sweep(&args));
    let mut zh_args = vec!["--lang", "zh"];
    zh_args.extend_from_slice(&args);
    let o = sweep(&zh_args);
    assert!(o.status.success(), "{}", stderr(&o));
    let zh = stdout(&o);
    assert!(
        zh.starts_with("情景：不同电价与 BTC 价格下的每日利润\n"),
        "{zh}"
    );
    assert!(
        zh.contains("  行：      5 个电价，从 0 到 0.200 USD/kWh\n"),
        "{zh}"
    );
    assert!(zh.contains("$20,000 时利润"), "{zh}");
    // The rows of the table are numbers only: the same, in the same columns, in both languages.
    let rows = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(rows(&zh).len(), 5);
    assert_eq!(rows(&zh), rows(&en));

    let mut csv_args = zh_args.clone();
    csv_args.push("--csv");
    let mut en_csv_args = args.to_vec();
    en_csv_args.push("--csv");
    assert_eq!(sweep(&csv_args).stdout, sweep(&en_csv_args).stdout);
}

#[test]
fn tiny_steps_print_in_e_notation_and_read_back() {
    let rows = csv(
        &[
            "--electricity-usd-kwh",
            "0:1e-300:3",
            "--btc-price-usd",
            "1e-300:2e-300:3",
            "--csv",
        ],
        "electricity_usd_kwh,btc_price_usd,profit_usd_per_day,break_even_btc_price_usd",
    );
    assert_eq!(rows.len(), 9);
    for row in &rows {
        for field in row {
            assert!(field.len() < 40, "{field}");
        }
    }
    assert_eq!(rows[3][0], "5e-301");
    assert_eq!(rows[3][1], "1e-300");
    assert_eq!(number(&rows[8][0]), 1e-300);
}
