//! Hour by hour: the fleet against a series of power prices (a market's or a time-of-use
//! tariff's), switched off — or into another power mode — when power is dear. The rule is the
//! project's contract; `docs/dispatch.md` states it:
//!
//! - `r = revenue_usd_per_day / energy_kwh_per_day`, as `report` computes them (uptime, PUE
//!   and pool fee included);
//! - a step's cost per kWh is `price_usd_mwh / 1000 + carbon_price_usd_t × intensity / 1e6`
//!   (the series' intensity, else the site's);
//! - without modes the fleet mines in a step if and only if that cost is below `r`; with modes
//!   it runs the mode (or off) with the highest revenue − energy × cost, ties to the lower power;
//! - opex is prorated by time; credits are paid on the energy not consumed in steps it is off.

use super::evaluate::{evaluate, ratio};
use super::field_error::{FieldError, check};
use super::levers::Levers;
use super::limits;
use super::scenario::Scenario;
use super::tariff::Tariff;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

/// The steps a series may have, minutes.
pub const STEP_MINUTES_ALLOWED: [u32; 4] = [5, 15, 30, 60];

pub use super::series::{PriceSeries, format_timestamp};

/// A power mode (eco, turbo): the hashrate and IT power of one machine in it (in a scenario
/// file), or of the whole fleet in it (what [`dispatch`] takes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PowerMode {
    pub name: String,
    pub hashrate_ths: f64,
    pub power_w: f64,
}

/// The name of the fleet's own figures among its modes, and of a step it is off.
pub const STOCK: &str = "stock";
pub const OFF: &str = "off";

/// Dispatch settings besides the series: the demand-response credit and minimum run and off
/// times (0: none, the default).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DispatchSettings {
    pub credit_usd_per_mwh: f64,
    /// Once on, the fleet stays on (in its best mode) at least this many steps.
    pub min_run_steps: u32,
    /// Once off, it stays off at least this many steps.
    pub min_off_steps: u32,
}

/// The figures of `report` the rule needs, for one scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DispatchRates {
    pub revenue_usd_per_day: f64,
    pub energy_kwh_per_day: f64,
    pub btc_per_day: f64,
    pub opex_usd_per_day: f64,
    pub carbon_price_usd_per_t: f64,
    /// The site's intensity, for a series without its own.
    pub site_intensity_g_per_kwh: f64,
    /// The site's uptime, % (a mined step runs at it, as `report` assumes).
    pub site_uptime_pct: f64,
    /// The fleet's own (stock) hashrate and IT power.
    pub hashrate_ths: f64,
    pub it_power_w: f64,
}

impl DispatchRates {
    /// The rates of `scenario` as `report` evaluates it, with the levers off: the series
    /// replaces the flat price and the yearly curtailment lever, and the rule prices nothing
    /// else (renewable contract, heat sales).
    pub fn of(scenario: &Scenario) -> DispatchRates {
        let plain = Scenario {
            levers: Levers::default(),
            ..scenario.clone()
        };
        let e = evaluate(&plain);
        DispatchRates {
            revenue_usd_per_day: e.revenue_usd_per_day,
            energy_kwh_per_day: e.energy_kwh_per_day,
            btc_per_day: e.btc_per_day,
            opex_usd_per_day: e.opex_usd_per_day,
            carbon_price_usd_per_t: scenario.site.carbon_price_usd_per_t,
            site_intensity_g_per_kwh: e.grid_intensity_g_per_kwh,
            site_uptime_pct: scenario.site.uptime_pct,
            hashrate_ths: e.fleet_hashrate_ths,
            it_power_w: plain
                .fleet
                .iter()
                .map(|g| f64::from(g.units) * g.power_w)
                .sum(),
        }
    }

    /// `r`: the revenue per kWh the fleet would use, USD/kWh (none without energy).
    pub fn break_even_usd_per_kwh(&self) -> Option<f64> {
        ratio(self.revenue_usd_per_day, self.energy_kwh_per_day)
    }
}

/// Hours in one mode.
#[derive(Clone, Debug, PartialEq)]
pub struct ModeHours {
    pub name: String,
    pub hours: f64,
}

/// What a dispatch comes to over the whole series. Serialised, this is the command line's
/// `--json` object (the keys are a public contract).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DispatchSummary {
    pub steps: usize,
    pub hours: f64,
    pub hours_mined: f64,
    /// The site's uptime × the share of the time mined, %.
    pub uptime_pct: f64,
    pub energy_mwh: f64,
    pub electricity_cost_usd: f64,
    /// Electricity cost / energy (none when nothing was mined).
    pub mean_price_paid_usd_mwh: Option<f64>,
    pub btc_mined: f64,
    pub revenue_usd: f64,
    pub credits_usd: f64,
    pub carbon_cost_usd: f64,
    pub opex_usd: f64,
    pub profit_usd: f64,
    /// Every step mined (stock mode) at its own price, no credits.
    pub profit_always_on_usd: f64,
    pub co2_t: f64,
    pub co2_always_on_t: f64,
    /// CO₂ / energy of the steps mined (energy-weighted), g/kWh.
    pub intensity_paid_g_per_kwh: Option<f64>,
    /// The same, mining every step.
    pub intensity_always_on_g_per_kwh: Option<f64>,
    /// `r` in USD/MWh: the cost of power (price + carbon) below which a step is mined.
    pub break_even_usd_mwh: Option<f64>,
    /// With modes: the hours in each (stock first, then the modes as listed).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "mode_hours_map"
    )]
    pub hours_per_mode: Option<Vec<ModeHours>>,
}

/// `{"stock": 5000, "eco": 3000}`, in the modes' order.
fn mode_hours_map<S: Serializer>(value: &Option<Vec<ModeHours>>, s: S) -> Result<S::Ok, S::Error> {
    let list = value.as_deref().unwrap_or_default();
    let mut map = s.serialize_map(Some(list.len()))?;
    for m in list {
        map.serialize_entry(&m.name, &m.hours)?;
    }
    map.end()
}

/// A dispatch: the totals and what ran in each step.
#[derive(Clone, Debug, PartialEq)]
pub struct Dispatch {
    pub summary: DispatchSummary,
    /// What ran in each step: 0 off, 1 stock, `k + 2` the mode `modes[k]`.
    pub run: Vec<u8>,
    /// The names behind `run`'s values: `off`, `stock`, then the modes.
    pub names: Vec<String>,
    /// The cost of power (price + carbon) in each step, USD/MWh: what the rule compares.
    pub cost_usd_per_mwh: Vec<f64>,
    /// What one step of each option (as `run` numbers them) earns, USD, and uses, kWh.
    pub option_revenue_usd: Vec<f64>,
    pub option_energy_kwh: Vec<f64>,
}

impl Dispatch {
    /// The name of what ran in step `i`.
    pub fn run_name(&self, i: usize) -> &str {
        &self.names[usize::from(self.run[i])]
    }
}

/// `dispatch: (...)` in a scenario file. Every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DispatchOptions {
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

impl DispatchOptions {
    /// Whether nothing is set (the file then leaves `dispatch` out).
    pub fn is_unset(&self) -> bool {
        *self == DispatchOptions::default()
    }

    pub fn settings(&self) -> DispatchSettings {
        DispatchSettings {
            credit_usd_per_mwh: self.credit_usd_per_mwh,
            min_run_steps: self.min_run_steps,
            min_off_steps: self.min_off_steps,
        }
    }

    /// Checks every value against its limit, naming its path in the file (the same paths and
    /// limits as `crate::inputs`).
    pub fn validate(&self) -> Result<(), FieldError> {
        for (path, limit, value) in [
            (
                "dispatch.credit_usd_per_mwh",
                limits::USD_PER_MWH,
                self.credit_usd_per_mwh,
            ),
            (
                "dispatch.min_run_steps",
                limits::DISPATCH_STEPS,
                f64::from(self.min_run_steps),
            ),
            (
                "dispatch.min_off_steps",
                limits::DISPATCH_STEPS,
                f64::from(self.min_off_steps),
            ),
        ] {
            check(path, limit, value)?;
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

/// Whether `name` may name a mode after those named `before`: not empty, not `stock` or
/// `off` (the machine's own figures and no power), not used already.
pub fn mode_name_allowed<'a>(before: impl IntoIterator<Item = &'a str>, name: &str) -> bool {
    let name = name.trim();
    !name.is_empty()
        && !name.eq_ignore_ascii_case(STOCK)
        && !name.eq_ignore_ascii_case(OFF)
        && before.into_iter().all(|b| b.trim() != name)
}

/// At most this many modes besides stock (a step's choice is kept in a byte).
pub const MAX_MODES: usize = 250;

/// Dispatches a fleet with these rates over `series`: stock only when `modes` is empty, else
/// stock and each mode. Pure; the same inputs always give the same dispatch.
pub fn dispatch(
    rates: &DispatchRates,
    modes: &[PowerMode],
    series: &PriceSeries,
    settings: &DispatchSettings,
) -> Dispatch {
    let modes = &modes[..modes.len().min(MAX_MODES)];
    let options = StepOptions::new(rates, modes, series.step_hours());
    let prices = StepPrices {
        carbon_per_g: rates.carbon_price_usd_per_t / 1e6,
        site_intensity: rates.site_intensity_g_per_kwh,
        r: rates.break_even_usd_per_kwh().unwrap_or(0.0),
    };
    let hold = settings.min_run_steps > 1 || settings.min_off_steps > 1;
    let mut tally = StepTally::new(series.len(), options.len());
    if modes.is_empty() && !hold && options.energy_kwh[1] > 0.0 {
        tally.stock_only(series, &prices);
    } else {
        tally.best_value(series, &prices, &options, settings, hold);
    }
    let summary = summarize(rates, settings, series, &options, &tally, !modes.is_empty());
    Dispatch {
        summary,
        run: tally.run,
        names: options.names,
        cost_usd_per_mwh: tally.cost_usd_per_mwh,
        option_revenue_usd: options.revenue_usd,
        option_energy_kwh: options.energy_kwh,
    }
}

/// What one mined step of each option earns and uses: 0 off, 1 stock, 2.. the modes.
struct StepOptions {
    revenue_usd: Vec<f64>,
    energy_kwh: Vec<f64>,
    names: Vec<String>,
    /// Revenue per kWh of each option: a step's value is `energy × (r_k − cost)`, so that at a
    /// cost exactly at `r` the stock option is worth exactly 0 and is not mined.
    revenue_per_kwh: Vec<f64>,
    /// The options besides off from the lowest power up, so that a tie keeps the lower power.
    order: Vec<usize>,
}

impl StepOptions {
    fn new(rates: &DispatchRates, modes: &[PowerMode], step_h: f64) -> StepOptions {
        let options = modes.len() + 2;
        let mut revenue = Vec::with_capacity(options);
        let mut energy_kwh = Vec::with_capacity(options);
        let mut names = Vec::with_capacity(options);
        revenue.push(0.0);
        energy_kwh.push(0.0);
        names.push(OFF.to_string());
        // `x × step hours / 24`, the product first: exact for round figures.
        let stock_revenue = rates.revenue_usd_per_day * step_h / 24.0;
        let stock_energy = rates.energy_kwh_per_day * step_h / 24.0;
        revenue.push(stock_revenue);
        energy_kwh.push(stock_energy);
        names.push(STOCK.to_string());
        let hashrate_share = |h: f64| ratio(h, rates.hashrate_ths).unwrap_or(0.0);
        let power_share = |w: f64| ratio(w, rates.it_power_w).unwrap_or(0.0);
        for m in modes {
            revenue.push(stock_revenue * hashrate_share(m.hashrate_ths));
            energy_kwh.push(stock_energy * power_share(m.power_w));
            names.push(m.name.clone());
        }
        // Stock's is `r` exactly as the contract states it (revenue / energy per day); a mode's
        // is `r × (h_k / h_stock) / (w_k / w_stock)`.
        let r = rates.break_even_usd_per_kwh().unwrap_or(0.0);
        let revenue_per_kwh: Vec<f64> = (0..options)
            .map(|k| match k {
                0 => 0.0,
                1 => r,
                _ => ratio(revenue[k], energy_kwh[k]).map_or(0.0, |_| {
                    let m = &modes[k - 2];
                    ratio(r * hashrate_share(m.hashrate_ths), power_share(m.power_w)).unwrap_or(0.0)
                }),
            })
            .collect();
        let mut order: Vec<usize> = (1..options).collect();
        order.sort_by(|&a, &b| energy_kwh[a].total_cmp(&energy_kwh[b]));
        StepOptions {
            revenue_usd: revenue,
            energy_kwh,
            names,
            revenue_per_kwh,
            order,
        }
    }

    fn len(&self) -> usize {
        self.revenue_usd.len()
    }

    /// The most valuable option at this cost of power (0, off, unless one is worth more than
    /// nothing), and the most valuable one that runs, for a minimum run time to keep to.
    #[inline]
    fn best_at(&self, cost_kwh: f64) -> (usize, usize) {
        let mut best = 0usize;
        let mut best_value = 0.0;
        let mut best_running = self.order[0];
        let mut best_running_value = f64::NEG_INFINITY;
        for &k in &self.order {
            let value = if self.energy_kwh[k] > 0.0 {
                self.energy_kwh[k] * (self.revenue_per_kwh[k] - cost_kwh)
            } else {
                self.revenue_usd[k]
            };
            if value > best_value {
                best = k;
                best_value = value;
            }
            if value > best_running_value {
                best_running = k;
                best_running_value = value;
            }
        }
        (best, best_running)
    }
}

/// What prices a step's power: carbon per gram (USD), the site's intensity for a series
/// without its own (g/kWh), and `r` (USD/kWh).
struct StepPrices {
    carbon_per_g: f64,
    site_intensity: f64,
    r: f64,
}

/// What ran in each step and what it cost, with sums per option.
struct StepTally {
    run: Vec<u8>,
    cost_usd_per_mwh: Vec<f64>,
    /// Per option: steps, Σ price (USD/MWh), Σ intensity (g/kWh).
    count: Vec<usize>,
    price_sum: Vec<f64>,
    intensity_sum: Vec<f64>,
    /// Over every step, whatever ran.
    all_price_sum: f64,
    all_intensity_sum: f64,
}

impl StepTally {
    fn new(steps: usize, options: usize) -> StepTally {
        StepTally {
            run: vec![0u8; steps],
            cost_usd_per_mwh: vec![0.0; steps],
            count: vec![0usize; options],
            price_sum: vec![0.0; options],
            intensity_sum: vec![0.0; options],
            all_price_sum: 0.0,
            all_intensity_sum: 0.0,
        }
    }

    /// Stock only, no minimum times: a step is mined if and only if its cost is below `r`
    /// (E × (r − cost) > 0 exactly when r > cost). Branch-free sums, so the loop vectorises.
    fn stock_only(&mut self, series: &PriceSeries, prices: &StepPrices) {
        let n = series.len();
        let &StepPrices {
            carbon_per_g,
            site_intensity,
            r,
        } = prices;
        let (mut all_price_sum, mut all_intensity_sum) = (0.0, 0.0);
        let (mut on_steps, mut on_price, mut on_intensity) = (0usize, 0.0, 0.0);
        // Zipped slices: no bounds checks in the loop.
        let steps = series
            .price_usd_per_mwh
            .iter()
            .zip(self.cost_usd_per_mwh.iter_mut())
            .zip(self.run.iter_mut());
        let mut accumulate = |price: f64, g: f64, cost_out: &mut f64, run_out: &mut u8| {
            let cost_kwh = price / 1000.0 + carbon_per_g * g;
            *cost_out = cost_kwh * 1000.0;
            all_price_sum += price;
            all_intensity_sum += g;
            let mined = cost_kwh < r;
            *run_out = u8::from(mined);
            on_steps += usize::from(mined);
            // A bit mask, not `× 0/1` or `if`: the compiler turned those into a branch that
            // real prices mispredict about every other step. Masked off, a figure adds +0.
            let keep = u64::from(mined).wrapping_neg();
            on_price += f64::from_bits(price.to_bits() & keep);
            on_intensity += f64::from_bits(g.to_bits() & keep);
        };
        match series.intensity_g_per_kwh.as_deref() {
            Some(v) => {
                for (((&price, cost_out), run_out), &g) in steps.zip(v.iter()) {
                    accumulate(price, g, cost_out, run_out);
                }
            }
            None => {
                for ((&price, cost_out), run_out) in steps {
                    accumulate(price, site_intensity, cost_out, run_out);
                }
            }
        }
        self.count[1] = on_steps;
        self.count[0] = n - on_steps;
        self.price_sum[1] = on_price;
        self.intensity_sum[1] = on_intensity;
        self.price_sum[0] = all_price_sum - on_price;
        self.intensity_sum[0] = all_intensity_sum - on_intensity;
        self.all_price_sum = all_price_sum;
        self.all_intensity_sum = all_intensity_sum;
    }

    /// Each step runs its most valuable option, held on or off for the minimum times when
    /// `hold`.
    fn best_value(
        &mut self,
        series: &PriceSeries,
        prices: &StepPrices,
        options: &StepOptions,
        settings: &DispatchSettings,
        hold: bool,
    ) {
        let intensity = series.intensity_g_per_kwh.as_deref();
        // The on/off state so far and for how many steps it has held (no limit at the start).
        let mut on = false;
        let mut held = u32::MAX;
        for i in 0..series.len() {
            let price = series.price_usd_per_mwh[i];
            let g = intensity.map_or(prices.site_intensity, |v| v[i]);
            let cost_kwh = price / 1000.0 + prices.carbon_per_g * g;
            self.cost_usd_per_mwh[i] = cost_kwh * 1000.0;
            self.all_price_sum += price;
            self.all_intensity_sum += g;

            let (mut best, best_running) = options.best_at(cost_kwh);
            if hold {
                if on && best == 0 && held < settings.min_run_steps {
                    best = best_running;
                } else if !on && best != 0 && held < settings.min_off_steps {
                    best = 0;
                }
                let now_on = best != 0;
                if now_on == on {
                    held = held.saturating_add(1);
                } else {
                    on = now_on;
                    held = 1;
                }
            }
            self.run[i] = best as u8;
            self.count[best] += 1;
            self.price_sum[best] += price;
            self.intensity_sum[best] += g;
        }
    }
}

/// The totals of a dispatch from its tally; `with_modes` adds the hours in each option.
fn summarize(
    rates: &DispatchRates,
    settings: &DispatchSettings,
    series: &PriceSeries,
    options: &StepOptions,
    tally: &StepTally,
    with_modes: bool,
) -> DispatchSummary {
    let n = series.len();
    let step_h = series.step_hours();
    let carbon_per_g = rates.carbon_price_usd_per_t / 1e6;
    let StepOptions {
        revenue_usd: revenue,
        energy_kwh,
        names,
        ..
    } = options;
    let step_count = |k: usize| tally.count[k] as f64;
    let steps_on = n - tally.count[0];
    let hours = n as f64 * step_h;
    let hours_mined = steps_on as f64 * step_h;
    let mut energy = 0.0;
    let mut electricity = 0.0;
    let mut co2_g = 0.0;
    let mut revenue_total = 0.0;
    for k in 1..options.len() {
        energy += energy_kwh[k] * step_count(k);
        electricity += energy_kwh[k] * tally.price_sum[k] / 1000.0;
        co2_g += energy_kwh[k] * tally.intensity_sum[k];
        revenue_total += revenue[k] * step_count(k);
    }
    let btc_price = ratio(rates.revenue_usd_per_day, rates.btc_per_day).unwrap_or(0.0);
    let btc_mined = ratio(revenue_total, btc_price).unwrap_or(0.0);
    let carbon = co2_g * carbon_per_g;
    let credits = energy_kwh[1] * step_count(0) / 1000.0 * settings.credit_usd_per_mwh;
    let opex = rates.opex_usd_per_day * hours / 24.0;
    let profit = revenue_total + credits - electricity - carbon - opex;

    let energy_always = energy_kwh[1] * n as f64;
    let co2_always_g = energy_kwh[1] * tally.all_intensity_sum;
    let profit_always_on = revenue[1] * n as f64
        - energy_kwh[1] * tally.all_price_sum / 1000.0
        - co2_always_g * carbon_per_g
        - opex;

    let hours_per_mode = with_modes.then(|| {
        (1..options.len())
            .map(|k| ModeHours {
                name: names[k].clone(),
                hours: step_count(k) * step_h,
            })
            .collect()
    });
    DispatchSummary {
        steps: n,
        hours,
        hours_mined,
        uptime_pct: ratio(hours_mined, hours).unwrap_or(0.0) * rates.site_uptime_pct,
        energy_mwh: energy / 1000.0,
        electricity_cost_usd: electricity,
        mean_price_paid_usd_mwh: ratio(electricity, energy / 1000.0),
        btc_mined,
        revenue_usd: revenue_total,
        credits_usd: credits,
        carbon_cost_usd: carbon,
        opex_usd: opex,
        profit_usd: profit,
        profit_always_on_usd: profit_always_on,
        co2_t: co2_g / 1e6,
        co2_always_on_t: co2_always_g / 1e6,
        intensity_paid_g_per_kwh: ratio(co2_g, energy),
        intensity_always_on_g_per_kwh: ratio(co2_always_g, energy_always),
        break_even_usd_mwh: rates.break_even_usd_per_kwh().map(|r| r * 1000.0),
        hours_per_mode,
    }
}

#[cfg(test)]
mod tests;
