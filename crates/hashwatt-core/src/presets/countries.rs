//! The country table (`presets/countries/countries.csv`): Ember's mix, intensity and demand for
//! every country, each row a region preset a site can pick. A country with a hand-made region
//! preset keeps that preset; the table fills in the rest, with no power price (a scenario there
//! gives its own).

use crate::file_error::FileError;
use crate::model::{EnergyMix, EnergySource};
use crate::preset_types::{
    Figure, Grade, IntensityConvention, IntensityFigure, MixBasis, MixFigure, RegionKind,
    RegionPreset,
};
use crate::problem::Problem;

/// The table's path as problems name it.
pub const PATH: &str = "presets/countries/countries.csv";
const TEXT: &str = include_str!("../../../../presets/countries/countries.csv");

/// Where the table's figures come from, as each figure's source says it.
pub const SOURCE: &str = "Ember, Yearly Electricity Data (CC BY 4.0), via Our World in Data";

/// The mix columns in file order, after `iso3,name,name_zh,mix_year`.
const MIX_COLUMNS: [EnergySource; 9] = [
    EnergySource::Coal,
    EnergySource::Gas,
    EnergySource::Oil,
    EnergySource::Nuclear,
    EnergySource::Hydro,
    EnergySource::Wind,
    EnergySource::Solar,
    EnergySource::Geothermal,
    EnergySource::Biomass,
];
const HEADER: &str = "iso3,name,name_zh,mix_year,coal,gas,oil,nuclear,hydro,wind,solar,geothermal,biomass,intensity_g_per_kwh,intensity_year,demand_twh,demand_year";

/// The built-in table's regions, and a problem for each row that could not be read.
pub fn builtin() -> (Vec<RegionPreset>, Vec<FileError>) {
    read(PATH, TEXT)
}

/// Reads a country table; each bad row is reported (file, line, field) and skipped.
pub fn read(path: &str, text: &str) -> (Vec<RegionPreset>, Vec<FileError>) {
    let mut regions = Vec::new();
    let mut problems = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map(|h| h.iter().collect::<Vec<_>>().join(","))
        .unwrap_or_default();
    if header != HEADER {
        let problem = Problem::SeriesHeader { found: header };
        return (regions, vec![FileError::new(path, problem)]);
    }
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(at(path, line, "iso3", Problem::ExpectedText));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let columns = HEADER.split(',').count();
        if record.len() != columns {
            let problem = Problem::FieldCount {
                expected: columns,
                found: record.len(),
            };
            problems.push(at(path, line, "iso3", problem));
            continue;
        }
        match row(&record) {
            Ok(region) => match crate::preset_checks::region(&region) {
                Ok(()) => regions.push(region),
                Err(e) => problems.push(at(path, line, &e.field, e.problem)),
            },
            Err((field, problem)) => problems.push(at(path, line, field, problem)),
        }
    }
    (regions, problems)
}

fn at(path: &str, line: usize, field: &str, problem: Problem) -> FileError {
    let mut error = FileError::new(path, problem);
    error.position = Some((line, 1));
    error.field = Some(field.to_string());
    error
}

type RowError = (&'static str, Problem);

fn number(record: &csv::StringRecord, index: usize, field: &'static str) -> Result<f64, RowError> {
    let text = record.get(index).unwrap_or_default();
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| {
            (
                field,
                Problem::NotANumber {
                    value: text.to_string(),
                },
            )
        })
}

fn year(record: &csv::StringRecord, index: usize, field: &'static str) -> Result<u16, RowError> {
    let text = record.get(index).unwrap_or_default();
    text.parse::<u16>()
        .map_err(|_| (field, Problem::ExpectedWholeNumber))
}

/// A lower-case id from a name: "Cote d'Ivoire" → `cote-d-ivoire`.
pub fn id_of(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_string()
}

fn row(record: &csv::StringRecord) -> Result<RegionPreset, RowError> {
    let iso3 = record.get(0).unwrap_or_default().to_string();
    let name = record.get(1).unwrap_or_default().to_string();
    let name_zh = record.get(2).unwrap_or_default().to_string();
    let mix_year = year(record, 3, "mix_year")?;
    let mut shares = EnergyMix::default();
    for (i, source) in MIX_COLUMNS.into_iter().enumerate() {
        shares.set(source, number(record, 4 + i, source.key())?);
    }
    let intensity = number(record, 13, "intensity_g_per_kwh")?;
    let intensity_year = year(record, 14, "intensity_year")?;
    let demand_twh = match record.get(15).unwrap_or_default() {
        "" => None,
        _ => Some(Figure {
            value: number(record, 15, "demand_twh")?,
            source: format!("{SOURCE}, electricity-demand, {name}"),
            year: year(record, 16, "demand_year")?,
            grade: Grade::Secondary,
            note: String::new(),
        }),
    };
    Ok(RegionPreset {
        id: id_of(&name),
        name: name.clone(),
        name_zh,
        kind: RegionKind::Country,
        country: name.clone(),
        iso3,
        place: None,
        data_year: mix_year.max(intensity_year),
        mix: MixFigure {
            shares,
            basis: MixBasis::Generation,
            source: format!("{SOURCE}, share-elec-by-source, {name} {mix_year}"),
            year: mix_year,
            grade: Grade::Secondary,
            note: String::new(),
        },
        intensity: IntensityFigure {
            g_per_kwh: intensity,
            convention: IntensityConvention::EmberProduction,
            source: format!("{SOURCE}, carbon-intensity-electricity, {name} {intensity_year}"),
            year: intensity_year,
            grade: Grade::Secondary,
            note: String::new(),
        },
        electricity_price_usd_per_kwh: None,
        tariff: None,
        availability: None,
        mean_temperature_c: None,
        demand_twh,
        hashrate_shares: Vec::new(),
        residual_mix_g_per_kwh: None,
        note: "From hashwatt's country table: no sourced power price, so a scenario here gives its own.".into(),
        imported_from: None,
        imported_on: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_table_reads_without_a_problem() {
        let (regions, problems) = builtin();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(regions.len(), 211);
        let mut ids: Vec<&str> = regions.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), regions.len(), "ids are unique");
    }

    #[test]
    fn a_row_carries_its_figures_with_source_and_year() {
        let (regions, _) = builtin();
        let france = regions.iter().find(|r| r.iso3 == "FRA").unwrap();
        assert_eq!(france.id, "france");
        assert_eq!(france.name_zh, "法国");
        assert_eq!(france.mix.shares.get(EnergySource::Nuclear), 63.30);
        assert_eq!(france.mix.year, 2022);
        assert_eq!(france.intensity.g_per_kwh, 44.2);
        assert_eq!(france.intensity.year, 2024);
        assert_eq!(france.demand_twh.as_ref().unwrap().value, 508.24);
        assert_eq!(france.electricity_price_usd_per_kwh, None);
        assert!(france.intensity.source.starts_with("Ember"));
    }

    #[test]
    fn a_bad_row_is_named_by_line_and_field_and_the_rest_load() {
        let text = format!(
            "{HEADER}\nFRA,France,法国,2022,0.94,9.16,2.06,63.30,9.84,8.19,4.26,0.12,2.13,44.2,2024,508.24,2021\nDEU,Germany,德国,2022,abc,16.54,3.16,6.27,3.00,21.66,10.13,0.04,8.12,344.1,2024,,\n"
        );
        let (regions, problems) = read("mine.csv", &text);
        assert_eq!(regions.len(), 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].position, Some((3, 1)));
        assert_eq!(problems[0].field.as_deref(), Some("coal"));
        assert_eq!(id_of("Cote d'Ivoire"), "cote-d-ivoire");
    }
}
