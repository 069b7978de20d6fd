//! Mining-map presets: where the network's hashrate was at one time, as shares by region preset.
//! Each snapshot names its source and grade; a share may name its own where it differs (a split
//! or a derived figure).

use crate::schema::Grade;
use serde::{Deserialize, Serialize};

/// How a map was made, which decides what it can be compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MapBasis {
    /// The Cambridge (CCAF) mining map: the IP addresses of miners at participating pools.
    PoolGeolocation,
    /// A survey of mining firms: shares of the surveyed firms' hashrate, not of the network.
    Survey,
}

/// One region's share of the network in a snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapShare {
    /// A region preset id.
    pub region: String,
    /// Percent of the global network hashrate.
    pub share_pct: f64,
    /// Where it differs from the snapshot's source (empty: the snapshot's).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Where it differs from the snapshot's grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MiningMapPreset {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_zh: String,
    /// The last day the snapshot describes, `YYYY-MM-DD` in the file (orders the snapshots).
    pub date: crate::model::date::Date,
    /// The period in words: "September 2019 to April 2020, average".
    pub period: String,
    pub basis: MapBasis,
    pub source: String,
    pub grade: Grade,
    pub shares: Vec<MapShare>,
    /// What the map covers and what it leaves out.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The file name it was imported from, and the day (`presets import`, *Import presets…*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_on: Option<crate::model::date::Date>,
}

impl MiningMapPreset {
    /// The shares summed, percent of the network.
    pub fn total_pct(&self) -> f64 {
        self.shares.iter().map(|s| s.share_pct).sum()
    }

    /// A share's source: its own, else the snapshot's.
    pub fn share_source<'a>(&'a self, share: &'a MapShare) -> &'a str {
        if share.source.trim().is_empty() {
            &self.source
        } else {
            &share.source
        }
    }

    /// A share's grade: its own, else the snapshot's.
    pub fn share_grade(&self, share: &MapShare) -> Grade {
        share.grade.unwrap_or(self.grade)
    }

    /// Whether the map describes the whole network (pool-based) rather than a survey's firms.
    pub fn comparable(&self) -> bool {
        self.basis == MapBasis::PoolGeolocation
    }
}

/// How far past 100 % the shares may sum (rounding in the published figures).
pub const TOTAL_TOLERANCE_PCT: f64 = 0.1;

#[cfg(test)]
mod tests {
    use super::super::{PresetKind, PresetLibrary};

    fn add(text: &str) -> Result<(), String> {
        let mut library = PresetLibrary::builtin();
        library
            .try_add_text(PresetKind::MiningMap, "test.ron", text)
            .map_err(|e| e.to_string())
    }

    fn map(shares: &str) -> String {
        format!(
            r#"(id: "test", name: "Test", date: "2023-01-31", period: "January 2023",
                basis: PoolGeolocation, source: "A source", grade: Secondary, shares: [{shares}])"#
        )
    }

    #[test]
    fn a_valid_map_loads() {
        add(&map(
            r#"(region: "united-states", share_pct: 40), (region: "china", share_pct: 60.05, grade: Estimate)"#,
        ))
        .unwrap();
    }

    #[test]
    fn shares_name_known_regions_once_and_sum_to_at_most_100() {
        let err = add(&map(r#"(region: "atlantis", share_pct: 10)"#)).unwrap_err();
        assert!(
            err.contains("shares[0].region") && err.contains("unknown region \"atlantis\""),
            "{err}"
        );
        let err = add(&map(
            r#"(region: "china", share_pct: 10), (region: "china", share_pct: 5)"#,
        ))
        .unwrap_err();
        assert!(
            err.contains("shares[1].region") && err.contains("twice"),
            "{err}"
        );
        let err = add(&map(r#"(region: "china", share_pct: 101)"#)).unwrap_err();
        assert!(err.contains("shares[0].share_pct"), "{err}");
        let err = add(&map(r#"(region: "china", share_pct: -1)"#)).unwrap_err();
        assert!(err.contains("shares[0].share_pct"), "{err}");
        let err = add(&map(
            r#"(region: "china", share_pct: 60), (region: "united-states", share_pct: 40.2)"#,
        ))
        .unwrap_err();
        assert!(
            err.contains("shares:") && err.contains("at most 100"),
            "{err}"
        );
    }

    #[test]
    fn every_figure_needs_a_source() {
        let text = map(r#"(region: "china", share_pct: 10)"#).replace("A source", " ");
        let err = add(&text).unwrap_err();
        assert!(err.contains("source"), "{err}");
        let err =
            add(&map(r#"(region: "china", share_pct: 10)"#).replace("2023-01-31", "Jan 2023"))
                .unwrap_err();
        assert!(err.contains("date"), "{err}");
    }

    #[test]
    fn an_impossible_date_is_refused_where_it_is_written() {
        let text = map(r#"(region: "china", share_pct: 10)"#);
        for (bad, why) in [
            ("2023-02-31", "month 02 of 2023 has 28 days"),
            ("0000-01-31", "the year must be from 1900 to 2200"),
        ] {
            let err = add(&text.replace("2023-01-31", bad)).unwrap_err();
            assert_eq!(
                err,
                format!("test.ron:1:35: date: \"{bad}\" is not allowed; {why}")
            );
        }
    }
}
