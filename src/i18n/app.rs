//! Words of the window: menus, panels, inputs, messages.

pub struct AppStrings {
    pub title: &'static str,
    pub tagline: &'static str,
}

pub const EN: AppStrings = AppStrings {
    title: "hashwatt",
    tagline: "What it costs, in money and in carbon, to mine Bitcoin here, with this hardware.",
};
