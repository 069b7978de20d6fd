//! Checks on preset contents beyond their syntax (the presets folder's, a pack's and a
//! scenario's own presets alike). Each returns the field's path and what is
//! wrong, so the loader can point at the line.

use crate::model::{NetworkSpec, SubsidySpec, limits};
use crate::preset_types::*;
use crate::problem::{FieldProblem, Problem};

type Check = Result<(), FieldProblem>;

fn fail(field: &str, problem: impl Into<Problem>) -> Check {
    Err(FieldProblem {
        field: field.to_string(),
        problem: problem.into(),
    })
}

fn in_limit(field: &str, limit: limits::Limit, value: f64) -> Check {
    limit.check(value).map(|_| ()).or_else(|m| fail(field, m))
}

fn id(value: &str) -> Check {
    let ok = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        fail(
            "id",
            Problem::BadId {
                value: value.to_string(),
            },
        )
    }
}

/// Years a figure may describe: from Bitcoin's genesis to a little past today.
fn year(field: &str, value: u16) -> Check {
    if (2009..=2030).contains(&value)
        || (field.ends_with("mean_temperature_c.year") && value >= 1961)
    {
        Ok(())
    } else {
        fail(
            field,
            Problem::YearNotAllowed {
                value,
                min: 2009,
                max: 2030,
            },
        )
    }
}

fn source(field: &str, value: &str) -> Check {
    if value.trim().is_empty() {
        fail(field, Problem::NeedsSource)
    } else {
        Ok(())
    }
}

fn figure(field: &str, f: &Figure<f64>, limit: limits::Limit) -> Check {
    in_limit(&format!("{field}.value"), limit, f.value)?;
    source(&format!("{field}.source"), &f.source)?;
    year(&format!("{field}.year"), f.year)
}

pub fn region(r: &RegionPreset) -> Check {
    id(&r.id)?;
    if r.name.trim().is_empty() {
        return fail("name", Problem::RegionNeedsName);
    }
    r.mix.shares.check().or_else(|m| fail("mix.shares", m))?;
    source("mix.source", &r.mix.source)?;
    year("mix.year", r.mix.year)?;
    in_limit(
        "intensity.g_per_kwh",
        limits::INTENSITY_G_PER_KWH,
        r.intensity.g_per_kwh,
    )?;
    source("intensity.source", &r.intensity.source)?;
    year("intensity.year", r.intensity.year)?;
    if r.intensity.convention == IntensityConvention::Estimated
        && r.intensity.grade != Grade::Estimate
    {
        return fail("intensity.grade", Problem::EstimateGrade);
    }
    if let Some(price) = &r.electricity_price_usd_per_kwh {
        figure(
            "electricity_price_usd_per_kwh",
            price,
            limits::ELECTRICITY_USD_PER_KWH,
        )?;
    }
    region_tariff(r)?;
    let temperature = limits::Limit {
        min: -60.0,
        max: 60.0,
        min_exclusive: false,
        integer: false,
        unit: "°C",
    };
    if let Some(t) = &r.mean_temperature_c {
        in_limit("mean_temperature_c.value", temperature, t.value)?;
        source("mean_temperature_c.source", &t.source)?;
        year("mean_temperature_c.year", t.year)?;
    }
    if let Some(d) = &r.demand_twh {
        let demand = limits::Limit {
            min: 0.0,
            max: 1e5,
            min_exclusive: true,
            integer: false,
            unit: "TWh",
        };
        figure("demand_twh", d, demand)?;
    }
    for (i, s) in r.hashrate_shares.iter().enumerate() {
        in_limit(
            &format!("hashrate_shares[{i}].share_pct"),
            limits::PERCENT,
            s.share_pct,
        )?;
        source(&format!("hashrate_shares[{i}].source"), &s.source)?;
    }
    Ok(())
}

/// A region's tariff and availability: sound numbers, a source, and a listed price that is the
/// tariff's own at the reference load (so the two cannot drift apart).
fn region_tariff(r: &RegionPreset) -> Check {
    use crate::model::tariff_price::{LISTED_PRICE_TOLERANCE, REFERENCE_LOAD};
    if let Some(t) = &r.tariff {
        t.check()
            .or_else(|(field, fault)| fail(&format!("tariff.{field}"), Problem::Tariff(fault)))?;
        source("tariff.source", &t.source)?;
        year("tariff.year", t.year)?;
        if t.currency != "USD" {
            source("tariff.usd_per_unit_source", &t.usd_per_unit_source)?;
        }
        let Some(stated) = r.electricity_price_usd_per_kwh.as_ref().map(|p| p.value) else {
            return fail("electricity_price_usd_per_kwh", Problem::Missing);
        };
        if let Some(computed) = t.effective_usd_per_kwh(REFERENCE_LOAD)
            && (stated - computed).abs() > LISTED_PRICE_TOLERANCE * computed
        {
            return fail(
                "electricity_price_usd_per_kwh.value",
                Problem::TariffPriceMismatch { stated, computed },
            );
        }
    }
    if let Some(a) = &r.availability {
        if let Some(price) = a.new_entrant_usd_per_kwh {
            in_limit(
                "availability.new_entrant_usd_per_kwh",
                limits::ELECTRICITY_USD_PER_KWH,
                price,
            )?;
        }
        source("availability.source", &a.source)?;
        year("availability.year", a.year)?;
    }
    Ok(())
}

/// Nameplate figures are quoted to ±5 %; a stated efficiency further than that from power /
/// hashrate means a typo.
pub const EFFICIENCY_TOLERANCE: f64 = 0.05;

pub fn miner(m: &MinerPreset) -> Check {
    id(&m.id)?;
    let positive = limits::Limit {
        min: 0.0,
        max: 1e12,
        min_exclusive: true,
        integer: false,
        unit: "",
    };
    in_limit("hashrate_ths", positive, m.hashrate_ths)?;
    in_limit("power_w", positive, m.power_w)?;
    in_limit(
        "stated_efficiency_j_per_th",
        positive,
        m.stated_efficiency_j_per_th,
    )?;
    let derived = m.efficiency_j_per_th();
    if (derived / m.stated_efficiency_j_per_th - 1.0).abs() > EFFICIENCY_TOLERANCE {
        return fail(
            "stated_efficiency_j_per_th",
            Problem::EfficiencyMismatch {
                stated: m.stated_efficiency_j_per_th,
                derived,
                tolerance_pct: EFFICIENCY_TOLERANCE * 100.0,
            },
        );
    }
    year("release_year", m.release_year)?;
    source("source", &m.source)?;
    if let Some(p) = &m.price {
        in_limit("price.usd", limits::UNIT_COST_USD, p.usd)?;
        year("price.year", p.year)?;
        source("price.source", &p.source)?;
    }
    for (i, mode) in m.modes.iter().enumerate() {
        if !crate::model::dispatch::mode_name_allowed(
            m.modes[..i].iter().map(|x| x.name.as_str()),
            &mode.name,
        ) {
            return fail(
                &format!("modes[{i}].name"),
                Problem::ModeName {
                    name: mode.name.clone(),
                },
            );
        }
        in_limit(
            &format!("modes[{i}].hashrate_ths"),
            positive,
            mode.hashrate_ths,
        )?;
        in_limit(&format!("modes[{i}].power_w"), positive, mode.power_w)?;
        source(&format!("modes[{i}].source"), &mode.source)?;
    }
    Ok(())
}

pub fn table(t: &EmissionTablePreset) -> Check {
    id(&t.id)?;
    source("source", &t.source)?;
    year("year", t.year)?;
    let factors = t.factors();
    for (s, central) in factors.central_g_per_kwh.iter() {
        let field = format!("factors.{}", s.key());
        // The low and high factors bound every uncertainty band: the same limit as the central.
        let entry = t.factors.get_ref(s);
        in_limit(&field, limits::EMISSION_FACTOR_G_PER_KWH, central)?;
        for (bound, value) in [("low", entry.low), ("high", entry.high)] {
            if let Some(value) = value {
                in_limit(
                    &format!("{field}.{bound}"),
                    limits::EMISSION_FACTOR_G_PER_KWH,
                    value,
                )?;
            }
        }
        let low = factors.low_g_per_kwh.get(s);
        let high = factors.high_g_per_kwh.get(s);
        if !(low <= central && central <= high) {
            return fail(&field, Problem::FactorOrder { low, central, high });
        }
    }
    Ok(())
}

pub fn market(m: &MarketPreset) -> Check {
    // The date was checked as it was read.
    id(&m.id)?;
    figure("btc_price_usd", &m.btc_price_usd, limits::BTC_PRICE_USD)?;
    figure(
        "fees_btc_per_block",
        &m.fees_btc_per_block,
        limits::FEES_BTC_PER_BLOCK,
    )?;
    match m.network.value {
        NetworkSpec::HashrateEhs(v) => in_limit("network.value", limits::NETWORK_HASHRATE_EHS, v)?,
        NetworkSpec::Difficulty(v) => in_limit("network.value", limits::DIFFICULTY, v)?,
    }
    source("network.source", &m.network.source)?;
    match m.subsidy.value {
        SubsidySpec::Btc(v) => in_limit("subsidy.value", limits::BLOCK_SUBSIDY_BTC, v)?,
        SubsidySpec::BlockHeight(h) => in_limit("subsidy.value", limits::BLOCK_HEIGHT, h as f64)?,
    }
    source("subsidy.source", &m.subsidy.source)?;
    Ok(())
}

/// A mining map: its id and date, every share 0–100 % of a known region (each region once),
/// the shares summing to at most 100 % (+ 0.1 for rounding), every figure sourced.
pub fn mining_map(m: &MiningMapPreset, known_region: &dyn Fn(&str) -> bool) -> Check {
    id(&m.id)?;
    if m.name.trim().is_empty() {
        return fail("name", Problem::MapNeedsName);
    }
    // The date was checked as it was read; a map's year must also be Bitcoin's.
    year("date", u16::try_from(m.date.year).unwrap_or(0))?;
    source("source", &m.source)?;
    for (i, s) in m.shares.iter().enumerate() {
        if !known_region(&s.region) {
            return fail(
                &format!("shares[{i}].region"),
                Problem::UnknownId {
                    kind: crate::preset_types::PresetKind::Region,
                    id: s.region.clone(),
                    near: None,
                },
            );
        }
        if m.shares[..i]
            .iter()
            .any(|earlier| earlier.region == s.region)
        {
            return fail(
                &format!("shares[{i}].region"),
                Problem::ListedTwice {
                    value: s.region.clone(),
                },
            );
        }
        in_limit(
            &format!("shares[{i}].share_pct"),
            limits::PERCENT,
            s.share_pct,
        )?;
        source(&format!("shares[{i}].source"), m.share_source(s))?;
    }
    let total = m.total_pct();
    if total > 100.0 + TOTAL_TOLERANCE_PCT {
        return fail("shares", crate::model::energy::MixError::SumAbove { total });
    }
    Ok(())
}

/// Checks a scenario's `presets` section (or a pack's lists) with the presets folder's rules:
/// each preset's own checks, and ids unique within a kind. Every problem is returned, its field
/// under `prefix` (`presets.` in a scenario, empty in a pack).
pub fn section(
    section: &EmbeddedPresets,
    prefix: &str,
    known_region: &dyn Fn(&str) -> bool,
) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    fn each<T>(
        problems: &mut Vec<FieldProblem>,
        list: &[T],
        at: &str,
        id_of: impl Fn(&T) -> &str,
        check: impl Fn(&T) -> Check,
    ) {
        for (i, item) in list.iter().enumerate() {
            let field = |f: &str| format!("{at}[{i}].{f}");
            if let Err(e) = check(item) {
                problems.push(FieldProblem {
                    field: field(&e.field),
                    problem: e.problem,
                });
            } else if list[..i].iter().any(|seen| id_of(seen) == id_of(item)) {
                problems.push(FieldProblem {
                    field: field("id"),
                    problem: Problem::IdTwiceInFile {
                        id: id_of(item).to_string(),
                    },
                });
            }
        }
    }
    let at = |kind| format!("{prefix}{}", EmbeddedPresets::list_name(kind));
    let s = section;
    each(
        &mut problems,
        &s.regions,
        &at(PresetKind::Region),
        |p| &p.id,
        region,
    );
    each(
        &mut problems,
        &s.miners,
        &at(PresetKind::Miner),
        |p| &p.id,
        miner,
    );
    let tables = at(PresetKind::EmissionTable);
    each(&mut problems, &s.emission_tables, &tables, |p| &p.id, table);
    each(
        &mut problems,
        &s.markets,
        &at(PresetKind::Market),
        |p| &p.id,
        market,
    );
    let maps = at(PresetKind::MiningMap);
    let map_check = |m: &MiningMapPreset| mining_map(m, known_region);
    each(&mut problems, &s.mining_maps, &maps, |p| &p.id, map_check);
    problems
}

/// An id as every preset's must be: lowercase letters, digits and hyphens.
pub fn preset_id(value: &str) -> Check {
    id(value)
}
