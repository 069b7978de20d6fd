//! The Compare view as its users meet it: pins named by region and fleet and renamable, the
//! table's site rows, legends off the bars, and a ranking of every region.

use super::compare::pin_description;
use super::session::pin_name;
use super::*;
use crate::compare;
use crate::figures::Figure;
use crate::format;
use crate::i18n::strings;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// 500 × Antminer S21 XP in Texas.
fn texas_doc() -> ScenarioDoc {
    let mut doc = ScenarioDoc::default();
    doc.site.region = Some("texas-ercot".into());
    doc.fleet = vec![crate::scenario_file::FleetEntryDoc::preset(
        "antminer-s21-xp",
        500,
    )];
    doc
}

/// The Compare view in English, on the Texas scenario.
fn harness() -> Harness<'static, App> {
    let session = Session {
        language: LangChoice::Fixed(Lang::En),
        tab: Tab::Compare,
        doc: texas_doc(),
        saved_doc: texas_doc(),
        ..Session::default()
    };
    super::test_support::harness(
        session,
        Harness::builder()
            .with_size(egui::vec2(1500.0, 1400.0))
            // A header cell that turns into a text field widens its column over a few frames.
            .with_max_steps(8),
    )
}

fn pin_current(h: &mut Harness<'_, App>) {
    h.get_by_label(strings(Lang::En).app.pin_current).click();
    h.run();
}

const TEXAS_PIN: &str = "Texas (ERCOT) · 500 × Antminer S21 XP";

#[test]
fn a_pin_is_named_by_its_region_and_fleet_in_the_chosen_language() {
    let mut h = harness();
    h.run();
    pin_current(&mut h);
    let app = h.state();
    assert_eq!(app.session.pinned.len(), 1);
    assert_eq!(
        pin_name(&app.session.pinned[0], &app.library, Lang::En),
        TEXAS_PIN
    );
    // The header and the bars' legend show it, not the scenario's own name.
    assert_eq!(h.query_all_by_label(TEXAS_PIN).count(), 2);
    // In Chinese, the presets' Chinese names.
    assert_eq!(
        pin_name(&app.session.pinned[0], &app.library, Lang::Zh),
        "得克萨斯州（ERCOT） · 500 × 蚂蚁矿机 S21 XP"
    );
    // Several models are joined; a custom machine goes by its own name.
    let mut doc = texas_doc();
    doc.fleet.push(crate::scenario_file::FleetEntryDoc {
        name: Some("Rack B".into()),
        hashrate_ths: Some(110.0),
        power_w: Some(3000.0),
        units: 20,
        ..Default::default()
    });
    doc.site.mix = Some(Default::default());
    assert_eq!(
        compare::pin_title(&doc, &app.library, Lang::En),
        "Texas (ERCOT), own mix · 500 × Antminer S21 XP + 20 × Rack B"
    );
}

#[test]
fn the_tooltip_describes_region_fleet_market_and_file() {
    let library = PresetLibrary::builtin();
    let mut doc = texas_doc();
    doc.market.btc_price_usd = Some(90_000.0);
    let market = library.newest_market().unwrap().name.clone();
    let pinned = Pinned {
        name: "Summer plan".into(),
        doc,
        title: Some("Cheap Texas".into()),
        path: Some(PathBuf::from("/tmp/plans/summer.ron")),
    };
    let s = &strings(Lang::En).app;
    assert_eq!(
        pin_description(&pinned, &library, Lang::En, s),
        format!(
            "Region: Texas (ERCOT)\nHardware: 500 × Antminer S21 XP\n\
             Market: {market} · BTC $90,000\nScenario: Summer plan\nFile: /tmp/plans/summer.ron"
        )
    );
}

/// Clicks the rename button of the only pin (named `from`), replaces the field's text and ends
/// with `key`.
fn rename(h: &mut Harness<'_, App>, from: &str, text: &str, key: egui::Key) {
    h.get_by_label(strings(Lang::En).app.rename_pinned).click();
    h.run();
    let field = h.get_by_role_and_label(Role::TextInput, strings(Lang::En).app.pin_name);
    assert_eq!(
        field.accesskit_node().value().as_deref(),
        Some(from),
        "starts from the name"
    );
    h.event(egui::Event::Key {
        key: egui::Key::A,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    h.event(egui::Event::Text(text.into()));
    h.run();
    h.key_press(key);
    h.run();
}

#[test]
fn a_pin_is_renamed_in_place_and_the_name_survives_a_saved_session() {
    let mut h = harness();
    h.run();
    pin_current(&mut h);
    rename(&mut h, TEXAS_PIN, "Cheap Texas", egui::Key::Enter);
    assert_eq!(
        h.state().session.pinned[0].title.as_deref(),
        Some("Cheap Texas")
    );
    assert_eq!(h.query_all_by_label("Cheap Texas").count(), 2);
    assert!(h.query_by_label(TEXAS_PIN).is_none());

    // Escape leaves the name as it was.
    rename(&mut h, "Cheap Texas", "Never mind", egui::Key::Escape);
    assert_eq!(
        h.state().session.pinned[0].title.as_deref(),
        Some("Cheap Texas")
    );
    assert_eq!(h.query_all_by_label("Cheap Texas").count(), 2);

    // The saved session keeps it.
    let text = ron::to_string(&h.state().session).expect("the session serializes");
    let restored: Session = ron::from_str(&text).expect("the session parses");
    assert_eq!(restored.pinned, h.state().session.pinned);

    // An empty name goes back to region and fleet.
    h.get_by_label(strings(Lang::En).app.rename_pinned).click();
    h.run();
    h.event(egui::Event::Key {
        key: egui::Key::A,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    h.key_press(egui::Key::Backspace);
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().session.pinned[0].title, None);
    assert_eq!(h.query_all_by_label(TEXAS_PIN).count(), 2);
}

#[test]
fn a_session_saved_before_pins_had_names_still_loads() {
    let old = "(name: \"Texas\", doc: (site: (region: Some(\"texas-ercot\"))))";
    let pinned: Pinned = ron::from_str(old).expect("an old pin parses");
    assert_eq!(pinned.title, None);
    assert_eq!(pinned.path, None);
    assert_eq!(pinned.name, "Texas");
}

/// The vertical centre of a node.
fn middle_y(node: &egui_kittest::Node<'_>) -> f32 {
    node.rect().center().y
}

#[test]
fn the_table_starts_with_each_pins_region_power_price_and_intensity() {
    let mut h = harness();
    h.run();
    pin_current(&mut h);
    h.state_mut().queue(Command::SetRegion("quebec".into()));
    h.run();
    pin_current(&mut h);
    let (texas, quebec) = {
        let app = h.state();
        let docs: Vec<&ScenarioDoc> = app.session.pinned.iter().map(|p| &p.doc).collect();
        let names: Vec<String> = docs
            .iter()
            .map(|d| compare::region_name(d, &app.library, Lang::En))
            .collect();
        (names[0].clone(), names[1].clone())
    };
    assert_eq!(
        (texas.as_str(), quebec.as_str()),
        ("Texas (ERCOT)", "Québec")
    );
    let comparison = compare::Comparison::of(
        h.state().session.pinned.iter().map(|p| &p.doc),
        &h.state().library,
    );
    let intensity = comparison
        .rows
        .iter()
        .find(|r| r.key == "grid_intensity_g_per_kwh")
        .unwrap();

    // A row is a label and, on the same line, each pin's value, left to right.
    let row_y = |label: &str, cells: [String; 2]| -> f32 {
        let heads: Vec<f32> = h.query_all_by_label(label).map(|n| middle_y(&n)).collect();
        let at = |text: &str| -> Vec<(f32, f32)> {
            h.query_all_by_label(text)
                .map(|n| (n.rect().min.x, middle_y(&n)))
                .collect()
        };
        let (first, second) = (at(&cells[0]), at(&cells[1]));
        *heads
            .iter()
            .find(|&&y| {
                first.iter().any(|&(x0, y0)| {
                    (y0 - y).abs() < 2.0
                        && second
                            .iter()
                            .any(|&(x1, y1)| (y1 - y).abs() < 2.0 && x1 > x0)
                })
            })
            .unwrap_or_else(|| panic!("a {label} row with {cells:?}"))
    };
    let s = &strings(Lang::En).app;
    let region = row_y(s.rank_region, [texas, quebec]);
    let power = row_y(
        s.rank_price,
        comparison
            .power_usd_per_kwh
            .iter()
            .map(|&p| format::number(p))
            .collect::<Vec<_>>()
            .try_into()
            .unwrap(),
    );
    let grid = row_y(
        Figure::GridIntensityGPerKwh.words(Lang::En).label,
        intensity
            .values
            .iter()
            .map(|&v| format::maybe(v))
            .collect::<Vec<_>>()
            .try_into()
            .unwrap(),
    );
    let fleet_row = h
        .query_all_by_label(Figure::FleetHashrateThs.words(Lang::En).label)
        .map(|n| middle_y(&n))
        .filter(|&y| y > region)
        .fold(f32::INFINITY, f32::min);
    assert!(region < power && power < grid && grid < fleet_row);
    // The cheaper power is marked best.
    assert_eq!(comparison.power_best.len(), 1);
}

#[test]
fn no_legend_is_drawn_over_the_bars() {
    let mut h = harness();
    h.run();
    pin_current(&mut h);
    // A plot's legend entries are check boxes named after the series.
    assert_eq!(
        h.query_all_by_role_and_label(Role::CheckBox, TEXAS_PIN)
            .count(),
        0
    );
    // One legend for the three charts, outside them: the header and that legend.
    assert_eq!(h.query_all_by_label(TEXAS_PIN).count(), 2);
}

#[test]
fn the_ranking_lists_every_region_with_a_figure() {
    let mut h = harness();
    h.run();
    let (ranked, current_ranked) = {
        let app = h.state();
        let regions = &app.computed.as_ref().unwrap().charts.regions;
        let ranked = compare::rank_regions(&regions.rows, app.session.rank_by, None);
        let defined = regions
            .rows
            .iter()
            .filter(|r| r.break_even_btc_price_usd.is_some())
            .count();
        assert_eq!(ranked.len(), defined);
        let current = regions.current.as_deref();
        let current_ranked = ranked.iter().any(|r| Some(r.id.as_str()) == current);
        (ranked.len(), current_ranked)
    };
    assert!(ranked > 12, "more regions than the old cap: {ranked}");
    assert_eq!(
        app_move_buttons(&h),
        ranked - usize::from(current_ranked),
        "a Move here button on every ranked row but the current region's"
    );
    // The last rank is there.
    assert!(h.query_by_label(&ranked.to_string()).is_some());
}

fn app_move_buttons(h: &Harness<'_, App>) -> usize {
    h.query_all_by_label(strings(Lang::En).app.move_here)
        .count()
}

/// At 1024 × 700 with four pins the table scrolls sideways; the figures' names stay put and
/// each stays on the row of its values.
#[test]
fn the_figure_names_stay_while_the_pins_scroll_sideways() {
    let session = Session {
        language: LangChoice::Fixed(Lang::En),
        tab: Tab::Compare,
        doc: texas_doc(),
        saved_doc: texas_doc(),
        ..Session::default()
    };
    let mut h = super::test_support::harness(
        session,
        Harness::builder()
            .with_size(egui::vec2(1024.0, 700.0))
            .with_max_steps(8),
    );
    h.run();
    for region in ["texas-ercot", "quebec", "kazakhstan", "norway"] {
        h.state_mut().session.doc.site.region = Some(region.into());
        h.run();
        pin_current(&mut h);
    }
    // The table's row (the ranking below has a column of the same name, lower down).
    let name = strings(Lang::En).app.rank_price;
    let row_name = |h: &Harness<'_, App>| {
        h.get_all_by_label(name)
            .map(|n| n.rect())
            .min_by(|a, b| a.top().total_cmp(&b.top()))
            .unwrap()
    };
    let before = row_name(&h);
    let norway_text = format::number(
        h.state()
            .library
            .region("norway")
            .unwrap()
            .electricity_price_usd_per_kwh
            .as_ref()
            .unwrap()
            .value,
    );
    let norway_price = h
        .get_all_by_label(&norway_text)
        .map(|n| n.rect())
        .next()
        .expect("Norway's price is in the table");
    // Same row: the name and the values line up.
    assert!((norway_price.center().y - before.center().y).abs() < 2.0);
    // Scroll the table sideways over its values.
    let over = egui::pos2((before.right() + 200.0).min(1000.0), before.center().y);
    h.hover_at(over);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(-400.0, 0.0),
        modifiers: egui::Modifiers::SHIFT,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run();
    let after = row_name(&h);
    assert_eq!(before, after, "the names did not move");
    let norway_after = h
        .get_all_by_label(&norway_text)
        .map(|n| n.rect())
        .next()
        .unwrap();
    assert!(
        norway_after.left() < norway_price.left() - 50.0,
        "the values scrolled: {norway_price:?} → {norway_after:?}"
    );
    // The last pin's remove button can be reached and is inside the window once scrolled to.
    let remove = h.get_all_by_label("×").last().unwrap().rect();
    assert!(
        remove.left() >= before.right(),
        "the buttons sit right of the names"
    );
}
