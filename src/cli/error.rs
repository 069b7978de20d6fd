//! The command line's failures. Each is kept as what went wrong until it is printed, and is
//! said then in the command line's language: one line for stderr. The English of every message
//! is what it always was; the other languages come from the same tables.

use crate::file_error::FileError;
use crate::history::HistoryError;
use crate::history::backtest::BacktestError;
use crate::history::mica::DisclosureError;
use crate::history::range::RangeError;
use crate::i18n::{Lang, fill, strings};
use crate::market_fetch::FetchError;
use crate::problem::Problem;
use crate::resolve::ResolveError;

/// A failure the user can fix.
#[derive(Debug)]
pub enum CliError {
    /// A line already said in the command line's language.
    Said(String),
    /// A file that cannot be read, or does not hold what it should.
    File(FileError),
    /// A history CSV given with a flag (`--history-csv`): `flag: file:line: problem`.
    HistoryCsv {
        flag: &'static str,
        error: HistoryError,
    },
    /// `--from` or `--to` outside the history, or the two in the wrong order.
    Range(RangeError),
    /// A backtest that cannot run over its months, named by the flag that chose the last one.
    Backtest {
        flag: &'static str,
        error: BacktestError,
    },
    /// The MiCA indicators for a period that cannot have them.
    Disclosure(DisclosureError),
    /// A fetch from a market API (`market fetch`, `history update`).
    Fetch(FetchError),
    /// A flag's value that the scenario refuses: `flag: problem`.
    Flag {
        flag: &'static str,
        problem: Problem,
    },
    /// A scenario that does not resolve, where no file holds the value.
    Resolve(ResolveError),
    /// The command line's own checks of what it was asked.
    Usage(Usage),
    /// Output that could not be written, in the system's words.
    WriteFailed(String),
}

/// What the command line itself refuses, before any computing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Usage {
    /// `sweep` without a range for its rows.
    SweepNoRows,
    /// `sweep` with ranges for two row inputs.
    SweepTwoRows {
        first: &'static str,
        second: &'static str,
    },
    /// `sweep` without `--btc-price-usd A:B:N`.
    SweepNoColumns,
    /// `dispatch` with neither `--prices` nor a scenario's tariff.
    DispatchNoPrices,
    /// `--units` or `--hardware-cost-usd` on a fleet of several models.
    OneModelFleet { flag: &'static str, count: usize },
}

impl Usage {
    /// The problem in `lang`.
    pub fn localized(&self, lang: Lang) -> String {
        let t = &strings(lang).cli;
        match self {
            Usage::SweepNoRows => t.sweep_no_rows.to_string(),
            Usage::SweepTwoRows { first, second } => {
                fill(t.sweep_two_rows, &[("first", first), ("second", second)])
            }
            Usage::SweepNoColumns => t.sweep_no_columns.to_string(),
            Usage::DispatchNoPrices => strings(lang).dispatch.cli_no_prices.to_string(),
            Usage::OneModelFleet { flag, count } => fill(
                t.one_model_fleet,
                &[("flag", flag), ("count", &count.to_string())],
            ),
        }
    }
}

impl CliError {
    /// The line to print after the error prefix, in `lang`.
    pub fn localized(&self, lang: Lang) -> String {
        match self {
            CliError::Said(line) => line.clone(),
            CliError::File(e) => e.localized(lang),
            CliError::HistoryCsv { flag, error } => format!("{flag}: {}", error.localized(lang)),
            CliError::Range(e) => e.for_flags(lang),
            CliError::Backtest { flag, error } => format!("{flag}: {}", error.localized(lang)),
            CliError::Disclosure(e) => e.localized(lang),
            CliError::Fetch(e) => e.localized(lang),
            CliError::Flag { flag, problem } => format!("{flag}: {}", problem.localized(lang)),
            CliError::Resolve(e) => e.localized(lang),
            CliError::Usage(u) => u.localized(lang),
            CliError::WriteFailed(error) => {
                fill(strings(lang).cli.write_failed, &[("error", error)])
            }
        }
    }
}

impl From<FileError> for CliError {
    fn from(e: FileError) -> Self {
        CliError::File(e)
    }
}

impl From<RangeError> for CliError {
    fn from(e: RangeError) -> Self {
        CliError::Range(e)
    }
}

impl From<DisclosureError> for CliError {
    fn from(e: DisclosureError) -> Self {
        CliError::Disclosure(e)
    }
}

impl From<FetchError> for CliError {
    fn from(e: FetchError) -> Self {
        CliError::Fetch(e)
    }
}

impl From<Usage> for CliError {
    fn from(u: Usage) -> Self {
        CliError::Usage(u)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::WriteFailed(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::{History, Month};

    #[test]
    fn each_is_said_in_the_language_it_is_printed_in() {
        let history = History::builtin();
        let from = Month::parse("1999-01");
        let range: CliError = history.months_within(from, None).unwrap_err().into();
        let last = history.last();
        assert_eq!(
            range.localized(Lang::En),
            format!("--from: 1999-01 is outside the history (2010-07 to {last})")
        );
        assert_eq!(
            range.localized(Lang::Zh),
            format!("--from：1999-01 超出历史范围（2010-07 至 {last}）")
        );
        let usage = CliError::from(Usage::SweepTwoRows {
            first: "--difficulty",
            second: "--electricity-usd-kwh",
        });
        assert_ne!(usage.localized(Lang::En), usage.localized(Lang::Zh));
        let backtest = CliError::Backtest {
            flag: "--to",
            error: BacktestError::NoPrice(last),
        };
        assert_eq!(
            backtest.localized(Lang::En),
            format!(
                "--to: {last} has no BTC price in the history; import a history CSV that gives one"
            )
        );
        assert!(backtest.localized(Lang::Zh).starts_with("--to: "));
    }
}
