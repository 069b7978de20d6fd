//! "Did you mean …?": the known name a mistyped one is closest to.

/// Names longer than this get no suggestion: no id or field is near it, and comparing costs
/// time in the product of the two lengths (a 1 MB id against every known one took seconds).
const MAX_SUGGESTED_CHARS: usize = 64;

/// The known id closest to `id`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(id: &str, known: &[&'a str]) -> Option<&'a str> {
    if !within_suggestion_length(id) {
        return None;
    }
    known
        .iter()
        .filter(|k| within_suggestion_length(k))
        .map(|k| (edit_distance(id, k), *k))
        .filter(|(d, k)| *d <= (k.len().max(id.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn within_suggestion_length(name: &str) -> bool {
    // Bytes first: a long name is refused without counting its characters.
    name.len() <= MAX_SUGGESTED_CHARS || name.chars().count() <= MAX_SUGGESTED_CHARS
}

/// Edits (insert, delete, substitute, or swap two neighbours: `peu` is one from `pue`) that
/// turn `a` into `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}
