//! The command line: `report`, `project`, `chart`, `compare`, `network`, `sweep`, `presets`,
//! `market`, `completions` and `man`.
//! A thin layer over the engine, the preset library and chart export; it prints (or writes) what
//! they compute. Each subcommand lives in its own module; this one parses, dispatches, reports
//! errors, and loads a scenario from a file and flags (shared by most subcommands).

pub mod args;
pub mod chart;
pub mod compare;
pub mod completions;
pub mod disclose;
pub mod dispatch;
mod error;
pub mod flags;
pub mod history;
pub mod history_update;
pub mod market;
pub mod network;
mod output;
pub mod presets;
pub mod project;
pub mod report;
pub mod scenario;
pub mod share;
pub mod sweep;
pub mod term;

use crate::i18n::{Lang, fill};
use crate::presets::PresetLibrary;
use crate::scenario_io;
use args::{Cli, Command};
use clap::{CommandFactory, Parser};
pub use error::{CliError, Usage};
use flags::ScenarioArgs;
use scenario::{say, scenario_text};
use std::ffi::OsString;
use std::process::ExitCode;

/// Exit status for bad input of any kind.
pub const EXIT_BAD_INPUT: u8 = 2;

/// Runs the command line with these arguments (the first is the program name).
pub fn run(args: Vec<OsString>) -> ExitCode {
    // Read `--lang` first, so that clap's own errors and the value parsers speak it too.
    let lang = flags::lang_in_args(&args).unwrap_or_else(crate::i18n::system_lang);
    flags::set_message_lang(lang);
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            say(&parse_error(&e, lang));
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let lang = cli.lang.unwrap_or(lang);
    let t = &crate::i18n::strings(lang).cli;
    let library = PresetLibrary::with_user_folder(crate::user_presets_folder().as_deref());
    for problem in &library.problems {
        say(&fill(
            t.warning_skipped_preset,
            &[("problem", &problem.to_string())],
        ));
    }
    let mut out = std::io::stdout().lock();
    match execute(&cli.command, &library, lang, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say(&format!("{}{}", t.error_prefix, e.localized(lang)));
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

/// One line for a parse error: rebuilt in `lang` from clap's context where clap gives it, else
/// clap's own first line after our prefix.
fn parse_error(e: &clap::Error, lang: Lang) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let t = &crate::i18n::strings(lang).cli;
    let text = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => Some(list.join(", ")),
        _ => None,
    };
    let quoted = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(format!("'{s}'")),
        Some(ContextValue::Strings(list)) => Some(
            list.iter()
                .map(|s| format!("'{s}'"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    };
    let flag = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let message = match e.kind() {
        ErrorKind::ValueValidation => match (&flag, &value) {
            (Some(flag), Some(value)) => {
                let reason = std::error::Error::source(e)
                    .map(ToString::to_string)
                    .unwrap_or_default();
                Some(fill(
                    t.bad_value,
                    &[("flag", flag), ("value", value), ("reason", &reason)],
                ))
            }
            _ => None,
        },
        ErrorKind::InvalidValue => match (&flag, &value) {
            (Some(flag), Some(value)) if value.is_empty() => {
                Some(fill(t.value_required, &[("flag", flag)]))
            }
            (Some(flag), Some(value)) => text(ContextKind::ValidValue).map(|values| {
                fill(
                    t.bad_choice,
                    &[("flag", flag), ("value", value), ("values", &values)],
                )
            }),
            _ => None,
        },
        ErrorKind::UnknownArgument => flag.map(|arg| fill(t.unexpected_argument, &[("arg", &arg)])),
        ErrorKind::InvalidSubcommand => text(ContextKind::InvalidSubcommand)
            .map(|name| fill(t.unknown_subcommand, &[("name", &name)])),
        ErrorKind::ArgumentConflict => match (&flag, e.get(ContextKind::PriorArg)) {
            (Some(arg), Some(ContextValue::String(prior))) if prior == arg => {
                Some(fill(t.used_twice, &[("arg", arg)]))
            }
            (Some(arg), Some(_)) => quoted(ContextKind::PriorArg)
                .map(|others| fill(t.conflict, &[("arg", arg), ("others", &others)])),
            _ => None,
        },
        ErrorKind::MissingRequiredArgument => {
            flag.map(|args| fill(t.missing_arguments, &[("args", &args)]))
        }
        _ => None,
    };
    let message = message.unwrap_or_else(|| {
        // clap's first line names the flag and what is wrong; the rest is usage advice.
        let rendered = e.render().to_string();
        let first = rendered.lines().next().unwrap_or_default();
        first.strip_prefix("error: ").unwrap_or(first).to_string()
    });
    format!("{}{message}", t.error_prefix)
}

/// Runs one parsed command in `lang`, writing its output to `out`.
pub fn execute(
    command: &Command,
    library: &PresetLibrary,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    // A scenario that carries presets of its own is looked at with them, in every figure and
    // name a command shows, not only in its resolution.
    let with_own;
    let library = match scenario_library(command, library) {
        Some(merged) => {
            with_own = merged;
            &with_own
        }
        None => library,
    };
    let text = match command {
        Command::Share(a) => share::run_share(a, library, lang)?,
        Command::Presets(presets::PresetsCommand::Import(a)) => {
            return share::run_import(a, lang, out);
        }
        Command::Report(a) => report::run(a, library, lang)?,
        Command::Project(a) => project::run(a, library, lang)?,
        Command::Chart(a) => chart::run(a, library, lang)?,
        Command::Compare(a) => compare::run(a, library, lang)?,
        // Streams its output: a sweep can be millions of lines.
        Command::Sweep(a) => return sweep::run(a, library, lang, out),
        Command::Network(a) => network::run(a, library, lang)?,
        Command::History(a) => history::run_history(a, library, lang)?,
        Command::Backtest(a) => history::run_backtest(a, library, lang)?,
        Command::Disclose(a) => disclose::run(a, library, lang)?,
        Command::Dispatch(a) => dispatch::run(a, library, lang)?,
        Command::Presets(command) => presets::run(command, library, lang)?,
        Command::Market(command) => market::run(command, lang)?,
        Command::Completions(a) => {
            return write_bytes(out, &completions::completions(a, Cli::command()));
        }
        Command::Man => return write_bytes(out, &completions::man(Cli::command())),
    };
    Ok(out.write_all(text.as_bytes())?)
}

fn write_bytes(out: &mut dyn std::io::Write, bytes: &[u8]) -> Result<(), CliError> {
    Ok(out.write_all(bytes)?)
}

/// The scenario file a command reads with the flags (not `compare`'s several).
fn scenario_args(command: &Command) -> Option<&ScenarioArgs> {
    match command {
        Command::Report(a) => Some(&a.scenario),
        Command::Project(a) => Some(&a.scenario),
        Command::Chart(a) => Some(&a.scenario),
        Command::Sweep(a) => Some(&a.scenario),
        Command::Dispatch(a) => Some(&a.scenario),
        Command::Backtest(a) => Some(&a.scenario),
        _ => None,
    }
}

/// The library with the presets the command's scenario carries, when it carries any. A file
/// that does not read is left to the command, which reports it.
fn scenario_library(command: &Command, library: &PresetLibrary) -> Option<PresetLibrary> {
    let path = scenario_args(command)?.file.as_ref()?;
    let (label, text) = scenario_text(path).ok()?;
    let doc = scenario_io::parse_scenario(&label, &text).ok()?;
    (!doc.presets.is_empty()).then(|| library.with_embedded(&doc.presets))
}
