//! `hashwatt sweep`: daily profit over a grid of one input (electricity price, difficulty or
//! network hashrate) × the BTC price, with the break-even contour, as CSV or a summary table.
//!
//! The command takes every scenario flag of `report`. Four of them also take a range `A:B:N`
//! (`N` evenly spaced values from `A` to `B`): `--btc-price-usd` (the columns, required as a
//! range) and one of `--electricity-usd-kwh`, `--difficulty` or `--network-hashrate-ehs` (the
//! rows). Given a single number, those flags set the scenario's value as in `report`.

use super::args::ScenarioArgs;
use super::{CliError, Loaded};
use crate::format::{self, usd};
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
    let parts: Vec<&str> = text.split(':').map(str::trim).collect();
    let [from, to, count] = parts[..] else {
        return Err(format!("not a range A:B:N; {}", range_allowed(limit)));
    };
    let end = |name: &str, text: &str| -> Result<f64, String> {
        let value: f64 = text
            .parse()
            .map_err(|_| format!("{name} is not a number; must be {}", limit.allowed()))?;
        if limit.contains(value) {
            Ok(value)
        } else {
            Err(format!("{name} must be {}", limit.allowed()))
        }
    };
    let from = end("A", from)?;
    let to = end("B", to)?;
    if from >= to {
        return Err("A must be below B".to_string());
    }
    let count = count
        .parse::<usize>()
        .ok()
        .filter(|n| COUNT_RANGE.contains(n))
        .ok_or_else(count_allowed)?;
    Ok(Range { from, to, count })
}

fn count_allowed() -> String {
    format!(
        "N must be a whole number from {} to {}",
        COUNT_RANGE.start(),
        COUNT_RANGE.end()
    )
}

fn range_allowed(limit: Limit) -> String {
    format!(
        "A and B each {}, A below B, and N a whole number from {} to {}",
        limit.allowed(),
        COUNT_RANGE.start(),
        COUNT_RANGE.end()
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
        let value: f64 = text.parse().map_err(|_| {
            format!(
                "not a number or a range A:B:N; must be {}, or A:B:N",
                limit.allowed()
            )
        })?;
        if limit.contains(value) {
            Ok(Sweepable::Value(value))
        } else {
            Err(format!("must be {}", limit.allowed()))
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
            Err(format!(
                "must be a range A:B:N (N values from A to B); {}",
                range_allowed(limit)
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
            [] => Err(CliError(
                "--electricity-usd-kwh: give the rows a range A:B:N (e.g. 0:0.2:101), or give one to --difficulty or --network-hashrate-ehs"
                    .to_string(),
            )),
            [(_, _, first), (_, _, second), ..] => Err(CliError(format!(
                "{second}: only one input can be swept along the rows, and {first} already is; give {second} a single number"
            ))),
        }
    }

    /// The BTC prices along the columns.
    pub fn columns(&self) -> Result<Range, CliError> {
        self.btc_price_usd.ok_or_else(|| {
            CliError(
                "--btc-price-usd: give the columns a range A:B:N of BTC prices (e.g. 20000:200000:91)"
                    .to_string(),
            )
        })
    }
}

/// Runs `hashwatt sweep`, writing the CSV or the summary to `out`.
pub fn run(a: &SweepArgs, library: &PresetLibrary, out: &mut dyn Write) -> Result<(), CliError> {
    let (input, rows) = a.rows()?;
    let columns = a.columns()?;
    let loaded = super::load(&a.scenario, library)?;
    let (rows, columns) = (rows.values(), columns.values());
    let written = if a.csv {
        write_csv(out, &loaded.scenario, input, &rows, &columns)
    } else {
        out.write_all(summary(&loaded, input, &rows, &columns).as_bytes())
    };
    match written {
        // A reader that stops early (`| head`) is not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(CliError(format!("cannot write the output: {e}")))
        }
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
    // Each column's price and each row's value and break-even are formatted once.
    let prices: Vec<String> = btc_price_usd.iter().map(f64::to_string).collect();
    let mut line = String::new();
    for (i, row) in rows.iter().enumerate() {
        let mut result = Ok(());
        let mut row_text = String::new();
        let mut break_even = String::new();
        sweep::by_btc_price(
            scenario,
            input,
            std::slice::from_ref(row),
            btc_price_usd,
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
                if result.is_ok() {
                    result = w.write_all(line.as_bytes());
                }
            },
        );
        result.map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("{e} (at row {} of {})", i + 1, rows.len()),
            )
        })?;
    }
    w.flush()
}

/// How a row value is shown in the summary.
fn row_value(input: RowInput, value: f64) -> String {
    match input {
        RowInput::ElectricityUsdPerKwh => format::number(value),
        RowInput::Difficulty => format!("{} T", format::number(value / 1e12)),
        RowInput::NetworkHashrateEhs => format::number(value),
    }
}

/// The row input in words, with its unit, for the summary.
fn row_words(input: RowInput) -> (&'static str, &'static str) {
    match input {
        RowInput::ElectricityUsdPerKwh => ("electricity prices", "USD/kWh"),
        RowInput::Difficulty => ("difficulties", ""),
        RowInput::NetworkHashrateEhs => ("network hashrates", "EH/s"),
    }
}

/// The summary: the grid's extent and profit range, the current point, and for each row the
/// break-even BTC price with the profit at the lowest and highest BTC price.
pub fn summary(loaded: &Loaded, input: RowInput, rows: &[f64], btc: &[f64]) -> String {
    let s = &loaded.scenario;
    let grid = sweep::ProfitGrid::compute(s, input, rows.to_vec(), btc.to_vec());
    let (lo, hi) = grid.profit_range();
    let (words, unit) = row_words(input);
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    let mut out = String::new();
    let title = if loaded.doc.name.is_empty() {
        "Scenario"
    } else {
        &loaded.doc.name
    };
    let _ = writeln!(out, "{title}: daily profit over {words} × BTC prices");
    let (first, last) = (rows[0], rows[rows.len() - 1]);
    let _ = writeln!(
        out,
        "  Rows:     {} {words} from {} to {}{unit}",
        rows.len(),
        row_value(input, first),
        row_value(input, last),
    );
    let _ = writeln!(
        out,
        "  Columns:  {} BTC prices from {} to {}",
        btc.len(),
        usd(btc[0]),
        usd(btc[btc.len() - 1]),
    );
    let _ = writeln!(
        out,
        "  Profit:   from {} to {} per day over {} cells (--csv prints every cell)",
        usd(lo),
        usd(hi),
        format::fixed((rows.len() * btc.len()) as f64, 0),
    );
    let now = model::evaluate(s);
    let _ = writeln!(
        out,
        "  Now:      {}{unit} and BTC at {}: {} per day; break-even BTC price {}",
        row_value(input, input.of(s)),
        usd(s.market.btc_price_usd),
        usd(now.profit_usd_per_day),
        now.break_even_btc_price_usd
            .map_or(format::UNDEFINED.to_string(), usd),
    );
    let head = match input {
        RowInput::ElectricityUsdPerKwh => "USD/kWh",
        RowInput::Difficulty => "difficulty",
        RowInput::NetworkHashrateEhs => "EH/s",
    };
    let at_low = format!("profit at {}", usd(btc[0]));
    let at_high = format!("profit at {}", usd(btc[btc.len() - 1]));
    let _ = writeln!(
        out,
        "\n  {head:>14} {:>18} {at_low:>20} {at_high:>20}",
        "break-even BTC"
    );
    for (i, &row) in rows.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {:>14} {:>18} {:>20} {:>20}",
            row_value(input, row),
            grid.break_even_btc_price_usd[i].map_or(format::UNDEFINED.to_string(), usd),
            usd(grid.profit(i, 0)),
            usd(grid.profit(i, btc.len() - 1)),
        );
    }
    out
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
        assert_eq!(
            parse("0").unwrap_err(),
            "must be a number above 0 and at most 1e24"
        );
        let btc = range_only(limits::BTC_PRICE_USD);
        assert_eq!(
            btc("90000").unwrap_err(),
            "must be a range A:B:N (N values from A to B); A and B each a number from 0 to 1e12 USD, A below B, and N a whole number from 2 to 10000"
        );
    }
}
