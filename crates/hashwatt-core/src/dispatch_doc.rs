//! The fleet's power modes for the hour-by-hour dispatch, resolved from its entries and the
//! miner presets (the scenario file's `dispatch` section is `model::dispatch::DispatchOptions`).

use crate::model::dispatch::{PowerMode, mode_name_allowed};
use crate::model::tariff::Tariff;
use crate::model::{Scenario, limits::Limit};
use crate::problem::Problem;
use crate::resolve::{PresetLookup, ResolveError};
use crate::scenario_file::ScenarioDoc;

/// `Ok` when `name` may name a mode after those named `before`.
pub fn check_mode_name<'a>(
    before: impl IntoIterator<Item = &'a str>,
    name: &str,
) -> Result<(), Problem> {
    if mode_name_allowed(before, name) {
        Ok(())
    } else {
        Err(Problem::ModeName {
            name: name.to_string(),
        })
    }
}

/// Where a scenario file holds its time-of-use tariff.
pub const TARIFF_PATH: &str = "dispatch.tariff";

/// Checks a tariff as a scenario file's is checked when it is read: the first problem, named at
/// its path in the file (`dispatch.tariff.periods[0].hours`), with the same message.
pub fn check_tariff(tariff: &Tariff) -> Result<(), ResolveError> {
    tariff.validate(TARIFF_PATH).map_err(|e| ResolveError {
        field: e.field,
        problem: e.problem.into(),
        value: None,
    })
}

/// A machine's hashrate or power in a mode: above 0.
const MODE_FIGURE: Limit = Limit {
    min: 0.0,
    max: 1e12,
    min_exclusive: true,
    integer: false,
    unit: "",
};

/// Checks the modes of fleet entry `entry` (`fleet[entry].modes`) as a scenario file's are
/// checked: each name allowed after those before it, each hashrate and power above 0. The first
/// problem is named at its path (`fleet[0].modes[1].name`).
pub fn check_entry_modes(entry: usize, modes: &[PowerMode]) -> Result<(), ResolveError> {
    let fail = |field: String, problem: Problem| ResolveError {
        field,
        problem,
        value: None,
    };
    for (k, m) in modes.iter().enumerate() {
        let at = format!("fleet[{entry}].modes[{k}]");
        check_mode_name(modes[..k].iter().map(|m| m.name.as_str()), &m.name)
            .map_err(|p| fail(format!("{at}.name"), p))?;
        for (field, value) in [("hashrate_ths", m.hashrate_ths), ("power_w", m.power_w)] {
            MODE_FIGURE
                .check(value)
                .map_err(|e| fail(format!("{at}.{field}"), e.into()))?;
        }
    }
    Ok(())
}

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
            let modes: Vec<(String, f64, f64)> = if !entry.modes.is_empty() {
                check_entry_modes(i, &entry.modes)?;
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
    fn a_tariff_and_modes_survive_writing_and_reading_again() {
        let text = r#"(
            fleet: [(miner: "antminer-s21", units: 3,
                     modes: [(name: "eco", hashrate_ths: 160, power_w: 2500)])],
            dispatch: (
                credit_usd_per_mwh: 12.5,
                min_off_steps: 4,
                tariff: Some((year: 2024, utc_offset_minutes: 60, periods: [
                    (name: "peak", months: [1, 12], weekdays: [Sat, Sun], hours: [(22, 6)],
                     price_usd_mwh: -20.5),
                ])),
            ),
        )"#;
        let doc = parse_scenario("s.ron", text).unwrap();
        let written = crate::scenario_io::scenario_to_ron(&doc);
        assert_eq!(parse_scenario("again.ron", &written).unwrap(), doc);
        assert!(written.contains("dispatch"), "{written}");
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
        // Each input is checked at its path with its one limit (`crate::inputs`).
        use crate::inputs::Input;
        for input in [
            Input::DispatchCreditUsdPerMwh,
            Input::DispatchMinRunSteps,
            Input::DispatchMinOffSteps,
        ] {
            let mut bad = doc.clone();
            let d = &mut bad.dispatch;
            match input {
                Input::DispatchCreditUsdPerMwh => d.credit_usd_per_mwh = -1.0,
                Input::DispatchMinRunSteps => d.min_run_steps = 200_000,
                _ => d.min_off_steps = 200_000,
            }
            let e = bad.resolve(&library).unwrap_err();
            assert_eq!(e.field, input.spec().path);
            let value = if input == Input::DispatchCreditUsdPerMwh {
                -1.0
            } else {
                200_000.0
            };
            assert_eq!(Err(e.problem), input.check(value).map_err(Into::into));
        }
    }
}
