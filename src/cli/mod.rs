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
pub mod history;
pub mod history_update;
pub mod market;
pub mod network;
mod output;
pub mod presets;
pub mod project;
pub mod report;
pub mod share;
pub mod sweep;
pub mod term;

use crate::file_error::FileError;
use crate::i18n::{Lang, fill};
use crate::model::{self, NetworkSpec, Scenario, SubsidySpec};
use crate::presets::PresetLibrary;
use crate::scenario_file::{FleetEntryDoc, ScenarioDoc};
use crate::scenario_io;
use args::{Cli, Command, ScenarioArgs};
use clap::Parser;
pub use error::{CliError, Usage};
use std::ffi::OsString;
use std::process::ExitCode;

/// Exit status for bad input of any kind.
pub const EXIT_BAD_INPUT: u8 = 2;

/// Runs the command line with these arguments (the first is the program name).
pub fn run(args: Vec<OsString>) -> ExitCode {
    // Read `--lang` first, so that clap's own errors and the value parsers speak it too.
    let lang = args::lang_in_args(&args).unwrap_or_else(crate::i18n::system_lang);
    args::set_message_lang(lang);
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

/// Writes one line to stderr. Errors, warnings and notes quote flags, paths, ids and names as
/// given, so their control characters are escaped: the line stays one line and cannot drive the
/// terminal.
pub(crate) fn say(line: &str) {
    eprintln!("{}", term::escape(line));
}

/// Warns on stderr when the fleet is more than 1 % of the network (`share_pct`, %).
pub(crate) fn warn_network_share(share_pct: f64, lang: Lang) {
    if let Some(warning) = crate::history::backtest::network_share_warning(share_pct, lang) {
        let t = &crate::i18n::strings(lang).cli;
        say(&format!("{}{warning}", t.warning_prefix));
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
        Command::Completions(a) => return write_bytes(out, &completions::completions(a)),
        Command::Man => return write_bytes(out, &completions::man()),
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

/// Whether a scenario argument is `-`: standard input.
pub(crate) fn is_stdin(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

/// A scenario argument's text and the name messages give it: a file's, or standard input's for
/// `-` (read once, whoever asks).
pub(crate) fn scenario_text(path: &std::path::Path) -> Result<(String, String), CliError> {
    if !is_stdin(path) {
        return Ok((path.display().to_string(), scenario_io::read_text(path)?));
    }
    static STDIN: std::sync::OnceLock<Result<String, FileError>> = std::sync::OnceLock::new();
    let label = crate::i18n::strings(args::message_lang())
        .sharing
        .stdin_name
        .to_string();
    let text = STDIN
        .get_or_init(|| crate::file_io::read_stream(&label, std::io::stdin().lock()))
        .clone()?;
    Ok((label, text))
}

/// A scenario as loaded: the document (with the flags applied) and its resolution.
pub struct Loaded {
    pub doc: ScenarioDoc,
    pub scenario: Scenario,
}

/// The first day of a projection: the market snapshot's date.
pub(crate) fn start_date(doc: &ScenarioDoc, library: &PresetLibrary) -> Option<model::date::Date> {
    let snapshot = match &doc.market.preset {
        Some(id) => library.market(id),
        None => library.newest_market(),
    };
    snapshot.map(|m| m.date)
}

/// Says on stderr that a file of an older format version was migrated (the output goes on).
pub(crate) fn note_migration(migration: Option<scenario_io::Migration>, lang: Lang) {
    if let Some(migration) = migration {
        say(&format!(
            "{}{}",
            crate::i18n::strings(lang).files.note_prefix,
            migration.localized(lang)
        ));
    }
}

/// Reads the scenario file (if any), applies the flags over it, and resolves it; the command
/// line's own messages are in `lang`.
pub fn load(a: &ScenarioArgs, library: &PresetLibrary, lang: Lang) -> Result<Loaded, CliError> {
    let (mut doc, file) = match &a.file {
        Some(path) => {
            let (label, text) = scenario_text(path)?;
            let (doc, migration) = scenario_io::parse_scenario_noting(&label, &text)?;
            (doc, Some((label, text, migration)))
        }
        None => (ScenarioDoc::default(), None),
    };
    let (file_text, migration) = file.map_or((None, None), |(l, t, m)| (Some((l, t)), m));
    apply_flags(&mut doc, a)?;
    match doc.resolve(library) {
        Ok(scenario) => {
            // Only a file that loads is worth a note; an error is the one line otherwise.
            note_migration(migration, lang);
            Ok(Loaded { doc, scenario })
        }
        Err(e) => {
            // Name the flag when the value came from one, else the place in the file.
            if let Some(flag) = flag_for(&e.field, a) {
                return Err(CliError::Flag {
                    flag,
                    problem: e.problem,
                });
            }
            match &file_text {
                Some((label, text)) => {
                    Err(crate::resolve::locate_resolve_error(label, text, e).into())
                }
                // No file: a region without a price asks for the flag that gives one.
                None if matches!(e.problem, crate::problem::Problem::RegionHasNoPrice { .. }) => {
                    Err(CliError::Flag {
                        flag: "--electricity-usd-kwh",
                        problem: e.problem,
                    })
                }
                None => Err(CliError::Resolve(e)),
            }
        }
    }
}

/// The flag that set a field, if one did.
fn flag_for(field: &str, a: &ScenarioArgs) -> Option<&'static str> {
    let leaf = field.rsplit('.').next().unwrap_or(field);
    match leaf {
        "region" if a.region.is_some() => Some("--region"),
        "mix" if a.mix.is_some() => Some("--mix"),
        "emission_table" if a.ef_table.is_some() => Some("--ef-table"),
        "miner" if a.miner.is_some() => Some("--miner"),
        _ => None,
    }
}

fn apply_flags(doc: &mut ScenarioDoc, a: &ScenarioArgs) -> Result<(), CliError> {
    let site = &mut doc.site;
    if let Some(region) = &a.region {
        site.region = Some(region.clone());
        site.mix = None;
    }
    if let Some(mix) = a.mix {
        site.mix = Some(mix);
    }
    if let Some(table) = &a.ef_table {
        site.emission_table = table.clone();
    }
    set(
        &mut site.electricity_usd_per_kwh,
        a.electricity_usd_kwh.map(Some),
    );
    set(&mut site.pue, a.pue);
    set(&mut site.uptime_pct, a.uptime_pct);
    set(&mut site.pool_fee_pct, a.pool_fee_pct);
    set(&mut site.opex_usd_per_month, a.opex_usd_month);
    set(&mut site.carbon_price_usd_per_t, a.carbon_price_usd_t);

    if a.miner.is_some() || a.hashrate_ths.is_some() {
        // A miner on the command line replaces the fleet with that one model.
        doc.fleet = vec![FleetEntryDoc {
            miner: a.miner.clone(),
            name: None,
            hashrate_ths: a.hashrate_ths,
            power_w: a.power_w,
            units: a.units.unwrap_or(crate::scenario_file::defaults::UNITS),
            unit_cost_usd: a.hardware_cost_usd,
            modes: Vec::new(),
        }];
    } else if a.units.is_some() || a.hardware_cost_usd.is_some() {
        let flag = if a.units.is_some() {
            "--units"
        } else {
            "--hardware-cost-usd"
        };
        match doc.fleet.as_mut_slice() {
            [entry] => {
                set(&mut entry.units, a.units);
                set(&mut entry.unit_cost_usd, a.hardware_cost_usd.map(Some));
            }
            fleet => {
                return Err(Usage::OneModelFleet {
                    flag,
                    count: fleet.len(),
                }
                .into());
            }
        }
    }
    set(&mut doc.hardware_life_years, a.hardware_life_years);

    let market = &mut doc.market;
    set(&mut market.btc_price_usd, a.btc_price_usd.map(Some));
    if let Some(ehs) = a.network_hashrate_ehs {
        market.network = Some(NetworkSpec::HashrateEhs(ehs));
    }
    if let Some(d) = a.difficulty {
        market.network = Some(NetworkSpec::Difficulty(d));
    }
    if let Some(btc) = a.block_subsidy_btc {
        market.subsidy = Some(SubsidySpec::Btc(btc));
    }
    if let Some(h) = a.block_height {
        market.subsidy = Some(SubsidySpec::BlockHeight(h));
    }
    set(
        &mut market.fees_btc_per_block,
        a.fees_btc_per_block.map(Some),
    );
    apply_lever_flags(&mut doc.levers, a);
    let i = &mut doc.instruments;
    set(&mut i.certificates_mwh_per_year, a.certificates_mwh_year);
    set(&mut i.certificate_g_per_kwh, a.certificate_g_kwh);
    set(&mut i.ppa_share_pct, a.ppa_share_pct.map(Some));
    set(&mut i.ppa_g_per_kwh, a.ppa_g_kwh.map(Some));
    set(
        &mut i.residual_mix_g_per_kwh,
        a.residual_mix_g_kwh.map(Some),
    );
    Ok(())
}

/// Any flag of a lever switches it on, with its defaults for the values not given.
fn apply_lever_flags(levers: &mut model::Levers, a: &ScenarioArgs) {
    if a.renewable_share_pct.is_some()
        || a.renewable_intensity_g_kwh.is_some()
        || a.renewable_usd_kwh.is_some()
    {
        let r = levers.renewable.get_or_insert_with(Default::default);
        set(&mut r.share_pct, a.renewable_share_pct);
        set(&mut r.intensity_g_per_kwh, a.renewable_intensity_g_kwh);
        set(&mut r.price_usd_per_kwh, a.renewable_usd_kwh);
    }
    if a.curtailment_hours_year.is_some() || a.curtailment_credit_usd_mwh.is_some() {
        let c = levers.curtailment.get_or_insert_with(Default::default);
        set(&mut c.hours_per_year, a.curtailment_hours_year);
        set(&mut c.credit_usd_per_mwh, a.curtailment_credit_usd_mwh);
    }
    if a.heat_reuse_pct.is_some()
        || a.heat_price_usd_mwh.is_some()
        || a.heat_displaced_g_kwh.is_some()
    {
        let h = levers.heat_reuse.get_or_insert_with(Default::default);
        set(&mut h.share_pct, a.heat_reuse_pct);
        set(&mut h.price_usd_per_mwh_heat, a.heat_price_usd_mwh);
        set(&mut h.displaced_g_per_kwh_heat, a.heat_displaced_g_kwh);
    }
    if a.flared_gas || a.generator_g_kwh.is_some() || a.avoided_flaring_g_kwh.is_some() {
        let f = levers.flared_gas.get_or_insert_with(Default::default);
        set(&mut f.generator_g_per_kwh, a.generator_g_kwh);
        set(&mut f.avoided_flaring_g_per_kwh, a.avoided_flaring_g_kwh);
    }
}

fn set<T>(slot: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *slot = v;
    }
}
