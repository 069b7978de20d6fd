//! The window's icon: the application icon (`assets/icons/hashwatt.svg`), from its 256 px PNG,
//! compiled in.

use eframe::egui;

const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/hashwatt-256.png");

/// The icon as the window system wants it: RGBA pixels.
pub fn window_icon() -> Option<egui::IconData> {
    let image = image::load_from_memory_with_format(ICON_PNG, image::ImageFormat::Png).ok()?;
    let rgba = image.to_rgba8();
    Some(egui::IconData {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_icon_decodes_to_a_square_with_transparent_corners() {
        let icon = super::window_icon().expect("the PNG decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // The tile has rounded corners: the corner pixel is transparent, the centre is not.
        assert_eq!(icon.rgba[3], 0);
        let centre = (128 * 256 + 128) * 4;
        assert_eq!(icon.rgba[centre + 3], 255);
    }
}
