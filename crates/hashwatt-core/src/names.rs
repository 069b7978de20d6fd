//! Words for the engine's and the presets' own types (energy sources, grades, intensity
//! conventions, preset names), taken from the string tables, which know none of these types.

use crate::i18n::{Lang, Localized, Strings, localized};
use crate::model::EnergySource;
use crate::presets::{
    EmissionTablePreset, Grade, IntensityConvention, MarketPreset, MinerPreset, MiningMapPreset,
    RegionPreset,
};
use crate::scenario_file::ScenarioDoc;

/// The names of a language's table for these types: `strings(lang).source(EnergySource::Coal)`.
pub trait Names {
    /// An energy source's name.
    fn source(&self, source: EnergySource) -> &'static str;
    /// A figure's grade in words.
    fn grade(&self, grade: Grade) -> &'static str;
    /// How a measured intensity was counted, in words.
    fn convention(&self, convention: IntensityConvention) -> &'static str;
}

impl Names for Strings {
    fn source(&self, source: EnergySource) -> &'static str {
        let n = &self.sources;
        match source {
            EnergySource::Coal => n.coal,
            EnergySource::Gas => n.gas,
            EnergySource::Oil => n.oil,
            EnergySource::Nuclear => n.nuclear,
            EnergySource::Hydro => n.hydro,
            EnergySource::Wind => n.wind,
            EnergySource::Solar => n.solar,
            EnergySource::Geothermal => n.geothermal,
            EnergySource::Biomass => n.biomass,
            EnergySource::Other => n.other,
        }
    }

    fn grade(&self, grade: Grade) -> &'static str {
        match grade {
            Grade::Measured => self.charts.grade_measured,
            Grade::Secondary => self.charts.grade_secondary,
            Grade::Estimate => self.charts.grade_estimate,
        }
    }

    fn convention(&self, convention: IntensityConvention) -> &'static str {
        use IntensityConvention as C;
        match convention {
            C::EmberProduction => self.cli.convention_ember,
            C::ElectricityMapsConsumption => self.cli.convention_electricity_maps,
            C::Estimated => self.cli.convention_estimated,
        }
    }
}

macro_rules! localized_by_fields {
    ($($t:ty),*) => {$(
        impl Localized for $t {
            fn name_in(&self, lang: Lang) -> &str {
                localized(lang, &self.name, &self.name_zh)
            }
        }
    )*};
}

localized_by_fields!(
    RegionPreset,
    MinerPreset,
    MarketPreset,
    EmissionTablePreset,
    MiningMapPreset,
    ScenarioDoc
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::strings;

    #[test]
    fn every_source_has_a_name_in_each_language() {
        for lang in Lang::ALL {
            let names: std::collections::BTreeSet<&str> = EnergySource::ALL
                .iter()
                .map(|&s| strings(lang).source(s))
                .collect();
            assert_eq!(names.len(), EnergySource::ALL.len(), "{lang:?}");
        }
        assert_eq!(strings(Lang::Zh).source(EnergySource::Hydro), "水电");
    }
}
