//! `hashwatt --lang zh` refuses bad input to the history's, the dispatch's, the sweep's and the
//! market's commands in Chinese: one line, no English words (flags, months, ids, file names and
//! the user's own values apart).

mod common;

use common::api_server::{self, Answer, ApiServer, routes_with};
use common::{english_words, hashwatt, stderr, temp_file};

fn refused_in_chinese(args: &[&str]) {
    let mut all = vec!["--lang", "zh"];
    all.extend(args);
    let o = hashwatt(&all);
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.starts_with("错误："), "{args:?}: {err}");
    assert_eq!(english_words(&err), Vec::<String>::new(), "{args:?}: {err}");
}

#[test]
fn dispatch_sweep_and_market_fetch_refuse_in_chinese() {
    let not_a_number = temp_file(
        "zh-prices.csv",
        "timestamp,price_usd_mwh\n2026-01-01T00:00Z,abc\n",
    );
    let no_zone = temp_file(
        "zh-prices-zone.csv",
        "timestamp,price_usd_mwh\n2026-01-01T00:00,5\n",
    );
    refused_in_chinese(&["dispatch", "--prices", not_a_number.to_str().unwrap()]);
    refused_in_chinese(&["dispatch", "--prices", no_zone.to_str().unwrap()]);
    refused_in_chinese(&["dispatch"]);
    refused_in_chinese(&["dispatch", "--min-run-steps", "-1"]);
    refused_in_chinese(&["sweep", "--electricity-usd-kwh", "abc"]);
    refused_in_chinese(&["sweep", "--electricity-usd-kwh", "0.1:0.05:3"]);
    refused_in_chinese(&["sweep", "--btc-price-usd", "1:2:0"]);
    refused_in_chinese(&["market", "fetch", "--api-base", "ftp://example.org"]);
    let html = ApiServer::start(routes_with(
        api_server::PRICES_PATH,
        Answer::Json(200, "<html>".into()),
    ));
    refused_in_chinese(&["market", "fetch", "--api-base", &html.base]);
    let failing = ApiServer::start(routes_with(
        api_server::HASHRATE_PATH,
        Answer::Json(500, "{}".into()),
    ));
    refused_in_chinese(&["market", "fetch", "--api-base", &failing.base]);
    refused_in_chinese(&["history", "update", "--api-base", &failing.base]);
}

/// Letters-only words of three or more in `line`, its flags (`--from`) taken out, that are
/// neither in `args` (the subcommands, values and file names the user gave) nor in `allowed`.
fn words_not_given(line: &str, args: &[&str], allowed: &[&str]) -> Vec<String> {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 3)
            .map(str::to_string)
            .collect()
    };
    let without_flags: String = line
        .split(|c: char| c.is_whitespace() || "'\"“”（），、：".contains(c))
        .filter(|chunk| !chunk.starts_with("--"))
        .collect::<Vec<_>>()
        .join(" ");
    let given: Vec<String> = args.iter().flat_map(|a| words(a)).collect();
    words(&without_flags)
        .into_iter()
        .filter(|w| !given.contains(w) && !allowed.contains(&w.as_str()))
        .collect()
}

/// What every language writes the same: units and formats (a month's `YYYY-MM`, `.csv`),
/// address parts, a command the
/// messages suggest (`hashwatt presets list miners`), the placeholder of a file name, a field
/// (`dispatch.tariff`) and the CSV files' column names.
const ALLOWED: &[&str] = &[
    "USD",
    "kWh",
    "MWh",
    "BTC",
    "CSV",
    "csv",
    "YYYY",
    "http",
    "https",
    "localhost",
    "hashwatt",
    "presets",
    "list",
    "miners",
    "FILE",
    "tariff",
    "timestamp",
    "mwh",
    "intensity",
    "kwh",
    "month",
    "difficulty",
    "blocks",
    "subsidy",
    "btc",
    "fees",
    "per",
    "block",
    "price",
    "usd",
];

/// The history CSV's header names these too.
const HISTORY_COLUMNS: &[&str] = &["network", "hashrate", "ehs", "transactions", "note"];

/// Runs `args` under `--lang zh`: exit status 2, one line on stderr (returned) and no word in
/// it that is not Chinese, a unit, a column or something the user gave.
fn refused_strictly(args: &[&str]) -> String {
    let mut all = vec!["--lang", "zh"];
    all.extend(args);
    let o = hashwatt(&all);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    assert!(o.stdout.is_empty(), "{args:?}");
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.starts_with("错误："), "{args:?}: {err}");
    let allowed: Vec<&str> = ALLOWED.iter().chain(HISTORY_COLUMNS).copied().collect();
    assert_eq!(
        words_not_given(&err, args, &allowed),
        Vec::<String>::new(),
        "{args:?}: {err}"
    );
    err
}

/// The same arguments in English: exit status 2 and the one line.
fn refused_in_english(args: &[&str]) -> String {
    let mut all = vec!["--lang", "en"];
    all.extend(args);
    let o = hashwatt(&all);
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    stderr(&o)
}

#[test]
fn the_six_subcommands_refuse_bad_input_with_no_english_word() {
    let header =
        "month,difficulty,blocks,subsidy_btc,fees_btc_per_block,btc_price_usd,network_hashrate_ehs";
    let bad_header = temp_file("zh-strict-header.csv", "month,difficulty\n2020-01,1\n");
    let bad_cell = temp_file(
        "zh-strict-cell.csv",
        &format!("{header}\n2026-01,1.4e14,4400,3.125,0.02,x,\n"),
    );
    let no_price = temp_file(
        "zh-strict-no-price.csv",
        &format!("{header}\n2026-01,1.5e14,4464,3.125,0.02,,\n"),
    );
    let prices = temp_file(
        "zh-strict-prices.csv",
        "timestamp,price_usd_mwh\n2026-01-01T00:00Z,40\n2026-01-01T01:00Z,45\n",
    );
    let gap = temp_file(
        "zh-strict-gap.csv",
        "timestamp,price_usd_mwh\n2026-01-01T00:00Z,40\n2026-01-01T02:00Z,45\n",
    );
    // Scenario files the reader stops in: a bare word, a comment left open.
    let bare = temp_file("zh-strict-bare.ron", "hello");
    let comment = temp_file("zh-strict-comment.ron", "(site: (pue: 1.2)) /* note");
    let path = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let (bad_header, bad_cell, no_price) = (path(&bad_header), path(&bad_cell), path(&no_price));
    let (prices, gap, bare, comment) = (path(&prices), path(&gap), path(&bare), path(&comment));
    let cases: Vec<Vec<&str>> = vec![
        vec!["history", "--from", "1999-01"],
        vec!["history", "--from", "2021-05", "--to", "2021-01"],
        vec!["history", "--from", "2021-13"],
        vec!["history", "--to", "abc"],
        vec!["history", "--history-csv", &bad_header],
        vec!["history", "--history-csv", &bad_cell],
        vec!["history", "--history-csv", "/nonexistent/zh.csv"],
        vec!["backtest"],
        vec!["backtest", "--from", "1999-01"],
        vec!["backtest", "--from", "2021-05", "--to", "2021-01"],
        vec!["backtest", "--from", "2026-01", "--history-csv", &no_price],
        vec!["backtest", "--from", "2021-01", "--history-csv", &bad_cell],
        vec!["backtest", "--from", "2021-01", &bare],
        vec!["backtest", "--from", "2021-01", &comment],
        vec!["backtest", "--from", "2021-01", "--miner", "nosuch"],
        vec!["backtest", "--from", "2021-01", "--pue", "0.5"],
        vec!["disclose", "--from", "1999-01"],
        vec!["disclose", "--from", "2024-05", "--to", "2024-01"],
        vec!["disclose", "--history-csv", &bad_header],
        vec!["dispatch"],
        vec!["dispatch", "--prices", &gap],
        vec!["dispatch", "--prices", "/nonexistent/zh.csv"],
        vec!["dispatch", "--prices", &prices, &bare],
        vec!["dispatch", "--prices", &prices, "--credit-usd-mwh", "x"],
        vec!["sweep"],
        vec!["sweep", "--electricity-usd-kwh", "0:0.2:3"],
        vec![
            "sweep",
            "--electricity-usd-kwh",
            "0:0.2:3",
            "--difficulty",
            "1e14:2e14:3",
            "--btc-price-usd",
            "1:2:3",
        ],
        vec!["sweep", "--btc-price-usd", "2:1:3"],
        vec![
            "sweep",
            "--electricity-usd-kwh",
            "0:0.2:3",
            "--btc-price-usd",
            "1:2:3",
            &comment,
        ],
        vec!["market", "fetch", "--api-base", "http://127.0.0.1:9"],
        vec!["market", "fetch", "--api-base", "ftp://example.org"],
    ];
    for args in &cases {
        refused_strictly(args);
    }
}

#[test]
fn chinese_messages_word_for_word_and_english_unchanged() {
    let bare = temp_file("zh-exact-bare.ron", "hello");
    let bare = bare.to_str().unwrap();
    let cases: [(&[&str], String, String); 4] = [
        (
            &["backtest", "--from", "1999-01"],
            "错误：--from：1999-01 超出历史范围（2010-07 至 2025-12）\n".into(),
            "error: --from: 1999-01 is outside the history (2010-07 to 2025-12)\n".into(),
        ),
        (
            &["history", "--from", "2021-05", "--to", "2021-01"],
            "错误：--to：2021-01 早于 --from 2021-05\n".into(),
            "error: --to: 2021-01 is before --from 2021-05\n".into(),
        ),
        (
            &["dispatch"],
            "错误：没有价格：请给出 --prices FILE.csv，或含有 `dispatch.tariff` 的情景文件\n".into(),
            "error: no prices: give --prices FILE.csv, or a scenario file with a `dispatch.tariff`\n"
                .into(),
        ),
        (
            &["backtest", "--from", "2021-01", bare],
            format!(
                "错误：{bare}:1:1: 这组字段前的名称不对：应为 ( ) 括起的一组字段，不写名称或写它自己的名称\n"
            ),
            format!("error: {bare}:1:1: Expected struct `ScenarioDoc` but found `hello`\n"),
        ),
    ];
    for (args, zh, en) in cases {
        assert_eq!(refused_strictly(args), zh, "{args:?}");
        assert_eq!(refused_in_english(args), en, "{args:?}");
    }
}

#[test]
fn a_presets_folder_history_that_does_not_read_is_warned_about_in_chinese() {
    let folder = common::temp_dir("zh-broken-history");
    std::fs::create_dir_all(folder.join("history")).unwrap();
    std::fs::write(
        folder.join("history").join("network-monthly.csv"),
        "month,difficulty\n",
    )
    .unwrap();
    let presets = folder.to_str().unwrap();
    let run = |lang: &str| {
        common::hashwatt_with(
            &[
                "--lang", lang, "history", "--from", "2025-01", "--to", "2025-01",
            ],
            &[("HASHWATT_PRESETS_DIR", presets)],
        )
    };
    let zh = run("zh");
    assert!(zh.status.success());
    let warning = stderr(&zh);
    assert!(warning.starts_with("警告："), "{warning}");
    assert!(warning.ends_with("（改用内置的历史数据）\n"), "{warning}");
    let allowed: Vec<&str> = ALLOWED.iter().chain(HISTORY_COLUMNS).copied().collect();
    assert_eq!(
        words_not_given(&warning, &[presets, "network-monthly.csv"], &allowed),
        Vec::<String>::new(),
        "{warning}"
    );
    let en = stderr(&run("en"));
    assert!(en.starts_with("warning: "), "{en}");
    assert!(en.ends_with(" (the built-in history is used)\n"), "{en}");
}

#[test]
fn the_check_finds_the_english_it_is_there_for() {
    assert_eq!(
        words_not_given(
            "error: --from: 1999-01 is outside the history (2010-07 to 2025-12)",
            &["backtest", "--from", "1999-01"],
            ALLOWED,
        ),
        ["error", "outside", "the", "history"]
    );
}
