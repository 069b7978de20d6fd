//! A restored session's values brought within their limits, each change named for the banner.

use super::EnergySource;
use super::Input;
use super::Levers;
use super::NetworkSpec;
use super::Session;
use super::SubsidySpec;
use super::input_range;
use super::limits;
use super::range;
use crate::scenario_file::ScenarioDoc;
use std::ops::RangeInclusive;

/// Brings every number of a restored session inside the range its field in the window allows
/// (the same ranges, so drawing the field changes nothing more), and returns the fields that
/// changed, e.g. `site.pue`. A NaN becomes the field's default (or, for an override, the
/// preset's value). If the document was saved (it equalled its saved copy, NaN and all), the
/// changed document is the saved one, so it is not shown as unsaved forever.
pub fn clamp_session(session: &mut Session) -> Vec<String> {
    // Text compares NaN equal to NaN, which `==` on the documents does not.
    let was_clean = ron::to_string(&session.doc).ok() == ron::to_string(&session.saved_doc).ok();
    let mut fixer = Fixer::default();
    clamp_doc(&mut fixer, "", &mut session.doc);
    for (i, pinned) in session.pinned.iter_mut().enumerate() {
        clamp_doc(&mut fixer, &format!("pinned[{i}]."), &mut pinned.doc);
    }
    fixer.option(
        "rank_max_intensity",
        &mut session.rank_max_intensity,
        super::super::session::RANK_MAX_INTENSITY_RANGE,
    );
    // The saved copy is only a baseline: its changes are not the user's to hear about.
    clamp_doc(&mut Fixer::default(), "", &mut session.saved_doc);
    if was_clean {
        session.saved_doc = session.doc.clone();
    }
    fixer.changed
}

/// A clamped whole number back in a `u32` field (every bound used here fits).
pub(super) fn to_u32(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

pub(super) fn clamp_doc(fix: &mut Fixer, at: &str, doc: &mut ScenarioDoc) {
    clamp_site(fix, at, &mut doc.site);
    clamp_fleet(fix, at, &mut doc.fleet);
    clamp_market(fix, at, &mut doc.market);
    clamp_projection(fix, at, doc);
    clamp_levers(fix, at, &mut doc.levers);
    clamp_dispatch(fix, at, &mut doc.dispatch);
}

fn clamp_site(fix: &mut Fixer, at: &str, site: &mut crate::scenario_file::SiteDoc) {
    let d = ScenarioDoc::default();
    let f = |name: &str| format!("{at}{name}");
    fix.option(
        &f("site.electricity_usd_per_kwh"),
        &mut site.electricity_usd_per_kwh,
        range(limits::ELECTRICITY_USD_PER_KWH),
    );
    if let Some(mix) = site.mix.as_mut() {
        for source in EnergySource::ALL {
            let mut share = mix.get(source);
            fix.value(
                &f(&format!("site.mix.{}", source.key())),
                &mut share,
                0.0..=100.0,
                0.0,
            );
            mix.set(source, share);
        }
    }
    fix.value(
        &f("site.pue"),
        &mut site.pue,
        range(limits::PUE),
        d.site.pue,
    );
    fix.value(
        &f("site.uptime_pct"),
        &mut site.uptime_pct,
        range(limits::PERCENT),
        d.site.uptime_pct,
    );
    fix.value(
        &f("site.pool_fee_pct"),
        &mut site.pool_fee_pct,
        range(limits::PERCENT),
        d.site.pool_fee_pct,
    );
    fix.value(
        &f("site.opex_usd_per_month"),
        &mut site.opex_usd_per_month,
        range(limits::OPEX_USD_PER_MONTH),
        d.site.opex_usd_per_month,
    );
    fix.value(
        &f("site.carbon_price_usd_per_t"),
        &mut site.carbon_price_usd_per_t,
        range(limits::CARBON_PRICE_USD_PER_T),
        d.site.carbon_price_usd_per_t,
    );
}

fn clamp_fleet(fix: &mut Fixer, at: &str, fleet: &mut [crate::scenario_file::FleetEntryDoc]) {
    for (i, entry) in fleet.iter_mut().enumerate() {
        let g = |name: &str| format!("{at}fleet[{i}].{name}");
        fix.option(
            &g("hashrate_ths"),
            &mut entry.hashrate_ths,
            range(limits::HASHRATE_THS),
        );
        fix.option(&g("power_w"), &mut entry.power_w, range(limits::POWER_W));
        entry.units = to_u32(fix.whole(&g("units"), entry.units.into(), range(limits::UNITS)));
        fix.option(
            &g("unit_cost_usd"),
            &mut entry.unit_cost_usd,
            range(limits::UNIT_COST_USD),
        );
    }
}

fn clamp_market(fix: &mut Fixer, at: &str, market: &mut crate::scenario_file::MarketDoc) {
    let f = |name: &str| format!("{at}{name}");
    fix.option(
        &f("market.btc_price_usd"),
        &mut market.btc_price_usd,
        range(limits::BTC_PRICE_USD),
    );
    let (network, limit) = match market.network {
        Some(NetworkSpec::HashrateEhs(v)) => (Some(v), limits::NETWORK_HASHRATE_EHS),
        Some(NetworkSpec::Difficulty(v)) => (Some(v), limits::DIFFICULTY),
        None => (None, limits::DIFFICULTY),
    };
    let mut fixed = network;
    fix.option(&f("market.network"), &mut fixed, range(limit));
    if fixed.map(f64::to_bits) != network.map(f64::to_bits) {
        market.network = match (market.network, fixed) {
            (Some(NetworkSpec::HashrateEhs(_)), Some(v)) => Some(NetworkSpec::HashrateEhs(v)),
            (Some(NetworkSpec::Difficulty(_)), Some(v)) => Some(NetworkSpec::Difficulty(v)),
            _ => None,
        };
    }
    match market.subsidy.as_mut() {
        Some(SubsidySpec::BlockHeight(height)) => {
            *height = fix.whole(&f("market.subsidy"), *height, range(limits::BLOCK_HEIGHT));
        }
        Some(SubsidySpec::Btc(btc)) if btc.is_nan() => {
            market.subsidy = None;
            fix.changed.push(f("market.subsidy"));
        }
        Some(SubsidySpec::Btc(btc)) => {
            fix.value(
                &f("market.subsidy"),
                btc,
                range(limits::BLOCK_SUBSIDY_BTC),
                0.0,
            );
        }
        None => {}
    }
    fix.option(
        &f("market.fees_btc_per_block"),
        &mut market.fees_btc_per_block,
        range(limits::FEES_BTC_PER_BLOCK),
    );
}

/// The hardware's life and the projection's fields, with the ranges of the Projection tab's.
fn clamp_projection(fix: &mut Fixer, at: &str, doc: &mut ScenarioDoc) {
    let d = ScenarioDoc::default();
    let f = |name: &str| format!("{at}{name}");
    fix.value(
        &f("hardware_life_years"),
        &mut doc.hardware_life_years,
        range(limits::HARDWARE_LIFE_YEARS),
        d.hardware_life_years,
    );
    // The projection's fields, with the ranges of the Projection tab's fields.
    let p = &mut doc.projection;
    let dp = &d.projection;
    let months = limits::PROJECTION_MONTHS;
    p.months = to_u32(fix.whole(
        &f("projection.months"),
        p.months.into(),
        months.min..=months.max,
    ));
    let growth = super::super::widgets::GROWTH_RANGE_PCT_PER_YEAR;
    fix.value(
        &f("projection.difficulty_growth_pct_per_year"),
        &mut p.difficulty_growth_pct_per_year,
        growth.clone(),
        dp.difficulty_growth_pct_per_year,
    );
    fix.value(
        &f("projection.btc_price_growth_pct_per_year"),
        &mut p.btc_price_growth_pct_per_year,
        growth,
        dp.btc_price_growth_pct_per_year,
    );
    let drop = limits::HALVING_DROP_PCT;
    fix.value(
        &f("projection.halving_difficulty_drop_pct"),
        &mut p.halving_difficulty_drop_pct,
        drop.min..=drop.max,
        dp.halving_difficulty_drop_pct,
    );
    fix.value(
        &f("projection.hardware_resale_pct"),
        &mut p.hardware_resale_pct,
        0.0..=100.0,
        dp.hardware_resale_pct,
    );
    // The investment case and the uncertainty, with their inputs' ranges.
    for (input, value, default) in [
        (
            Input::DiscountRatePctPerYear,
            &mut p.discount_rate_pct_per_year,
            dp.discount_rate_pct_per_year,
        ),
        (Input::LoanUsd, &mut p.loan_usd, dp.loan_usd),
        (
            Input::LoanRatePctPerYear,
            &mut p.loan_rate_pct_per_year,
            dp.loan_rate_pct_per_year,
        ),
        (
            Input::HostingProfitSharePct,
            &mut p.hosting_profit_share_pct,
            dp.hosting_profit_share_pct,
        ),
        (
            Input::BtcPriceVolatilityPctPerYear,
            &mut p.btc_price_volatility_pct_per_year,
            dp.btc_price_volatility_pct_per_year,
        ),
        (
            Input::DifficultyVolatilityPctPerYear,
            &mut p.difficulty_volatility_pct_per_year,
            dp.difficulty_volatility_pct_per_year,
        ),
        (
            Input::PriceDifficultyCorrelation,
            &mut p.price_difficulty_correlation,
            dp.price_difficulty_correlation,
        ),
    ] {
        fix.value(&f(input.spec().path), value, input_range(input), default);
    }
    fix.option(
        &f("projection.hosting_usd_per_kwh"),
        &mut p.hosting_usd_per_kwh,
        input_range(Input::HostingUsdPerKwh),
    );
    p.loan_months = to_u32(fix.whole(
        &f("projection.loan_months"),
        p.loan_months.into(),
        input_range(Input::LoanMonths),
    ));
    let paths = p.paths_limit();
    p.paths = to_u32(fix.whole(
        &f("projection.paths"),
        p.paths.into(),
        paths.min..=paths.max,
    ));
    p.seed = fix.whole(&f("projection.seed"), p.seed, input_range(Input::Seed));
}

fn clamp_dispatch(
    fix: &mut Fixer,
    at: &str,
    dispatch: &mut crate::model::dispatch::DispatchOptions,
) {
    let f = |name: &str| format!("{at}{name}");
    fix.value(
        &f("dispatch.credit_usd_per_mwh"),
        &mut dispatch.credit_usd_per_mwh,
        range(limits::USD_PER_MWH),
        0.0,
    );
    for (name, steps) in [
        ("dispatch.min_run_steps", &mut dispatch.min_run_steps),
        ("dispatch.min_off_steps", &mut dispatch.min_off_steps),
    ] {
        *steps = to_u32(fix.whole(&f(name), u64::from(*steps), range(limits::DISPATCH_STEPS)));
    }
    // A tariff with a value out of range is dropped, and said so: the scenario's flat price
    // stands in until one is given again.
    if let Some(e) = dispatch
        .tariff
        .as_ref()
        .and_then(|t| t.validate("dispatch.tariff").err())
    {
        dispatch.tariff = None;
        fix.changed.push(format!("{at}{}", e.field));
    }
}

pub(super) fn clamp_levers(fix: &mut Fixer, at: &str, levers: &mut Levers) {
    use crate::model::levers::{Curtailment, FlaredGas, HeatReuse, RenewableSupply};
    let f = |name: &str| format!("{at}levers.{name}");
    let percent = range(limits::PERCENT);
    let intensity = range(limits::INTENSITY_G_PER_KWH);
    let per_mwh = range(limits::USD_PER_MWH);
    if let Some(r) = levers.renewable.as_mut() {
        let d = RenewableSupply::default();
        fix.value(
            &f("renewable.share_pct"),
            &mut r.share_pct,
            percent.clone(),
            d.share_pct,
        );
        fix.value(
            &f("renewable.intensity_g_per_kwh"),
            &mut r.intensity_g_per_kwh,
            intensity.clone(),
            d.intensity_g_per_kwh,
        );
        fix.value(
            &f("renewable.price_usd_per_kwh"),
            &mut r.price_usd_per_kwh,
            range(limits::ELECTRICITY_USD_PER_KWH),
            d.price_usd_per_kwh,
        );
    }
    if let Some(c) = levers.curtailment.as_mut() {
        let d = Curtailment::default();
        fix.value(
            &f("curtailment.hours_per_year"),
            &mut c.hours_per_year,
            range(limits::CURTAILED_HOURS_PER_YEAR),
            d.hours_per_year,
        );
        fix.value(
            &f("curtailment.credit_usd_per_mwh"),
            &mut c.credit_usd_per_mwh,
            per_mwh.clone(),
            d.credit_usd_per_mwh,
        );
    }
    if let Some(h) = levers.heat_reuse.as_mut() {
        let d = HeatReuse::default();
        fix.value(
            &f("heat_reuse.share_pct"),
            &mut h.share_pct,
            percent,
            d.share_pct,
        );
        fix.value(
            &f("heat_reuse.price_usd_per_mwh_heat"),
            &mut h.price_usd_per_mwh_heat,
            per_mwh,
            d.price_usd_per_mwh_heat,
        );
        fix.value(
            &f("heat_reuse.displaced_g_per_kwh_heat"),
            &mut h.displaced_g_per_kwh_heat,
            intensity.clone(),
            d.displaced_g_per_kwh_heat,
        );
    }
    if let Some(g) = levers.flared_gas.as_mut() {
        let d = FlaredGas::default();
        fix.value(
            &f("flared_gas.generator_g_per_kwh"),
            &mut g.generator_g_per_kwh,
            intensity.clone(),
            d.generator_g_per_kwh,
        );
        fix.value(
            &f("flared_gas.avoided_flaring_g_per_kwh"),
            &mut g.avoided_flaring_g_per_kwh,
            intensity,
            d.avoided_flaring_g_per_kwh,
        );
    }
}

#[derive(Default)]
pub(super) struct Fixer {
    changed: Vec<String>,
}

impl Fixer {
    pub(super) fn note(&mut self, field: String, before: f64, after: f64) {
        if before.to_bits() != after.to_bits() {
            self.changed.push(field);
        }
    }

    pub(super) fn value(
        &mut self,
        field: &str,
        value: &mut f64,
        range: RangeInclusive<f64>,
        default: f64,
    ) {
        let before = *value;
        *value = if value.is_nan() { default } else { *value };
        *value = value.clamp(*range.start(), *range.end());
        self.note(field.to_string(), before, *value);
    }

    pub(super) fn option(
        &mut self,
        field: &str,
        value: &mut Option<f64>,
        range: RangeInclusive<f64>,
    ) {
        match value {
            Some(v) if v.is_nan() => {
                *value = None;
                self.changed.push(field.to_string());
            }
            Some(v) => self.value(field, v, range, 0.0),
            None => {}
        }
    }

    /// A whole number: returns it clamped into `range` (whose bounds are whole numbers).
    pub(super) fn whole(&mut self, field: &str, value: u64, range: RangeInclusive<f64>) -> u64 {
        let (min, max) = (*range.start() as u64, *range.end() as u64);
        let after = value.clamp(min, max);
        if after != value {
            self.changed.push(field.to_string());
        }
        after
    }
}
