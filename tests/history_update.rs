//! `hashwatt history update` against a local mempool.space-compatible API serving a made-up
//! chain up to now: the JSON contract, the months stored, an update with nothing new, failures
//! that change nothing, and the commands built on the history following without asking anyone.

mod common;

use common::api_server::{Answer, ApiServer, chain};
use common::{hashwatt_with, stderr, stdout, temp_dir};
use std::path::Path;

fn now_s() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn run_in(folder: &Path, args: &[&str]) -> std::process::Output {
    hashwatt_with(args, &[("HASHWATT_PRESETS_DIR", folder.to_str().unwrap())])
}

fn fetched(folder: &Path) -> std::path::PathBuf {
    folder.join("history").join("network-monthly-fetched.csv")
}

/// The last complete month before now, `YYYY-MM`.
fn last_complete_month() -> String {
    // From 2025-12: this month's start, then next month's, end the list.
    let months_after_december = chain::month_starts(now_s()).len() as i32 - 3;
    let index = 2025 * 12 + 11 + months_after_december;
    format!("{:04}-{:02}", index / 12, index % 12 + 1)
}

#[test]
fn update_json_names_the_months_added_and_the_history_follows() {
    let server = ApiServer::start(chain::routes(now_s()));
    let folder = temp_dir("history-update-json");
    let out = run_in(
        &folder,
        &["history", "update", "--api-base", &server.base, "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["added", "file", "newest_month", "source"]);
    let last = last_complete_month();
    assert_eq!(json["newest_month"], last.as_str());
    assert_eq!(json["source"], server.base.as_str());
    assert_eq!(
        json["file"],
        fetched(&folder).display().to_string().as_str()
    );
    let added = json["added"].as_array().unwrap();
    assert_eq!(added[0]["month"], "2026-01");
    assert_eq!(added[added.len() - 1]["month"], last.as_str());
    let mut row_keys: Vec<&str> = added[0]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    row_keys.sort_unstable();
    assert_eq!(
        row_keys,
        [
            "blocks",
            "btc_price_usd",
            "difficulty",
            "fees_btc_per_block",
            "month",
            "network_hashrate_ehs",
            "note",
            "subsidy_btc",
            "transactions"
        ]
    );
    // January 2026: 31 days of a block every 600 s.
    assert_eq!(added[0]["blocks"], 4464.0);
    assert_eq!(added[0]["transactions"], serde_json::Value::Null);
    assert!(stderr(&out).contains("Added "), "{}", stderr(&out));
    let asked = server.requests().len();

    // Everything built on the history follows, and asks nobody: every proxy variable points
    // at the server, which must see no further request.
    let quiet = |args: &[&str]| {
        let out = hashwatt_with(
            args,
            &[
                ("HASHWATT_PRESETS_DIR", folder.to_str().unwrap()),
                ("HTTPS_PROXY", &server.base),
                ("HTTP_PROXY", &server.base),
                ("ALL_PROXY", &server.base),
            ],
        );
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let history: serde_json::Value =
        serde_json::from_str(&quiet(&["history", "--from", "2026-01", "--json"])).unwrap();
    let months = history.as_array().unwrap();
    assert_eq!(months[0]["month"], "2026-01");
    assert_eq!(months[months.len() - 1]["month"], last.as_str());
    assert_eq!(months[0]["blocks"], 4464.0);
    // The CBECI estimate reaches the fetched months.
    assert!(months[0]["power_gw"].as_f64().unwrap() > 0.0);
    let backtest: serde_json::Value = serde_json::from_str(&quiet(&[
        "backtest", "--from", "2026-01", "--to", "2026-02", "--json",
    ]))
    .unwrap();
    assert_eq!(backtest["summary"]["months"], 2);
    let disclose: serde_json::Value = serde_json::from_str(&quiet(&[
        "disclose", "--from", "2026-01", "--to", "2026-02", "--json",
    ]))
    .unwrap();
    assert_eq!(disclose["transactions"], serde_json::Value::Null);
    assert_eq!(
        disclose["missing_transactions_months"],
        serde_json::json!(["2026-01", "2026-02"])
    );
    assert_eq!(server.requests().len(), asked, "{:?}", server.requests());

    // A second update finds nothing new, says so, and writes nothing.
    let bytes = std::fs::read(fetched(&folder)).unwrap();
    let again = run_in(&folder, &["history", "update", "--api-base", &server.base]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        stderr(&again).trim(),
        format!(
            "The history already runs to {last}, the last complete month: nothing was fetched or written."
        )
    );
    assert_eq!(std::fs::read(fetched(&folder)).unwrap(), bytes);
    assert_eq!(server.requests().len(), asked);
}

#[test]
fn a_failed_update_exits_2_with_one_line_and_changes_nothing() {
    let folder = temp_dir("history-update-fail");
    std::fs::create_dir_all(folder.join("history")).unwrap();
    let server = ApiServer::start(chain::routes_with(
        now_s(),
        "/api/v1/mining/difficulty-adjustments/all",
        Answer::Json(500, "{}".into()),
    ));
    for (lang, expected) in [
        (
            "en",
            "error: BASE/api/v1/mining/difficulty-adjustments/all: HTTP 500",
        ),
        (
            "zh",
            "错误：BASE/api/v1/mining/difficulty-adjustments/all：HTTP 500",
        ),
    ] {
        let out = hashwatt_with(
            &["history", "update", "--api-base", &server.base],
            &[
                ("HASHWATT_PRESETS_DIR", folder.to_str().unwrap()),
                ("HASHWATT_LANG", lang),
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(err.trim().replace(&server.base, "BASE"), expected);
        assert!(stdout(&out).is_empty());
        assert!(!fetched(&folder).exists());
    }
    // Only https:// (or http:// on this computer) is asked.
    let out = run_in(
        &folder,
        &["history", "update", "--api-base", "http://example.com"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .starts_with("error: --api-base \"http://example.com\": it must start with https://"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn project_states_its_assumptions_and_takes_the_newest_trailing_months() {
    let folder = temp_dir("history-update-project");
    let json = |args: &[&str]| -> serde_json::Value {
        let out = run_in(&folder, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let before = json(&["project", "--months", "1", "--json"]);
    let a = &before["assumptions"];
    assert_eq!(a["growth_source"], "history");
    assert_eq!(
        (&a["growth_from"], &a["growth_to"]),
        (&"2024-12".into(), &"2025-12".into())
    );
    assert_eq!(a["volatility_from"], "2023-12");
    assert_eq!(a["history_newest_month"], "2025-12");
    // The window's new scenario starts from the same figures.
    let builtin = hashwatt::history::History::builtin().default_projection();
    assert_eq!(
        a["difficulty_growth_pct_per_year"],
        builtin.difficulty_growth_pct_per_year
    );
    assert_eq!(
        a["btc_price_growth_pct_per_year"],
        builtin.btc_price_growth_pct_per_year
    );
    assert_eq!(
        a["btc_price_volatility_pct_per_year"],
        builtin.btc_price_volatility_pct_per_year
    );

    let server = ApiServer::start(chain::routes(now_s()));
    let out = run_in(&folder, &["history", "update", "--api-base", &server.base]);
    assert!(out.status.success(), "{}", stderr(&out));
    let last = last_complete_month();
    let after = json(&["project", "--months", "1", "--json"]);
    let a = &after["assumptions"];
    assert_eq!(a["growth_to"], last.as_str());
    assert_eq!(a["volatility_to"], last.as_str());
    assert_ne!(
        a["btc_price_growth_pct_per_year"],
        before["assumptions"]["btc_price_growth_pct_per_year"]
    );
    let text = stdout(&run_in(&folder, &["project", "--months", "1"]));
    let host = server.base.trim_start_matches("http://");
    assert!(
        text.starts_with("Assumptions\n  Growth: difficulty "),
        "{text}"
    );
    assert!(
        text.contains(&format!("→ {last}, newest from {host}, fetched ")),
        "{text}"
    );
    // A file's own figures, and the flags', are named as theirs.
    let file = json(&[
        "project",
        "presets/scenarios/texas-s21.ron",
        "--months",
        "1",
        "--json",
    ]);
    assert_eq!(file["assumptions"]["growth_source"], "scenario");
    assert_eq!(file["assumptions"]["growth_from"], serde_json::Value::Null);
    let flags = json(&[
        "project",
        "--months",
        "1",
        "--json",
        "--btc-price-growth-pct-year",
        "5",
    ]);
    assert_eq!(flags["assumptions"]["growth_source"], "flags");
    assert_eq!(flags["assumptions"]["btc_price_growth_pct_per_year"], 5.0);
    assert_eq!(flags["assumptions"]["volatility_source"], "history");
}
