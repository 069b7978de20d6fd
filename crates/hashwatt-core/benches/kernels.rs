//! The engine's kernels: one evaluation, a 120-month projection, and Monte Carlo paths. Targets:
//! one evaluation < 60 ns, a 120-month projection < 10 µs, 10,000 paths × 120 months < 50 ms on
//! the machine's 2 cores. In the core's own package, so measuring them builds no window.

use criterion::{Criterion, criterion_group, criterion_main};
use hashwatt_core::model::{self, ProjectionSettings};
use hashwatt_core::presets::PresetLibrary;
use hashwatt_core::scenario_file::ScenarioDoc;
use std::hint::black_box;

fn scenario() -> model::Scenario {
    let library = PresetLibrary::builtin();
    ScenarioDoc::default()
        .resolve(&library)
        .expect("the default scenario resolves")
}

fn settings(paths: u32) -> ProjectionSettings {
    ProjectionSettings {
        months: 120,
        difficulty_growth_pct_per_year: 30.0,
        btc_price_growth_pct_per_year: 10.0,
        halving_difficulty_drop_pct: 10.0,
        hardware_resale_pct: 10.0,
        switch_off_when_losing: false,
        paths,
        ..ProjectionSettings::default()
    }
}

fn bench_evaluate_and_project(c: &mut Criterion) {
    let s = scenario();
    // The evaluation writes its figures into the caller's place; only a reference goes through
    // `black_box`, as a caller reads the fields where they are.
    c.bench_function("evaluate one scenario", |b| {
        b.iter(|| {
            let e = model::evaluate(black_box(&s));
            black_box(&e);
        })
    });
    // The same with the 464-byte result passed to `black_box` by value: the harness then copies
    // it right after it is written, and that copy waits for every store to land.
    c.bench_function("evaluate one scenario, copied out", |b| {
        b.iter(|| model::evaluate(black_box(&s)))
    });
    let settings = settings(ProjectionSettings::default().paths);
    c.bench_function("project 120 months", |b| {
        b.iter(|| model::project(black_box(&s), black_box(&settings)))
    });
}

fn bench_monte_carlo(c: &mut Criterion) {
    let library = PresetLibrary::builtin();
    let s = library
        .scenario("texas-s21")
        .expect("a built-in scenario")
        .doc
        .resolve(&library)
        .expect("resolves");
    let settings = settings(10_000);
    let mut group = c.benchmark_group("monte carlo");
    group.sample_size(10);
    group.bench_function("10000 paths x 120 months", |b| {
        b.iter(|| {
            model::monte_carlo(black_box(&s), black_box(&settings), &model::Progress::new())
                .expect("not cancelled")
        })
    });
    group.finish();
}

criterion_group!(benches, bench_evaluate_and_project, bench_monte_carlo);
criterion_main!(benches);
