//! Text for a terminal: columns measured by display width (a Chinese character takes two), and
//! control characters from files and flags made visible, so a preset's name cannot move the
//! cursor, recolour the terminal or forge a line.

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// The columns a text takes in a terminal.
pub fn display_width(text: &str) -> usize {
    text.width()
}

/// The text left-aligned in `width` columns (`{:<width}` that counts display width).
pub fn align_left(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(display_width(text));
    format!("{text}{}", " ".repeat(pad))
}

/// The text right-aligned in `width` columns (`{:>width}` that counts display width).
pub fn align_right(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(display_width(text));
    format!("{}{text}", " ".repeat(pad))
}

/// Text from a user or a file, safe to print: each control character (C0, DEL, C1, including
/// ESC, tab and newline) written as `\u{1b}`. Text without any is returned as it is.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_two_columns() {
        assert_eq!(display_width("Fleet"), 5);
        assert_eq!(display_width("算力"), 4);
        assert_eq!(display_width("CO₂ 每天"), 8);
        assert_eq!(display_width("站点："), 6);
        assert_eq!(display_width("—"), 1);
        assert_eq!(align_left("算力", 6), "算力  ");
        assert_eq!(align_right("算力", 6), "  算力");
        assert_eq!(align_right("toolong", 3), "toolong");
        // Combining marks take no column of their own.
        assert_eq!(align_left("e\u{301}", 3), "e\u{301}  ");
    }

    #[test]
    fn control_characters_are_written_out() {
        assert!(matches!(escape("Texas 电网"), Cow::Borrowed("Texas 电网")));
        assert_eq!(escape("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(
            escape("\u{0}\t\n\u{7f}\u{9b}"),
            "\\u{0}\\u{9}\\u{a}\\u{7f}\\u{9b}"
        );
        assert_eq!(escape("\u{85}é"), "\\u{85}é");
    }
}
