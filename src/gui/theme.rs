//! Readable text in both themes: every colour the window draws text in has a contrast of at
//! least 4.5:1 (WCAG AA) against the backgrounds it sits on, and no text is smaller than
//! 12 px. egui's own themes draw weak text (card labels, sources) at about 2.7:1 in dark and
//! 2.9:1 in light, and small text at 9 px.

use eframe::egui::{self, Color32, FontId, TextStyle};

/// The smallest text the window draws, px.
pub const MIN_TEXT_PX: f32 = 12.0;

/// Makes both of the context's themes readable.
pub fn apply(ctx: &egui::Context) {
    ctx.all_styles_mut(readable);
}

/// Text sizes and text colours of one style (dark or light) made readable.
pub fn readable(style: &mut egui::Style) {
    for (text_style, font) in style.text_styles.iter_mut() {
        if *text_style == TextStyle::Small || font.size < MIN_TEXT_PX {
            *font = FontId::new(font.size.max(MIN_TEXT_PX), font.family.clone());
        }
    }
    let visuals = &mut style.visuals;
    if visuals.dark_mode {
        visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(190);
        visuals.weak_text_color = Some(Color32::from_gray(142));
        visuals.error_fg_color = Color32::from_rgb(255, 96, 96);
        visuals.warn_fg_color = Color32::from_rgb(255, 150, 40);
    } else {
        visuals.widgets.noninteractive.fg_stroke.color = Color32::from_gray(40);
        visuals.weak_text_color = Some(Color32::from_gray(100));
        visuals.error_fg_color = Color32::from_rgb(190, 0, 0);
        visuals.warn_fg_color = Color32::from_rgb(160, 80, 0);
    }
}

/// The colour of good news in text (a profit, a site that pays): the palette's green made
/// lighter on a dark background and darker on a light one, so it reads as text.
pub fn gain_text(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(60, 180, 90)
    } else {
        Color32::from_rgb(20, 110, 45)
    }
}

/// egui's fonts with the bundled CJK font as the last fallback, so Chinese has glyphs.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    let name = "NotoSansSC-hashwatt".to_string();
    fonts.font_data.insert(
        name.clone(),
        std::sync::Arc::new(egui::FontData::from_static(crate::fonts::CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push(name.clone());
    }
    ctx.set_fonts(fonts);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG AA for normal text.
    const MIN_CONTRAST: f32 = 4.5;

    /// Relative luminance of an sRGB colour (WCAG 2).
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.040_45 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }

    /// The WCAG contrast ratio of two colours, from 1 to 21.
    fn contrast(a: Color32, b: Color32) -> f32 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// A background egui paints over the panel (premultiplied, possibly additive) as seen.
    fn over(fill: Color32, panel: Color32) -> Color32 {
        let a = f32::from(fill.a()) / 255.0;
        let mix = |s: u8, d: u8| (f32::from(s) + f32::from(d) * (1.0 - a)).min(255.0) as u8;
        Color32::from_rgb(
            mix(fill.r(), panel.r()),
            mix(fill.g(), panel.g()),
            mix(fill.b(), panel.b()),
        )
    }

    fn themes() -> [egui::Style; 2] {
        let mut dark = egui::Style {
            visuals: egui::Visuals::dark(),
            ..Default::default()
        };
        let mut light = egui::Style {
            visuals: egui::Visuals::light(),
            ..Default::default()
        };
        readable(&mut dark);
        readable(&mut light);
        [dark, light]
    }

    #[test]
    fn contrast_matches_known_ratios() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::from_gray(118), Color32::WHITE) - 4.54).abs() < 0.05);
        // egui's own weak text, as the window drew it before.
        let dark = egui::Visuals::dark();
        assert!(contrast(dark.weak_text_color(), dark.panel_fill) < 3.0);
    }

    #[test]
    fn every_text_colour_reads_on_every_background_in_both_themes() {
        for style in themes() {
            let v = &style.visuals;
            let texts = [
                ("text", v.text_color()),
                ("weak text", v.weak_text_color()),
                ("strong text", v.strong_text_color()),
                ("error", v.error_fg_color),
                ("warning", v.warn_fg_color),
                ("gain", gain_text(v)),
            ];
            let backgrounds = [
                ("panel", v.panel_fill),
                ("window", v.window_fill),
                ("faint", over(v.faint_bg_color, v.panel_fill)),
            ];
            for (name, text) in texts {
                for (ground, fill) in backgrounds {
                    let ratio = contrast(text, fill);
                    assert!(
                        ratio >= MIN_CONTRAST,
                        "{} theme: {name} on {ground} is {ratio:.2}:1",
                        if v.dark_mode { "dark" } else { "light" }
                    );
                }
            }
        }
    }

    #[test]
    fn no_text_is_smaller_than_twelve_pixels() {
        for style in themes() {
            for (text_style, font) in &style.text_styles {
                assert!(font.size >= MIN_TEXT_PX, "{text_style:?}: {} px", font.size);
            }
        }
    }
}
