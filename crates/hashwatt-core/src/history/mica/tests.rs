use super::*;
use crate::history::cbeci::HistoryView;
use crate::history::parse_csv;

fn month(text: &str) -> Month {
    Month::parse(text).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Three months of 2024 with their transaction counts, laid over the built-in history.
const WITH_COUNTS: &str = "\
month,difficulty,blocks,subsidy_btc,fees_btc_per_block,btc_price_usd,network_hashrate_ehs,transactions,note
2024-01,7.3e13,4400,6.25,0.2,42000,,10000000,test
2024-02,7.9e13,4300,6.25,0.25,50000,,11000000,test
2024-03,8.3e13,4500,6.25,0.3,68000,,12000000,test
";

fn with_counts() -> History {
    let rows = parse_csv("counts.csv", WITH_COUNTS).unwrap();
    History::builtin().merged(rows, "counts.csv").unwrap()
}

#[test]
fn the_per_transaction_indicators_reproduce_a_hand_computation_from_the_totals() {
    let library = PresetLibrary::builtin();
    let history = with_counts();
    let (from, to) = (month("2024-01"), month("2024-03"));
    let d = disclose(&history, &library, 0.05, from, to).unwrap();
    // 10 + 11 + 12 million, by hand.
    assert_eq!(d.transactions, Some(33_000_000));
    assert!(d.missing_transactions_months.is_empty());
    // The energy and the life-cycle CO₂ are the History view's months, summed.
    let view = HistoryView::of(&history, &library, 0.05, from, to);
    let energy: f64 = view.months.iter().map(|m| m.energy_twh.unwrap()).sum();
    let lifecycle: f64 = view.months.iter().map(|m| m.co2_mt.unwrap()).sum();
    assert!(close(d.energy_twh, energy), "{} {energy}", d.energy_twh);
    assert!(close(d.co2_mt_lifecycle, lifecycle));
    // TWh → kWh is × 10⁹; Mt → kg is × 10⁹.
    assert!(close(
        d.kwh_per_transaction.unwrap(),
        energy * 1e9 / 33_000_000.0
    ));
    assert!(close(
        d.kg_co2_per_transaction.unwrap(),
        d.co2_mt * 1e9 / 33_000_000.0
    ));
    // S.13 is the energy at the operational intensity: month by month, at the maps' figures.
    let maps = map_figures(&library).unwrap();
    let co2: f64 = view
        .months
        .iter()
        .map(|m| {
            m.energy_twh.unwrap() * figures_at(&maps, m.month).unwrap().operational_g_per_kwh
                / 1000.0
        })
        .sum();
    assert!(close(d.co2_mt, co2));
    assert!(close(
        d.operational_g_per_kwh,
        d.co2_mt * 1000.0 / d.energy_twh
    ));
}

#[test]
fn calendar_2024_has_its_per_transaction_indicators_from_the_built_in_counts() {
    let library = PresetLibrary::builtin();
    let history = History::builtin();
    let (from, to) = (month("2024-01"), month("2024-12"));
    let d = disclose(&history, &library, 0.05, from, to).unwrap();
    // Every month of 2024 has its count; the year's total is theirs, by hand.
    let total: u64 = history
        .range(from, to)
        .iter()
        .map(|r| r.transactions.unwrap())
        .sum();
    assert_eq!(total, 192_248_608);
    assert_eq!(d.transactions, Some(total));
    assert!(d.missing_transactions_months.is_empty());
    assert!(close(
        d.kwh_per_transaction.unwrap(),
        d.energy_twh * 1e9 / total as f64
    ));
    assert!(close(
        d.kg_co2_per_transaction.unwrap(),
        d.co2_mt * 1e9 / total as f64
    ));
    assert!(d.estimated_transactions_months.is_empty());
    // Calendar 2025 has them too, five months estimated, which a note states.
    let d = disclose(&history, &library, 0.05, month("2025-01"), month("2025-12")).unwrap();
    assert!(d.kwh_per_transaction.is_some());
    assert!(d.missing_transactions_months.is_empty());
    let estimated: Vec<Month> = ["2025-04", "2025-05", "2025-06", "2025-07", "2025-08"]
        .into_iter()
        .map(month)
        .collect();
    assert_eq!(d.estimated_transactions_months, estimated);
    let notes = notes(&d, Lang::En);
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("The transaction counts of 2025-04 to 2025-08 are estimates")),
        "{notes:?}"
    );
}

#[test]
fn a_month_without_a_count_leaves_the_per_transaction_indicators_out_and_is_named() {
    let library = PresetLibrary::builtin();
    let text = WITH_COUNTS.replace(",11000000,", ",,");
    let history = History::builtin()
        .merged(parse_csv("gap.csv", &text).unwrap(), "gap.csv")
        .unwrap();
    let d = disclose(&history, &library, 0.05, month("2024-01"), month("2024-03")).unwrap();
    assert_eq!(d.transactions, None);
    assert_eq!(d.kwh_per_transaction, None);
    assert_eq!(d.kg_co2_per_transaction, None);
    assert_eq!(d.missing_transactions_months, vec![month("2024-02")]);
    // The energy is still there; the note names the month.
    assert!(d.energy_twh > 0.0);
    let notes = notes(&d, Lang::En);
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("No transaction count for 2024-02:")),
        "{notes:?}"
    );
    let rows = rows(&d, &library, Lang::En);
    let s11 = rows.iter().find(|r| r.code == "S.11").unwrap();
    assert_eq!(value_text(s11, Lang::En), "not available");
}

#[test]
fn months_are_joined_into_ranges() {
    let months: Vec<Month> = [
        "2024-01", "2024-02", "2024-03", "2024-05", "2024-07", "2024-08",
    ]
    .map(month)
    .to_vec();
    assert_eq!(
        months_text(&months, Lang::En),
        "2024-01 to 2024-03, 2024-05, 2024-07 to 2024-08"
    );
    assert_eq!(months_text(&months[3..4], Lang::Zh), "2024-05");
    assert_eq!(months_text(&months[..2], Lang::Zh), "2024-01 至 2024-02");
}

#[test]
fn the_energy_bounds_hold_the_best_guess_every_year() {
    let library = PresetLibrary::builtin();
    let history = History::builtin();
    for year in 2011..=2025 {
        let from = month(&format!("{year}-01"));
        let to = month(&format!("{year}-12")).min(history.last());
        let d = disclose(&history, &library, 0.05, from, to).unwrap();
        assert!(d.energy_twh_lower > 0.0, "{year}: {d:?}");
        assert!(
            d.energy_twh_lower <= d.energy_twh && d.energy_twh <= d.energy_twh_upper,
            "{year}: {} {} {}",
            d.energy_twh_lower,
            d.energy_twh,
            d.energy_twh_upper
        );
        assert!((0.0..=100.0).contains(&d.renewable_share_pct), "{year}");
        assert!(d.co2_mt > 0.0 && d.operational_g_per_kwh > 0.0, "{year}");
        // Combustion-only is below the life cycle: the upstream part is left out.
        assert!(d.co2_mt < d.co2_mt_lifecycle, "{year}");
    }
}

/// A map's renewable share, computed here from the presets without the module's helpers.
fn hand_renewable_pct(library: &PresetLibrary, id: &str) -> f64 {
    let renewable = |r: &crate::presets::RegionPreset| {
        let m = &r.mix.shares;
        use crate::model::EnergySource as S;
        m.get(S::Hydro)
            + m.get(S::Wind)
            + m.get(S::Solar)
            + m.get(S::Geothermal)
            + m.get(S::Biomass)
    };
    let map = library.mining_map(id).unwrap();
    let world = renewable(library.region("world").unwrap());
    let placed: f64 = map.shares.iter().map(|s| s.share_pct).sum();
    let weighted: f64 = map
        .shares
        .iter()
        .map(|s| s.share_pct * renewable(library.region(&s.region).unwrap()))
        .sum();
    (weighted + (100.0 - placed).max(0.0) * world) / placed.max(100.0)
}

#[test]
fn at_a_maps_month_the_renewable_share_is_that_maps() {
    let library = PresetLibrary::builtin();
    let history = History::builtin();
    for map in library.mining_maps() {
        let at = month(&map.date.to_string()[..7]);
        let d = disclose(&history, &library, 0.05, at, at).unwrap();
        let expected = hand_renewable_pct(&library, &map.id);
        assert!(
            close(d.renewable_share_pct, expected),
            "{}: {} against {expected}",
            map.id,
            d.renewable_share_pct
        );
        assert!((0.0..=100.0).contains(&expected));
        assert_eq!(d.maps, vec![map.id.clone()]);
    }
    // Twelve months after the last map: its share throughout.
    let (from, to) = (month("2025-01"), month("2025-12"));
    let d = disclose(&history, &library, 0.05, from, to).unwrap();
    assert_eq!(d.maps, vec!["ccaf-2022-01", "ccaf-2025-survey"]);
    let (a, b) = (
        hand_renewable_pct(&library, "ccaf-2022-01"),
        hand_renewable_pct(&library, "ccaf-2025-survey"),
    );
    assert!(d.renewable_share_pct > a.min(b) && d.renewable_share_pct < a.max(b));
    let d = disclose(&history, &library, 0.05, month("2025-05"), to).unwrap();
    assert!(close(d.renewable_share_pct, b));
}

#[test]
fn the_life_cycle_intensity_between_maps_is_the_history_tabs() {
    let library = PresetLibrary::builtin();
    let maps = map_figures(&library).unwrap();
    let points = cbeci::map_points(&library);
    assert_eq!(maps.len(), points.len());
    for record in &History::builtin().months {
        let (expected, before) = cbeci::intensity_at(&points, record.month);
        let f = figures_at(&maps, record.month).unwrap();
        assert!(close(f.lifecycle_g_per_kwh, expected), "{}", record.month);
        assert_eq!(f.before_first_map, before);
    }
}

#[test]
fn a_period_outside_the_history_or_reversed_is_refused() {
    let library = PresetLibrary::builtin();
    let history = History::builtin();
    let err = disclose(&history, &library, 0.05, month("2009-01"), month("2010-12")).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "2009-01 is outside the history (2010-07 to {}).",
            history.last()
        )
    );
    let err = disclose(&history, &library, 0.05, month("2024-05"), month("2024-01")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "The end month 2024-01 is before the start month 2024-05."
    );
    assert_eq!(
        err.localized(Lang::Zh),
        "结束月 2024-01 早于起始月 2024-05。"
    );
}

#[test]
fn the_notes_state_the_period_and_a_period_other_than_twelve_months() {
    let library = PresetLibrary::builtin();
    let history = History::builtin();
    let (from, to) = last_twelve_months(&history);
    assert_eq!(to, history.last());
    assert_eq!(to.index() - from.index(), 11);
    let d = disclose(&history, &library, 0.05, from, to).unwrap();
    assert_eq!(d.months, 12);
    let n = notes(&d, Lang::En);
    assert_eq!(
        n[0],
        format!(
            "Period: {from} to {to}, 12 months. Electricity price of the profitability filter: $0.05/kWh."
        )
    );
    assert!(!n.iter().any(|l| l.starts_with("MiCA asks")));
    let d = disclose(&history, &library, 0.05, month("2024-01"), month("2024-06")).unwrap();
    assert!(
        notes(&d, Lang::En).contains(&"MiCA asks for 12 months: this period has 6.".to_string())
    );
    // Every source is named, with the maps the period rests on.
    let s = sources(&d, &library, Lang::En);
    assert!(s[0].contains("2025/422"));
    assert!(s.iter().any(|l| l.starts_with("Mining map ")), "{s:?}");
    assert!(
        s.iter().any(|l| l.starts_with("Combustion factors: ")),
        "{s:?}"
    );
    let zh = sources(&d, &library, Lang::Zh);
    assert_eq!(zh.len(), s.len());
    assert!(differences(&d, Lang::En).contains(&crate::format::number(d.co2_mt_lifecycle)));
}

#[test]
fn the_rows_carry_the_mica_codes_and_the_contract_keys() {
    let library = PresetLibrary::builtin();
    let history = with_counts();
    let d = disclose(&history, &library, 0.05, month("2024-01"), month("2024-03")).unwrap();
    let rows = rows(&d, &library, Lang::En);
    let codes: Vec<(&str, &str)> = rows.iter().map(|r| (r.code, r.key)).collect();
    assert_eq!(
        codes,
        [
            ("S.8", "energy_twh"),
            ("", "energy_twh_lower"),
            ("", "energy_twh_upper"),
            ("S.10", "renewable_share_pct"),
            ("", "transactions"),
            ("S.11", "kwh_per_transaction"),
            ("S.13", "co2_mt"),
            ("S.14", "kg_co2_per_transaction"),
        ]
    );
    assert_eq!(rows[0].value, Some(d.energy_twh));
    assert!(
        rows[0]
            .method
            .contains(&crate::format::number(d.energy_twh_upper))
    );
    assert_eq!(rows[1].value, Some(d.energy_twh_lower));
    assert_eq!(rows[2].value, Some(d.energy_twh_upper));
    assert_eq!(value_text(&rows[4], Lang::En), "33,000,000");
    assert!(
        rows[6].method.contains("Direct combustion only"),
        "{}",
        rows[6].method
    );
}

#[test]
fn a_higher_price_filters_machines_and_lowers_the_upper_bound() {
    let library = PresetLibrary::builtin();
    let history = History::builtin();
    let at = |p: f64| disclose(&history, &library, p, month("2022-01"), month("2022-12")).unwrap();
    assert!(at(0.03).energy_twh_upper >= at(0.12).energy_twh_upper);
}
