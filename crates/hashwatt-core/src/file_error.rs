//! Errors about a file the user gave us: always the file, the line and column when known, the
//! field, and what is wrong or allowed. Every file read in hashwatt reports through this type.

use crate::problem::Problem;
use serde::de::DeserializeOwned;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}{problem}", self.place())]
pub struct FileError {
    /// The path as the user gave it (or `presets/...` for a built-in preset).
    pub path: String,
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    /// The field's path inside the file, e.g. `site.pue`.
    pub field: Option<String>,
    /// Boxed: errors travel up through every reader, and most results are `Ok`.
    pub problem: Box<Problem>,
}

impl FileError {
    /// `path:line:col: field: `, the same in every language.
    fn place(&self) -> String {
        let mut place = self.path.clone();
        if let Some((line, col)) = self.position {
            place.push_str(&format!(":{line}:{col}"));
        }
        place.push_str(": ");
        if let Some(field) = &self.field {
            place.push_str(&format!("{field}: "));
        }
        place
    }

    /// The message in `lang`: the same place and field, the words translated.
    pub fn localized(&self, lang: crate::i18n::Lang) -> String {
        format!("{}{}", self.place(), self.problem.localized(lang))
    }

    /// The error as a sentence that already says "Could not save" goes on: the place, then
    /// the reason without the problem's own "cannot save:".
    pub fn save_reason(&self, lang: crate::i18n::Lang) -> String {
        let text = self.problem.localized(lang);
        let said = crate::i18n::strings(lang)
            .problems
            .cannot_save
            .replace("{why}", "");
        let reason = text.strip_prefix(said.as_str()).unwrap_or(&text);
        format!("{}{reason}", self.place())
    }
}

impl FileError {
    pub fn new(path: &str, problem: impl Into<Problem>) -> FileError {
        FileError {
            path: path.to_string(),
            position: None,
            field: None,
            problem: Box::new(problem.into()),
        }
    }

    /// An error about a field, located in `text` by its path (and by the offending value, for an
    /// unknown id).
    pub fn at_field(
        path: &str,
        text: &str,
        field: &str,
        value: Option<&str>,
        problem: impl Into<Problem>,
    ) -> FileError {
        FileError {
            path: path.to_string(),
            position: locate_field(text, field, value),
            field: Some(field.to_string()),
            problem: Box::new(problem.into()),
        }
    }
}

/// RON options for every file hashwatt reads: `Some(..)` may be left out around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses RON text, reporting syntax and type errors with their line and column, the field
/// they are in, and what is allowed there.
pub fn parse_ron<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, FileError> {
    if text.trim().is_empty() {
        return Err(FileError::new(path, Problem::Empty));
    }
    ron_options()
        .from_str(text)
        .map_err(|e| from_ron_error(path, text, &e))
}

/// Turns RON's error into one that names the field and says, in words, what is allowed.
fn from_ron_error(path: &str, text: &str, e: &ron::error::SpannedError) -> FileError {
    use ron::Error as E;
    let (line, col) = (e.span.start.line, e.span.start.col);
    let parent = field_at(text, line, col);
    let child = |name: &str| {
        Some(match &parent {
            Some(p) => format!("{p}.{name}"),
            None => name.to_string(),
        })
    };
    let names = |list: &[&str]| list.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let (field, problem) = match &e.code {
        E::NoSuchStructField {
            expected, found, ..
        } => (
            child(found),
            Problem::UnknownField {
                near: near_name(found, expected),
                allowed: names(expected),
            },
        ),
        // RON points at the group's closing bracket: the field is missing from that group, not
        // from the value of the group's last field (`periods[0].price_usd_mwh`, not
        // `periods[0].hours.price_usd_mwh`).
        E::MissingStructField { field, .. } => {
            let group = path_at(text, line, col, Innermost::GroupItself);
            let field = match group {
                Some(g) => format!("{g}.{field}"),
                None => field.to_string(),
            };
            (Some(field), Problem::Missing)
        }
        E::DuplicateStructField { field, .. } => (child(field), Problem::WrittenTwice),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => (
            parent,
            Problem::VariantNotAllowed {
                found: found.to_string(),
                near: near_name(found, expected),
                allowed: names(expected),
            },
        ),
        E::InvalidValueForType { expected, found } => (
            parent,
            Problem::ExpectedFound {
                expected: expected.to_string(),
                found: found.to_string(),
            },
        ),
        E::ExpectedInteger | E::InvalidIntegerDigit { .. } => {
            (parent, Problem::ExpectedWholeNumber)
        }
        E::IntegerOutOfBounds => {
            // RON points at the number's start or just past its end.
            let before: String = line_of(text, line)
                .chars()
                .take(col.saturating_sub(1))
                .collect();
            let number_before = before
                .trim_end()
                .rsplit(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '_')))
                .next()
                .unwrap_or("");
            let negative = number_before.starts_with('-')
                || text_at(text, line, col).trim_start().starts_with('-');
            let why = if negative {
                Problem::MustNotBeNegative
            } else {
                Problem::NumberTooLarge
            };
            (parent, why)
        }
        E::ExpectedFloat => (parent, Problem::ExpectedNumber),
        E::ExpectedString => (parent, Problem::ExpectedText),
        E::ExpectedStringEnd => (parent, Problem::UnclosedText),
        E::ExpectedBoolean => (parent, Problem::ExpectedBool),
        E::ExpectedArray => (parent, Problem::ExpectedList),
        E::ExpectedArrayEnd => (parent, Problem::ExpectedListEnd),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => (parent, Problem::ExpectedGroup),
        E::ExpectedStructLikeEnd => (parent, Problem::ExpectedGroupEnd),
        E::ExpectedMapColon => (parent, Problem::ExpectedColon),
        // `units: 2.5`: RON reads the whole number 2, then stops at `.5`.
        E::ExpectedComma if fraction_after_integer(text, line, col) => {
            (parent, Problem::ExpectedWholeNumber)
        }
        E::ExpectedComma => (None, Problem::ExpectedComma),
        E::Eof => (None, Problem::EndsEarly),
        E::TrailingCharacters => (None, Problem::TrailingText),
        // A value's own check (a date) failed: say it in its own terms, found again from the
        // quoted text the error points at.
        E::Message(message) => {
            let problem = quoted_at(text, line, col)
                .and_then(|quoted| crate::model::date::Date::parse_checked(&quoted).err())
                .filter(|date_error| date_error.to_string() == *message)
                .map_or_else(|| Problem::Syntax(message.clone()), Problem::Date);
            (parent, problem)
        }
        other => (
            parent,
            Problem::ReaderSyntax {
                kind: syntax_kind(other),
                words: other.to_string(),
            },
        ),
    };
    FileError {
        path: path.to_string(),
        position: Some((line, col)),
        field,
        problem: Box::new(problem),
    }
}

/// What kind of syntax error one of RON's errors is, for the languages that do not give its
/// (English) words.
fn syntax_kind(e: &ron::Error) -> crate::problem::SyntaxKind {
    use crate::problem::SyntaxKind as K;
    use ron::Error as E;
    match e {
        E::ExpectedDifferentStructName { .. } | E::ExpectedStructName(_) => K::StructName,
        E::UnclosedBlockComment | E::UnclosedLineComment => K::UnclosedComment,
        E::InvalidEscape(_) => K::Escape,
        E::UnexpectedChar(_)
        | E::FloatUnderscore
        | E::UnderscoreAtBeginning
        | E::InvalidIdentifier(_)
        | E::SuggestRawIdentifier(_) => K::Character,
        _ => K::Other,
    }
}

/// The quoted text on `line` that holds or ends just before the 1-based `col`, unquoted.
fn quoted_at(text: &str, line: usize, col: usize) -> Option<String> {
    let chars: Vec<char> = line_of(text, line).chars().collect();
    let quotes: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == '"')
        .map(|(i, _)| i)
        .collect();
    let at = col.saturating_sub(1);
    quotes
        .chunks_exact(2)
        .rfind(|pair| pair[0] <= at)
        .map(|pair| chars[pair[0] + 1..pair[1]].iter().collect())
}

/// Whether the error position is a decimal point or exponent right after a digit.
fn fraction_after_integer(text: &str, line: usize, col: usize) -> bool {
    let chars: Vec<char> = line_of(text, line).chars().collect();
    let at = col.saturating_sub(1);
    at > 0
        && chars.get(at - 1).is_some_and(char::is_ascii_digit)
        && chars.get(at).is_some_and(|c| matches!(c, '.' | 'e' | 'E'))
}

/// The text of the 1-based `line` (empty past the end).
fn line_of(text: &str, line: usize) -> &str {
    text.lines().nth(line.saturating_sub(1)).unwrap_or("")
}

/// The text from the 1-based `line` and `col` to the end of that line.
fn text_at(text: &str, line: usize, col: usize) -> &str {
    let line_text = line_of(text, line);
    line_text
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or("", |(i, _)| &line_text[i..])
}

/// The known name `found` is a likely typo of.
fn near_name(found: &str, known: &[&str]) -> Option<String> {
    crate::suggest::did_you_mean(found, known).map(str::to_string)
}

/// The path of the field whose value contains the 1-based `line` and `col` of RON text, e.g.
/// `fleet[0].units`; `None` at the top level. The inverse of [`locate_field`].
pub fn field_at(text: &str, line: usize, col: usize) -> Option<String> {
    path_at(text, line, col, Innermost::FieldInGroup)
}

/// What [`path_at`] names inside the innermost group.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Innermost {
    /// The field of the group whose value holds the position.
    FieldInGroup,
    /// The group itself (the position is on the group, e.g. at its closing bracket).
    GroupItself,
}

fn path_at(text: &str, line: usize, col: usize, innermost: Innermost) -> Option<String> {
    // Byte offset of (line, col); columns count characters.
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let end = text[line_start.min(text.len())..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i);

    // One frame per open bracket: a group's current field name, or a list's current index.
    enum Frame {
        Group(Option<String>),
        List(usize),
    }
    let bytes = text.as_bytes();
    let mut frames: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'"' => {
                i = skip_string(bytes, i);
                continue;
            }
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => {
                i = skip_comment(bytes, i);
                continue;
            }
            b'(' | b'{' => frames.push(Frame::Group(None)),
            b'[' => frames.push(Frame::List(0)),
            b')' | b'}' | b']' => {
                frames.pop();
            }
            b',' => match frames.last_mut() {
                Some(Frame::Group(key)) => *key = None,
                Some(Frame::List(index)) => *index += 1,
                None => {}
            },
            b if is_ident(b) && (i == 0 || !is_ident(bytes[i - 1])) => {
                let start = i;
                while i < bytes.len() && is_ident(bytes[i]) {
                    i += 1;
                }
                let after = text[i..].trim_start();
                if after.starts_with(':')
                    && !after.starts_with("::")
                    && i + (text[i..].len() - after.len()) < end
                    && let Some(Frame::Group(key)) = frames.last_mut()
                {
                    *key = Some(text[start..i].to_string());
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if innermost == Innermost::GroupItself
        && let Some(Frame::Group(key)) = frames.last_mut()
    {
        *key = None;
    }
    let mut path = String::new();
    for frame in &frames {
        match frame {
            Frame::Group(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Group(None) => {}
            Frame::List(index) => path.push_str(&format!("[{index}]")),
        }
    }
    (!path.is_empty()).then_some(path)
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
    // Columns count characters, as RON's do.
    let line_start = text[..offset].rfind('\n').map_or(0, |nl| nl + 1);
    let col = text[line_start..offset].chars().count() + 1;
    Some((line, col))
}

/// The offset of `name:` at or after `from`, outside strings and comments.
fn find_key(text: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i),
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => i = skip_comment(bytes, i),
            _ => {
                let starts_word = i == 0 || !is_ident(bytes[i - 1]);
                // Bytes, not `text[i..]`: `i` may be inside a multi-byte character.
                if starts_word && bytes[i..].starts_with(name.as_bytes()) {
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

/// The offset just past the comment (`//` to the end of the line, or `/* */`, which RON
/// nests) that opens at `start`.
fn skip_comment(bytes: &[u8], start: usize) -> usize {
    if bytes.get(start + 1) == Some(&b'/') {
        return bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |n| start + n);
    }
    let mut depth = 0usize;
    let mut i = start;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
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
    fn a_missing_field_is_named_in_its_own_group() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Period {
            name: String,
            hours: Vec<(u8, u8)>,
            price_usd_mwh: f64,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Tariff {
            periods: Vec<Period>,
        }
        let text = "(\n    periods: [\n        (name: \"night\", hours: [(22, 6)]),\n    ],\n)\n";
        let error = parse_ron::<Tariff>("t.ron", text).expect_err("no price");
        assert_eq!(
            error.to_string(),
            "t.ron:3:41: periods[0].price_usd_mwh: missing; it is required"
        );
        // With a trailing comma the group's last field is already closed.
        let text = text.replace("(22, 6)])", "(22, 6)],)");
        let error = parse_ron::<Tariff>("t.ron", &text).expect_err("no price");
        assert!(
            error
                .to_string()
                .contains(": periods[0].price_usd_mwh: missing"),
            "{error}"
        );
    }

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
    fn non_ascii_text_and_block_comments_are_skipped() {
        let text = "(/* é pue: 1 /* nested */ ü */ name: \"ä\", /* ö */ pue: 2)";
        assert_eq!(locate_field(text, "pue", None), Some((1, 51)));
        assert_eq!(field_at(text, 1, 56), Some("pue".to_string()));
        // A raw multi-byte character outside strings and comments does not panic.
        assert_eq!(locate_field("(é pue: 1)", "pue", None), Some((1, 4)));
    }

    #[test]
    fn display_names_file_position_and_field() {
        let e = FileError::at_field("a.ron", TEXT, "site.pue", None, Problem::Missing);
        assert_eq!(
            e.to_string(),
            "a.ron:5:9: site.pue: missing; it is required"
        );
        assert_eq!(
            FileError::new("b.ron", Problem::Empty).to_string(),
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
        assert!(*parse_ron::<T>("t.ron", "  \n").unwrap_err().problem == Problem::Empty);
    }

    #[test]
    fn the_readers_own_words_are_english_and_its_kind_is_said_in_chinese() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            a: String,
        }
        let cases = [
            (
                "x",
                "t.ron:1:1: Expected struct `T` but found `x`",
                "t.ron:1:1: 这组字段前的名称不对：应为 ( ) 括起的一组字段，不写名称或写它自己的名称",
            ),
            (
                "(a: \"b\") /* c",
                "t.ron:1:12: Unclosed block comment",
                "t.ron:1:12: 注释没有结束：缺少 `*/`",
            ),
            (
                "(a: \"\\q\")",
                "t.ron:1:6: a: Unknown escape character",
                "t.ron:1:6: a: 引号内文本中的 `\\` 不是允许的转义",
            ),
        ];
        for (text, en, zh) in cases {
            let e = parse_ron::<T>("t.ron", text).unwrap_err();
            assert_eq!(e.localized(crate::i18n::Lang::En), en, "{text}");
            assert_eq!(e.to_string(), en, "{text}");
            assert_eq!(e.localized(crate::i18n::Lang::Zh), zh, "{text}");
        }
    }
}
