//! Drawing into a PDF page with krilla: text in the bundled fonts (DejaVu Sans, and the CJK
//! subset for characters DejaVu lacks), embedded and subset by krilla with ToUnicode maps so
//! the text can be searched and copied; and a plotters backend, so that the report's charts
//! are the very drawing of PNG and SVG export, as vectors.

use ab_glyph::{Font as _, FontRef, PxScale, ScaleFont};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};

/// The two bundled fonts, for krilla to embed and for ab_glyph to measure.
#[derive(Clone)]
pub(super) struct Fonts {
    latin: Font,
    cjk: Font,
    latin_metrics: FontRef<'static>,
    cjk_metrics: FontRef<'static>,
}

impl Fonts {
    pub(super) fn new() -> Result<Fonts, super::ExportError> {
        let font =
            |bytes: &'static [u8]| Font::new(bytes.into(), 0).ok_or(super::ExportError::Font);
        let metrics = |bytes: &'static [u8]| {
            FontRef::try_from_slice(bytes).map_err(|_| super::ExportError::Font)
        };
        Ok(Fonts {
            latin: font(crate::fonts::LATIN_FONT)?,
            cjk: font(crate::fonts::CJK_FONT)?,
            latin_metrics: metrics(crate::fonts::LATIN_FONT)?,
            cjk_metrics: metrics(crate::fonts::CJK_FONT)?,
        })
    }

    /// The text cut into runs of one font each: DejaVu where it has the character, else CJK.
    fn runs<'t>(&self, text: &'t str) -> Vec<(bool, &'t str)> {
        let mut runs: Vec<(bool, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current: Option<bool> = None;
        for (i, c) in text.char_indices() {
            let cjk = self.latin_metrics.glyph_id(c).0 == 0 && self.cjk_metrics.glyph_id(c).0 != 0;
            if current.is_some_and(|k| k != cjk) {
                runs.push((current.unwrap_or(false), &text[start..i]));
                start = i;
            }
            current = Some(cjk);
        }
        if let Some(cjk) = current {
            runs.push((cjk, &text[start..]));
        }
        runs
    }

    fn run_width(&self, cjk: bool, text: &str, size: f32) -> f32 {
        let font = if cjk {
            &self.cjk_metrics
        } else {
            &self.latin_metrics
        };
        let scaled = font.as_scaled(PxScale::from(size * self.px_per_em(cjk)));
        text.chars()
            .map(|c| scaled.h_advance(font.glyph_id(c)))
            .sum()
    }

    /// ab_glyph scales by the font's height; PDF by the em. This turns one into the other.
    fn px_per_em(&self, cjk: bool) -> f32 {
        let font = if cjk {
            &self.cjk_metrics
        } else {
            &self.latin_metrics
        };
        let upem = font.units_per_em().unwrap_or(1000.0);
        font.height_unscaled() / upem
    }

    /// `text` as the bundled fonts can draw it: a character neither font has (an emoji, a
    /// rare symbol) becomes U+FFFD, the replacement character, rather than an empty box or
    /// nothing at all; the invisible joiners and variation selectors that build emoji
    /// sequences are left out, so one emoji gives one replacement character.
    pub(super) fn printable<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let drawable =
            |c: char| self.latin_metrics.glyph_id(c).0 != 0 || self.cjk_metrics.glyph_id(c).0 != 0;
        let invisible = |c: char| {
            matches!(c, '\u{200d}' | '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}')
                || ('\u{1f3fb}'..='\u{1f3ff}').contains(&c)
        };
        if text.chars().all(|c| c.is_whitespace() || drawable(c)) {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if invisible(c) {
                continue;
            }
            if c.is_control() {
                out.push(' ');
            } else if c.is_whitespace() || drawable(c) {
                out.push(c);
            } else {
                out.push(REPLACEMENT);
            }
        }
        std::borrow::Cow::Owned(out)
    }

    /// The width of `text` at `size` points.
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        let text = self.printable(text);
        self.runs(&text)
            .into_iter()
            .map(|(cjk, run)| self.run_width(cjk, run, size))
            .sum()
    }

    /// Draws `text` with its baseline's left end at (`x`, `y`).
    pub(super) fn draw(&self, surface: &mut Surface, x: f32, y: f32, size: f32, text: &str) {
        let text = self.printable(text);
        let mut pen = x;
        for (cjk, run) in self.runs(&text) {
            let font = if cjk { &self.cjk } else { &self.latin };
            surface.draw_text(
                Point::from_xy(pen, y),
                font.clone(),
                size,
                run,
                false,
                TextDirection::LeftToRight,
            );
            pen += self.run_width(cjk, run, size);
        }
    }

    /// Cuts `text` into lines no wider than `width` points, at spaces where it has them and
    /// between any two CJK characters.
    pub(super) fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let text = self.printable(text);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in split_words(paragraph) {
                // A word wider than the line on its own (a long name without spaces) is cut
                // where it fills the line.
                for piece in self.cut_to_width(word, size, width) {
                    let candidate = format!("{line}{piece}");
                    if !line.is_empty() && self.width(candidate.trim_end(), size) > width {
                        lines.push(line.trim_end().to_string());
                        line = piece.trim_start().to_string();
                    } else {
                        line = candidate;
                    }
                }
            }
            lines.push(line.trim_end().to_string());
        }
        lines
    }

    /// `word` in pieces no wider than `width` (the word itself when it fits).
    fn cut_to_width<'w>(&self, word: &'w str, size: f32, width: f32) -> Vec<&'w str> {
        if self.width(word.trim_end(), size) <= width {
            return vec![word];
        }
        let mut pieces = Vec::new();
        let mut start = 0;
        for (i, _) in word.char_indices().skip(1) {
            if self.width(&word[start..i], size) > width && i > start {
                let end = word[..i].char_indices().next_back().map_or(i, |(j, _)| j);
                let end = if end > start { end } else { i };
                pieces.push(&word[start..end]);
                start = end;
            }
        }
        pieces.push(&word[start..]);
        pieces
    }

    /// `text` on at most `max_lines` lines of `width`, the last one ending in "…" when the
    /// text goes on: for titles, which must not run off the page or fill it.
    pub(super) fn wrap_shortened(
        &self,
        text: &str,
        size: f32,
        width: f32,
        max_lines: usize,
    ) -> Vec<String> {
        let mut lines = self.wrap(text, size, width);
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                while !last.is_empty() && self.width(&format!("{last}…"), size) > width {
                    last.pop();
                }
                last.push('…');
            }
        }
        lines
    }
}

/// What stands for a character no bundled font can draw.
const REPLACEMENT: char = '\u{fffd}';

/// Words with their trailing space; each CJK character is a word of its own.
fn split_words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if c == ' ' || (c as u32) >= 0x2E80 {
            words.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        words.push(&text[start..]);
    }
    words
}

pub(super) fn fill_of(r: u8, g: u8, b: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        ..Fill::default()
    }
}

fn colour(c: BackendColor) -> (rgb::Color, NormalizedF32) {
    let (r, g, b) = c.rgb;
    (
        rgb::Color::new(r, g, b),
        NormalizedF32::new(c.alpha.clamp(0.0, 1.0) as f32).unwrap_or(NormalizedF32::ONE),
    )
}

/// A plotters backend drawing onto a krilla surface, in the chart's pixel units (the caller's
/// transform places and scales the chart on the page).
pub(super) struct PdfBackend<'s, 'p> {
    pub surface: &'s mut Surface<'p>,
    pub fonts: &'s Fonts,
    pub size: (u32, u32),
}

#[derive(Debug)]
pub(super) struct NoError;

impl std::fmt::Display for NoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PDF drawing")
    }
}

impl std::error::Error for NoError {}

type Failure = DrawingErrorKind<NoError>;

impl PdfBackend<'_, '_> {
    fn stroke_path(&mut self, points: &[BackendCoord], style: &impl BackendStyle, close: bool) {
        let (paint, opacity) = colour(style.color());
        if opacity.get() == 0.0 || points.len() < 2 {
            return;
        }
        let mut pb = PathBuilder::new();
        pb.move_to(points[0].0 as f32, points[0].1 as f32);
        for p in &points[1..] {
            pb.line_to(p.0 as f32, p.1 as f32);
        }
        if close {
            pb.close();
        }
        if let Some(path) = pb.finish() {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(Stroke {
                paint: paint.into(),
                opacity,
                width: style.stroke_width().max(1) as f32,
                ..Stroke::default()
            }));
            self.surface.draw_path(&path);
            self.surface.set_stroke(None);
        }
    }

    fn fill_path(&mut self, points: &[BackendCoord], style: &impl BackendStyle) {
        let (paint, opacity) = colour(style.color());
        if opacity.get() == 0.0 || points.len() < 3 {
            return;
        }
        let mut pb = PathBuilder::new();
        pb.move_to(points[0].0 as f32, points[0].1 as f32);
        for p in &points[1..] {
            pb.line_to(p.0 as f32, p.1 as f32);
        }
        pb.close();
        if let Some(path) = pb.finish() {
            self.surface.set_stroke(None);
            self.surface.set_fill(Some(Fill {
                paint: paint.into(),
                opacity,
                ..Fill::default()
            }));
            self.surface.draw_path(&path);
            self.surface.set_fill(None);
        }
    }
}

impl DrawingBackend for PdfBackend<'_, '_> {
    type ErrorType = NoError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), Failure> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), Failure> {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure> {
        let (x, y) = point;
        let square = [(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1)];
        self.fill_path(&square, &color);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure> {
        self.stroke_path(&[from, to], style, false);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        let (l, t) = upper_left;
        let (r, b) = bottom_right;
        if fill {
            // plotters' rectangles include their last pixel.
            self.fill_path(&[(l, t), (r + 1, t), (r + 1, b + 1), (l, b + 1)], style);
        } else {
            self.stroke_path(&[(l, t), (r, t), (r, b), (l, b)], style, true);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure> {
        let points: Vec<BackendCoord> = path.into_iter().collect();
        self.stroke_path(&points, style, false);
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure> {
        let steps = 32;
        let points: Vec<BackendCoord> = (0..steps)
            .map(|i| {
                let a = f64::from(i) / f64::from(steps) * std::f64::consts::TAU;
                (
                    center.0 + (f64::from(radius) * a.cos()).round() as i32,
                    center.1 + (f64::from(radius) * a.sin()).round() as i32,
                )
            })
            .collect();
        if fill {
            self.fill_path(&points, style);
        } else {
            self.stroke_path(&points, style, true);
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure> {
        let points: Vec<BackendCoord> = vert.into_iter().collect();
        self.fill_path(&points, style);
        Ok(())
    }

    /// Text placed as the PNG backend places it: plotters' box (the size / 1.24 high), capital
    /// letters centred in it, rotated with the style.
    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), Failure> {
        let (paint, opacity) = colour(style.color());
        if opacity.get() == 0.0 {
            return Ok(());
        }
        // plotters sizes text in pixels of the font's height; PDF in ems.
        let cjk_first = style.family().as_str() == crate::export::fonts::CJK_FAMILY;
        let size = style.size() as f32 / self.fonts.px_per_em(cjk_first);
        let width = self.fonts.width(text, size);
        let height = style.size() as f32 / 1.24;
        let anchor = style.anchor();
        let dx = match anchor.h_pos {
            HPos::Left => 0.0,
            HPos::Right => -width,
            HPos::Center => -width / 2.0,
        };
        let top = match anchor.v_pos {
            VPos::Top => 0.0,
            VPos::Center => -height / 2.0,
            VPos::Bottom => -height,
        };
        // Cap height about 0.73 em (DejaVu), centred in the box.
        let baseline = top + height / 2.0 + 0.73 * size / 2.0;
        let angle = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 90.0,
            FontTransform::Rotate180 => 180.0,
            FontTransform::Rotate270 => 270.0,
        };
        self.surface.push_transform(&Transform::from_row(
            1.0,
            0.0,
            0.0,
            1.0,
            pos.0 as f32,
            pos.1 as f32,
        ));
        self.surface.push_transform(&Transform::from_rotate(angle));
        self.surface.set_fill(Some(Fill {
            paint: paint.into(),
            opacity,
            ..Fill::default()
        }));
        self.fonts.draw(self.surface, dx, baseline, size, text);
        self.surface.set_fill(None);
        self.surface.pop();
        self.surface.pop();
        Ok(())
    }
}
