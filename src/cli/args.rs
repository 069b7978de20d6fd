//! The command line's top level: `hashwatt [--lang LANG] SUBCOMMAND`, each subcommand with its
//! arguments (defined in its own file).

use crate::i18n::Lang;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "hashwatt",
    version,
    about = "What it costs, in money and in carbon, to mine Bitcoin here, with this hardware.",
    long_about = "What it costs, in money and in carbon, to mine Bitcoin here, with this hardware.\n\n\
                  Without a subcommand, hashwatt opens its window."
)]
pub struct Cli {
    /// Language of the tables and messages: en or zh (default: HASHWATT_LANG, else the system's).
    #[arg(long, global = true, value_name = "LANG", value_parser = lang_parser(), ignore_case = true)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Command,
}

/// `--lang`'s values: the languages' codes.
fn lang_parser() -> impl TypedValueParser<Value = Lang> {
    PossibleValuesParser::new(Lang::ALL.map(Lang::code)).map(|code| {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(&code))
            .unwrap_or_default()
    })
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate a scenario: power, energy, CO₂, revenue, costs, break-even prices, payback.
    Report(super::report::ReportArgs),
    /// Project a scenario month by month across difficulty growth, price growth and halvings.
    Project(super::project::ProjectArgs),
    /// Draw a chart of a scenario to a PNG or SVG file: mix, regions, break-even, projection or hardware.
    Chart(super::chart::ChartArgs),
    /// Compare scenario files side by side: every figure, the best in each row marked.
    Compare(super::compare::CompareArgs),
    /// Daily profit over a grid of electricity price (or difficulty, or network hashrate) × BTC price, with the break-even contour.
    Sweep(super::sweep::SweepArgs),
    /// The fleet hour by hour against a price series or a time-of-use tariff: curtailment, power modes, credits.
    Dispatch(super::dispatch::DispatchArgs),
    /// The whole network's power, energy and CO₂ (CBECI-style lower bound, best guess, upper bound).
    Network(super::network::NetworkArgs),
    /// The network month by month since 2010-07: difficulty, price, hashprice, power (CBECI 2023 method), CO₂.
    History(super::history::HistoryArgs),
    /// Run the scenario's fleet and site through real months of the history, hardware bought at the start.
    Backtest(super::history::BacktestArgs),
    /// MiCA's network sustainability indicators for a period of the history: energy, renewable share, emissions, per transaction.
    Disclose(super::disclose::DiscloseArgs),
    /// Write a self-contained copy of a scenario: every preset it uses that is not built in goes inside.
    Share(super::share::ShareArgs),
    /// List, show, import and export the built-in and user presets.
    #[command(subcommand)]
    Presets(super::presets::PresetsCommand),
    /// Today's market from a mempool.space-compatible API (with `history update`, the only commands that use the network).
    #[command(subcommand)]
    Market(super::market::MarketCommand),
    /// Print a shell completion script: bash, zsh or fish.
    Completions(super::completions::CompletionsArgs),
    /// Print the manual page (roff): `hashwatt man | man -l -`.
    Man,
}

#[cfg(test)]
mod tests {
    use super::super::flags::*;
    use super::*;
    use crate::inputs::Input;
    use crate::model::limits::{self, Limit};
    use std::ffi::OsString;

    #[test]
    fn mix_flag() {
        let mix = parse_mix("coal=60, hydro=40").unwrap();
        assert_eq!((mix.coal, mix.hydro), (60.0, 40.0));
        assert_eq!(
            parse_mix("coal=60,hydro=30").unwrap_err(),
            "the shares sum to 90; they must sum to 100 ± 0.1 %"
        );
        assert_eq!(
            parse_mix("coal=60,peat=40").unwrap_err(),
            "unknown source \"peat\"; the sources are coal, gas, oil, nuclear, hydro, wind, solar, geothermal, biomass, other"
        );
        assert_eq!(
            parse_mix("coal=50, gas=10,coal=40").unwrap_err(),
            "coal is given twice"
        );
        assert!(parse_mix("coal:100").is_err());
        assert!(parse_mix("coal=nan").is_err());
    }

    #[test]
    fn limits_in_words_in_chinese() {
        let zh = |limit: Limit| limit.allowed_in(Lang::Zh);
        assert_eq!(zh(limits::PUE), "1 到 5 之间的数");
        assert_eq!(zh(limits::UNITS), "0 到 1e9 之间的整数（台）");
        assert_eq!(
            zh(limits::NETWORK_HASHRATE_EHS),
            "1e-12 到 1e12 之间的数（EH/s）"
        );
        assert_eq!(
            zh(limits::GROWTH_PCT_PER_YEAR),
            "> -100 且 ≤ 1000 的数（%/年）"
        );
    }

    /// Every input of a scenario has its flag (on `report`, or `project` for the projection's),
    /// and the flag refuses what the input's one description refuses, in its words.
    #[test]
    fn every_input_has_its_flag_with_its_limit() {
        for input in Input::ALL {
            let flag = format!("--{}", input.spec().flag);
            let limit = input.limit();
            let outside = (limit.max * 2.0 + 1.0).to_string();
            let error = ["report", "project", "dispatch"]
                .into_iter()
                .filter_map(|command| {
                    Cli::try_parse_from(["hashwatt", command, &flag, &outside]).err()
                })
                .find(|e| e.kind() == clap::error::ErrorKind::ValueValidation)
                .unwrap_or_else(|| panic!("{flag} is no checked flag"));
            assert!(
                error.to_string().contains(&limit.allowed()),
                "{flag}: {error}"
            );
        }
    }

    #[test]
    fn lang_is_read_before_parsing() {
        let args = |list: &[&str]| -> Vec<OsString> {
            std::iter::once("hashwatt")
                .chain(list.iter().copied())
                .map(OsString::from)
                .collect()
        };
        assert_eq!(
            lang_in_args(&args(&["--lang", "zh", "report"])),
            Some(Lang::Zh)
        );
        assert_eq!(
            lang_in_args(&args(&["report", "--lang=ZH"])),
            Some(Lang::Zh)
        );
        assert_eq!(
            lang_in_args(&args(&["report", "--lang", "en"])),
            Some(Lang::En)
        );
        assert_eq!(lang_in_args(&args(&["report", "--lang", "xx"])), None);
        assert_eq!(lang_in_args(&args(&["report"])), None);
        assert_eq!(lang_in_args(&args(&["report", "--", "--lang", "zh"])), None);
    }

    #[test]
    fn limited_values() {
        let pue = limited(limits::PUE);
        assert_eq!(pue("1.2"), Ok(1.2));
        assert_eq!(pue("0.9").unwrap_err(), "must be a number from 1 to 5");
        assert_eq!(pue("NaN").unwrap_err(), "must be a number from 1 to 5");
        assert_eq!(
            pue("abc").unwrap_err(),
            "not a number; must be a number from 1 to 5"
        );
    }
}
