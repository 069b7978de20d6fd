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
