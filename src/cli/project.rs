//! `hashwatt project`: a scenario month by month, as a table with a summary or as CSV.

use super::CliError;
use super::flags::{ProjectionFlags, ScenarioArgs, UncertaintyFlags, input_whole};
use super::output::{columns, heading, row, title};
use super::scenario::Loaded;
use crate::figures::{PERCENTILE_CSV_HEADER, ProjectionSummary};
use crate::format::{self, number, usd};
use crate::i18n::{Lang, fill, strings};
use crate::inputs::Input;
use crate::model::date::Date;
use crate::model::{self, MonteCarlo, Projection, ProjectionSettings};
use crate::presets::PresetLibrary;
use clap::Args;
use std::fmt::Write as _;

#[derive(Debug, Args)]
pub struct ProjectArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Months to project (default: the scenario file's `projection.months`, else 36).
    #[arg(long, value_name = "N", value_parser = input_whole(Input::ProjectionMonths), allow_hyphen_values = true)]
    pub months: Option<u32>,
    #[command(flatten)]
    pub growth: ProjectionFlags,
    #[command(flatten)]
    pub uncertainty: UncertaintyFlags,
    /// Print the months as CSV instead of a table (with paths: the monthly percentiles).
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Print the months, the halvings and the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `hashwatt project` and returns what to print.
pub fn run(a: &ProjectArgs, library: &PresetLibrary, lang: Lang) -> Result<String, CliError> {
    let loaded = super::scenario::load(&a.scenario, library, lang)?;
    let mut settings = loaded.doc.projection;
    let history = super::history::load_history(None)?;
    let assumptions = Assumptions::of(a);
    if a.scenario.file.is_none() {
        // A new scenario's defaults, as the window's: the history's trailing figures.
        let defaults = history.default_projection();
        settings.difficulty_growth_pct_per_year = defaults.difficulty_growth_pct_per_year;
        settings.btc_price_growth_pct_per_year = defaults.btc_price_growth_pct_per_year;
        settings.btc_price_volatility_pct_per_year = defaults.btc_price_volatility_pct_per_year;
        settings.difficulty_volatility_pct_per_year = defaults.difficulty_volatility_pct_per_year;
    }
    if let Some(months) = a.months {
        settings.months = months;
    }
    a.growth.apply(&mut settings);
    a.uncertainty.apply(&mut settings);
    settings.validate().map_err(|e| {
        CliError::Said(format!(
            "{}: {}",
            flag_of(&e.field, a),
            e.problem.localized(lang)
        ))
    })?;
    let projection = model::project(&loaded.scenario, &settings);
    let monte_carlo = a.uncertainty.any().then(|| {
        model::monte_carlo(&loaded.scenario, &settings, &model::Progress::new())
            .expect("nothing cancels the command line's run")
    });
    // The smallest network of the horizon gives the fleet its largest share.
    let smallest_network_hs = projection
        .months
        .iter()
        .map(|m| m.network_hashrate_ehs * 1e18)
        .fold(f64::INFINITY, f64::min);
    super::scenario::warn_network_share(
        model::evaluate::network_share_pct(&loaded.scenario, smallest_network_hs),
        lang,
    );
    let start = super::scenario::start_date(&loaded.doc, library);
    Ok(if a.csv {
        match &monte_carlo {
            Some(mc) => percentiles_csv(&projection, mc, start),
            None => projection_csv(&projection, start),
        }
    } else if a.json {
        projection_json(
            &projection,
            monte_carlo.as_ref(),
            assumptions.json(&settings, &history),
        )
    } else {
        let mut out = assumptions.lines(&settings, &history, lang);
        out.push_str(&projection_table(&loaded, &projection, start, lang));
        investment_lines(&mut out, &settings, &projection, monte_carlo.as_ref(), lang);
        out
    })
}

/// The first and last month of a trailing window, `YYYY-MM`.
type Window = (String, String);

/// Where the projection's growth and volatilities came from: the command line's flags, the
/// scenario file, or (for a run without a file) the history's trailing months.
struct Assumptions {
    growth: Source,
    volatility: Source,
}

#[derive(Clone, Copy, PartialEq)]
enum Source {
    Flags,
    File,
    History,
}

impl Source {
    fn key(self) -> &'static str {
        match self {
            Source::Flags => "flags",
            Source::File => "scenario",
            Source::History => "history",
        }
    }
}

impl Assumptions {
    fn of(a: &ProjectArgs) -> Assumptions {
        let from = |flagged: bool| {
            if flagged {
                Source::Flags
            } else if a.scenario.file.is_some() {
                Source::File
            } else {
                Source::History
            }
        };
        Assumptions {
            growth: from(
                a.growth.difficulty_growth_pct_year.is_some()
                    || a.growth.btc_price_growth_pct_year.is_some(),
            ),
            volatility: from(
                a.uncertainty.btc_price_volatility_pct_year.is_some()
                    || a.uncertainty.difficulty_volatility_pct_year.is_some(),
            ),
        }
    }

    /// The months a source's figures come from, when they come from the history.
    fn windows(&self, history: &crate::history::History) -> (Option<Window>, Option<Window>) {
        let growth = (self.growth == Source::History)
            .then(|| history.latest_trailing_growth())
            .flatten()
            .map(|g| (g.from.to_string(), g.to.to_string()));
        let volatility = (self.volatility == Source::History)
            .then(|| history.latest_trailing_volatility())
            .flatten()
            .map(|v| (v.from.to_string(), v.to.to_string()));
        (growth, volatility)
    }

    /// The lines above the table.
    fn lines(
        &self,
        settings: &ProjectionSettings,
        history: &crate::history::History,
        lang: Lang,
    ) -> String {
        let t = &strings(lang).update;
        let folder = crate::user_presets_folder();
        let origin = crate::history::update::newest_origin(history, folder.as_deref());
        let source = |source: Source, window: Option<Window>| match (source, window) {
            (Source::Flags, _) => t.source_flags.to_string(),
            (Source::File, _) => t.source_file.to_string(),
            (Source::History, Some((from, to))) => fill(
                t.source_history,
                &[
                    ("from", &from),
                    ("to", &to),
                    ("origin", &origin.localized(lang)),
                ],
            ),
            (Source::History, None) => t.origin_bundled.to_string(),
        };
        let (growth, volatility) = self.windows(history);
        let mut out = format!("{}\n", t.assumptions);
        let _ = writeln!(
            out,
            "  {}",
            fill(
                t.growth_line,
                &[
                    (
                        "difficulty",
                        &format::fixed(settings.difficulty_growth_pct_per_year, 1)
                    ),
                    (
                        "price",
                        &format::fixed(settings.btc_price_growth_pct_per_year, 1)
                    ),
                    ("source", &source(self.growth, growth)),
                ],
            )
        );
        let _ = writeln!(
            out,
            "  {}",
            fill(
                t.volatility_line,
                &[
                    (
                        "price",
                        &format::fixed(settings.btc_price_volatility_pct_per_year, 1)
                    ),
                    (
                        "difficulty",
                        &format::fixed(settings.difficulty_volatility_pct_per_year, 1)
                    ),
                    ("source", &source(self.volatility, volatility)),
                ],
            )
        );
        out.push('\n');
        out
    }

    /// The `assumptions` object of `--json`.
    fn json(
        &self,
        settings: &ProjectionSettings,
        history: &crate::history::History,
    ) -> serde_json::Value {
        let (growth, volatility) = self.windows(history);
        let month = |w: &Option<Window>, end: bool| {
            w.as_ref()
                .map(|(from, to)| if end { to.clone() } else { from.clone() })
        };
        serde_json::json!({
            "difficulty_growth_pct_per_year": settings.difficulty_growth_pct_per_year,
            "btc_price_growth_pct_per_year": settings.btc_price_growth_pct_per_year,
            "growth_source": self.growth.key(),
            "growth_from": month(&growth, false),
            "growth_to": month(&growth, true),
            "btc_price_volatility_pct_per_year": settings.btc_price_volatility_pct_per_year,
            "difficulty_volatility_pct_per_year": settings.difficulty_volatility_pct_per_year,
            "volatility_source": self.volatility.key(),
            "volatility_from": month(&volatility, false),
            "volatility_to": month(&volatility, true),
            "history_newest_month": history.last().to_string(),
        })
    }
}

/// The flag of a projection setting that failed its check after the flags were applied: the
/// value came from a flag, or from the file together with one (paths × months).
fn flag_of(field: &str, a: &ProjectArgs) -> String {
    let path = format!("projection.{field}");
    let input = Input::ALL.into_iter().find(|i| i.spec().path == path);
    match input {
        Some(Input::Paths) if a.uncertainty.paths.is_none() && a.months.is_some() => {
            "--months".to_string()
        }
        Some(input) => format!("--{}", input.spec().flag),
        None => path,
    }
}

/// The projection as JSON: the assumptions it used, its months, its halvings and its summary (with paths, the monthly
/// percentiles too), keys in the order the structures declare them.
pub fn projection_json(
    p: &Projection,
    mc: Option<&MonteCarlo>,
    assumptions: serde_json::Value,
) -> String {
    #[derive(serde::Serialize)]
    struct Percentiles {
        month: u32,
        cumulative_cash_flow_usd_p5: f64,
        cumulative_cash_flow_usd_p25: f64,
        cumulative_cash_flow_usd_p50: f64,
        cumulative_cash_flow_usd_p75: f64,
        cumulative_cash_flow_usd_p95: f64,
        cumulative_cash_flow_usd_mean: f64,
        deterministic_cumulative_cash_flow_usd: f64,
        payback_probability: f64,
    }
    #[derive(serde::Serialize)]
    struct Output<'a> {
        assumptions: serde_json::Value,
        months: &'a [model::projection::ProjectionMonth],
        halvings: &'a [model::projection::Halving],
        summary: ProjectionSummary,
        #[serde(skip_serializing_if = "Option::is_none")]
        percentiles: Option<Vec<Percentiles>>,
    }
    let output = Output {
        assumptions,
        months: &p.months,
        halvings: &p.halvings,
        summary: ProjectionSummary::of(p, mc),
        percentiles: mc.map(|mc| {
            percentile_rows(p, mc)
                .map(|row| Percentiles {
                    month: row.month,
                    cumulative_cash_flow_usd_p5: row.percentiles[0],
                    cumulative_cash_flow_usd_p25: row.percentiles[1],
                    cumulative_cash_flow_usd_p50: row.percentiles[2],
                    cumulative_cash_flow_usd_p75: row.percentiles[3],
                    cumulative_cash_flow_usd_p95: row.percentiles[4],
                    cumulative_cash_flow_usd_mean: row.mean,
                    deterministic_cumulative_cash_flow_usd: row.deterministic,
                    payback_probability: row.payback_probability,
                })
                .collect()
        }),
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}

/// One month of the percentiles, from month 0 (the purchase).
struct PercentileRow {
    month: u32,
    end_day: Option<f64>,
    percentiles: [f64; 5],
    mean: f64,
    deterministic: f64,
    payback_probability: f64,
}

fn percentile_rows<'a>(
    p: &'a Projection,
    mc: &'a MonteCarlo,
) -> impl Iterator<Item = PercentileRow> + 'a {
    (0..=p.months.len()).map(move |m| PercentileRow {
        month: m as u32,
        end_day: m.checked_sub(1).map(|i| p.months[i].end_day),
        percentiles: mc.cumulative_cash_flow_usd[m],
        mean: mc.cumulative_cash_flow_mean_usd[m],
        deterministic: m
            .checked_sub(1)
            .map_or(-p.equity_usd, |i| p.months[i].cumulative_cash_flow_usd),
        payback_probability: mc.payback_probability_by_month[m],
    })
}

/// The monthly percentiles of the owner's cumulative cash flow as CSV.
pub fn percentiles_csv(p: &Projection, mc: &MonteCarlo, start: Option<Date>) -> String {
    let mut out = String::from(PERCENTILE_CSV_HEADER);
    out.push('\n');
    for row in percentile_rows(p, mc) {
        let [p5, p25, p50, p75, p95] = row.percentiles;
        let _ = writeln!(
            out,
            "{},{},{p5},{p25},{p50},{p75},{p95},{},{},{}",
            row.month,
            row.end_day.map_or(String::new(), |d| month_label(start, d)),
            row.mean,
            row.deterministic,
            row.payback_probability
        );
    }
    out
}

/// The investment figures, and the paths' when there are any, after the table's summary.
fn investment_lines(
    out: &mut String,
    settings: &ProjectionSettings,
    p: &Projection,
    mc: Option<&MonteCarlo>,
    lang: Lang,
) {
    let v = &strings(lang).investment;
    let pct = |x: Option<f64>| {
        x.map_or((format::UNDEFINED.to_string(), ""), |x| {
            (format::fixed(x, 1), "%")
        })
    };
    row(
        out,
        v.npv,
        &usd(p.npv_usd),
        &fill(
            v.npv_at,
            &[(
                "rate",
                &model::limits::fmt_value(settings.discount_rate_pct_per_year),
            )],
        ),
    );
    let (irr, unit) = pct(p.irr_pct);
    row(out, v.irr, &irr, unit);
    if p.total_hosting_fee_usd > 0.0 {
        row(out, v.hosting_fees, &usd(p.total_hosting_fee_usd), "");
    }
    if p.loan_payment_usd_per_month > 0.0 {
        row(out, v.equity, &usd(p.equity_usd), "");
        row(out, v.loan_payment, &usd(p.loan_payment_usd_per_month), "");
        row(out, v.loan_interest, &usd(p.loan_interest_usd), "");
    }
    let Some(mc) = mc else {
        return;
    };
    heading(
        out,
        &fill(
            v.monte_carlo_heading,
            &[
                ("paths", &mc.paths.to_string()),
                ("seed", &mc.seed.to_string()),
            ],
        ),
    );
    row(
        out,
        v.payback_probability,
        &format::fixed(mc.payback_probability * 100.0, 1),
        "%",
    );
    let (last, mean) = mc.final_cumulative();
    for (p, value) in model::monte_carlo::PERCENTILES.iter().zip(last) {
        row(out, &format!("{} P{p}", v.final_cash_flow), &usd(value), "");
    }
    let median_mean =
        |p50: String, mean: String| fill(v.median_mean, &[("p50", &p50), ("mean", &mean)]);
    row(
        out,
        &format!("{} {}", v.final_cash_flow, v.mean),
        &usd(mean),
        "",
    );
    row(
        out,
        v.btc_mined_median_mean,
        &median_mean(number(mc.btc_mined_p50), number(mc.btc_mined_mean)),
        "BTC",
    );
    row(
        out,
        v.npv_median_mean,
        &median_mean(usd(mc.npv_usd_p50), usd(mc.npv_usd_mean)),
        "",
    );
    let (irr, unit) = pct(mc.irr_pct_p50);
    row(out, v.irr_median, &irr, unit);
}

fn month_label(start: Option<Date>, end_day: f64) -> String {
    match start {
        Some(d) => {
            let end = d.plus_days(end_day - 1.0);
            format!("{:04}-{:02}", end.year, end.month)
        }
        None => String::new(),
    }
}

/// The projection as CSV: one row a month.
pub fn projection_csv(p: &Projection, start: Option<Date>) -> String {
    let mut out = String::from(
        "month,month_ending,network_hashrate_ehs,btc_price_usd,block_subsidy_btc,btc_mined,revenue_usd,electricity_cost_usd,opex_usd,carbon_cost_usd,profit_usd,cumulative_cash_flow_usd,cumulative_btc\n",
    );
    for m in &p.months {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{}",
            m.month,
            month_label(start, m.end_day),
            m.network_hashrate_ehs,
            m.btc_price_usd,
            m.block_subsidy_btc,
            m.btc_mined,
            m.revenue_usd,
            m.electricity_cost_usd,
            m.opex_usd,
            m.carbon_cost_usd,
            m.profit_usd,
            m.cumulative_cash_flow_usd,
            m.cumulative_btc
        );
    }
    out
}

/// The projection table's column widths.
const PROJECTION_WIDTHS: [usize; 10] = [5, 7, 10, 10, 8, 11, 12, 12, 12, 14];

/// The projection as a table with a summary.
pub fn projection_table(
    loaded: &Loaded,
    p: &Projection,
    start: Option<Date>,
    lang: Lang,
) -> String {
    let words = strings(lang);
    let (t, r) = (&words.cli, &words.results);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        fill(
            t.projection_title,
            &[
                ("months", &p.months.len().to_string()),
                ("name", &title(&loaded.doc, lang)),
            ],
        )
    );
    out.push('\n');
    columns(
        &mut out,
        &[
            t.col_month,
            t.col_ending,
            t.col_network,
            t.col_btc_price,
            t.col_subsidy,
            t.col_btc_mined,
            t.col_revenue,
            t.col_costs,
            t.col_profit,
            t.col_cumulative,
        ],
        &PROJECTION_WIDTHS,
    );
    for m in &p.months {
        let costs = m.electricity_cost_usd + m.opex_usd + m.carbon_cost_usd;
        let cells = [
            m.month.to_string(),
            month_label(start, m.end_day),
            format::fixed(m.network_hashrate_ehs, 0),
            format::fixed(m.btc_price_usd, 0),
            number(m.block_subsidy_btc),
            format::fixed(m.btc_mined, 6),
            format::fixed(m.revenue_usd, 0),
            format::fixed(costs, 0),
            format::fixed(m.profit_usd, 0),
            format::fixed(m.cumulative_cash_flow_usd, 0),
        ];
        columns(
            &mut out,
            &cells.each_ref().map(String::as_str),
            &PROJECTION_WIDTHS,
        );
    }
    heading(&mut out, t.summary);
    row(&mut out, t.btc_mined, &number(p.total_btc), "BTC");
    row(
        &mut out,
        r.revenue_usd_per_day.label,
        &usd(p.total_revenue_usd),
        "",
    );
    row(&mut out, t.cash_costs, &usd(p.total_cash_cost_usd), "");
    row(&mut out, t.hardware, &usd(p.hardware_cost_usd), "");
    if p.resale_usd > 0.0 {
        row(&mut out, t.resale, &usd(p.resale_usd), "");
    }
    row(
        &mut out,
        t.cash_cost_per_btc,
        &p.cash_cost_per_btc_usd
            .map_or(format::UNDEFINED.into(), usd),
        "",
    );
    row(
        &mut out,
        r.all_in_cost_per_btc_usd.label,
        &p.all_in_cost_per_btc_usd
            .map_or(format::UNDEFINED.into(), usd),
        "",
    );
    let payback = match p.payback_month {
        Some(m) => fill(t.payback_month, &[("month", &m.to_string())]),
        None => t.payback_never.into(),
    };
    row(&mut out, r.payback_days.label, &payback, "");
    if let Some(month) = p.first_month_off {
        let _ = writeln!(
            out,
            "\n{}",
            fill(t.switched_off_from, &[("month", &month.to_string())])
        );
    }
    if !p.halvings_modelled {
        let _ = writeln!(out, "\n{}", t.no_halvings);
    }
    for h in &p.halvings {
        let date = start
            .map(|d| fill(t.halving_date, &[("date", &d.plus_days(h.day).to_string())]))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\n{}",
            fill(
                t.halving,
                &[
                    ("height", &format::fixed(h.height as f64, 0)),
                    ("month", &h.month.to_string()),
                    ("subsidy", &number(h.subsidy_after_btc)),
                    ("date", &date),
                ],
            )
        );
    }
    out
}
