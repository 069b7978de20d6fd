//! The Dispatch view's chart data: the price-duration curve (every step's cost of power,
//! dearest first, and whether the fleet mined in it) and the break-even line. The window draws
//! it and the PNG/SVG export draws the same points.

use crate::model::dispatch::Dispatch;
use serde::Serialize;

/// Points kept on the curve (a 5-minute year has 105,120 steps).
pub const CURVE_POINTS: usize = 2000;

/// One point of the price-duration curve.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct DurationPoint {
    /// The share of the time at this cost or dearer, % (the step's middle).
    pub share_pct: f64,
    pub cost_usd_per_mwh: f64,
    /// The fleet mined in this step.
    pub mined: bool,
}

/// The price-duration curve and the break-even it is read against.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DurationCurve {
    /// Dearest first, thinned evenly to at most [`CURVE_POINTS`].
    pub points: Vec<DurationPoint>,
    /// The cost of power above which a step is not mined, USD/MWh.
    pub break_even_usd_mwh: Option<f64>,
}

impl DurationCurve {
    pub fn of(d: &Dispatch) -> DurationCurve {
        DurationCurve {
            points: duration_points(d, CURVE_POINTS),
            break_even_usd_mwh: d.summary.break_even_usd_mwh,
        }
    }
}

/// The steps sorted dearest first, thinned evenly to at most `max_points`.
pub fn duration_points(d: &Dispatch, max_points: usize) -> Vec<DurationPoint> {
    let n = d.cost_usd_per_mwh.len();
    if n == 0 || max_points == 0 {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|&a, &b| d.cost_usd_per_mwh[b].total_cmp(&d.cost_usd_per_mwh[a]));
    let points = n.min(max_points);
    (0..points)
        .map(|j| {
            let i = if points == n {
                j
            } else {
                j * (n - 1) / (points - 1).max(1)
            };
            let step = order[i];
            DurationPoint {
                share_pct: (i as f64 + 0.5) / n as f64 * 100.0,
                cost_usd_per_mwh: d.cost_usd_per_mwh[step],
                mined: d.run[step] != 0,
            }
        })
        .collect()
}
