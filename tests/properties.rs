//! Properties of the engine and of scenario files over random valid scenarios (proptest).
//!
//! The strategies build `ScenarioDoc`s within the ranges of `src/model/limits.rs`, naming the
//! built-in presets by id, and resolve them against `PresetLibrary::builtin()`. Every run uses
//! the same seed, so a run is deterministic; `PROPTEST_CASES` changes the number of cases
//! (256 per property by default).

use hashwatt::model::levers::{Curtailment, FlaredGas, HeatReuse, RenewableSupply};
use hashwatt::model::limits::{self, Limit};
use hashwatt::model::{
    DAYS_PER_MONTH, DAYS_PER_YEAR, EnergyMix, EnergySource, Evaluation, IntensityMethod, Levers,
    NetworkSpec, Projection, ProjectionSettings, Scenario, SubsidySpec, evaluate, project,
};
use hashwatt::presets::PresetLibrary;
use hashwatt::scenario_file::{FleetEntryDoc, MarketDoc, SCENARIO_VERSION, ScenarioDoc, SiteDoc};
use hashwatt::scenario_io::{parse_scenario, parse_scenario_noting, scenario_to_ron};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, RngSeed};
use std::sync::LazyLock;

/// Cases per property, unless `PROPTEST_CASES` says otherwise (each case is a resolve, an
/// evaluation and a projection: a few milliseconds at most in a debug build).
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(CASES);
    ProptestConfig {
        cases,
        // proptest's default features are off: no file persistence, and a fixed seed so every
        // run checks the same cases.
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(0x6861_7368_7761_7474),
        ..ProptestConfig::default()
    }
}

static LIB: LazyLock<PresetLibrary> = LazyLock::new(|| {
    let lib = PresetLibrary::builtin();
    assert!(
        lib.problems.is_empty(),
        "built-in presets: {:?}",
        lib.problems
    );
    lib
});

fn ids<'a>(it: impl Iterator<Item = &'a str>) -> Vec<String> {
    let v: Vec<String> = it.map(str::to_string).collect();
    assert!(!v.is_empty());
    v
}

fn region_ids() -> Vec<String> {
    ids(LIB.regions().map(|r| r.id.as_str()))
}
fn miner_ids() -> Vec<String> {
    ids(LIB.miners().map(|m| m.id.as_str()))
}
fn table_ids() -> Vec<String> {
    ids(LIB.emission_tables().map(|t| t.id.as_str()))
}
fn market_ids() -> Vec<String> {
    ids(LIB.markets().map(|m| m.id.as_str()))
}

// ---------------------------------------------------------------------------------------------
// Strategies: valid documents, with numbers in ranges where floats behave.

/// Free text for names and descriptions: any characters, newlines, quotes and backslashes
/// included (they must survive a save and an open).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ,.'-]{1,24}",
        "(?s).{0,16}",
        "[\"\\\\/*(),:\n\t ¢€°₂中文é]{0,12}",
    ]
}

/// A valid mix: 1 to 10 sources with positive shares summing to 100 (within rounding).
fn mix() -> impl Strategy<Value = EnergyMix> {
    (
        prop::array::uniform10(prop_oneof![2 => Just(0u32), 3 => 1u32..=100]),
        0usize..10,
    )
        .prop_map(|(mut weights, fallback)| {
            if weights.iter().all(|w| *w == 0) {
                weights[fallback] = 1;
            }
            let total: u32 = weights.iter().sum();
            let mut mix = EnergyMix::default();
            for (source, w) in EnergySource::ALL.into_iter().zip(weights) {
                mix.set(source, f64::from(w) * 100.0 / f64::from(total));
            }
            mix
        })
}

fn intensity_method() -> impl Strategy<Value = IntensityMethod> {
    prop_oneof![Just(IntensityMethod::Measured), Just(IntensityMethod::Mix)]
}

prop_compose! {
    fn site()(
        place in prop_oneof![
            prop::sample::select(region_ids()).prop_map(|r| (Some(r), None)),
            mix().prop_map(|m| (None, Some(m))),
            (prop::sample::select(region_ids()), mix()).prop_map(|(r, m)| (Some(r), Some(m))),
            Just((None, None)),
        ],
        intensity_method in intensity_method(),
        emission_table in prop::sample::select(table_ids()),
        electricity_usd_per_kwh in prop::option::of(prop_oneof![Just(0.0), 0.0..0.5f64, 0.0..=100.0f64]),
        pue in prop_oneof![Just(1.0), 1.0..=5.0f64],
        uptime_pct in prop_oneof![Just(0.0), Just(100.0), 0.0..=100.0f64],
        pool_fee_pct in prop_oneof![Just(0.0), 0.0..5.0f64, 0.0..=100.0f64],
        opex_usd_per_month in prop_oneof![Just(0.0), 0.0..1e7f64],
        carbon_price_usd_per_t in prop_oneof![Just(0.0), 0.0..1e3f64],
    ) -> SiteDoc {
        // A region without a sourced price needs the scenario's own: a valid document gives it.
        let priceless = place
            .0
            .as_deref()
            .and_then(|id| LIB.region(id))
            .is_some_and(|r| r.electricity_price_usd_per_kwh.is_none());
        let electricity_usd_per_kwh = match electricity_usd_per_kwh {
            None if priceless => Some(0.05),
            price => price,
        };
        SiteDoc {
            region: place.0,
            mix: place.1,
            intensity_method,
            emission_table,
            electricity_usd_per_kwh,
            pue,
            uptime_pct,
            pool_fee_pct,
            opex_usd_per_month,
            carbon_price_usd_per_t,
        }
    }
}

prop_compose! {
    fn preset_entry()(
        miner in prop::sample::select(miner_ids()),
        name in prop::option::of(text()),
        hashrate_ths in prop::option::of(0.0..2000.0f64),
        power_w in prop::option::of(0.0..20000.0f64),
        units in prop_oneof![Just(0u32), 1u32..=10_000],
        unit_cost_usd in prop::option::of(0.0..20000.0f64),
    ) -> FleetEntryDoc {
        FleetEntryDoc { miner: Some(miner), name, hashrate_ths, power_w, units, unit_cost_usd, modes: Vec::new() }
    }
}

prop_compose! {
    fn custom_entry()(
        name in prop::option::of(text()),
        hashrate_ths in prop_oneof![Just(0.0), 0.0..2000.0f64],
        power_w in prop_oneof![Just(0.0), 0.0..20000.0f64],
        units in prop_oneof![Just(0u32), 1u32..=10_000],
        unit_cost_usd in prop::option::of(0.0..20000.0f64),
    ) -> FleetEntryDoc {
        FleetEntryDoc {
            miner: None,
            name,
            hashrate_ths: Some(hashrate_ths),
            power_w: Some(power_w),
            units,
            unit_cost_usd,
            modes: Vec::new(),
        }
    }
}

fn fleet() -> impl Strategy<Value = Vec<FleetEntryDoc>> {
    prop::collection::vec(prop_oneof![3 => preset_entry(), 1 => custom_entry()], 0..4)
}

fn network() -> impl Strategy<Value = NetworkSpec> {
    prop_oneof![
        (0.01..5000.0f64).prop_map(NetworkSpec::HashrateEhs),
        (1e9..1e15f64).prop_map(NetworkSpec::Difficulty),
    ]
}

fn subsidy() -> impl Strategy<Value = SubsidySpec> {
    prop_oneof![
        prop_oneof![Just(0.0), Just(3.125), 0.0..=50.0f64].prop_map(SubsidySpec::Btc),
        prop_oneof![0u64..=1_500_000, 0u64..=1_000_000_000].prop_map(SubsidySpec::BlockHeight),
    ]
}

prop_compose! {
    fn market()(
        preset in prop::option::of(prop::sample::select(market_ids())),
        btc_price_usd in prop::option::of(prop_oneof![Just(0.0), 0.0..500_000.0f64]),
        network in prop::option::of(network()),
        subsidy in prop::option::of(subsidy()),
        fees_btc_per_block in prop::option::of(prop_oneof![Just(0.0), 0.0..5.0f64]),
    ) -> MarketDoc {
        MarketDoc { preset, btc_price_usd, network, subsidy, fees_btc_per_block }
    }
}

prop_compose! {
    fn projection()(
        months in prop_oneof![1u32..=120, Just(1200u32)],
        difficulty_growth_pct_per_year in -90.0..300.0f64,
        btc_price_growth_pct_per_year in -90.0..300.0f64,
        halving_difficulty_drop_pct in prop_oneof![Just(0.0), 0.0..=99.0f64],
        hardware_resale_pct in 0.0..=100.0f64,
        switch_off_when_losing in proptest::bool::ANY,
    ) -> ProjectionSettings {
        ProjectionSettings {
            months,
            difficulty_growth_pct_per_year,
            btc_price_growth_pct_per_year,
            halving_difficulty_drop_pct,
            hardware_resale_pct,
            switch_off_when_losing,
            ..ProjectionSettings::default()
        }
    }
}

fn levers() -> impl Strategy<Value = Levers> {
    let renewable =
        (0.0..=100.0f64, 0.0..1000.0f64, 0.0..0.5f64).prop_map(|(s, i, p)| RenewableSupply {
            share_pct: s,
            intensity_g_per_kwh: i,
            price_usd_per_kwh: p,
        });
    let curtailment = (0.0..=8766.0f64, 0.0..1000.0f64).prop_map(|(h, c)| Curtailment {
        hours_per_year: h,
        credit_usd_per_mwh: c,
    });
    let heat = (0.0..=100.0f64, 0.0..200.0f64, 0.0..500.0f64).prop_map(|(s, p, g)| HeatReuse {
        share_pct: s,
        price_usd_per_mwh_heat: p,
        displaced_g_per_kwh_heat: g,
    });
    let flared = (0.0..1000.0f64, 0.0..2000.0f64).prop_map(|(g, a)| FlaredGas {
        generator_g_per_kwh: g,
        avoided_flaring_g_per_kwh: a,
    });
    prop_oneof![
        // Half the scenarios have no lever at all: the base definitions.
        Just(Levers::default()),
        (
            prop::option::of(renewable),
            prop::option::of(curtailment),
            prop::option::of(heat),
            prop::option::of(flared),
        )
            .prop_map(|(renewable, curtailment, heat_reuse, flared_gas)| Levers {
                renewable,
                curtailment,
                heat_reuse,
                flared_gas,
            }),
    ]
}

prop_compose! {
    fn doc()(
        name in text(),
        name_zh in text(),
        description in text(),
        description_zh in text(),
        site in site(),
        fleet in fleet(),
        market in market(),
        hardware_life_years in prop_oneof![Just(4.0), 0.01..=100.0f64],
        projection in projection(),
        levers in levers(),
    ) -> ScenarioDoc {
        ScenarioDoc {
            version: SCENARIO_VERSION,
            name,
            name_zh,
            description,
            description_zh,
            site,
            fleet,
            market,
            hardware_life_years,
            projection,
            levers,
            dispatch: Default::default(),
            instruments: Default::default(),
            presets: Default::default(),
            imported_from: None,
            imported_on: None,
        }
    }
}

/// A valid document with its resolved scenario.
fn resolved() -> impl Strategy<Value = (ScenarioDoc, Scenario)> {
    doc().prop_map(|doc| {
        let scenario = doc
            .resolve(&*LIB)
            .unwrap_or_else(|e| panic!("a valid document must resolve: {e}\n{doc:#?}"));
        (doc, scenario)
    })
}

// ---------------------------------------------------------------------------------------------
// Helpers.

/// `a` equals `b` up to a few rounding steps.
fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

macro_rules! assert_close {
    ($a:expr, $b:expr, $what:expr) => {{
        let (a, b) = ($a, $b);
        prop_assert!(close(a, b), "{}: {} != {}", $what, a, b);
    }};
}

/// Every number of an evaluation, named: the 22 figures of the contract (undefined ones
/// skipped), the levers' figures, the intensity band and the hardware figures.
fn evaluation_numbers(e: &Evaluation) -> Vec<(&'static str, f64)> {
    let mut out: Vec<(&'static str, f64)> =
        hashwatt::figures::Figure::of_group(hashwatt::figures::Group::Contract)
            .filter_map(|f| f.value(e).map(|v| (f.key(), v)))
            .collect();
    let optional = [
        ("effective_uptime_pct", e.effective_uptime_pct),
        (
            "curtailment_credit_usd_per_day",
            e.curtailment_credit_usd_per_day,
        ),
        ("supply_price_usd_per_kwh", e.supply_price_usd_per_kwh),
        ("heat_revenue_usd_per_day", e.heat_revenue_usd_per_day),
        (
            "heat_displaced_co2_t_per_year",
            e.heat_displaced_co2_t_per_year,
        ),
        (
            "flaring_avoided_co2_t_per_year",
            e.flaring_avoided_co2_t_per_year,
        ),
    ];
    out.extend(optional.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))));
    out.extend([
        ("intensity_band.low", e.intensity_band.low_g_per_kwh),
        ("intensity_band.central", e.intensity_band.central_g_per_kwh),
        ("intensity_band.high", e.intensity_band.high_g_per_kwh),
        ("hardware_cost_usd", e.hardware_cost_usd),
        ("depreciation_usd_per_day", e.depreciation_usd_per_day),
    ]);
    let (low, high) = e.carbon_band(e.co2_t_per_year);
    out.extend([("carbon_band.low", low), ("carbon_band.high", high)]);
    out
}

/// Every number of a projection: each month's figures, the halvings and the totals.
fn projection_numbers(p: &Projection) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    for m in &p.months {
        let n = m.month;
        for (k, v) in [
            ("end_day", m.end_day),
            ("network_hashrate_ehs", m.network_hashrate_ehs),
            ("btc_price_usd", m.btc_price_usd),
            ("block_subsidy_btc", m.block_subsidy_btc),
            ("btc_mined", m.btc_mined),
            ("revenue_usd", m.revenue_usd),
            ("other_income_usd", m.other_income_usd),
            ("electricity_cost_usd", m.electricity_cost_usd),
            ("opex_usd", m.opex_usd),
            ("carbon_cost_usd", m.carbon_cost_usd),
            ("profit_usd", m.profit_usd),
            ("cumulative_cash_flow_usd", m.cumulative_cash_flow_usd),
            ("cumulative_btc", m.cumulative_btc),
        ] {
            out.push((format!("months[{n}].{k}"), v));
        }
    }
    for h in &p.halvings {
        out.push((format!("halving {}.day", h.height), h.day));
        out.push((
            format!("halving {}.subsidy_after_btc", h.height),
            h.subsidy_after_btc,
        ));
    }
    let totals = [
        ("hardware_cost_usd", Some(p.hardware_cost_usd)),
        ("resale_usd", Some(p.resale_usd)),
        ("total_btc", Some(p.total_btc)),
        ("total_revenue_usd", Some(p.total_revenue_usd)),
        ("total_cash_cost_usd", Some(p.total_cash_cost_usd)),
        ("cash_cost_per_btc_usd", p.cash_cost_per_btc_usd),
        ("all_in_cost_per_btc_usd", p.all_in_cost_per_btc_usd),
    ];
    out.extend(
        totals
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_string(), v))),
    );
    out
}

fn first_non_finite<K: std::fmt::Display>(numbers: &[(K, f64)]) -> Option<String> {
    numbers
        .iter()
        .find(|(_, v)| !v.is_finite())
        .map(|(k, v)| format!("{k} = {v}"))
}

// ---------------------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(config())]

    /// Power, energy and CO₂ follow from one another exactly as Methods says:
    /// `power_kw = Σ units × W × PUE / 1000`, `energy_kwh_per_day = power_kw × 24 × uptime`
    /// (× the running share under demand response), a year of 365.25 days, and a projection
    /// month that is a twelfth of it.
    #[test]
    fn energy_is_power_times_time((doc, scenario) in resolved()) {
        let e = evaluate(&scenario);
        let it_power_w: f64 = scenario
            .fleet
            .iter()
            .map(|g| f64::from(g.units) * g.power_w)
            .sum();
        let hashrate_ths: f64 = scenario
            .fleet
            .iter()
            .map(|g| f64::from(g.units) * g.hashrate_ths)
            .sum();
        assert_close!(e.fleet_hashrate_ths, hashrate_ths, "fleet hashrate");
        let power_kw = it_power_w * scenario.site.pue / 1000.0;
        assert_close!(e.power_kw, power_kw, "power_kw");

        let running = scenario
            .levers
            .curtailment
            .map_or(1.0, |c| 1.0 - c.hours_per_year / 8766.0);
        let uptime = scenario.site.uptime_pct / 100.0 * running;
        assert_close!(e.energy_kwh_per_day, power_kw * 24.0 * uptime, "energy_kwh_per_day");
        assert_close!(
            e.energy_mwh_per_year,
            e.energy_kwh_per_day * DAYS_PER_YEAR / 1000.0,
            "energy_mwh_per_year"
        );
        if doc.levers.curtailment.is_some() {
            let effective = e.effective_uptime_pct.expect("demand response gives the uptime");
            assert_close!(effective, scenario.site.uptime_pct * running, "effective uptime");
        } else {
            prop_assert_eq!(e.effective_uptime_pct, None);
        }
        // Energy never exceeds the power drawn all day long.
        prop_assert!(e.energy_kwh_per_day <= power_kw * 24.0 * (1.0 + 1e-12));
        prop_assert!(e.energy_kwh_per_day >= 0.0);

        assert_close!(
            e.co2_kg_per_day,
            e.energy_kwh_per_day * e.grid_intensity_g_per_kwh / 1000.0,
            "co2_kg_per_day"
        );
        assert_close!(
            e.co2_t_per_year,
            e.co2_kg_per_day / 1000.0 * DAYS_PER_YEAR,
            "co2_t_per_year"
        );
        if let Some(per_btc) = e.energy_kwh_per_btc {
            assert_close!(per_btc * e.btc_per_day, e.energy_kwh_per_day, "energy_kwh_per_btc");
        }

        // The projection's months use the same energy: a month is a twelfth of a year. A month
        // the fleet is switched off uses none.
        let p = project(&scenario, &doc.projection);
        prop_assert_eq!(p.months.len(), doc.projection.months as usize);
        for m in &p.months {
            if m.switched_off {
                prop_assert!(doc.projection.switch_off_when_losing);
                prop_assert_eq!((m.electricity_cost_usd, m.carbon_cost_usd), (0.0, 0.0));
                prop_assert_eq!(m.btc_mined, 0.0);
                continue;
            }
            assert_close!(
                m.electricity_cost_usd,
                e.energy_kwh_per_day * DAYS_PER_MONTH
                    * scenario.levers.supply_price(scenario.site.electricity_usd_per_kwh),
                format!("months[{}].electricity_cost_usd", m.month)
            );
            assert_close!(
                m.carbon_cost_usd,
                e.carbon_cost_usd_per_day * DAYS_PER_MONTH,
                format!("months[{}].carbon_cost_usd", m.month)
            );
        }
    }

    /// No figure is NaN or infinite: an undefined one is `None`. Over the evaluation, the
    /// projection's months and totals, and the text of the `--json` object.
    #[test]
    fn no_nan_or_infinity((doc, scenario) in resolved()) {
        let e = evaluate(&scenario);
        if let Some(bad) = first_non_finite(&evaluation_numbers(&e)) {
            prop_assert!(false, "evaluation: {}", bad);
        }
        let json = serde_json::to_value(&e).expect("an evaluation serialises");
        for (key, value) in json.as_object().expect("an object") {
            prop_assert!(value.is_null() || value.is_number(), "{}: {}", key, value);
        }
        // Undefined figures are None only where Methods says a division by zero can occur.
        prop_assert_eq!(e.break_even_btc_price_usd.is_none(), e.btc_per_day == 0.0);
        prop_assert_eq!(e.energy_kwh_per_btc.is_none(), e.btc_per_day == 0.0);
        prop_assert_eq!(e.efficiency_j_per_th.is_none(), e.fleet_hashrate_ths == 0.0);
        if let Some(days) = e.payback_days {
            prop_assert!(days > 0.0, "payback_days = {}", days);
        }

        let p = project(&scenario, &doc.projection);
        if let Some(bad) = first_non_finite(&projection_numbers(&p)) {
            prop_assert!(false, "projection: {}", bad);
        }
        if let Some(month) = p.payback_month {
            prop_assert!((1..=doc.projection.months).contains(&month));
        }
    }

    /// The break-even BTC price never falls as the power price rises, all else equal, and the
    /// daily profit never rises.
    #[test]
    fn break_even_btc_price_rises_with_electricity_price(
        (_doc, scenario) in resolved(),
        a in prop_oneof![Just(0.0), 0.0..0.5f64, 0.0..=100.0f64],
        b in prop_oneof![Just(0.0), 0.0..0.5f64, 0.0..=100.0f64],
    ) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let at = |price: f64| {
            let mut s = scenario.clone();
            s.site.electricity_usd_per_kwh = price;
            prop_assert!(s.validate().is_ok());
            Ok(evaluate(&s))
        };
        let (cheap, dear) = (at(low)?, at(high)?);
        prop_assert_eq!(cheap.btc_per_day, dear.btc_per_day);
        match (cheap.break_even_btc_price_usd, dear.break_even_btc_price_usd) {
            (Some(x), Some(y)) => prop_assert!(
                x <= y,
                "break-even {} at ${}/kWh but {} at ${}/kWh", x, low, y, high
            ),
            (None, None) => prop_assert_eq!(cheap.btc_per_day, 0.0),
            (x, y) => prop_assert!(false, "defined at one price only: {:?} / {:?}", x, y),
        }
        prop_assert!(dear.profit_usd_per_day <= cheap.profit_usd_per_day);
        prop_assert!(dear.electricity_cost_usd_per_day >= cheap.electricity_cost_usd_per_day);
    }

    /// A mix-based grid intensity (and each end of its band) lies between the smallest and the
    /// largest emission factor of the sources in the mix. A measured one is the region's figure.
    #[test]
    fn mix_intensity_lies_between_the_mix_sources_factors(
        (doc, scenario) in resolved(),
    ) {
        // Levers that replace or blend the grid's intensity are another property.
        let mut scenario = scenario;
        scenario.levers.renewable = None;
        scenario.levers.flared_gas = None;
        let e = evaluate(&scenario);
        let grid = &scenario.site.grid;
        match grid.effective_method() {
            IntensityMethod::Measured => {
                let region = LIB.region(doc.site.preset_region_id().expect("a region")).unwrap();
                prop_assert_eq!(e.grid_intensity_g_per_kwh, region.intensity.g_per_kwh);
                prop_assert_eq!(Some(region.intensity.g_per_kwh), grid.measured_intensity_g_per_kwh());
            }
            IntensityMethod::Mix => {
                let table = LIB.emission_table(&doc.site.emission_table).unwrap().factors();
                prop_assert_eq!(grid.factors(), &table);
                // A published mix may sum to 100 ± 0.1 %: the bounds scale with its total.
                let total = grid.mix().total_pct() / 100.0;
                prop_assert!((total - 1.0).abs() <= 0.001 + 1e-12, "total {}", total);
                let present: Vec<EnergySource> = grid
                    .mix()
                    .iter()
                    .filter(|(_, share)| *share > 0.0)
                    .map(|(s, _)| s)
                    .collect();
                prop_assert!(!present.is_empty());
                for (end, factors, value) in [
                    ("central", &table.central_g_per_kwh, e.intensity_band.central_g_per_kwh),
                    ("low", &table.low_g_per_kwh, e.intensity_band.low_g_per_kwh),
                    ("high", &table.high_g_per_kwh, e.intensity_band.high_g_per_kwh),
                ] {
                    let min = present.iter().map(|s| factors.get(*s)).fold(f64::INFINITY, f64::min);
                    let max = present.iter().map(|s| factors.get(*s)).fold(0.0, f64::max);
                    let (lo, hi) = (min * total * (1.0 - 1e-12), max * total * (1.0 + 1e-12));
                    prop_assert!(
                        lo <= value && value <= hi,
                        "{} intensity {} outside [{}, {}] for the mix {:?}", end, value, lo, hi, grid.mix()
                    );
                    // A mix the strategy made sums to 100 within rounding: the plain bounds hold.
                    if doc.site.mix.is_some() {
                        prop_assert!(
                            min * (1.0 - 1e-12) <= value && value <= max * (1.0 + 1e-12),
                            "{} intensity {} outside [{}, {}]", end, value, min, max
                        );
                    }
                }
                prop_assert_eq!(e.grid_intensity_g_per_kwh, e.intensity_band.central_g_per_kwh);
            }
        }
    }

    /// Save then open gives the same document, the same text when saved again, and the same
    /// resolved scenario.
    #[test]
    fn save_and_open_round_trip((doc, scenario) in resolved()) {
        let text = scenario_to_ron(&doc);
        prop_assert!(text.starts_with("// hashwatt scenario (format version 4)\n"), "{}", text);
        let (opened, migration) = match parse_scenario_noting("round-trip.ron", &text) {
            Ok(ok) => ok,
            Err(e) => {
                prop_assert!(false, "the saved text does not open: {}\n{}", e, text);
                unreachable!()
            }
        };
        prop_assert_eq!(migration, None);
        prop_assert_eq!(&opened, &doc, "opened != saved; the text:\n{}", text);
        prop_assert_eq!(scenario_to_ron(&opened), text.clone());
        let plain = parse_scenario("round-trip.ron", &text);
        prop_assert_eq!(plain.as_ref(), Ok(&doc));
        let again = opened.resolve(&*LIB);
        prop_assert_eq!(again.as_ref(), Ok(&scenario));
    }
}

// ---------------------------------------------------------------------------------------------
// Over the whole allowed range of every input.

/// A value within `limit`: its ends, just inside them, and values spread over it (log-uniform
/// over its orders of magnitude, so tiny and huge values both come up).
fn within(limit: Limit) -> BoxedStrategy<f64> {
    let Limit {
        min,
        max,
        min_exclusive,
        integer,
        ..
    } = limit;
    let low = match (min_exclusive, integer) {
        (true, true) => min + 1.0,
        (true, false) => min.next_up(),
        (false, _) => min,
    };
    let round = move |x: f64| {
        let x = if integer { x.round() } else { x };
        x.clamp(low, max)
    };
    let span_top = max.abs().max(1.0).log10();
    let magnitudes = (-300.0f64..=span_top, any::<bool>()).prop_map(move |(e, neg)| {
        let x = 10f64.powf(e);
        round(if neg && min < 0.0 {
            -x.min(-min)
        } else {
            min.max(0.0) + x
        })
    });
    prop_oneof![
        Just(low),
        Just(max),
        (low..=max).prop_map(round),
        magnitudes,
    ]
    .boxed()
}

fn percent() -> BoxedStrategy<f64> {
    within(limits::PERCENT)
}

/// A network within its limits but at least `floor_ehs` EH/s (as a hashrate or a difficulty).
fn network_from(floor_ehs: f64) -> BoxedStrategy<NetworkSpec> {
    let floor_difficulty = floor_ehs * 1e18 * 600.0 / 4_294_967_296.0;
    prop_oneof![
        within(limits::NETWORK_HASHRATE_EHS)
            .prop_map(move |x| NetworkSpec::HashrateEhs(x.max(floor_ehs))),
        within(limits::DIFFICULTY)
            .prop_map(move |x| NetworkSpec::Difficulty(x.max(floor_difficulty))),
    ]
    .boxed()
}

/// Projection settings within their limits, the yearly network growth at least `min_growth`.
fn projection_from(min_growth: f64) -> BoxedStrategy<ProjectionSettings> {
    (
        within(limits::PROJECTION_MONTHS),
        within(limits::GROWTH_PCT_PER_YEAR),
        within(limits::GROWTH_PCT_PER_YEAR),
        within(limits::HALVING_DROP_PCT),
        percent(),
    )
        .prop_map(
            move |(months, growth, price_growth, drop, resale)| ProjectionSettings {
                months: months as u32,
                difficulty_growth_pct_per_year: growth.max(min_growth),
                btc_price_growth_pct_per_year: price_growth,
                halving_difficulty_drop_pct: drop,
                hardware_resale_pct: resale,
                switch_off_when_losing: false,
                ..ProjectionSettings::default()
            },
        )
        .boxed()
}

prop_compose! {
    /// A scenario with every input anywhere within its limits (a custom fleet and mix, every
    /// market value given), the network at least `floor_ehs` EH/s.
    fn extreme_scenario(floor_ehs: f64)(
        mix in mix(),
        measured in prop::option::of(within(limits::INTENSITY_G_PER_KWH)),
        method in intensity_method(),
        table in prop::sample::select(table_ids()),
        electricity in within(limits::ELECTRICITY_USD_PER_KWH),
        pue in within(limits::PUE),
        uptime in percent(),
        pool_fee in percent(),
        opex in within(limits::OPEX_USD_PER_MONTH),
        carbon_price in within(limits::CARBON_PRICE_USD_PER_T),
        fleet in prop::collection::vec(
            (
                within(limits::HASHRATE_THS),
                within(limits::POWER_W),
                within(limits::UNITS),
                within(limits::UNIT_COST_USD),
            ),
            0..3,
        ),
        life in within(limits::HARDWARE_LIFE_YEARS),
        btc_price in within(limits::BTC_PRICE_USD),
        network in network_from(floor_ehs),
        subsidy in prop_oneof![
            within(limits::BLOCK_SUBSIDY_BTC).prop_map(SubsidySpec::Btc),
            within(limits::BLOCK_HEIGHT).prop_map(|h| SubsidySpec::BlockHeight(h as u64)),
        ],
        fees in within(limits::FEES_BTC_PER_BLOCK),
        levers in levers(),
    ) -> Scenario {
        let doc = ScenarioDoc {
            site: SiteDoc {
                mix: Some(mix),
                intensity_method: method,
                emission_table: table,
                electricity_usd_per_kwh: Some(electricity),
                pue,
                uptime_pct: uptime,
                pool_fee_pct: pool_fee,
                opex_usd_per_month: opex,
                carbon_price_usd_per_t: carbon_price,
                ..SiteDoc::default()
            },
            fleet: fleet
                .into_iter()
                .map(|(hashrate, power, units, cost)| FleetEntryDoc {
                    miner: None,
                    name: None,
                    hashrate_ths: Some(hashrate),
                    power_w: Some(power),
                    units: units as u32,
                    unit_cost_usd: Some(cost),
                    modes: Vec::new(),
                })
                .collect(),
            market: MarketDoc {
                preset: None,
                btc_price_usd: Some(btc_price),
                network: Some(network),
                subsidy: Some(subsidy),
                fees_btc_per_block: Some(fees),
            },
            hardware_life_years: life,
            levers,
            ..ScenarioDoc::default()
        };
        let mut scenario = doc
            .resolve(&*LIB)
            .unwrap_or_else(|e| panic!("a document within the limits must resolve: {e}\n{doc:#?}"));
        // A measured intensity (a region's) anywhere within its limit, or none.
        scenario.site.grid.set_measured_intensity_g_per_kwh(measured);
        assert!(scenario.validate().is_ok());
        scenario
    }
}

/// Checks that neither the evaluation nor the projection of `scenario` holds NaN or infinity.
fn all_finite(scenario: &Scenario, settings: &ProjectionSettings) -> Result<(), TestCaseError> {
    prop_assert!(settings.validate().is_ok());
    let e = evaluate(scenario);
    if let Some(bad) = first_non_finite(&evaluation_numbers(&e)) {
        prop_assert!(false, "evaluation: {}", bad);
    }
    let p = project(scenario, settings);
    if let Some(bad) = first_non_finite(&projection_numbers(&p)) {
        prop_assert!(false, "projection: {}", bad);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// No NaN or infinity with every input anywhere within its limits (ends included, tiny and
    /// huge values alike), except a network below 1e-6 EH/s (1 TH/s, a single machine) and a
    /// network shrinking by more than half a year: see the ignored test below.
    #[test]
    fn no_nan_or_infinity_over_the_whole_range_of_inputs(
        scenario in extreme_scenario(1e-6),
        settings in projection_from(-50.0),
    ) {
        all_finite(&scenario, &settings)?;
    }
}

/// The limits' own promise (`src/model/limits.rs`: the bounds "keep every product of inputs
/// finite, so no output can overflow to infinity") over the whole allowed range, ends included.
/// (It once failed: a network of 1e-300 EH/s was allowed, and a projection's shrinking network
/// had no floor.)
#[test]
fn no_nan_or_infinity_anywhere_within_the_limits() {
    let mut runner = proptest::test_runner::TestRunner::new(config());
    runner
        .run(
            &(extreme_scenario(0.0), projection_from(-100.0)),
            |(scenario, settings)| all_finite(&scenario, &settings),
        )
        .unwrap();
}
