//! Derived data is computed once per change, and panels change the app only through commands:
//! checked by driving the window headless and counting recomputations across frames.

use super::*;
use crate::i18n::strings;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(tab: Tab) -> Harness<'static, App> {
    let session = Session {
        language: LangChoice::Fixed(Lang::En),
        tab,
        all_figures: true,
        ..Session::default()
    };
    super::test_support::harness(
        session,
        // Tall enough for the Compare table's rows (the contract's and site accounting's
        // figures) and the ranking below it.
        // A change of region changes the inputs grid's columns (its price line), and a grid
        // lays out again over two more frames.
        Harness::builder()
            .with_size(egui::vec2(1500.0, 1900.0))
            .with_max_steps(8),
    )
}

/// Draws a few frames with no input at all.
fn idle(h: &mut Harness<'_, App>) {
    for _ in 0..4 {
        h.step();
    }
    h.run();
}

#[test]
fn compare_data_is_computed_once_per_change() {
    let mut h = harness(Tab::Compare);
    h.run();
    let runs = |h: &Harness<'_, App>| {
        let d = &h.state().derived;
        (d.comparison.runs(), d.ranking.runs(), d.carbon_price.runs())
    };
    assert_eq!(runs(&h), (1, 1, 1));
    idle(&mut h);
    assert_eq!(runs(&h), (1, 1, 1), "idle frames compute nothing");

    // Pinning changes the comparison only.
    h.get_by_label(strings(Lang::En).app.pin_current).click();
    h.run();
    assert_eq!(h.state().session.pinned.len(), 1);
    assert_eq!(runs(&h), (2, 1, 1));
    let comparison = h.state().derived.comparison.get().unwrap();
    assert_eq!(comparison.columns, [0]);
    idle(&mut h);
    assert_eq!(runs(&h), (2, 1, 1));

    // Ranking by CO₂ changes the ranking and the carbon-price lines, not the comparison.
    // (A result card carries the same words.)
    h.get_by_role_and_label(Role::RadioButton, strings(Lang::En).app.rank_co2)
        .click();
    h.run();
    assert_eq!(h.state().session.rank_by, crate::compare::RankBy::Co2PerBtc);
    assert_eq!(runs(&h), (2, 2, 2));
    {
        let app = h.state();
        let computed = app.computed.as_ref().unwrap();
        let rows = &computed.charts.regions.rows;
        let ranked: Vec<&str> = app
            .derived
            .ranked(rows)
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        let direct: Vec<&str> =
            crate::compare::rank_regions(rows, crate::compare::RankBy::Co2PerBtc, None)
                .iter()
                .map(|r| r.id.as_str())
                .collect();
        assert_eq!(ranked, direct);
        let inputs = crate::compare::CarbonPriceInputs {
            doc: &app.session.doc,
            library: &app.library,
            regions: &computed.charts.regions,
            carbon_price_usd_per_t: computed.scenario.site.carbon_price_usd_per_t,
            by: crate::compare::RankBy::Co2PerBtc,
            max_intensity_g_per_kwh: None,
            own_name: strings(Lang::En).app.this_site,
        };
        let lines = crate::compare::carbon_price_chart(&inputs, Lang::En);
        assert_eq!(app.derived.carbon_price.get(), Some(&lines));
    }

    // Moving the site changes what depends on the document.
    h.state().queue(Command::SetRegion("quebec".into()));
    h.run();
    assert_eq!(runs(&h), (2, 3, 3));
    idle(&mut h);
    assert_eq!(runs(&h), (2, 3, 3));
}

#[test]
fn the_network_view_is_computed_once_per_change() {
    let mut h = harness(Tab::Network);
    h.run();
    let runs = |h: &Harness<'_, App>| h.state().derived.network.runs();
    assert_eq!(runs(&h), 1);
    idle(&mut h);
    assert_eq!(runs(&h), 1, "idle frames compute nothing");
    h.get_by_label("given").click();
    h.run();
    assert_eq!(runs(&h), 2);
    assert_eq!(h.state().network_view.efficiency_j_per_th, Some(28.2));
    let view = h.state().derived.network.get().unwrap();
    assert_eq!(
        view.figures.as_ref().unwrap().estimate.best_guess_basis,
        crate::model::network::BestGuessBasis::Given
    );
    idle(&mut h);
    assert_eq!(runs(&h), 2);
    // Another site: the view follows the document.
    h.state().queue(Command::SetRegion("quebec".into()));
    h.run();
    assert_eq!(runs(&h), 3);
    assert_eq!(h.state().derived.network.get().unwrap().site_name, "Québec");
}

#[test]
fn hidden_views_compute_nothing() {
    let mut h = harness(Tab::Mix);
    h.run();
    let d = &h.state().derived;
    assert_eq!(
        (
            d.comparison.runs(),
            d.carbon_price.runs(),
            d.sensitivity.runs(),
            d.network.runs()
        ),
        (0, 0, 0, 0)
    );
}

#[test]
fn clicking_a_tab_switches_it_through_a_command() {
    let mut h = harness(Tab::Mix);
    h.run();
    super::test_support::open_view(&mut h, Tab::Network);
    assert_eq!(h.state().session.tab, Tab::Network);
    assert!(h.state().applied.contains(&Command::SetTab(Tab::Network)));
    assert!(
        h.query_by_label("Best guess").is_some(),
        "the new tab is drawn"
    );
}

#[test]
fn every_menu_item_with_a_shortcut_does_what_its_keys_do() {
    let s = &strings(Lang::En).app;
    let menu_and_label_of = |command: &Command| match command {
        Command::New => (s.menu_file, s.menu_new),
        Command::Open => (s.menu_file, s.menu_open),
        Command::Save => (s.menu_file, s.menu_save),
        Command::SaveAs => (s.menu_file, s.menu_save_as),
        Command::Undo => (s.menu_edit, s.menu_undo),
        Command::Redo => (s.menu_edit, s.menu_redo),
        Command::Sharing(super::sharing::SharingCommand::PasteScenario) => {
            (s.menu_edit, strings(Lang::En).sharing.menu_paste_scenario)
        }
        other => panic!("{other:?} has a shortcut but no menu item"),
    };
    for (command, shortcut) in &SHORTCUTS {
        let mut h = harness(Tab::Mix);
        h.run();
        // Undo and Redo are greyed out until there is something to undo or redo.
        if matches!(command, Command::Undo | Command::Redo) {
            h.state().queue(Command::SetRegion("quebec".into()));
            h.run();
        }
        if *command == Command::Redo {
            h.state().queue(Command::Undo);
            h.run();
        }
        h.state_mut().applied.clear();
        // The menu names the keys of the table, as the platform writes them.
        let keys = h.ctx.format_shortcut(shortcut);
        let (menu, label) = menu_and_label_of(command);
        h.get_by_label(menu).click();
        h.run();
        h.get_by_label(&format!("{label} {keys}")).click();
        h.run();
        assert_eq!(
            h.state().applied,
            std::slice::from_ref(command),
            "menu: {keys}"
        );

        h.state_mut().applied.clear();
        h.key_press_modifiers(shortcut.modifiers, shortcut.logical_key);
        h.run();
        assert_eq!(
            h.state().applied,
            std::slice::from_ref(command),
            "keys: {keys}"
        );
    }
}

#[test]
fn the_menu_shows_the_shortcut_texts_of_the_table() {
    let mut h = harness(Tab::Mix);
    h.run();
    h.get_by_label("File").click();
    h.run();
    for label in [
        "New Ctrl+N",
        "Open… Ctrl+O",
        "Save Ctrl+S",
        "Save As… Ctrl+Shift+S",
    ] {
        assert!(h.query_by_label(label).is_some(), "{label}");
    }
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label("Edit").click();
    h.run();
    for label in ["Undo Ctrl+Z", "Redo Ctrl+Shift+Z"] {
        assert!(h.query_by_label(label).is_some(), "{label}");
    }
}

#[test]
fn new_from_the_menu_and_from_its_keys_both_ask_about_unsaved_changes() {
    let mut h = harness(Tab::Mix);
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "Units")
        .set_value_accesskit(10.0);
    h.run();
    assert!(h.state().is_dirty());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("New Ctrl+N").click();
    h.run();
    assert_eq!(h.state().confirm, Some(Guarded::New));
    h.get_by_label(strings(Lang::En).app.cancel).click();
    h.run();
    assert_eq!(h.state().confirm, None);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    assert_eq!(h.state().confirm, Some(Guarded::New));
    // Discard: the new scenario replaces the edited one.
    h.get_by_label(strings(Lang::En).app.unsaved_discard)
        .click();
    h.run();
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().session.doc, super::history::new_document());
}

/// The Network tab answers with Cambridge's $0.05/kWh until asked for this site's price, so
/// a student's answer does not depend on the last site loaded.
#[test]
fn the_network_tab_defaults_to_cambridges_price() {
    use crate::network_data::NetworkPrice;
    let mut h = harness(Tab::Network);
    h.state().queue(Command::SetRegion("germany".into()));
    h.run();
    let price = |h: &Harness<'_, App>| {
        let view = h.state().derived.network.get().expect("computed");
        view.figures
            .as_ref()
            .expect("figures")
            .settings
            .electricity_usd_per_kwh
    };
    assert_eq!(h.state().network_view.price, NetworkPrice::Cambridge);
    assert_eq!(price(&h), 0.05);
    let site = h.state().derived.network.get().unwrap().site_usd_per_kwh;
    assert_ne!(site, 0.05, "Germany's price is not Cambridge's");
    h.get_by_label_contains("this site's").click();
    h.run();
    h.run();
    assert_eq!(h.state().network_view.price, NetworkPrice::Site);
    assert_eq!(price(&h), site);
    h.get_by_label_contains("Cambridge's default").click();
    h.run();
    h.run();
    assert_eq!(price(&h), 0.05);
}

/// The projection offers to switch the fleet off in months that lose cash, and says from
/// which month it would.
#[test]
fn the_projection_switches_off_in_months_that_lose_cash() {
    let mut h = harness(Tab::Projection);
    h.state_mut()
        .session
        .doc
        .projection
        .difficulty_growth_pct_per_year = 100.0;
    h.state_mut().session.doc.projection.months = 48;
    h.state_mut().recompute();
    super::test_support::settle(&mut h);
    assert!(
        h.query_by_label_contains("switched off from month")
            .is_none()
    );
    h.get_by_label("Switch off in months that lose cash")
        .click();
    super::test_support::settle(&mut h);
    super::test_support::settle(&mut h);
    assert!(h.state().session.doc.projection.switch_off_when_losing);
    let first = h
        .state()
        .computed
        .as_ref()
        .ok()
        .and_then(|c| c.charts.projection.projection.first_month_off)
        .expect("a month is switched off");
    assert!(
        h.query_by_label_contains(&format!("switched off from month {first}"))
            .is_some()
    );
}

/// Moving the site takes the region's price, as its ranking did, and says which price it
/// replaced; undo brings the user's price back.
#[test]
fn moving_the_site_says_it_replaced_the_users_price() {
    let mut h = harness(Tab::Compare);
    h.state_mut().session.doc.site.electricity_usd_per_kwh = Some(0.038);
    h.run();
    h.state().queue(Command::SetRegion("quebec".into()));
    h.run();
    let banner = h.state().shown_banner().expect("a banner");
    // Québec's price is its Rate CB at this site's load (the default fleet at 100 % uptime:
    // 4.025 ¢ + $15.426/kW over 720 h, at 0.7313 USD/CAD), the price the site now computes with.
    let computed = h
        .state()
        .computed
        .as_ref()
        .unwrap()
        .scenario
        .site
        .electricity_usd_per_kwh;
    assert!((computed - (0.04025 + 15.426 / 720.0) * 0.7313).abs() < 1e-12);
    assert_eq!(
        banner.text,
        "The site moved to Québec and takes its power price, $0.0451/kWh, in place of the \
         $0.0380/kWh you had set (Edit → Undo brings it back)."
    );
    assert_eq!(h.state().session.doc.site.electricity_usd_per_kwh, None);
    // Without a price of the user's, nothing is replaced and nothing is said.
    h.state_mut().banner = None;
    h.state().queue(Command::SetRegion("texas-ercot".into()));
    h.run();
    assert!(h.state().banner.is_none());
}

/// The Payback card shows today's simple payback and, beside it, the projection's, so the two
/// never disagree silently; its tooltip says which is which.
#[test]
fn the_payback_card_shows_the_projections_payback_too() {
    let mut h = harness(Tab::Projection);
    super::test_support::settle(&mut h);
    let projection = h
        .state()
        .computed
        .as_ref()
        .ok()
        .map(|c| &c.charts.projection.projection)
        .map(|p| match p.payback_month {
            Some(month) => format!("projection: month {month}"),
            None => format!("projection: not in {} months", p.months.len()),
        })
        .expect("computed");
    assert!(
        h.query_by_label_contains(&projection).is_some(),
        "the card names {projection}"
    );
    h.get_by_label("Payback").hover();
    super::test_support::settle(&mut h);
    assert!(
        h.query_by_label_contains("The value is the simple payback")
            .is_some()
    );
}

/// The break-even BTC price card is labelled as the cash break-even and stands beside the
/// all-in cost per BTC, so one is not read for the other.
#[test]
fn the_cash_break_even_stands_beside_the_all_in_cost() {
    let mut h = harness(Tab::Projection);
    super::test_support::settle(&mut h);
    let cash = h.get_by_label("Cash break-even BTC price").rect();
    let all_in = h.get_by_label("All-in cost per BTC").rect();
    assert!(
        (cash.min.y - all_in.min.y).abs() < 1.0 && all_in.min.x > cash.min.x
            || all_in.min.y > cash.min.y,
        "the all-in card follows the cash break-even: {cash:?} then {all_in:?}"
    );
    assert!(h.query_by_label("Break-even BTC price").is_none());
}
