//! Every region's price: tariffs computed by hand, grades against what exists, the remaining
//! estimates named in docs/methods.md, and a bad tariff located in its file.
use super::*;
use crate::i18n::Lang;
use crate::model::tariff_price::{REFERENCE_LOAD, SiteLoad};
use crate::preset_types::Grade;

/// A region's tariff price at `load`, from the engine.
fn engine(lib: &PresetLibrary, id: &str, load: SiteLoad) -> f64 {
    let region = lib.region(id).unwrap_or_else(|| panic!("{id} is bundled"));
    let tariff = region
        .tariff
        .as_ref()
        .unwrap_or_else(|| panic!("{id} has a tariff"));
    tariff
        .effective_usd_per_kwh(load)
        .expect("energy at this load")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn each_tariff_gives_the_price_worked_out_by_hand() {
    let lib = PresetLibrary::builtin();
    // 1 MW at 100 % uptime, a calendar month's billing period (730.5 h) unless stated.
    let month_h = 365.25 * 24.0 / 12.0;
    let by_hand = [
        // Rate CB: 4.025 ¢ + $15.426/kW over a 30-day period's 720 h, CAD at 1 / 1.3674.
        ("quebec", (0.04025 + 15.426 / 720.0) * 0.7313),
        // TNB E1: 33.70 sen + RM 29.60/kW a month, MYR at 1 / 4.7095.
        ("malaysia", (0.337 + 29.60 / month_h) * 0.2123),
        // DEWA: 10,000 kWh at 0.29 AED, the rest of 730,500 kWh at 0.44 AED, AED at 1 / 3.6725.
        (
            "united-arab-emirates",
            (10_000.0 * 0.29 + (1000.0 * month_h - 10_000.0) * 0.44) / (1000.0 * month_h) * 0.2723,
        ),
        // EEP: the published daily average, in dollars.
        ("ethiopia", 0.04),
    ];
    let with_tariff: Vec<&str> = lib
        .regions()
        .filter(|r| r.tariff.is_some())
        .map(|r| r.id.as_str())
        .collect();
    let checked: Vec<&str> = by_hand.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        with_tariff.len(),
        checked.len(),
        "{with_tariff:?}: add the new ones here"
    );
    for (id, usd_per_kwh) in by_hand {
        let computed = engine(&lib, id, REFERENCE_LOAD);
        assert!(
            close(computed, usd_per_kwh),
            "{id}: engine {computed}, by hand {usd_per_kwh}"
        );
        // The listed figure is that price, rounded as written.
        let listed = lib
            .region(id)
            .unwrap()
            .electricity_price_usd_per_kwh
            .as_ref()
            .unwrap()
            .value;
        assert!(
            (listed / usd_per_kwh - 1.0).abs() < 0.005,
            "{id}: listed {listed}"
        );
    }
}

#[test]
fn a_demand_charge_costs_more_per_kwh_at_a_lower_load_factor() {
    let lib = PresetLibrary::builtin();
    // Half the hours over the same 30-day demand: $15.426 / 360 h.
    let half = SiteLoad {
        demand_kw: 6_000.0,
        load_factor: 0.5,
    };
    let quebec = (0.04025 + 15.426 / 360.0) * 0.7313;
    assert!(close(engine(&lib, "quebec", half), quebec));
    // A flat rate does not care.
    assert!(close(engine(&lib, "ethiopia", half), 0.04));
    // Below DEWA's first block everything is at 0.29 AED: 20 kW × 730.5 h × 0.5 < 10,000 kWh.
    let small = SiteLoad {
        demand_kw: 20.0,
        load_factor: 0.5,
    };
    assert!(close(
        engine(&lib, "united-arab-emirates", small),
        0.29 * 0.2723
    ));
}

#[test]
fn a_scenario_in_a_tariff_region_pays_the_tariff_at_its_own_load_unless_it_names_a_price() {
    let lib = PresetLibrary::builtin();
    // 2,000 Antminer S21 (3,500 W) at PUE 1.10 and 95 % uptime: 7,700 kW billed.
    let text = "(site: (region: Some(\"quebec\"), pue: 1.10, uptime_pct: 95.0), \
                fleet: [(miner: \"antminer-s21\", units: 2000)])";
    let doc = crate::scenario_io::parse_scenario("q.ron", text).unwrap();
    let s21 = lib.miner("antminer-s21").unwrap();
    assert_eq!(s21.power_w, 3500.0);
    let scenario = doc.resolve(&lib).unwrap();
    let by_hand = (0.04025 + 15.426 / (720.0 * 0.95)) * 0.7313;
    assert!(close(scenario.site.electricity_usd_per_kwh, by_hand));
    let own = text.replace(
        "uptime_pct: 95.0",
        "uptime_pct: 95.0, electricity_usd_per_kwh: Some(0.03)",
    );
    let doc = crate::scenario_io::parse_scenario("q.ron", &own).unwrap();
    assert_eq!(
        doc.resolve(&lib).unwrap().site.electricity_usd_per_kwh,
        0.03
    );
}

/// The region ids listed in docs/methods.md's section on the remaining estimates.
fn estimates_in_methods() -> Vec<String> {
    let methods = include_str!("../../../../docs/methods.md");
    let section = methods
        .split("### Prices still estimated")
        .nth(1)
        .expect("docs/methods.md has the section")
        .split("\n#")
        .next()
        .unwrap_or("");
    // Each item names its regions in backticks before the colon.
    let mut ids: Vec<String> = section
        .lines()
        .filter(|l| l.starts_with("- `"))
        .filter_map(|l| l.split(": ").next())
        .flat_map(|head| head.split('`').skip(1).step_by(2).map(str::to_string))
        .collect();
    ids.sort();
    ids
}

#[test]
fn the_remaining_estimates_are_the_ones_docs_methods_lists() {
    let lib = PresetLibrary::builtin();
    let mut estimated: Vec<String> = lib
        .regions()
        .filter(|r| {
            r.electricity_price_usd_per_kwh
                .as_ref()
                .is_some_and(|p| p.grade == Grade::Estimate)
        })
        .map(|r| r.id.clone())
        .collect();
    estimated.sort();
    assert!(!estimated.is_empty());
    assert_eq!(estimated, estimates_in_methods());
    // The country table's regions have no price at all.
    for r in lib.regions() {
        let Some(price) = &r.electricity_price_usd_per_kwh else {
            assert!(r.tariff.is_none(), "{}", r.id);
            continue;
        };
        // A region with a published tariff is never an estimate.
        if r.tariff.is_some() {
            assert_ne!(price.grade, Grade::Estimate, "{}", r.id);
        }
        // Every price is from 2022 on, or its note says why not.
        if price.year < 2022 {
            assert!(
                price.note.contains("Why "),
                "{}: {} without a reason",
                r.id,
                price.year
            );
        }
        if price.grade == Grade::Estimate {
            assert!(price.note.contains("Why an Estimate"), "{}", r.id);
        }
    }
}

#[test]
fn the_closed_rates_are_the_ones_published() {
    let lib = PresetLibrary::builtin();
    let quebec = lib.region("quebec").unwrap().availability.as_ref().unwrap();
    // 17.450 ¢ CAD at 1 / 1.3674.
    assert!((quebec.new_entrant_usd_per_kwh.unwrap() - 0.17450 * 0.7313).abs() < 5e-5);
    let line = crate::region_price::availability_line(quebec, Lang::En);
    assert_eq!(
        line,
        "Availability: new mining loads are not being connected; a new entrant pays $0.128/kWh"
    );
    let zh = crate::region_price::availability_line(quebec, Lang::Zh);
    assert_eq!(zh, "可获得性：暂停为新矿场接电；新接入者须付 $0.128/kWh");
    for id in [
        "china",
        "sichuan-wet",
        "xinjiang",
        "siberia-irkutsk",
        "paraguay",
    ] {
        assert!(lib.region(id).unwrap().availability.is_some(), "{id}");
    }
    assert!(lib.region("norway").unwrap().availability.is_none());
}

#[test]
fn a_bad_tariff_is_named_by_file_line_and_field_in_both_languages() {
    let quebec = builtin_files(PresetKind::Region)
        .iter()
        .find(|(name, _)| name.ends_with("quebec.ron"))
        .map(|(_, text)| *text)
        .expect("quebec.ron is bundled");
    let bad = quebec.replace("usd_per_unit: 0.7313,", "usd_per_unit: -1.0,");
    assert_ne!(bad, quebec);
    let mut lib = PresetLibrary::builtin();
    let err = lib
        .try_add_text(PresetKind::Region, "my/quebec.ron", &bad)
        .unwrap_err();
    let line = bad
        .lines()
        .position(|l| l.contains("usd_per_unit: -1.0"))
        .unwrap()
        + 1;
    let en = err.localized(Lang::En);
    assert!(en.starts_with(&format!("my/quebec.ron:{line}:")), "{en}");
    assert!(en.contains("tariff.usd_per_unit"), "{en}");
    assert!(en.contains("exchange rate must be above 0"), "{en}");
    let zh = err.localized(Lang::Zh);
    assert!(
        zh.contains("tariff.usd_per_unit") && zh.contains("汇率必须大于 0"),
        "{zh}"
    );

    // A listed price that drifts from its tariff is caught at the figure.
    let drift = quebec.replace("(value: 0.0451,", "(value: 0.06,");
    assert_ne!(drift, quebec);
    let en = lib
        .try_add_text(PresetKind::Region, "my/quebec.ron", &drift)
        .unwrap_err()
        .localized(Lang::En);
    assert!(en.contains("electricity_price_usd_per_kwh.value"), "{en}");
    assert!(en.contains("the tariff gives 0.0451 $/kWh"), "{en}");
}

#[test]
fn a_region_file_without_tariff_or_availability_still_loads() {
    let norway = builtin_files(PresetKind::Region)
        .iter()
        .find(|(name, _)| name.ends_with("norway.ron"))
        .map(|(_, text)| *text)
        .unwrap();
    assert!(!norway.contains("tariff") && !norway.contains("availability"));
    let mut lib = PresetLibrary::builtin();
    lib.try_add_text(PresetKind::Region, "my/norway.ron", norway)
        .expect("an old-style file loads");
}
