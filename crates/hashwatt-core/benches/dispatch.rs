//! Hour-by-hour dispatch speed: an hourly year (8,760 steps) with the stock figures only and
//! with three power modes, a 5-minute year (105,120 steps), and reading a 5-minute year's CSV.
//! Targets: < 50 µs, < 150 µs and < 1 ms on one core (docs/dispatch.md has the measured
//! figures).

use criterion::{Criterion, criterion_group, criterion_main};
use hashwatt_core::model::dispatch::{
    DispatchRates, DispatchSettings, PowerMode, PriceSeries, dispatch,
};
use hashwatt_core::presets::PresetLibrary;
use hashwatt_core::scenario_file::ScenarioDoc;
use std::hint::black_box;

/// A reproducible series: prices from -20 to 180 USD/MWh, intensities from 100 to 700 g/kWh.
fn series(steps: usize, step_minutes: u32) -> PriceSeries {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    let price_usd_per_mwh = (0..steps).map(|_| next() * 200.0 - 20.0).collect();
    let intensity = (0..steps).map(|_| 100.0 + next() * 600.0).collect();
    PriceSeries {
        start_unix_s: 1_704_067_200,
        utc_offset_minutes: 0,
        step_minutes,
        price_usd_per_mwh,
        intensity_g_per_kwh: Some(intensity),
    }
}

fn bench(c: &mut Criterion) {
    let library = PresetLibrary::builtin();
    let mut doc = ScenarioDoc::default();
    doc.site.carbon_price_usd_per_t = 30.0;
    doc.fleet[0].units = 1000;
    let scenario = doc.resolve(&library).expect("the scenario resolves");
    let rates = DispatchRates::of(&scenario);
    let settings = DispatchSettings {
        credit_usd_per_mwh: 10.0,
        ..Default::default()
    };
    let hourly = series(8760, 60);
    c.bench_function("dispatch an hourly year (8,760 steps)", |b| {
        b.iter(|| dispatch(black_box(&rates), &[], black_box(&hourly), &settings))
    });
    let fleet = |h: f64, w: f64| (rates.hashrate_ths * h, rates.it_power_w * w);
    let modes: Vec<PowerMode> = [("eco", 0.8, 0.68), ("low", 0.6, 0.45), ("turbo", 1.15, 1.3)]
        .into_iter()
        .map(|(name, h, w)| {
            let (hashrate_ths, power_w) = fleet(h, w);
            PowerMode {
                name: name.into(),
                hashrate_ths,
                power_w,
            }
        })
        .collect();
    c.bench_function("dispatch an hourly year with three modes", |b| {
        b.iter(|| dispatch(black_box(&rates), &modes, black_box(&hourly), &settings))
    });
    let five_minutes = series(105_120, 5);
    c.bench_function("dispatch a 5-minute year (105,120 steps)", |b| {
        b.iter(|| dispatch(black_box(&rates), &[], black_box(&five_minutes), &settings))
    });

    let mut csv = String::from("timestamp,price_usd_mwh,intensity_g_kwh\n");
    for i in 0..five_minutes.len() {
        csv.push_str(&format!(
            "{},{:.2},{:.0}\n",
            five_minutes.timestamp(i),
            five_minutes.price_usd_per_mwh[i],
            five_minutes.intensity_g_per_kwh.as_ref().unwrap()[i]
        ));
    }
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("parse a 5-minute year's CSV", |b| {
        b.iter(|| hashwatt_core::price_series::parse_price_series("year.csv", black_box(&csv)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
