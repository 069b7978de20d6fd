//! A scenario as the subcommands read it: from a file (or standard input) with the flags laid
//! over it, resolved against the presets; and the lines said on standard error beside it.

use super::flags::{self, ScenarioArgs};
use super::term;
use super::{CliError, Usage};
use crate::file_error::FileError;
use crate::i18n::Lang;
use crate::model::{self, NetworkSpec, Scenario, SubsidySpec};
use crate::presets::PresetLibrary;
use crate::scenario_file::{FleetEntryDoc, ScenarioDoc};
use crate::scenario_io;

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
    let label = crate::i18n::strings(flags::message_lang())
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
