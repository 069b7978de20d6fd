//! The hour-by-hour dispatch's part of a scenario file (`dispatch: (...)`: a time-of-use
//! tariff, the demand-response credit, minimum run and off times) and the fleet's power modes
//! resolved from its entries and the miner presets.

use crate::model::dispatch::{DispatchSettings, OFF, PowerMode, PriceSeries, STOCK};
use crate::model::limits;
use crate::model::scenario::{FieldError, check};
use crate::model::tariff::Tariff;
use crate::model::{Scenario, limits::Limit};
use crate::problem::Problem;
use crate::resolve::{PresetLookup, ResolveError};
use crate::scenario_file::ScenarioDoc;
use serde::{Deserialize, Serialize};

/// `dispatch: (...)` in a scenario file. Every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DispatchDoc {
    /// A time-of-use tariff: the dispatch's prices when no price series is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tariff: Option<Tariff>,
    /// Paid per MWh not consumed in the steps the fleet is off, USD.
    #[serde(skip_serializing_if = "is_zero")]
    pub credit_usd_per_mwh: f64,
    /// Once on, stay on at least this many steps (0: no minimum).
    #[serde(skip_serializing_if = "is_zero_u32")]
    pub min_run_steps: u32,
    /// Once off, stay off at least this many steps (0: no minimum).
    #[serde(skip_serializing_if = "is_zero_u32")]
    pub min_off_steps: u32,
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

fn is_zero_u32(v: &u32) -> bool {
    *v == 0
}

impl DispatchDoc {
    /// Whether nothing is set (the file then leaves `dispatch` out).
    pub fn is_unset(&self) -> bool {
        *self == DispatchDoc::default()
    }

    pub fn settings(&self) -> DispatchSettings {
        DispatchSettings {
            credit_usd_per_mwh: self.credit_usd_per_mwh,
            min_run_steps: self.min_run_steps,
            min_off_steps: self.min_off_steps,
        }
    }

    /// Checks every value against its limit, naming its path in the file.
    pub fn validate(&self) -> Result<(), FieldError> {
        use crate::inputs::Input;
        for (input, value) in [
            (Input::DispatchCreditUsdPerMwh, self.credit_usd_per_mwh),
            (Input::DispatchMinRunSteps, f64::from(self.min_run_steps)),
            (Input::DispatchMinOffSteps, f64::from(self.min_off_steps)),
        ] {
            check(input.spec().path, input.limit(), value)?;
        }
        if let Some(tariff) = &self.tariff {
            tariff.validate("dispatch.tariff")?;
        }
        Ok(())
    }

    /// The tariff's hourly year for `scenario` (hours no period covers at its flat price).
    pub fn tariff_series(&self, scenario: &Scenario) -> Option<PriceSeries> {
        self.tariff
            .as_ref()
            .map(|t| t.expand(scenario.site.electricity_usd_per_kwh * 1000.0))
    }
}

/// `Ok` when `name` may name a mode after `before`: not `stock` or `off`, not empty, not
/// used already.
pub fn check_mode_name<M: ModeNamed>(before: &[M], name: &str) -> Result<(), Problem> {
    let trimmed = name.trim();
    if trimmed.is_empty()
        || trimmed.eq_ignore_ascii_case(STOCK)
        || trimmed.eq_ignore_ascii_case(OFF)
        || before.iter().any(|m| m.mode_name().trim() == trimmed)
    {
        return Err(Problem::ModeName {
            name: name.to_string(),
        });
    }
    Ok(())
}

/// Something with a mode's name (a scenario's mode or a preset's).
pub trait ModeNamed {
    fn mode_name(&self) -> &str;
}

impl ModeNamed for PowerMode {
    fn mode_name(&self) -> &str {
        &self.name
    }
}

impl ModeNamed for crate::schema::MinerModePreset {
    fn mode_name(&self) -> &str {
        &self.name
    }
}

/// A machine's hashrate or power in a mode: above 0.
const MODE_FIGURE: Limit = Limit {
    min: 0.0,
    max: 1e12,
    min_exclusive: true,
    integer: false,
    unit: "",
};

impl ScenarioDoc {
    /// The fleet's power modes besides stock, for [`crate::model::dispatch::dispatch`]. Each
    /// entry's modes are its own (`fleet[i].modes`) or else its miner preset's. A fleet mode
    /// is every entry in its mode of that name, or at its own figures if it has none; modes
    /// are listed in the order they are first named. `scenario` is this document resolved.
    pub fn fleet_modes(
        &self,
        scenario: &Scenario,
        library: &impl PresetLookup,
    ) -> Result<Vec<PowerMode>, ResolveError> {
        // Per entry: (name, hashrate, power) of one machine in each of its modes.
        let mut per_entry: Vec<Vec<(String, f64, f64)>> = Vec::with_capacity(self.fleet.len());
        for (i, entry) in self.fleet.iter().enumerate() {
            let fail = |field: String, problem: Problem| ResolveError {
                field,
                problem,
                value: None,
            };
            let modes: Vec<(String, f64, f64)> = if !entry.modes.is_empty() {
                for (k, m) in entry.modes.iter().enumerate() {
                    let at = format!("fleet[{i}].modes[{k}]");
                    check_mode_name(&entry.modes[..k], &m.name)
                        .map_err(|p| fail(format!("{at}.name"), p))?;
                    for (field, value) in [("hashrate_ths", m.hashrate_ths), ("power_w", m.power_w)]
                    {
                        MODE_FIGURE
                            .check(value)
                            .map_err(|e| fail(format!("{at}.{field}"), e.into()))?;
                    }
                }
                entry
                    .modes
                    .iter()
                    .map(|m| (m.name.trim().to_string(), m.hashrate_ths, m.power_w))
                    .collect()
            } else {
                entry
                    .miner
                    .as_deref()
                    .and_then(|id| library.miner(id))
                    .map(|p| {
                        p.modes
                            .iter()
                            .map(|m| (m.name.trim().to_string(), m.hashrate_ths, m.power_w))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            per_entry.push(modes);
        }
        let mut names: Vec<&str> = Vec::new();
        for modes in &per_entry {
            for (name, _, _) in modes {
                if !names.contains(&name.as_str()) {
                    names.push(name);
                }
            }
        }
        Ok(names
            .iter()
            .map(|&name| {
                let (mut hashrate_ths, mut power_w) = (0.0, 0.0);
                for (group, modes) in scenario.fleet.iter().zip(&per_entry) {
                    let (h, w) = modes
                        .iter()
                        .find(|(n, _, _)| n == name)
                        .map_or((group.hashrate_ths, group.power_w), |&(_, h, w)| (h, w));
                    hashrate_ths += f64::from(group.units) * h;
                    power_w += f64::from(group.units) * w;
                }
                PowerMode {
                    name: name.to_string(),
                    hashrate_ths,
                    power_w,
                }
            })
            .collect())
    }
}

/// The price limit, for the window's and the command line's words.
pub const PRICE_LIMIT: Limit = limits::PRICE_USD_PER_MWH;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PresetLibrary;
    use crate::scenario_io::parse_scenario;

    #[test]
    fn modes_of_a_mixed_fleet_fall_back_to_each_machines_own_figures() {
        let text = r#"(
            fleet: [
                (name: "A", hashrate_ths: 100, power_w: 3000, units: 2,
                 modes: [(name: "eco", hashrate_ths: 80, power_w: 2000),
                         (name: "turbo", hashrate_ths: 120, power_w: 4200)]),
                (name: "B", hashrate_ths: 50, power_w: 1500, units: 4,
                 modes: [(name: "eco", hashrate_ths: 40, power_w: 1000)]),
            ],
        )"#;
        let library = PresetLibrary::builtin();
        let doc = parse_scenario("s.ron", text).unwrap();
        let scenario = doc.resolve(&library).unwrap();
        let modes = doc.fleet_modes(&scenario, &library).unwrap();
        assert_eq!(
            modes,
            vec![
                PowerMode {
                    name: "eco".into(),
                    hashrate_ths: 2.0 * 80.0 + 4.0 * 40.0,
                    power_w: 2.0 * 2000.0 + 4.0 * 1000.0,
                },
                // B has no turbo: it runs at its own figures.
                PowerMode {
                    name: "turbo".into(),
                    hashrate_ths: 2.0 * 120.0 + 4.0 * 50.0,
                    power_w: 2.0 * 4200.0 + 4.0 * 1500.0,
                },
            ]
        );
        // A file without modes has none; the document round-trips without a `modes` field.
        let plain = ScenarioDoc::default();
        let scenario = plain.resolve(&library).unwrap();
        assert!(plain.fleet_modes(&scenario, &library).unwrap().is_empty());
        let written = crate::scenario_io::scenario_to_ron(&plain);
        assert!(!written.contains("modes") && !written.contains("dispatch"));
    }

    #[test]
    fn a_reserved_or_repeated_mode_name_is_refused_with_its_place() {
        let library = PresetLibrary::builtin();
        for (modes, field) in [
            (
                r#"[(name: "stock", hashrate_ths: 1, power_w: 1)]"#,
                "fleet[0].modes[0].name",
            ),
            (
                r#"[(name: "eco", hashrate_ths: 1, power_w: 1), (name: "eco", hashrate_ths: 2, power_w: 2)]"#,
                "fleet[0].modes[1].name",
            ),
            (
                r#"[(name: "eco", hashrate_ths: 1, power_w: 0)]"#,
                "fleet[0].modes[0].power_w",
            ),
        ] {
            let text = format!("(fleet: [(miner: \"antminer-s21\", modes: {modes})])");
            let doc = parse_scenario("s.ron", &text).unwrap();
            let scenario = doc.resolve(&library).unwrap();
            let e = doc.fleet_modes(&scenario, &library).unwrap_err();
            assert_eq!(e.field, field);
        }
    }

    #[test]
    fn the_dispatch_section_is_read_and_checked() {
        let text = r#"(
            dispatch: (
                credit_usd_per_mwh: 25,
                min_run_steps: 2,
                tariff: Some((year: 2025, periods: [(hours: [(16, 20)], price_usd_mwh: 150)])),
            ),
        )"#;
        let doc = parse_scenario("s.ron", text).unwrap();
        assert_eq!(doc.dispatch.credit_usd_per_mwh, 25.0);
        assert_eq!(doc.dispatch.settings().min_run_steps, 2);
        assert!(doc.dispatch.validate().is_ok());
        let library = PresetLibrary::builtin();
        let scenario = doc.resolve(&library).unwrap();
        let series = doc.dispatch.tariff_series(&scenario).unwrap();
        assert_eq!(series.len(), 8760);
        assert_eq!(series.price_usd_per_mwh[16], 150.0);
        assert_eq!(
            series.price_usd_per_mwh[0],
            scenario.site.electricity_usd_per_kwh * 1000.0
        );
        let mut bad = doc.clone();
        bad.dispatch.credit_usd_per_mwh = -1.0;
        let e = bad.resolve(&library).unwrap_err();
        assert_eq!(e.field, "dispatch.credit_usd_per_mwh");
    }
}
