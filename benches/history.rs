//! The monthly history's costs: the whole history × the full basket (CBECI 2023 method) and a
//! 180-month backtest. Figures are reported in docs/history.md.

use criterion::{Criterion, criterion_group, criterion_main};
use hashwatt::history::backtest::{self, BacktestInputs};
use hashwatt::history::basket::builtin_entries;
use hashwatt::history::cbeci::{estimate_all, map_points};
use hashwatt::history::{History, Month};
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let history = History::builtin();
    let library = hashwatt::presets::PresetLibrary::builtin();
    let maps = map_points(&library);
    let basket = builtin_entries();
    c.bench_function("history: every month × full basket", |b| {
        b.iter(|| estimate_all(black_box(&history.months), basket, black_box(0.05), &maps))
    });
    let inputs = BacktestInputs {
        hashrate_ths: 20_000.0,
        uptime: 0.97,
        pool_fee: 0.02,
        electricity_usd_per_day: 3_000.0,
        other_costs_usd_per_day: 200.0,
        co2_t_per_day: 10.0,
        hardware_usd: 2_000_000.0,
    };
    // 2010-07 to 2025-06: 180 months.
    let months = history.range(
        Month::parse("2010-07").unwrap(),
        Month::parse("2025-06").unwrap(),
    );
    assert_eq!(months.len(), 180);
    c.bench_function("backtest: 180 months", |b| {
        b.iter(|| backtest::run(black_box(&inputs), black_box(months)))
    });
}

criterion_group!(history_benches, benches);
criterion_main!(history_benches);
