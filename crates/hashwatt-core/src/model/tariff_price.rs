//! A published tariff for a large load (energy charge with optional tiers, demand charge, fixed
//! charge) turned into one effective price per kWh at a site's load.
//!
//! The formula, for one billing period of `billing_days` days (H = 24 × billing_days hours):
//!
//! ```text
//! billed demand  D  = IT power × PUE                     (kW; the site's peak)
//! energy         E  = D × H × load factor                (kWh; load factor = uptime)
//! energy charge  Ce = Σ over tiers of kWh in the tier × its price
//! effective $/kWh   = (Ce + demand_per_kw_month × D + fixed_per_month) / E × usd_per_unit
//! ```
//!
//! At 100 % uptime a demand charge adds `demand_per_kw_month / H` per kWh; at lower uptime the
//! same demand is paid for over fewer kWh, so the price per kWh rises.

use serde::{Deserialize, Serialize};

use super::rates::DAYS_PER_MONTH;

/// The reference site a region's listed price is computed at: 1 MW of PUE-loaded demand at
/// 100 % uptime. The scenario's own load replaces it when a scenario is resolved.
pub const REFERENCE_LOAD: SiteLoad = SiteLoad {
    demand_kw: 1000.0,
    load_factor: 1.0,
};

/// A region's listed price must be its tariff at the reference load to this relative tolerance
/// (the figure is written rounded, the tariff is not).
pub const LISTED_PRICE_TOLERANCE: f64 = 0.005;

/// One block of the energy charge: the kWh of a billing period up to `up_to_kwh` (the last
/// block has none and takes the rest) at `per_kwh`, in the tariff's currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnergyTier {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_to_kwh: Option<f64>,
    pub per_kwh: f64,
}

/// A tariff as published, in its own currency, with the exchange rate that turns it into dollars.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionTariff {
    /// The rate's name as its publisher gives it ("Rate CB, large power").
    pub name: String,
    /// ISO 4217 code of the tariff's charges ("CAD").
    pub currency: String,
    /// The energy charge per kWh, in blocks of monthly consumption (one block for a flat rate).
    pub energy_per_kwh: Vec<EnergyTier>,
    /// The demand charge per kW of billed demand and billing period.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub demand_per_kw_month: f64,
    /// The fixed charge per billing period.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub fixed_per_month: f64,
    /// The days a billing period's demand and fixed charges cover (Hydro-Québec bills per 30
    /// days); a calendar month's average when not stated.
    #[serde(default = "default_billing_days")]
    pub billing_days: f64,
    /// US dollars per unit of `currency` (1 for USD).
    pub usd_per_unit: f64,
    /// The exchange rate's date or period ("2024-04") and where it was read.
    pub usd_per_unit_date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub usd_per_unit_source: String,
    pub source: String,
    /// The year the tariff is in force.
    pub year: u16,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

fn default_billing_days() -> f64 {
    DAYS_PER_MONTH
}

/// The load a tariff is billed on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SiteLoad {
    /// Billed (peak) demand: IT power × PUE, kW.
    pub demand_kw: f64,
    /// The share of the billing period the site draws that demand (uptime), 0–1.
    pub load_factor: f64,
}

/// One billing period at a load, in the tariff's currency.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TariffBill {
    pub energy_kwh: f64,
    pub energy_charge: f64,
    pub demand_charge: f64,
    pub fixed_charge: f64,
}

impl TariffBill {
    pub fn total(&self) -> f64 {
        self.energy_charge + self.demand_charge + self.fixed_charge
    }
}

impl RegionTariff {
    /// Hours in one billing period.
    pub fn billing_hours(&self) -> f64 {
        self.billing_days * 24.0
    }

    /// The energy charge for `energy_kwh` in one billing period, block by block.
    pub fn energy_charge(&self, energy_kwh: f64) -> f64 {
        let mut charge = 0.0;
        let mut below = 0.0;
        for tier in &self.energy_per_kwh {
            let top = tier.up_to_kwh.unwrap_or(f64::INFINITY);
            let in_tier = (energy_kwh.min(top) - below).max(0.0);
            charge += in_tier * tier.per_kwh;
            below = top;
            if energy_kwh <= top {
                break;
            }
        }
        charge
    }

    /// The bill for one billing period at `load`.
    pub fn bill(&self, load: SiteLoad) -> TariffBill {
        let energy_kwh = load.demand_kw * self.billing_hours() * load.load_factor;
        TariffBill {
            energy_kwh,
            energy_charge: self.energy_charge(energy_kwh),
            demand_charge: self.demand_per_kw_month * load.demand_kw,
            fixed_charge: self.fixed_per_month,
        }
    }

    /// The effective price per kWh in the tariff's currency, or `None` when the load uses no
    /// energy (a price per kWh of nothing has no meaning).
    pub fn effective_per_kwh(&self, load: SiteLoad) -> Option<f64> {
        let bill = self.bill(load);
        (bill.energy_kwh > 0.0 && bill.energy_kwh.is_finite())
            .then(|| bill.total() / bill.energy_kwh)
    }

    /// The effective price per kWh in US dollars.
    pub fn effective_usd_per_kwh(&self, load: SiteLoad) -> Option<f64> {
        self.effective_per_kwh(load).map(|p| p * self.usd_per_unit)
    }

    /// What is wrong with the tariff's numbers, as (field under `tariff.`, problem).
    pub fn check(&self) -> Result<(), (String, TariffFault)> {
        let bad = |field: &str, fault| Err((field.to_string(), fault));
        if self.energy_per_kwh.is_empty() {
            return bad("energy_per_kwh", TariffFault::NoEnergyCharge);
        }
        let last = self.energy_per_kwh.len() - 1;
        let mut below = 0.0;
        for (i, tier) in self.energy_per_kwh.iter().enumerate() {
            if !(tier.per_kwh.is_finite() && tier.per_kwh >= 0.0) {
                return bad(
                    &format!("energy_per_kwh[{i}].per_kwh"),
                    TariffFault::Negative,
                );
            }
            match (tier.up_to_kwh, i == last) {
                (Some(_), true) => {
                    return bad(
                        &format!("energy_per_kwh[{i}].up_to_kwh"),
                        TariffFault::LastTierBounded,
                    );
                }
                (None, false) => {
                    return bad(
                        &format!("energy_per_kwh[{i}].up_to_kwh"),
                        TariffFault::TierUnbounded,
                    );
                }
                (Some(top), false) if !(top.is_finite() && top > below) => {
                    return bad(
                        &format!("energy_per_kwh[{i}].up_to_kwh"),
                        TariffFault::TiersNotRising,
                    );
                }
                (Some(top), false) => below = top,
                (None, true) => {}
            }
        }
        for (field, value) in [
            ("demand_per_kw_month", self.demand_per_kw_month),
            ("fixed_per_month", self.fixed_per_month),
        ] {
            if !(value.is_finite() && value >= 0.0) {
                return bad(field, TariffFault::Negative);
            }
        }
        if !(28.0..=31.0).contains(&self.billing_days) {
            return bad("billing_days", TariffFault::BillingDays);
        }
        if !(self.usd_per_unit.is_finite() && self.usd_per_unit > 0.0) {
            return bad("usd_per_unit", TariffFault::ExchangeRate);
        }
        let code = self.currency.as_bytes();
        if !(code.len() == 3 && code.iter().all(u8::is_ascii_uppercase)) {
            return bad("currency", TariffFault::Currency);
        }
        if self.currency == "USD" && self.usd_per_unit != 1.0 {
            return bad("usd_per_unit", TariffFault::ExchangeRate);
        }
        Ok(())
    }
}

/// What can be wrong with a tariff's numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TariffFault {
    NoEnergyCharge,
    Negative,
    /// Every block but the last needs its upper bound.
    TierUnbounded,
    /// The last block takes the rest: it has no upper bound.
    LastTierBounded,
    TiersNotRising,
    BillingDays,
    ExchangeRate,
    Currency,
}

/// Why a region's price may not be open to a new mining load.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AvailabilityStatus {
    /// The rate exists but takes no new mining load.
    Closed,
    /// The utility has stopped connecting new mining loads, for now.
    Suspended,
    /// Mining itself is banned.
    Banned,
}

/// A region's rate is not open to a new mining load: what a new entrant meets instead.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    pub status: AvailabilityStatus,
    /// What a new mining load pays instead, where it is published, $/kWh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_entrant_usd_per_kwh: Option<f64>,
    pub source: String,
    /// The year of the decision or of the newest statement of it.
    pub year: u16,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(per_kwh: f64) -> RegionTariff {
        RegionTariff {
            name: "test".into(),
            currency: "USD".into(),
            energy_per_kwh: vec![EnergyTier {
                up_to_kwh: None,
                per_kwh,
            }],
            demand_per_kw_month: 0.0,
            fixed_per_month: 0.0,
            billing_days: 30.0,
            usd_per_unit: 1.0,
            usd_per_unit_date: "2024".into(),
            usd_per_unit_source: String::new(),
            source: "test".into(),
            year: 2024,
            note: String::new(),
        }
    }

    #[test]
    fn a_flat_rate_is_its_energy_charge_at_any_load() {
        let t = flat(0.05);
        for load in [
            REFERENCE_LOAD,
            SiteLoad {
                demand_kw: 3.25,
                load_factor: 0.5,
            },
        ] {
            assert!((t.effective_usd_per_kwh(load).unwrap() - 0.05).abs() < 1e-12);
        }
    }

    #[test]
    fn a_demand_charge_is_spread_over_the_kwh_the_demand_delivers() {
        let mut t = flat(0.04);
        t.demand_per_kw_month = 14.4;
        // 720 h at full load: 14.4 / 720 = 0.02 per kWh.
        let full = t.effective_per_kwh(SiteLoad {
            demand_kw: 500.0,
            load_factor: 1.0,
        });
        assert!((full.unwrap() - 0.06).abs() < 1e-12);
        // Half the hours: the same demand charge over half the kWh.
        let half = t.effective_per_kwh(SiteLoad {
            demand_kw: 500.0,
            load_factor: 0.5,
        });
        assert!((half.unwrap() - 0.08).abs() < 1e-12);
    }

    #[test]
    fn tiers_charge_each_block_at_its_price_and_fixed_charges_shrink_with_size() {
        let mut t = flat(0.0);
        t.energy_per_kwh = vec![
            EnergyTier {
                up_to_kwh: Some(1000.0),
                per_kwh: 0.10,
            },
            EnergyTier {
                up_to_kwh: None,
                per_kwh: 0.05,
            },
        ];
        t.fixed_per_month = 72.0;
        // 10 kW × 720 h = 7,200 kWh: 1,000 × 0.10 + 6,200 × 0.05 + 72 = 482.
        let bill = t.bill(SiteLoad {
            demand_kw: 10.0,
            load_factor: 1.0,
        });
        assert!((bill.energy_kwh - 7200.0).abs() < 1e-9);
        assert!((bill.total() - 482.0).abs() < 1e-9);
        // Below the first block's top only its price applies.
        assert!((t.energy_charge(500.0) - 50.0).abs() < 1e-12);
    }

    #[test]
    fn the_exchange_rate_converts_the_result_and_no_energy_has_no_price() {
        let mut t = flat(0.10);
        t.currency = "CAD".into();
        t.usd_per_unit = 0.73;
        assert!((t.effective_usd_per_kwh(REFERENCE_LOAD).unwrap() - 0.073).abs() < 1e-12);
        assert_eq!(
            t.effective_usd_per_kwh(SiteLoad {
                demand_kw: 0.0,
                load_factor: 1.0
            }),
            None
        );
        assert_eq!(
            t.effective_usd_per_kwh(SiteLoad {
                demand_kw: 10.0,
                load_factor: 0.0
            }),
            None
        );
    }

    #[test]
    fn malformed_tariffs_are_named_by_field() {
        let mut t = flat(0.05);
        assert_eq!(t.check(), Ok(()));
        t.energy_per_kwh.insert(
            0,
            EnergyTier {
                up_to_kwh: None,
                per_kwh: 0.1,
            },
        );
        assert_eq!(t.check().unwrap_err().0, "energy_per_kwh[0].up_to_kwh");
        let mut t = flat(0.05);
        t.currency = "CAD".into();
        t.usd_per_unit = 0.0;
        assert_eq!(
            t.check(),
            Err(("usd_per_unit".into(), TariffFault::ExchangeRate))
        );
        let mut t = flat(0.05);
        t.usd_per_unit = 0.9;
        assert_eq!(
            t.check(),
            Err(("usd_per_unit".into(), TariffFault::ExchangeRate))
        );
        let mut t = flat(0.05);
        t.demand_per_kw_month = -1.0;
        assert_eq!(
            t.check(),
            Err(("demand_per_kw_month".into(), TariffFault::Negative))
        );
        let mut t = flat(0.05);
        t.currency = "cad".into();
        assert_eq!(t.check(), Err(("currency".into(), TariffFault::Currency)));
    }
}
