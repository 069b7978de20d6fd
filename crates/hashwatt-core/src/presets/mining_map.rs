//! Mining-map presets (their types and tolerance are in `crate::preset_types`, their checks in
//! `crate::preset_checks`): the checks' tests.

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
