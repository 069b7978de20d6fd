use super::*;

use crate::test_api_server as api_server;
use api_server::{Answer, ApiServer, good_routes, routes_with};

fn options(base: &str) -> FetchOptions {
    FetchOptions {
        api_base: base.to_string(),
        timeout: Duration::from_secs(10),
        proxy: None,
    }
}

fn failure(routes: Vec<(String, Answer)>) -> String {
    let server = ApiServer::start(routes);
    let e = fetch(&options(&server.base)).unwrap_err();
    e.localized(Lang::En).replace(&server.base, "BASE")
}

#[test]
fn the_four_answers_make_todays_market() {
    let server = ApiServer::start(good_routes());
    let market = fetch(&options(&server.base)).unwrap();
    assert_eq!(market.btc_price_usd, 43753.0);
    assert_eq!(market.difficulty, 31251101365711.12);
    assert!((market.network_hashrate_ehs - 252.0332473552123).abs() < 1e-9);
    assert_eq!(market.block_height, 959_000);
    assert!((market.fees_btc_per_block - 0.22934443).abs() < 1e-12);
    assert_eq!(market.source, server.base);
    assert_eq!(
        server.requests(),
        [
            "GET /api/v1/prices HTTP/1.1",
            "GET /api/v1/mining/hashrate/3d HTTP/1.1",
            "GET /api/blocks/tip/height HTTP/1.1",
            "GET /api/v1/mining/blocks/fees/1w HTTP/1.1",
        ]
    );
}

#[test]
fn every_failure_is_one_line() {
    let cases = [
        (
            routes_with(api_server::PRICES_PATH, Answer::Json(429, "{}".into())),
            "BASE/api/v1/prices: HTTP 429, too many requests; try again later",
        ),
        (
            routes_with(api_server::HASHRATE_PATH, Answer::Json(500, "{}".into())),
            "BASE/api/v1/mining/hashrate/3d: HTTP 500",
        ),
        (
            routes_with(api_server::PRICES_PATH, Answer::Json(200, "<html>".into())),
            "BASE/api/v1/prices: not the JSON expected (expected value at line 1 column 1)",
        ),
        (
            routes_with(
                api_server::HASHRATE_PATH,
                Answer::Json(200, r#"{"currentHashrate": 6e20}"#.into()),
            ),
            "BASE/api/v1/mining/hashrate/3d: the field \"currentDifficulty\" is missing",
        ),
        (
            routes_with(
                api_server::TIP_HEIGHT_PATH,
                Answer::Json(200, "\"tip\"".into()),
            ),
            "BASE/api/blocks/tip/height: \"height\" is \"tip\"; expected a whole number",
        ),
        (
            routes_with(
                api_server::PRICES_PATH,
                Answer::Json(200, r#"{"USD": -1}"#.into()),
            ),
            "BASE/api/v1/prices: \"USD\" is -1; it must be a positive number",
        ),
        (
            routes_with(
                api_server::FEES_PATH,
                Answer::Json(200, r#"[{"avgFees": 1e999}]"#.into()),
            ),
            "BASE/api/v1/mining/blocks/fees/1w: a number is not finite (number out of range at line 1 column 18)",
        ),
    ];
    for (routes, expected) in cases {
        let line = failure(routes);
        assert_eq!(line, expected);
        assert!(!line.contains('\n'));
    }
}

#[test]
fn a_refused_connection_is_named() {
    // A port that was free a moment ago: nothing listens there now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let e = fetch(&options(&format!("http://127.0.0.1:{port}"))).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("127.0.0.1:{port}: the connection was refused")
    );
}

#[test]
fn a_silent_server_times_out_within_the_deadline() {
    let server = ApiServer::start(routes_with(api_server::PRICES_PATH, Answer::Silent));
    let mut options = options(&server.base);
    options.timeout = Duration::from_millis(400);
    let started = Instant::now();
    let e = fetch(&options).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    let host = host_of(&server.base);
    assert_eq!(e.to_string(), format!("{host}: no answer within 1 s"));
}

#[test]
fn an_unknown_host_is_a_dns_failure() {
    // `.invalid` never resolves (RFC 2606).
    let e = fetch(&options("https://hashwatt-test.invalid")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "hashwatt-test.invalid: the name could not be resolved (DNS failure or no network)"
    );
}

#[test]
fn no_route_is_no_network() {
    for kind in [
        std::io::ErrorKind::NetworkUnreachable,
        std::io::ErrorKind::HostUnreachable,
        std::io::ErrorKind::NetworkDown,
    ] {
        let e = classify_io(&std::io::Error::from(kind), "mempool.space".into(), 10);
        assert_eq!(
            e.to_string(),
            "mempool.space: no network (the network is unreachable)"
        );
    }
}

#[test]
fn https_proxy_is_honoured() {
    // The local server stands in for the proxy: an HTTPS request through it starts with CONNECT.
    let proxy = ApiServer::start(vec![(
        "mempool.example:443".to_string(),
        Answer::Json(403, String::new()),
    )]);
    let base = "https://mempool.example";
    let env = |name: &str| (name == "HTTPS_PROXY").then(|| proxy.base.clone());
    let setting = proxy_from_env(base, &env).unwrap();
    assert_eq!(setting.variable, "HTTPS_PROXY");
    let options = FetchOptions {
        api_base: base.to_string(),
        timeout: Duration::from_secs(10),
        proxy: Some(setting),
    };
    let e = fetch(&options).unwrap_err();
    assert!(
        proxy.requests()[0].starts_with("CONNECT mempool.example:443 "),
        "{:?}",
        proxy.requests()
    );
    assert!(e.to_string().starts_with("mempool.example"), "{e}");
}

#[test]
fn proxies_come_from_the_environment() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    };
    let base = "https://mempool.space";
    let lower = env(&[("https_proxy", "http://proxy:3128")]);
    assert_eq!(
        proxy_from_env(base, &lower).unwrap(),
        ProxySetting {
            url: "http://proxy:3128".into(),
            variable: "https_proxy"
        }
    );
    let bypassed = env(&[
        ("HTTPS_PROXY", "http://p:1"),
        ("NO_PROXY", "example.org,.space"),
    ]);
    assert_eq!(proxy_from_env(base, &bypassed), None);
    let all = env(&[("HTTPS_PROXY", "http://p:1"), ("NO_PROXY", "*")]);
    assert_eq!(proxy_from_env(base, &all), None);
    let other = env(&[
        ("HTTPS_PROXY", "http://p:1"),
        ("NO_PROXY", "notmempool.space"),
    ]);
    assert!(proxy_from_env(base, &other).is_some());
    // This computer is never asked through a proxy.
    let set = env(&[("HTTPS_PROXY", "http://p:1")]);
    assert_eq!(proxy_from_env("http://127.0.0.1:9", &set), None);
    assert_eq!(proxy_from_env(base, &env(&[])), None);
}

#[test]
fn a_bad_proxy_is_named() {
    let options = FetchOptions {
        api_base: "https://mempool.space".into(),
        timeout: Duration::from_secs(1),
        proxy: Some(ProxySetting {
            url: "ht tp://no".into(),
            variable: "HTTPS_PROXY",
        }),
    };
    assert_eq!(
        fetch(&options).unwrap_err().to_string(),
        "the proxy \"ht tp://no\" (from HTTPS_PROXY) is not a proxy address"
    );
}

#[test]
fn api_bases_are_https_or_this_computer() {
    assert_eq!(
        check_api_base("https://mempool.space/").unwrap(),
        "https://mempool.space"
    );
    assert_eq!(
        check_api_base("https://node.lan:4080/mempool").unwrap(),
        "https://node.lan:4080/mempool"
    );
    assert_eq!(
        check_api_base("http://localhost:8999").unwrap(),
        "http://localhost:8999"
    );
    assert_eq!(
        check_api_base("http://127.0.0.1:8999").unwrap(),
        "http://127.0.0.1:8999"
    );
    assert_eq!(
        check_api_base("http://mempool.space")
            .unwrap_err()
            .to_string(),
        "--api-base \"http://mempool.space\": it must start with https:// (http:// only for this computer: localhost, 127.0.0.1 or [::1])"
    );
    assert_eq!(
        check_api_base("mempool.space").unwrap_err().to_string(),
        "--api-base \"mempool.space\": it must start with https:// (http:// only for this computer: localhost, 127.0.0.1 or [::1])"
    );
    assert_eq!(
        check_api_base("https://").unwrap_err().to_string(),
        "--api-base \"https://\": it names no host"
    );
    // A host that only looks local is not.
    assert!(check_api_base("http://localhost.evil.example").is_err());
}

#[test]
fn a_saved_snapshot_is_read_back_as_the_newest_market() {
    let server = ApiServer::start(good_routes());
    let market = fetch(&options(&server.base)).unwrap();
    let folder = std::env::temp_dir().join(format!("hashwatt-fetch-save-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let path = save_snapshot(Some(&folder), &market).unwrap();
    assert_eq!(
        path,
        folder
            .join("markets")
            .join(format!("{}.ron", crate::today()))
    );
    let library = crate::presets::PresetLibrary::with_user_folder(Some(&folder));
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let newest = library.newest_market().unwrap();
    assert_eq!(newest.id, market.snapshot_id());
    assert_eq!(newest.btc_price_usd.value, 43753.0);
    // The same day again replaces the file.
    save_snapshot(Some(&folder), &market).unwrap();
    assert_eq!(
        std::fs::read_dir(folder.join("markets")).unwrap().count(),
        1
    );
    assert_eq!(
        save_snapshot(None, &market).unwrap_err().to_string(),
        "there is no presets folder to save to (set HASHWATT_PRESETS_DIR)"
    );
    let _ = std::fs::remove_dir_all(&folder);
}
