//! The API's answers read into checked values: each reader names the address and the field
//! of anything it refuses (malformed, out of order, beyond the retarget rule, implausible).

use crate::market_api::{ApiProblem, BodyError, Expected, FEES_SATS, Implausible, json, shown};
use crate::model::limits::{self, Limit};
use serde_json::Value;

/// One difficulty adjustment: from `time_s` on, blocks from `height` on are mined at
/// `difficulty`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Adjustment {
    pub time_s: i64,
    pub height: u64,
    pub difficulty: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PricePoint {
    pub time_s: i64,
    pub usd: f64,
}

/// One of the API's fee groups: the mean fees per block of the blocks around `avg_height`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FeeGroup {
    pub avg_height: f64,
    pub time_s: i64,
    pub avg_fees_sats: f64,
}

/// The last block at or before a moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BlockAt {
    pub height: u64,
    pub time_s: i64,
}

pub(super) fn fail(url: &str, problem: ApiProblem) -> BodyError {
    BodyError {
        url: url.to_string(),
        problem,
    }
}

pub(super) fn implausible(url: &str, field: String, value: String, why: Implausible) -> BodyError {
    fail(
        url,
        ApiProblem::Implausible {
            field,
            value,
            why: Box::new(why),
        },
    )
}

fn list<'a>(url: &str, value: &'a Value, field: &str) -> Result<&'a Vec<Value>, BodyError> {
    value.as_array().ok_or_else(|| {
        fail(
            url,
            ApiProblem::WrongType {
                field: field.to_string(),
                found: shown(value),
                expected: Expected::List,
            },
        )
    })
}

/// The field's value, or the answer's missing field named.
fn present<'v>(url: &str, value: Option<&'v Value>, field: &str) -> Result<&'v Value, BodyError> {
    value.ok_or_else(|| {
        fail(
            url,
            ApiProblem::Missing {
                field: field.to_string(),
            },
        )
    })
}

fn number(url: &str, value: Option<&Value>, field: String) -> Result<f64, BodyError> {
    let value = present(url, value, &field)?;
    value.as_f64().filter(|n| n.is_finite()).ok_or_else(|| {
        fail(
            url,
            ApiProblem::WrongType {
                field,
                found: shown(value),
                expected: Expected::Number,
            },
        )
    })
}

fn whole(url: &str, value: Option<&Value>, field: String) -> Result<u64, BodyError> {
    let value = present(url, value, &field)?;
    value.as_u64().ok_or_else(|| {
        fail(
            url,
            ApiProblem::WrongType {
                field,
                found: shown(value),
                expected: Expected::Whole,
            },
        )
    })
}

/// A number checked against `limit`, named by `field`.
pub(super) fn within(url: &str, field: String, value: f64, limit: Limit) -> Result<f64, BodyError> {
    if limit.contains(value) {
        Ok(value)
    } else {
        Err(fail(
            url,
            ApiProblem::OutOfRange {
                field,
                value: crate::format::data_number(value),
                limit,
            },
        ))
    }
}

/// A time as the messages show it.
pub fn shown_time(unix_s: i64) -> String {
    crate::market_api::rfc3339(unix_s.max(0) as u64)
}

/// The difficulty adjustments, oldest first. They must come newest first, each within the
/// retarget rule's factor of 4 of the one before.
pub fn difficulty_adjustments(url: &str, body: &str) -> Result<Vec<Adjustment>, BodyError> {
    let value = json(url, body)?;
    let entries = list(url, &value, "/")?;
    if entries.is_empty() {
        return Err(fail(url, ApiProblem::NoBlocks));
    }
    let mut adjustments = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let cells = list(url, entry, &format!("[{i}]"))?;
        let time_s = whole(url, cells.first(), format!("[{i}][0]"))? as i64;
        let height = whole(url, cells.get(1), format!("[{i}][1]"))?;
        let difficulty = number(url, cells.get(2), format!("[{i}][2]"))?;
        let difficulty = within(
            url,
            format!("[{i}][2]"),
            difficulty,
            limits::HISTORY_DIFFICULTY,
        )?;
        if let Some(newer) = adjustments.last() {
            let newer: &Adjustment = newer;
            if time_s >= newer.time_s || height >= newer.height {
                return Err(implausible(
                    url,
                    format!("[{i}][0]"),
                    time_s.to_string(),
                    Implausible::TimeOrder {
                        previous: newer.time_s.to_string(),
                    },
                ));
            }
            // Each newer difficulty is within a factor of 4 of the one it follows.
            let ratio = newer.difficulty / difficulty;
            if !(0.25 - 1e-9..=4.0 + 1e-9).contains(&ratio) {
                return Err(implausible(
                    url,
                    format!("[{}][2]", i - 1),
                    crate::format::data_number(newer.difficulty),
                    Implausible::DifficultyStep {
                        ratio: crate::format::fixed(ratio, 2),
                        previous: crate::format::data_number(difficulty),
                    },
                ));
            }
        }
        adjustments.push(Adjustment {
            time_s,
            height,
            difficulty,
        });
    }
    adjustments.reverse();
    Ok(adjustments)
}

/// The USD price points, oldest first. They must run in one time order; a point inside
/// `[from_s, to_s)` (the months asked) must be a positive price.
pub fn price_points(
    url: &str,
    body: &str,
    from_s: i64,
    to_s: i64,
) -> Result<Vec<PricePoint>, BodyError> {
    let value = json(url, body)?;
    if !value.is_object() {
        return Err(fail(
            url,
            ApiProblem::WrongType {
                field: "/".to_string(),
                found: shown(&value),
                expected: Expected::Object,
            },
        ));
    }
    let entries = list(url, present(url, value.get("prices"), "prices")?, "prices")?;
    let mut points: Vec<PricePoint> = Vec::with_capacity(entries.len());
    let mut descending = None;
    for (i, entry) in entries.iter().enumerate() {
        let time_s = whole(url, entry.get("time"), format!("prices[{i}].time"))? as i64;
        let usd = number(url, entry.get("USD"), format!("prices[{i}].USD"))?;
        if let Some(before) = points.last() {
            let down = time_s < before.time_s;
            if time_s == before.time_s || *descending.get_or_insert(down) != down {
                return Err(implausible(
                    url,
                    format!("prices[{i}].time"),
                    time_s.to_string(),
                    Implausible::TimeOrder {
                        previous: before.time_s.to_string(),
                    },
                ));
            }
        }
        if (from_s..to_s).contains(&time_s) {
            if usd <= 0.0 {
                return Err(fail(
                    url,
                    ApiProblem::NotPositive {
                        field: format!("prices[{i}].USD"),
                        value: shown(&entry["USD"]),
                    },
                ));
            }
            within(
                url,
                format!("prices[{i}].USD"),
                usd,
                limits::HISTORY_BTC_PRICE_USD,
            )?;
        }
        points.push(PricePoint { time_s, usd });
    }
    if descending == Some(true) {
        points.reverse();
    }
    Ok(points)
}

/// The fee groups, oldest first (as the API gives them).
pub fn fee_groups(url: &str, body: &str) -> Result<Vec<FeeGroup>, BodyError> {
    let value = json(url, body)?;
    let entries = list(url, &value, "/")?;
    let mut groups: Vec<FeeGroup> = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let avg_height = number(url, entry.get("avgHeight"), format!("[{i}].avgHeight"))?;
        let time_s = whole(url, entry.get("timestamp"), format!("[{i}].timestamp"))? as i64;
        let fees = number(url, entry.get("avgFees"), format!("[{i}].avgFees"))?;
        let avg_fees_sats = within(url, format!("[{i}].avgFees"), fees, FEES_SATS)?;
        if let Some(before) = groups.last()
            && (time_s <= before.time_s || avg_height <= before.avg_height)
        {
            return Err(implausible(
                url,
                format!("[{i}].timestamp"),
                time_s.to_string(),
                Implausible::TimeOrder {
                    previous: before.time_s.to_string(),
                },
            ));
        }
        groups.push(FeeGroup {
            avg_height,
            time_s,
            avg_fees_sats,
        });
    }
    Ok(groups)
}

/// The last block at or before `moment_s`; it may not be dated after it.
pub fn block_at(url: &str, body: &str, moment_s: i64) -> Result<BlockAt, BodyError> {
    let value = json(url, body)?;
    let height = whole(url, value.get("height"), "height".to_string())?;
    within(
        url,
        "height".to_string(),
        height as f64,
        limits::BLOCK_HEIGHT,
    )?;
    let stamp = present(url, value.get("timestamp"), "timestamp")?.clone();
    // An ISO 8601 time, or seconds since 1970 as other instances give it.
    let time_s = match &stamp {
        Value::String(text) => iso_seconds(text),
        other => other.as_i64(),
    }
    .ok_or_else(|| {
        fail(
            url,
            ApiProblem::WrongType {
                field: "timestamp".to_string(),
                found: shown(&stamp),
                expected: Expected::Number,
            },
        )
    })?;
    if time_s > moment_s {
        return Err(implausible(
            url,
            "timestamp".to_string(),
            shown(&stamp),
            Implausible::AfterMoment {
                moment: shown_time(moment_s),
            },
        ));
    }
    Ok(BlockAt { height, time_s })
}

/// `2026-01-01T00:00:00.000Z` → seconds since 1970; a fraction of a second is dropped.
fn iso_seconds(text: &str) -> Option<i64> {
    let text = text.trim();
    let whole = match text.find('.') {
        Some(dot) => {
            let digits = text[dot + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            format!("{}{}", &text[..dot], &text[dot + 1 + digits..])
        }
        None => text.to_string(),
    };
    crate::price_series::parse_timestamp(&whole).map(|(s, _)| s)
}
