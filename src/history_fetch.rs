//! *Market → Update from the internet…* (with the history ticked) and `hashwatt history
//! update`: the months after the newest one this machine has, up to the last complete calendar
//! month, asked of a mempool.space-compatible API only when the user asks, and kept in
//! `<presets folder>/history/network-monthly-fetched.csv`. The answers are read and checked by
//! the core ([`crate::history::update`]); any failure keeps the stored file as it was.

use crate::history::update::{
    self, Answers, FetchSource, UpdatePlan, block_at, difficulty_adjustments, fee_groups,
    price_points,
};
use crate::history::{History, Month, MonthRecord};
use crate::market_fetch::{Client, FetchError, FetchOptions};
use crate::model::date::Date;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a whole history update may take: it asks one question per month boundary.
pub const TIMEOUT_S: u64 = 60;

/// What an update did.
#[derive(Clone, Debug, PartialEq)]
pub enum Updated {
    /// The history already ran to the last complete month: nothing asked, nothing written.
    UpToDate { newest: Month },
    /// These months were fetched and added to the file.
    Added {
        months: Vec<MonthRecord>,
        path: PathBuf,
        host: String,
    },
}

/// The options for a history update from `api_base`: its deadline is [`TIMEOUT_S`].
pub fn options_for(api_base: &str) -> Result<FetchOptions, FetchError> {
    let mut options = FetchOptions::for_base(api_base)?;
    options.timeout = Duration::from_secs(TIMEOUT_S);
    Ok(options)
}

/// Fetches the months `folder`'s history lacks, at the moment `now_s`, and adds them to the
/// fetched months' file (written atomically, whole, or not at all).
pub fn update(client: &Client, folder: Option<&Path>, now_s: i64) -> Result<Updated, FetchError> {
    match fetch_months(client, folder, now_s)? {
        Fetched::UpToDate { newest } => Ok(Updated::UpToDate { newest }),
        Fetched::Months { months, host } => {
            let path = save_months(folder, &months)?;
            Ok(Updated::Added { months, path, host })
        }
    }
}

/// What was fetched, before anything is stored.
#[derive(Clone, Debug, PartialEq)]
pub enum Fetched {
    UpToDate {
        newest: Month,
    },
    Months {
        months: Vec<MonthRecord>,
        host: String,
    },
}

/// Asks the API for the months `folder`'s history lacks, at the moment `now_s`; stores
/// nothing.
pub fn fetch_months(
    client: &Client,
    folder: Option<&Path>,
    now_s: i64,
) -> Result<Fetched, FetchError> {
    let folder = folder.ok_or(FetchError::NoFolder)?;
    let have = update::bundled_and_fetched(Some(folder)).map_err(FetchError::StoredHistory)?;
    let Some(plan) = UpdatePlan::new(have.last(), now_s) else {
        return Ok(Fetched::UpToDate {
            newest: have.last(),
        });
    };
    let answers = ask(client, &plan)?;
    let source = FetchSource {
        host: client.host().to_string(),
        fetched_on: Date::from_days_since_epoch(now_s.div_euclid(86_400)),
    };
    let months = update::build_months(&plan, &answers, &source).map_err(FetchError::Body)?;
    Ok(Fetched::Months {
        months,
        host: client.host().to_string(),
    })
}

/// Adds fetched months to the file after the ones already there (written atomically); the
/// file's path.
pub fn save_months(folder: Option<&Path>, months: &[MonthRecord]) -> Result<PathBuf, FetchError> {
    let folder = folder.ok_or(FetchError::NoFolder)?;
    let mut rows = update::read_fetched(folder).map_err(FetchError::StoredHistory)?;
    // Months fetched twice (two windows) are kept once: the newer answer wins.
    rows.retain(|r| months.first().is_none_or(|first| r.month < first.month));
    rows.extend(months.iter().cloned());
    let path = update::fetched_path(folder);
    let text = update::fetched_csv(&rows);
    // What is written must read back as the history it extends.
    let label = path.display().to_string();
    crate::history::parse_csv(&label, &text)
        .and_then(|parsed| History::builtin_ref().merged(parsed, &label))
        .map_err(FetchError::StoredHistory)?;
    crate::market_fetch::save_in_folder(&path, &text)?;
    Ok(path)
}

/// Every answer the plan needs, one request after another within the client's deadline.
fn ask(client: &Client, plan: &UpdatePlan) -> Result<Answers, FetchError> {
    let body_error = FetchError::Body;
    let (tip_url, body) = client.get(crate::market_api::TIP_HEIGHT_PATH)?;
    let tip = crate::market_api::tip_height(&tip_url, &body).map_err(body_error)?;
    let (adjustments_url, body) = client.get(update::DIFFICULTY_ADJUSTMENTS_PATH)?;
    let adjustments = difficulty_adjustments(&adjustments_url, &body).map_err(body_error)?;
    let boundaries_s = plan.boundaries_s();
    let (from_s, to_s) = (boundaries_s[0], boundaries_s[boundaries_s.len() - 1]);
    let (prices_url, body) = client.get(update::HISTORICAL_PRICE_PATH)?;
    let prices = price_points(&prices_url, &body, from_s, to_s).map_err(body_error)?;
    let (fees_url, body) = client.get(&update::fees_path(plan.fee_period))?;
    let fees = fee_groups(&fees_url, &body).map_err(body_error)?;
    let mut boundaries = Vec::with_capacity(boundaries_s.len());
    for moment_s in boundaries_s {
        let (url, body) = client.get(&update::block_at_path(moment_s))?;
        let block = block_at(&url, &body, moment_s).map_err(body_error)?;
        boundaries.push((url, block));
    }
    Ok(Answers {
        adjustments: (adjustments_url, adjustments),
        prices: (prices_url, prices),
        fees: (fees_url, fees),
        boundaries,
        tip: (tip_url, tip),
    })
}

/// Forgets the fetched months: deletes their file. Whether there was one.
pub fn forget(folder: Option<&Path>) -> std::io::Result<bool> {
    let Some(folder) = folder else {
        return Ok(false);
    };
    match std::fs::remove_file(update::fetched_path(folder)) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests;
