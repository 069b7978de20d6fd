//! `hashwatt market fetch` against a local mempool.space-compatible API: the JSON contract,
//! `--save`, and one line with exit status 2 for every failure, with nothing saved.

mod common;

use common::api_server::{self, Answer, ApiServer, good_routes, routes_with};
use common::{hashwatt_with, stderr, stdout, temp_dir};

fn fetch_in(folder: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["market", "fetch"];
    all.extend_from_slice(args);
    hashwatt_with(&all, &[("HASHWATT_PRESETS_DIR", folder.to_str().unwrap())])
}

#[test]
fn json_has_exactly_the_contract_keys() {
    let server = ApiServer::start(good_routes());
    let folder = temp_dir("market-json");
    let out = fetch_in(&folder, &["--api-base", &server.base, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "block_height",
            "btc_price_usd",
            "difficulty",
            "fees_btc_per_block",
            "fetched_at",
            "network_hashrate_ehs",
            "source",
        ]
    );
    assert_eq!(json["btc_price_usd"], 43753.0);
    assert_eq!(json["difficulty"], 31251101365711.12);
    assert_eq!(json["block_height"], 959000);
    assert_eq!(json["fees_btc_per_block"], 0.22934443);
    assert_eq!(json["source"], server.base.as_str());
    let fetched_at = json["fetched_at"].as_str().unwrap();
    assert_eq!(fetched_at.len(), "2026-08-07T10:15:30Z".len());
    assert!(fetched_at.ends_with('Z') && fetched_at.as_bytes()[10] == b'T');
    // Without --save nothing is written.
    assert!(!folder.join("markets").exists());
}

#[test]
fn save_makes_the_dated_snapshot_the_default_market() {
    let server = ApiServer::start(good_routes());
    let folder = temp_dir("market-save");
    let out = fetch_in(&folder, &["--api-base", &server.base, "--save"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("43,753"), "{}", stdout(&out));
    let files: Vec<_> = std::fs::read_dir(folder.join("markets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    let id = files[0].file_stem().unwrap().to_str().unwrap().to_string();
    assert!(stderr(&out).contains(&format!("(market snapshot \"{id}\", now the default)")));
    // A scenario that names no market now uses it.
    let report = hashwatt_with(
        &["report", "--json"],
        &[("HASHWATT_PRESETS_DIR", folder.to_str().unwrap())],
    );
    assert!(report.status.success(), "{}", stderr(&report));
    let json: serde_json::Value = serde_json::from_str(&stdout(&report)).unwrap();
    let from_difficulty_ehs = 31251101365711.12 * 2f64.powi(32) / 600.0 / 1e18;
    let ehs = json["network_hashrate_ehs"].as_f64().unwrap();
    assert!((ehs - from_difficulty_ehs).abs() < 1e-9, "{ehs}");
}

#[test]
fn every_failure_is_one_line_exit_2_and_saves_nothing() {
    let cases: Vec<(Vec<(String, Answer)>, &str)> = vec![
        (
            routes_with(api_server::PRICES_PATH, Answer::Json(429, "{}".into())),
            "/api/v1/prices: HTTP 429, too many requests; try again later",
        ),
        (
            routes_with(api_server::FEES_PATH, Answer::Json(500, "{}".into())),
            "/api/v1/mining/blocks/fees/1w: HTTP 500",
        ),
        (
            routes_with(
                api_server::HASHRATE_PATH,
                Answer::Json(200, "{\"currentHash".into()),
            ),
            "/api/v1/mining/hashrate/3d: not the JSON expected (EOF while parsing a string at line 1 column 13)",
        ),
        (
            routes_with(
                api_server::PRICES_PATH,
                Answer::Json(200, "{\"EUR\": 1}".into()),
            ),
            "/api/v1/prices: the field \"USD\" is missing",
        ),
        (
            routes_with(
                api_server::PRICES_PATH,
                Answer::Json(200, "{\"USD\": true}".into()),
            ),
            "/api/v1/prices: \"USD\" is true; expected a number",
        ),
        (
            routes_with(
                api_server::HASHRATE_PATH,
                Answer::Json(
                    200,
                    "{\"currentHashrate\": -6e20, \"currentDifficulty\": 1e14}".into(),
                ),
            ),
            "/api/v1/mining/hashrate/3d: \"currentHashrate\" is -6e+20; it must be a positive number",
        ),
        (
            routes_with(
                api_server::PRICES_PATH,
                Answer::Json(200, "{\"USD\": -1e400}".into()),
            ),
            "/api/v1/prices: a number is not finite (number out of range at line 1 column 14)",
        ),
    ];
    for (routes, expected) in cases {
        let server = ApiServer::start(routes);
        let folder = temp_dir("market-fail");
        let out = fetch_in(&folder, &["--api-base", &server.base, "--save", "--json"]);
        assert_eq!(out.status.code(), Some(2), "{expected}");
        assert_eq!(stderr(&out), format!("error: {}{expected}\n", server.base));
        assert_eq!(stdout(&out), "");
        assert!(!folder.join("markets").exists(), "{expected}");
    }
}

#[test]
fn no_server_and_no_name_are_one_line_each() {
    let folder = temp_dir("market-refused");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = fetch_in(
        &folder,
        &["--api-base", &format!("http://127.0.0.1:{port}"), "--save"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!("error: 127.0.0.1:{port}: the connection was refused\n")
    );
    let out = fetch_in(&folder, &["--api-base", "https://hashwatt-test.invalid"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: hashwatt-test.invalid: the name could not be resolved (DNS failure or no network)\n"
    );
    let out = fetch_in(&folder, &["--api-base", "http://mempool.space"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .starts_with("error: --api-base \"http://mempool.space\": it must start with https://")
    );
    assert!(!folder.join("markets").exists());
}

#[test]
fn completions_and_the_manual_come_from_the_definitions() {
    for shell in ["bash", "zsh", "fish"] {
        let out = hashwatt_with(&["completions", shell], &[]);
        assert!(out.status.success());
        let script = stdout(&out);
        // Every subcommand is completed, the new ones too.
        for sub in ["report", "sweep", "presets", "market", "completions", "man"] {
            assert!(script.contains(sub), "{shell}: {sub}");
        }
        assert!(script.contains("api-base"), "{shell}");
    }
    let out = hashwatt_with(&["completions", "tcsh"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let out = hashwatt_with(&["man"], &[]);
    assert!(out.status.success());
    let page = stdout(&out);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{}", &page[..80]);
    assert!(page.contains(".TH hashwatt 1"));
    for flag in [
        "\\-\\-api\\-base",
        "\\-\\-electricity\\-usd\\-kwh",
        "\\-\\-save",
    ] {
        assert!(page.contains(flag), "{flag}");
    }
    assert!(page.contains(".SS \"hashwatt market fetch\""));
}
