//! The calculation engine: plain data in, plain data out. No GUI, no files, no network; the
//! GUI, the command line and chart export are layers over this module.

pub mod accounting;
pub mod bitcoin;
pub mod date;
pub mod dispatch;
pub mod energy;
pub mod evaluate;
pub mod field_error;
pub mod instruments;
pub mod investment;
pub mod levers;
pub mod limits;
pub mod monte_carlo;
pub mod network;
pub mod projection;
pub mod random;
pub mod rates;
pub mod scenario;
pub mod series;
pub mod sweep;
pub mod tariff;
pub mod tariff_price;

pub use accounting::{AccountingBasis, AccountingInputs, Instruments, SiteAccounting};
pub use energy::{EmissionFactors, EnergyMix, EnergySource, IntensityBand, PerSource};
pub use evaluate::{DAYS_PER_MONTH, DAYS_PER_YEAR, Evaluation, evaluate};
pub use levers::Levers;
pub use monte_carlo::{MonteCarlo, Progress, monte_carlo};
pub use projection::{Projection, ProjectionSettings, project};
pub use scenario::{
    FieldError, Grid, IntensityMethod, Market, MinerGroup, NetworkSpec, Scenario, Site, SubsidySpec,
};

#[cfg(test)]
mod tests;

/// The built-in Texas S21 scenario, resolved: the engine's tests' realistic site.
#[cfg(test)]
pub(crate) fn texas() -> Scenario {
    let library = crate::presets::PresetLibrary::builtin();
    library
        .scenario("texas-s21")
        .unwrap()
        .doc
        .resolve(&library)
        .unwrap()
}
