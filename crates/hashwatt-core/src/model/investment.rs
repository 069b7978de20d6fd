//! The investment figures of a projection's cash flows: discounting (NPV), the internal rate of
//! return (IRR) and an annuity loan. Cash-flow timing: month 0 is the purchase, month `m` the
//! end of the `m`-th month.
//!
//! Powers and logarithms go through `libm` (a pure-Rust port of musl's), not the platform's C
//! library, so a seeded run gives the same digits on every machine.

/// The discount factor of every month `0..=months` at an effective annual rate:
/// `(1 + d)^(−m/12)`.
pub fn monthly_discount_factors(rate_pct_per_year: f64, months: u32) -> Vec<f64> {
    let base = 1.0 + rate_pct_per_year / 100.0;
    (0..=months)
        .map(|m| libm::pow(base, -f64::from(m) / 12.0))
        .collect()
}

/// The present value of cash flows `flows[m]` at month `m`, discounted by `factors[m]`.
pub fn npv(flows: &[f64], factors: &[f64]) -> f64 {
    flows.iter().zip(factors).map(|(cf, f)| cf * f).sum()
}

/// An annual rate from a monthly one: `(1 + i)^12 − 1`.
pub fn annualised(monthly_rate: f64) -> f64 {
    libm::pow(1.0 + monthly_rate, 12.0) - 1.0
}

/// The IRR, annualised, in %: `None` where no rate makes the NPV zero (every flow of one sign,
/// or a rate outside −99 %…+1000 % a month).
pub fn irr_pct(flows: &[f64]) -> Option<f64> {
    monthly_irr(flows).map(|i| annualised(i) * 100.0)
}

/// The NPV at monthly rate `i` and its derivative in `i`, by Horner's rule in `x = 1/(1 + i)`.
fn npv_and_slope(flows: &[f64], i: f64) -> (f64, f64) {
    let x = 1.0 / (1.0 + i);
    let mut value = 0.0;
    let mut slope_x = 0.0; // d value / d x
    for &cf in flows.iter().rev() {
        slope_x = slope_x * x + value;
        value = value * x + cf;
    }
    // dx/di = −x².
    (value, -slope_x * x * x)
}

/// The monthly rate `i` at which the flows' NPV is zero. A bracket is found outward from 0
/// (doubling), then refined by Newton steps kept inside it (bisection where a step leaves it).
/// Where several rates exist (flows changing sign more than once), the one nearest 0 is found.
pub fn monthly_irr(flows: &[f64]) -> Option<f64> {
    let positive = flows.iter().any(|&c| c > 0.0);
    let negative = flows.iter().any(|&c| c < 0.0);
    if !(positive && negative) {
        return None;
    }
    const LOWEST: f64 = -0.99;
    const HIGHEST: f64 = 10.0;
    let at = |i: f64| npv_and_slope(flows, i).0;
    let f0 = at(0.0);
    if f0 == 0.0 {
        return Some(0.0);
    }
    // Step outward from 0 until the NPV changes sign.
    let (mut lo, mut hi, mut f_lo, mut f_hi);
    if f0 > 0.0 {
        // Positive at 0: the rate is above 0 (for an investment).
        let (mut a, mut fa, mut b) = (0.0, f0, 0.01);
        loop {
            let fb = at(b);
            if fb.is_nan() {
                return None;
            }
            if fb.signum() != fa.signum() {
                (lo, hi, f_lo, f_hi) = (a, b, fa, fb);
                break;
            }
            if b >= HIGHEST {
                return None;
            }
            (a, fa) = (b, fb);
            b = (b * 2.0).min(HIGHEST);
        }
    } else {
        let (mut a, mut fa, mut b) = (0.0, f0, -0.01);
        loop {
            let fb = at(b);
            if fb.is_nan() {
                return None;
            }
            if fb.signum() != fa.signum() {
                (lo, hi, f_lo, f_hi) = (b, a, fb, fa);
                break;
            }
            if b <= LOWEST {
                return None;
            }
            (a, fa) = (b, fb);
            b = (b * 2.0).max(LOWEST);
        }
    }
    let mut i = lo - f_lo * (hi - lo) / (f_hi - f_lo);
    for _ in 0..100 {
        let (f, slope) = npv_and_slope(flows, i);
        if f == 0.0 {
            return Some(i);
        }
        if f.signum() == f_lo.signum() {
            (lo, f_lo) = (i, f);
        } else {
            (hi, f_hi) = (i, f);
        }
        let newton = i - f / slope;
        let next = if newton > lo && newton < hi && newton.is_finite() {
            newton
        } else {
            0.5 * (lo + hi)
        };
        if (next - i).abs() <= 1e-14 * (1.0 + i.abs()) || hi - lo <= 1e-15 {
            return Some(next);
        }
        i = next;
    }
    let _ = f_hi;
    Some(i)
}

/// An annuity loan: equal monthly payments of interest and principal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Loan {
    pub principal_usd: f64,
    /// Nominal annual rate, %: the monthly rate is a twelfth of it, as loans are quoted.
    pub rate_pct_per_year: f64,
    pub months: u32,
}

impl Loan {
    /// The monthly rate, as a fraction.
    pub fn monthly_rate(&self) -> f64 {
        self.rate_pct_per_year / 100.0 / 12.0
    }

    /// The payment a month: `L × r / (1 − (1 + r)^−n)`, or `L / n` at a zero rate.
    pub fn payment_usd_per_month(&self) -> f64 {
        if self.principal_usd == 0.0 || self.months == 0 {
            return 0.0;
        }
        let r = self.monthly_rate();
        let n = f64::from(self.months);
        if r == 0.0 {
            self.principal_usd / n
        } else {
            self.principal_usd * r / (1.0 - libm::pow(1.0 + r, -n))
        }
    }

    /// What is paid in each month `1..=horizon` (index 0 is month 1), and the interest paid in
    /// them. A term longer than the horizon ends with the balance repaid in the last month.
    pub fn schedule(&self, horizon: u32) -> (Vec<f64>, f64) {
        let payment = self.payment_usd_per_month();
        let r = self.monthly_rate();
        let mut balance = self.principal_usd;
        let mut interest_total = 0.0;
        let mut paid = vec![0.0; horizon as usize];
        for (m, slot) in paid.iter_mut().enumerate() {
            if balance <= 0.0 || m as u32 >= self.months {
                break;
            }
            let interest = balance * r;
            let principal = if m as u32 + 1 == self.months {
                balance // the last payment clears what rounding left
            } else {
                (payment - interest).min(balance)
            };
            interest_total += interest;
            balance -= principal;
            *slot = interest + principal;
            if m as u32 + 1 == horizon && balance > 0.0 {
                // The horizon ends before the term: the rest is repaid now.
                *slot += balance;
                balance = 0.0;
            }
        }
        (paid, interest_total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npv_and_irr_match_a_case_worked_by_hand() {
        // 1,000 paid now, 600 back at the end of months 1 and 2, discounted at 12.682503 %/year
        // effective: exactly 1 % a month, so each month's factor is 1.01^−m.
        let flows = [-1000.0, 600.0, 600.0];
        let d = (1.01f64.powi(12) - 1.0) * 100.0;
        let factors = monthly_discount_factors(d, 2);
        assert!((factors[1] - 1.0 / 1.01).abs() < 1e-15);
        // NPV = −1000 + 600/1.01 + 600/1.0201 = −1000 + 594.0594059 + 588.1776296 = 182.2370356
        let value = npv(&flows, &factors);
        assert!((value - 182.237_035_584_746).abs() < 1e-9, "{value}");
        // IRR: 600x² + 600x − 1000 = 0 with x = 1/(1+i): x = (−600 + √(600² + 2.4e6)) / 1200,
        // i = 1/x − 1 = 0.130662386...; annualised (1 + i)^12 − 1.
        let x = (-600.0 + (600.0f64 * 600.0 + 2_400_000.0).sqrt()) / 1200.0;
        let monthly = 1.0 / x - 1.0;
        assert!((monthly_irr(&flows).unwrap() - monthly).abs() < 1e-12);
        let annual = ((1.0 + monthly).powi(12) - 1.0) * 100.0;
        assert!((irr_pct(&flows).unwrap() - annual).abs() < 1e-9 * annual);
        // A loss: the rate is negative.
        let loss = [-1000.0, 300.0, 300.0, 300.0];
        let i = monthly_irr(&loss).unwrap();
        assert!(i < 0.0);
        let factors = (0..4).map(|m| (1.0 + i).powi(-m)).collect::<Vec<_>>();
        assert!(npv(&loss, &factors).abs() < 1e-9);
    }

    #[test]
    fn irr_is_undefined_without_a_change_of_sign() {
        assert_eq!(monthly_irr(&[-1000.0, 0.0, 0.0]), None);
        assert_eq!(monthly_irr(&[0.0, 10.0, 10.0]), None);
        assert_eq!(irr_pct(&[]), None);
        // Zero NPV at a zero rate.
        assert_eq!(monthly_irr(&[-100.0, 50.0, 50.0]), Some(0.0));
    }

    #[test]
    fn the_loan_payment_is_the_annuity_formula() {
        // 100,000 at 12 %/year nominal (1 % a month) over 24 months:
        // 100000 × 0.01 / (1 − 1.01^−24) = 4,707.347222...
        let loan = Loan {
            principal_usd: 100_000.0,
            rate_pct_per_year: 12.0,
            months: 24,
        };
        let a = loan.payment_usd_per_month();
        let expected = 100_000.0 * 0.01 / (1.0 - 1.01f64.powi(-24));
        assert!((a - expected).abs() < 1e-9, "{a} vs {expected}");
        assert!((a - 4_707.347_222).abs() < 1e-3);
        let (paid, interest) = loan.schedule(36);
        assert_eq!(paid.len(), 36);
        assert!(paid[..24].iter().all(|p| (p - a).abs() < 1e-6));
        assert!(paid[24..].iter().all(|&p| p == 0.0));
        // Interest over the term: n × A − L.
        assert!((interest - (24.0 * a - 100_000.0)).abs() < 1e-6);
        // A zero rate repays in equal parts; a horizon shorter than the term repays the rest.
        let free = Loan {
            principal_usd: 1200.0,
            rate_pct_per_year: 0.0,
            months: 12,
        };
        assert_eq!(free.payment_usd_per_month(), 100.0);
        let (paid, interest) = free.schedule(6);
        assert_eq!(paid, [100.0, 100.0, 100.0, 100.0, 100.0, 700.0]);
        assert_eq!(interest, 0.0);
    }
}
