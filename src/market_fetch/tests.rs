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

/// The localized line in Chinese must differ from the English one and, once `allowed` (hosts,
/// paths, addresses, numbers' units) are taken out, hold no English word.
fn assert_chinese(error: &FetchError, allowed: &[&str]) {
    let en = error.localized(Lang::En);
    let zh = error.localized(Lang::Zh);
    assert_ne!(zh, en);
    let mut rest = zh.clone();
    for a in allowed {
        rest = rest.replace(a, " ");
    }
    let words: Vec<&str> = rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1 && !["HTTPS", "HTTP", "EH", "USD"].contains(w))
        .collect();
    assert!(words.is_empty(), "{zh}: {words:?}");
}

#[test]
fn https_to_a_plain_http_server_says_so() {
    let server = ApiServer::start(good_routes());
    let host = host_of(&server.base).to_string();
    let e = fetch(&options(&format!("https://{host}"))).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{host}: the server did not answer with HTTPS, so no secure connection could be set up"
        )
    );
    assert_eq!(server.requests(), ["TLS handshake"]);
    assert_chinese(&e, &[&host]);
}

#[test]
fn a_redirect_is_followed_nowhere() {
    // The target is another server on this computer: it must never be asked.
    let target = ApiServer::start(good_routes());
    let to = |path: &str| Answer::Redirect(302, format!("{}{path}", target.base));
    let routes = vec![
        (
            api_server::PRICES_PATH.to_string(),
            to(api_server::PRICES_PATH),
        ),
        (
            api_server::HASHRATE_PATH.to_string(),
            to(api_server::HASHRATE_PATH),
        ),
        (
            api_server::TIP_HEIGHT_PATH.to_string(),
            to(api_server::TIP_HEIGHT_PATH),
        ),
        (api_server::FEES_PATH.to_string(), to(api_server::FEES_PATH)),
    ];
    let server = ApiServer::start(routes);
    let e = fetch(&options(&server.base)).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{0}/api/v1/prices: the server redirects to {1}/api/v1/prices; redirects are not followed (give that address itself if you trust it)",
            server.base, target.base
        )
    );
    assert_eq!(server.requests(), ["GET /api/v1/prices HTTP/1.1"]);
    assert!(target.requests().is_empty(), "{:?}", target.requests());
    assert_chinese(
        &e,
        &[
            &format!("{}/api/v1/prices", server.base),
            &format!("{}/api/v1/prices", target.base),
        ],
    );

    // A relative one names the same host; credentials in it are never shown.
    let server = ApiServer::start(routes_with(
        api_server::PRICES_PATH,
        Answer::Redirect(301, "/v2/prices".into()),
    ));
    assert_eq!(
        fetch(&options(&server.base)).unwrap_err().to_string(),
        format!(
            "{0}/api/v1/prices: the server redirects to {0}/v2/prices; redirects are not followed (give that address itself if you trust it)",
            server.base
        )
    );
    assert_eq!(
        redirect_target("https://a.example/x", "http://hwuser:hwpass@b.example/y"),
        "http://b.example/y"
    );
    assert_eq!(
        redirect_target("https://a.example/x", "//b.example/y"),
        "https://b.example/y"
    );
}

#[test]
fn credentials_reach_no_snapshot_and_no_message() {
    let secret = |text: &str| text.contains("hwuser") || text.contains("hwpass");
    let server = ApiServer::start(good_routes());
    let with_credentials = server.base.replace("http://", "http://hwuser:hwpass@");
    // The checked address drops them.
    let checked = check_api_base(&with_credentials).unwrap();
    assert_eq!(checked, server.base);
    // Options built by hand still never store them.
    let market = fetch(&options(&with_credentials)).unwrap();
    assert_eq!(market.source, server.base);
    let text = crate::scenario_io::to_ron(&market.snapshot()).unwrap();
    assert!(!secret(&text), "{text}");
    assert!(!secret(&serde_json::to_string(&market).unwrap()));
    // Nor any message, in either language.
    let refused = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let failing = ApiServer::start(routes_with(
        api_server::PRICES_PATH,
        Answer::Json(500, "{}".into()),
    ));
    let errors = [
        check_api_base("http://hwuser:hwpass@mempool.space").unwrap_err(),
        check_api_base("https://hwuser:hwpass@mempool.space?x=1").unwrap_err(),
        fetch(&options(&format!(
            "http://hwuser:hwpass@127.0.0.1:{refused}"
        )))
        .unwrap_err(),
        fetch(&options(
            &failing.base.replace("http://", "http://hwuser:hwpass@"),
        ))
        .unwrap_err(),
        FetchError::BadProxy(ProxySetting {
            url: "http://hwuser:hwpass@proxy lan:3128".into(),
            variable: "HTTPS_PROXY",
        }),
    ];
    for e in &errors {
        for lang in [Lang::En, Lang::Zh] {
            let line = e.localized(lang);
            assert!(!secret(&line), "{line}");
        }
    }
    assert_eq!(
        errors[0].to_string(),
        "--api-base \"http://mempool.space\": it must start with https:// (http:// only for this computer: localhost, 127.0.0.1 or [::1])"
    );
}

#[test]
fn a_bad_base_says_what_is_wrong() {
    let cases = [
        (
            "http://127.0.0.1:18080?x=1",
            "--api-base \"http://127.0.0.1:18080?x=1\": a base address must not carry a query (?…) or a fragment (#…)",
        ),
        (
            "https://mempool.space/api#top",
            "--api-base \"https://mempool.space/api#top\": a base address must not carry a query (?…) or a fragment (#…)",
        ),
        (
            "http://127.0.0.1:99999",
            "--api-base \"http://127.0.0.1:99999\": the port 99999 is out of range (1 to 65535)",
        ),
        (
            "https://mempool.space:0/",
            "--api-base \"https://mempool.space:0/\": the port 0 is out of range (1 to 65535)",
        ),
        (
            "http://[::1]:70000",
            "--api-base \"http://[::1]:70000\": the port 70000 is out of range (1 to 65535)",
        ),
        (
            "https://mempool .space",
            "--api-base \"https://mempool .space\": it must not contain spaces",
        ),
    ];
    for (base, expected) in cases {
        let e = check_api_base(base).unwrap_err();
        assert_eq!(e.to_string(), expected);
        assert_chinese(&e, &["--api-base", base]);
    }
    // Ports in range, and IPv6 without one, are fine.
    assert!(check_api_base("http://[::1]").is_ok());
    assert!(check_api_base("http://[::1]:8999").is_ok());
    assert!(check_api_base("https://node.lan:65535").is_ok());
}

#[test]
fn a_file_where_the_markets_folder_goes_is_named() {
    let server = ApiServer::start(good_routes());
    let market = fetch(&options(&server.base)).unwrap();
    let folder = std::env::temp_dir().join(format!("hashwatt-fetch-notdir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    let markets = folder.join("markets");
    std::fs::write(&markets, "not a folder").unwrap();
    let e = save_snapshot(Some(&folder), &market).unwrap_err();
    let path = markets.display().to_string();
    assert_eq!(
        e.to_string(),
        format!("{path} is a file where a folder is needed")
    );
    assert_chinese(&e, &[&path]);
    assert_eq!(std::fs::read(&markets).unwrap(), b"not a folder");
    // The presets folder itself a file: that is the path named.
    let file = folder.join("presets-file");
    std::fs::write(&file, "").unwrap();
    assert_eq!(
        save_snapshot(Some(&file), &market).unwrap_err().to_string(),
        format!("{} is a file where a folder is needed", file.display())
    );
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn an_implausible_answer_is_refused_naming_endpoint_value_and_why() {
    let cases = [
        (
            routes_with(
                api_server::PRICES_PATH,
                Answer::Json(200, r#"{"USD": 1e-300}"#.into()),
            ),
            "BASE/api/v1/prices: \"USD\" is 1e-300; a BTC price below 1 USD is not plausible",
        ),
        (
            routes_with(
                api_server::HASHRATE_PATH,
                Answer::Json(
                    200,
                    r#"{"currentHashrate": 252033247355212.3, "currentDifficulty": 31251101365711.12}"#
                        .into(),
                ),
            ),
            "BASE/api/v1/mining/hashrate/3d: \"currentHashrate\" is 252033247355212; the difficulty 31251101365711 implies about 223.7 EH/s, and the two must agree within a factor of two",
        ),
        (
            routes_with(
                api_server::TIP_HEIGHT_PATH,
                Answer::Json(200, "50000000".into()),
            ),
            "BASE/api/blocks/tip/height: \"height\" is 50000000; it is above MAX, more blocks than one every 5 minutes since 2009-01-03 could make",
        ),
        (
            routes_with(
                api_server::TIP_HEIGHT_PATH,
                Answer::Json(200, "800000".into()),
            ),
            "BASE/api/blocks/tip/height: \"height\" is 800000; it is below 928000, the height of the built-in snapshot 2025-12",
        ),
    ];
    for (routes, expected) in cases {
        let server = ApiServer::start(routes);
        let e = fetch(&options(&server.base)).unwrap_err();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let max = Plausible::builtin(now).max_height.to_string();
        let line = e
            .localized(Lang::En)
            .replace(&server.base, "BASE")
            .replace(&max, "MAX");
        assert_eq!(line, expected);
        // The endpoint and the JSON field are the API's own names.
        let endpoints = [
            "/api/v1/prices",
            "/api/v1/mining/hashrate/3d",
            "/api/blocks/tip/height",
        ];
        let fields = ["currentHashrate", "height"];
        let allowed: Vec<&str> = [server.base.as_str()]
            .into_iter()
            .chain(endpoints)
            .chain(fields)
            .collect();
        assert_chinese(&e, &allowed);
    }
}
