//! Engine speed over whole views: a 100×100 grid of evaluations (electricity price × BTC price),
//! a full recompute after one input change, and million-cell sweeps. Targets: the 1000×1000
//! sweep < 20 ms (< 150 ms as CSV). One evaluation, the 120-month projection and the Monte Carlo
//! paths are measured in the core's own `kernels` bench (`cargo bench -p hashwatt-core`).

use criterion::{Criterion, criterion_group, criterion_main};
use hashwatt::chart_data::Computed;
use hashwatt::model::{self, sweep};
use hashwatt::presets::PresetLibrary;
use hashwatt::scenario_file::ScenarioDoc;
use std::hint::black_box;

fn scenario() -> model::Scenario {
    let library = PresetLibrary::builtin();
    ScenarioDoc::default()
        .resolve(&library)
        .expect("the default scenario resolves")
}

fn bench(c: &mut Criterion) {
    let s = scenario();
    let electricity = sweep::linspace(0.0, 0.2, 100);
    let btc = sweep::linspace(10_000.0, 250_000.0, 100);
    let mut profit = vec![0.0; 100 * 100];
    c.bench_function("100x100 grid: electricity price x BTC price", |b| {
        b.iter(|| {
            sweep::electricity_by_btc_price(black_box(&s), &electricity, &btc, |i, j, e| {
                profit[i * 100 + j] = e.profit_usd_per_day;
            });
            black_box(&profit);
        })
    });
}

/// What the window does after every input change: resolve the scenario, evaluate it and compute
/// every chart's data, the regions chart (every region evaluated) included. Target < 2 ms.
fn bench_recompute(c: &mut Criterion) {
    let library = PresetLibrary::builtin();
    let mut doc = ScenarioDoc::default();
    doc.site.region = Some("texas-ercot".into());
    doc.projection.months = 60;
    let mut units = 100;
    c.bench_function("recompute everything after one input change", |b| {
        b.iter(|| {
            units = if units == 100 { 101 } else { 100 };
            doc.fleet[0].units = units;
            black_box(
                Computed::of(black_box(&doc), &library, hashwatt::i18n::Lang::En)
                    .expect("resolves"),
            )
        })
    });
}

/// A million-point sweep (`hashwatt sweep` with 1000 × 1000 cells): the evaluations alone, and
/// written as CSV to a sink (formatting included). Target: well under a second.
fn bench_sweep(c: &mut Criterion) {
    use hashwatt::model::sweep::{ProfitGrid, RowInput};
    let s = scenario();
    let electricity = sweep::axis(0.0, 0.2, 1000);
    let btc = sweep::axis(20_000.0, 200_000.0, 1000);
    let mut group = c.benchmark_group("sweep");
    group.sample_size(10);
    group.bench_function("1000x1000 grid: electricity price x BTC price", |b| {
        b.iter(|| {
            black_box(ProfitGrid::compute(
                black_box(&s),
                RowInput::ElectricityUsdPerKwh,
                electricity.clone(),
                btc.clone(),
            ))
        })
    });
    // The way the grid was computed before: a full evaluation for every cell, on one core.
    group.bench_function("1000x1000 grid, one evaluation per cell (before)", |b| {
        let mut profit = vec![0.0; 1000 * 1000];
        b.iter(|| {
            sweep::by_btc_price(
                black_box(&s),
                RowInput::ElectricityUsdPerKwh,
                &electricity,
                &btc,
                |i, j, e| profit[i * 1000 + j] = e.profit_usd_per_day,
            );
            black_box(&profit);
        })
    });
    // And written as CSV that way: one evaluation and one line a cell, on one core.
    group.bench_function(
        "1000x1000 grid as CSV, one evaluation per cell (before)",
        |b| {
            use std::fmt::Write as _;
            use std::io::Write as _;
            b.iter(|| {
                let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::sink());
                let prices: Vec<String> = btc.iter().map(f64::to_string).collect();
                let mut line = String::new();
                for row in &electricity {
                    let (mut row_text, mut break_even) = (String::new(), String::new());
                    sweep::by_btc_price(
                        black_box(&s),
                        RowInput::ElectricityUsdPerKwh,
                        std::slice::from_ref(row),
                        &btc,
                        |_, j, e| {
                            if j == 0 {
                                row_text = row.to_string();
                                break_even = e
                                    .break_even_btc_price_usd
                                    .map(|b| b.to_string())
                                    .unwrap_or_default();
                            }
                            line.clear();
                            let _ = writeln!(
                                line,
                                "{row_text},{},{},{break_even}",
                                prices[j], e.profit_usd_per_day
                            );
                            let _ = w.write_all(line.as_bytes());
                        },
                    );
                }
                w.flush().expect("a sink takes anything");
            })
        },
    );
    group.bench_function("1000x1000 grid as CSV", |b| {
        b.iter(|| {
            hashwatt::cli::sweep::write_csv(
                &mut std::io::sink(),
                black_box(&s),
                RowInput::ElectricityUsdPerKwh,
                &electricity,
                &btc,
            )
            .expect("a sink takes anything")
        })
    });
    group.finish();
}

criterion_group!(benches, bench, bench_recompute, bench_sweep);
criterion_main!(benches);
