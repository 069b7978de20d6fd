//! An input's value refused: which field, and why (out of its range, or a mix that does not add
//! up).

use super::limits::Limit;

/// An input outside its allowed range, named by its path in a scenario file (`site.pue`,
/// `fleet[1].units`).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct FieldError {
    pub field: String,
    pub problem: InputError,
}

/// What is wrong with an input's value.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
pub enum InputError {
    #[error(transparent)]
    OutOfRange(#[from] super::limits::OutOfRange),
    #[error(transparent)]
    Mix(#[from] super::energy::MixError),
}

impl InputError {
    /// The message in `lang`.
    pub fn localized(&self, lang: crate::i18n::Lang) -> String {
        match self {
            InputError::OutOfRange(e) => e.localized(lang),
            InputError::Mix(e) => e.localized(lang),
        }
    }
}

/// `Ok` when `value` is within `limit`, else an error naming `field`.
pub(crate) fn check(field: &str, limit: Limit, value: f64) -> Result<(), FieldError> {
    limit.check(value).map(|_| ()).map_err(|e| FieldError {
        field: field.to_string(),
        problem: e.into(),
    })
}
