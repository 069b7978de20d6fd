//! The fonts that draw the app's words. The window uses egui's fonts with the bundled CJK font
//! as the last fallback; exported charts use DejaVu Sans for English and the CJK font for
//! Chinese (DejaVu as its fallback).

/// Noto Sans CJK SC cut down to the characters the app uses (assets/fonts/subset_cjk.py makes
/// it; SIL Open Font License 1.1, assets/fonts/NotoSansSC-LICENSE.txt).
pub static CJK_FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-hashwatt.otf");

/// DejaVu Sans (assets/fonts, with its licence), for exported charts.
pub static LATIN_FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, placeholders, strings};
    use crate::presets::PresetLibrary;
    use ab_glyph::{Font, FontRef};

    /// Every string a table holds, by field path (tables serialize to JSON objects of strings).
    fn table_strings(value: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::String(s) => out.push((path.to_string(), s.clone())),
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    table_strings(v, &format!("{path}.{key}"), out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    table_strings(v, &format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }

    fn all_strings(lang: Lang) -> Vec<(String, String)> {
        let value = serde_json::to_value(strings(lang)).expect("tables serialize");
        let mut out = Vec::new();
        table_strings(&value, "", &mut out);
        out
    }

    /// Every Chinese text the app can show: the tables (problems included) and the presets'
    /// Chinese names.
    fn chinese_texts() -> Vec<(String, String)> {
        let mut texts = all_strings(Lang::Zh);
        let library = PresetLibrary::builtin();
        for r in library.regions() {
            texts.push((format!("regions/{}", r.id), r.name_zh.clone()));
        }
        for m in library.miners() {
            texts.push((format!("miners/{}", m.id), m.name_zh.clone()));
        }
        for t in library.emission_tables() {
            texts.push((format!("emission-factors/{}", t.id), t.name_zh.clone()));
        }
        for m in library.markets() {
            texts.push((format!("markets/{}", m.id), m.name_zh.clone()));
        }
        for m in library.mining_maps() {
            texts.push((format!("mining-maps/{}", m.id), m.name_zh.clone()));
        }
        for s in library.scenarios() {
            texts.push((format!("scenarios/{}", s.id), s.doc.name_zh.clone()));
            texts.push((format!("scenarios/{}", s.id), s.doc.description_zh.clone()));
        }
        texts
    }

    #[test]
    fn every_key_has_both_languages_with_the_same_placeholders() {
        let en = all_strings(Lang::En);
        let zh = all_strings(Lang::Zh);
        let keys = |t: &[(String, String)]| t.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&en), keys(&zh));
        let mut same = Vec::new();
        for ((key, en), (_, zh)) in en.iter().zip(&zh) {
            assert!(en.is_empty() || !zh.is_empty(), "{key} has no Chinese");
            assert_eq!(placeholders(en), placeholders(zh), "{key}: {en} | {zh}");
            if en == zh && en.chars().any(|c| c.is_ascii_lowercase()) {
                same.push(key.clone());
            }
        }
        // Words still in English (units and names such as "hashwatt" or "kWh" are fine).
        let words: Vec<&String> = same
            .iter()
            .filter(|k| {
                let text = &en.iter().find(|(key, _)| key == *k).expect("key").1;
                // Placeholder names are not words the reader sees.
                let shown: String = text
                    .split('{')
                    .map(|part| part.split_once('}').map_or(part, |(_, rest)| rest))
                    .collect();
                shown
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() > 4 && !["hashwatt", "CBECI"].contains(&w))
            })
            .collect();
        assert!(words.is_empty(), "untranslated: {words:?}");
    }

    #[test]
    fn every_preset_has_a_chinese_name() {
        let missing: Vec<String> = chinese_texts()
            .into_iter()
            .filter(|(key, text)| !key.starts_with('.') && text.trim().is_empty())
            .map(|(key, _)| key)
            .collect();
        assert!(missing.is_empty(), "no Chinese name: {missing:?}");
    }

    #[test]
    fn every_chinese_character_has_a_glyph() {
        let cjk = FontRef::try_from_slice(CJK_FONT).expect("the CJK font parses");
        let latin = FontRef::try_from_slice(LATIN_FONT).expect("DejaVu parses");
        let egui_fonts = eframe::egui::FontDefinitions::default();
        let egui_faces: Vec<FontRef<'_>> = egui_fonts
            .font_data
            .values()
            .filter_map(|data| FontRef::try_from_slice((*data.font).as_ref()).ok())
            .collect();
        let mut checked = std::collections::BTreeSet::new();
        let mut missing = Vec::new();
        for (key, text) in chinese_texts() {
            for c in text.chars().filter(|c| !c.is_control()) {
                if !checked.insert(c) {
                    continue;
                }
                let has = |f: &FontRef<'_>| f.glyph_id(c).0 != 0;
                // The window: egui's fonts, then the CJK font. Charts: CJK, then DejaVu.
                if !(has(&cjk) || egui_faces.iter().any(has) && has(&latin)) {
                    missing.push(format!("{c:?} (U+{:04X}) in {key}", c as u32));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "no glyph in the bundled fonts; run assets/fonts/subset_cjk.py: {missing:?}"
        );
        assert!(checked.len() > 300, "only {} characters", checked.len());
    }

    /// Every text the window or a chart shows in either language: the tables and the
    /// presets' names.
    fn every_text() -> Vec<(String, String)> {
        let mut texts = all_strings(Lang::En);
        texts.extend(chinese_texts());
        let library = PresetLibrary::builtin();
        for r in library.regions() {
            texts.push((format!("regions/{}", r.id), r.name.clone()));
        }
        for m in library.miners() {
            texts.push((format!("miners/{}", m.id), m.name.clone()));
        }
        texts
    }

    /// The fonts of one egui family, in its fallback order, with the bundled CJK font last
    /// (as the window installs it).
    fn window_family(family: eframe::egui::FontFamily) -> Vec<FontRef<'static>> {
        let fonts = Box::leak(Box::new(eframe::egui::FontDefinitions::default()));
        let mut faces: Vec<FontRef<'static>> = fonts.families[&family]
            .iter()
            .filter_map(|name| fonts.font_data.get(name))
            .filter_map(|data| FontRef::try_from_slice((*data.font).as_ref()).ok())
            .collect();
        faces.push(FontRef::try_from_slice(CJK_FONT).expect("the CJK font parses"));
        faces
    }

    /// Every symbol of every text (arrows, ≈, ≤, subscripts, Σ …) draws in the window's
    /// proportional family and in exported charts (DejaVu, then the CJK font): no tofu box.
    #[test]
    fn every_symbol_of_every_text_has_a_glyph_in_the_window_and_in_charts() {
        let window = window_family(eframe::egui::FontFamily::Proportional);
        let latin = FontRef::try_from_slice(LATIN_FONT).expect("DejaVu parses");
        let cjk = FontRef::try_from_slice(CJK_FONT).expect("the CJK font parses");
        let has = |f: &FontRef<'_>, c: char| f.glyph_id(c).0 != 0;
        let mut checked = std::collections::BTreeSet::new();
        let mut missing = Vec::new();
        for (key, text) in every_text() {
            for c in text
                .chars()
                .filter(|c| !c.is_control() && !c.is_whitespace())
            {
                if !checked.insert(c) {
                    continue;
                }
                let in_window = window.iter().any(|f| has(f, c));
                let in_charts = has(&latin, c) || has(&cjk, c);
                if !(in_window && in_charts) {
                    missing.push(format!(
                        "{c:?} (U+{:04X}) in {key}: window {in_window}, charts {in_charts}",
                        c as u32
                    ));
                }
            }
        }
        assert!(missing.is_empty(), "{missing:#?}");
    }
}
