//! The fonts the exported charts are drawn in: DejaVu Sans and the bundled Noto Sans CJK SC
//! subset, registered with plotters once.

use super::ExportError;
use plotters::style::FontStyle;
use std::sync::OnceLock;

/// The font family of English charts: DejaVu Sans, compiled in, so rendering needs no system
/// fonts. (An SVG names it; the viewer draws it with its own sans-serif.)
pub(crate) const LATIN_FAMILY: &str = "sans-serif";

/// The font family of Chinese charts: the bundled Noto Sans CJK SC subset.
pub(crate) const CJK_FAMILY: &str = "Noto Sans CJK SC";

thread_local! {
    /// The family of the chart being drawn on this thread (set by [`draw`] from the language).
    pub(super) static FAMILY: std::cell::Cell<&'static str> = const { std::cell::Cell::new(LATIN_FAMILY) };
}

/// Registers the bundled fonts with plotters, once per process.
pub(crate) fn register_font() -> Result<(), ExportError> {
    static REGISTERED: OnceLock<Result<(), ExportError>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            plotters::style::register_font(
                LATIN_FAMILY,
                FontStyle::Normal,
                crate::fonts::LATIN_FONT,
            )
            .and_then(|()| {
                plotters::style::register_font(
                    CJK_FAMILY,
                    FontStyle::Normal,
                    crate::fonts::CJK_FONT,
                )
            })
            .map_err(|_| ExportError::Font)
        })
        .clone()
}
