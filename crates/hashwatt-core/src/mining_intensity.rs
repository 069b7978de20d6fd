//! The mining maps' hashrate-weighted grid intensity: each map's regions weighted by their
//! shares, the hashrate no map places at the world average. The Network view and the History
//! (whose monthly intensity interpolates between the maps) both read it from here.

use crate::model::network::{self, RegionShare, WeightedIntensity};
use crate::preset_types::PresetKind;
use crate::presets::{Grade, MiningMapPreset, PresetLibrary, RegionKind};
use crate::problem::Problem;
use serde::Serialize;

/// The region whose intensity stands for hashrate no map attributes, and the default basis.
pub const WORLD_REGION: &str = "world";

pub(crate) fn unknown(library: &PresetLibrary, kind: PresetKind, id: &str) -> Problem {
    let known: Vec<&str> = match kind {
        PresetKind::Region => library.regions().map(|r| r.id.as_str()).collect(),
        _ => library.mining_maps().map(|m| m.id.as_str()).collect(),
    };
    Problem::UnknownId {
        kind,
        id: id.to_string(),
        near: crate::suggest::did_you_mean(id, &known).map(str::to_string),
    }
}

/// The world average intensity, for hashrate no map attributes.
pub(crate) fn world_g_per_kwh(library: &PresetLibrary) -> Result<f64, Problem> {
    library
        .region(WORLD_REGION)
        .map(|r| r.intensity.g_per_kwh)
        .ok_or(Problem::PresetMissing { id: WORLD_REGION })
}

/// One country's part of a snapshot's intensity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountryPart {
    pub country: String,
    pub share_pct: f64,
    /// `share × intensity / 100`, summed over the country's regions, g/kWh.
    pub contribution_g_per_kwh: f64,
}

/// A mining map's hashrate-weighted intensity, and the network's emissions at it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SnapshotCarbon {
    pub id: String,
    pub name: String,
    pub date: String,
    /// Pool-based (comparable with the others) rather than a survey.
    pub comparable: bool,
    pub intensity_g_per_kwh: f64,
    pub attributed_pct: f64,
    pub unattributed_pct: f64,
    pub fallback_g_per_kwh: f64,
    /// The largest parts first; the unattributed part is not among them.
    pub countries: Vec<CountryPart>,
    pub unattributed_g_per_kwh: f64,
    /// Some share or some region's intensity is an estimate.
    pub estimate: bool,
    /// At the energy given to [`migration`]; 0 from [`snapshot`].
    pub co2_mt_per_year: f64,
}

/// A mining map's weighted intensity: its regions' intensities weighted by their shares, and the
/// hashrate it does not place at the world average.
pub fn snapshot(library: &PresetLibrary, map: &MiningMapPreset) -> Result<SnapshotCarbon, Problem> {
    let fallback = world_g_per_kwh(library)?;
    let mut shares = Vec::with_capacity(map.shares.len());
    let mut countries: Vec<CountryPart> = Vec::new();
    let mut estimate = false;
    let mut regions = Vec::with_capacity(map.shares.len());
    for s in &map.shares {
        let r = library
            .region(&s.region)
            .ok_or_else(|| unknown(library, PresetKind::Region, &s.region))?;
        estimate |= map.share_grade(s) == Grade::Estimate && s.share_pct > 0.0;
        estimate |= r.intensity.grade == Grade::Estimate && s.share_pct > 0.0;
        shares.push(RegionShare {
            share_pct: s.share_pct,
            intensity_g_per_kwh: r.intensity.g_per_kwh,
        });
        regions.push(r);
    }
    let w: WeightedIntensity = network::weighted_intensity(&shares, fallback);
    for ((r, s), contribution) in regions.iter().zip(&shares).zip(&w.contributions_g_per_kwh) {
        let country = if r.kind == RegionKind::World {
            r.name.clone()
        } else {
            r.country.clone()
        };
        match countries.iter_mut().find(|c| c.country == country) {
            Some(c) => {
                c.share_pct += s.share_pct;
                c.contribution_g_per_kwh += contribution;
            }
            None => countries.push(CountryPart {
                country,
                share_pct: s.share_pct,
                contribution_g_per_kwh: *contribution,
            }),
        }
    }
    countries.sort_by(|a, b| {
        b.contribution_g_per_kwh
            .total_cmp(&a.contribution_g_per_kwh)
    });
    Ok(SnapshotCarbon {
        id: map.id.clone(),
        name: map.name.clone(),
        date: map.date.to_string(),
        comparable: map.comparable(),
        intensity_g_per_kwh: w.intensity_g_per_kwh,
        attributed_pct: w.attributed_pct,
        unattributed_pct: w.unattributed_pct,
        fallback_g_per_kwh: fallback,
        countries,
        unattributed_g_per_kwh: w.unattributed_g_per_kwh,
        estimate,
        co2_mt_per_year: 0.0,
    })
}

/// Every mining map, oldest first, with its weighted intensity and the emissions of a network
/// using `energy_twh_per_year` at it: how the move out of China changed the network's carbon
/// with its energy held fixed. The grids are the region presets' (mostly 2024 figures), so the
/// change shown is the move alone, not the grids' own change over the years.
pub fn migration(library: &PresetLibrary, energy_twh_per_year: f64) -> Vec<SnapshotCarbon> {
    library
        .mining_maps()
        .filter_map(|map| snapshot(library, map).ok())
        .map(|mut s| {
            s.co2_mt_per_year =
                network::co2_mt_per_year(energy_twh_per_year, s.intensity_g_per_kwh);
            s
        })
        .collect()
}
