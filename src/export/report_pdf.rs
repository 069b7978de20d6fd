//! The printable site report: the scenario's inputs, every result with its formula, the
//! Scope 1/2/3 table, the charts (drawn by the same code as PNG and SVG export, as vectors),
//! the projection's summary and a page of sources, on A4 or US Letter, in the chosen language.

use super::pdf::{Fonts, PdfBackend, fill_of};
use super::{ChartInput, ChartKind, ChartOptions, ExportError};
use crate::figures::{self, Figure};
use crate::format;
use crate::i18n::{self, Lang, Localized, fill};
use crate::inputs::Input;
use crate::model::{self, Evaluation, Scenario};
use crate::presets::{Grade, PresetLibrary};
use crate::scenario_file::ScenarioDoc;
use krilla::Document;
use krilla::geom::{PathBuilder, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Stroke;

/// The paper sizes the report is laid out for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// Width and height in points (1/72 inch).
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    /// The name on the command line (`--paper a4|letter`).
    pub fn cli_name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }
}

/// What the report is made of.
pub struct ReportInput<'a> {
    pub doc: &'a ScenarioDoc,
    pub scenario: &'a Scenario,
    pub library: &'a PresetLibrary,
    pub lang: Lang,
    /// The date printed in the footer; the renderer never reads the clock.
    pub date: String,
    /// The file the scenario was opened from or saved as: its name titles the report (a user
    /// knows the scenario by it), else the scenario's own name does.
    pub file: Option<&'a std::path::Path>,
}

impl ReportInput<'_> {
    /// The name the report is titled with: the file's name without `.ron`, else the
    /// scenario's name, else "Untitled".
    pub fn name(&self) -> String {
        let words = i18n::strings(self.lang);
        if let Some(stem) = self.file.and_then(|f| f.file_stem()) {
            return stem.to_string_lossy().into_owned();
        }
        match self.doc.name_in(self.lang) {
            "" => words.cli.untitled.to_string(),
            name => name.to_string(),
        }
    }
}

const MARGIN: f32 = 48.0;
const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const GREY: (u8, u8, u8) = (95, 95, 95);
const INK: (u8, u8, u8) = (25, 25, 25);
/// The charts' drawing size in pixels, scaled to the page's width.
const CHART_PX: (u32, u32) = (1200, 800);
const CHARTS: [ChartKind; 5] = [
    ChartKind::Mix,
    ChartKind::BreakEven,
    ChartKind::Projection,
    ChartKind::Hardware,
    ChartKind::Regions,
];

/// A table cell: its text, where its column starts and how wide it is (fractions of the text
/// width), and its colour.
type Cell<'t> = (&'t str, f32, f32, (u8, u8, u8));

enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        colour: (u8, u8, u8),
        text: String,
    },
    Rule {
        y: f32,
    },
    Chart {
        kind: ChartKind,
        y: f32,
        width: f32,
    },
}

/// Pages of drawing operations, laid out top to bottom; drawn once the page count is known.
struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
    width: f32,
    height: f32,
}

/// The most lines a title takes.
const TITLE_LINES: usize = 3;

impl<'f> Layout<'f> {
    fn new(fonts: &'f Fonts, paper: Paper) -> Layout<'f> {
        let (width, height) = paper.size_pt();
        Layout {
            fonts,
            pages: vec![Vec::new()],
            y: MARGIN,
            width,
            height,
        }
    }

    fn text_width(&self) -> f32 {
        self.width - 2.0 * MARGIN
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `needed` points fit above the footer.
    fn ensure(&mut self, needed: f32) {
        if self.y + needed > self.height - MARGIN - 14.0 {
            self.new_page();
        }
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    fn text(&mut self, x: f32, size: f32, colour: (u8, u8, u8), text: &str) {
        let y = self.y + size;
        self.push(Op::Text {
            x,
            y,
            size,
            colour,
            text: text.to_string(),
        });
    }

    /// The title, wrapped to the page and shortened past three lines (a scenario's name may be
    /// any length).
    fn title(&mut self, text: &str) {
        const SIZE: f32 = 18.0;
        for line in self
            .fonts
            .wrap_shortened(text, SIZE, self.text_width(), TITLE_LINES)
        {
            self.ensure(30.0);
            self.text(MARGIN, SIZE, INK, &line);
            self.y += 24.0;
        }
        self.y += 4.0;
    }

    fn heading(&mut self, text: &str) {
        self.ensure(40.0);
        self.y += 6.0;
        self.text(MARGIN, 13.0, INK, text);
        self.y += 17.0;
        let y = self.y;
        self.push(Op::Rule { y });
        self.y += 5.0;
    }

    fn paragraph(&mut self, text: &str, size: f32, colour: (u8, u8, u8)) {
        for line in self.fonts.wrap(text, size, self.text_width()) {
            self.ensure(size * 1.35);
            self.text(MARGIN, size, colour, &line);
            self.y += size * 1.35;
        }
    }

    /// A row of cells, each wrapped to its column; columns are fractions of the text width.
    fn row(&mut self, cells: &[Cell]) {
        let width = self.text_width();
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .map(|(text, _, share, _)| self.fonts.wrap(text, BODY, width * share - 6.0))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        let size = BODY;
        let line = size * 1.3;
        self.ensure(line * lines as f32 + 2.0);
        for ((_, start, _, colour), text) in cells.iter().zip(&wrapped) {
            for (i, piece) in text.iter().enumerate() {
                let y = self.y + size + i as f32 * line;
                self.push(Op::Text {
                    x: MARGIN + width * start,
                    y,
                    size,
                    colour: *colour,
                    text: piece.clone(),
                });
            }
        }
        self.y += line * lines as f32 + 2.0;
    }

    fn chart(&mut self, kind: ChartKind) {
        let width = self.text_width();
        let height = width * CHART_PX.1 as f32 / CHART_PX.0 as f32;
        self.ensure(height + 8.0);
        let y = self.y;
        self.push(Op::Chart { kind, y, width });
        self.y += height + 8.0;
    }
}

fn grade_words(grade: Grade, lang: Lang) -> &'static str {
    let d = &i18n::strings(lang).disclosure;
    match grade {
        Grade::Measured => d.grade_measured,
        Grade::Secondary => d.grade_secondary,
        Grade::Estimate => d.grade_estimate,
    }
}

/// A value with its input's unit (`0.066 USD/kWh`).
fn input_value(input: Input, value: f64, lang: Lang) -> String {
    format!(
        "{}{}",
        format::fixed(value, input.spec().decimals),
        input.suffix(lang)
    )
}

/// The inputs as label–value pairs, in the order of the window's panels.
fn input_rows(input: &ReportInput, lang: Lang) -> Vec<(String, String)> {
    let s = input.scenario;
    let doc = input.doc;
    let words = i18n::strings(lang);
    let (t, d) = (&words.cli, &words.disclosure);
    let mut rows = Vec::new();
    let region = doc
        .site
        .base_region_id()
        .and_then(|id| input.library.region(id));
    let site = match (region, doc.site.mix.is_some()) {
        (Some(r), false) => r.name_in(lang).to_string(),
        (Some(r), true) => fill(t.region_custom_mix, &[("name", r.name_in(lang))]),
        (None, _) => t.custom_mix.to_string(),
    };
    rows.push((t.site.trim_end_matches([':', '：']).to_string(), site));
    let table = input
        .library
        .emission_table(&doc.site.emission_table)
        .map_or(doc.site.emission_table.clone(), |t| {
            t.name_in(lang).to_string()
        });
    rows.push((t.grid.trim_end_matches([':', '：']).to_string(), table));
    let mut add = |input: Input, value: f64| {
        rows.push((
            input.label(lang).to_string(),
            input_value(input, value, lang),
        ));
    };
    add(Input::ElectricityUsdPerKwh, s.site.electricity_usd_per_kwh);
    add(Input::Pue, s.site.pue);
    add(Input::UptimePct, s.site.uptime_pct);
    add(Input::PoolFeePct, s.site.pool_fee_pct);
    add(Input::OpexUsdPerMonth, s.site.opex_usd_per_month);
    add(Input::CarbonPriceUsdPerT, s.site.carbon_price_usd_per_t);
    add(Input::HardwareLifeYears, s.hardware_life_years);
    add(Input::BtcPriceUsd, s.market.btc_price_usd);
    add(
        Input::NetworkHashrateEhs,
        s.market.network_hashrate_hs() / 1e18,
    );
    add(Input::BlockSubsidyBtc, s.market.subsidy_btc());
    add(Input::FeesBtcPerBlock, s.market.fees_btc_per_block);
    let p = &doc.projection;
    add(Input::ProjectionMonths, f64::from(p.months));
    add(
        Input::DifficultyGrowthPctPerYear,
        p.difficulty_growth_pct_per_year,
    );
    add(
        Input::BtcPriceGrowthPctPerYear,
        p.btc_price_growth_pct_per_year,
    );
    add(
        Input::HalvingDifficultyDropPct,
        p.halving_difficulty_drop_pct,
    );
    add(Input::HardwareResalePct, p.hardware_resale_pct);
    let levers = &s.levers;
    if let Some(r) = levers.renewable {
        add(Input::RenewableSharePct, r.share_pct);
        add(Input::RenewableIntensityGPerKwh, r.intensity_g_per_kwh);
        add(Input::RenewableUsdPerKwh, r.price_usd_per_kwh);
    }
    if let Some(c) = levers.curtailment {
        add(Input::CurtailmentHoursPerYear, c.hours_per_year);
        add(Input::CurtailmentCreditUsdPerMwh, c.credit_usd_per_mwh);
    }
    if let Some(h) = levers.heat_reuse {
        add(Input::HeatReusePct, h.share_pct);
        add(Input::HeatPriceUsdPerMwh, h.price_usd_per_mwh_heat);
        add(Input::HeatDisplacedGPerKwh, h.displaced_g_per_kwh_heat);
    }
    if let Some(f) = levers.flared_gas {
        add(Input::GeneratorGPerKwh, f.generator_g_per_kwh);
        add(Input::AvoidedFlaringGPerKwh, f.avoided_flaring_g_per_kwh);
    }
    let i = &s.accounting.instruments;
    add(Input::CertificatesMwhPerYear, i.certificates_mwh_per_year);
    add(Input::CertificateGPerKwh, i.certificate_g_per_kwh);
    for (n, g) in s.fleet.iter().enumerate() {
        rows.push((
            format!(
                "{} {}",
                words.cli.fleet.trim_end_matches([':', '：']),
                n + 1
            ),
            format!(
                "{} × {}: {} TH/s, {} W, {}",
                g.units,
                g.name,
                format::number(g.hashrate_ths),
                format::number(g.power_w),
                format::usd(g.unit_cost_usd)
            ),
        ));
    }
    let _ = d;
    rows
}

/// Each sourced figure the report uses: what, source, year and grade.
fn source_rows(input: &ReportInput, lang: Lang) -> Vec<[String; 4]> {
    let d = &i18n::strings(lang).disclosure;
    let lib = input.library;
    let doc = input.doc;
    let mut rows = Vec::new();
    let row = |what: String, source: &str, year: u16, grade: Grade| {
        [
            what,
            source.to_string(),
            year.to_string(),
            grade_words(grade, lang).to_string(),
        ]
    };
    if let Some(r) = doc.site.base_region_id().and_then(|id| lib.region(id)) {
        let name = [("region", r.name_in(lang))];
        if doc.site.mix.is_none() {
            rows.push(row(
                fill(d.source_region_mix, &name),
                &r.mix.source,
                r.mix.year,
                r.mix.grade,
            ));
            rows.push(row(
                fill(d.source_region_intensity, &name),
                &r.intensity.source,
                r.intensity.year,
                r.intensity.grade,
            ));
            if let Some(f) = &r.residual_mix_g_per_kwh {
                rows.push(row(
                    fill(d.source_region_residual, &name),
                    &f.source,
                    f.year,
                    f.grade,
                ));
            }
        }
        if doc.site.electricity_usd_per_kwh.is_none()
            && let Some(f) = &r.electricity_price_usd_per_kwh
        {
            rows.push(row(
                fill(d.source_region_price, &name),
                &f.source,
                f.year,
                f.grade,
            ));
        }
    }
    if let Some(t) = lib.emission_table(&doc.site.emission_table) {
        rows.push(row(
            fill(d.source_table, &[("table", t.name_in(lang))]),
            &t.source,
            t.year,
            t.grade,
        ));
    }
    let operational = &input.scenario.accounting.operational_table;
    if let Some(t) = lib.emission_table(operational) {
        rows.push(row(
            fill(d.source_operational_table, &[("table", t.name_in(lang))]),
            &t.source,
            t.year,
            t.grade,
        ));
    }
    for id in doc.fleet.iter().filter_map(|f| f.miner.as_deref()) {
        if let Some(m) = lib.miner(id) {
            rows.push(row(
                fill(d.source_miner, &[("name", m.name_in(lang))]),
                &m.source,
                m.release_year,
                m.grade,
            ));
        }
    }
    let market = match &doc.market.preset {
        Some(id) => lib.market(id),
        None => lib.newest_market(),
    };
    if let Some(m) = market {
        let f = &m.btc_price_usd;
        rows.push(row(
            fill(d.source_market, &[("name", m.name_in(lang))]),
            &f.source,
            f.year,
            f.grade,
        ));
    }
    rows
}

fn lay_out(layout: &mut Layout, input: &ReportInput, e: &Evaluation) {
    let lang = input.lang;
    let words = i18n::strings(lang);
    let d = &words.disclosure;
    let name = input.name();
    layout.title(&format!("{} — {name}", d.report_title));
    layout.paragraph(
        &format!(
            "{} · {}",
            fill(
                d.report_generated,
                &[("version", env!("CARGO_PKG_VERSION"))]
            ),
            input.date
        ),
        SMALL,
        GREY,
    );

    layout.heading(d.section_inputs);
    for (label, value) in input_rows(input, lang) {
        layout.row(&[(&label, 0.0, 0.45, INK), (&value, 0.45, 0.55, INK)]);
    }

    layout.heading(d.section_results);
    for (figure, value) in figures::of(e) {
        layout.row(&[
            (figure.words(lang).label, 0.0, 0.3, INK),
            (&figure.format_number_with_unit(value, lang), 0.3, 0.22, INK),
            (figure.words(lang).formula, 0.52, 0.48, GREY),
        ]);
    }

    layout.heading(d.section_scopes);
    let energy = Figure::EnergyKwhPerYear;
    layout.row(&[
        (energy.words(lang).label, 0.0, 0.3, INK),
        (
            &energy.format_number_with_unit(energy.value(e), lang),
            0.3,
            0.22,
            INK,
        ),
        ("", 0.52, 0.48, GREY),
    ]);
    for r in crate::site_scope::scope_rows(e, input.scenario, lang) {
        layout.row(&[
            (r.figure.words(lang).label, 0.0, 0.3, INK),
            (
                &r.figure.format_number_with_unit(r.value, lang),
                0.3,
                0.22,
                INK,
            ),
            (&r.basis, 0.52, 0.48, GREY),
        ]);
    }
    layout.paragraph(d.apart_note, SMALL, GREY);

    layout.heading(d.section_projection);
    let p = model::project(input.scenario, &input.doc.projection);
    layout.paragraph(
        &fill(
            d.projection_line,
            &[
                ("months", &p.months.len().to_string()),
                (
                    "profit",
                    &format::usd(p.months.last().map_or(0.0, |m| m.cumulative_cash_flow_usd)),
                ),
                ("btc", &format::number(p.total_btc)),
                (
                    "co2",
                    &format::number(e.co2_t_per_year * p.months.len() as f64 / 12.0),
                ),
            ],
        ),
        BODY,
        INK,
    );
    let payback = match p.payback_month {
        Some(month) => fill(d.projection_payback, &[("month", &month.to_string())]),
        None => d.projection_no_payback.to_string(),
    };
    layout.paragraph(&payback, BODY, INK);

    layout.new_page();
    layout.heading(d.section_charts);
    for kind in CHARTS {
        layout.chart(kind);
    }

    layout.new_page();
    layout.heading(d.section_sources);
    layout.row(&[
        (d.column_input, 0.0, 0.25, GREY),
        (d.column_source, 0.25, 0.57, GREY),
        (d.column_year, 0.82, 0.07, GREY),
        (d.column_grade, 0.89, 0.11, GREY),
    ]);
    for [what, source, year, grade] in source_rows(input, lang) {
        layout.row(&[
            (&what, 0.0, 0.25, INK),
            (&source, 0.25, 0.57, INK),
            (&year, 0.82, 0.07, INK),
            (&grade, 0.89, 0.11, INK),
        ]);
    }
}

/// Writes the report as PDF bytes.
pub fn render_report(input: &ReportInput, paper: Paper) -> Result<Vec<u8>, ExportError> {
    let lang = input.lang;
    let fonts = Fonts::new()?;
    let e = model::evaluate(input.scenario);
    let charts = crate::chart_data::compute(
        input.doc,
        input.scenario,
        &e,
        input.library,
        &input.doc.projection,
        lang,
    );
    let chart_options = ChartOptions {
        width: CHART_PX.0,
        height: CHART_PX.1,
        date: input.date.clone(),
        title_suffix: input.doc.name_in(lang).to_string(),
        region_metric: Default::default(),
        lang,
    };
    let mut layout = Layout::new(&fonts, paper);
    lay_out(&mut layout, input, &e);

    let d = &i18n::strings(lang).disclosure;
    let (width, height) = paper.size_pt();
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} — {}", d.report_title, input.name()))
            .creator(format!("hashwatt {}", env!("CARGO_PKG_VERSION")))
            .language(lang.code().to_string()),
    );
    let pages = layout.pages.len();
    for (index, ops) in layout.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(width, height).ok_or(ExportError::Font)?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    colour,
                    text,
                } => {
                    surface.set_fill(Some(fill_of(colour.0, colour.1, colour.2)));
                    fonts.draw(&mut surface, *x, *y, *size, text);
                }
                Op::Rule { y } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(MARGIN, *y);
                    pb.line_to(width - MARGIN, *y);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            width: 0.6,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Chart { kind, y, width } => {
                    let scale = width / CHART_PX.0 as f32;
                    surface
                        .push_transform(&Transform::from_row(scale, 0.0, 0.0, scale, MARGIN, *y));
                    let backend = PdfBackend {
                        surface: &mut surface,
                        fonts: &fonts,
                        size: CHART_PX,
                    };
                    super::charts::render_on(
                        backend,
                        *kind,
                        &ChartInput::from(&charts),
                        &chart_options,
                    )?;
                    surface.pop();
                }
            }
        }
        let footer = fill(
            d.page_of,
            &[
                ("page", &(index + 1).to_string()),
                ("pages", &pages.to_string()),
            ],
        );
        surface.set_fill(Some(fill_of(GREY.0, GREY.1, GREY.2)));
        let footer_width = fonts.width(&footer, SMALL);
        fonts.draw(
            &mut surface,
            width - MARGIN - footer_width,
            height - MARGIN / 2.0,
            SMALL,
            &footer,
        );
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| ExportError::Draw(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report's text as `pdftotext` (poppler-utils, installed by `.ci/run`) reads it back.
    fn text_of(pdf: &[u8]) -> String {
        let dir = std::env::temp_dir().join(format!("hashwatt-report-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("r{}.pdf", pdf.len()));
        std::fs::write(&path, pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) reads the report back");
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    }

    fn report(id: &str, lang: Lang, paper: Paper) -> (Vec<u8>, Evaluation) {
        let library = PresetLibrary::builtin();
        let doc = library.scenario(id).unwrap().doc.clone();
        let scenario = doc.resolve(&library).unwrap();
        let input = ReportInput {
            doc: &doc,
            scenario: &scenario,
            library: &library,
            lang,
            date: "2026-01-01".into(),
            file: None,
        };
        (
            render_report(&input, paper).unwrap(),
            model::evaluate(&scenario),
        )
    }

    /// pdftotext ends every page with a form feed.
    fn pages(text: &str) -> usize {
        text.matches('\u{c}').count()
    }

    #[test]
    fn emoji_become_a_replacement_character_and_a_long_title_wraps_and_is_shortened() {
        let fonts = Fonts::new().unwrap();
        assert_eq!(
            fonts.printable("Site ⛏️ 🔥 矿场"),
            "Site \u{fffd} \u{fffd} 矿场"
        );
        assert_eq!(fonts.printable("plain"), "plain");
        let width = 500.0;
        let long = format!(
            "Texas 🔥 {}",
            "averyveryverylongnamewithoutanyspaces".repeat(12)
        );
        let lines = fonts.wrap_shortened(&long, 18.0, width, TITLE_LINES);
        assert_eq!(lines.len(), TITLE_LINES, "{lines:?}");
        assert!(lines.last().unwrap().ends_with('…'), "{lines:?}");
        for line in &lines {
            assert!(fonts.width(line, 18.0) <= width, "{line}");
        }

        let library = PresetLibrary::builtin();
        let mut doc = library.scenario("texas-s21").unwrap().doc.clone();
        doc.name = long;
        let scenario = doc.resolve(&library).unwrap();
        let input = ReportInput {
            doc: &doc,
            scenario: &scenario,
            library: &library,
            lang: Lang::En,
            date: "2026-01-01".into(),
            file: None,
        };
        let text = text_of(&render_report(&input, Paper::A4).unwrap());
        assert!(!text.contains('🔥'), "no empty box for the emoji");
        assert!(
            text.contains("Texas \u{fffd}"),
            "{}",
            &text[..300.min(text.len())]
        );
        assert!(text.contains('…'));
    }

    #[test]
    fn the_english_report_has_its_sections_figures_and_pages() {
        let (pdf, e) = report("texas-s21", Lang::En, Paper::A4);
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.len() < 600 * 1024, "{} bytes", pdf.len());
        let text = text_of(&pdf);
        for heading in [
            "Site report",
            "Inputs",
            "Results",
            "Scope 1/2/3 (GHG Protocol)",
            "Projection",
            "Charts",
            "Sources",
        ] {
            assert!(text.contains(heading), "{heading} missing:\n{text}");
        }
        // A figure's value as the report table prints it, and its formula.
        let scope2 = format::number(e.accounting.scope2_location_t_per_year);
        assert!(text.contains(&scope2), "{scope2} missing");
        assert!(text.contains("energy per day × electricity price"));
        // The charts' own text is in the page, as vectors and searchable.
        assert!(text.contains("Projection: Texas S21 fleet"), "{text}");
        let n = pages(&text);
        assert!((5..=10).contains(&n), "{n} pages");
        assert!(text.contains(&format!("Page {n} of {n}")));
        // The sources page names the region's intensity source and its grade.
        assert!(text.contains("Electricity Maps yearly carbon intensity"));
    }

    #[test]
    fn a_report_is_titled_with_the_files_name_else_the_scenarios() {
        let library = PresetLibrary::builtin();
        let doc = library.scenario("texas-s21").unwrap().doc.clone();
        let scenario = doc.resolve(&library).unwrap();
        let file = std::path::Path::new("/home/me/texas-site.ron");
        let mut input = ReportInput {
            doc: &doc,
            scenario: &scenario,
            library: &library,
            lang: Lang::En,
            date: "2026-01-01".into(),
            file: Some(file),
        };
        assert_eq!(input.name(), "texas-site");
        let text = text_of(&render_report(&input, Paper::A4).unwrap());
        assert!(
            text.contains("Site report — texas-site"),
            "{}",
            &text[..200]
        );
        input.file = None;
        assert_eq!(input.name(), doc.name);
    }

    #[test]
    fn paper_sizes_and_chinese_text() {
        let (a4, _) = report("texas-s21", Lang::Zh, Paper::A4);
        let (letter, _) = report("texas-s21", Lang::Zh, Paper::Letter);
        let a4_text = String::from_utf8_lossy(&a4).into_owned();
        let letter_text = String::from_utf8_lossy(&letter).into_owned();
        assert!(a4_text.contains("595.28 841.89"), "A4 media box");
        assert!(letter_text.contains("612 792"), "Letter media box");
        assert!(!a4_text.contains("612 792") && !letter_text.contains("595.28 841.89"));
        let text = text_of(&letter);
        for words in [
            "矿场报告",
            "范围一/二/三（温室气体核算体系）",
            "数据来源",
            "得克萨斯州",
        ] {
            assert!(text.contains(words), "{words} missing:\n{text}");
        }
        assert!(letter.len() < 600 * 1024, "{} bytes", letter.len());
    }

    /// A missing value reads the same in the PDF report, the Markdown export and the text
    /// report: the word its figure's kind gives ("never" for the payback, "—", "not
    /// splittable"), alone in its cell.
    #[test]
    fn a_missing_value_reads_the_same_in_the_pdf_markdown_and_the_text_report() {
        let library = PresetLibrary::builtin();
        let mut doc = library.scenario("texas-s21").unwrap().doc.clone();
        doc.fleet[0].units = 0;
        let scenario = doc.resolve(&library).unwrap();
        let e = model::evaluate(&scenario);
        let missing: Vec<Figure> = figures::of(&e)
            .filter_map(|(f, v)| v.is_none().then_some(f))
            .collect();
        for f in [
            Figure::PaybackDays,
            Figure::Co2TPerBtc,
            Figure::RenewableShareMarketPct,
        ] {
            assert!(missing.contains(&f), "{f:?} has a value");
        }
        let input = ReportInput {
            doc: &doc,
            scenario: &scenario,
            library: &library,
            lang: Lang::En,
            date: "2026-01-01".into(),
            file: None,
        };
        let pdf = render_report(&input, Paper::A4).unwrap();
        let dir = std::env::temp_dir().join(format!("hashwatt-missing-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("missing.pdf");
        std::fs::write(&path, pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .args(["-layout".as_ref(), path.as_os_str(), "-".as_ref()])
            .output()
            .expect("pdftotext (poppler-utils) reads the report back");
        let pdf_text = String::from_utf8(out.stdout).unwrap();
        let markdown = crate::export::results_markdown("t", &e, &[], Lang::En);
        let loaded = crate::cli::scenario::Loaded {
            doc: doc.clone(),
            scenario: scenario.clone(),
        };
        let report = crate::cli::report::report_table(&loaded, &e, &library, Lang::En);
        // A line's cells: runs of text two or more spaces apart.
        let cells = |line: &str| -> Vec<String> {
            line.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect()
        };
        for f in missing {
            let (words, word) = (f.words(Lang::En), f.kind().missing(Lang::En));
            let row = format!("| {} | {word} | {} |", words.label, words.unit);
            assert!(markdown.contains(&row), "{row}\n{markdown}");
            let rows: Vec<Vec<String>> = report
                .lines()
                .map(cells)
                .filter(|c| c.first().map(String::as_str) == Some(words.label))
                .collect();
            assert_eq!(rows.len(), 1, "{f:?}\n{report}");
            // The word alone, or before a note of the report's own ("— with depreciation").
            let value = rows[0][1].as_str();
            assert!(
                value == word || value.starts_with(&format!("{word} ")),
                "{f:?}: {value}\n{report}"
            );
            // In the PDF a long label may wrap: its first line starts the row.
            let rows: Vec<Vec<String>> = pdf_text
                .lines()
                .map(cells)
                .filter(|c| {
                    c.len() > 1 && c[0].len() >= 7 && words.label.starts_with(c[0].as_str())
                })
                .collect();
            assert!(!rows.is_empty(), "{f:?}\n{pdf_text}");
            for row in rows {
                assert_eq!(row[1], word, "{f:?}: {row:?}");
            }
        }
    }
}
