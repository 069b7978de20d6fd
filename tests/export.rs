//! `hashwatt chart` and the result exports, as a user meets them: spawn the binary, read the
//! files it writes, stdout, stderr and the exit code.

use hashwatt::export::{results_csv, results_json, results_markdown};
use hashwatt::i18n::Lang;
use hashwatt::presets::PresetLibrary;
use hashwatt::scenario_file::ScenarioDoc;
use std::path::Path;

mod common;
use common::*;

/// Runs `hashwatt chart KIND ARGS… --out PATH --width 400 --height 300`, expecting success,
/// and returns the file's bytes.
fn chart(kind: &str, out: &Path, args: &[&str]) -> Vec<u8> {
    let out_text = out.to_str().unwrap();
    let mut all = vec!["chart", kind];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out_text, "--width", "400", "--height", "300"]);
    let o = hashwatt(&all);
    assert!(o.status.success(), "{kind}: {}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("{out_text}\n"),
        "prints the path written"
    );
    assert_eq!(stderr(&o), "");
    std::fs::read(out).unwrap()
}

fn svg_chart(kind: &str, test: &str, args: &[&str]) -> String {
    let path = temp_dir(test).join(format!("{kind}.svg"));
    String::from_utf8(chart(kind, &path, args)).expect("SVG is text")
}

const KINDS: [&str; 5] = ["mix", "regions", "break-even", "projection", "hardware"];

#[test]
fn every_kind_writes_a_png_of_the_requested_size() {
    let dir = temp_dir("png");
    for kind in KINDS {
        let bytes = chart(kind, &dir.join(format!("{kind}.png")), &[]);
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{kind}: PNG signature");
        assert_eq!(&bytes[12..16], b"IHDR", "{kind}");
        let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!((width, height), (400, 300), "{kind}");
    }
}

#[test]
fn every_kind_writes_an_svg_with_its_title_and_an_axis_label() {
    let expected = [
        ("mix", "Energy mix", "g CO₂e/kWh"),
        (
            "regions",
            "Every region with this fleet and market",
            "Grid intensity (g CO₂e/kWh)",
        ),
        (
            "break-even",
            "Daily profit and break-even",
            "Profit (USD/day)",
        ),
        ("projection", "Projection", "Cumulative cash flow (USD)"),
        (
            "hardware",
            "Miner efficiency by release year",
            "Efficiency (J/TH, log scale)",
        ),
    ];
    for (kind, title, axis) in expected {
        let svg = svg_chart(kind, "svg", &[]);
        assert!(svg.starts_with("<svg"), "{kind}");
        assert!(svg.trim_end().ends_with("</svg>"), "{kind}");
        assert!(svg.contains(title), "{kind} lacks its title {title:?}");
        assert!(svg.contains(axis), "{kind} lacks the axis label {axis:?}");
        assert!(svg.contains("Made with hashwatt on "), "{kind}");
        assert!(svg.contains("Sources: "), "{kind}");
    }
}

#[test]
fn the_regions_chart_shows_every_region_in_the_library() {
    // The same rows the window ranks: every region preset, by name.
    let library = PresetLibrary::builtin();
    let svg = svg_chart("regions", "regions", &["--region", "kazakhstan"]);
    let mut count = 0;
    // Every region with a power price: the country table's regions have none to rank by.
    for region in library
        .regions()
        .filter(|r| r.electricity_price_usd_per_kwh.is_some())
    {
        assert!(svg.contains(&region.name), "missing {}", region.name);
        count += 1;
    }
    assert!(count >= 30, "{count} regions");
    // The metric flag changes the ranking's axis.
    let svg = svg_chart("regions", "regions", &["--metric", "co2-per-btc"]);
    assert!(svg.contains("CO₂ per BTC (t)"));
}

#[test]
fn the_title_names_the_scenario_and_months_come_from_its_file() {
    let dir = temp_dir("file");
    let file = dir.join("site.ron");
    std::fs::write(
        &file,
        "(version: 3, name: \"Loss maker\", market: (btc_price_usd: 1000), projection: (months: 18))",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let svg = svg_chart("projection", "file", &[file]);
    assert!(svg.contains("Projection: Loss maker"));
    assert!(
        svg.contains("no payback within 18 months"),
        "months from the file"
    );
    let svg = svg_chart("projection", "file", &[file, "--months", "24"]);
    assert!(
        svg.contains("no payback within 24 months"),
        "--months overrides"
    );
}

#[test]
fn bad_chart_input_exits_2_with_one_line_naming_the_flag() {
    let dir = temp_dir("bad");
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["chart", "mix", "--out", "x.jpg"],
            "error: --out: \"x.jpg\" must end in .png or .svg".into(),
        ),
        (
            vec!["chart", "pie", "--out", "x.png"],
            "error: invalid value 'pie' for '<KIND>': unknown chart; must be one of mix, regions, break-even, projection, hardware".into(),
        ),
        (
            vec!["chart", "mix", "--out", "x.png", "--width", "100"],
            "error: invalid value '100' for '--width <W>': must be a whole number from 200 to 8000 px".into(),
        ),
        (
            vec!["chart", "mix", "--out", "x.png", "--height", "8001"],
            "error: invalid value '8001' for '--height <H>': must be a whole number from 200 to 8000 px".into(),
        ),
        (
            vec!["chart", "regions", "--out", "x.png", "--metric", "price"],
            "error: invalid value 'price' for '--metric <METRIC>': must be one of intensity, co2-per-btc, break-even".into(),
        ),
        (
            vec!["chart", "mix"],
            "error: the following required arguments were not provided: --out <FILE>".into(),
        ),
        (
            vec!["chart", "mix", "--out", "x.png", "--region", "atlantis"],
            "error: --region: unknown region \"atlantis\"".into(),
        ),
        // The history, backtest and dispatch charts' own flags, and only theirs.
        (
            vec!["chart", "mix", "--out", "x.png", "--from", "2020-01"],
            "error: --from: only the history and backtest charts take it".into(),
        ),
        (
            vec!["chart", "history", "--out", "x.png", "--prices", "p.csv"],
            "error: --prices: only the dispatch chart takes it".into(),
        ),
        (
            vec!["chart", "history", "--out", "x.png", "--from", "2009-12"],
            "error: --from: 2009-12 is outside the history (2010-07 to ".into(),
        ),
        (
            vec!["chart", "history", "--out", "x.png", "--to", "2020-13"],
            "error: invalid value '2020-13' for '--to <YYYY-MM>': `2020-13` is not a month (YYYY-MM)".into(),
        ),
        (
            vec!["chart", "backtest", "--out", "x.png", "--from", "2024-01", "--to", "2023-01"],
            "error: --to: 2023-01 is before --from 2024-01".into(),
        ),
        (
            vec!["chart", "dispatch", "--out", "x.png"],
            "error: no prices: give --prices FILE.csv, or a scenario file with a `dispatch.tariff`".into(),
        ),
    ];
    for (args, message) in cases {
        let o = hashwatt(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with(&message), "{args:?}: {err}");
        assert_eq!(stdout(&o), "", "{args:?}");
    }
    // Nothing was written for the refused extension.
    assert!(!Path::new("x.jpg").exists());

    // A folder that does not exist: the error names the path.
    let missing = dir.join("no-such-folder").join("chart.png");
    let missing = missing.to_str().unwrap();
    let o = hashwatt(&["chart", "mix", "--out", missing]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("error: {missing}: cannot save: ")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

fn default_evaluation() -> (hashwatt::model::Evaluation, Vec<String>) {
    let library = PresetLibrary::builtin();
    let doc = ScenarioDoc::default();
    let scenario = doc.resolve(&library).unwrap();
    let e = hashwatt::model::evaluate(&scenario);
    let sources = hashwatt::chart_data::sources(&doc, &library, hashwatt::i18n::Lang::En);
    (e, sources)
}

#[test]
fn json_export_is_the_report_json_output() {
    let (e, _) = default_evaluation();
    let o = hashwatt(&["report", "--json"]);
    assert!(o.status.success());
    assert_eq!(results_json(&e), stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&results_json(&e)).unwrap();
    assert_eq!(v.as_object().unwrap().len(), 22 + 7);
}

#[test]
fn csv_export_has_a_header_and_the_29_figures() {
    let (e, _) = default_evaluation();
    let csv = results_csv(&e, Lang::En);
    let lines: Vec<&str> = csv.lines().collect();
    // The header, the contract's 22 figures and site accounting's 7.
    assert_eq!(lines.len(), 1 + 22 + 7);
    assert_eq!(lines[0], "key,figure,value,unit");
    let keys: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let json: serde_json::Value = serde_json::from_str(&results_json(&e)).unwrap();
    for key in &keys {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(keys.len(), 22 + 7);
}

#[test]
fn markdown_export_is_a_table_with_sources() {
    let (e, sources) = default_evaluation();
    let md = results_markdown("hashwatt results: Scenario", &e, &sources, Lang::En);
    assert!(md.starts_with("# hashwatt results: Scenario\n"));
    assert!(md.contains("| Figure | Value | Unit |"));
    assert!(md.contains("| Break-even BTC price |"));
    assert!(md.contains("## Sources"));
    assert!(md.contains("- Market: "));
}

#[test]
fn charts_in_chinese_use_chinese_words_names_and_font() {
    let svg = svg_chart(
        "regions",
        "zh-regions",
        &["--lang", "zh", "--region", "texas-ercot"],
    );
    assert!(svg.contains("各地区对比"), "the Chinese title");
    assert!(
        svg.contains("得克萨斯州（ERCOT）"),
        "region names in Chinese"
    );
    assert!(
        svg.contains("电网碳强度（g CO₂e/kWh）"),
        "the axis in Chinese"
    );
    assert!(svg.contains("Noto Sans CJK SC"), "the CJK font family");
    assert!(!svg.contains("Texas (ERCOT)"));

    // The PNG draws the Chinese text with the bundled font: it differs from the English one,
    // and is as large.
    let dir = temp_dir("zh-png");
    let zh = chart("mix", &dir.join("zh.png"), &["--lang", "zh"]);
    let en = chart("mix", &dir.join("en.png"), &["--lang", "en"]);
    assert_eq!(&zh[..8], b"\x89PNG\r\n\x1a\n");
    assert_ne!(zh, en);
}

/// `hashwatt chart history|backtest|dispatch`: the views' charts, with their titles and axes in
/// English and Chinese.
#[test]
fn the_history_backtest_and_dispatch_charts_from_the_command_line() {
    let prices = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/dispatch/example-prices.csv"
    );
    // The kind, its flags, and words the English and the Chinese chart carry.
    type Case<'a> = (&'a str, Vec<&'a str>, [&'a str; 2], [&'a str; 2]);
    let cases: [Case; 3] = [
        (
            "history",
            vec!["--from", "2017-01", "--to", "2022-12"],
            ["The network month by month since 2010", "TWh a year"],
            ["2010 年以来逐月的比特币网络", "太瓦时/年"],
        ),
        (
            "backtest",
            vec!["--from", "2021-01", "--to", "2022-12"],
            [
                "This scenario&apos;s fleet through real months",
                "Cumulative cash flow",
            ],
            ["本情景的矿机在真实月份中的表现", "累计现金流"],
        ),
        (
            "dispatch",
            vec!["--prices", prices],
            ["Price-duration curve", "Cost of power, USD/MWh"],
            ["价格持续曲线", "电力成本，USD/MWh"],
        ),
    ];
    for (kind, args, en, zh) in cases {
        let text = svg_chart(kind, &format!("view-{kind}"), &args);
        for words in en {
            assert!(text.contains(words), "{kind}: {words}");
        }
        let mut zh_args = vec!["--lang", "zh"];
        zh_args.extend(args.iter().copied());
        let text = svg_chart(kind, &format!("view-{kind}-zh"), &zh_args);
        for words in zh {
            assert!(text.contains(words), "{kind} (zh): {words}");
        }
    }
    // The range given is the range drawn.
    let text = svg_chart(
        "history",
        "view-range",
        &["--from", "2017-01", "--to", "2022-12"],
    );
    assert!(text.contains("2017-01 → 2022-12"));
}

/// The Network chart is about the network: its title does not name the loaded scenario, while
/// a scenario's own chart does.
#[test]
fn the_network_chart_is_titled_for_the_network() {
    let scenario = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/presets/scenarios/texas-s21.ron"
    );
    let network = svg_chart("network", "network-title", &[scenario]);
    assert!(!network.contains("Texas S21 fleet"), "{network}");
    let mix = svg_chart("mix", "mix-title", &[scenario]);
    assert!(mix.contains("Texas S21 fleet"));
}
