//! The PNG drawing backend: plotters' bitmap backend with text drawn here. plotters 0.3.7 draws
//! each ab_glyph glyph at the pen position without its left side bearing, so narrow glyphs
//! crowd their left neighbour and leave a gap on their right ("11 4.8", "hash watt"). This
//! backend places every glyph where the font puts it and passes everything else through.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use plotters::prelude::{BitMapBackend, DrawingBackend};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

pub(super) struct Bitmap<'a> {
    inner: BitMapBackend<'a>,
    latin: FontRef<'static>,
    cjk: FontRef<'static>,
}

impl<'a> Bitmap<'a> {
    pub(super) fn new(inner: BitMapBackend<'a>) -> Result<Self, super::ExportError> {
        let read = |bytes: &'static [u8]| {
            FontRef::try_from_slice(bytes).map_err(|_| super::ExportError::Font)
        };
        Ok(Bitmap {
            inner,
            latin: read(crate::fonts::LATIN_FONT)?,
            cjk: read(crate::fonts::CJK_FONT)?,
        })
    }

    /// The style's font first, the other for any character it lacks (`₂` in Chinese labels).
    fn fonts<'f>(
        latin: &'f FontRef<'static>,
        cjk: &'f FontRef<'static>,
        family: &str,
    ) -> [&'f FontRef<'static>; 2] {
        if family == super::fonts::CJK_FAMILY {
            [cjk, latin]
        } else {
            [latin, cjk]
        }
    }
}

type Failure<'a> = DrawingErrorKind<<BitMapBackend<'a> as DrawingBackend>::ErrorType>;

impl<'a> DrawingBackend for Bitmap<'a> {
    type ErrorType = <BitMapBackend<'a> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), Failure<'a>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), Failure<'a>> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Failure<'a>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Failure<'a>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure<'a>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Failure<'a>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Failure<'a>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Failure<'a>> {
        self.inner.fill_polygon(vert, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), Failure<'a>> {
        self.inner.blit_bitmap(pos, size, src)
    }

    /// Draws text as plotters lays it out (the same advances and kerning, so measured widths
    /// hold), with each glyph at its true position.
    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), Failure<'a>> {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        let scale = PxScale::from(style.size() as f32);
        let Bitmap { inner, latin, cjk } = self;
        let fonts = Self::fonts(latin, cjk, style.family().as_str());
        // Each character in the first font that has it; kerning only within one font.
        let mut glyphs = Vec::with_capacity(text.len());
        let mut x = 0.0f32;
        let mut previous: Option<(usize, ab_glyph::GlyphId)> = None;
        for c in text.chars() {
            let (which, id) = fonts
                .iter()
                .enumerate()
                .map(|(which, f)| (which, f.glyph_id(c)))
                .find(|(_, id)| id.0 != 0)
                .unwrap_or((0, ab_glyph::GlyphId(0)));
            let scaled = fonts[which].as_scaled(scale);
            if let Some((p_which, p)) = previous
                && p_which == which
            {
                x += scaled.kern(p, id);
            }
            glyphs.push((which, id, x));
            x += scaled.h_advance(id);
            previous = Some((which, id));
        }
        // plotters' text box: the advance width by the size / 1.24 (its layout estimate).
        let (width, height) = (x, scale.y / 1.24);
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
        // The baseline that centres capital letters in the box (the style's own font).
        let cap_height = fonts[0].as_scaled(scale).ascent() * 0.785;
        let baseline = top + height / 2.0 + cap_height / 2.0;
        let transform = style.transform();
        for (which, id, gx) in glyphs {
            let glyph = id.with_scale_and_position(scale, point(dx + gx, baseline));
            let Some(outline) = fonts[which].outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let (x0, y0) = (bounds.min.x as i32, bounds.min.y as i32);
            let mut result = Ok(());
            outline.draw(|gx, gy, coverage| {
                if result.is_err() || coverage <= 0.0 {
                    return;
                }
                let (x, y) = transform.transform(x0 + gx as i32, y0 + gy as i32);
                result = inner.draw_pixel(
                    (pos.0 + x, pos.1 + y),
                    BackendColor {
                        alpha: colour.alpha * f64::from(coverage.min(1.0)),
                        rgb: colour.rgb,
                    },
                );
            });
            result?;
        }
        Ok(())
    }
}
