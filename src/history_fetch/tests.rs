use super::*;

use crate::i18n::Lang;
use crate::test_api_server::{Answer, ApiServer, chain};
use std::time::Instant;

/// 2026-12-07T12:00:00Z.
const NOW_S: i64 = 1_796_644_800;
/// 2026-06-15T00:00:00Z: an earlier update reached 2026-05.
const JUNE_S: i64 = 1_781_481_600;

fn options(base: &str) -> FetchOptions {
    FetchOptions {
        api_base: base.to_string(),
        timeout: Duration::from_secs(10),
        proxy: None,
    }
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "hashwatt-history-fetch-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(server: &ApiServer, folder: &Path, now_s: i64) -> Result<Updated, FetchError> {
    let options = options(&server.base);
    update(&Client::new(&options).unwrap(), Some(folder), now_s)
}

fn m(text: &str) -> Month {
    Month::parse(text).unwrap()
}

#[test]
fn months_are_built_from_the_served_chain_as_the_history_defines_them() {
    let server = ApiServer::start(chain::routes(NOW_S));
    let dir = folder("built");
    let Updated::Added { months, path, host } = run(&server, &dir, NOW_S).unwrap() else {
        panic!("nothing added");
    };
    assert_eq!(host, crate::market_api::host_of(&server.base));
    assert_eq!(
        path,
        dir.join("history").join("network-monthly-fetched.csv")
    );
    assert_eq!(months.len(), 11);
    assert_eq!(
        (months[0].month, months[10].month),
        (m("2026-01"), m("2026-11"))
    );
    let starts = chain::month_starts(NOW_S);
    for (k, row) in months.iter().enumerate() {
        // starts[0] is 2025-12-01: month k runs from starts[k + 1] to starts[k + 2].
        let (t0, t1) = (starts[k + 1], starts[k + 2]);
        let seconds = (t1 - t0) as f64;
        assert_eq!(row.blocks, seconds / 600.0, "{}", row.month);
        // Block by block: each 600 s at its epoch's difficulty.
        let heights = chain::height_at(t0) + 1..=chain::height_at(t1);
        let mined: Vec<f64> = heights.map(chain::difficulty_of).collect();
        let harmonic = seconds / mined.iter().map(|d| 600.0 / d).sum::<f64>();
        assert!(
            (row.difficulty / harmonic - 1.0).abs() < 1e-3,
            "{}",
            row.month
        );
        let hashrate = mined.iter().sum::<f64>() * 4_294_967_296.0 / seconds / 1e18;
        assert!(
            (row.network_hashrate_ehs / hashrate - 1.0).abs() < 1e-12,
            "{}",
            row.month
        );
        assert_eq!(row.subsidy_btc, 3.125);
        let days: Vec<f64> = (0..(t1 - t0) / 86_400)
            .map(|d| chain::price_on(t0 + d * 86_400))
            .collect();
        let price = days.iter().sum::<f64>() / days.len() as f64;
        assert!(
            (row.btc_price_usd.unwrap() - price).abs() < 1e-6,
            "{}",
            row.month
        );
        assert!((row.fees_btc_per_block.unwrap() - 0.02).abs() < 1e-12);
        assert_eq!(row.transactions, None);
        assert!(
            row.note
                .ends_with("transactions: the API gives no monthly count")
        );
    }
    // What is stored is what the history shows, after the bundled months.
    let history = History::with_user_folder(Some(&dir)).unwrap();
    assert_eq!(history.last(), m("2026-11"));
    assert_eq!(history.range(m("2026-01"), m("2026-11")), &months[..]);
    let mut expected = vec![
        "GET /api/blocks/tip/height HTTP/1.1".to_string(),
        "GET /api/v1/mining/difficulty-adjustments/all HTTP/1.1".to_string(),
        "GET /api/v1/historical-price?currency=USD HTTP/1.1".to_string(),
        "GET /api/v1/mining/blocks/fees/1y HTTP/1.1".to_string(),
    ];
    for t in &starts[1..starts.len() - 1] {
        expected.push(format!("GET /api/v1/mining/blocks/timestamp/{t} HTTP/1.1"));
    }
    assert_eq!(server.requests(), expected);
}

#[test]
fn an_update_after_a_partial_one_asks_only_for_what_is_missing() {
    let dir = folder("partial");
    let first = ApiServer::start(chain::routes(JUNE_S));
    let Updated::Added { months, path, .. } = run(&first, &dir, JUNE_S).unwrap() else {
        panic!("nothing added");
    };
    assert_eq!(months.last().unwrap().month, m("2026-05"));
    let before = std::fs::read_to_string(&path).unwrap();
    let second = ApiServer::start(chain::routes(NOW_S));
    let Updated::Added { months, .. } = run(&second, &dir, NOW_S).unwrap() else {
        panic!("nothing added");
    };
    assert_eq!((months[0].month, months.len()), (m("2026-06"), 6));
    let asked: Vec<String> = second
        .requests()
        .into_iter()
        .filter(|r| r.contains("/timestamp/"))
        .collect();
    // 2026-06-01 to 2026-12-01: seven boundaries.
    assert_eq!(asked.len(), 7);
    assert!(asked[0].contains("/timestamp/1780272000 "), "{asked:?}");
    // The months fetched before stay as they were written.
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.starts_with(&before), "the earlier rows changed");
    assert_eq!(
        History::with_user_folder(Some(&dir)).unwrap().last(),
        m("2026-11")
    );
}

#[test]
fn nothing_new_asks_nothing_and_writes_nothing() {
    let dir = folder("up-to-date");
    let server = ApiServer::start(chain::routes(NOW_S));
    run(&server, &dir, NOW_S).unwrap();
    let path = update::fetched_path(&dir);
    let (bytes, modified) = (
        std::fs::read(&path).unwrap(),
        std::fs::metadata(&path).unwrap().modified().unwrap(),
    );
    let asked = server.requests().len();
    assert_eq!(
        run(&server, &dir, NOW_S + 86_400).unwrap(),
        Updated::UpToDate {
            newest: m("2026-11")
        }
    );
    assert_eq!(server.requests().len(), asked);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
    assert!(forget(Some(&dir)).unwrap());
    assert!(!path.exists());
    assert!(!forget(Some(&dir)).unwrap());
    assert_eq!(
        History::with_user_folder(Some(&dir)).unwrap(),
        History::builtin()
    );
}

/// A folder holding the months to 2026-05, and the bytes of its file.
fn partial_folder(name: &str) -> (PathBuf, Vec<u8>) {
    let dir = folder(name);
    let server = ApiServer::start(chain::routes(JUNE_S));
    run(&server, &dir, JUNE_S).unwrap();
    let bytes = std::fs::read(update::fetched_path(&dir)).unwrap();
    (dir, bytes)
}

/// The failure an update at NOW_S meets against `routes`, in one line; the stored file is
/// unchanged.
fn failure(name: &str, routes: Vec<(String, Answer)>) -> String {
    let (dir, bytes) = partial_folder(name);
    let server = ApiServer::start(routes);
    let e = run(&server, &dir, NOW_S).unwrap_err();
    assert_eq!(
        std::fs::read(update::fetched_path(&dir)).unwrap(),
        bytes,
        "{name}"
    );
    let line = e.localized(Lang::En).replace(&server.base, "BASE");
    assert!(!line.contains('\n'), "{line}");
    assert!(!e.localized(Lang::Zh).is_empty());
    line
}

const PRICE: &str = "/api/v1/historical-price?currency=USD";
const ADJUSTMENTS: &str = "/api/v1/mining/difficulty-adjustments/all";
/// 2026-09-01T00:00:00Z.
const SEPTEMBER_S: i64 = 1_788_220_800;

#[test]
fn every_failure_is_one_line_and_keeps_the_stored_months() {
    let september = format!("/api/v1/mining/blocks/timestamp/{SEPTEMBER_S}");
    let cases = [
        (
            chain::routes_with(NOW_S, ADJUSTMENTS, Answer::Json(500, "{}".into())),
            "BASE/api/v1/mining/difficulty-adjustments/all: HTTP 500".to_string(),
        ),
        (
            chain::routes_with(NOW_S, &september, Answer::Json(404, "{}".into())),
            format!("BASE{september}: HTTP 404"),
        ),
        (
            chain::routes_with(NOW_S, PRICE, Answer::Json(200, "<html>".into())),
            "BASE/api/v1/historical-price?currency=USD: not the JSON expected (expected value at line 1 column 1)".to_string(),
        ),
        (
            chain::routes_with(
                NOW_S,
                PRICE,
                Answer::Redirect(302, "https://elsewhere.example/prices".into()),
            ),
            "BASE/api/v1/historical-price?currency=USD: the server redirects to https://elsewhere.example/prices; redirects are not followed (give that address itself if you trust it)".to_string(),
        ),
        (
            chain::routes_with(
                NOW_S,
                PRICE,
                Answer::Json(200, format!(r#"{{"prices":[{{"time":{SEPTEMBER_S},"USD":-5}}]}}"#)),
            ),
            "BASE/api/v1/historical-price?currency=USD: \"prices[0].USD\" is -5; it must be a positive number".to_string(),
        ),
        (
            chain::routes_with(
                NOW_S,
                ADJUSTMENTS,
                Answer::Json(200, "[[1788220800,1000000,6e14,4],[1787000000,998000,1e14,1]]".into()),
            ),
            "BASE/api/v1/mining/difficulty-adjustments/all: \"[0][2]\" is 600000000000000; it is 6.00 times the adjustment before it (100000000000000); the retarget rule keeps each step within a factor of 4".to_string(),
        ),
        (
            chain::routes_with(
                NOW_S,
                ADJUSTMENTS,
                Answer::Json(200, "[[1787000000,998000,1e14,1],[1788220800,1000000,1e14,1]]".into()),
            ),
            "BASE/api/v1/mining/difficulty-adjustments/all: \"[1][0]\" is 1788220800; it is out of time order (the entry before it: 1787000000)".to_string(),
        ),
    ];
    for (i, (routes, expected)) in cases.into_iter().enumerate() {
        assert_eq!(failure(&format!("case{i}"), routes), expected);
    }
}

#[test]
fn a_month_without_blocks_is_refused() {
    // 2026-09-01 answers the height of 2026-08-01: August would have no block.
    let august_s = 1_785_542_400;
    let same = format!(
        r#"{{"height":{},"hash":"00","timestamp":"2026-07-31T23:50:00.000Z"}}"#,
        chain::height_at(august_s)
    );
    let routes = chain::routes_with(
        NOW_S,
        &format!("/api/v1/mining/blocks/timestamp/{SEPTEMBER_S}"),
        Answer::Json(200, same),
    );
    assert_eq!(
        failure("no-blocks", routes),
        format!(
            "BASE/api/v1/mining/blocks/timestamp/{SEPTEMBER_S}: \"height\" is {}; by these heights no block was mined in 2026-08, which is not plausible",
            chain::height_at(august_s)
        )
    );
}

#[test]
fn a_body_over_the_cap_and_a_slow_server_fail_within_bounds() {
    let (dir, bytes) = partial_folder("cap");
    let big = format!(r#"{{"prices":[],"pad":"{}"}}"#, "x".repeat(2 * 1024 * 1024));
    let server = ApiServer::start(chain::routes_with(NOW_S, PRICE, Answer::Json(200, big)));
    let capped = options(&server.base);
    let client = Client::new(&capped).unwrap().with_body_limit(1024 * 1024);
    let e = update(&client, Some(&dir), NOW_S).unwrap_err();
    assert_eq!(
        e.localized(Lang::En).replace(&server.base, "BASE"),
        "BASE/api/v1/historical-price?currency=USD: the answer is larger than 1 MiB, so it was not read"
    );
    assert_eq!(std::fs::read(update::fetched_path(&dir)).unwrap(), bytes);

    let server = ApiServer::start(chain::routes_with(NOW_S, PRICE, Answer::Silent));
    let mut hurried = options(&server.base);
    hurried.timeout = Duration::from_millis(400);
    let started = Instant::now();
    let e = update(&Client::new(&hurried).unwrap(), Some(&dir), NOW_S).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    let host = crate::market_api::host_of(&server.base);
    assert_eq!(e.to_string(), format!("{host}: no answer within 1 s"));
    assert_eq!(std::fs::read(update::fetched_path(&dir)).unwrap(), bytes);
}

#[test]
fn a_broken_stored_file_is_named_and_left_alone() {
    let dir = folder("broken");
    let path = update::fetched_path(&dir);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "month,nonsense\n").unwrap();
    let server = ApiServer::start(chain::routes(NOW_S));
    let e = run(&server, &dir, NOW_S).unwrap_err();
    assert!(
        e.to_string().starts_with(&format!("{}:1:", path.display())),
        "{e}"
    );
    assert!(server.requests().is_empty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "month,nonsense\n");
}
