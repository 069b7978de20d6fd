//! The exported world map: each country filled with its layer's colour, sub-national regions
//! as circles, the legend above and the sources in the footer. Drawn from the same
//! [`MapChart`] the window shows.

use super::kit::*;
use crate::i18n::{self};
use crate::map::MapChart;
use crate::map::shapes::{self, LonLat, VIEW_LAT, VIEW_LON};
use plotters::prelude::*;

/// An outline's colour between countries.
const BORDER: RGBColor = RGBColor(255, 255, 255);
const CIRCLE_EDGE: RGBColor = RGBColor(40, 40, 40);

pub(super) fn map<DB: DrawingBackend>(
    body: &Area<DB>,
    chart: &MapChart,
    lang: i18n::Lang,
    look: &Look,
) -> Drawn {
    let mut entries: Vec<(Swatch, String)> = chart
        .legend
        .iter()
        .map(|e| (Swatch::Fill(rgb(e.rgb).to_rgba(), MUTED), e.label.clone()))
        .collect();
    if !chart.circles.is_empty() {
        let t = i18n::strings(lang);
        entries.push((Swatch::Dot(CIRCLE_EDGE), t.map.circles.to_string()));
    }
    let area = legend(body, &entries, look)?;
    let (w, h) = area.dim_in_pixel();
    // Equirectangular: one degree is as wide as it is tall, the map centred in the area.
    let span_lon = VIEW_LON.1 - VIEW_LON.0;
    let span_lat = VIEW_LAT.1 - VIEW_LAT.0;
    let scale = (f64::from(w) / span_lon).min(f64::from(h) / span_lat);
    let x0 = (f64::from(w) - span_lon * scale) / 2.0;
    let y0 = (f64::from(h) - span_lat * scale) / 2.0;
    let at = |[lon, lat]: LonLat| -> (i32, i32) {
        (
            (x0 + (lon - VIEW_LON.0) * scale).round() as i32,
            (y0 + (VIEW_LAT.1 - lat) * scale).round() as i32,
        )
    };
    let shapes = shapes::countries().iter().zip(shapes::triangles());
    for (shape, triangles) in shapes.filter(|(s, _)| s.code != shapes::NOT_DRAWN) {
        let colour = chart
            .countries
            .iter()
            .find(|c| c.code == shape.code)
            .map_or(crate::map::layers::NO_DATA, |c| c.rgb);
        // Triangles fill a concave outline with its holes in every backend alike.
        for t in triangles {
            let points: Vec<(i32, i32)> = t.iter().map(|p| at(*p)).collect();
            area.draw(&Polygon::new(points, rgb(colour).filled()))?;
        }
        for polygon in &shape.polygons {
            for ring in &polygon.rings {
                let mut points: Vec<(i32, i32)> = ring.iter().map(|p| at(*p)).collect();
                if let Some(first) = points.first().copied() {
                    points.push(first);
                }
                area.draw(&PathElement::new(points, BORDER.stroke_width(1)))?;
            }
        }
    }
    let largest_px = (scale * 4.0).max(look.label * 0.6);
    for circle in &chart.circles {
        let Some(centre) = circle.at else { continue };
        let r = (largest_px * circle.radius.max(0.35)).round() as i32;
        area.draw(&Circle::new(at(centre), r, rgb(circle.rgb).filled()))?;
        area.draw(&Circle::new(at(centre), r, CIRCLE_EDGE.stroke_width(1)))?;
    }
    Ok(())
}
