//! Market → Update from the internet, clicked through in the window against a local API: the
//! consent names the host and is remembered, the review shows the figures, acceptance saves the
//! snapshot and the scenario uses it, and a failure is the banner with nothing saved.

use super::market_update::Stage;
use super::network_history::HistorySummary;
use super::test_support::harness;
use super::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::test_api_server as api_server;
use api_server::{Answer, ApiServer, good_routes, routes_with};

fn english() -> Session {
    Session {
        language: LangChoice::Fixed(Lang::En),
        ..Session::default()
    }
}

fn window(folder: &std::path::Path) -> Harness<'static, App> {
    let mut h = harness(
        english(),
        Harness::builder().with_size(egui::vec2(1400.0, 1000.0)),
    );
    let _ = std::fs::remove_dir_all(folder);
    h.state_mut().presets_folder = Some(folder.to_path_buf());
    h.state_mut().history_summary = HistorySummary::load(Some(folder));
    h.run();
    h
}

/// Frames until the requests' thread has answered (at most 10 s).
fn wait_for_answer(h: &mut Harness<'static, App>) {
    for _ in 0..200 {
        h.step();
        if !matches!(h.state().market_update.stage, Stage::Fetching { .. }) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    h.run();
}

fn open_update(h: &mut Harness<'static, App>) {
    // The menu bar's "Market" comes first; the input panel's section has the same name.
    h.get_all_by_label("Market").next().unwrap().click();
    h.run();
    h.get_by_label("Update from the internet…").click();
    // Not `run`: while the requests are under way the spinner repaints every frame.
    h.run_steps(3);
}

fn folder(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("hashwatt-gui-{}-{name}", std::process::id()))
}

#[test]
fn consent_then_review_then_the_scenario_uses_todays_market() {
    let server = ApiServer::start(good_routes());
    let folder = folder("market-accept");
    let mut h = window(&folder);
    open_update(&mut h);
    // The consent names the host; nothing is asked before it is given.
    assert!(
        h.query_by_label("Update the market from the internet?")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("hashwatt will ask mempool.space for today's")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Nothing about you or your scenario is sent.")
            .is_some()
    );
    assert!(server.requests().is_empty());
    // The user points it at their own instance.
    if let Stage::Consent { api_base } = &mut h.state_mut().market_update.stage {
        *api_base = server.base.clone();
    }
    h.run();
    // This test is the market's alone: the history's box is unticked.
    h.get_by_label("Also update the monthly history (the months after 2025-12, up to last month)")
        .click();
    h.run();
    assert!(!h.state().market_update.with_history);
    let host = crate::market_api::host_of(&server.base).to_string();
    h.get_by_label(&format!("Ask {host}")).click();
    wait_for_answer(&mut h);
    assert_eq!(server.requests().len(), 4);
    assert!(h.query_by_label("Today's market").is_some());
    assert!(h.query_by_label("$43,753").is_some() || h.query_by_label_contains("43,753").is_some());
    assert!(h.query_by_label("959,000").is_some());
    // Nothing is saved before the user accepts.
    assert!(!folder.join("markets").exists());
    h.get_by_label("Save as a market snapshot and use it")
        .click();
    h.run();
    let id = crate::today().to_string();
    let path = folder.join("markets").join(format!("{id}.ron"));
    assert!(path.exists());
    let app = h.state();
    assert_eq!(app.session.doc.market.preset.as_deref(), Some(id.as_str()));
    assert_eq!(app.library.newest_market().unwrap().id, id);
    let scenario = &app.computed.as_ref().unwrap().scenario;
    assert_eq!(scenario.market.btc_price_usd, 43753.0);
    assert!(app.banner.as_ref().is_some_and(|b| !b.error));
    // The consent is remembered: the next update asks no question.
    assert_eq!(
        app.session.market_api_allowed,
        std::slice::from_ref(&server.base)
    );
    open_update(&mut h);
    assert!(
        h.query_by_label("Update the market from the internet?")
            .is_none()
    );
    wait_for_answer(&mut h);
    assert_eq!(server.requests().len(), 8);
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().market_update.is_idle());
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn cancelling_the_consent_asks_nothing() {
    let folder = folder("market-cancel");
    let mut h = window(&folder);
    open_update(&mut h);
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().market_update.is_idle());
    assert!(h.state().session.market_api_allowed.is_empty());
    assert!(
        h.query_by_label("Update the market from the internet?")
            .is_none()
    );
}

#[test]
fn a_failure_is_the_banner_and_saves_nothing() {
    let server = ApiServer::start(routes_with(
        api_server::PRICES_PATH,
        Answer::Json(429, "{}".into()),
    ));
    let folder = folder("market-fail");
    let mut h = window(&folder);
    h.state_mut().session.market_api_allowed = vec![server.base.clone()];
    let before = h.state().session.doc.clone();
    open_update(&mut h);
    wait_for_answer(&mut h);
    let banner = h.state().shown_banner().expect("a banner");
    assert!(banner.error);
    assert_eq!(
        banner.text,
        format!(
            "Could not update the market: {}/api/v1/prices: HTTP 429, too many requests; try again later. Nothing was saved.",
            server.base
        )
    );
    assert!(h.query_by_label(&banner.text).is_some());
    assert!(!folder.join("markets").exists());
    assert_eq!(h.state().session.doc, before);
    assert!(h.state().market_update.is_idle());
}

#[test]
fn credentials_in_the_address_are_never_shown_or_kept() {
    let secret = |text: &str| text.contains("hwuser") || text.contains("hwpass");
    let server = ApiServer::start(good_routes());
    let folder = folder("market-credentials");
    let mut h = window(&folder);
    // An address remembered by an earlier version, with its password.
    let remembered = server.base.replace("http://", "http://hwuser:hwpass@");
    h.state_mut().session.market_api_allowed = vec![remembered];
    open_update(&mut h);
    // Asked anew, under the address without them.
    let Stage::Consent { api_base } = &h.state().market_update.stage else {
        panic!("the consent is asked");
    };
    assert_eq!(*api_base, server.base);
    let host = crate::market_api::host_of(&server.base).to_string();
    // Typed again with credentials: the prompt names the host alone.
    if let Stage::Consent { api_base } = &mut h.state_mut().market_update.stage {
        *api_base = server.base.replace("http://", "http://hwuser:hwpass@");
    }
    h.run();
    assert!(
        h.query_by_label_contains(&format!("hashwatt will ask {host} for today's"))
            .is_some()
    );
    h.get_by_label(&format!("Ask {host}")).click();
    wait_for_answer(&mut h);
    assert_eq!(
        h.state().session.market_api_allowed,
        std::slice::from_ref(&server.base)
    );
    let from = format!("From {} at ", server.base);
    assert!(h.query_by_label_contains(&from).is_some());
    h.get_by_label("Save as a market snapshot and use it")
        .click();
    h.run();
    let banner = h.state().shown_banner().expect("a banner");
    assert!(!banner.error && !secret(&banner.text), "{}", banner.text);
    for entry in std::fs::read_dir(folder.join("markets")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!secret(&text), "{text}");
    }
    let _ = std::fs::remove_dir_all(&folder);
}

/// The market's answers and a made-up chain up to now: both updates from one host.
fn market_and_chain() -> ApiServer {
    let now_s = crate::market_fetch::now_s() as i64;
    let mut routes = api_server::chain::routes(now_s);
    routes.extend(
        good_routes()
            .into_iter()
            .filter(|(path, _)| path != api_server::TIP_HEIGHT_PATH),
    );
    ApiServer::start(routes)
}

#[test]
fn the_update_adds_the_history_months_on_acceptance_and_forget_removes_them() {
    let server = market_and_chain();
    let folder = folder("market-history");
    let mut h = window(&folder);
    open_update(&mut h);
    assert!(h.state().market_update.with_history);
    if let Stage::Consent { api_base } = &mut h.state_mut().market_update.stage {
        *api_base = server.base.clone();
    }
    h.run();
    let host = crate::market_api::host_of(&server.base).to_string();
    h.get_by_label(&format!("Ask {host}")).click();
    wait_for_answer(&mut h);
    let fetched = folder.join("history").join("network-monthly-fetched.csv");
    // Reviewed first: nothing is stored yet.
    assert!(!fetched.exists());
    let Stage::Review {
        history: Some(Ok(crate::history_fetch::Fetched::Months { months, .. })),
        ..
    } = &h.state().market_update.stage
    else {
        panic!("the review offers the history's months");
    };
    let (count, last) = (months.len(), months[months.len() - 1].month);
    let offer = format!("Also add {count} months (2026-01 → {last}) from {host} to the history");
    assert!(h.query_by_label(&offer).is_some());
    h.get_by_label("Save as a market snapshot and use it")
        .click();
    h.run();
    assert!(fetched.exists());
    let app = h.state();
    assert_eq!(app.history_summary.last, last);
    let today = crate::today().to_string();
    assert_eq!(
        app.history_summary.newest_line(Lang::En),
        format!("Newest month: {last}, from {host}, fetched {today}.")
    );
    // Both from the same host's answers: the snapshot's source and the history's origin.
    let snapshot = app.library.market(&today).expect("the snapshot");
    assert!(snapshot.btc_price_usd.source.contains(&server.base));
    let banner = app.shown_banner().expect("a banner");
    assert!(!banner.error);
    assert!(
        banner.text.starts_with("Saved the market of "),
        "{}",
        banner.text
    );
    assert!(banner.text.contains(&format!(
        "Added {count} months (2026-01 → {last}) from {host}"
    )));
    // The input panel says how old the market is.
    assert!(
        h.query_by_label(&format!("Market of {today}, fetched today."))
            .is_some()
    );
    // A new scenario starts from the newest trailing months.
    assert_eq!(
        app.history_summary.growth.unwrap().to,
        last,
        "the trailing growth ends at the newest month"
    );

    h.get_all_by_label("Market").next().unwrap().click();
    h.run();
    h.get_by_label("Forget fetched history").click();
    h.run();
    assert!(!fetched.exists());
    assert_eq!(h.state().history_summary.last.to_string(), "2025-12");
    assert_eq!(
        h.state().shown_banner().unwrap().text,
        "Forgot the fetched months; the history ends at 2025-12 again."
    );
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn an_old_market_offers_the_update_on_a_line() {
    let folder = folder("market-old");
    let mut h = window(&folder);
    // The built-in snapshots are more than a month old by now.
    let newest = h.state().library.newest_market().unwrap().date.to_string();
    assert!(
        h.query_by_label(&format!("Market of {newest} (built in)."))
            .is_some()
    );
    assert!(h.query_by_label("It is more than a month old.").is_some());
    // The market section sits low in the input panel.
    h.get_by_label("Update it from the internet…")
        .scroll_to_me();
    h.run();
    h.get_by_label("Update it from the internet…").click();
    h.run();
    assert!(matches!(
        h.state().market_update.stage,
        Stage::Consent { .. }
    ));
}
