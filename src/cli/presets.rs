//! `hashwatt presets list` and `presets show`: the built-in and user presets.

use super::CliError;
use super::output::{did_you_mean, name_width, to_json};
use super::term::{align_left, escape};
use crate::format::{self, number, usd};
use crate::i18n::Localized;
use crate::i18n::cli::CliStrings;
use crate::i18n::{Lang, fill, strings};
use crate::presets::{FactorKind, PresetKind, PresetLibrary};
use crate::region_price;
use clap::Subcommand;
use std::fmt::Write as _;

#[derive(Debug, Subcommand)]
pub enum PresetsCommand {
    /// List presets: all kinds, or one of regions, miners, emission-factors, markets, mining-maps, scenarios.
    List {
        #[arg(value_name = "KIND", value_parser = ["regions", "miners", "emission-factors", "markets", "mining-maps", "scenarios"])]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one preset with every figure and its source.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Import presets from preset files, packs or scenarios that carry presets into the presets folder.
    Import(super::share::ImportArgs),
    /// Write presets of any kinds to one pack file.
    Export(super::share::ExportArgs),
}

/// Runs `hashwatt presets …` and returns what to print.
pub fn run(
    command: &PresetsCommand,
    library: &PresetLibrary,
    lang: Lang,
) -> Result<String, CliError> {
    match command {
        PresetsCommand::List { kind, json } => {
            let kinds: Vec<PresetKind> = match kind {
                Some(k) => PresetKind::from_folder(k).into_iter().collect(),
                None => PresetKind::ALL.to_vec(),
            };
            if *json {
                presets_json(library, &kinds)
            } else {
                Ok(presets_table(library, &kinds, lang))
            }
        }
        PresetsCommand::Show { id, json } => preset_show(library, id, *json, lang),
        // `execute` gives import its own output stream; this is the same run to stdout.
        PresetsCommand::Import(a) => {
            super::share::run_import(a, lang, &mut std::io::stdout().lock()).map(|()| String::new())
        }
        PresetsCommand::Export(a) => super::share::run_export(a, library, lang),
    }
}

/// A kind of preset in words, for the list's headings.
fn kind_words(kind: PresetKind, t: &CliStrings) -> &'static str {
    match kind {
        PresetKind::Region => t.kind_regions,
        PresetKind::Miner => t.kind_miners,
        PresetKind::EmissionTable => t.kind_emission_factors,
        PresetKind::Market => t.kind_markets,
        PresetKind::MiningMap => t.kind_mining_maps,
        PresetKind::Scenario => t.kind_scenarios,
    }
}

/// One line per preset: id, name and the figures that tell them apart.
pub fn presets_table(library: &PresetLibrary, kinds: &[PresetKind], lang: Lang) -> String {
    let words = strings(lang);
    let t = &words.cli;
    let mut out = String::new();
    for (i, kind) in kinds.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{}",
            fill(
                t.presets_heading,
                &[
                    ("count", &library.count(*kind).to_string()),
                    ("kind", kind_words(*kind, t)),
                ],
            )
        );
        match kind {
            PresetKind::Region => {
                let w = name_width(library.regions().map(|r| r.name_in(lang)));
                let id_w = name_width(library.regions().map(|r| r.id.as_str())).max(22);
                for r in library.regions() {
                    let estimate = if r.intensity.grade == crate::presets::Grade::Estimate {
                        format!(" {}", words.network.estimate_mark)
                    } else {
                        String::new()
                    };
                    // A region without a sourced price shows dashes: a scenario there gives its own.
                    let (value, grade, year) = match &r.electricity_price_usd_per_kwh {
                        Some(p) => (
                            number(p.value),
                            region_price::grade_words(p.grade, lang),
                            p.year.to_string(),
                        ),
                        None => ("—".to_string(), "—", String::new()),
                    };
                    let _ = writeln!(
                        out,
                        "  {} {} {:>6} g/kWh{} {:>8} USD/kWh  {} {}",
                        align_left(&escape(&r.id), id_w),
                        align_left(&escape(r.name_in(lang)), w),
                        format::fixed(r.intensity.g_per_kwh, 0),
                        align_left(&estimate, 11),
                        value,
                        align_left(grade, 9),
                        year
                    );
                }
            }
            PresetKind::Miner => {
                let mut miners: Vec<_> = library.miners().collect();
                miners.sort_by(|a, b| (a.release_year, &a.name).cmp(&(b.release_year, &b.name)));
                let w = name_width(miners.iter().map(|m| m.name_in(lang)));
                for m in miners {
                    let _ = writeln!(
                        out,
                        "  {} {} {:>6} {:>12} TH/s {:>8} W {:>12} J/TH",
                        align_left(&escape(&m.id), 24),
                        align_left(&escape(m.name_in(lang)), w),
                        m.release_year,
                        number(m.hashrate_ths),
                        format::fixed(m.power_w, 0),
                        number(m.efficiency_j_per_th())
                    );
                }
            }
            PresetKind::EmissionTable => {
                for table in library.emission_tables() {
                    let kind = match table.kind {
                        FactorKind::Lifecycle => t.factors_lifecycle,
                        FactorKind::Direct => t.factors_direct,
                    };
                    let line = fill(
                        t.factors_line,
                        &[
                            ("kind", kind),
                            ("year", &table.year.to_string()),
                            ("name", &escape(table.name_in(lang))),
                        ],
                    );
                    let _ = writeln!(out, "  {} {line}", align_left(&escape(&table.id), 22));
                }
            }
            PresetKind::Market => {
                let w = name_width(library.markets().map(|m| m.name_in(lang)));
                for m in library.markets() {
                    let _ = writeln!(
                        out,
                        "  {} {} {}  BTC {:>10}",
                        align_left(&escape(&m.id), 10),
                        align_left(&escape(m.name_in(lang)), w),
                        m.date,
                        usd(m.btc_price_usd.value)
                    );
                }
            }
            PresetKind::MiningMap => super::network::mining_maps_table(library, lang, &mut out),
            PresetKind::Scenario => {
                for s in library.scenarios() {
                    let _ = writeln!(
                        out,
                        "  {} {}",
                        align_left(&escape(&s.id), 26),
                        escape(s.doc.name_in(lang))
                    );
                }
            }
        }
    }
    out
}

fn kind_json(library: &PresetLibrary, kind: PresetKind) -> Result<serde_json::Value, CliError> {
    Ok(match kind {
        PresetKind::Region => to_json(&library.regions().collect::<Vec<_>>())?,
        PresetKind::Miner => to_json(&library.miners().collect::<Vec<_>>())?,
        PresetKind::EmissionTable => to_json(&library.emission_tables().collect::<Vec<_>>())?,
        PresetKind::Market => to_json(&library.markets().collect::<Vec<_>>())?,
        PresetKind::MiningMap => to_json(&library.mining_maps().collect::<Vec<_>>())?,
        PresetKind::Scenario => {
            let list: Vec<serde_json::Value> = library
                .scenarios()
                .map(|s| Ok(serde_json::json!({ "id": s.id, "scenario": to_json(&s.doc)? })))
                .collect::<Result<_, CliError>>()?;
            serde_json::Value::Array(list)
        }
    })
}

/// Presets as JSON: an array for one kind, an object of arrays for several.
pub fn presets_json(library: &PresetLibrary, kinds: &[PresetKind]) -> Result<String, CliError> {
    let value = match kinds {
        [kind] => kind_json(library, *kind)?,
        _ => {
            let mut map = serde_json::Map::new();
            for kind in kinds {
                map.insert(kind.folder().to_string(), kind_json(library, *kind)?);
            }
            serde_json::Value::Object(map)
        }
    };
    serde_json::to_string_pretty(&value)
        .map(|s| s + "\n")
        .map_err(|e| CliError::Said(e.to_string()))
}

/// One preset, whatever its kind, with every figure and its source.
pub fn preset_show(
    library: &PresetLibrary,
    id: &str,
    json: bool,
    lang: Lang,
) -> Result<String, CliError> {
    let pretty = |value: &dyn erased::Show| -> Result<String, CliError> {
        if json { value.json() } else { value.ron() }
    };
    if let Some(r) = library.region(id) {
        // Text shows the price's components under the preset; JSON carries them as fields.
        let mut text = pretty(r)?;
        if !json {
            for line in region_price::price_details(r, None, lang) {
                let _ = writeln!(text, "// {}", line.replace('\n', " "));
            }
        }
        return Ok(text);
    }
    if let Some(m) = library.miner(id) {
        return pretty(m);
    }
    if let Some(t) = library.emission_table(id) {
        return pretty(t);
    }
    if let Some(m) = library.market(id) {
        return pretty(m);
    }
    if let Some(m) = library.mining_map(id) {
        return pretty(m);
    }
    if let Some(s) = library.scenario(id) {
        return pretty(&s.doc);
    }
    let all: Vec<&str> = library
        .regions()
        .map(|r| r.id.as_str())
        .chain(library.miners().map(|m| m.id.as_str()))
        .chain(library.emission_tables().map(|t| t.id.as_str()))
        .chain(library.markets().map(|m| m.id.as_str()))
        .chain(library.mining_maps().map(|m| m.id.as_str()))
        .chain(library.scenarios().map(|s| s.id.as_str()))
        .collect();
    let t = &strings(lang).cli;
    let hint = did_you_mean(crate::presets::did_you_mean(id, &all), t);
    Err(CliError::Said(fill(
        t.unknown_preset,
        &[("hint", &hint), ("id", id)],
    )))
}

/// Showing any preset type as RON or JSON without a generic function per type.
mod erased {
    use super::CliError;

    pub trait Show {
        fn json(&self) -> Result<String, CliError>;
        fn ron(&self) -> Result<String, CliError>;
    }

    impl<T: serde::Serialize> Show for T {
        fn json(&self) -> Result<String, CliError> {
            serde_json::to_string_pretty(self)
                .map(|s| s + "\n")
                .map_err(|e| CliError::Said(e.to_string()))
        }
        fn ron(&self) -> Result<String, CliError> {
            crate::scenario_io::to_ron(self).map_err(CliError::Said)
        }
    }
}
