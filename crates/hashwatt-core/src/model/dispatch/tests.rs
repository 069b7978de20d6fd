use super::*;
use crate::presets::PresetLibrary;
use crate::scenario_file::ScenarioDoc;

/// Round rates: r = 100 USD/MWh; a one-hour step earns 10 USD and uses 100 kWh.
fn rates() -> DispatchRates {
    DispatchRates {
        revenue_usd_per_day: 240.0,
        energy_kwh_per_day: 2400.0,
        btc_per_day: 0.0024,
        opex_usd_per_day: 24.0,
        carbon_price_usd_per_t: 0.0,
        site_intensity_g_per_kwh: 500.0,
        site_uptime_pct: 100.0,
        hashrate_ths: 100.0,
        it_power_w: 100_000.0,
    }
}

fn hourly(prices: &[f64], intensity: Option<&[f64]>) -> PriceSeries {
    PriceSeries {
        start_unix_s: 1_704_067_200, // 2024-01-01T00:00Z
        utc_offset_minutes: 0,
        step_minutes: 60,
        price_usd_per_mwh: prices.to_vec(),
        intensity_g_per_kwh: intensity.map(<[f64]>::to_vec),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn a_hand_computed_series() {
    let series = hourly(
        &[50.0, 150.0, 100.0, 80.0],
        Some(&[400.0, 600.0, 500.0, 300.0]),
    );
    let settings = DispatchSettings {
        credit_usd_per_mwh: 20.0,
        ..Default::default()
    };
    let d = dispatch(&rates(), &[], &series, &settings);
    // Mined at 50 and 80; off at 150 and at exactly the break-even 100.
    assert_eq!(d.run, vec![1, 0, 0, 1]);
    assert_eq!(d.run_name(1), "off");
    assert_eq!(d.run_name(3), "stock");
    let s = &d.summary;
    assert_eq!(s.steps, 4);
    assert_eq!(s.hours, 4.0);
    assert_eq!(s.hours_mined, 2.0);
    assert_eq!(s.uptime_pct, 50.0);
    assert!(close(s.energy_mwh, 0.2));
    // 100 kWh at 50 and at 80 USD/MWh.
    assert!(close(s.electricity_cost_usd, 13.0));
    assert!(close(s.mean_price_paid_usd_mwh.unwrap(), 65.0));
    assert!(close(s.revenue_usd, 20.0));
    assert!(close(s.btc_mined, 0.0002));
    // 2 steps off × 0.1 MWh × 20 USD/MWh.
    assert!(close(s.credits_usd, 4.0));
    assert_eq!(s.carbon_cost_usd, 0.0);
    assert!(close(s.opex_usd, 4.0));
    assert!(close(s.profit_usd, 20.0 + 4.0 - 13.0 - 4.0));
    // Always on: 40 earned, 38 paid for power, 4 of opex, no credits.
    assert!(close(s.profit_always_on_usd, -2.0));
    // 100 kWh at 400 and at 300 g/kWh; always on 100 kWh at each intensity.
    assert!(close(s.co2_t, 0.07));
    assert!(close(s.co2_always_on_t, 0.18));
    assert!(close(s.intensity_paid_g_per_kwh.unwrap(), 350.0));
    assert!(close(s.intensity_always_on_g_per_kwh.unwrap(), 450.0));
    assert!(close(s.break_even_usd_mwh.unwrap(), 100.0));
    assert_eq!(s.hours_per_mode, None);
    assert_eq!(d.cost_usd_per_mwh, vec![50.0, 150.0, 100.0, 80.0]);
}

#[test]
fn the_carbon_price_enters_the_cost_of_each_step() {
    // At 100 USD/t: 50 + 40 = 90 is mined, 80 + 30 = 110 is not.
    let series = hourly(&[50.0, 80.0], Some(&[400.0, 300.0]));
    let with_carbon = DispatchRates {
        carbon_price_usd_per_t: 100.0,
        ..rates()
    };
    let d = dispatch(&with_carbon, &[], &series, &DispatchSettings::default());
    assert_eq!(d.run, vec![1, 0]);
    assert!(close(d.summary.carbon_cost_usd, 4.0));
    assert!(close(d.cost_usd_per_mwh[1], 110.0));
    // Without the column, the site's 500 g/kWh: 50 + 50 = 100 is exactly r, not mined.
    let d = dispatch(
        &with_carbon,
        &[],
        &hourly(&[50.0, 40.0], None),
        &DispatchSettings::default(),
    );
    assert_eq!(d.run, vec![0, 1]);
}

/// A scenario of the built-in library: the default site with a cheap price.
fn texas_like() -> (ScenarioDoc, Scenario) {
    let library = PresetLibrary::builtin();
    let mut doc = ScenarioDoc::default();
    doc.site.region = Some("texas-ercot".into());
    doc.site.electricity_usd_per_kwh = Some(0.035);
    doc.site.uptime_pct = 97.0;
    doc.site.opex_usd_per_month = 1500.0;
    doc.site.carbon_price_usd_per_t = 12.0;
    doc.fleet[0].units = 40;
    let scenario = doc.resolve(&library).unwrap();
    (doc, scenario)
}

#[test]
fn a_cost_exactly_at_the_break_even_is_not_mined() {
    let (_, scenario) = texas_like();
    let rates = DispatchRates {
        carbon_price_usd_per_t: 0.0,
        ..DispatchRates::of(&scenario)
    };
    let r = rates.break_even_usd_per_kwh().unwrap();
    // The price whose cost per kWh is r exactly, and the next one below it.
    let mut at = r * 1000.0;
    while at / 1000.0 > r {
        at = f64::from_bits(at.to_bits() - 1);
    }
    while at / 1000.0 < r {
        at = f64::from_bits(at.to_bits() + 1);
    }
    assert_eq!(at / 1000.0, r);
    let below = f64::from_bits(at.to_bits() - 1);
    let d = dispatch(
        &rates,
        &[],
        &hourly(&[at, below], None),
        &DispatchSettings::default(),
    );
    assert_eq!(d.run, vec![0, 1]);
    // With modes too: the stock mode is worth exactly nothing at r.
    let modes = [PowerMode {
        name: "turbo".into(),
        hashrate_ths: rates.hashrate_ths * 1.1,
        power_w: rates.it_power_w * 1.3,
    }];
    let d = dispatch(
        &rates,
        &modes,
        &hourly(&[at], None),
        &DispatchSettings::default(),
    );
    assert_eq!(d.run, vec![0]);
}

#[test]
fn a_flat_series_equals_report_scaled_to_its_hours() {
    let (_, scenario) = texas_like();
    let report = evaluate(&scenario);
    let price = scenario.site.electricity_usd_per_kwh * 1000.0;
    let series = hourly(&vec![price; 8760], None);
    let d = dispatch(
        &DispatchRates::of(&scenario),
        &[],
        &series,
        &DispatchSettings::default(),
    );
    let s = &d.summary;
    let days = 8760.0 / 24.0;
    assert_eq!(s.hours_mined, 8760.0);
    assert!(close(s.uptime_pct, 97.0));
    assert!(close(s.profit_usd, report.profit_usd_per_day * days));
    assert!(close(s.profit_always_on_usd, s.profit_usd));
    assert!(close(s.revenue_usd, report.revenue_usd_per_day * days));
    assert!(close(
        s.electricity_cost_usd,
        report.electricity_cost_usd_per_day * days
    ));
    assert!(close(
        s.carbon_cost_usd,
        report.carbon_cost_usd_per_day * days
    ));
    assert!(close(s.opex_usd, report.opex_usd_per_day * days));
    assert!(close(
        s.energy_mwh,
        report.energy_kwh_per_day * days / 1000.0
    ));
    assert!(close(s.btc_mined, report.btc_per_day * days));
    assert!(close(s.co2_t, report.co2_kg_per_day * days / 1000.0));
    assert!(close(
        s.intensity_paid_g_per_kwh.unwrap(),
        report.grid_intensity_g_per_kwh
    ));
    // Above the break-even nothing is mined: only opex is paid, and credits earned.
    let dear = hourly(&[s.break_even_usd_mwh.unwrap() + 1.0; 24], None);
    let settings = DispatchSettings {
        credit_usd_per_mwh: 10.0,
        ..Default::default()
    };
    let d = dispatch(&DispatchRates::of(&scenario), &[], &dear, &settings);
    assert_eq!(d.summary.hours_mined, 0.0);
    assert_eq!(d.summary.mean_price_paid_usd_mwh, None);
    assert!(close(
        d.summary.profit_usd,
        report.energy_kwh_per_day / 1000.0 * 10.0 - report.opex_usd_per_day
    ));
}

#[test]
fn levers_do_not_change_the_rates_the_rule_uses() {
    let (_, scenario) = texas_like();
    let mut curtailed = scenario.clone();
    curtailed.levers.curtailment = Some(crate::model::levers::Curtailment {
        hours_per_year: 500.0,
        credit_usd_per_mwh: 30.0,
    });
    assert_eq!(DispatchRates::of(&scenario), DispatchRates::of(&curtailed));
}

/// A reproducible series of prices from 0 to 200 USD/MWh and intensities from 100 to 700.
fn wandering(n: usize, seed: u64) -> PriceSeries {
    let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    let prices = (0..n).map(|_| next() * 200.0).collect();
    let intensities = (0..n).map(|_| 100.0 + next() * 600.0).collect();
    PriceSeries {
        start_unix_s: 0,
        utc_offset_minutes: 0,
        step_minutes: 15,
        price_usd_per_mwh: prices,
        intensity_g_per_kwh: Some(intensities),
    }
}

#[test]
fn modes_never_earn_less_than_the_stock_mode_alone() {
    let r = DispatchRates {
        carbon_price_usd_per_t: 40.0,
        ..rates()
    };
    let modes = [
        PowerMode {
            name: "eco".into(),
            hashrate_ths: 80.0,
            power_w: 65_000.0,
        },
        PowerMode {
            name: "turbo".into(),
            hashrate_ths: 115.0,
            power_w: 125_000.0,
        },
    ];
    // No credit: the rule's decision leaves the credit out (the contract), so with one a mode
    // may run in a step where stock alone would be off and paid (see the next test).
    for seed in 0..50 {
        let series = wandering(500, seed);
        let settings = DispatchSettings::default();
        let stock = dispatch(&r, &[], &series, &settings).summary;
        let with_modes = dispatch(&r, &modes, &series, &settings);
        let s = &with_modes.summary;
        assert!(s.profit_usd >= stock.profit_usd - 1e-9, "seed {seed}");
        let hours = s.hours_per_mode.as_ref().unwrap();
        assert_eq!(
            hours.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
            ["stock", "eco", "turbo"]
        );
        assert!(close(
            hours.iter().map(|m| m.hours).sum::<f64>(),
            s.hours_mined
        ));
        // Each step's choice is the best of its options.
        for (i, &k) in with_modes.run.iter().enumerate() {
            let cost = with_modes.cost_usd_per_mwh[i] / 1000.0;
            let value = |h: f64, w: f64| 10.0 / 4.0 * h / 100.0 - 100.0 / 4.0 * w / 1e5 * cost;
            let values = [
                0.0,
                value(100.0, 1e5),
                value(80.0, 65e3),
                value(115.0, 125e3),
            ];
            let best = values.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            assert!(
                values[usize::from(k)] >= best - 1e-12,
                "seed {seed} step {i}"
            );
        }
    }
}

#[test]
fn the_credit_is_paid_but_does_not_move_the_decision() {
    // 99 is below r = 100: mined, however large the credit for not consuming.
    let settings = DispatchSettings {
        credit_usd_per_mwh: 1000.0,
        ..Default::default()
    };
    let d = dispatch(&rates(), &[], &hourly(&[99.0, 101.0], None), &settings);
    assert_eq!(d.run, vec![1, 0]);
    assert!(close(d.summary.credits_usd, 100.0));
}

#[test]
fn a_tie_goes_to_the_lower_power() {
    // r = 125 USD/MWh; eco earns 75 % for 50 % of the power (r_eco = 187.5). At 62.5 USD/MWh
    // both are worth 6.25 USD an hour: eco, the lower power, runs.
    let r = DispatchRates {
        revenue_usd_per_day: 300.0,
        ..rates()
    };
    let eco = [PowerMode {
        name: "eco".into(),
        hashrate_ths: 75.0,
        power_w: 50_000.0,
    }];
    let d = dispatch(
        &r,
        &eco,
        &hourly(&[62.5, 62.0, 63.0], None),
        &DispatchSettings::default(),
    );
    assert_eq!(d.run, vec![2, 1, 2]);
    assert_eq!(d.run_name(0), "eco");
    let json = serde_json::to_value(&d.summary).unwrap();
    assert_eq!(json["hours_per_mode"]["eco"], 2.0);
    assert_eq!(json["hours_per_mode"]["stock"], 1.0);
}

#[test]
fn minimum_run_and_off_times_hold_the_state() {
    let series = hourly(&[50.0, 150.0, 50.0, 150.0, 50.0], None);
    let run = |min_run_steps, min_off_steps| {
        let settings = DispatchSettings {
            min_run_steps,
            min_off_steps,
            ..Default::default()
        };
        dispatch(&rates(), &[], &series, &settings).run
    };
    assert_eq!(run(0, 0), vec![1, 0, 1, 0, 1]);
    assert_eq!(run(2, 0), vec![1, 1, 1, 0, 1]);
    assert_eq!(run(0, 2), vec![1, 0, 0, 0, 1]);
    assert_eq!(run(3, 3), vec![1, 1, 1, 0, 0]);
}

/// The JSON keys are a public contract.
#[test]
fn the_json_keys_are_the_contract() {
    let d = dispatch(
        &rates(),
        &[],
        &hourly(&[50.0, 150.0], None),
        &DispatchSettings::default(),
    );
    let json = serde_json::to_value(&d.summary).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "steps",
        "hours",
        "hours_mined",
        "uptime_pct",
        "energy_mwh",
        "electricity_cost_usd",
        "mean_price_paid_usd_mwh",
        "btc_mined",
        "revenue_usd",
        "credits_usd",
        "carbon_cost_usd",
        "opex_usd",
        "profit_usd",
        "profit_always_on_usd",
        "co2_t",
        "co2_always_on_t",
        "intensity_paid_g_per_kwh",
    ] {
        assert!(keys.contains(&key), "{key}");
    }
    assert!(!keys.contains(&"hours_per_mode"));
}

#[test]
fn timestamps_are_written_in_the_series_offset() {
    assert_eq!(format_timestamp(1_719_860_400, 0), "2024-07-01T19:00:00Z");
    assert_eq!(
        format_timestamp(1_719_860_400, -300),
        "2024-07-01T14:00:00-05:00"
    );
    assert_eq!(
        format_timestamp(1_719_860_400, 330),
        "2024-07-02T00:30:00+05:30"
    );
}

#[test]
fn the_stock_only_loop_agrees_with_the_general_one() {
    // A mode identical to stock sends the run through the general loop; a tie keeps stock, so
    // both loops must choose the same steps and reach the same sums (to rounding: the fast
    // loop finds the off steps' sums by subtraction). Prices dip below zero, as real ones do.
    let r = DispatchRates {
        carbon_price_usd_per_t: 40.0,
        ..rates()
    };
    let twin = [PowerMode {
        name: "twin".into(),
        hashrate_ths: r.hashrate_ths,
        power_w: r.it_power_w,
    }];
    for seed in 0..20 {
        let mut series = wandering(2_000, seed);
        for p in &mut series.price_usd_per_mwh {
            *p -= 40.0;
        }
        let settings = DispatchSettings {
            credit_usd_per_mwh: 7.0,
            ..Default::default()
        };
        let fast = dispatch(&r, &[], &series, &settings);
        let general = dispatch(&r, &twin, &series, &settings);
        assert_eq!(fast.run, general.run, "seed {seed}");
        assert_eq!(fast.cost_usd_per_mwh, general.cost_usd_per_mwh);
        let (a, b) = (&fast.summary, &general.summary);
        assert_eq!(a.hours_mined, b.hours_mined);
        for (name, x, y) in [
            ("energy", a.energy_mwh, b.energy_mwh),
            (
                "electricity",
                a.electricity_cost_usd,
                b.electricity_cost_usd,
            ),
            ("credits", a.credits_usd, b.credits_usd),
            ("profit", a.profit_usd, b.profit_usd),
            ("co2", a.co2_t, b.co2_t),
            (
                "intensity",
                a.intensity_paid_g_per_kwh.unwrap(),
                b.intensity_paid_g_per_kwh.unwrap(),
            ),
        ] {
            assert!(close(x, y), "seed {seed} {name}: {x} vs {y}");
        }
    }
}
