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

/// Every file under `folder`, with its bytes, sorted: to see that a failed fetch left it as it
/// was.
fn contents(folder: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut dirs = vec![folder.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    files
}

/// A presets folder that already holds a fetched snapshot, as after an earlier update.
fn folder_with_a_snapshot(name: &str) -> std::path::PathBuf {
    let server = ApiServer::start(good_routes());
    let folder = temp_dir(name);
    let _ = std::fs::remove_dir_all(folder.join("markets"));
    let out = fetch_in(&folder, &["--api-base", &server.base, "--save"]);
    assert!(out.status.success(), "{}", stderr(&out));
    folder
}

/// Runs a fetch that must fail: exit status 2, one line on stderr (returned, without the
/// server's address), nothing on stdout, and the presets folder byte for byte as it was.
fn fails_saving_nothing(server: &ApiServer, name: &str, extra_env: &[(&str, &str)]) -> String {
    let folder = folder_with_a_snapshot(name);
    let before = contents(&folder);
    let mut env = vec![("HASHWATT_PRESETS_DIR", folder.to_str().unwrap())];
    env.extend_from_slice(extra_env);
    let out = hashwatt_with(
        &["market", "fetch", "--api-base", &server.base, "--save"],
        &env,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(contents(&folder), before, "{err}");
    err.replace(&server.base, "BASE")
}

#[test]
fn a_redirect_elsewhere_is_not_followed_and_saves_nothing() {
    let target = ApiServer::start(good_routes());
    let routes = [
        api_server::PRICES_PATH,
        api_server::HASHRATE_PATH,
        api_server::TIP_HEIGHT_PATH,
        api_server::FEES_PATH,
    ]
    .map(|path| {
        (
            path.to_string(),
            Answer::Redirect(302, format!("{}{path}", target.base)),
        )
    })
    .to_vec();
    let server = ApiServer::start(routes);
    let err = fails_saving_nothing(&server, "market-redirect", &[]);
    assert_eq!(
        err,
        format!(
            "error: BASE/api/v1/prices: the server redirects to {}/api/v1/prices; redirects are not followed (give that address itself if you trust it)\n",
            target.base
        )
    );
    assert!(target.requests().is_empty(), "{:?}", target.requests());
}

#[test]
fn implausible_markets_are_never_saved() {
    let hashrate = |hashrate: &str, difficulty: &str| {
        Answer::Json(
            200,
            format!(r#"{{"currentHashrate": {hashrate}, "currentDifficulty": {difficulty}}}"#),
        )
    };
    let cases = [
        (
            api_server::HASHRATE_PATH,
            hashrate("7158278.8", "1"),
            "/api/v1/mining/hashrate/3d: \"currentDifficulty\" is 1; it must be from 14825843385548 to ",
        ),
        (
            api_server::HASHRATE_PATH,
            hashrate("252033247355212300000", "1e24"),
            "/api/v1/mining/hashrate/3d: \"currentDifficulty\" is 1e24; it must be from 14825843385548 to ",
        ),
        (
            api_server::PRICES_PATH,
            Answer::Json(200, r#"{"USD": 1e-300}"#.into()),
            "/api/v1/prices: \"USD\" is 1e-300; a BTC price below 1 USD is not plausible",
        ),
        (
            api_server::HASHRATE_PATH,
            hashrate("252033247355212.3", "31251101365711.12"),
            "/api/v1/mining/hashrate/3d: \"currentHashrate\" is 252033247355212; the difficulty 31251101365711 implies about 223.7 EH/s, and the two must agree within a factor of two",
        ),
        (
            api_server::TIP_HEIGHT_PATH,
            Answer::Json(200, "50000000".into()),
            "/api/blocks/tip/height: \"height\" is 50000000; it is above ",
        ),
        (
            api_server::TIP_HEIGHT_PATH,
            Answer::Json(200, "1".into()),
            "/api/blocks/tip/height: \"height\" is 1; it is below 928000, the height of the built-in snapshot 2025-12",
        ),
    ];
    for (path, answer, expected) in cases {
        let server = ApiServer::start(routes_with(path, answer));
        let err = fails_saving_nothing(&server, "market-implausible", &[]);
        assert!(err.starts_with(&format!("error: BASE{expected}")), "{err}");
    }
}

#[test]
fn credentials_in_the_address_are_never_written_or_shown() {
    let secret = |text: &str| text.contains("hwuser") || text.contains("hwpass");
    let server = ApiServer::start(good_routes());
    let base = server.base.replace("http://", "http://hwuser:hwpass@");
    let folder = temp_dir("market-credentials");
    let _ = std::fs::remove_dir_all(folder.join("markets"));
    for args in [vec!["--save"], vec!["--json"]] {
        let mut all = vec!["--api-base", base.as_str()];
        all.extend(args);
        let out = fetch_in(&folder, &all);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(!secret(&stdout(&out)) && !secret(&stderr(&out)));
    }
    for (path, bytes) in contents(&folder.join("markets")) {
        let text = String::from_utf8(bytes).unwrap();
        assert!(!secret(&text), "{}: {text}", path.display());
        assert!(text.contains(&server.base));
    }
    // Nor in a failure's line, in either language.
    for lang in ["en", "zh"] {
        let out = hashwatt_with(
            &[
                "market",
                "fetch",
                "--api-base",
                "http://hwuser:hwpass@mempool.space",
            ],
            &[("HASHWATT_LANG", lang)],
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(!secret(&stderr(&out)), "{}", stderr(&out));
    }
}

/// The Chinese line of a failure: it differs from the English one, and once `allowed` (hosts,
/// paths) is taken out it holds no English word.
fn chinese_line(args: &[&str], folder: &std::path::Path, allowed: &[&str]) -> String {
    let mut all = vec!["market", "fetch"];
    all.extend_from_slice(args);
    let folder = folder.to_str().unwrap();
    let en = hashwatt_with(&all, &[("HASHWATT_PRESETS_DIR", folder)]);
    let zh = hashwatt_with(
        &all,
        &[("HASHWATT_PRESETS_DIR", folder), ("HASHWATT_LANG", "zh")],
    );
    assert_eq!(zh.status.code(), Some(2));
    let (en, zh) = (stderr(&en), stderr(&zh));
    assert_ne!(en, zh);
    let mut rest = zh.clone();
    for a in allowed {
        rest = rest.replace(a, " ");
    }
    let words: Vec<&str> = rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1 && !["HTTPS", "HTTP"].contains(w))
        .collect();
    assert!(words.is_empty(), "{zh}: {words:?}");
    zh
}

#[test]
fn each_failure_says_what_is_actually_wrong() {
    let folder = temp_dir("market-messages");
    let _ = std::fs::remove_dir_all(folder.join("markets"));
    // A query is not a missing host.
    let base = "http://127.0.0.1:18080?x=1";
    let out = fetch_in(&folder, &["--api-base", base]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: --api-base \"http://127.0.0.1:18080?x=1\": a base address must not carry a query (?…) or a fragment (#…)\n"
    );
    chinese_line(&["--api-base", base], &folder, &["--api-base", base]);

    // A port out of range is said before any connection.
    let base = "http://127.0.0.1:99999";
    let out = fetch_in(&folder, &["--api-base", base]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: --api-base \"http://127.0.0.1:99999\": the port 99999 is out of range (1 to 65535)\n"
    );
    chinese_line(&["--api-base", base], &folder, &["--api-base", base]);

    // HTTPS to a plain HTTP server.
    let server = ApiServer::start(good_routes());
    let host = server.base.trim_start_matches("http://").to_string();
    let base = format!("https://{host}");
    let out = fetch_in(&folder, &["--api-base", &base]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {host}: the server did not answer with HTTPS, so no secure connection could be set up\n"
        )
    );
    chinese_line(&["--api-base", &base], &folder, &[&host]);
    assert!(!folder.join("markets").exists());

    // A file where the markets folder goes.
    let markets = folder.join("markets");
    std::fs::write(&markets, "a file").unwrap();
    let out = fetch_in(&folder, &["--api-base", &server.base, "--save"]);
    assert_eq!(out.status.code(), Some(2));
    let path = markets.display().to_string();
    assert_eq!(
        stderr(&out),
        format!("error: {path} is a file where a folder is needed\n")
    );
    chinese_line(&["--api-base", &server.base, "--save"], &folder, &[&path]);
    assert_eq!(std::fs::read(&markets).unwrap(), b"a file");
}
