use super::*;
use crate::chart_data::{self, ChartData};
use crate::i18n::strings;
use crate::model::{self, Evaluation};
use crate::presets::PresetLibrary;
use crate::scenario_file::ScenarioDoc;

fn texas() -> (ChartData, Evaluation, PresetLibrary) {
    let library = PresetLibrary::builtin();
    let mut doc = ScenarioDoc::default();
    doc.site.region = Some("texas-ercot".into());
    doc.fleet[0].units = 100;
    let scenario = doc.resolve(&library).unwrap();
    let e = model::evaluate(&scenario);
    let data = chart_data::compute(
        &doc,
        &scenario,
        &e,
        &library,
        &doc.projection,
        crate::i18n::Lang::En,
    );
    (data, e, library)
}

fn small() -> ChartOptions {
    ChartOptions {
        width: 400,
        height: 300,
        date: "2026-01-15".into(),
        title_suffix: "Texas".into(),
        ..ChartOptions::default()
    }
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

fn svg(kind: ChartKind, data: &ChartData, opts: &ChartOptions) -> String {
    String::from_utf8(render_chart(kind, data, opts, ImageFormat::Svg).unwrap()).unwrap()
}

#[test]
fn kinds_and_formats_by_name() {
    for kind in ChartKind::ALL {
        assert_eq!(ChartKind::from_cli_name(kind.cli_name()), Some(kind));
    }
    assert_eq!(ChartKind::from_cli_name("pie"), None);
    let format = |p: &str| ImageFormat::from_path(std::path::Path::new(p));
    assert_eq!(format("a/b.png"), Some(ImageFormat::Png));
    assert_eq!(format("chart.SVG"), Some(ImageFormat::Svg));
    assert_eq!(format("chart.jpg"), None);
    assert_eq!(format("png"), None);
}

#[test]
fn every_kind_renders_a_png_of_the_requested_size() {
    let (data, _, _) = texas();
    for kind in ChartKind::ALL {
        let bytes = render_chart(kind, &data, &small(), ImageFormat::Png).unwrap();
        assert_eq!(png_size(&bytes), (400, 300), "{kind:?}");
    }
}

#[test]
fn every_kind_renders_an_svg_with_its_title_and_an_axis_label() {
    let (data, _, _) = texas();
    let c = &strings(Lang::En).charts;
    let expected = [
        (ChartKind::Mix, c.mix_title, c.mix_contribution_axis),
        (
            ChartKind::Regions,
            c.regions_title,
            c.regions_metric_intensity,
        ),
        (ChartKind::BreakEven, c.break_even_title, c.profit_axis),
        (
            ChartKind::Projection,
            c.projection_title,
            c.cumulative_cash_axis,
        ),
        (ChartKind::Hardware, c.hardware_title, c.efficiency_axis),
    ];
    for (kind, title, axis) in expected {
        let text = svg(kind, &data, &small());
        assert!(text.starts_with("<svg"), "{kind:?}");
        assert!(text.contains(&format!("{title}: Texas")), "{kind:?}");
        assert!(text.contains(axis), "{kind:?} lacks {axis}");
        assert!(
            text.contains("Made with hashwatt on 2026-01-15"),
            "{kind:?}"
        );
    }
}

#[test]
fn the_regions_chart_names_every_region_and_ranks_by_the_chosen_metric() {
    let (data, _, library) = texas();
    let mut opts = small();
    opts.width = 900;
    opts.height = 900;
    for metric in crate::chart_data::RegionMetric::ALL {
        opts.region_metric = metric;
        let text = svg(ChartKind::Regions, &data, &opts);
        for region in library.regions() {
            assert!(text.contains(&region.name), "{metric:?}: {}", region.name);
        }
    }
    // Kazakhstan's measured 802 g/kWh is drawn as the screen shows it.
    opts.region_metric = RegionMetric::GridIntensity;
    assert!(svg(ChartKind::Regions, &data, &opts).contains("802.0"));
}

#[test]
fn extreme_sizes_draw_without_failing() {
    let (data, _, _) = texas();
    for (width, height) in [(200, 200), (8000, 200), (200, 1600)] {
        let opts = ChartOptions {
            width,
            height,
            ..small()
        };
        for kind in ChartKind::ALL {
            render_chart(kind, &data, &opts, ImageFormat::Svg)
                .unwrap_or_else(|e| panic!("{kind:?} at {width}×{height}: {e}"));
        }
    }
}

#[test]
fn sizes_outside_the_limits_are_refused() {
    let (data, _, _) = texas();
    let opts = ChartOptions {
        width: 199,
        ..small()
    };
    let error = render_chart(ChartKind::Mix, &data, &opts, ImageFormat::Png).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the width is 199 px; it must be from 200 to 8000 px"
    );
    assert_eq!(
        error.localized(Lang::Zh),
        "图片宽度为 199 px；必须在 200 到 8000 px 之间"
    );
}

#[test]
fn a_profitless_scenario_without_halvings_still_draws() {
    // A custom mix, no block height (no halvings), an unprofitable price: every marker that
    // can be missing is missing.
    let library = PresetLibrary::builtin();
    let mut doc = ScenarioDoc::default();
    doc.site.mix = Some(crate::cli::args::parse_mix("coal=50,wind=50").unwrap());
    doc.site.region = None;
    doc.market.btc_price_usd = Some(1000.0);
    doc.market.subsidy = Some(model::SubsidySpec::Btc(3.125));
    let scenario = doc.resolve(&library).unwrap();
    let e = model::evaluate(&scenario);
    let data = chart_data::compute(
        &doc,
        &scenario,
        &e,
        &library,
        &doc.projection,
        crate::i18n::Lang::En,
    );
    assert!(data.projection.projection.payback_month.is_none());
    for kind in ChartKind::ALL {
        let text = svg(kind, &data, &small());
        assert!(text.contains("</svg>"), "{kind:?}");
    }
    let projection = svg(ChartKind::Projection, &data, &small());
    assert!(projection.contains(strings(Lang::En).charts.projection_no_halvings));
    assert!(projection.contains("no payback within 36 months"));
}

#[test]
fn csv_has_a_header_and_one_row_per_figure() {
    let (_, e, _) = texas();
    let csv = results_csv(&e, Lang::En);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 23);
    assert_eq!(lines[0], "key,figure,value,unit");
    assert!(lines[1].starts_with("fleet_hashrate_ths,Fleet hashrate,"));
    assert!(lines.iter().all(|l| l.split(',').count() == 4), "{csv}");
    let intensity = lines
        .iter()
        .find(|l| l.starts_with("grid_intensity_g_per_kwh,"))
        .unwrap();
    assert_eq!(
        *intensity,
        "grid_intensity_g_per_kwh,Grid intensity,377,g CO₂e/kWh"
    );
}

#[test]
fn undefined_figures_are_empty_in_csv_and_never_or_a_dash_in_markdown() {
    let library = PresetLibrary::builtin();
    let mut doc = ScenarioDoc::default();
    doc.market.btc_price_usd = Some(1.0);
    let scenario = doc.resolve(&library).unwrap();
    let e = model::evaluate(&scenario);
    assert!(e.payback_days.is_none());
    let csv = results_csv(&e, Lang::En);
    assert!(csv.contains("\npayback_days,Payback,,days\n"), "{csv}");
    let md = results_markdown("t", &e, &[], Lang::En);
    assert!(md.contains("| Payback | never | days |"), "{md}");
}

#[test]
fn json_is_the_report_object() {
    let (_, e, _) = texas();
    let json: serde_json::Value = serde_json::from_str(&results_json(&e)).unwrap();
    let object = json.as_object().unwrap();
    let keys: Vec<&str> = crate::figures::Figure::CONTRACT
        .iter()
        .map(|f| f.key())
        .collect();
    assert_eq!(object.len(), 22);
    for key in keys {
        assert!(object.contains_key(key), "{key}");
    }
    assert_eq!(object["grid_intensity_g_per_kwh"], 377.0);
}

#[test]
fn markdown_has_a_table_with_separators_and_the_sources() {
    let (data, e, _) = texas();
    let md = results_markdown("hashwatt results: Texas", &e, &data.sources, Lang::En);
    assert!(md.starts_with("# hashwatt results: Texas\n"));
    assert!(md.contains("| Figure | Value | Unit |"));
    assert!(md.contains("| Break-even BTC price | "));
    let power = md
        .lines()
        .find(|l| l.starts_with("| Energy per year |"))
        .unwrap();
    assert!(power.contains(','), "thousands separator: {power}");
    assert!(md.contains("\n## Sources\n"));
    assert!(md.contains("- Grid intensity: Electricity Maps"));
}
