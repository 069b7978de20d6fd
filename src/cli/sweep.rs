//! `hashwatt sweep`: daily profit over a grid of one input (electricity price, difficulty or
//! network hashrate) × the BTC price, with the break-even contour, as CSV or a summary table.
//!
//! The command takes every scenario flag of `report`. Four of them also take a range `A:B:N`
//! (`N` evenly spaced values from `A` to `B`): `--btc-price-usd` (the columns, required as a
//! range) and one of `--electricity-usd-kwh`, `--difficulty` or `--network-hashrate-ehs` (the
//! rows). Given a single number, those flags set the scenario's value as in `report`.

use super::flags::{ScenarioArgs, allowed, message_words};
use super::scenario::Loaded;
use super::term::{align_left, align_right};
use super::{CliError, Usage};
use crate::format::{self, usd};
use crate::i18n::cli::CliStrings;
use crate::i18n::{self, Lang, fill};
use crate::model::limits::Limit;
use crate::model::sweep::{self, RowInput};
use crate::model::{self, Scenario, limits};
use crate::presets::PresetLibrary;
use clap::{Arg, ArgAction, ArgMatches, Args, FromArgMatches};
use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};

/// The fewest and the most values along one axis.
pub const COUNT_RANGE: std::ops::RangeInclusive<usize> = 2..=10_000;

/// `count` evenly spaced values from `from` to `to` inclusive (`A:B:N` on the command line).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub from: f64,
    pub to: f64,
    pub count: usize,
}

impl Range {
    /// The values, each printing as it would be typed (see [`sweep::axis`]).
    pub fn values(&self) -> Vec<f64> {
        sweep::axis(self.from, self.to, self.count)
    }
}

/// What a sweepable flag was given: one number (the scenario's value) or a range to sweep.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sweepable {
    Value(f64),
    Range(Range),
}

/// Parses `A:B:N`: `A` and `B` within `limit`, `A < B`, `N` a whole number in [`COUNT_RANGE`].
pub fn parse_range(text: &str, limit: Limit) -> Result<Range, String> {
    let t = message_words();
    let parts: Vec<&str> = text.split(':').map(str::trim).collect();
    let [from, to, count] = parts[..] else {
        return Err(fill(
            t.range_not_a_range,
            &[("allowed", &range_allowed(limit, t))],
        ));
    };
    let end = |name: &str, text: &str| -> Result<f64, String> {
        let words = [("end", name), ("allowed", &allowed(limit))];
        let value: f64 = text
            .parse()
            .map_err(|_| fill(t.range_end_not_a_number, &words))?;
        if limit.contains(value) {
            Ok(value)
        } else {
            Err(fill(t.range_end_outside, &words))
        }
    };
    let from = end("A", from)?;
    let to = end("B", to)?;
    if from >= to {
        return Err(t.range_order.to_string());
    }
    let count = count
        .parse::<usize>()
        .ok()
        .filter(|n| COUNT_RANGE.contains(n))
        .ok_or_else(|| {
            let (min, max) = count_bounds();
            fill(t.range_count, &[("min", &min), ("max", &max)])
        })?;
    Ok(Range { from, to, count })
}

/// The fewest and the most values along an axis, as text.
fn count_bounds() -> (String, String) {
    (
        COUNT_RANGE.start().to_string(),
        COUNT_RANGE.end().to_string(),
    )
}

fn range_allowed(limit: Limit, t: &CliStrings) -> String {
    let (min, max) = count_bounds();
    fill(
        t.range_allowed,
        &[("min", &min), ("max", &max), ("allowed", &allowed(limit))],
    )
}

/// A value parser for a flag that takes a number or a range.
fn number_or_range(
    limit: Limit,
) -> impl Fn(&str) -> Result<Sweepable, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        let text = text.trim();
        if text.contains(':') {
            return parse_range(text, limit).map(Sweepable::Range);
        }
        let t = message_words();
        let allowed = allowed(limit);
        let words = [("allowed", allowed.as_str())];
        let value: f64 = text
            .parse()
            .map_err(|_| fill(t.not_a_number_or_range, &words))?;
        if limit.contains(value) {
            Ok(Sweepable::Value(value))
        } else {
            Err(fill(t.must_be, &words))
        }
    }
}

/// A value parser for a flag that takes a range only.
fn range_only(
    limit: Limit,
) -> impl Fn(&str) -> Result<Range, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        if text.contains(':') {
            parse_range(text.trim(), limit)
        } else {
            let t = message_words();
            Err(fill(
                t.range_required,
                &[("allowed", &range_allowed(limit, t))],
            ))
        }
    }
}

// The ids clap derives for `ScenarioArgs`' fields.
const ELECTRICITY: &str = "electricity_usd_kwh";
const DIFFICULTY: &str = "difficulty";
const NETWORK: &str = "network_hashrate_ehs";
const BTC_PRICE: &str = "btc_price_usd";
const CSV: &str = "csv";

/// `hashwatt sweep`'s arguments: `report`'s scenario flags, four of which take ranges, and
/// `--csv`.
#[derive(Debug, Default)]
pub struct SweepArgs {
    /// The scenario; single numbers given to the sweepable flags are set here.
    pub scenario: ScenarioArgs,
    pub electricity_usd_kwh: Option<Range>,
    pub difficulty: Option<Range>,
    pub network_hashrate_ehs: Option<Range>,
    pub btc_price_usd: Option<Range>,
    pub csv: bool,
}

impl Args for SweepArgs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        // The scenario flags, with four of them taught ranges. Built on `ScenarioArgs` so every
        // scenario flag `report` gains, `sweep` gains too.
        ScenarioArgs::augment_args(cmd)
            .mut_arg(ELECTRICITY, |a| {
                a.value_parser(number_or_range(limits::ELECTRICITY_USD_PER_KWH))
                    .value_name("P|A:B:N")
                    .allow_hyphen_values(true)
                    .help("Electricity price, USD/kWh; A:B:N sweeps N prices from A to B along the rows")
                    .help_heading("Sweep")
            })
            .mut_arg(DIFFICULTY, |a| {
                a.value_parser(number_or_range(limits::DIFFICULTY))
                    .value_name("D|A:B:N")
                    .allow_hyphen_values(true)
                    .help("Network difficulty; A:B:N sweeps N difficulties from A to B along the rows")
                    .help_heading("Sweep")
            })
            .mut_arg(NETWORK, |a| {
                a.value_parser(number_or_range(limits::NETWORK_HASHRATE_EHS))
                    .value_name("E|A:B:N")
                    .allow_hyphen_values(true)
                    .help("Network hashrate, EH/s; A:B:N sweeps N hashrates from A to B along the rows")
                    .help_heading("Sweep")
            })
            .mut_arg(BTC_PRICE, |a| {
                a.value_parser(range_only(limits::BTC_PRICE_USD))
                    .value_name("A:B:N")
                    .allow_hyphen_values(true)
                    .help("BTC prices along the columns: N prices from A to B, USD")
                    .help_heading("Sweep")
            })
            .arg(
                Arg::new(CSV)
                    .long(CSV)
                    .action(ArgAction::SetTrue)
                    .help("Print every cell as CSV, one row per cell, instead of the summary")
                    .help_heading("Sweep"),
            )
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for SweepArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        Self::from_arg_matches_mut(&mut matches.clone())
    }

    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        // Take the sweepable values out first: what remains is exactly `ScenarioArgs`' own.
        let electricity = matches.remove_one::<Sweepable>(ELECTRICITY);
        let difficulty = matches.remove_one::<Sweepable>(DIFFICULTY);
        let network = matches.remove_one::<Sweepable>(NETWORK);
        let btc_price_usd = matches.remove_one::<Range>(BTC_PRICE);
        let csv = matches.remove_one::<bool>(CSV).unwrap_or(false);
        let mut scenario = ScenarioArgs::from_arg_matches_mut(matches)?;
        let split = |given: Option<Sweepable>, slot: &mut Option<f64>| match given {
            Some(Sweepable::Value(v)) => {
                *slot = Some(v);
                None
            }
            Some(Sweepable::Range(r)) => Some(r),
            None => None,
        };
        let electricity_usd_kwh = split(electricity, &mut scenario.electricity_usd_kwh);
        let difficulty = split(difficulty, &mut scenario.difficulty);
        let network_hashrate_ehs = split(network, &mut scenario.network_hashrate_ehs);
        Ok(SweepArgs {
            scenario,
            electricity_usd_kwh,
            difficulty,
            network_hashrate_ehs,
            btc_price_usd,
            csv,
        })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl SweepArgs {
    /// The input swept along the rows and its range: exactly one of the row flags is a range.
    pub fn rows(&self) -> Result<(RowInput, Range), CliError> {
        let given: Vec<(RowInput, Range, &str)> = [
            (
                RowInput::ElectricityUsdPerKwh,
                self.electricity_usd_kwh,
                "--electricity-usd-kwh",
            ),
            (RowInput::Difficulty, self.difficulty, "--difficulty"),
            (
                RowInput::NetworkHashrateEhs,
                self.network_hashrate_ehs,
                "--network-hashrate-ehs",
            ),
        ]
        .into_iter()
        .filter_map(|(input, range, flag)| range.map(|r| (input, r, flag)))
        .collect();
        match given[..] {
            [(input, range, _)] => Ok((input, range)),
            [] => Err(Usage::SweepNoRows.into()),
            [(_, _, first), (_, _, second), ..] => {
                Err(Usage::SweepTwoRows { first, second }.into())
            }
        }
    }

    /// The BTC prices along the columns.
    pub fn columns(&self) -> Result<Range, CliError> {
        self.btc_price_usd
            .ok_or_else(|| Usage::SweepNoColumns.into())
    }
}

/// Runs `hashwatt sweep`, writing the CSV or the summary to `out`.
pub fn run(
    a: &SweepArgs,
    library: &PresetLibrary,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (input, rows) = a.rows()?;
    let columns = a.columns()?;
    let loaded = super::scenario::load(&a.scenario, library, lang)?;
    let (rows, columns) = (rows.values(), columns.values());
    let written = if a.csv {
        write_csv(out, &loaded.scenario, input, &rows, &columns)
    } else {
        out.write_all(summary(&loaded, input, &rows, &columns, lang).as_bytes())
    };
    match written {
        // A reader that stops early (`| head`) is not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// The CSV header: the row input's column, then the BTC price, the profit and the row's
/// break-even BTC price.
pub fn csv_header(input: RowInput) -> String {
    format!(
        "{},btc_price_usd,profit_usd_per_day,break_even_btc_price_usd",
        input.key()
    )
}

/// Writes every cell as one CSV line, row by row, streaming through a buffer: nothing holds
/// the whole grid. Numbers are written in full (shortest round-trip form), so each is exactly the
/// engine's; an undefined break-even price (no BTC mined) is an empty field.
pub fn write_csv(
    out: &mut dyn Write,
    scenario: &Scenario,
    input: RowInput,
    rows: &[f64],
    btc_price_usd: &[f64],
) -> io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 16, out);
    writeln!(w, "{}", csv_header(input))?;
    // Each column's price and each row's value and break-even are formatted once; a row's
    // cells are `btc_per_day × b − cash_cost`, bit for bit a full evaluation's profit (see
    // `ProfitGrid::compute`). Blocks of rows are formatted on every core, written in order.
    // Values as data: e-notation where the plain digits would run to hundreds (1e-300).
    let prices: Vec<String> = btc_price_usd
        .iter()
        .map(|&p| format::data_number(p))
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    const ROWS_PER_TASK: usize = 32;
    let format_rows = |block: &[f64]| -> Vec<String> {
        let mut s = scenario.clone();
        block
            .iter()
            .map(|&row| {
                input.set(&mut s, row);
                let e = crate::model::evaluate(&s);
                let row_text = format::data_number(row);
                let break_even = e
                    .break_even_btc_price_usd
                    .map(format::data_number)
                    .unwrap_or_default();
                let mut text = String::with_capacity(btc_price_usd.len() * 48);
                for (price, &b) in prices.iter().zip(btc_price_usd) {
                    let profit = e.btc_per_day * b - e.cash_cost_usd_per_day;
                    // Only the profit goes through the formatter; the rest is copied (a
                    // million cells spent a third of their time formatting three strings).
                    text.push_str(&row_text);
                    text.push(',');
                    text.push_str(price);
                    text.push(',');
                    format::write_data_number(&mut text, profit);
                    text.push(',');
                    text.push_str(&break_even);
                    text.push('\n');
                }
                text
            })
            .collect()
    };
    for (batch_index, batch) in rows.chunks(ROWS_PER_TASK * threads).enumerate() {
        let first = batch_index * ROWS_PER_TASK * threads;
        let texts: Vec<Vec<String>> = if threads == 1 || batch.len() <= ROWS_PER_TASK {
            vec![format_rows(batch)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = batch
                    .chunks(ROWS_PER_TASK)
                    .map(|block| {
                        let format_rows = &format_rows;
                        scope.spawn(move || format_rows(block))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        for (i, text) in texts.iter().flatten().enumerate() {
            w.write_all(text.as_bytes()).map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("{e} (at row {} of {})", first + i + 1, rows.len()),
                )
            })?;
        }
    }
    w.flush()
}

/// Below this size [`format::number`] keeps fewer than three significant digits (it stops at
/// twelve decimals), so the summary writes such a value in scientific notation instead.
const TINY: f64 = 1e-10;

/// A number for the summary: [`format::number`], or `1.500e-45` for a tiny one, which would
/// otherwise print as zero.
fn number(x: f64) -> String {
    if x != 0.0 && x.abs() < TINY {
        format!("{x:.3e}")
    } else {
        format::number(x)
    }
}

/// Money for the summary: [`usd`], or `$1.500e-45` (`-$1.500e-45`) for a tiny amount.
fn money(x: f64) -> String {
    if x != 0.0 && x.abs() < TINY {
        let sign = if x < 0.0 { "-" } else { "" };
        format!("{sign}${:.3e}", x.abs())
    } else {
        usd(x)
    }
}

/// How a row value is shown in the summary.
fn row_value(input: RowInput, value: f64) -> String {
    match input {
        RowInput::ElectricityUsdPerKwh => number(value),
        RowInput::Difficulty => format!("{} T", number(value / 1e12)),
        RowInput::NetworkHashrateEhs => number(value),
    }
}

/// The row input in words, with its unit, for the summary.
fn row_words(input: RowInput, t: &CliStrings) -> (&'static str, &'static str) {
    match input {
        RowInput::ElectricityUsdPerKwh => (t.sweep_electricity_prices, "USD/kWh"),
        RowInput::Difficulty => (t.sweep_difficulties, ""),
        RowInput::NetworkHashrateEhs => (t.sweep_network_hashrates, "EH/s"),
    }
}

/// The summary: the grid's extent and profit range, the current point, and for each row the
/// break-even BTC price with the profit at the lowest and highest BTC price. Computed row by row
/// ([`sweep::GridSummary`]): its memory grows with the rows, not the cells.
pub fn summary(loaded: &Loaded, input: RowInput, rows: &[f64], btc: &[f64], lang: Lang) -> String {
    let t = &i18n::strings(lang).cli;
    let s = &loaded.scenario;
    let (lowest, highest) = (btc[0], btc[btc.len() - 1]);
    let grid = sweep::GridSummary::compute(s, input, rows, lowest, highest);
    let (lo, hi) = grid.profit_range_usd_per_day;
    let (words, unit) = row_words(input, t);
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        fill(
            t.sweep_title,
            &[
                ("rows", words),
                ("name", &super::output::title(&loaded.doc, lang))
            ],
        )
    );
    let line = |out: &mut String, label: &str, text: String| {
        let _ = writeln!(out, "  {}{text}", align_left(label, 10));
    };
    let (first, last) = (rows[0], rows[rows.len() - 1]);
    line(
        &mut out,
        t.sweep_rows,
        fill(
            t.sweep_rows_line,
            &[
                ("count", &rows.len().to_string()),
                ("from", &row_value(input, first)),
                ("to", &row_value(input, last)),
                ("unit", &unit),
                ("what", words),
            ],
        ),
    );
    line(
        &mut out,
        t.sweep_columns,
        fill(
            t.sweep_columns_line,
            &[
                ("count", &btc.len().to_string()),
                ("from", &money(btc[0])),
                ("to", &money(btc[btc.len() - 1])),
            ],
        ),
    );
    line(
        &mut out,
        t.sweep_profit,
        fill(
            t.sweep_profit_line,
            &[
                ("low", &money(lo)),
                ("high", &money(hi)),
                ("cells", &format::fixed((rows.len() * btc.len()) as f64, 0)),
            ],
        ),
    );
    let now = model::evaluate(s);
    line(
        &mut out,
        t.sweep_now,
        fill(
            t.sweep_now_line,
            &[
                ("value", &row_value(input, input.of(s))),
                ("unit", &unit),
                ("price", &money(s.market.btc_price_usd)),
                ("profit", &money(now.profit_usd_per_day)),
                (
                    "break_even",
                    &now.break_even_btc_price_usd
                        .map_or(format::UNDEFINED.to_string(), money),
                ),
            ],
        ),
    );
    out.push('\n');
    row_table(&mut out, input, &grid, btc, t);
    out
}

/// One line per row: its value, its break-even BTC price and its profit at the lowest and
/// highest BTC price, under a header line.
fn row_table(
    out: &mut String,
    input: RowInput,
    grid: &sweep::GridSummary,
    btc: &[f64],
    t: &CliStrings,
) {
    let head = match input {
        RowInput::ElectricityUsdPerKwh => "USD/kWh",
        RowInput::Difficulty => t.sweep_col_difficulty,
        RowInput::NetworkHashrateEhs => "EH/s",
    };
    let at = |price: f64| fill(t.sweep_col_profit_at, &[("price", &money(price))]);
    let cells = |out: &mut String, cells: [&str; 4]| {
        let _ = writeln!(
            out,
            "  {} {} {} {}",
            align_right(cells[0], 14),
            align_right(cells[1], 18),
            align_right(cells[2], 20),
            align_right(cells[3], 20)
        );
    };
    cells(
        out,
        [
            head,
            t.sweep_col_break_even,
            &at(btc[0]),
            &at(btc[btc.len() - 1]),
        ],
    );
    for row in &grid.rows {
        cells(
            out,
            [
                &row_value(input, row.value),
                &row.break_even_btc_price_usd
                    .map_or(format::UNDEFINED.to_string(), money),
                &money(row.profit_at_lowest_usd_per_day),
                &money(row.profit_at_highest_usd_per_day),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_and_say_what_is_wrong() {
        let power = limits::ELECTRICITY_USD_PER_KWH;
        assert_eq!(
            parse_range("0:0.2:101", power),
            Ok(Range {
                from: 0.0,
                to: 0.2,
                count: 101
            })
        );
        assert_eq!(parse_range(" 0 : 0.2 : 2 ", power).map(|r| r.count), Ok(2));
        assert_eq!(
            parse_range("0:0.2:1", power).unwrap_err(),
            "N must be a whole number from 2 to 10000"
        );
        assert_eq!(
            parse_range("0:0.2:10001", power).unwrap_err(),
            "N must be a whole number from 2 to 10000"
        );
        assert_eq!(
            parse_range("0:0.2:2.5", power).unwrap_err(),
            "N must be a whole number from 2 to 10000"
        );
        assert_eq!(
            parse_range("0.2:0.1:10", power).unwrap_err(),
            "A must be below B"
        );
        assert_eq!(
            parse_range("0.1:0.1:10", power).unwrap_err(),
            "A must be below B"
        );
        assert_eq!(
            parse_range("-0.1:0.2:10", power).unwrap_err(),
            "A must be a number from 0 to 100 USD/kWh"
        );
        assert_eq!(
            parse_range("0:x:10", power).unwrap_err(),
            "B is not a number; must be a number from 0 to 100 USD/kWh"
        );
        assert_eq!(
            parse_range("0:NaN:10", power).unwrap_err(),
            "B must be a number from 0 to 100 USD/kWh"
        );
        assert_eq!(
            parse_range("0:0.2", power).unwrap_err(),
            "not a range A:B:N; A and B each a number from 0 to 100 USD/kWh, A below B, and N a whole number from 2 to 10000"
        );
    }

    #[test]
    fn sweepable_flags_take_a_number_or_a_range() {
        let parse = number_or_range(limits::DIFFICULTY);
        assert_eq!(parse("148e12"), Ok(Sweepable::Value(148e12)));
        assert!(matches!(
            parse("100e12:200e12:11"),
            Ok(Sweepable::Range(Range { count: 11, .. }))
        ));
        assert_eq!(parse("0").unwrap_err(), "must be a number from 1 to 1e24");
        let btc = range_only(limits::BTC_PRICE_USD);
        assert_eq!(
            btc("90000").unwrap_err(),
            "must be a range A:B:N (N values from A to B); A and B each a number from 0 to 1e12 USD, A below B, and N a whole number from 2 to 10000"
        );
    }
}
