//! The months after the bundled history, built from a mempool.space-compatible API's answers
//! with the history's own definitions (its CSV header). The requests are the app's
//! (`hashwatt::history_fetch`); here are the paths asked, pure readers of the answers, the
//! checks that keep an implausible answer out, the rows, and the file they are kept in.
//!
//! Answers read (the API's published reference): `GET
//! /api/v1/mining/difficulty-adjustments/all`, `[timestamp, height, difficulty, change_ratio]`
//! newest first; `GET /api/v1/historical-price?currency=USD`, `{"prices": [{"time", "USD"}]}`;
//! `GET /api/v1/mining/blocks/fees/{period}`, `[{"avgHeight", "timestamp", "avgFees"}]`
//! oldest first, `avgFees` in satoshis per block; `GET /api/v1/mining/blocks/timestamp/{unix}`,
//! the last block at or before a moment, `{"height", "timestamp"}` (ISO 8601); `GET
//! /api/blocks/tip/height`.

use super::{History, HistoryError, Month, MonthRecord, TWO_POW_32};
use crate::market_api::{BodyError, Implausible, SATS_PER_BTC};
use crate::model::date::Date;
use crate::model::limits;

mod answers;
pub use answers::{
    Adjustment, BlockAt, FeeGroup, PricePoint, block_at, difficulty_adjustments, fee_groups,
    price_points, shown_time,
};
use answers::{implausible, within};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub const DIFFICULTY_ADJUSTMENTS_PATH: &str = "/api/v1/mining/difficulty-adjustments/all";
pub const HISTORICAL_PRICE_PATH: &str = "/api/v1/historical-price?currency=USD";

/// The fee periods the API offers, each with the days it surely reaches back (a month is
/// taken as 31 days, a year as 365): the shortest that covers the months wanted is asked.
pub const FEE_PERIODS: [(&str, i64); 7] = [
    ("1m", 28),
    ("3m", 89),
    ("6m", 181),
    ("1y", 365),
    ("2y", 730),
    ("3y", 1095),
    ("all", i64::MAX),
];

/// The file the fetched months are kept in, inside the presets folder's `history/`.
pub const FETCHED_FILE: &str = "network-monthly-fetched.csv";

/// How the fetched months' transaction cells are explained: the API gives no monthly count.
pub const NO_TRANSACTIONS_NOTE: &str = "transactions: the API gives no monthly count";

/// `<presets folder>/history/network-monthly-fetched.csv`.
pub fn fetched_path(folder: &Path) -> PathBuf {
    folder.join("history").join(FETCHED_FILE)
}

pub fn fees_path(period: &str) -> String {
    format!("/api/v1/mining/blocks/fees/{period}")
}

pub fn block_at_path(unix_s: i64) -> String {
    format!("/api/v1/mining/blocks/timestamp/{unix_s}")
}

/// Seconds since 1970 at the start of a month (UTC).
pub fn month_start_s(month: Month) -> i64 {
    let date = Date {
        year: month.year,
        month: month.month,
        day: 1,
    };
    date.days_since_epoch() * 86_400
}

/// The month (UTC) a moment falls in.
pub fn month_of(unix_s: i64) -> Month {
    let date = Date::from_days_since_epoch(unix_s.div_euclid(86_400));
    Month {
        year: date.year,
        month: date.month,
    }
}

/// What an update asks for: the months after the newest one the machine has, up to the last
/// complete calendar month.
#[derive(Clone, Debug, PartialEq)]
pub struct UpdatePlan {
    pub first: Month,
    pub last: Month,
    /// The shortest fee period that reaches back to `first`'s start.
    pub fee_period: &'static str,
}

impl UpdatePlan {
    /// The plan for a machine whose history ends at `have_last`, at the moment `now_s`;
    /// `None` when the last complete month is already there.
    pub fn new(have_last: Month, now_s: i64) -> Option<UpdatePlan> {
        let last = Month::from_index(month_of(now_s).index() - 1);
        let first = have_last.next();
        if first > last {
            return None;
        }
        let days_back = (now_s - month_start_s(first)).div_euclid(86_400) + 1;
        let fee_period = FEE_PERIODS
            .iter()
            .find(|(_, days)| *days >= days_back)
            .map_or("all", |(period, _)| period);
        Some(UpdatePlan {
            first,
            last,
            fee_period,
        })
    }

    pub fn months(&self) -> Vec<Month> {
        let mut months = Vec::new();
        let mut m = self.first;
        while m <= self.last {
            months.push(m);
            m = m.next();
        }
        months
    }

    /// The months' boundaries: the start of each, then the start of the month after the last.
    pub fn boundaries_s(&self) -> Vec<i64> {
        let mut starts: Vec<i64> = self.months().into_iter().map(month_start_s).collect();
        starts.push(month_start_s(self.last.next()));
        starts
    }
}

/// Every answer an update reads, each with the address it came from (for messages).
#[derive(Clone, Debug, PartialEq)]
pub struct Answers {
    pub adjustments: (String, Vec<Adjustment>),
    pub prices: (String, Vec<PricePoint>),
    pub fees: (String, Vec<FeeGroup>),
    /// The last block at or before each of the plan's boundaries.
    pub boundaries: Vec<(String, BlockAt)>,
    pub tip: (String, u64),
}

/// Where fetched months came from: the API's host and the day they were fetched.
#[derive(Clone, Debug, PartialEq)]
pub struct FetchSource {
    pub host: String,
    pub fetched_on: Date,
}

impl FetchSource {
    /// The source as a row's note begins: "mempool.space-compatible API at HOST, fetched DATE".
    pub fn described(&self) -> String {
        format!(
            "mempool.space-compatible API at {}, fetched {}",
            self.host, self.fetched_on
        )
    }
}

/// The mean subsidy per block of the blocks at heights `from..=to`, BTC, by the consensus
/// rule (50 BTC halved every 210,000 blocks, in whole satoshis).
pub fn mean_subsidy_btc(from: u64, to: u64) -> f64 {
    const HALVING_BLOCKS: u64 = 210_000;
    let mut sats: u128 = 0;
    let mut h = from;
    while h <= to {
        let era = h / HALVING_BLOCKS;
        let era_end = ((era + 1) * HALVING_BLOCKS - 1).min(to);
        let subsidy = if era >= 64 {
            0
        } else {
            5_000_000_000u64 >> era
        };
        sats += u128::from(subsidy) * u128::from(era_end - h + 1);
        h = era_end + 1;
    }
    sats as f64 / (to - from + 1) as f64 / SATS_PER_BTC
}

/// Each group's share of blocks: half the height span to each neighbour (a group alone
/// counts one).
fn fee_group_blocks(groups: &[FeeGroup]) -> Vec<f64> {
    let n = groups.len();
    (0..n)
        .map(|i| {
            let before = if i > 0 {
                groups[i].avg_height - groups[i - 1].avg_height
            } else if n > 1 {
                groups[1].avg_height - groups[0].avg_height
            } else {
                1.0
            };
            let after = if i + 1 < n {
                groups[i + 1].avg_height - groups[i].avg_height
            } else {
                before
            };
            (before + after) / 2.0
        })
        .collect()
}

/// The plan's months from the answers, by the history's definitions: difficulty the
/// time-weighted harmonic mean; blocks from the heights at the boundaries; subsidy by the
/// consensus rule; price the mean of the month's points; fees the block-weighted mean of the
/// month's groups; hashrate `Σ blocks × difficulty × 2^32 / seconds` over the epochs the
/// month's blocks fall in; transactions empty (the note says why).
pub fn build_months(
    plan: &UpdatePlan,
    answers: &Answers,
    source: &FetchSource,
) -> Result<Vec<MonthRecord>, BodyError> {
    let boundaries = plan.boundaries_s();
    assert_eq!(boundaries.len(), answers.boundaries.len());
    let (adjustments_url, adjustments) = &answers.adjustments;
    let first_start = boundaries[0];
    if adjustments.first().is_none_or(|a| a.time_s > first_start) {
        return Err(implausible(
            adjustments_url,
            "[0][0]".to_string(),
            adjustments
                .first()
                .map_or_else(String::new, |a| a.time_s.to_string()),
            Implausible::NoAdjustmentBefore {
                moment: shown_time(first_start),
            },
        ));
    }
    // Heights never go down from one boundary to the next, and stay at or below the tip.
    let (_, tip) = &answers.tip;
    for (k, (url, block)) in answers.boundaries.iter().enumerate() {
        if block.height > *tip {
            return Err(implausible(
                url,
                "height".to_string(),
                block.height.to_string(),
                Implausible::AboveTip {
                    tip: tip.to_string(),
                },
            ));
        }
        if k > 0 && block.height <= answers.boundaries[k - 1].1.height {
            return Err(implausible(
                url,
                "height".to_string(),
                block.height.to_string(),
                Implausible::MonthWithoutBlocks {
                    month: plan.months()[k - 1].to_string(),
                },
            ));
        }
    }
    let (_, prices) = &answers.prices;
    let (fees_url, groups) = &answers.fees;
    let group_blocks = fee_group_blocks(groups);
    let mut rows = Vec::new();
    for (k, month) in plan.months().into_iter().enumerate() {
        let (t0, t1) = (boundaries[k], boundaries[k + 1]);
        let seconds = (t1 - t0) as f64;
        let (url, start) = &answers.boundaries[k];
        let end = answers.boundaries[k + 1].1;
        // Blocks mined in the month: heights start+1 ..= end.
        let (first_height, last_height) = (start.height + 1, end.height);
        let blocks = (last_height - start.height) as f64;
        within(
            url,
            "height".to_string(),
            blocks,
            limits::HISTORY_BLOCKS_PER_MONTH,
        )?;
        let mut time_over_difficulty = 0.0;
        let mut work = 0.0;
        for (i, a) in adjustments.iter().enumerate() {
            let next = adjustments.get(i + 1);
            let from = a.time_s.max(t0);
            let to = next.map_or(t1, |n| n.time_s.min(t1));
            if to > from {
                time_over_difficulty += (to - from) as f64 / a.difficulty;
            }
            let epoch_end = next.map_or(u64::MAX, |n| n.height.saturating_sub(1));
            let low = a.height.max(first_height);
            let high = epoch_end.min(last_height);
            if high >= low {
                work += (high - low + 1) as f64 * a.difficulty;
            }
        }
        let difficulty = seconds / time_over_difficulty;
        let in_month: Vec<f64> = prices
            .iter()
            .filter(|p| (t0..t1).contains(&p.time_s))
            .map(|p| p.usd)
            .collect();
        let price =
            (!in_month.is_empty()).then(|| in_month.iter().sum::<f64>() / in_month.len() as f64);
        let (mut fee_sats, mut fee_blocks, mut fee_count) = (0.0, 0.0, 0);
        for (g, weight) in groups.iter().zip(&group_blocks) {
            if (t0..t1).contains(&g.time_s) {
                fee_sats += g.avg_fees_sats * weight;
                fee_blocks += weight;
                fee_count += 1;
            }
        }
        let fees = (fee_blocks > 0.0).then(|| fee_sats / fee_blocks / SATS_PER_BTC);
        let mut note = source.described();
        let _ = write!(
            note,
            "; blocks {first_height} to {last_height}; price the mean of {} points",
            in_month.len()
        );
        let _ = write!(
            note,
            "; fees the block-weighted mean of {fee_count} groups ({fees_url})"
        );
        if price.is_none() {
            note.push_str("; price: no point in the month");
        }
        let _ = write!(note, "; {NO_TRANSACTIONS_NOTE}");
        rows.push(MonthRecord {
            month,
            difficulty,
            blocks,
            subsidy_btc: mean_subsidy_btc(first_height, last_height),
            fees_btc_per_block: fees,
            btc_price_usd: price,
            network_hashrate_ehs: work * TWO_POW_32 / seconds / 1e18,
            transactions: None,
            note,
        });
    }
    Ok(rows)
}

/// A CSV cell: quoted when it holds a comma, a quote or a line break.
fn cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The fetched months as a history CSV in the import format: comments saying where they come
/// from and how each column is computed, the header, one row per month (numbers in Rust's
/// shortest form that reads back to the same value).
pub fn fetched_csv(rows: &[MonthRecord]) -> String {
    let mut out = String::new();
    out.push_str(
        "# hashwatt monthly network history: months fetched after the bundled history, by `hashwatt history update`\n\
         # or Market -> Update from the internet... Delete this file to forget them.\n\
         # Source: a mempool.space-compatible API (each row's note names the host and the day); grade Secondary.\n\
         # difficulty = time-weighted harmonic mean of the difficulty adjustments over the month; blocks = height of the last block\n\
         #   at or before the next month's start minus that at the month's start; subsidy_btc = mean subsidy per block by the consensus rule;\n\
         #   btc_price_usd = mean of the month's price points; fees_btc_per_block = block-weighted mean of the month's fee groups;\n\
         #   network_hashrate_ehs = sum(blocks x difficulty) x 2^32 / seconds over the epochs of the month's blocks;\n\
         #   transactions left empty: the API gives no monthly count.\n",
    );
    out.push_str(&super::COLUMNS.join(","));
    out.push_str(",transactions,note\n");
    let optional = |v: Option<f64>| v.map_or_else(String::new, |v| v.to_string());
    for r in rows {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{}",
            r.month,
            r.difficulty,
            r.blocks,
            r.subsidy_btc,
            optional(r.fees_btc_per_block),
            optional(r.btc_price_usd),
            r.network_hashrate_ehs,
            r.transactions.map_or_else(String::new, |n| n.to_string()),
            cell(&r.note),
        );
    }
    out
}

/// The fetched months kept in `folder`, after the bundled history's last month (a bundled
/// month wins where both exist). No file: none.
pub fn read_fetched(folder: &Path) -> Result<Vec<MonthRecord>, HistoryError> {
    let path = fetched_path(folder);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let label = path.display().to_string();
    let text = crate::file_io::read_text(&path).map_err(|e| HistoryError {
        file: label.clone(),
        line: 0,
        problem: super::HistoryProblem::File(e.problem),
    })?;
    let bundled_last = History::builtin_ref().last();
    let rows = super::parse_csv(&label, &text)?;
    Ok(rows
        .into_iter()
        .filter(|r| r.month > bundled_last)
        .collect())
}

impl History {
    /// The history everyone sees: the built-in months, the months fetched after them
    /// ([`FETCHED_FILE`]), and the user's own `history/network-monthly.csv` laid over
    /// both.
    pub fn with_user_folder(folder: Option<&std::path::Path>) -> Result<History, HistoryError> {
        let history = bundled_and_fetched(folder)?;
        let Some(path) = folder.map(|f| f.join("history").join("network-monthly.csv")) else {
            return Ok(history);
        };
        if !path.exists() {
            return Ok(history);
        }
        history.import_file(&path)
    }
}

/// The bundled history followed by the months fetched into `folder`.
pub fn bundled_and_fetched(folder: Option<&Path>) -> Result<History, HistoryError> {
    let builtin = History::builtin_ref();
    let Some(folder) = folder else {
        return Ok(builtin.clone());
    };
    let fetched = read_fetched(folder)?;
    let label = fetched_path(folder).display().to_string();
    builtin.merged(fetched, &label)
}

/// Where the newest month of a history came from.
#[derive(Clone, Debug, PartialEq)]
pub enum NewestOrigin {
    /// The history compiled into hashwatt.
    Bundled,
    /// Fetched from an API's host on a day (as the row's note names them).
    Fetched { host: String, fetched_on: String },
    /// The user's own history file laid over the rest.
    UserFile { path: String },
}

/// Where `history`'s newest month came from, for a history read with
/// [`History::with_user_folder`] from `folder`.
pub fn newest_origin(history: &History, folder: Option<&Path>) -> NewestOrigin {
    let last = history.last();
    if let Some(folder) = folder {
        let own = folder.join("history").join("network-monthly.csv");
        let own_last = crate::file_io::read_text(&own)
            .ok()
            .and_then(|text| super::parse_csv("", &text).ok())
            .and_then(|rows| rows.last().map(|r| r.month));
        if own_last == Some(last) {
            return NewestOrigin::UserFile {
                path: own.display().to_string(),
            };
        }
    }
    if last > History::builtin_ref().last() {
        let note = history.get(last).map_or("", |r| r.note.as_str());
        let described = note.split(';').next().unwrap_or_default();
        let (host, fetched_on) = described
            .strip_prefix("mempool.space-compatible API at ")
            .and_then(|rest| rest.rsplit_once(", fetched "))
            .unwrap_or((described, ""));
        NewestOrigin::Fetched {
            host: host.to_string(),
            fetched_on: fetched_on.to_string(),
        }
    } else {
        NewestOrigin::Bundled
    }
}

impl NewestOrigin {
    /// The origin in words, as "Newest month: …, from {origin}" ends.
    pub fn localized(&self, lang: crate::i18n::Lang) -> String {
        let t = &crate::i18n::strings(lang).update;
        match self {
            NewestOrigin::Bundled => t.origin_bundled.to_string(),
            NewestOrigin::Fetched { host, fetched_on } => {
                crate::i18n::fill(t.origin_fetched, &[("host", host), ("date", fetched_on)])
            }
            NewestOrigin::UserFile { path } => {
                crate::i18n::fill(t.origin_user_file, &[("path", path)])
            }
        }
    }
}

/// "Newest month: 2026-11, from mempool.space, fetched 2026-12-07." in `lang`.
pub fn newest_line(history: &History, folder: Option<&Path>, lang: crate::i18n::Lang) -> String {
    crate::i18n::fill(
        crate::i18n::strings(lang).update.newest_line,
        &[
            ("month", &history.last().to_string()),
            ("origin", &newest_origin(history, folder).localized(lang)),
        ],
    )
}

#[cfg(test)]
mod tests;
