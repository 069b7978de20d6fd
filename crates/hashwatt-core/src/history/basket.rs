//! The miner basket the network estimate counts: every model's release month, nameplate
//! hashrate and power, with its source (`presets/history/miner-basket.ron`).

use super::Month;
use crate::preset_types::Grade;
use serde::{Deserialize, Serialize};

pub const BUILTIN_RON: &str = include_str!("../../../../presets/history/miner-basket.ron");
pub const BUILTIN_PATH: &str = "presets/history/miner-basket.ron";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasketMachine {
    pub name: String,
    pub maker: String,
    /// `YYYY-MM`.
    pub release: String,
    pub hashrate_ths: f64,
    pub power_w: f64,
    pub source: String,
    pub grade: Grade,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasketPreset {
    pub id: String,
    pub name: String,
    pub machines: Vec<BasketMachine>,
}

/// A machine as the estimate sees it: efficiency and release month.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BasketEntry {
    pub efficiency_j_per_th: f64,
    pub release: Month,
}

impl BasketPreset {
    /// Reads and checks a basket file: every release a month, every figure positive.
    pub fn parse(path: &str, text: &str) -> Result<BasketPreset, crate::file_error::FileError> {
        let basket: BasketPreset = crate::file_error::parse_ron(path, text)?;
        for (i, m) in basket.machines.iter().enumerate() {
            let bad = |field: &str, what: String| {
                crate::file_error::FileError::at_field(
                    path,
                    text,
                    field,
                    None,
                    crate::problem::Problem::Syntax(format!("machines[{i}] ({}): {what}", m.name)),
                )
            };
            if Month::parse(&m.release).is_none() {
                return Err(bad("release", format!("`{}` is not YYYY-MM", m.release)));
            }
            if !(m.hashrate_ths > 0.0 && m.hashrate_ths.is_finite()) {
                return Err(bad("hashrate_ths", "must be above 0".into()));
            }
            if !(m.power_w > 0.0 && m.power_w.is_finite()) {
                return Err(bad("power_w", "must be above 0".into()));
            }
            if m.source.trim().is_empty() {
                return Err(bad("source", "every machine names its source".into()));
            }
        }
        Ok(basket)
    }

    pub fn builtin() -> BasketPreset {
        BasketPreset::parse(BUILTIN_PATH, BUILTIN_RON).expect("the built-in basket is tested")
    }

    pub fn entries(&self) -> Vec<BasketEntry> {
        self.machines
            .iter()
            .filter_map(|m| {
                Some(BasketEntry {
                    efficiency_j_per_th: m.power_w / m.hashrate_ths,
                    release: Month::parse(&m.release)?,
                })
            })
            .collect()
    }
}

/// The built-in basket's entries, parsed once.
pub fn builtin_entries() -> &'static [BasketEntry] {
    static ENTRIES: std::sync::OnceLock<Vec<BasketEntry>> = std::sync::OnceLock::new();
    ENTRIES.get_or_init(|| BasketPreset::builtin().entries())
}
