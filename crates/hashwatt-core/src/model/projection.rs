//! A month-by-month projection of a scenario: difficulty and price growth, halvings, payback.

use super::bitcoin::{self, HALVING_INTERVAL_BLOCKS};
use super::field_error::{FieldError, check};
use super::limits;
use super::rates::{DAYS_PER_MONTH, FleetRates, ratio};
use super::scenario::{Market, Scenario};
use serde::Serialize;

/// Fixed defaults of the uncertainty and the investment case. A new scenario in the window takes
/// its volatilities from the trailing 24 months of the history instead
/// (`history::default_projection`); these stated assumptions stand where no history applies.
pub mod assumptions {
    /// The BTC price's annual volatility, %/year (the standard deviation of its yearly log
    /// change; BTC's has mostly been between 40 % and 80 % a year).
    pub const BTC_PRICE_VOLATILITY_PCT_PER_YEAR: f64 = 60.0;
    /// The difficulty's annual volatility, %/year (an assumption).
    pub const DIFFICULTY_VOLATILITY_PCT_PER_YEAR: f64 = 20.0;
    /// How a month's difficulty change follows that month's price change (an assumption: a
    /// rising price draws hashrate in).
    pub const PRICE_DIFFICULTY_CORRELATION: f64 = 0.3;
    pub const PATHS: u32 = 2000;
    pub const SEED: u64 = 1;
    /// An effective annual discount rate, %/year (an assumption: a hurdle rate).
    pub const DISCOUNT_RATE_PCT_PER_YEAR: f64 = 10.0;
    /// A loan's rate and term when only its amount is given.
    pub const LOAN_RATE_PCT_PER_YEAR: f64 = 10.0;
    pub const LOAN_MONTHS: u32 = 24;
}

/// How the market is assumed to move, how the fleet is paid for and hosted, and how uncertain
/// the market is. Saved in scenario files as `projection: (..)`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProjectionSettings {
    pub months: u32,
    /// Network difficulty growth, %/year, compounded monthly: each month multiplies the
    /// network hashrate by `(1 + g)^(1/12)`. With uncertainty, the median path's growth.
    pub difficulty_growth_pct_per_year: f64,
    /// BTC price growth, %/year, compounded monthly likewise. With uncertainty, the median
    /// path's growth (the mean path grows faster, by `exp(σ²t/2)`).
    pub btc_price_growth_pct_per_year: f64,
    /// How much of the network switches off at each halving, %.
    pub halving_difficulty_drop_pct: f64,
    /// What the hardware sells for at the end, % of its cost.
    pub hardware_resale_pct: f64,
    /// Switch the fleet off in a month whose mining would lose cash (revenue and the levers'
    /// income below electricity and carbon), as an operator would; fixed opex is paid anyway.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub switch_off_when_losing: bool,
    /// The effective annual rate the NPV discounts at: month `m` by `(1 + d)^(m/12)`.
    pub discount_rate_pct_per_year: f64,
    /// Borrowed towards the hardware (0: none), repaid as an annuity.
    pub loan_usd: f64,
    /// The loan's nominal annual rate: the monthly rate is a twelfth of it.
    pub loan_rate_pct_per_year: f64,
    pub loan_months: u32,
    /// A hosting price per kWh that replaces the site's power price (none: the site's own).
    pub hosting_usd_per_kwh: Option<f64>,
    /// The host's share of each month's positive profit, %.
    pub hosting_profit_share_pct: f64,
    /// Monte Carlo paths.
    pub paths: u32,
    /// The seed of the paths: the same seed gives the same numbers on any machine.
    pub seed: u64,
    /// The BTC price's annual volatility, %/year.
    pub btc_price_volatility_pct_per_year: f64,
    /// The difficulty's annual volatility, %/year.
    pub difficulty_volatility_pct_per_year: f64,
    /// The correlation of a month's difficulty change with its price change, −1…1.
    pub price_difficulty_correlation: f64,
}

impl Default for ProjectionSettings {
    fn default() -> Self {
        ProjectionSettings {
            months: 36,
            difficulty_growth_pct_per_year: 0.0,
            btc_price_growth_pct_per_year: 0.0,
            halving_difficulty_drop_pct: 0.0,
            hardware_resale_pct: 0.0,
            switch_off_when_losing: false,
            discount_rate_pct_per_year: assumptions::DISCOUNT_RATE_PCT_PER_YEAR,
            loan_usd: 0.0,
            loan_rate_pct_per_year: assumptions::LOAN_RATE_PCT_PER_YEAR,
            loan_months: assumptions::LOAN_MONTHS,
            hosting_usd_per_kwh: None,
            hosting_profit_share_pct: 0.0,
            paths: assumptions::PATHS,
            seed: assumptions::SEED,
            btc_price_volatility_pct_per_year: assumptions::BTC_PRICE_VOLATILITY_PCT_PER_YEAR,
            difficulty_volatility_pct_per_year: assumptions::DIFFICULTY_VOLATILITY_PCT_PER_YEAR,
            price_difficulty_correlation: assumptions::PRICE_DIFFICULTY_CORRELATION,
        }
    }
}

impl ProjectionSettings {
    pub fn validate(&self) -> Result<(), FieldError> {
        check("months", limits::PROJECTION_MONTHS, f64::from(self.months))?;
        check(
            "difficulty_growth_pct_per_year",
            limits::GROWTH_PCT_PER_YEAR,
            self.difficulty_growth_pct_per_year,
        )?;
        check(
            "btc_price_growth_pct_per_year",
            limits::GROWTH_PCT_PER_YEAR,
            self.btc_price_growth_pct_per_year,
        )?;
        check(
            "halving_difficulty_drop_pct",
            limits::HALVING_DROP_PCT,
            self.halving_difficulty_drop_pct,
        )?;
        check(
            "hardware_resale_pct",
            limits::PERCENT,
            self.hardware_resale_pct,
        )?;
        check(
            "discount_rate_pct_per_year",
            limits::DISCOUNT_RATE_PCT_PER_YEAR,
            self.discount_rate_pct_per_year,
        )?;
        check("loan_usd", limits::LOAN_USD, self.loan_usd)?;
        check(
            "loan_rate_pct_per_year",
            limits::LOAN_RATE_PCT_PER_YEAR,
            self.loan_rate_pct_per_year,
        )?;
        check(
            "loan_months",
            limits::LOAN_MONTHS,
            f64::from(self.loan_months),
        )?;
        if let Some(price) = self.hosting_usd_per_kwh {
            check(
                "hosting_usd_per_kwh",
                limits::ELECTRICITY_USD_PER_KWH,
                price,
            )?;
        }
        check(
            "hosting_profit_share_pct",
            limits::PERCENT,
            self.hosting_profit_share_pct,
        )?;
        check("paths", self.paths_limit(), f64::from(self.paths))?;
        check("seed", limits::SEED, self.seed as f64)?;
        check(
            "btc_price_volatility_pct_per_year",
            limits::VOLATILITY_PCT_PER_YEAR,
            self.btc_price_volatility_pct_per_year,
        )?;
        check(
            "difficulty_volatility_pct_per_year",
            limits::VOLATILITY_PCT_PER_YEAR,
            self.difficulty_volatility_pct_per_year,
        )?;
        check(
            "price_difficulty_correlation",
            limits::CORRELATION,
            self.price_difficulty_correlation,
        )
    }

    /// The paths allowed with this horizon: [`limits::PATHS`], fewer for a very long horizon
    /// (every path's every month is kept for the percentiles).
    pub fn paths_limit(&self) -> limits::Limit {
        let fit = (limits::PATH_MONTHS_MAX / (f64::from(self.months) + 1.0)).floor();
        limits::Limit {
            max: limits::PATHS.max.min(fit.max(1.0)),
            ..limits::PATHS
        }
    }

    /// The loan, if any.
    pub fn loan(&self) -> Option<super::investment::Loan> {
        (self.loan_usd > 0.0).then_some(super::investment::Loan {
            principal_usd: self.loan_usd,
            rate_pct_per_year: self.loan_rate_pct_per_year,
            months: self.loan_months,
        })
    }
}

/// One month of a projection. Money in USD, `month` counts from 1.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectionMonth {
    pub month: u32,
    /// Days from the start of the projection to the end of this month.
    pub end_day: f64,
    pub network_hashrate_ehs: f64,
    pub btc_price_usd: f64,
    pub block_subsidy_btc: f64,
    pub btc_mined: f64,
    pub revenue_usd: f64,
    /// Income besides mining: demand-response credit and heat sold.
    pub other_income_usd: f64,
    pub electricity_cost_usd: f64,
    pub opex_usd: f64,
    pub carbon_cost_usd: f64,
    /// The host's share of this month's profit (0 when it lost money or has no host).
    pub hosting_fee_usd: f64,
    /// After every cost, the host's share included; before the loan.
    pub profit_usd: f64,
    /// Paid on the loan this month (the rest of it in the last month of a shorter horizon).
    pub loan_payment_usd: f64,
    /// Whether the fleet was switched off this month (it would have lost cash mining).
    pub switched_off: bool,
    /// The owner's cash: the hardware less any loan at the start, then every month's profit
    /// less the loan payment (and the resale at the end).
    pub cumulative_cash_flow_usd: f64,
    pub cumulative_btc: f64,
}

/// A halving that falls inside the projection.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Halving {
    pub height: u64,
    /// Days from the start, estimated at 144 blocks a day.
    pub day: f64,
    /// The month (from 1) it falls in.
    pub month: u32,
    pub subsidy_after_btc: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Projection {
    pub months: Vec<ProjectionMonth>,
    pub halvings: Vec<Halving>,
    /// False when the block height is unknown (the subsidy was given directly), so no halving
    /// could be placed.
    pub halvings_modelled: bool,
    pub hardware_cost_usd: f64,
    pub resale_usd: f64,
    pub total_btc: f64,
    pub total_revenue_usd: f64,
    /// Electricity, opex, carbon and the host's share, less income besides mining, over the
    /// whole horizon.
    pub total_cash_cost_usd: f64,
    /// The host's share of the profit over the horizon.
    pub total_hosting_fee_usd: f64,
    /// The first month whose cumulative cash flow is ≥ 0; `None` is "never" within the horizon.
    pub payback_month: Option<u32>,
    /// The first month the fleet is switched off, when the projection switches it off in
    /// months that lose cash.
    pub first_month_off: Option<u32>,
    /// Cash costs over the horizon per BTC mined.
    pub cash_cost_per_btc_usd: Option<f64>,
    /// Cash costs plus hardware less resale, per BTC mined.
    pub all_in_cost_per_btc_usd: Option<f64>,
    /// What the owner pays at the start: the hardware less the loan.
    pub equity_usd: f64,
    /// The owner's cash flows discounted at the settings' rate.
    pub npv_usd: f64,
    /// The owner's IRR, annualised, %; `None` where undefined.
    pub irr_pct: Option<f64>,
    pub loan_payment_usd_per_month: f64,
    /// Interest paid on the loan within the horizon.
    pub loan_interest_usd: f64,
}

impl Projection {
    /// The owner's cash flows: month 0 the equity paid, then each month's (`len = months + 1`).
    pub fn cash_flows(&self) -> Vec<f64> {
        let mut previous = -self.equity_usd;
        std::iter::once(previous)
            .chain(self.months.iter().map(|m| {
                let flow = m.cumulative_cash_flow_usd - previous;
                previous = m.cumulative_cash_flow_usd;
                flow
            }))
            .collect()
    }
}

/// A piece of a month between halvings: its BTC is mined at one subsidy and network size.
#[derive(Clone, Copy, Debug)]
struct Piece {
    /// The network's factor from the halvings passed: `(1 − drop)^passed`.
    keep: f64,
    subsidy_btc: f64,
    reward_btc: f64,
    days: f64,
}

/// A month's pieces summed at the starting difficulty. BTC mined is inversely proportional to
/// the difficulty's growth, so a month at growth `g` mines `btc_at_start / g`: one division
/// instead of a loop over the pieces, each with its own (most of a Monte Carlo path-month's
/// time went there). Where the network's floor would bind, the pieces are walked as before.
#[derive(Clone, Copy, Debug)]
struct MonthTerms {
    btc_at_start: f64,
    /// The smallest halving factor among the pieces (the floor binds there first).
    keep_min: f64,
    /// The last piece's halving factor and subsidy.
    keep_last: f64,
    subsidy_last: f64,
}

/// BTC a piece of a month mines against `network_hs`: the evaluation's `btc_per_day`, term by
/// term, times the piece's days.
fn piece_btc(fleet_hs: f64, network_hs: f64, piece: &Piece, pool_keep: f64) -> f64 {
    let share = fleet_hs / network_hs;
    let share = if share.is_finite() { share } else { 0.0 };
    share * bitcoin::BLOCKS_PER_DAY * piece.reward_btc * pool_keep * piece.days
}

/// Everything about a projection that does not depend on the market's path: the month's pieces
/// between halvings, the fleet's costs, the loan and the discount factors. The deterministic
/// projection and every Monte Carlo path run through [`Plan::month`], so a path without
/// volatility is the deterministic projection to the last bit.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub months: u32,
    pieces: Vec<Piece>,
    /// Month `m`'s pieces are `pieces[first_piece[m]..first_piece[m + 1]]`.
    first_piece: Vec<usize>,
    /// Per month, what its pieces come to at the starting difficulty.
    month_terms: Vec<MonthTerms>,
    /// `hashrate × 10¹² × uptime / 100`: the fleet's hashes a second.
    fleet_hs: f64,
    pool_keep: f64,
    base_network_hs: f64,
    min_network_hs: f64,
    pub difficulty_factor: f64,
    pub price_factor: f64,
    pub btc_price_usd: f64,
    electricity: f64,
    other_income: f64,
    carbon: f64,
    opex: f64,
    hosting_share: f64,
    switch_off: bool,
    pub resale_usd: f64,
    pub hardware_cost_usd: f64,
    pub equity_usd: f64,
    /// Paid on the loan in month `m + 1`.
    pub loan_paid: Vec<f64>,
    pub loan_payment_usd_per_month: f64,
    pub loan_interest_usd: f64,
    /// `(1 + d)^(−m/12)` for `m = 0..=months`.
    pub discount: Vec<f64>,
    halvings: Vec<Halving>,
    halvings_modelled: bool,
}

/// One month's money at one market state.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MonthCash {
    pub btc: f64,
    pub revenue: f64,
    pub other: f64,
    pub electricity: f64,
    pub carbon: f64,
    pub hosting_fee: f64,
    pub profit: f64,
    pub switched_off: bool,
    /// The last piece's network hashrate and subsidy (the month's after any halving in it).
    pub network_hs: f64,
    pub subsidy_btc: f64,
}

/// The halvings after block `height` (none when the market gives a subsidy, not a height) that
/// fall within `horizon_days` of the start.
fn halvings_within(height: Option<u64>, horizon_days: f64) -> Vec<Halving> {
    let Some(h0) = height else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut next = bitcoin::next_halving_height(h0);
    loop {
        let day = bitcoin::days_until_height(h0, next);
        if day >= horizon_days {
            break;
        }
        out.push(Halving {
            height: next,
            day,
            month: (day / DAYS_PER_MONTH).floor() as u32 + 1,
            subsidy_after_btc: bitcoin::block_subsidy_btc(next),
        });
        next += HALVING_INTERVAL_BLOCKS;
    }
    out
}

/// The `months` months cut at any halvings inside them: the pieces, and where each month's
/// pieces start (month `m`'s are `first_piece[m]..first_piece[m + 1]`). Each piece mines at
/// its own subsidy and network hashrate, the network kept at `halving_keep` a halving.
fn month_pieces(
    market: &Market,
    months: u32,
    halvings: &[Halving],
    halving_keep: f64,
) -> (Vec<Piece>, Vec<usize>) {
    let height = market.block_height();
    let mut pieces = Vec::with_capacity(months as usize + halvings.len());
    let mut first_piece = Vec::with_capacity(months as usize + 1);
    for m in 0..months {
        first_piece.push(pieces.len());
        let start = f64::from(m) * DAYS_PER_MONTH;
        let end = start + DAYS_PER_MONTH;
        let mut piece_start = start;
        let cuts = halvings
            .iter()
            .filter(|h| h.day > start && h.day < end)
            .map(|h| h.day)
            .chain(std::iter::once(end));
        for cut in cuts {
            let mid = (piece_start + cut) / 2.0;
            let passed = halvings.iter().filter(|h| h.day <= mid).count() as i32;
            let subsidy = match height {
                Some(h0) => bitcoin::block_subsidy_btc(h0 + (mid * bitcoin::BLOCKS_PER_DAY) as u64),
                None => market.subsidy_btc(),
            };
            pieces.push(Piece {
                keep: halving_keep.powi(passed),
                subsidy_btc: subsidy,
                reward_btc: subsidy + market.fees_btc_per_block,
                days: cut - piece_start,
            });
            piece_start = cut;
        }
    }
    first_piece.push(pieces.len());
    (pieces, first_piece)
}

/// Per month, what its pieces come to at the starting difficulty, `btc_at_start` giving a
/// piece's BTC there.
fn month_terms(
    pieces: &[Piece],
    first_piece: &[usize],
    btc_at_start: impl Fn(&Piece) -> f64,
) -> Vec<MonthTerms> {
    first_piece
        .windows(2)
        .map(|w| {
            let month = &pieces[w[0]..w[1]];
            let last = month.last().expect("every month has a piece");
            MonthTerms {
                btc_at_start: month.iter().map(&btc_at_start).sum(),
                keep_min: month.iter().map(|p| p.keep).fold(f64::INFINITY, f64::min),
                keep_last: last.keep,
                subsidy_last: last.subsidy_btc,
            }
        })
        .collect()
}

impl Plan {
    pub fn new(scenario: &Scenario, settings: &ProjectionSettings) -> Plan {
        let mut rates = FleetRates::of(scenario);
        if let Some(price) = settings.hosting_usd_per_kwh {
            // The host's price replaces whatever the site paid, renewable supply included.
            rates.price_usd_per_kwh = price;
        }
        let site = &scenario.site;
        let market = &scenario.market;

        // libm's pow: the same digits on every machine (see `monte_carlo`).
        let monthly_factor = |pct_per_year: f64| libm::pow(1.0 + pct_per_year / 100.0, 1.0 / 12.0);
        let halving_keep = 1.0 - settings.halving_difficulty_drop_pct / 100.0;

        let horizon_days = f64::from(settings.months) * DAYS_PER_MONTH;
        let height = market.block_height();
        let halvings = halvings_within(height, horizon_days);
        let (pieces, first_piece) = month_pieces(market, settings.months, &halvings, halving_keep);
        let fleet_hs = rates.hashrate_ths * 1e12 * rates.uptime_pct / 100.0;
        let pool_keep = 1.0 - site.pool_fee_pct / 100.0;
        let base_network_hs = market.network_hashrate_hs();
        let month_terms = month_terms(&pieces, &first_piece, |piece| {
            piece_btc(fleet_hs, base_network_hs * piece.keep, piece, pool_keep)
        });

        let energy_kwh_per_month = rates.energy_kwh_per_day * DAYS_PER_MONTH;
        let hardware = rates.hardware_cost_usd;
        let loan = settings.loan();
        let (loan_paid, loan_interest) = match loan {
            Some(l) => l.schedule(settings.months),
            None => (vec![0.0; settings.months as usize], 0.0),
        };
        Plan {
            months: settings.months,
            pieces,
            first_piece,
            month_terms,
            fleet_hs,
            pool_keep,
            base_network_hs,
            // A shrinking network stops at the smallest one the engine accepts, and never below
            // the fleet, which is part of it: the fleet then finds every block, no more.
            min_network_hs: (limits::NETWORK_HASHRATE_EHS.min * 1e18).max(fleet_hs),
            difficulty_factor: monthly_factor(settings.difficulty_growth_pct_per_year),
            price_factor: monthly_factor(settings.btc_price_growth_pct_per_year),
            btc_price_usd: market.btc_price_usd,
            electricity: energy_kwh_per_month * rates.price_usd_per_kwh,
            // Income besides mining (demand-response credit, heat sold), as in the evaluation.
            other_income: (rates.curtailment_credit_usd_per_day + rates.heat_revenue_usd_per_day)
                * DAYS_PER_MONTH,
            carbon: rates.co2_kg_per_day / 1000.0 * DAYS_PER_MONTH * site.carbon_price_usd_per_t,
            opex: site.opex_usd_per_month,
            hosting_share: settings.hosting_profit_share_pct / 100.0,
            switch_off: settings.switch_off_when_losing,
            resale_usd: hardware * settings.hardware_resale_pct / 100.0,
            hardware_cost_usd: hardware,
            equity_usd: hardware - loan.map_or(0.0, |l| l.principal_usd),
            loan_paid,
            loan_payment_usd_per_month: loan.map_or(0.0, |l| l.payment_usd_per_month()),
            loan_interest_usd: loan_interest,
            discount: super::investment::monthly_discount_factors(
                settings.discount_rate_pct_per_year,
                settings.months,
            ),
            halvings,
            halvings_modelled: height.is_some(),
        }
    }

    /// Month `m` (from 0) with the difficulty grown by `growth` since the start and the BTC at
    /// `price`.
    #[inline(always)]
    pub fn month(&self, m: usize, growth: f64, price: f64) -> MonthCash {
        let terms = self.month_terms[m];
        let start_hs = self.base_network_hs * growth;
        let (btc, network_hs, subsidy) = if start_hs * terms.keep_min >= self.min_network_hs {
            (
                terms.btc_at_start / growth,
                start_hs * terms.keep_last,
                terms.subsidy_last,
            )
        } else {
            let mut btc = 0.0;
            let mut network_hs = 0.0;
            for piece in &self.pieces[self.first_piece[m]..self.first_piece[m + 1]] {
                network_hs = (start_hs * piece.keep).max(self.min_network_hs);
                btc += piece_btc(self.fleet_hs, network_hs, piece, self.pool_keep);
            }
            (btc, network_hs, terms.subsidy_last)
        };
        let running_revenue = btc * price;
        // Mining pays for itself this month when what it earns covers what running costs.
        let switched_off =
            self.switch_off && running_revenue + self.other_income < self.electricity + self.carbon;
        let on = if switched_off { 0.0 } else { 1.0 };
        let (btc, revenue) = (btc * on, running_revenue * on);
        let (other, electricity, carbon) = (
            self.other_income * on,
            self.electricity * on,
            self.carbon * on,
        );
        let before_host = revenue + other - electricity - self.opex - carbon;
        let hosting_fee = if before_host > 0.0 {
            before_host * self.hosting_share
        } else {
            0.0
        };
        MonthCash {
            btc,
            revenue,
            other,
            electricity,
            carbon,
            hosting_fee,
            profit: before_host - hosting_fee,
            switched_off,
            network_hs,
            subsidy_btc: subsidy,
        }
    }

    /// Whether month `m` (from 0) is the last, when the hardware is sold.
    #[inline(always)]
    pub fn is_last(&self, m: usize) -> bool {
        m + 1 == self.months as usize
    }
}

/// Projects a scenario month by month. A month containing a halving is split at the halving's
/// estimated day, so its BTC is mined partly at the old and partly at the new subsidy.
pub fn project(scenario: &Scenario, settings: &ProjectionSettings) -> Projection {
    let plan = Plan::new(scenario, settings);
    let mut months = Vec::with_capacity(settings.months as usize);
    let mut cumulative = -plan.equity_usd;
    let mut npv = cumulative;
    let mut flows = Vec::with_capacity(settings.months as usize + 1);
    flows.push(cumulative);
    let mut cumulative_btc = 0.0;
    let mut total_revenue = 0.0;
    let mut total_hosting = 0.0;
    let mut payback_month = None;
    let mut first_month_off = None;
    let mut months_off = 0u32;
    let mut growth = 1.0; // difficulty growth so far
    let mut price = plan.btc_price_usd;
    // No volatility: every month's shocks are 1, as a path's would be (see `monte_carlo`).
    let (price_shock, difficulty_shock) = (1.0, 1.0);

    for m in 0..settings.months {
        let cash = plan.month(m as usize, growth, price);
        if cash.switched_off && first_month_off.is_none() {
            first_month_off = Some(m + 1);
        }
        months_off += u32::from(cash.switched_off);
        // The owner's cash this month: the profit less the loan, and the resale at the end.
        let mut flow = cash.profit - plan.loan_paid[m as usize];
        cumulative += flow;
        if plan.is_last(m as usize) {
            cumulative += plan.resale_usd;
            flow += plan.resale_usd;
        }
        npv += flow * plan.discount[m as usize + 1];
        flows.push(flow);
        cumulative_btc += cash.btc;
        total_revenue += cash.revenue;
        total_hosting += cash.hosting_fee;
        if payback_month.is_none() && cumulative >= 0.0 {
            payback_month = Some(m + 1);
        }
        months.push(ProjectionMonth {
            month: m + 1,
            end_day: f64::from(m) * DAYS_PER_MONTH + DAYS_PER_MONTH,
            network_hashrate_ehs: cash.network_hs / 1e18,
            btc_price_usd: price,
            block_subsidy_btc: cash.subsidy_btc,
            btc_mined: cash.btc,
            revenue_usd: cash.revenue,
            other_income_usd: cash.other,
            electricity_cost_usd: cash.electricity,
            opex_usd: plan.opex,
            carbon_cost_usd: cash.carbon,
            hosting_fee_usd: cash.hosting_fee,
            profit_usd: cash.profit,
            loan_payment_usd: plan.loan_paid[m as usize],
            switched_off: cash.switched_off,
            cumulative_cash_flow_usd: cumulative,
            cumulative_btc,
        });
        growth *= plan.difficulty_factor * difficulty_shock;
        price *= plan.price_factor * price_shock;
    }

    let (electricity, opex, carbon, other_income) =
        (plan.electricity, plan.opex, plan.carbon, plan.other_income);
    let months_on = f64::from(settings.months - months_off);
    let total_cash_cost = if months_off == 0 {
        (electricity + opex + carbon - other_income) * f64::from(settings.months)
    } else {
        (electricity + carbon - other_income) * months_on + opex * f64::from(settings.months)
    } + total_hosting;
    Projection {
        halvings_modelled: plan.halvings_modelled,
        halvings: plan.halvings.clone(),
        hardware_cost_usd: plan.hardware_cost_usd,
        resale_usd: plan.resale_usd,
        total_btc: cumulative_btc,
        total_revenue_usd: total_revenue,
        total_cash_cost_usd: total_cash_cost,
        total_hosting_fee_usd: total_hosting,
        payback_month,
        first_month_off,
        cash_cost_per_btc_usd: ratio(total_cash_cost, cumulative_btc),
        all_in_cost_per_btc_usd: ratio(
            total_cash_cost + plan.hardware_cost_usd - plan.resale_usd,
            cumulative_btc,
        ),
        equity_usd: plan.equity_usd,
        npv_usd: npv,
        irr_pct: super::investment::irr_pct(&flows),
        loan_payment_usd_per_month: plan.loan_payment_usd_per_month,
        loan_interest_usd: plan.loan_interest_usd,
        months,
    }
}

#[cfg(test)]
mod switch_off_tests {
    use super::*;
    use crate::model::texas;

    /// The network doubles every year: mining stops paying for its power within the horizon.
    fn squeeze(switch_off_when_losing: bool) -> ProjectionSettings {
        ProjectionSettings {
            months: 48,
            difficulty_growth_pct_per_year: 100.0,
            switch_off_when_losing,
            ..ProjectionSettings::default()
        }
    }

    #[test]
    fn months_that_lose_cash_are_switched_off_from_the_first_one() {
        let scenario = texas();
        let always = project(&scenario, &squeeze(false));
        let operator = project(&scenario, &squeeze(true));
        assert_eq!(always.first_month_off, None);
        let first = operator.first_month_off.expect("some month loses cash");
        // It is the first month whose running margin (without fixed opex) is below zero.
        let losing = always
            .months
            .iter()
            .find(|m| {
                m.revenue_usd + m.other_income_usd < m.electricity_cost_usd + m.carbon_cost_usd
            })
            .expect("a losing month");
        assert_eq!(first, losing.month);
        for (a, o) in always.months.iter().zip(&operator.months) {
            if o.switched_off {
                assert_eq!((o.btc_mined, o.electricity_cost_usd), (0.0, 0.0));
                assert_eq!(o.profit_usd, -o.opex_usd, "only fixed costs are paid");
            } else {
                assert_eq!(o.profit_usd, a.profit_usd);
            }
            // Switching off never loses more than mining on would.
            assert!(o.profit_usd >= a.profit_usd, "month {}", o.month);
        }
        let last = |p: &Projection| p.months.last().unwrap().cumulative_cash_flow_usd;
        assert!(last(&operator) > last(&always));
    }

    #[test]
    fn a_projection_that_never_loses_cash_is_unchanged() {
        let scenario = texas();
        // A year at today's market: before the 2028 halving, every month pays for its power.
        let calm = |switch| ProjectionSettings {
            months: 12,
            switch_off_when_losing: switch,
            ..ProjectionSettings::default()
        };
        let a = project(&scenario, &calm(false));
        let b = project(&scenario, &calm(true));
        assert_eq!(b.first_month_off, None);
        assert_eq!(a, b);
    }
}

#[cfg(test)]
mod fleet_share_tests {
    use super::*;
    use crate::model::{bitcoin, texas};

    /// A network that loses 99 % at every halving for a century shrinks below any fleet.
    fn collapsing() -> ProjectionSettings {
        ProjectionSettings {
            months: 1200,
            halving_difficulty_drop_pct: 99.0,
            ..ProjectionSettings::default()
        }
    }

    #[test]
    fn a_fleet_never_mines_more_than_the_blocks_rewards() {
        let scenario = texas();
        assert!(scenario.market.block_height().is_some());
        let p = project(&scenario, &collapsing());
        let fees = scenario.market.fees_btc_per_block;
        let start_subsidy = scenario.market.subsidy_btc();
        let mut bound = 0.0;
        for m in &p.months {
            // The month's blocks at the subsidy it started with, plus fees.
            let month_bound = bitcoin::BLOCKS_PER_DAY * DAYS_PER_MONTH * (start_subsidy + fees);
            assert!(
                m.btc_mined <= month_bound * (1.0 + 1e-9),
                "month {}",
                m.month
            );
            bound += bitcoin::BLOCKS_PER_DAY * DAYS_PER_MONTH * fees;
        }
        // At most every remaining coin of the subsidy (under 21 million) plus every block's fees.
        assert!(p.total_btc <= 21e6 + bound, "{}", p.total_btc);
        // Once the network would shrink below it, the fleet is the network and finds every
        // block of the month, no more.
        let last = p.months.last().unwrap();
        let all_blocks = bitcoin::BLOCKS_PER_DAY
            * DAYS_PER_MONTH
            * (last.block_subsidy_btc + fees)
            * (1.0 - scenario.site.pool_fee_pct / 100.0);
        assert!(
            (last.btc_mined / all_blocks - 1.0).abs() < 1e-9,
            "{}",
            last.btc_mined
        );
        let mc = crate::model::monte_carlo(
            &scenario,
            &ProjectionSettings {
                paths: 20,
                btc_price_volatility_pct_per_year: 50.0,
                difficulty_volatility_pct_per_year: 50.0,
                ..collapsing()
            },
            &crate::model::Progress::new(),
        )
        .unwrap();
        // Every path runs through the same month: none mines past the rewards either.
        assert!(mc.btc_mined_mean <= 21e6 + bound, "{}", mc.btc_mined_mean);
    }

    #[test]
    fn the_evaluation_counts_the_network_as_at_least_the_fleet() {
        let mut scenario = texas();
        scenario.market.network = crate::model::NetworkSpec::HashrateEhs(1e-12);
        let e = crate::model::evaluate(&scenario);
        let reward = scenario.market.subsidy_btc() + scenario.market.fees_btc_per_block;
        assert!(e.btc_per_day <= bitcoin::BLOCKS_PER_DAY * reward * (1.0 + 1e-12));
        let share = crate::model::evaluate::network_share_pct(
            &scenario,
            scenario.market.network_hashrate_hs(),
        );
        assert_eq!(share, 100.0);
    }
}
