//! A period of the history, checked once for every caller: the command line's `--from` and
//! `--to`, the History and Backtest views' months and the MiCA indicators.

use super::{History, Month};
use crate::i18n::{Lang, fill, strings};

/// Which end of a period a month was given for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeEnd {
    From,
    To,
}

impl RangeEnd {
    /// The command line's flag for this end.
    pub fn flag(self) -> &'static str {
        match self {
            RangeEnd::From => "--from",
            RangeEnd::To => "--to",
        }
    }
}

/// Why a period is not one of the history's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    #[error("{}", self.localized(Lang::En))]
    Outside {
        end: RangeEnd,
        month: Month,
        first: Month,
        last: Month,
    },
    #[error("{}", self.localized(Lang::En))]
    Reversed { from: Month, to: Month },
}

impl RangeError {
    /// The problem as a sentence, as the window says it.
    pub fn localized(&self, lang: Lang) -> String {
        let t = &strings(lang).history;
        match self {
            RangeError::Outside {
                month, first, last, ..
            } => fill(
                t.outside,
                &[
                    ("month", &month.to_string()),
                    ("first", &first.to_string()),
                    ("last", &last.to_string()),
                ],
            ),
            RangeError::Reversed { from, to } => fill(
                t.reversed,
                &[("from", &from.to_string()), ("to", &to.to_string())],
            ),
        }
    }

    /// The problem naming the command line's flags: `--from: 2009-01 is outside the history
    /// (2010-07 to 2025-12)`.
    pub fn for_flags(&self, lang: Lang) -> String {
        let t = &strings(lang).history;
        match self {
            RangeError::Outside {
                end,
                month,
                first,
                last,
            } => fill(
                t.flag_outside,
                &[
                    ("flag", end.flag()),
                    ("month", &month.to_string()),
                    ("first", &first.to_string()),
                    ("last", &last.to_string()),
                ],
            ),
            RangeError::Reversed { from, to } => fill(
                t.flag_reversed,
                &[("from", &from.to_string()), ("to", &to.to_string())],
            ),
        }
    }
}

impl History {
    /// The period from `from` to `to` (by default the history's first and last months), both
    /// inside the history and in order.
    pub fn months_within(
        &self,
        from: Option<Month>,
        to: Option<Month>,
    ) -> Result<(Month, Month), RangeError> {
        let (first, last) = (self.first(), self.last());
        let from = from.unwrap_or(first);
        let to = to.unwrap_or(last);
        for (end, month) in [(RangeEnd::From, from), (RangeEnd::To, to)] {
            if month < first || month > last {
                return Err(RangeError::Outside {
                    end,
                    month,
                    first,
                    last,
                });
            }
        }
        if to < from {
            return Err(RangeError::Reversed { from, to });
        }
        Ok((from, to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Month {
        Month::parse(text).unwrap()
    }

    #[test]
    fn a_period_is_checked_end_by_end_then_in_order() {
        let h = History::builtin();
        assert_eq!(h.months_within(None, None), Ok((m("2010-07"), h.last())));
        let e = h.months_within(Some(m("2009-01")), None).unwrap_err();
        assert_eq!(
            e.for_flags(Lang::En),
            format!(
                "--from: 2009-01 is outside the history (2010-07 to {})",
                h.last()
            )
        );
        assert_eq!(
            e.for_flags(Lang::Zh),
            format!("--from：2009-01 超出历史范围（2010-07 至 {}）", h.last())
        );
        let e = h
            .months_within(Some(m("2021-05")), Some(m("2021-01")))
            .unwrap_err();
        assert_eq!(
            e.for_flags(Lang::En),
            "--to: 2021-01 is before --from 2021-05"
        );
        assert_eq!(e.for_flags(Lang::Zh), "--to：2021-01 早于 --from 2021-05");
        assert_eq!(
            e.localized(Lang::En),
            "The end month 2021-01 is before the start month 2021-05."
        );
        let e = h.months_within(None, Some(m("2099-01"))).unwrap_err();
        assert!(matches!(
            e,
            RangeError::Outside {
                end: RangeEnd::To,
                ..
            }
        ));
    }
}
