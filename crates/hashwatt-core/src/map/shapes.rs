//! The countries' outlines: Natural Earth's 1:110m admin-0 countries, compiled in
//! (`assets/map/countries-110m.txt`), with English and Chinese names.

use std::sync::OnceLock;

/// A point: longitude, latitude in degrees.
pub type LonLat = [f64; 2];

/// One polygon: its outer ring, then its holes. Rings are open (the last point is not the first).
#[derive(Clone, Debug, PartialEq)]
pub struct Polygon {
    pub rings: Vec<Vec<LonLat>>,
}

/// A country as Natural Earth draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct CountryShape {
    /// ISO 3166-1 alpha-3, else Natural Earth's own code (`CYN`, `SOL`); Kosovo is `XKX`.
    pub code: String,
    pub name: String,
    pub name_zh: String,
    /// Where its name goes.
    pub label: LonLat,
    pub polygons: Vec<Polygon>,
}

/// Where the outlines come from and whose boundaries they draw, for a map's footer.
pub const SHAPES_SOURCE: &str = "Natural Earth 1:110m admin-0 countries, v5 (public domain)";

const SHAPES_TEXT: &str = include_str!("../../../../assets/map/countries-110m.txt");

/// The part of the world a map shows: every longitude, latitudes from the Southern Ocean to the
/// Arctic.
pub const VIEW_LON: (f64, f64) = (-180.0, 180.0);
pub const VIEW_LAT: (f64, f64) = (-58.0, 84.0);

/// Antarctica has no grid, and its outline would take a fifth of a map's height: maps leave it
/// out of the drawing (its row stays in the data).
pub const NOT_DRAWN: &str = "ATA";

/// Every country, in code order (parsed once).
pub fn countries() -> &'static [CountryShape] {
    static SHAPES: OnceLock<Vec<CountryShape>> = OnceLock::new();
    SHAPES.get_or_init(|| parse(SHAPES_TEXT))
}

/// Each country's triangles, in the order of [`countries`] (triangulated once).
pub fn triangles() -> &'static [Vec<[LonLat; 3]>] {
    static TRIANGLES: OnceLock<Vec<Vec<[LonLat; 3]>>> = OnceLock::new();
    TRIANGLES.get_or_init(|| {
        countries()
            .iter()
            .map(|c| c.polygons.iter().flat_map(Polygon::triangles).collect())
            .collect()
    })
}

/// The country with `code`.
pub fn country(code: &str) -> Option<&'static CountryShape> {
    countries().iter().find(|c| c.code == code)
}

/// The country under a point, if any.
pub fn country_at(point: LonLat) -> Option<&'static CountryShape> {
    countries().iter().find(|c| c.contains(point))
}

fn parse(text: &str) -> Vec<CountryShape> {
    // The file is compiled in and checked by the tests below, so a malformed line is a build
    // defect; it is skipped rather than taking the app down.
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(parse_line)
        .collect()
}

fn parse_point(text: &str) -> Option<LonLat> {
    let (lon, lat) = text.split_once(',')?;
    Some([lon.parse().ok()?, lat.parse().ok()?])
}

fn parse_line(line: &str) -> Option<CountryShape> {
    let mut fields = line.split('\t');
    let code = fields.next()?.to_string();
    let name = fields.next()?.to_string();
    let name_zh = fields.next()?.to_string();
    let label = parse_point(fields.next()?)?;
    let polygons = fields
        .next()?
        .split('|')
        .map(|polygon| {
            let rings = polygon
                .split(';')
                .map(|ring| ring.split(' ').filter_map(parse_point).collect())
                .collect();
            Polygon { rings }
        })
        .collect();
    Some(CountryShape {
        code,
        name,
        name_zh,
        label,
        polygons,
    })
}

impl CountryShape {
    /// The name in `lang` (Natural Earth's Chinese name; the English one when it has none).
    pub fn name_in(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Zh if !self.name_zh.is_empty() => &self.name_zh,
            _ => &self.name,
        }
    }

    pub fn contains(&self, point: LonLat) -> bool {
        self.polygons.iter().any(|p| p.contains(point))
    }
}

impl Polygon {
    /// Inside the outer ring and outside every hole (even-odd rule).
    pub fn contains(&self, point: LonLat) -> bool {
        self.rings
            .iter()
            .filter(|ring| ring_contains(ring, point))
            .count()
            % 2
            == 1
    }

    /// Triangles covering the polygon, holes left out: the window fills them (it can only fill
    /// convex shapes) and the export draws the outline.
    pub fn triangles(&self) -> Vec<[LonLat; 3]> {
        let mut flat = Vec::new();
        let mut holes = Vec::new();
        for (i, ring) in self.rings.iter().enumerate() {
            if i > 0 {
                holes.push(flat.len() / 2);
            }
            for p in ring {
                flat.extend_from_slice(p);
            }
        }
        let points: Vec<LonLat> = flat.chunks(2).map(|c| [c[0], c[1]]).collect();
        earcutr::earcut(&flat, &holes, 2)
            .map(|indices| {
                indices
                    .chunks(3)
                    .map(|t| [points[t[0]], points[t[1]], points[t[2]]])
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn ring_contains(ring: &[LonLat], [x, y]: LonLat) -> bool {
    let mut inside = false;
    let n = ring.len();
    for i in 0..n {
        let [xi, yi] = ring[i];
        let [xj, yj] = ring[(i + n - 1) % n];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_file_is_a_country_with_a_unique_code() {
        let lines = SHAPES_TEXT
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .count();
        let all = countries();
        assert_eq!(all.len(), lines);
        assert_eq!(all.len(), 177);
        let mut codes: Vec<&str> = all.iter().map(|c| c.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert!(
            all.iter()
                .all(|c| c.code.len() == 3 && !c.polygons.is_empty())
        );
    }

    #[test]
    fn points_fall_in_the_countries_they_are_in() {
        assert_eq!(
            country_at([2.35, 48.85]).map(|c| c.code.as_str()),
            Some("FRA")
        );
        assert_eq!(
            country_at([-97.7, 30.3]).map(|c| c.code.as_str()),
            Some("USA")
        );
        assert_eq!(
            country_at([104.1, 30.7]).map(|c| c.code.as_str()),
            Some("CHN")
        );
        assert_eq!(
            country_at([71.4, 51.2]).map(|c| c.code.as_str()),
            Some("KAZ")
        );
        // The Atlantic.
        assert_eq!(country_at([-30.0, 30.0]), None);
        // Lesotho is a hole in South Africa.
        assert_eq!(
            country_at([28.2, -29.6]).map(|c| c.code.as_str()),
            Some("LSO")
        );
    }

    #[test]
    fn triangles_cover_each_country_once() {
        // The triangles' area equals the outer rings' area less the holes' (shoelace).
        let area = |ring: &[LonLat]| {
            let n = ring.len();
            (0..n)
                .map(|i| {
                    let [x1, y1] = ring[i];
                    let [x2, y2] = ring[(i + 1) % n];
                    x1 * y2 - x2 * y1
                })
                .sum::<f64>()
                .abs()
                / 2.0
        };
        for code in ["USA", "ZAF", "RUS", "IDN"] {
            let shape = country(code).unwrap();
            for polygon in &shape.polygons {
                let want = area(&polygon.rings[0])
                    - polygon.rings[1..].iter().map(|r| area(r)).sum::<f64>();
                let got: f64 = polygon.triangles().iter().map(|t| area(t)).sum();
                assert!(
                    (got - want).abs() < 1e-6 * want.max(1.0),
                    "{code}: {got} vs {want}"
                );
            }
        }
    }

    #[test]
    fn names_in_chinese_come_from_the_data() {
        assert_eq!(
            country("DEU").unwrap().name_in(crate::i18n::Lang::Zh),
            "德国"
        );
        assert_eq!(
            country("DEU").unwrap().name_in(crate::i18n::Lang::En),
            "Germany"
        );
    }
}
