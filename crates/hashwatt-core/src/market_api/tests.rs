use super::*;
use crate::presets::{PresetKind, PresetLibrary};

const URL: &str = "https://mempool.space/api/v1/prices";

/// The answers as the API's reference shows them.
pub const PRICES: &str = r#"{"time":1703252411,"USD":43753,"EUR":40545,"GBP":37528,"CAD":58123,"CHF":37438,"AUD":64499,"JPY":6218915}"#;
pub const HASHRATE: &str = r#"{"hashrates":[{"timestamp":1652486400,"avgHashrate":236499762108771800000}],"difficulty":[{"timestamp":1652468330,"difficulty":31251101365711.12,"height":736249}],"currentHashrate":252033247355212300000,"currentDifficulty":31251101365711.12}"#;
pub const FEES: &str = r#"[{"avgHeight":735644,"timestamp":1652119111,"avgFees":24212890},{"avgHeight":735646,"timestamp":1652120252,"avgFees":21655996}]"#;

fn problem(result: Result<impl std::fmt::Debug, BodyError>) -> String {
    result.unwrap_err().to_string()
}

#[test]
fn the_reference_shapes_are_read() {
    assert_eq!(price_usd(URL, PRICES).unwrap(), 43753.0);
    let network = network_now("u", HASHRATE).unwrap();
    assert!((network.hashrate_ehs - 252.0332473552123).abs() < 1e-9);
    assert_eq!(network.difficulty, 31251101365711.12);
    assert_eq!(tip_height("u", "698767").unwrap(), 698_767);
    assert_eq!(tip_height("u", "698767\n").unwrap(), 698_767);
    let fees = week_fees("u", FEES).unwrap();
    assert_eq!(fees.count, 2);
    assert!((fees.mean_btc_per_block - (24212890.0 + 21655996.0) / 2.0 / 1e8).abs() < 1e-12);
}

#[test]
fn every_bad_answer_is_one_line_naming_url_and_field() {
    assert_eq!(
        problem(price_usd(URL, "<html>busy</html>")),
        "https://mempool.space/api/v1/prices: not the JSON expected (expected value at line 1 column 1)"
    );
    assert_eq!(
        problem(price_usd(URL, r#"{"EUR": 40545}"#)),
        "https://mempool.space/api/v1/prices: the field \"USD\" is missing"
    );
    assert_eq!(
        problem(price_usd(URL, r#"{"USD": "43753"}"#)),
        "https://mempool.space/api/v1/prices: \"USD\" is \"43753\"; expected a number"
    );
    // The API's own "no price yet".
    assert_eq!(
        problem(price_usd(URL, r#"{"USD": -1}"#)),
        "https://mempool.space/api/v1/prices: \"USD\" is -1; it must be a positive number"
    );
    assert_eq!(
        problem(price_usd(URL, r#"{"USD": 1e999}"#)),
        "https://mempool.space/api/v1/prices: a number is not finite (number out of range at line 1 column 13)"
    );
    assert_eq!(
        problem(price_usd(URL, r#"{"USD": 1e13}"#)),
        "https://mempool.space/api/v1/prices: \"USD\" is 10000000000000.0; it must be a number from 0 to 1e12 USD"
    );
    assert_eq!(
        problem(price_usd(URL, "[1, 2]")),
        "https://mempool.space/api/v1/prices: \"/\" is [1,2]; expected an object"
    );
    assert_eq!(
        problem(network_now(
            "u",
            r#"{"currentHashrate": 0, "currentDifficulty": 1e14}"#
        )),
        "u: \"currentHashrate\" is 0; it must be a positive number"
    );
    assert_eq!(
        problem(network_now(
            "u",
            r#"{"currentHashrate": 4e30, "currentDifficulty": 1e14}"#
        )),
        "u: \"currentHashrate\" is 4e+30; it must be a number from 1e6 to 1e30 H/s"
    );
    assert_eq!(
        problem(network_now("u", r#"{"currentHashrate": 6e20}"#)),
        "u: the field \"currentDifficulty\" is missing"
    );
    assert_eq!(
        problem(network_now(
            "u",
            r#"{"currentHashrate": 6e20, "currentDifficulty": null}"#
        )),
        "u: \"currentDifficulty\" is null; expected a number"
    );
    assert_eq!(
        problem(tip_height("u", "-5")),
        "u: \"height\" is -5; it must be a whole number from 0 to 1e9"
    );
    assert_eq!(
        problem(tip_height("u", "8.5")),
        "u: \"height\" is 8.5; expected a whole number"
    );
    assert_eq!(
        problem(tip_height("u", "\"698767\"")),
        "u: \"height\" is \"698767\"; expected a whole number"
    );
    assert_eq!(
        problem(week_fees("u", "[]")),
        "u: the list of blocks is empty"
    );
    assert_eq!(
        problem(week_fees("u", r#"[{"avgFees": 1}, {"avgHeight": 2}]"#)),
        "u: the field \"[1].avgFees\" is missing"
    );
    assert_eq!(
        problem(week_fees("u", r#"[{"avgFees": -3}]"#)),
        "u: \"[0].avgFees\" is -3; it must be a number from 0 to 1e12 sat"
    );
    assert_eq!(
        problem(week_fees("u", r#"{"avgFees": 3}"#)),
        "u: \"/\" is {\"avgFees\":3}; expected a list"
    );
}

#[test]
fn messages_have_chinese() {
    let e = price_usd(URL, r#"{"USD": -1}"#).unwrap_err();
    assert_eq!(
        e.localized(Lang::Zh),
        "https://mempool.space/api/v1/prices：“USD”为 -1；必须是正数"
    );
}

fn fetched() -> FetchedMarket {
    FetchedMarket::new(
        "https://mempool.space",
        1_786_097_730, // 2026-08-07T10:15:30Z
        price_usd(URL, PRICES).unwrap(),
        network_now("u", HASHRATE).unwrap(),
        959_000,
        week_fees("u", FEES).unwrap(),
    )
}

#[test]
fn fetched_at_is_rfc3339_utc() {
    assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    assert_eq!(rfc3339(1_786_097_730), "2026-08-07T10:15:30Z");
    assert_eq!(rfc3339(951_782_399), "2000-02-28T23:59:59Z");
    assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
}

#[test]
fn the_json_keys_are_the_contract() {
    let json = serde_json::to_value(fetched()).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "btc_price_usd",
        "difficulty",
        "network_hashrate_ehs",
        "block_height",
        "fees_btc_per_block",
        "fetched_at",
        "source",
    ];
    expected.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(json["fetched_at"], "2026-08-07T10:15:30Z");
    assert_eq!(json["source"], "https://mempool.space");
    assert_eq!(json["block_height"], 959_000);
}

#[test]
fn the_snapshot_is_a_valid_preset_and_the_newest() {
    let market = fetched();
    let snapshot = market.snapshot();
    assert_eq!(snapshot.id, "2026-08-07");
    assert_eq!(snapshot.name, "Market on 2026-08-07 (mempool.space)");
    assert_eq!(
        snapshot.btc_price_usd.source,
        "https://mempool.space/api/v1/prices (USD), fetched 2026-08-07T10:15:30Z"
    );
    let text = crate::scenario_io::to_ron(&snapshot).unwrap();
    let mut library = PresetLibrary::builtin();
    library
        .try_add_text(PresetKind::Market, "markets/2026-08-07.ron", &text)
        .unwrap();
    assert_eq!(library.newest_market().unwrap().id, "2026-08-07");
    assert_eq!(library.market("2026-08-07").unwrap(), &snapshot);
}

#[test]
fn hosts_never_carry_credentials() {
    assert_eq!(host_of("https://mempool.space"), "mempool.space");
    assert_eq!(host_of("https://mempool.space/"), "mempool.space");
    assert_eq!(host_of("http://127.0.0.1:8999/base"), "127.0.0.1:8999");
    assert_eq!(
        host_of("https://user:secret@node.lan:3006"),
        "node.lan:3006"
    );
}

/// The newest built-in snapshot (2025-12-20: difficulty 148,258,433,855,481, height 928,000)
/// seen on 2026-08-07.
fn bounds() -> Plausible {
    Plausible::builtin(1_786_097_730)
}

#[test]
fn plausible_bounds_come_from_the_snapshot_and_the_clock() {
    let b = bounds();
    assert_eq!(b.snapshot, "2025-12");
    assert_eq!(b.min_height, 928_000);
    // (2026-08-07T10:15:30Z − 2009-01-03T18:15:05Z) / 300 s.
    assert_eq!(b.max_height, (1_786_097_730 - 1_231_006_505) / 300);
    assert_eq!(b.min_difficulty, 148258433855481.0 / 10.0);
    assert!(b.max_difficulty > 148258433855481.0 * 10.0);
    assert!(b.max_difficulty < 148258433855481.0 * 40.0);
    // A clock before the snapshot is taken as the snapshot's day.
    assert_eq!(
        Plausible::builtin(0).max_height,
        (Date::parse("2025-12-20").unwrap().days_since_epoch() as u64 * 86_400 - 1_231_006_505)
            / 300
    );
}

#[test]
fn implausible_values_are_refused_naming_field_value_and_why() {
    let b = bounds();
    let network = |hashrate_ehs: f64, difficulty: f64| NetworkNow {
        hashrate_ehs,
        difficulty,
    };
    // Today's answers pass.
    assert!(b.price(URL, 43753.0).is_ok());
    assert!(b.price(URL, 1.0).is_ok());
    assert!(b.network("u", network(1061.0, 148258433855481.0)).is_ok());
    assert!(b.height("u", 959_000).is_ok());
    assert_eq!(
        problem(b.price(URL, 1e-300)),
        "https://mempool.space/api/v1/prices: \"USD\" is 1e-300; a BTC price below 1 USD is not plausible"
    );
    assert_eq!(
        problem(b.price(URL, 0.5)),
        "https://mempool.space/api/v1/prices: \"USD\" is 0.50; a BTC price below 1 USD is not plausible"
    );
    let difficulty_bounds = format!(
        "it must be from 14825843385548 to {:.0}, near the built-in snapshot 2025-12's 148258433855481",
        b.max_difficulty
    );
    assert_eq!(
        problem(b.network("u", network(7.2e-12, 1.0))),
        format!("u: \"currentDifficulty\" is 1; {difficulty_bounds}")
    );
    assert_eq!(
        problem(b.network("u", network(1e12, 1e24))),
        format!("u: \"currentDifficulty\" is 1e24; {difficulty_bounds}")
    );
    // A million times below what the difficulty implies, and three times above.
    assert_eq!(
        problem(b.network("u", network(0.001061, 148258433855481.0))),
        "u: \"currentHashrate\" is 1061000000000000; the difficulty 148258433855481 implies about 1,061 EH/s, and the two must agree within a factor of two"
    );
    assert!(b.network("u", network(3200.0, 148258433855481.0)).is_err());
    assert!(b.network("u", network(2100.0, 148258433855481.0)).is_ok());
    assert!(b.network("u", network(540.0, 148258433855481.0)).is_ok());
    assert_eq!(
        problem(b.height("u", 50_000_000)),
        format!(
            "u: \"height\" is 50000000; it is above {}, more blocks than one every 5 minutes since 2009-01-03 could make",
            b.max_height
        )
    );
    assert_eq!(
        problem(b.height("u", 927_999)),
        "u: \"height\" is 927999; it is below 928000, the height of the built-in snapshot 2025-12"
    );
    assert_eq!(
        b.height("u", 50_000_000).unwrap_err().localized(Lang::Zh),
        format!(
            "u：“height”为 50000000；高于 {}，即自 2009-01-03 起每 5 分钟一个区块也达不到",
            b.max_height
        )
    );
}

#[test]
fn addresses_lose_their_credentials() {
    assert_eq!(
        without_credentials("https://user:pass@node.lan:3006/api?x=a@b"),
        "https://node.lan:3006/api?x=a@b"
    );
    assert_eq!(
        without_credentials("https://mempool.space"),
        "https://mempool.space"
    );
    assert_eq!(without_credentials("user@host/x"), "host/x");
    let market = FetchedMarket::new(
        "https://user:pass@mempool.space",
        1_786_097_730,
        43753.0,
        network_now("u", HASHRATE).unwrap(),
        959_000,
        week_fees("u", FEES).unwrap(),
    );
    assert_eq!(market.source, "https://mempool.space");
    let text = crate::scenario_io::to_ron(&market.snapshot()).unwrap();
    assert!(!text.contains("user") && !text.contains("pass"), "{text}");
}
