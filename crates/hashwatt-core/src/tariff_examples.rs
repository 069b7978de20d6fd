//! Time-of-use tariffs to start from in the window's tariff editor. **None is a utility's
//! tariff: each is illustrative**, a shape to edit, and its note (in the string tables) says so
//! and where the shape comes from. Their periods are named in the language of the window.

use crate::i18n::{self, Lang};
use crate::model::tariff::{Tariff, TariffPeriod, Weekday};

/// An example tariff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TariffExample {
    /// One price every hour of the year. Illustrative: 50 USD/MWh.
    Flat,
    /// Weekdays 07:00–23:00 at 90 USD/MWh, every other hour at 40. Illustrative: the shape of
    /// many two-period tariffs, not any utility's prices.
    PeakOffPeak,
    /// Texas four-coincident-peak (4CP) avoidance: weekday afternoons of June–September,
    /// 15:00–19:00 US Central standard time, at 300 USD/MWh; every other hour at 45. In ERCOT a
    /// large load's transmission charges follow its load in the 15-minute system peak of each of
    /// those four months, usually a weekday late afternoon, so sites switch off then. The window
    /// and the prices are illustrative.
    TexasSummerPeak,
}

const WORKDAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

impl TariffExample {
    pub const ALL: [TariffExample; 3] = [
        TariffExample::Flat,
        TariffExample::PeakOffPeak,
        TariffExample::TexasSummerPeak,
    ];

    /// Its name, in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        let t = &i18n::strings(lang).editors;
        match self {
            TariffExample::Flat => t.example_flat,
            TariffExample::PeakOffPeak => t.example_peak,
            TariffExample::TexasSummerPeak => t.example_texas,
        }
    }

    /// One line: what it is and where its figures come from (each says "illustrative").
    pub fn note(self, lang: Lang) -> &'static str {
        let t = &i18n::strings(lang).editors;
        match self {
            TariffExample::Flat => t.example_flat_note,
            TariffExample::PeakOffPeak => t.example_peak_note,
            TariffExample::TexasSummerPeak => t.example_texas_note,
        }
    }

    /// The tariff laid on `year`, its periods named in `lang`.
    pub fn tariff(self, year: i32, lang: Lang) -> Tariff {
        let t = &i18n::strings(lang).editors;
        let all_hours = |name: &str, price_usd_mwh: f64| TariffPeriod {
            name: name.to_string(),
            price_usd_mwh,
            ..TariffPeriod::default()
        };
        match self {
            TariffExample::Flat => Tariff {
                year,
                utc_offset_minutes: 0,
                periods: vec![all_hours(t.period_all_hours, 50.0)],
            },
            TariffExample::PeakOffPeak => Tariff {
                year,
                utc_offset_minutes: 0,
                periods: vec![
                    TariffPeriod {
                        name: t.period_peak.to_string(),
                        weekdays: WORKDAYS.to_vec(),
                        hours: vec![(7, 23)],
                        price_usd_mwh: 90.0,
                        ..TariffPeriod::default()
                    },
                    all_hours(t.period_off_peak, 40.0),
                ],
            },
            TariffExample::TexasSummerPeak => Tariff {
                year,
                // US Central standard time: 15:00–19:00 is 16:00–20:00 daylight time.
                utc_offset_minutes: -360,
                periods: vec![
                    TariffPeriod {
                        name: t.period_4cp_window.to_string(),
                        months: vec![6, 7, 8, 9],
                        weekdays: WORKDAYS.to_vec(),
                        hours: vec![(15, 19)],
                        price_usd_mwh: 300.0,
                    },
                    all_hours(t.period_off_peak, 45.0),
                ],
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_passes_the_file_readers_checks_and_says_it_is_illustrative() {
        for example in TariffExample::ALL {
            for lang in Lang::ALL {
                let tariff = example.tariff(2025, lang);
                assert!(
                    crate::dispatch_doc::check_tariff(&tariff).is_ok(),
                    "{example:?}"
                );
                assert!(!example.name(lang).is_empty());
            }
            assert!(example.note(Lang::En).starts_with("Illustrative"));
            assert!(example.note(Lang::Zh).starts_with("示意"));
        }
    }

    #[test]
    fn the_examples_price_the_hours_they_say() {
        // 2025-07-01 was a Tuesday; 2025-07-05 a Saturday.
        let hour = |day: usize, h: usize| (31 + 28 + 31 + 30 + 31 + 30 + day - 1) * 24 + h;
        let flat = TariffExample::Flat.tariff(2025, Lang::En).expand(99.0);
        assert!(flat.price_usd_per_mwh.iter().all(|&p| p == 50.0));
        let peak = TariffExample::PeakOffPeak
            .tariff(2025, Lang::En)
            .expand(99.0);
        let p = &peak.price_usd_per_mwh;
        assert_eq!(
            (p[hour(1, 6)], p[hour(1, 7)], p[hour(1, 22)]),
            (40.0, 90.0, 90.0)
        );
        assert_eq!((p[hour(1, 23)], p[hour(5, 12)]), (40.0, 40.0));
        let texas = TariffExample::TexasSummerPeak
            .tariff(2025, Lang::En)
            .expand(99.0);
        let p = &texas.price_usd_per_mwh;
        assert_eq!(
            (p[hour(1, 14)], p[hour(1, 15)], p[hour(1, 18)]),
            (45.0, 300.0, 300.0)
        );
        assert_eq!((p[hour(1, 19)], p[hour(5, 16)], p[16]), (45.0, 45.0, 45.0));
        // Four hours on each of the 87 weekdays of June to September 2025.
        assert_eq!(p.iter().filter(|&&x| x == 300.0).count(), 87 * 4);
    }
}
