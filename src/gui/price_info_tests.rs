//! Under the price field the window says where the region's price comes from and, for a rate
//! closed to new mining loads, what a new entrant meets. Driven headless.

use super::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness_at(region: &str, lang: Lang) -> Harness<'static, App> {
    let mut session = Session {
        language: LangChoice::Fixed(lang),
        ..Session::default()
    };
    session.doc.site.region = Some(region.to_string());
    let mut h = super::test_support::harness(
        session,
        Harness::builder().with_size(egui::vec2(1500.0, 1100.0)),
    );
    h.run();
    h
}

#[test]
fn a_closed_rate_shows_its_availability_line_beside_the_price() {
    let mut h = harness_at("quebec", Lang::En);
    assert!(
        h.query_by_label(
            "Availability: new mining loads are not being connected; a new entrant pays $0.128/kWh"
        )
        .is_some()
    );
    // The price's provenance: the tariff's name and the figure's grade and year.
    assert!(
        h.query_all_by_label_contains("Hydro-Québec Rate CB, large power")
            .next()
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("Measured 2024 · Hydro-Québec Rate CB")
            .next()
            .is_some()
    );
    h.state_mut().session.doc.site.region = Some("norway".into());
    h.run();
    assert!(h.query_by_label_contains("Availability:").is_none());
    assert!(
        h.query_all_by_label_contains("Eurostat nrg_pc_205")
            .next()
            .is_some()
    );
}

#[test]
fn the_availability_line_is_in_chinese_too() {
    let h = harness_at("sichuan-wet", Lang::Zh);
    assert!(h.query_by_label("可获得性：挖矿被禁止").is_some());
    assert!(
        h.query_all_by_label_contains("估计 2020 · ")
            .next()
            .is_some()
    );
}
