//! `hashwatt project`: a scenario month by month, as a table with a summary or as CSV.

use super::args::{ProjectionFlags, ScenarioArgs, input_whole};
use super::output::{columns, heading, row, title};
use super::{CliError, Loaded};
use crate::format::{self, number, usd};
use crate::i18n::{Lang, fill, strings};
use crate::inputs::Input;
use crate::model::date::Date;
use crate::model::{self, Projection};
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
    /// Print the months as CSV instead of a table.
    #[arg(long)]
    pub csv: bool,
}

/// Runs `hashwatt project` and returns what to print.
pub fn run(a: &ProjectArgs, library: &PresetLibrary, lang: Lang) -> Result<String, CliError> {
    let loaded = super::load(&a.scenario, library, lang)?;
    let mut settings = loaded.doc.projection;
    if let Some(months) = a.months {
        settings.months = months;
    }
    a.growth.apply(&mut settings);
    let projection = model::project(&loaded.scenario, &settings);
    let start = super::start_date(&loaded.doc, library);
    Ok(if a.csv {
        projection_csv(&projection, start)
    } else {
        projection_table(&loaded, &projection, start, lang)
    })
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
