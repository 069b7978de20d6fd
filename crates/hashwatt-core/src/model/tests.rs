//! Tests of every definition in the engine, and of the published figures it must reproduce
//! (`methods.md`: Hashrate Index, Galaxy Research, Cambridge, Braiins).

use super::*;

/// Hand-checkable numbers: 10 machines of 100 TH/s at 3,000 W on a half-coal, half-hydro grid.
fn fixture() -> Scenario {
    Scenario {
        site: Site {
            grid: Grid::new(
                EnergyMix {
                    coal: 50.0,
                    hydro: 50.0,
                    ..Default::default()
                },
                EmissionFactors::ipcc_ar5_lifecycle(),
                None,
                IntensityMethod::Mix,
            ),
            electricity_usd_per_kwh: 0.03,
            pue: 1.1,
            uptime_pct: 95.0,
            pool_fee_pct: 2.0,
            opex_usd_per_month: 300.0,
            carbon_price_usd_per_t: 10.0,
        },
        fleet: vec![MinerGroup {
            name: "test miner".into(),
            hashrate_ths: 100.0,
            power_w: 3000.0,
            units: 10,
            unit_cost_usd: 2000.0,
        }],
        market: Market {
            btc_price_usd: 100_000.0,
            network: NetworkSpec::HashrateEhs(1000.0),
            subsidy: SubsidySpec::Btc(3.125),
            fees_btc_per_block: 0.125,
        },
        hardware_life_years: 4.0,
        accounting: Default::default(),
        levers: Levers::default(),
    }
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0)
}

macro_rules! assert_close {
    ($actual:expr, $expected:expr) => {{
        let (a, e): (f64, f64) = ($actual, $expected);
        assert!(close(a, e), "{} = {a}, expected {e}", stringify!($actual));
    }};
}

#[test]
fn fleet_power_and_energy() {
    let e = evaluate(&fixture());
    assert_close!(e.fleet_hashrate_ths, 1000.0);
    assert_close!(e.efficiency_j_per_th.unwrap(), 30.0);
    assert_close!(e.power_kw, 30_000.0 * 1.1 / 1000.0);
    assert_close!(e.energy_kwh_per_day, 33.0 * 24.0 * 0.95);
    assert_close!(e.energy_mwh_per_year, 752.4 * 365.25 / 1000.0);
}

#[test]
fn several_models_add_up() {
    let mut s = fixture();
    s.fleet.push(MinerGroup {
        name: "second".into(),
        hashrate_ths: 200.0,
        power_w: 3500.0,
        units: 5,
        unit_cost_usd: 4000.0,
    });
    let e = evaluate(&s);
    assert_close!(e.fleet_hashrate_ths, 1000.0 + 1000.0);
    assert_close!(
        e.efficiency_j_per_th.unwrap(),
        (30_000.0 + 17_500.0) / 2000.0
    );
    assert_close!(e.hardware_cost_usd, 20_000.0 + 20_000.0);
}

#[test]
fn carbon_from_mix() {
    let e = evaluate(&fixture());
    assert_close!(e.grid_intensity_g_per_kwh, 0.5 * 820.0 + 0.5 * 24.0);
    assert_close!(e.co2_kg_per_day, 752.4 * 422.0 / 1000.0);
    assert_close!(e.co2_t_per_year, 752.4 * 422.0 / 1e6 * 365.25);
    assert_eq!(e.intensity_method, IntensityMethod::Mix);
    let (low, high) = e.carbon_band(e.co2_t_per_year);
    assert!(low < e.co2_t_per_year && e.co2_t_per_year < high);
    assert_close!(low, 752.4 * (0.5 * 740.0 + 0.5 * 1.0) / 1e6 * 365.25);
}

#[test]
fn measured_intensity_wins_when_chosen_and_known() {
    let mut s = fixture();
    s.site.grid.set_measured_intensity_g_per_kwh(Some(500.0));
    assert_close!(evaluate(&s).grid_intensity_g_per_kwh, 422.0);
    s.site.grid.set_method(IntensityMethod::Measured);
    let e = evaluate(&s);
    assert_close!(e.grid_intensity_g_per_kwh, 500.0);
    assert_eq!(e.intensity_method, IntensityMethod::Measured);
    // No measured figure: the mix is used whatever was asked.
    s.site.grid.set_measured_intensity_g_per_kwh(None);
    let e = evaluate(&s);
    assert_close!(e.grid_intensity_g_per_kwh, 422.0);
    assert_eq!(e.intensity_method, IntensityMethod::Mix);
}

#[test]
fn mining_revenue_and_hashprice() {
    let e = evaluate(&fixture());
    let btc = 1000.0e12 * 0.95 / 1e21 * 144.0 * 3.25 * 0.98;
    assert_close!(e.network_hashrate_ehs, 1000.0);
    assert_close!(e.btc_per_day, btc);
    assert_close!(
        e.hashprice_usd_per_ph_day,
        1e15 / 1e21 * 144.0 * 3.25 * 100_000.0
    );
    assert_close!(e.revenue_usd_per_day, btc * 100_000.0);
}

#[test]
fn costs_profit_and_break_evens() {
    let e = evaluate(&fixture());
    let btc = 1000.0e12 * 0.95 / 1e21 * 144.0 * 3.25 * 0.98;
    let electricity = 752.4 * 0.03;
    let co2_t_day = 752.4 * 422.0 / 1e6;
    let carbon = co2_t_day * 10.0;
    let opex = 300.0 * 12.0 / 365.25;
    let revenue = btc * 100_000.0;
    assert_close!(e.electricity_cost_usd_per_day, electricity);
    assert_close!(e.carbon_cost_usd_per_day, carbon);
    assert_close!(e.opex_usd_per_day, opex);
    let profit = revenue - electricity - opex - carbon;
    assert!(profit > 0.0);
    assert_close!(e.profit_usd_per_day, profit);
    assert_close!(
        e.break_even_btc_price_usd.unwrap(),
        (electricity + opex + carbon) / btc
    );
    let depreciation = 20_000.0 / (4.0 * 365.25);
    assert_close!(
        e.all_in_cost_per_btc_usd.unwrap(),
        (electricity + opex + carbon + depreciation) / btc
    );
    assert_close!(
        e.break_even_electricity_usd_kwh.unwrap(),
        (revenue - opex) / 752.4 - 422.0 * 10.0 / 1e6
    );
    assert_close!(e.energy_kwh_per_btc.unwrap(), 752.4 / btc);
    assert_close!(e.co2_t_per_btc.unwrap(), co2_t_day / btc);
    assert_close!(e.payback_days.unwrap(), 20_000.0 / profit);
}

#[test]
fn at_the_break_even_btc_price_profit_is_zero() {
    let mut s = fixture();
    let be = evaluate(&s).break_even_btc_price_usd.unwrap();
    s.market.btc_price_usd = be;
    assert!(evaluate(&s).profit_usd_per_day.abs() < 1e-9);
}

#[test]
fn at_the_break_even_electricity_price_profit_is_zero() {
    let mut s = fixture();
    let be = evaluate(&s).break_even_electricity_usd_kwh.unwrap();
    s.site.electricity_usd_per_kwh = be;
    assert!(evaluate(&s).profit_usd_per_day.abs() < 1e-9);
}

#[test]
fn payback_is_never_when_losing_money_or_free() {
    let mut s = fixture();
    s.site.electricity_usd_per_kwh = 1.0;
    let e = evaluate(&s);
    assert!(e.profit_usd_per_day < 0.0);
    assert_eq!(e.payback_days, None);

    let mut s = fixture();
    s.fleet[0].unit_cost_usd = 0.0;
    assert_eq!(evaluate(&s).payback_days, None);
}

#[test]
fn division_by_zero_is_undefined_never_nan() {
    let mut s = fixture();
    s.fleet.clear();
    let e = evaluate(&s);
    assert_eq!(e.efficiency_j_per_th, None);
    assert_eq!(e.btc_per_day, 0.0);
    assert_eq!(e.break_even_btc_price_usd, None);
    assert_eq!(e.all_in_cost_per_btc_usd, None);
    assert_eq!(e.break_even_electricity_usd_kwh, None);
    assert_eq!(e.energy_kwh_per_btc, None);
    assert_eq!(e.co2_t_per_btc, None);
    assert_eq!(e.payback_days, None);
    let json = serde_json::to_value(&e).unwrap();
    assert!(json["payback_days"].is_null());

    // Downtime all the time: energy is zero, so is the BTC.
    let mut s = fixture();
    s.site.uptime_pct = 0.0;
    let e = evaluate(&s);
    assert_eq!(e.energy_kwh_per_day, 0.0);
    assert_eq!(e.break_even_electricity_usd_kwh, None);
    assert_eq!(e.break_even_btc_price_usd, None);
}

#[test]
fn network_from_difficulty_and_subsidy_from_height() {
    let mut s = fixture();
    s.market.network = NetworkSpec::Difficulty(1e21 * 600.0 / 4_294_967_296.0);
    s.market.subsidy = SubsidySpec::BlockHeight(900_000);
    let e = evaluate(&s);
    assert_close!(e.network_hashrate_ehs, 1000.0);
    assert_close!(e.btc_per_day, 1000.0e12 * 0.95 / 1e21 * 144.0 * 3.25 * 0.98);
}

#[test]
fn validate_names_the_field() {
    let mut s = fixture();
    assert_eq!(s.validate(), Ok(()));
    s.site.pue = 0.9;
    assert_eq!(
        s.validate().unwrap_err().to_string(),
        "site.pue: 0.9 is not allowed; must be a number from 1 to 5"
    );
    let mut s = fixture();
    s.fleet[0].power_w = -1.0;
    assert_eq!(s.validate().unwrap_err().field, "fleet[0].power_w");
    let mut s = fixture();
    s.market.network = NetworkSpec::HashrateEhs(0.0);
    assert_eq!(s.validate().unwrap_err().field, "market.network");
    let mut s = fixture();
    let mut mix = *s.site.grid.mix();
    mix.coal = 60.0;
    s.site.grid.set_mix(mix);
    assert_eq!(
        s.validate().unwrap_err().to_string(),
        "site.mix: the shares sum to 110; they must sum to 100 ± 0.1 %"
    );
}

// ---- Published figures (methods.md) ----

/// A bare machine: PUE 1, no downtime, no pool fee, no opex, no carbon price.
fn bare(hashrate_ths: f64, power_w: f64, market: Market) -> Scenario {
    let mut s = fixture();
    s.site.pue = 1.0;
    s.site.uptime_pct = 100.0;
    s.site.pool_fee_pct = 0.0;
    s.site.opex_usd_per_month = 0.0;
    s.site.carbon_price_usd_per_t = 0.0;
    s.fleet = vec![MinerGroup {
        name: "machine".into(),
        hashrate_ths,
        power_w,
        units: 1,
        unit_cost_usd: 0.0,
    }];
    s.market = market;
    s
}

#[test]
fn hashrate_index_hashprice_2021_08_07() {
    // Hashrate Index, 2021-08-07: difficulty 14.5 T, BTC $43,629, subsidy 6.25 BTC, fees 1.34 %
    // of the reward → hashprice $0.3835 per TH/s per day.
    let market = Market {
        btc_price_usd: 43_629.0,
        network: NetworkSpec::Difficulty(14.5e12),
        subsidy: SubsidySpec::Btc(6.25),
        fees_btc_per_block: bitcoin::fees_from_reward_share(6.25, 0.0134),
    };
    let e = evaluate(&bare(100.0, 3000.0, market));
    let per_th_day = e.hashprice_usd_per_ph_day / 1000.0;
    assert!((per_th_day - 0.3835).abs() < 0.0005, "{per_th_day}");
}

#[test]
fn hashrate_index_break_even_power_prices_2024_04_01() {
    // Hashrate Index, 2024-04-01, at a post-halving hashprice of $54.3/PH/day: break-even
    // $/kWh S21 (17.5 J/TH) 0.13, M60S (18.5) 0.12, S19 XP (21.5) 0.10.
    let network_hs = 600e18;
    let reward = 3.125;
    let price = 54.3 / (1e15 / network_hs * 144.0 * reward);
    let market = Market {
        btc_price_usd: price,
        network: NetworkSpec::HashrateEhs(600.0),
        subsidy: SubsidySpec::Btc(reward),
        fees_btc_per_block: 0.0,
    };
    for (j_per_th, published) in [(17.5, 0.13), (18.5, 0.12), (21.5, 0.10)] {
        let e = evaluate(&bare(100.0, 100.0 * j_per_th, market.clone()));
        assert!((e.hashprice_usd_per_ph_day - 54.3).abs() < 1e-9);
        let be = e.break_even_electricity_usd_kwh.unwrap();
        assert!(
            (be - published).abs() < 0.006,
            "{j_per_th} J/TH: {be} vs {published}"
        );
    }
}

#[test]
fn galaxy_research_mid_2024_network_hashrate() {
    // Galaxy Research, mid-2024: difficulty 88.1 T → about 630 EH/s.
    let market = Market {
        btc_price_usd: 60_000.0,
        network: NetworkSpec::Difficulty(88.1e12),
        subsidy: SubsidySpec::BlockHeight(850_000),
        fees_btc_per_block: 0.0,
    };
    let e = evaluate(&bare(100.0, 1750.0, market));
    assert!(
        (e.network_hashrate_ehs - 630.0).abs() < 1.5,
        "{}",
        e.network_hashrate_ehs
    );
}

#[test]
fn cambridge_2024_network_energy() {
    // Cambridge Digital Mining Industry Report (April 2025): a 2024 fleet efficiency of
    // 28.2 J/TH and about 15.7 GW on average give 138 TWh for the year. 15.7 GW at 28.2 J/TH
    // is 557 EH/s; over a 365.25-day year that is 138 TWh.
    let market = Market {
        btc_price_usd: 60_000.0,
        network: NetworkSpec::HashrateEhs(650.0),
        subsidy: SubsidySpec::Btc(3.125),
        fees_btc_per_block: 0.0,
    };
    // 557 groups of 1 EH/s each, at 28.2 J/TH.
    let mut s = bare(1e6, 28.2e6, market);
    s.fleet[0].units = 557;
    let e = evaluate(&s);
    let gw = e.power_kw / 1e6;
    let twh = e.energy_mwh_per_year / 1e6;
    assert!((gw - 15.7).abs() < 0.05, "{gw} GW");
    assert!((twh - 138.0).abs() < 0.5, "{twh} TWh");
}

#[test]
fn braiins_december_2025_implied_hashrate() {
    // Braiins worked example, late December 2025: difficulty 148,258,433,855,481, BTC $87,689,
    // subsidy 3.125 → about 1,061 EH/s.
    let market = Market {
        btc_price_usd: 87_689.0,
        network: NetworkSpec::Difficulty(148_258_433_855_481.0),
        subsidy: SubsidySpec::Btc(3.125),
        fees_btc_per_block: 0.0,
    };
    let e = evaluate(&bare(200.0, 3500.0, market));
    assert!((e.network_hashrate_ehs - 1061.0).abs() < 0.5);
}

// ---- Projection ----

fn settings(months: u32) -> ProjectionSettings {
    ProjectionSettings {
        months,
        ..Default::default()
    }
}

#[test]
fn flat_projection_repeats_the_daily_figures() {
    let s = fixture();
    let e = evaluate(&s);
    let p = project(&s, &settings(24));
    assert_eq!(p.months.len(), 24);
    assert!(!p.halvings_modelled);
    for m in &p.months {
        assert_close!(m.btc_mined, e.btc_per_day * DAYS_PER_MONTH);
        assert_close!(m.profit_usd, e.profit_usd_per_day * DAYS_PER_MONTH);
    }
    assert_close!(p.total_btc, e.btc_per_day * DAYS_PER_MONTH * 24.0);
    let last = p.months.last().unwrap();
    assert_close!(
        last.cumulative_cash_flow_usd,
        -20_000.0 + e.profit_usd_per_day * DAYS_PER_MONTH * 24.0
    );
    // Payback month is the month in which payback_days falls.
    let months_to_payback = e.payback_days.unwrap() / DAYS_PER_MONTH;
    let p = project(&s, &settings(120));
    assert_eq!(p.payback_month, Some(months_to_payback.ceil() as u32));
    assert_close!(
        p.cash_cost_per_btc_usd.unwrap(),
        e.break_even_btc_price_usd.unwrap()
    );
}

#[test]
fn never_pays_back_within_horizon() {
    let mut s = fixture();
    s.site.electricity_usd_per_kwh = 1.0;
    let p = project(&s, &settings(60));
    assert_eq!(p.payback_month, None);
}

#[test]
fn halvings_are_placed_and_split_the_month() {
    let mut s = fixture();
    // One day (144 blocks) before the 2028 halving.
    s.market.subsidy = SubsidySpec::BlockHeight(1_050_000 - 144);
    s.market.fees_btc_per_block = 0.0;
    let p = project(&s, &settings(12));
    assert!(p.halvings_modelled);
    assert_eq!(p.halvings.len(), 1);
    assert_eq!(p.halvings[0].height, 1_050_000);
    assert_close!(p.halvings[0].day, 1.0);
    assert_eq!(p.halvings[0].month, 1);
    assert_eq!(p.halvings[0].subsidy_after_btc, 1.5625);
    let per_day_at = |subsidy: f64| 1000.0e12 * 0.95 / 1e21 * 144.0 * subsidy * 0.98;
    assert_close!(
        p.months[0].btc_mined,
        per_day_at(3.125) * 1.0 + per_day_at(1.5625) * (DAYS_PER_MONTH - 1.0)
    );
    assert_close!(p.months[1].btc_mined, per_day_at(1.5625) * DAYS_PER_MONTH);
    // Halvings come every 210,000 / 144 = 1,458.3 days: 120 months (3,652.5 days) hold three.
    let p = project(&s, &settings(120));
    let heights: Vec<u64> = p.halvings.iter().map(|h| h.height).collect();
    assert_eq!(heights, [1_050_000, 1_260_000, 1_470_000]);
    assert_close!(p.halvings[2].day, 1.0 + 2.0 * 210_000.0 / 144.0);
}

#[test]
fn a_halving_drop_of_half_offsets_the_halved_subsidy() {
    // With no fees, halving the subsidy and the network together leaves BTC a day unchanged.
    let mut s = fixture();
    s.market.fees_btc_per_block = 0.0;
    // The halving falls on day 40, in month 2; months 1 and 3 lie wholly either side of it.
    s.market.subsidy = SubsidySpec::BlockHeight(1_050_000 - 144 * 40);
    let p = project(
        &s,
        &ProjectionSettings {
            months: 3,
            halving_difficulty_drop_pct: 50.0,
            ..Default::default()
        },
    );
    assert_eq!(p.months[0].block_subsidy_btc, 3.125);
    assert_eq!(p.months[2].block_subsidy_btc, 1.5625);
    assert_close!(p.months[2].network_hashrate_ehs, 500.0);
    assert_close!(p.months[2].btc_mined, p.months[0].btc_mined);
}

#[test]
fn growth_compounds_monthly() {
    let s = fixture();
    let p = project(
        &s,
        &ProjectionSettings {
            months: 25,
            difficulty_growth_pct_per_year: 100.0,
            btc_price_growth_pct_per_year: 50.0,
            ..Default::default()
        },
    );
    assert_close!(p.months[12].network_hashrate_ehs, 2000.0);
    assert_close!(p.months[24].network_hashrate_ehs, 4000.0);
    assert_close!(p.months[12].btc_price_usd, 150_000.0);
    // BTC mined falls as the network grows.
    assert_close!(p.months[12].btc_mined * 2.0, p.months[0].btc_mined);
}

#[test]
fn resale_is_added_at_the_end() {
    let s = fixture();
    let without = project(&s, &settings(12));
    let with = project(
        &s,
        &ProjectionSettings {
            months: 12,
            hardware_resale_pct: 25.0,
            ..Default::default()
        },
    );
    assert_close!(with.resale_usd, 5000.0);
    assert_close!(
        with.months[11].cumulative_cash_flow_usd,
        without.months[11].cumulative_cash_flow_usd + 5000.0
    );
    assert_close!(
        with.months[10].cumulative_cash_flow_usd,
        without.months[10].cumulative_cash_flow_usd
    );
}

#[test]
fn projection_settings_are_checked() {
    let bad = ProjectionSettings {
        halving_difficulty_drop_pct: 100.0,
        ..Default::default()
    };
    assert_eq!(
        bad.validate().unwrap_err().to_string(),
        "halving_difficulty_drop_pct: 100 is not allowed; must be a number from 0 to 99 %"
    );
    assert!(settings(0).validate().is_err());
    assert!(settings(1200).validate().is_ok());
}

// ---- Sweep ----

#[test]
fn sweep_cells_equal_single_evaluations_and_profit_falls_with_power_price() {
    let s = fixture();
    let electricity = sweep::linspace(0.0, 0.2, 5);
    let btc = sweep::linspace(20_000.0, 200_000.0, 4);
    let mut grid = vec![vec![0.0; btc.len()]; electricity.len()];
    sweep::electricity_by_btc_price(&s, &electricity, &btc, |i, j, e| {
        grid[i][j] = e.profit_usd_per_day
    });
    let mut one = s.clone();
    one.site.electricity_usd_per_kwh = electricity[3];
    one.market.btc_price_usd = btc[2];
    assert_eq!(grid[3][2], evaluate(&one).profit_usd_per_day);
    for pair in grid.windows(2) {
        let (cheaper, dearer) = (&pair[0], &pair[1]);
        assert!(dearer.iter().zip(cheaper).all(|(d, c)| d < c));
    }
}

// ---- Policy and site levers ----

use levers::{Curtailment, FlaredGas, HeatReuse, RenewableSupply};

#[test]
fn renewable_requirement_blends_intensity_and_price() {
    let mut s = fixture();
    s.levers.renewable = Some(RenewableSupply {
        share_pct: 50.0,
        intensity_g_per_kwh: 11.0,
        price_usd_per_kwh: 0.02,
    });
    let e = evaluate(&s);
    assert_close!(e.grid_intensity_g_per_kwh, 0.5 * 11.0 + 0.5 * 422.0);
    assert_close!(
        e.electricity_cost_usd_per_day,
        752.4 * (0.5 * 0.02 + 0.5 * 0.03)
    );
    assert_close!(e.supply_price_usd_per_kwh.unwrap(), 0.025);
    // The break-even power price is the grid price at which profit is zero.
    let be = e.break_even_electricity_usd_kwh.unwrap();
    s.site.electricity_usd_per_kwh = be;
    assert!(evaluate(&s).profit_usd_per_day.abs() < 1e-9);
    // All renewable: the grid price no longer matters.
    s.levers.renewable.as_mut().unwrap().share_pct = 100.0;
    assert_eq!(evaluate(&s).break_even_electricity_usd_kwh, None);
}

#[test]
fn demand_response_trades_uptime_for_a_credit() {
    let mut s = fixture();
    let base = evaluate(&s);
    s.levers.curtailment = Some(Curtailment {
        hours_per_year: 876.6, // a tenth of the year
        credit_usd_per_mwh: 100.0,
    });
    let e = evaluate(&s);
    assert_close!(e.effective_uptime_pct.unwrap(), 95.0 * 0.9);
    assert_close!(e.energy_kwh_per_day, 752.4 * 0.9);
    assert_close!(e.btc_per_day, base.btc_per_day * 0.9);
    assert_close!(e.electricity_cost_usd_per_day, 752.4 * 0.9 * 0.03);
    let credit = 752.4 * 0.1 / 1000.0 * 100.0;
    assert_close!(e.curtailment_credit_usd_per_day.unwrap(), credit);
    assert_close!(
        e.profit_usd_per_day,
        e.revenue_usd_per_day + credit
            - e.electricity_cost_usd_per_day
            - e.opex_usd_per_day
            - e.carbon_cost_usd_per_day
    );
    // At the break-even BTC price profit is still zero, credit included.
    s.market.btc_price_usd = e.break_even_btc_price_usd.unwrap();
    assert!(evaluate(&s).profit_usd_per_day.abs() < 1e-9);
}

#[test]
fn heat_reuse_earns_and_displaces_without_netting() {
    let mut s = fixture();
    let base = evaluate(&s);
    s.levers.heat_reuse = Some(HeatReuse {
        share_pct: 50.0,
        price_usd_per_mwh_heat: 30.0,
        displaced_g_per_kwh_heat: 200.0,
    });
    let e = evaluate(&s);
    assert_close!(
        e.heat_revenue_usd_per_day.unwrap(),
        752.4 / 1000.0 * 0.5 * 30.0
    );
    assert_close!(
        e.heat_displaced_co2_t_per_year.unwrap(),
        752.4 * 0.5 * 200.0 / 1e6 * 365.25
    );
    // The site's own emissions are untouched: displacement is shown beside them.
    assert_eq!(e.co2_t_per_year, base.co2_t_per_year);
    assert_close!(
        e.profit_usd_per_day,
        base.profit_usd_per_day + e.heat_revenue_usd_per_day.unwrap()
    );
}

#[test]
fn flared_gas_counts_the_generator_and_labels_the_counterfactual_apart() {
    let mut s = fixture();
    s.levers.flared_gas = Some(FlaredGas {
        generator_g_per_kwh: 490.0,
        avoided_flaring_g_per_kwh: 1006.0,
    });
    let e = evaluate(&s);
    assert_close!(e.grid_intensity_g_per_kwh, 490.0);
    assert_close!(e.co2_t_per_year, 752.4 * 490.0 / 1e6 * 365.25);
    assert_close!(
        e.flaring_avoided_co2_t_per_year.unwrap(),
        752.4 * 1006.0 / 1e6 * 365.25
    );
    // Never netted: the site's CO₂ stays positive however large the counterfactual.
    assert!(e.co2_t_per_year > 0.0);
}

#[test]
fn levers_flow_into_the_projection() {
    let mut s = fixture();
    s.levers.curtailment = Some(Curtailment {
        hours_per_year: 200.0,
        credit_usd_per_mwh: 150.0,
    });
    s.levers.heat_reuse = Some(HeatReuse {
        share_pct: 80.0,
        price_usd_per_mwh_heat: 20.0,
        ..Default::default()
    });
    let e = evaluate(&s);
    let p = project(&s, &settings(12));
    for m in &p.months {
        assert_close!(m.profit_usd, e.profit_usd_per_day * DAYS_PER_MONTH);
        assert_close!(m.btc_mined, e.btc_per_day * DAYS_PER_MONTH);
    }
    assert_close!(
        p.cash_cost_per_btc_usd.unwrap(),
        e.break_even_btc_price_usd.unwrap()
    );
}

#[test]
fn without_levers_no_extra_figures_appear() {
    let e = evaluate(&fixture());
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(
        json.as_object().unwrap().len(),
        22 + 7,
        "the contract and site accounting"
    );
    let mut s = fixture();
    s.levers.flared_gas = Some(FlaredGas::default());
    let json = serde_json::to_value(evaluate(&s)).unwrap();
    assert!(json["flaring_avoided_co2_t_per_year"].is_number());
}
