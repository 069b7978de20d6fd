use super::*;
use crate::chart_data::{self, ChartData, RegionMetric};
use crate::format;
use crate::i18n::Lang;
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

/// The views' own data for the Texas scenario: its sensitivity maps, its network view, and Texas
/// beside Québec.
struct Views {
    maps: crate::chart_data::sensitivity::Maps,
    network: crate::network_data::NetworkView,
    comparison: crate::compare::Comparison,
    names: Vec<String>,
    /// Both pins' sources, each once.
    pin_sources: Vec<String>,
    history: crate::history::chart::HistoryChart,
    backtest: crate::history::chart::BacktestChart,
    dispatch: crate::chart_data::dispatch::DurationCurve,
    map: crate::map::MapChart,
}

impl Views {
    /// The pinned comparison, as the Compare chart takes it.
    fn pinned(&self) -> Pinned<'_> {
        Pinned {
            comparison: &self.comparison,
            names: &self.names,
            sources: &self.pin_sources,
        }
    }
}

/// The Texas scenario's dispatch over a week of hourly prices from 10 to 177 USD/MWh.
fn texas_dispatch(
    doc: &ScenarioDoc,
    scenario: &model::Scenario,
    library: &PresetLibrary,
) -> model::dispatch::Dispatch {
    use crate::model::dispatch::{DispatchRates, PriceSeries, dispatch};
    let series = PriceSeries {
        start_unix_s: 1_704_067_200,
        utc_offset_minutes: 0,
        step_minutes: 60,
        price_usd_per_mwh: (0..168).map(|i| 10.0 + f64::from(i)).collect(),
        intensity_g_per_kwh: None,
    };
    let modes = doc.fleet_modes(scenario, library).unwrap();
    dispatch(
        &DispatchRates::of(scenario),
        &modes,
        &series,
        &doc.dispatch.settings(),
    )
}

fn views(library: &PresetLibrary) -> Views {
    let mut texas = ScenarioDoc::default();
    texas.site.region = Some("texas-ercot".into());
    texas.fleet[0].units = 100;
    let mut quebec = texas.clone();
    quebec.site.region = Some("quebec".into());
    let scenario = texas.resolve(library).unwrap();
    let e = model::evaluate(&scenario);
    Views {
        maps: crate::chart_data::sensitivity::Maps::compute(
            &scenario,
            &crate::chart_data::sensitivity::Settings {
                cells: 12,
                ..Default::default()
            },
        ),
        network: crate::network_data::NetworkView::of(
            &texas,
            &scenario,
            e.grid_intensity_g_per_kwh,
            library,
            &crate::network_data::ViewSettings::default(),
            Lang::En,
        ),
        comparison: crate::compare::Comparison::of([&texas, &quebec], library),
        names: vec!["Texas pin".into(), "Québec pin".into()],
        pin_sources: {
            let mut all = crate::chart_data::sources(&texas, library, Lang::En);
            for source in crate::chart_data::sources(&quebec, library, Lang::En) {
                if !all.contains(&source) {
                    all.push(source);
                }
            }
            all
        },
        history: crate::history::chart::HistoryChart::of(
            &crate::history::History::builtin(),
            library,
            crate::history::chart::HistorySettings::whole(&crate::history::History::builtin()),
        ),
        backtest: crate::history::chart::BacktestChart::of(
            &crate::history::History::builtin(),
            &scenario,
            crate::history::chart::BacktestSettings::latest(&crate::history::History::builtin()),
        )
        .unwrap(),
        dispatch: crate::chart_data::dispatch::DurationCurve::of(&texas_dispatch(
            &texas, &scenario, library,
        )),
        map: crate::map::layers::map_chart(&crate::map::MapRequest {
            layer: crate::map::MapLayer::HashrateShare,
            library,
            history: crate::history::History::builtin_ref(),
            snapshot: None,
            year: None,
            scenario: &texas,
            lang: Lang::En,
        })
        .unwrap(),
    }
}

/// Everything a chart may draw from.
fn input<'a>(data: &'a ChartData, v: &'a Views, pinned: &'a Pinned<'a>) -> ChartInput<'a> {
    ChartInput {
        data,
        sensitivity: Some(&v.maps),
        network: Some(&v.network),
        pinned: Some(pinned),
        history: Some(&v.history),
        history_shows_power: false,
        backtest: Some(&v.backtest),
        dispatch: Some(&v.dispatch),
        map: Some(&v.map),
    }
}

/// Every kind, Compare included.
fn every_kind() -> impl Iterator<Item = ChartKind> {
    ChartKind::ALL.into_iter().chain([ChartKind::Compare])
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

fn svg<'a>(kind: ChartKind, data: impl Into<ChartInput<'a>>, opts: &ChartOptions) -> String {
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
    let (data, _, library) = texas();
    let v = views(&library);
    let pinned = v.pinned();
    for kind in every_kind() {
        let bytes =
            render_chart(kind, input(&data, &v, &pinned), &small(), ImageFormat::Png).unwrap();
        assert_eq!(png_size(&bytes), (400, 300), "{kind:?}");
    }
}

#[test]
fn every_kind_renders_an_svg_with_its_title_and_an_axis_label() {
    let (data, _, library) = texas();
    let v = views(&library);
    let pinned = v.pinned();
    let t = strings(Lang::En);
    let c = &t.charts;
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
        (
            ChartKind::Sensitivity,
            t.sensitivity.title,
            t.sensitivity.btc_price_axis,
        ),
        (
            ChartKind::Network,
            t.network.title,
            t.network.intensity_axis,
        ),
    ];
    for (kind, title, axis) in expected {
        let text = svg(kind, input(&data, &v, &pinned), &small());
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
        // Every region with a power price (the country table's have none to rank by).
        for region in library
            .regions()
            .filter(|r| r.electricity_price_usd_per_kwh.is_some())
        {
            assert!(text.contains(&region.name), "{metric:?}: {}", region.name);
        }
    }
    // Kazakhstan's measured 802 g/kWh is drawn as the screen shows it.
    opts.region_metric = RegionMetric::GridIntensity;
    assert!(svg(ChartKind::Regions, &data, &opts).contains("802.0"));
}

#[test]
fn extreme_sizes_draw_without_failing() {
    let (data, _, library) = texas();
    let v = views(&library);
    let pinned = v.pinned();
    for (width, height) in [(200, 200), (8000, 200), (200, 1600)] {
        let opts = ChartOptions {
            width,
            height,
            ..small()
        };
        for kind in every_kind() {
            render_chart(kind, input(&data, &v, &pinned), &opts, ImageFormat::Svg)
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
    doc.site.mix = Some(crate::cli::flags::parse_mix("coal=50,wind=50").unwrap());
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
        if matches!(
            kind,
            ChartKind::Sensitivity
                | ChartKind::Network
                | ChartKind::History
                | ChartKind::Backtest
                | ChartKind::Dispatch
                | ChartKind::Map
        ) {
            continue;
        }
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
    // The header, the contract's 22 figures and site accounting's 7.
    assert_eq!(lines.len(), 1 + 22 + 7);
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
    let keys: Vec<&str> = crate::figures::Figure::of_group(crate::figures::Group::Contract)
        .map(|f| f.key())
        .collect();
    assert_eq!(object.len(), 22 + 7);
    assert!(object["scope3_upstream_t_per_year"].is_number());
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

#[test]
fn the_views_charts_draw_the_numbers_the_views_show() {
    let (data, _, library) = texas();
    let v = views(&library);
    let pinned = v.pinned();
    let opts = ChartOptions {
        width: 1400,
        height: 900,
        ..small()
    };
    // Compare: each pin by name, and each figure's value as the table shows it.
    let compare = svg(ChartKind::Compare, input(&data, &v, &pinned), &opts);
    assert!(compare.contains("Texas pin") && compare.contains("Québec pin"));
    // The footer names both sites' sources: Québec's price tariff as well as Texas's statistic.
    assert!(compare.contains("Hydro-Québec Rate CB"), "Québec's sources");
    assert!(
        compare.contains("US EIA Electric Power Annual"),
        "Texas's sources"
    );
    for figure in COMPARE_FIGURES {
        assert!(compare.contains(figure.words(Lang::En).label), "{figure:?}");
        let row = v
            .comparison
            .rows
            .iter()
            .find(|r| r.figure == figure)
            .unwrap();
        for value in row.values.iter().flatten() {
            assert!(
                compare.contains(&format::number(*value)),
                "{figure:?} {value}"
            );
        }
    }
    // Network: the best guess's power and every mining map's intensity.
    let network = svg(ChartKind::Network, input(&data, &v, &pinned), &opts);
    assert!(!ChartKind::Network.is_about_the_scenario());
    assert!(ChartKind::Mix.is_about_the_scenario());
    let figures = v.network.figures.as_ref().unwrap();
    let best = figures.estimate.best_guess.as_ref().unwrap();
    assert!(network.contains(&format::number(best.power_gw)));
    for map in &figures.migration {
        assert!(
            network.contains(&format::fixed(map.intensity_g_per_kwh, 0)),
            "{}",
            map.name
        );
    }
    assert!(network.contains(strings(Lang::En).network.bitcoin));
    // Sensitivity: both maps and the scale's ends.
    let sensitivity = svg(ChartKind::Sensitivity, input(&data, &v, &pinned), &opts);
    let s = &strings(Lang::En).sensitivity;
    assert!(sensitivity.contains(s.electricity_map_title));
    assert!(sensitivity.contains(s.difficulty_map_title));
    assert!(sensitivity.contains(&format::usd(v.maps.scale())));
}

#[test]
fn a_view_chart_without_its_data_says_so() {
    let (data, _, _) = texas();
    for (kind, expected) in [
        (ChartKind::Sensitivity, ExportError::Nothing),
        (ChartKind::Network, ExportError::Nothing),
        (ChartKind::Compare, ExportError::Nothing),
        (ChartKind::History, ExportError::NothingInView),
        (ChartKind::Backtest, ExportError::NothingInView),
        (ChartKind::Dispatch, ExportError::NoPrices),
    ] {
        let error = render_chart(kind, &data, &small(), ImageFormat::Svg).unwrap_err();
        assert_eq!(error, expected, "{kind:?}");
    }
    // The Dispatch tab without prices says what it needs, as the tab does.
    assert_eq!(
        ExportError::NoPrices.to_string(),
        "No prices yet: import a price series, or give the scenario a tariff."
    );
    assert_eq!(
        ExportError::NothingInView.localized(Lang::Zh),
        "此图表尚无可绘制的内容（请先查看本页的提示）"
    );
    assert_eq!(
        ExportError::Nothing.to_string(),
        "this chart has nothing to draw yet (pin scenarios to compare first)"
    );
}

/// The History, Backtest and Dispatch charts: each a non-empty SVG with its title, its axis
/// labels and its series' names, in English and in Chinese, drawn from the views' data.
#[test]
fn the_history_backtest_and_dispatch_charts_have_their_titles_and_axes_in_both_languages() {
    let (data, _, library) = texas();
    let v = views(&library);
    let pinned = v.pinned();
    for lang in [Lang::En, Lang::Zh] {
        let t = strings(lang);
        let h = &t.history;
        let d = &t.dispatch;
        let opts = ChartOptions {
            width: 1400,
            height: 1000,
            lang,
            title_suffix: String::new(),
            ..small()
        };
        let expected: [(ChartKind, &str, Vec<&str>); 3] = [
            (
                ChartKind::History,
                h.title,
                vec![
                    h.energy_axis,
                    h.co2_axis,
                    h.hashprice_usd_axis,
                    h.col_year,
                    h.energy_title,
                    h.cambridge_series,
                ],
            ),
            (
                ChartKind::Backtest,
                h.backtest_title,
                vec![h.cumulative_axis, h.col_month, h.cumulative_series],
            ),
            (
                ChartKind::Dispatch,
                d.title,
                vec![d.cost_axis, d.duration_x, d.duration_title, d.break_even],
            ),
        ];
        // As an SVG writes text.
        let xml = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('\'', "&apos;")
                .replace('"', "&quot;")
        };
        for (kind, title, texts) in expected {
            let text = svg(kind, input(&data, &v, &pinned), &opts);
            assert!(text.starts_with("<svg") && text.len() > 2000, "{kind:?}");
            assert!(text.contains(&xml(title)), "{lang:?} {kind:?}: {title}");
            for label in texts {
                assert!(
                    text.contains(&xml(label)),
                    "{lang:?} {kind:?} lacks {label}"
                );
            }
            let png =
                render_chart(kind, input(&data, &v, &pinned), &opts, ImageFormat::Png).unwrap();
            assert_eq!(png_size(&png), (1400, 1000));
        }
    }
}

/// The exported charts carry the views' numbers: the payback month the backtest found, the
/// break-even the dispatch uses, Cambridge's points where the history puts them.
#[test]
fn the_history_backtest_and_dispatch_charts_draw_the_views_numbers() {
    let (data, _, library) = texas();
    let v = views(&library);
    let pinned = v.pinned();
    let opts = ChartOptions {
        width: 1400,
        height: 1000,
        ..small()
    };
    let h = &strings(Lang::En).history;
    let backtest = svg(ChartKind::Backtest, input(&data, &v, &pinned), &opts);
    let summary = &v.backtest.backtest.summary;
    let words = match summary.payback_month {
        Some(m) => crate::i18n::fill(h.payback, &[("month", &m.to_string())]),
        None => crate::i18n::fill(
            h.no_payback,
            &[("month", &v.backtest.settings.to.to_string())],
        ),
    };
    assert!(backtest.contains(&words), "{words}");
    assert!(backtest.contains(&format::usd(summary.cumulative_cash_flow_usd)));
    let dispatch = svg(ChartKind::Dispatch, input(&data, &v, &pinned), &opts);
    let be = v.dispatch.break_even_usd_mwh.unwrap();
    assert!(dispatch.contains(&format::number(be)), "{be}");
    // Some steps mined and some not on this week's prices: both colours are drawn.
    assert!(v.dispatch.points.iter().any(|p| p.mined));
    assert!(v.dispatch.points.iter().any(|p| !p.mined));
    let history = svg(ChartKind::History, input(&data, &v, &pinned), &opts);
    assert!(history.contains("2010-07 → "), "the range is named");
    // The History's footer names the history's sources, not the site's: it is about the
    // network.
    assert!(history.contains(strings(Lang::En).charts.sources_footer));
    assert!(
        history.contains("hashwatt monthly network history"),
        "{history}"
    );
    assert!(history.contains("Cambridge Bitcoin Electricity"));
    let site_source = data.sources.first().expect("the site has sources");
    assert!(!history.contains(site_source.as_str()), "{site_source}");
}
