//! The investment figures of a projection's cash flows: discounting (NPV), the internal rate of
//! return (IRR) and an annuity loan. Cash-flow timing: month 0 is the purchase, month `m` the
//! end of the `m`-th month.
//!
//! Powers and logarithms go through `libm` (a pure-Rust port of musl's), not the platform's C
//! library, so a seeded run gives the same digits on every machine.

/// The discount factor of every month `0..=months` at an effective annual rate:
/// `(1 + d)^(−m/12)`.
/// Twelve powers and one per year, not one per month: `(1 + d)^(−y) × (1 + d)^(−r/12)` for
/// month `12y + r` (a projection spent half its time in `pow` before).
pub fn monthly_discount_factors(rate_pct_per_year: f64, months: u32) -> Vec<f64> {
    let base = 1.0 + rate_pct_per_year / 100.0;
    let within_year: [f64; 12] = std::array::from_fn(|r| libm::pow(base, -(r as f64) / 12.0));
    let mut year = 1.0;
    let mut factors = Vec::with_capacity(months as usize + 1);
    for m in 0..=months as usize {
        if m > 0 && m % 12 == 0 {
            year /= base;
        }
        factors.push(year * within_year[m % 12]);
    }
    factors
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
/// The flows are taken as two halves, `A(x) + x^h × B(x)`, whose Horner chains are independent:
/// the processor runs them side by side (a Monte Carlo run evaluates this millions of times).
fn npv_and_slope(flows: &[f64], i: f64) -> (f64, f64) {
    let x = 1.0 / (1.0 + i);
    let h = flows.len() / 2;
    let (first, second) = flows.split_at(h);
    // Value and d/dx of each half, highest power first.
    let (mut a, mut da) = (0.0, 0.0);
    let (mut b, mut db) = (0.0, 0.0);
    let mut pairs = first
        .iter()
        .rev()
        .zip(second.iter().rev().skip(second.len() - h));
    // The second half may be one longer: its top term first.
    for &cf in &second[h..] {
        db = db * x + b;
        b = b * x + cf;
    }
    for (&ca, &cb) in &mut pairs {
        da = da * x + a;
        a = a * x + ca;
        db = db * x + b;
        b = b * x + cb;
    }
    // x^(h−1) by squaring, in plain multiplications (the same digits on every machine).
    let xh_1 = if h == 0 { 1.0 } else { power(x, h - 1) };
    let xh = if h == 0 { 1.0 } else { xh_1 * x };
    let value = a + xh * b;
    let slope_x = da + xh * db + h as f64 * xh_1 * b;
    // dx/di = −x².
    (value, -slope_x * x * x)
}

/// `x^n` by squaring.
fn power(mut x: f64, mut n: usize) -> f64 {
    let mut result = 1.0;
    while n > 0 {
        if n & 1 == 1 {
            result *= x;
        }
        x *= x;
        n >>= 1;
    }
    result
}

/// The flows' value at the end, `NPV × (1 + i)^(n−1)`, and its derivative in `i`, by Horner's rule
/// in `z = 1 + i`. Same sign and same roots as the NPV; for a negative rate (a loss) its powers
/// of `z < 1` stay small where the NPV's powers of `1/z` grow steep, so Newton steps converge.
/// Four independent Horner chains over four consecutive blocks, `Σ B_j(z) × z^(flows after
/// block j)`: a chain waits on its multiply and add every term, so four run side by side.
fn end_value_and_slope(flows: &[f64], i: f64) -> (f64, f64) {
    const CHAINS: usize = 4;
    let z = 1.0 + i;
    let block = flows.len() / CHAINS;
    // The first block takes the odd terms at the front, alone.
    let extra = flows.len() - block * CHAINS;
    let (mut v, mut d) = ([0.0; CHAINS], [0.0; CHAINS]);
    for &cf in &flows[..extra] {
        d[0] = d[0] * z + v[0];
        v[0] = v[0] * z + cf;
    }
    if block > 0 {
        let body = &flows[extra..];
        let (b0, rest) = body.split_at(block);
        let (b1, rest) = rest.split_at(block);
        let (b2, b3) = rest.split_at(block);
        for (((&c0, &c1), &c2), &c3) in b0.iter().zip(b1).zip(b2).zip(b3) {
            for (j, cf) in [c0, c1, c2, c3].into_iter().enumerate() {
                d[j] = d[j] * z + v[j];
                v[j] = v[j] * z + cf;
            }
        }
    }
    let (mut value, mut slope) = (0.0, 0.0);
    for j in 0..CHAINS {
        let after = (CHAINS - 1 - j) * block;
        if after == 0 {
            value += v[j];
            slope += d[j];
        } else {
            let z_after_1 = power(z, after - 1);
            let z_after = z_after_1 * z;
            value += v[j] * z_after;
            slope += d[j] * z_after + after as f64 * v[j] * z_after_1;
        }
    }
    (value, slope)
}

/// The monthly rate `i` at which the flows' NPV is zero. A bracket is found outward from 0
/// (doubling), then refined by Newton steps kept inside it (bisection where a step leaves it).
/// Where several rates exist (flows changing sign more than once), the one nearest 0 is found.
pub fn monthly_irr(flows: &[f64]) -> Option<f64> {
    monthly_irr_near(flows, 0.0)
}

/// [`monthly_irr`], starting from a guess: where the flows change sign once they have one rate
/// at most (Descartes' rule of signs), so plain Newton steps from a near guess (a Monte Carlo
/// path's from the deterministic projection's rate) find it in a few evaluations; the
/// bracketing search remains for the rest, and wherever the steps stray.
pub fn monthly_irr_near(flows: &[f64], guess: f64) -> Option<f64> {
    let positive = flows.iter().any(|&c| c > 0.0);
    let negative = flows.iter().any(|&c| c < 0.0);
    if !(positive && negative) {
        return None;
    }
    const LOWEST: f64 = -0.99;
    const HIGHEST: f64 = 10.0;
    // A gain is found by discounting, a loss by compounding: each keeps its powers below 1.
    let sum: f64 = flows.iter().sum();
    let value_and_slope: fn(&[f64], f64) -> (f64, f64) = if sum >= 0.0 {
        npv_and_slope
    } else {
        end_value_and_slope
    };
    if sign_changes(flows) == 1 && guess > LOWEST && guess < HIGHEST {
        let mut i = guess;
        for _ in 0..20 {
            let (f, slope) = value_and_slope(flows, i);
            if f == 0.0 {
                return Some(i);
            }
            let next = i - f / slope;
            if !(next > LOWEST && next < HIGHEST) {
                break;
            }
            if (next - i).abs() <= 1e-13 * (1.0 + i.abs()) {
                return Some(next);
            }
            i = next;
        }
    }
    let at = |i: f64| value_and_slope(flows, i).0;
    let f0 = at(0.0);
    if f0 == 0.0 {
        return Some(0.0);
    }
    // Step outward from 0 until the NPV changes sign: upward when it is positive at 0 (the rate
    // is above 0, for an investment), downward otherwise, doubling up to the limit on that side.
    // The first probe lies just beyond a guess on that side, so a near guess brackets the rate
    // at once. Steps are taken in magnitude and signed, the same numbers either way.
    let (side, limit) = if f0 > 0.0 {
        (1.0, HIGHEST)
    } else {
        (-1.0, -LOWEST)
    };
    let first = if guess * side > 0.01 {
        (guess.abs() * 1.05).min(limit)
    } else {
        0.01
    };
    // `a` is the last probe (signed, from 0), `b` the next one's distance from 0.
    let (mut a, mut fa, mut b) = (0.0, f0, first);
    let (b, fb) = loop {
        let fb = at(side * b);
        if fb.is_nan() {
            return None;
        }
        if fb.signum() != fa.signum() {
            break (side * b, fb);
        }
        if b >= limit {
            return None;
        }
        (a, fa) = (side * b, fb);
        b = (b * 2.0).min(limit);
    };
    let (mut lo, mut hi, mut f_lo, mut f_hi) = if side > 0.0 {
        (a, b, fa, fb)
    } else {
        (b, a, fb, fa)
    };
    let mut i = lo - f_lo * (hi - lo) / (f_hi - f_lo);
    for _ in 0..100 {
        let (f, slope) = value_and_slope(flows, i);
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
        if (next - i).abs() <= 1e-13 * (1.0 + i.abs()) || hi - lo <= 1e-15 {
            return Some(next);
        }
        i = next;
    }
    let _ = f_hi;
    Some(i)
}

/// How often the flows change sign, zeros skipped.
fn sign_changes(flows: &[f64]) -> usize {
    let mut last = 0.0;
    let mut changes = 0;
    for &cf in flows.iter().filter(|&&cf| cf != 0.0) {
        if last != 0.0 && (cf > 0.0) != (last > 0.0) {
            changes += 1;
        }
        last = cf;
    }
    changes
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
    fn discount_factors_are_the_fractional_powers() {
        for rate in [0.0, 8.0, 12.5, 60.0] {
            let factors = monthly_discount_factors(rate, 240);
            assert_eq!(factors.len(), 241);
            for (m, f) in factors.iter().enumerate() {
                let exact = libm::pow(1.0 + rate / 100.0, -(m as f64) / 12.0);
                assert!(
                    (f / exact - 1.0).abs() < 1e-14,
                    "{rate} % month {m}: {f} {exact}"
                );
            }
        }
    }

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
    fn the_split_evaluation_is_the_plain_horner_rule() {
        let plain = |flows: &[f64], i: f64| {
            let x = 1.0 / (1.0 + i);
            let (mut v, mut d) = (0.0, 0.0);
            for &cf in flows.iter().rev() {
                d = d * x + v;
                v = v * x + cf;
            }
            (v, -d * x * x)
        };
        for n in 0..9 {
            let flows: Vec<f64> = (0..n).map(|t| (t as f64 * 1.7 - 3.0) * 100.0).collect();
            for i in [-0.5, -0.01, 0.0, 0.02, 0.3] {
                let (v, d) = npv_and_slope(&flows, i);
                let (pv, pd) = plain(&flows, i);
                assert!(
                    (v - pv).abs() <= 1e-9 * (1.0 + pv.abs()),
                    "{n} {i}: {v} {pv}"
                );
                assert!(
                    (d - pd).abs() <= 1e-9 * (1.0 + pd.abs()),
                    "{n} {i}: {d} {pd}"
                );
                // The end value is the NPV carried to the last month, and so is its slope.
                let (ev, ed) = end_value_and_slope(&flows, i);
                let carry = (1.0 + i).powi(n - 1);
                let (cv, cd) = {
                    let (mut v, mut d) = (0.0, 0.0);
                    for &cf in &flows {
                        d = d * (1.0 + i) + v;
                        v = v * (1.0 + i) + cf;
                    }
                    (v, d)
                };
                assert!(
                    (ev - cv).abs() <= 1e-9 * (1.0 + cv.abs()),
                    "{n} {i}: {ev} {cv}"
                );
                assert!(
                    (ed - cd).abs() <= 1e-9 * (1.0 + cd.abs()),
                    "{n} {i}: {ed} {cd}"
                );
                if n > 0 {
                    assert!((ev - pv * carry).abs() <= 1e-9 * (1.0 + cv.abs()));
                }
            }
        }
    }

    #[test]
    fn newton_from_a_guess_finds_the_same_rate_as_the_bracketing_search() {
        let cases: [Vec<f64>; 4] = [
            vec![-1000.0, 600.0, 600.0],
            vec![-1000.0, 300.0, 300.0, 300.0],
            std::iter::once(-10_000.0)
                .chain(std::iter::repeat_n(40.0, 120))
                .collect(),
            std::iter::once(-5_000.0)
                .chain((1..=60).map(|m| 200.0 - 2.5 * m as f64))
                .collect(),
        ];
        for flows in &cases {
            let bracketed = monthly_irr(flows).unwrap();
            for guess in [-0.5, -0.05, 0.0, 0.02, 0.2, 5.0] {
                let near = monthly_irr_near(flows, guess).unwrap();
                assert!(
                    (near - bracketed).abs() <= 1e-11 * (1.0 + bracketed.abs()),
                    "guess {guess}: {near} vs {bracketed}"
                );
            }
        }
        // Two sign changes: the guess is not used, so the rate nearest 0 is still the one found.
        let two = [-100.0, 230.0, -132.0];
        assert_eq!(monthly_irr_near(&two, 0.19), monthly_irr(&two));
        assert_eq!(sign_changes(&[-1.0, 0.0, 2.0, 0.0, 3.0]), 1);
        assert_eq!(sign_changes(&two), 2);
    }

    #[test]
    fn a_steep_loss_has_its_rate_found() {
        // 10,000 paid, 40 a month back for 120 months: a rate near −39 % a month.
        let mut flows = vec![-10_000.0];
        flows.extend(std::iter::repeat_n(40.0, 120));
        let i = monthly_irr(&flows).unwrap();
        let (npv, _) = npv_and_slope(&flows, i);
        assert!(npv.abs() < 1e-6 * 10_000.0, "{i}: {npv}");
        // The annuity's own equation: 40 × (1 − (1 + i)^−120) / i = 10,000.
        let annuity = 40.0 * (1.0 - (1.0 + i).powi(-120)) / i;
        assert!((annuity - 10_000.0).abs() < 1e-6 * 10_000.0, "{annuity}");
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
