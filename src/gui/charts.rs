//! What the views' charts share: heights that fit the view, stacked axes, legends that keep
//! clear of the line, bar plots whose axis names the bars.

use eframe::egui;
use egui_plot::Plot;

/// A chart's height: the room left in the view, less `reserve` for what follows it, and at least
/// `min`. Charts grow with the window; in a small one the tab scrolls.
pub fn fit_height(ui: &egui::Ui, min: f32, reserve: f32) -> f32 {
    (ui.available_height() - reserve).max(min)
}

/// Width of the y axis of charts stacked over one x axis, px: their plot areas line up (room for
/// "-100,000,000" and the axis title).
pub(super) const STACKED_Y_AXIS_WIDTH: f32 = 104.0;

/// The top corner a line leaves free: top left when it rises from left to right, else top
/// right, so the legend does not cover it.
pub(super) fn legend_corner(points: &[(f64, f64)]) -> egui_plot::Corner {
    match (points.first(), points.last()) {
        (Some(first), Some(last)) if last.1 > first.1 => egui_plot::Corner::LeftTop,
        _ => egui_plot::Corner::RightTop,
    }
}

/// A fixed horizontal bar plot whose y axis names the bars (`names` from the top), one grid
/// line a bar, starting at zero; hovering shows the series' name.
pub(super) fn named_bar_plot(
    id: &'static str,
    names: Vec<String>,
    axis_width: f32,
) -> Plot<'static> {
    Plot::new(id)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_x(0.0)
        .custom_y_axes(vec![name_axis(names, axis_width)])
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
        .label_formatter(|hover| match hover {
            egui_plot::HoverPosition::NearDataPoint { plot_name, .. } => {
                Some(plot_name.to_string())
            }
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
}

/// A y axis naming the bars of a horizontal bar chart: bar `i` (from the top) at y = n − 1 − i.
/// Its labels may sit as close as the bars themselves.
pub(super) fn name_axis(names: Vec<String>, width: f32) -> egui_plot::AxisHints<'static> {
    let n = names.len();
    egui_plot::AxisHints::new_y()
        .formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < n {
                names[n - 1 - i as usize].clone()
            } else {
                String::new()
            }
        })
        .label_spacing(8.0..=12.0)
        .min_thickness(width)
}

#[cfg(test)]
mod legend_tests {
    #[test]
    fn the_legend_sits_where_the_line_is_not() {
        use egui_plot::Corner;
        let rising = [(0.0, -5.0), (1.0, 0.0), (2.0, 5.0)];
        let falling = [(0.0, 5.0), (2.0, -5.0)];
        assert_eq!(super::legend_corner(&rising), Corner::LeftTop);
        assert_eq!(super::legend_corner(&falling), Corner::RightTop);
        assert_eq!(super::legend_corner(&[]), Corner::RightTop);
    }
}
