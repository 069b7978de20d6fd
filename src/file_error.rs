//! Errors about a file the user gave us: always the file, the line and column when known, the
//! field, and what is wrong or allowed. Every file read in hashwatt reports through this type.

use serde::de::DeserializeOwned;

#[derive(Clone, Debug, PartialEq)]
pub struct FileError {
    /// The path as the user gave it (or `presets/...` for a built-in preset).
    pub path: String,
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    /// The field's path inside the file, e.g. `site.pue`.
    pub field: Option<String>,
    pub message: String,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for FileError {}

impl FileError {
    pub fn new(path: &str, message: impl Into<String>) -> FileError {
        FileError {
            path: path.to_string(),
            position: None,
            field: None,
            message: message.into(),
        }
    }

    /// An error about a field, located in `text` by its path (and by the offending value, for an
    /// unknown id).
    pub fn at_field(
        path: &str,
        text: &str,
        field: &str,
        value: Option<&str>,
        message: impl Into<String>,
    ) -> FileError {
        FileError {
            path: path.to_string(),
            position: locate_field(text, field, value),
            field: Some(field.to_string()),
            message: message.into(),
        }
    }
}

/// RON options for every file hashwatt reads: `Some(..)` may be left out around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses RON text, reporting syntax and type errors with their line and column.
pub fn parse_ron<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, FileError> {
    if text.trim().is_empty() {
        return Err(FileError::new(path, "the file is empty"));
    }
    ron_options().from_str(text).map_err(|e| FileError {
        path: path.to_string(),
        position: Some((e.span.start.line, e.span.start.col)),
        field: None,
        message: e.code.to_string(),
    })
}

/// Finds where a field (`site.pue`, `fleet[1].units`) is written in RON text: the 1-based line
/// and column of its key, or of `value` (quoted) after it when given. `None` when the field is
/// not written (its value came from a default or a preset).
pub fn locate_field(text: &str, field: &str, value: Option<&str>) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut offset = 0;
    for segment in field.split('.') {
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        offset = find_key(text, offset, name)?;
        if let Some(index) = index {
            offset = nth_list_item(bytes, offset, index)?;
        }
    }
    if let Some(value) = value {
        let quoted = format!("\"{value}\"");
        if let Some(found) = text[offset..].find(&quoted) {
            offset += found;
        }
    }
    let line = text[..offset].matches('\n').count() + 1;
    let col = offset - text[..offset].rfind('\n').map_or(0, |nl| nl + 1) + 1;
    Some((line, col))
}

/// The offset of `name:` at or after `from`, outside strings and comments.
fn find_key(text: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            _ => {
                let starts_word = i == 0 || !is_ident(bytes[i - 1]);
                if starts_word && text[i..].starts_with(name) {
                    let after = i + name.len();
                    let rest = text[after..].trim_start();
                    if rest.starts_with(':') && !bytes.get(after).is_some_and(|b| is_ident(*b)) {
                        return Some(i);
                    }
                }
                i += 1;
            }
        }
    }
    None
}

/// The offset of the `index`-th element of the list that opens after `from`.
fn nth_list_item(bytes: &[u8], from: usize, index: usize) -> Option<usize> {
    let open = from + bytes[from..].iter().position(|&b| b == b'[')?;
    let mut depth = 0usize;
    let mut item = 0usize;
    let mut i = open + 1;
    let mut at_item_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if at_item_start && depth == 0 && !b.is_ascii_whitespace() {
            if b == b']' {
                return None;
            }
            if item == index {
                return Some(i);
            }
            at_item_start = false;
        }
        match b {
            b'"' => {
                i = skip_string(bytes, i);
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b'}' => depth = depth.saturating_sub(1),
            b']' if depth == 0 => return None,
            b']' => depth -= 1,
            b',' if depth == 0 => {
                item += 1;
                at_item_start = true;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The offset just past the string literal that opens at `start`.
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"(
    name: "pue: not this one",
    site: (
        // pue: nor this
        pue: 0.5,
    ),
    fleet: [
        (miner: "a", units: 1),
        (miner: "b", units: 2, name: "x[y]"),
        (miner: "c",
         units: 3),
    ],
)"#;

    #[test]
    fn locates_nested_and_indexed_fields() {
        assert_eq!(locate_field(TEXT, "site.pue", None), Some((5, 9)));
        assert_eq!(locate_field(TEXT, "fleet[0].units", None), Some((8, 22)));
        assert_eq!(locate_field(TEXT, "fleet[1].units", None), Some((9, 22)));
        assert_eq!(locate_field(TEXT, "fleet[2].units", None), Some((11, 10)));
        assert_eq!(
            locate_field(TEXT, "fleet[1].miner", Some("b")),
            Some((9, 17))
        );
        assert_eq!(locate_field(TEXT, "fleet[3].units", None), None);
        assert_eq!(locate_field(TEXT, "market.network", None), None);
    }

    #[test]
    fn display_names_file_position_and_field() {
        let e = FileError::at_field("a.ron", TEXT, "site.pue", None, "too low");
        assert_eq!(e.to_string(), "a.ron:5:9: site.pue: too low");
        assert_eq!(
            FileError::new("b.ron", "the file is empty").to_string(),
            "b.ron: the file is empty"
        );
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            a: u32,
        }
        let e = parse_ron::<T>("t.ron", "(\n  a: 1,,\n)").unwrap_err();
        assert_eq!(e.path, "t.ron");
        assert_eq!(e.position.map(|p| p.0), Some(2));
        assert!(
            parse_ron::<T>("t.ron", "  \n")
                .unwrap_err()
                .message
                .contains("empty")
        );
    }
}
