//! Today's market from a mempool.space-compatible API: the endpoints asked, and pure functions
//! that read their answers into checked figures and a dated market snapshot. The requests
//! themselves are the app's (`hashwatt::market_fetch`): the core never touches the network.
//!
//! The shapes follow the API's published reference (mempool.space, *REST API*): `GET
//! /api/v1/prices` is an object of prices by currency code (`USD`, a number; an unknown price
//! is -1); `GET /api/v1/mining/hashrate/3d` has `currentHashrate` (H/s) and `currentDifficulty`
//! beside the daily history; `GET /api/blocks/tip/height` is a bare integer; `GET
//! /api/v1/mining/blocks/fees/1w` is a list of `{avgHeight, timestamp, avgFees}`, `avgFees` in
//! satoshis per block.

use crate::i18n::{Lang, fill, strings};
use crate::model::date::Date;
use crate::model::limits::{self, Limit};
use crate::model::{NetworkSpec, SubsidySpec};
use crate::preset_types::{Figure, Grade, MarketPreset};
use serde::Serialize;
use serde_json::Value;

/// The API asked when the user names no other.
pub const DEFAULT_API_BASE: &str = "https://mempool.space";
pub const PRICES_PATH: &str = "/api/v1/prices";
pub const HASHRATE_PATH: &str = "/api/v1/mining/hashrate/3d";
pub const TIP_HEIGHT_PATH: &str = "/api/blocks/tip/height";
pub const BLOCK_FEES_PATH: &str = "/api/v1/mining/blocks/fees/1w";
/// How long the whole update may take before it is given up, seconds.
pub const TIMEOUT_S: u64 = 10;

pub(crate) const SATS_PER_BTC: f64 = 1e8;
const HS_PER_EHS: f64 = 1e18;

/// Fees of one block in satoshis: 0 to 10,000 BTC, as [`limits::FEES_BTC_PER_BLOCK`].
pub(crate) const FEES_SATS: Limit = Limit {
    min: 0.0,
    max: 1e12,
    min_exclusive: false,
    integer: false,
    unit: "sat",
};

mod problem;
pub use problem::*;

/// The object's field `key` as a number, positive and within `limit` (after `scale`).
fn positive_number(
    url: &str,
    object: &Value,
    field: &str,
    scale: f64,
    limit: Limit,
) -> Result<f64, BodyError> {
    let fail = |problem| BodyError {
        url: url.to_string(),
        problem,
    };
    let value = object.get(field).ok_or_else(|| {
        fail(ApiProblem::Missing {
            field: field.to_string(),
        })
    })?;
    let number = value.as_f64().ok_or_else(|| {
        fail(ApiProblem::WrongType {
            field: field.to_string(),
            found: shown(value),
            expected: Expected::Number,
        })
    })?;
    if !number.is_finite() {
        // A value, not the parser's words: no place to give.
        return Err(fail(ApiProblem::NotFinite {
            detail: shown(value),
            line: 0,
            column: 0,
        }));
    }
    if number <= 0.0 {
        return Err(fail(ApiProblem::NotPositive {
            field: field.to_string(),
            value: shown(value),
        }));
    }
    if !limit.contains(number / scale) {
        return Err(fail(ApiProblem::OutOfRange {
            field: field.to_string(),
            value: shown(value),
            // In the API's own unit, as the value shown: the hashrate comes in H/s.
            limit: Limit {
                min: limit.min * scale,
                max: limit.max * scale,
                unit: if scale == HS_PER_EHS {
                    "H/s"
                } else {
                    limit.unit
                },
                ..limit
            },
        }));
    }
    Ok(number / scale)
}

fn object<'a>(url: &str, value: &'a Value) -> Result<&'a Value, BodyError> {
    if value.is_object() {
        Ok(value)
    } else {
        Err(BodyError {
            url: url.to_string(),
            problem: ApiProblem::WrongType {
                field: "/".to_string(),
                found: shown(value),
                expected: Expected::Object,
            },
        })
    }
}

/// `GET /api/v1/prices` → the BTC price in USD (`USD`).
pub fn price_usd(url: &str, body: &str) -> Result<f64, BodyError> {
    let value = json(url, body)?;
    positive_number(url, object(url, &value)?, "USD", 1.0, limits::BTC_PRICE_USD)
}

/// The network as `GET /api/v1/mining/hashrate/3d` gives it now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NetworkNow {
    pub hashrate_ehs: f64,
    pub difficulty: f64,
}

/// `GET /api/v1/mining/hashrate/3d` → `currentHashrate` (H/s, here in EH/s) and
/// `currentDifficulty`.
pub fn network_now(url: &str, body: &str) -> Result<NetworkNow, BodyError> {
    let value = json(url, body)?;
    let object = object(url, &value)?;
    Ok(NetworkNow {
        hashrate_ehs: positive_number(
            url,
            object,
            "currentHashrate",
            HS_PER_EHS,
            limits::NETWORK_HASHRATE_EHS,
        )?,
        difficulty: positive_number(url, object, "currentDifficulty", 1.0, limits::DIFFICULTY)?,
    })
}

/// `GET /api/blocks/tip/height` → the height of the newest block (a bare integer).
pub fn tip_height(url: &str, body: &str) -> Result<u64, BodyError> {
    let value = json(url, body)?;
    let fail = |problem| BodyError {
        url: url.to_string(),
        problem,
    };
    let field = "height";
    match value.as_u64() {
        Some(height) if limits::BLOCK_HEIGHT.contains(height as f64) => Ok(height),
        Some(_) => Err(fail(ApiProblem::OutOfRange {
            field: field.to_string(),
            value: shown(&value),
            limit: limits::BLOCK_HEIGHT,
        })),
        None => match value.as_f64() {
            Some(v) if v < 0.0 => Err(fail(ApiProblem::OutOfRange {
                field: field.to_string(),
                value: shown(&value),
                limit: limits::BLOCK_HEIGHT,
            })),
            _ => Err(fail(ApiProblem::WrongType {
                field: field.to_string(),
                found: shown(&value),
                expected: Expected::Whole,
            })),
        },
    }
}

/// The fees of the last week's blocks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeekFees {
    /// The mean of the `avgFees` values, BTC per block.
    pub mean_btc_per_block: f64,
    /// How many values were averaged.
    pub count: usize,
}

/// `GET /api/v1/mining/blocks/fees/1w` → the mean of the `avgFees` (satoshis per block).
pub fn week_fees(url: &str, body: &str) -> Result<WeekFees, BodyError> {
    let value = json(url, body)?;
    let fail = |problem| BodyError {
        url: url.to_string(),
        problem,
    };
    let list = value.as_array().ok_or_else(|| {
        fail(ApiProblem::WrongType {
            field: "/".to_string(),
            found: shown(&value),
            expected: Expected::List,
        })
    })?;
    if list.is_empty() {
        return Err(fail(ApiProblem::NoBlocks));
    }
    let mut total_sats = 0.0;
    for (i, entry) in list.iter().enumerate() {
        let field = format!("[{i}].avgFees");
        let entry = if entry.is_object() {
            entry
        } else {
            return Err(fail(ApiProblem::WrongType {
                field: format!("[{i}]"),
                found: shown(entry),
                expected: Expected::Object,
            }));
        };
        let fees = entry.get("avgFees").ok_or_else(|| {
            fail(ApiProblem::Missing {
                field: field.clone(),
            })
        })?;
        let sats = fees.as_f64().ok_or_else(|| {
            fail(ApiProblem::WrongType {
                field: field.clone(),
                found: shown(fees),
                expected: Expected::Number,
            })
        })?;
        if !FEES_SATS.contains(sats) {
            return Err(fail(ApiProblem::OutOfRange {
                field,
                value: shown(fees),
                limit: FEES_SATS,
            }));
        }
        total_sats += sats;
    }
    Ok(WeekFees {
        mean_btc_per_block: total_sats / list.len() as f64 / SATS_PER_BTC,
        count: list.len(),
    })
}

/// The genesis block's time, 2009-01-03T18:15:05Z, seconds since 1970.
const GENESIS_UNIX_S: u64 = 1_231_006_505;
/// Blocks come every 600 s on average; none has sustained one every 300 s since genesis, so a
/// height above that pace is wrong whatever the clock's small errors.
const FASTEST_BLOCK_S: u64 = 300;
/// Hashes per unit of difficulty per block interval: hashrate = difficulty × 2^32 / 600 s.
const HASHES_PER_DIFFICULTY_PER_S: f64 = 4_294_967_296.0 / 600.0;
const SECONDS_PER_YEAR: f64 = 365.25 * 86_400.0;

/// The bounds a fetched market must keep to before it can become the default market, which
/// every later report uses: a test instance, a bug or a hostile host can answer well-formed
/// nonsense. They are anchored on the newest built-in snapshot and the clock.
#[derive(Clone, Debug, PartialEq)]
pub struct Plausible {
    /// The anchoring snapshot's id, for messages.
    pub snapshot: String,
    pub snapshot_difficulty: f64,
    pub min_difficulty: f64,
    pub max_difficulty: f64,
    /// The chain never shrinks below a height already published.
    pub min_height: u64,
    pub max_height: u64,
}

impl Plausible {
    /// The bounds at `now_s` (seconds since 1970) from the built-in snapshot `newest`.
    pub fn new(newest: &MarketPreset, now_s: u64) -> Plausible {
        let snapshot_s = u64::try_from(newest.date.days_since_epoch() * 86_400).unwrap_or(0);
        // A clock set before the snapshot is wrong; the snapshot's day is the earliest "now".
        let now_s = now_s.max(snapshot_s);
        let snapshot_difficulty = match newest.network.value {
            NetworkSpec::Difficulty(d) => d,
            NetworkSpec::HashrateEhs(ehs) => ehs * HS_PER_EHS / HASHES_PER_DIFFICULTY_PER_S,
        };
        let min_height = match newest.subsidy.value {
            SubsidySpec::BlockHeight(h) => h,
            SubsidySpec::Btc(_) => 0,
        };
        // Difficulty has never fallen to a tenth within years (the 2021 mining ban took about
        // half), nor grown more than about fourfold a year since ASICs matured: a tenth to ten
        // times the snapshot, the ceiling rising fourfold a year after it, keeps this working
        // for years without a new release while refusing 1 or 1e24.
        let years = (now_s - snapshot_s) as f64 / SECONDS_PER_YEAR;
        Plausible {
            snapshot: newest.id.clone(),
            snapshot_difficulty,
            min_difficulty: snapshot_difficulty / 10.0,
            max_difficulty: snapshot_difficulty * 10.0 * 4f64.powf(years),
            min_height,
            max_height: now_s.saturating_sub(GENESIS_UNIX_S) / FASTEST_BLOCK_S,
        }
    }

    /// The bounds now, from the newest built-in snapshot.
    pub fn builtin(now_s: u64) -> Plausible {
        let library = crate::presets::PresetLibrary::builtin();
        let newest = library
            .newest_market()
            .expect("the built-in presets have market snapshots");
        Plausible::new(newest, now_s)
    }

    /// A BTC price of at least 1 USD.
    pub fn price(&self, url: &str, price_usd: f64) -> Result<(), BodyError> {
        if price_usd >= 1.0 {
            return Ok(());
        }
        Err(implausible(
            url,
            "USD",
            price_usd,
            Implausible::PriceBelowOneDollar,
        ))
    }

    /// A difficulty within the bounds, and a hashrate within a factor of two of the one it
    /// implies.
    pub fn network(&self, url: &str, network: NetworkNow) -> Result<(), BodyError> {
        let d = network.difficulty;
        if !(self.min_difficulty..=self.max_difficulty).contains(&d) {
            return Err(implausible(
                url,
                "currentDifficulty",
                d,
                Implausible::DifficultyOutOfBounds {
                    min: shown_f64(self.min_difficulty),
                    max: shown_f64(self.max_difficulty),
                    snapshot: self.snapshot.clone(),
                    snapshot_difficulty: shown_f64(self.snapshot_difficulty),
                },
            ));
        }
        let implied_ehs = d * HASHES_PER_DIFFICULTY_PER_S / HS_PER_EHS;
        let ratio = network.hashrate_ehs / implied_ehs;
        if (0.5..=2.0).contains(&ratio) {
            return Ok(());
        }
        Err(implausible(
            url,
            "currentHashrate",
            network.hashrate_ehs * HS_PER_EHS,
            Implausible::HashrateVsDifficulty {
                difficulty: shown_f64(d),
                implied_ehs: crate::format::number(implied_ehs),
            },
        ))
    }

    /// A height from the snapshot's to what the clock allows.
    pub fn height(&self, url: &str, height: u64) -> Result<(), BodyError> {
        let why = if height < self.min_height {
            Implausible::HeightBelowSnapshot {
                min: self.min_height.to_string(),
                snapshot: self.snapshot.clone(),
            }
        } else if height > self.max_height {
            Implausible::HeightAboveClock {
                max: self.max_height.to_string(),
            }
        } else {
            return Ok(());
        };
        Err(BodyError {
            url: url.to_string(),
            problem: ApiProblem::Implausible {
                field: "height".to_string(),
                value: height.to_string(),
                why: Box::new(why),
            },
        })
    }
}

fn implausible(url: &str, field: &str, value: f64, why: Implausible) -> BodyError {
    BodyError {
        url: url.to_string(),
        problem: ApiProblem::Implausible {
            field: field.to_string(),
            value: shown_f64(value),
            why: Box::new(why),
        },
    }
}

/// A number for a message: plain digits where they stay short, else `1e-300`, `1e24`.
fn shown_f64(x: f64) -> String {
    if (0.01..1e16).contains(&x.abs()) {
        let digits = if x.fract() == 0.0 || x.abs() >= 1e6 {
            0
        } else {
            2
        };
        format!("{x:.digits$}")
    } else {
        format!("{x:e}")
    }
}

/// Today's market as fetched. Its JSON keys are `hashwatt market fetch --json`'s contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FetchedMarket {
    pub btc_price_usd: f64,
    pub difficulty: f64,
    pub network_hashrate_ehs: f64,
    pub block_height: u64,
    pub fees_btc_per_block: f64,
    /// When the answers came, RFC 3339 in UTC.
    pub fetched_at: String,
    /// The API's base address.
    pub source: String,
    /// How many blocks' fees were averaged (in the snapshot's source, not the JSON).
    #[serde(skip)]
    pub fee_blocks: usize,
    /// The day of `fetched_at` (UTC): the snapshot's date and id.
    #[serde(skip)]
    pub date: Date,
}

impl FetchedMarket {
    /// Puts the four answers together, fetched at `unix_s` from the API at `source`.
    pub fn new(
        source: &str,
        unix_s: u64,
        price_usd: f64,
        network: NetworkNow,
        height: u64,
        fees: WeekFees,
    ) -> FetchedMarket {
        FetchedMarket {
            btc_price_usd: price_usd,
            difficulty: network.difficulty,
            network_hashrate_ehs: network.hashrate_ehs,
            block_height: height,
            fees_btc_per_block: fees.mean_btc_per_block,
            fetched_at: rfc3339(unix_s),
            source: without_credentials(source),
            fee_blocks: fees.count,
            date: Date::from_days_since_epoch((unix_s / 86_400) as i64),
        }
    }

    /// The snapshot's id, and its file's name without `.ron`: the day, `YYYY-MM-DD`. A second
    /// update on the same day replaces the first.
    pub fn snapshot_id(&self) -> String {
        self.date.to_string()
    }

    /// The dated market snapshot: the difficulty (the engine derives the hashrate from it), the
    /// block height (which places the subsidy and the halvings), the week's mean fees, each
    /// sourced to its URL and time.
    pub fn snapshot(&self) -> MarketPreset {
        let en = &strings(Lang::En).market;
        let zh = &strings(Lang::Zh).market;
        let host = host_of(&self.source);
        let date = self.snapshot_id();
        let year = u16::try_from(self.date.year).unwrap_or(0);
        let sourced = |path: &str, field: &str| {
            fill(
                en.snapshot_source,
                &[
                    ("url", &format!("{}{path}", self.source)),
                    ("field", field),
                    ("fetched_at", &self.fetched_at),
                ],
            )
        };
        fn figure<T>(value: T, source: String, year: u16) -> Figure<T> {
            Figure {
                value,
                source,
                year,
                grade: Grade::Secondary,
                note: String::new(),
            }
        }
        MarketPreset {
            id: date.clone(),
            name: fill(en.snapshot_name, &[("date", &date), ("host", host)]),
            name_zh: fill(zh.snapshot_name, &[("date", &date), ("host", host)]),
            date: self.date,
            btc_price_usd: figure(self.btc_price_usd, sourced(PRICES_PATH, "USD"), year),
            network: figure(
                NetworkSpec::Difficulty(self.difficulty),
                sourced(HASHRATE_PATH, "currentDifficulty"),
                year,
            ),
            subsidy: figure(
                SubsidySpec::BlockHeight(self.block_height),
                sourced(TIP_HEIGHT_PATH, "height"),
                year,
            ),
            fees_btc_per_block: figure(
                self.fees_btc_per_block,
                fill(
                    en.snapshot_fees_source,
                    &[
                        ("url", &format!("{}{BLOCK_FEES_PATH}", self.source)),
                        ("count", &self.fee_blocks.to_string()),
                        ("fetched_at", &self.fetched_at),
                    ],
                ),
                year,
            ),
            note: fill(
                en.snapshot_note,
                &[
                    ("source", &self.source),
                    ("fetched_at", &self.fetched_at),
                    ("ehs", &format!("{:.1}", self.network_hashrate_ehs)),
                ],
            ),
            imported_from: None,
            imported_on: None,
        }
    }
}

/// The figures in words, label and value, as the command line's table and the window's review
/// show them: price, difficulty, hashrate, height, fees, then when and where from.
pub fn figure_rows(market: &FetchedMarket, lang: Lang) -> Vec<(&'static str, String)> {
    use crate::format::{fixed, number, usd};
    let t = &strings(lang).market;
    vec![
        (t.label_btc_price, usd(market.btc_price_usd)),
        (t.label_difficulty, fixed(market.difficulty, 0)),
        (
            t.label_network_hashrate,
            format!("{} EH/s", number(market.network_hashrate_ehs)),
        ),
        (t.label_block_height, fixed(market.block_height as f64, 0)),
        (
            t.label_fees,
            format!("{} BTC", fixed(market.fees_btc_per_block, 4)),
        ),
        (t.label_fetched_at, market.fetched_at.clone()),
        (t.label_source, market.source.clone()),
    ]
}

/// `2026-08-07T10:15:30Z` for seconds since 1970 (UTC).
pub fn rfc3339(unix_s: u64) -> String {
    let date = Date::from_days_since_epoch((unix_s / 86_400) as i64);
    let seconds = unix_s % 86_400;
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// An address without its user info: `https://node.lan/` for `https://user:pass@node.lan/`.
/// Everything hashwatt stores or prints goes through this, so a password given in an address
/// reaches no snapshot, note, report or message.
pub fn without_credentials(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, url),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    match scheme {
        Some(scheme) => format!("{scheme}://{host}{tail}"),
        None => format!("{host}{tail}"),
    }
}

/// The host (and port) of an address: `mempool.space` for `https://mempool.space/`.
pub fn host_of(base: &str) -> &str {
    let rest = base.split_once("://").map_or(base, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    // Credentials never reach a message or a file.
    authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host)
}

#[cfg(test)]
mod tests;
