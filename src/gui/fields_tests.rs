//! Number fields read what people type: a decimal comma, text that is no number, a value beyond
//! the field's limit; and a price of one's own outlives a change of region. Driven headless.

use super::*;
use crate::i18n::strings;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness_in(lang: Lang) -> Harness<'static, App> {
    let session = Session {
        language: LangChoice::Fixed(lang),
        ..Session::default()
    };
    let mut h = super::test_support::harness(
        session,
        Harness::builder().with_size(egui::vec2(1500.0, 1100.0)),
    );
    h.run();
    h
}

/// Clicks the number field named `label`, types `text` over its value and presses Enter.
fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::SpinButton, label).click();
    h.run();
    h.event(egui::Event::Key {
        key: egui::Key::A,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    h.event(egui::Event::Text(text.into()));
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

/// The price the scenario computes with.
fn computed_price(h: &Harness<'_, App>) -> f64 {
    let computed = h.state().computed.as_ref().expect("the scenario resolves");
    computed.scenario.site.electricity_usd_per_kwh
}

#[test]
fn a_decimal_comma_is_read_as_a_decimal_point() {
    let mut h = harness_in(Lang::En);
    type_into(&mut h, "Electricity price", "0,038");
    assert_eq!(
        h.state().session.doc.site.electricity_usd_per_kwh,
        Some(0.038)
    );
    assert_eq!(computed_price(&h), 0.038);
    let field = h.get_by_role_and_label(Role::SpinButton, "Electricity price");
    assert_eq!(field.value().as_deref(), Some("0.0380 USD/kWh"));
    // Nothing about it needs saying: "0,038" can only mean one thing.
    assert!(h.query_by_label_contains("0,038").is_none());

    // In a field of whole dollars the comma groups thousands.
    let btc_price = crate::inputs::Input::BtcPriceUsd.label(Lang::En);
    type_into(&mut h, btc_price, "65,000");
    assert_eq!(h.state().session.doc.market.btc_price_usd, Some(65000.0));

    // Typed a key at a time, as a person does, every step reads: "0," is 0, not a mistake.
    let mut h = harness_in(Lang::En);
    h.get_by_role_and_label(Role::SpinButton, "PUE").click();
    h.run();
    for key in "1,25".chars() {
        h.get_by_role_and_label(Role::SpinButton, "PUE")
            .type_text(&key.to_string());
        h.run();
        assert!(h.query_by_label_contains("is not a number").is_none());
    }
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().session.doc.site.pue, 1.25);
}

#[test]
fn a_comma_that_could_group_thousands_says_how_it_was_read() {
    let mut h = harness_in(Lang::En);
    type_into(&mut h, "PUE", "1,500");
    assert_eq!(h.state().session.doc.site.pue, 1.5);
    assert!(h.query_by_label("read “1,500” as 1.5").is_some());
}

#[test]
fn text_that_is_not_a_number_is_rejected_visibly() {
    for lang in Lang::ALL {
        let mut h = harness_in(lang);
        let pue = h.state().session.doc.site.pue;
        let rejected = crate::i18n::fill(strings(lang).app.field_not_a_number, &[("text", "abc")]);
        type_into(&mut h, "PUE", "abc");
        assert_eq!(h.state().session.doc.site.pue, pue, "{lang:?}");
        assert!(
            h.query_by_label(&rejected).is_some(),
            "{lang:?}: {rejected}"
        );
        assert!(!h.state().is_dirty());

        // The next edit that reads clears it.
        type_into(&mut h, "PUE", "1.2");
        assert_eq!(h.state().session.doc.site.pue, 1.2);
        assert!(h.query_by_label(&rejected).is_none(), "{lang:?}");
    }
    assert_eq!(
        strings(Lang::En).app.field_not_a_number,
        "“{text}” is not a number"
    );
}

#[test]
fn a_value_beyond_the_limit_is_clamped_and_says_so() {
    let mut h = harness_in(Lang::En);
    type_into(&mut h, "PUE", "9");
    assert_eq!(h.state().session.doc.site.pue, 5.0);
    assert!(h.query_by_label("clamped to 5").is_some());
    // Until the next edit.
    type_into(&mut h, "PUE", "1.3");
    assert_eq!(h.state().session.doc.site.pue, 1.3);
    assert!(h.query_by_label("clamped to 5").is_none());

    // With the unit, in the other language too; a drag (or any other change) clears it.
    let mut h = harness_in(Lang::Zh);
    let uptime = crate::inputs::Input::UptimePct.label(Lang::Zh);
    type_into(&mut h, uptime, "120");
    assert_eq!(h.state().session.doc.site.uptime_pct, 100.0);
    assert!(h.query_by_label("已限定为 100 %").is_some());
    h.state_mut().session.doc.site.uptime_pct = 95.0;
    h.run();
    assert!(h.query_by_label("已限定为 100 %").is_none());
}

#[test]
fn changing_the_region_keeps_the_users_own_price_and_shows_the_regions() {
    let mut h = harness_in(Lang::En);
    type_into(&mut h, "Electricity price", "0.038");
    assert_eq!(
        h.state().session.doc.site.electricity_usd_per_kwh,
        Some(0.038)
    );

    h.get_by_role_and_label(Role::ComboBox, "Region").click();
    h.run();
    // The filter has the keys: it brings Québec into the list's view.
    h.event(egui::Event::Text("quebec".into()));
    h.run();
    h.get_by_label_contains("Québec   ").click();
    h.run();
    let site = &h.state().session.doc.site;
    assert_eq!(site.region.as_deref(), Some("quebec"));
    assert_eq!(site.electricity_usd_per_kwh, Some(0.038));
    assert_eq!(computed_price(&h), 0.038);
    // Québec's price is its tariff (Rate CB) at this site's load: the default fleet, PUE and
    // uptime, the demand charge spread over the hours the site runs.
    let load = super::price_info::site_load(h.state().computed.as_ref().ok());
    let quebec = h.state().library.region("quebec").unwrap();
    let quebec_price = quebec.price_usd_per_kwh(load).unwrap();
    let tariff_by_hand = (0.04025 + 15.426 / (720.0 * load.load_factor)) * 0.7313;
    assert!((quebec_price - tariff_by_hand).abs() < 1e-12);
    let shown = format!("Region's price: {}/kWh", crate::format::usd(quebec_price));
    assert!(h.query_by_label(&shown).is_some(), "{shown}");

    // The reset beside it puts the region's price to use.
    h.get_by_label("Use the region's price").click();
    h.run();
    assert_eq!(h.state().session.doc.site.electricity_usd_per_kwh, None);
    assert_eq!(computed_price(&h), quebec_price);
    assert!(h.query_by_label_contains("Region's price").is_none());
}

#[test]
fn a_mix_share_reads_a_decimal_comma_and_says_why_it_refuses_text() {
    let mut h = harness_in(Lang::En);
    type_into(&mut h, "Coal", "90,5");
    let mix = h
        .state()
        .session
        .doc
        .site
        .mix
        .expect("a mix of the user's own");
    assert_eq!(mix.get(crate::model::EnergySource::Coal), 90.5);
    assert!((mix.total_pct() - 100.0).abs() < 1e-9);
    // A trailing per cent sign is the field's own unit.
    type_into(&mut h, "Gas", "5 %");
    let mix = h.state().session.doc.site.mix.unwrap();
    assert_eq!(mix.get(crate::model::EnergySource::Gas), 5.0);
    let before = h.state().session.doc.clone();
    type_into(&mut h, "Hydro", "abc");
    assert_eq!(h.state().session.doc, before);
    assert!(h.query_by_label("“abc” is not a number").is_some());
}
