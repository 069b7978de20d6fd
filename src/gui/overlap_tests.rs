//! Every workspace and every view it lists, at 1024 × 700 and 1920 × 1080, in English and
//! Chinese: no two widgets overlap, and none is cut off by the window.
//!
//! # The rule
//!
//! The widgets checked are the leaves a user reads or operates, as the accessibility tree lists
//! them ([`CHECKED`]: buttons, check boxes, radio buttons, text inputs, spin buttons, sliders,
//! combo boxes, links, labels). Plots draw their tick labels with the painter, outside that
//! tree, and are not checked; nor is anything inside a tooltip (it floats over the window by
//! design; the pointer is moved out of the window before each check anyway).
//!
//! What egui gives: the tree has each widget's whole rectangle, also when it is scrolled out of
//! view, and a label's rows as text runs (a label wrapped in a `horizontal_wrapped` row starts
//! at the cursor and goes on at the left edge; its rectangle would cover its neighbours on the
//! first row, so a label is checked row by row). egui's widget list of the same pass has each
//! container's whole rectangle and, as `interact_rect`, the part inside its clip rect (the
//! panels and scroll areas around it): a widget's **shown** part is its rectangle cut to the
//! clip of the container it is drawn in.
//!
//! * **Overlap**: no two widgets' shown parts share more than [`TOLERANCE`] px in both axes,
//!   unless one is an ancestor of the other in the tree. Parts scrolled out of view are not
//!   compared: they are not drawn.
//! * **Cut off**: along each axis a widget is shown whole, inside the window, unless an
//!   enclosing scroll area scrolls along that axis (then the rest is reached by scrolling).
//!   A scroll area is found from the rectangles alone: a container whose content overflows its
//!   clip along an axis while its parent container does not (egui allocates only a scroll
//!   area's viewport in its parent, while a plain container that overflows grows its parent
//!   too). Panels (role `Pane`) and the window are never scroll areas. So a widget half out of
//!   a panel, or a row too wide for a vertical scroll area (even below the fold), fails; a label
//!   below the fold of the view's scroll area does not.
//!
//! Each (size, language) is one test with one harness, which opens the views as a user does
//! (the start page, the Site door's worked example, then every workspace's views by their
//! buttons); the four run in parallel.

use super::test_support::{harness, open_view, settle};
use super::workspace::{Door, Workspace};
use super::*;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, NodeT, Queryable};
use std::collections::HashMap;

const SMALL: egui::Vec2 = egui::vec2(1024.0, 700.0);
const LARGE: egui::Vec2 = egui::vec2(1920.0, 1080.0);

/// How far two widgets may share an edge (px, in both axes) before they overlap: egui's own
/// rounding to pixels.
const TOLERANCE: f32 = 1.0;

/// The roles of the widgets checked: what a user reads or operates.
const CHECKED: &[Role] = &[
    Role::Button,
    Role::CheckBox,
    Role::RadioButton,
    Role::TextInput,
    Role::MultilineTextInput,
    Role::SearchInput,
    Role::SpinButton,
    Role::Slider,
    Role::ComboBox,
    Role::Link,
    Role::Label,
    Role::ProgressIndicator,
];

/// A widget checked: its role and name, its parts (a label wrapped over several rows is one
/// part per row, any other widget one), and the clip rect of the container it is drawn in.
#[derive(Clone, Debug)]
struct Widget {
    name: String,
    /// The ids of the tree's nodes from the root down to this widget, itself last.
    path: Vec<u64>,
    parts: Vec<egui::Rect>,
    clip: egui::Rect,
    /// Whether an enclosing scroll area scrolls along x, along y.
    scrolls: [bool; 2],
}

impl Widget {
    fn id(&self) -> u64 {
        self.path.last().copied().unwrap_or_default()
    }

    fn is_ancestor_of(&self, other: &Widget) -> bool {
        other.path[..other.path.len() - 1].contains(&self.id())
    }

    /// The parts shown, each cut to the clip rect (none: scrolled out of view).
    fn shown(&self) -> impl Iterator<Item = egui::Rect> + '_ {
        self.parts
            .iter()
            .map(|p| p.intersect(self.clip))
            .filter(|r| r.is_positive())
    }

    fn is_shown(&self) -> bool {
        self.shown().next().is_some()
    }

    fn rect(&self) -> egui::Rect {
        self.parts
            .iter()
            .fold(egui::Rect::NOTHING, |all, p| all.union(*p))
    }
}

/// The pairs of widgets whose shown parts overlap, by index (an ancestor and its descendant
/// excepted).
fn overlapping(widgets: &[Widget]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (i, a) in widgets.iter().enumerate() {
        for (j, b) in widgets.iter().enumerate().skip(i + 1) {
            if a.is_ancestor_of(b) || b.is_ancestor_of(a) {
                continue;
            }
            let overlap = a.shown().any(|pa| {
                b.shown().any(|pb| {
                    let common = pa.intersect(pb);
                    common.width() > TOLERANCE && common.height() > TOLERANCE
                })
            });
            if overlap {
                pairs.push((i, j));
            }
        }
    }
    pairs
}

/// Whether `w` is cut off: along an axis no enclosing scroll area scrolls, part of it is not
/// shown (or, shown, it leaves `window`).
fn is_cut_off(w: &Widget, window: egui::Rect) -> bool {
    let cut = |p: &egui::Rect, d: usize| {
        let shown = p.intersect(w.clip);
        (p.min[d] < shown.min[d] - TOLERANCE || p.max[d] > shown.max[d] + TOLERANCE)
            && !w.scrolls[d]
    };
    let outside = w
        .shown()
        .any(|s| !window.expand(TOLERANCE).contains_rect(s));
    outside || w.parts.iter().any(|p| cut(p, 0) || cut(p, 1))
}

/// A container on the way down the tree: its id, its clip rect, whether its content overflows
/// its clip along x and y, and whether it or a container around it scrolls along x and y.
#[derive(Clone, Copy)]
struct Container {
    id: u64,
    clip: egui::Rect,
    overflows: [bool; 2],
    scrolls: [bool; 2],
}

/// The checked widgets the harness shows, in tree order.
fn widgets<S>(h: &Harness<'_, S>) -> Vec<Widget> {
    let rects: HashMap<u64, egui::WidgetRect> = h.ctx.viewport(|v| {
        v.prev_pass
            .widgets
            .layers()
            .flat_map(|(_, rects)| rects.iter().map(|r| (r.id.value(), *r)))
            .collect()
    });
    let mut out = Vec::new();
    let mut path = Vec::new();
    walk(h.root().accesskit_node(), &rects, &mut path, &mut out);
    out
}

fn bounds(node: &AccessKitNode<'_>) -> Option<egui::Rect> {
    node.bounding_box().map(|b| {
        egui::Rect::from_min_max(
            egui::pos2(b.x0 as f32, b.y0 as f32),
            egui::pos2(b.x1 as f32, b.y1 as f32),
        )
    })
}

/// A checked widget's parts: a label's rows (its text runs), else its rectangle.
fn parts(node: &AccessKitNode<'_>, rects: &HashMap<u64, egui::WidgetRect>) -> Vec<egui::Rect> {
    let rect = bounds(node).unwrap_or(egui::Rect::NOTHING);
    if node.role() == Role::Label {
        let rows: Vec<egui::Rect> = node
            .children()
            .filter(|c| c.role() == Role::TextRun)
            .filter_map(|c| bounds(&c))
            .collect();
        if !rows.is_empty() {
            return rows;
        }
    } else if let Some(r) = rects.get(&node.locate().0.0) {
        // The tree and egui's widget list must be of the same pass. (A wrapped label's entry
        // in the list is its first row only: its rows are taken from the tree.)
        assert!(
            (r.rect.min - rect.min).length() < 0.5 && (r.rect.max - rect.max).length() < 0.5,
            "{:?} {:?}: {:?} in egui's list, {rect:?} in the tree",
            node.role(),
            node.label(),
            r.rect
        );
    }
    vec![rect]
}

fn walk(
    node: AccessKitNode<'_>,
    rects: &HashMap<u64, egui::WidgetRect>,
    path: &mut Vec<Container>,
    out: &mut Vec<Widget>,
) {
    let role = node.role();
    if role == Role::Tooltip || node.is_hidden() {
        return;
    }
    let id = node.locate().0.0;
    // Above the top-level container is the window, which does not scroll: what overflows
    // the top level is cut off.
    let parent = path.last().copied().unwrap_or(Container {
        id: 0,
        clip: egui::Rect::EVERYTHING,
        overflows: [true; 2],
        scrolls: [false; 2],
    });
    if CHECKED.contains(&role) {
        let label = node.label().or_else(|| node.value()).unwrap_or_default();
        let mut ids: Vec<u64> = path.iter().map(|c| c.id).collect();
        ids.push(id);
        out.push(Widget {
            name: format!("{role:?} {:?}", label.chars().take(60).collect::<String>()),
            path: ids,
            parts: parts(&node, rects),
            clip: parent.clip,
            scrolls: parent.scrolls,
        });
    }
    // A container's entry in egui's list has its whole rectangle and, as `interact_rect`, the
    // part inside its clip rect. A node without an entry passes its parent's on.
    let me = match rects.get(&id) {
        Some(r) => {
            let overflows = [0, 1].map(|d| {
                r.rect.min[d] < r.interact_rect.min[d] - 0.5
                    || r.rect.max[d] > r.interact_rect.max[d] + 0.5
            });
            Container {
                id,
                clip: r.interact_rect.intersect(parent.clip),
                overflows,
                scrolls: [0, 1].map(|d| {
                    parent.scrolls[d]
                        || (overflows[d] && !parent.overflows[d] && role != Role::Pane)
                }),
            }
        }
        None => Container { id, ..parent },
    };
    path.push(me);
    for child in node.children() {
        walk(child, rects, path, out);
    }
    path.pop();
}

/// What is wrong on screen: each overlap and each widget cut off, named with `place` (the
/// view, the size, the language).
fn problems<S>(h: &Harness<'_, S>, place: &str, size: egui::Vec2) -> Vec<String> {
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
    let ws = widgets(h);
    let mut found: Vec<String> = overlapping(&ws)
        .into_iter()
        .map(|(i, j)| {
            let (a, b) = (&ws[i], &ws[j]);
            format!(
                "{place}: {} {:?} overlaps {} {:?}",
                a.name,
                a.rect(),
                b.name,
                b.rect()
            )
        })
        .collect();
    found.extend(ws.iter().filter(|w| is_cut_off(w, window)).map(|w| {
        format!(
            "{place}: {} is cut off: whole {:?}, clip {:?} (scrolls x/y: {:?})",
            w.name,
            w.rect(),
            w.clip,
            w.scrolls
        )
    }));
    found
}

/// Moves the pointer out of the window, so no tooltip or hover stays from the last click.
fn park_pointer(h: &mut Harness<'_, App>) {
    h.event(egui::Event::PointerGone);
    h.run();
}

/// The start page, then the Site door's worked example in every view of every workspace (and
/// once with every result card shown), at `size` in `lang`: what is wrong, one line each.
fn every_view(lang: Lang, size: egui::Vec2) -> Vec<String> {
    let session = Session {
        language: LangChoice::Fixed(lang),
        ..Session::default()
    };
    let mut h = harness(
        session,
        Harness::builder().with_size(size).with_max_steps(16),
    );
    h.state_mut().presets_folder = None;
    h.state_mut().start_page_open = true;
    settle(&mut h);
    let at = format!("at {}×{} in {lang:?}", size.x, size.y);
    let mut found = problems(&h, &format!("the start page {at}"), size);
    let door = h.state().strings().workspace.door_site;
    h.get_by_role_and_label(Role::Button, door).click();
    settle(&mut h);
    assert_eq!(h.state().session.workspace, Door::Site.opens().0);
    for workspace in Workspace::ALL {
        for &tab in workspace.tabs() {
            open_view(&mut h, tab);
            settle(&mut h);
            park_pointer(&mut h);
            assert_eq!(h.state().session.tab, tab);
            let place = format!("{workspace:?} › {tab:?} {at}");
            found.extend(problems(&h, &place, size));
        }
    }
    // Every result card rather than the four deciding ones, above the first view.
    open_view(&mut h, Tab::BreakEven);
    let all = h.state().strings().workspace.all_figures;
    h.get_by_label(all).click();
    settle(&mut h);
    park_pointer(&mut h);
    assert!(h.state().session.all_figures);
    found.extend(problems(
        &h,
        &format!("Site › BreakEven, all figures {at}"),
        size,
    ));
    found
}

fn assert_clean(lang: Lang, size: egui::Vec2) {
    let found = every_view(lang, size);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn no_widget_overlaps_another_or_leaves_the_window_at_1024_by_700_in_english() {
    assert_clean(Lang::En, SMALL);
}

#[test]
fn no_widget_overlaps_another_or_leaves_the_window_at_1024_by_700_in_chinese() {
    assert_clean(Lang::Zh, SMALL);
}

#[test]
fn no_widget_overlaps_another_or_leaves_the_window_at_1920_by_1080_in_english() {
    assert_clean(Lang::En, LARGE);
}

#[test]
fn no_widget_overlaps_another_or_leaves_the_window_at_1920_by_1080_in_chinese() {
    assert_clean(Lang::Zh, LARGE);
}

fn widget(path: &[u64], rect: egui::Rect, clip: egui::Rect, scrolls: [bool; 2]) -> Widget {
    Widget {
        name: format!("{path:?}"),
        path: path.to_vec(),
        parts: vec![rect],
        clip,
        scrolls,
    }
}

fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> egui::Rect {
    egui::Rect::from_min_max(egui::pos2(x0, y0), egui::pos2(x1, y1))
}

#[test]
fn the_overlap_finder_finds_two_overlapping_widgets_but_not_a_widget_and_its_child() {
    let all = egui::Rect::EVERYTHING;
    let a = rect(0.0, 0.0, 100.0, 20.0);
    let b = rect(90.0, 10.0, 150.0, 30.0);
    let touching = rect(100.0, 0.0, 140.0, 20.0);
    let child = rect(10.0, 2.0, 50.0, 18.0);
    let ws = [
        widget(&[1, 2], a, all, [false; 2]),
        widget(&[1, 3], b, all, [false; 2]),
        widget(&[1, 4], touching, all, [false; 2]),
        widget(&[1, 2, 5], child, all, [false; 2]),
    ];
    // a and b share 10 × 10 px; the widget touching a's edge and a's child do not count; b
    // and the widget touching a overlap too.
    assert_eq!(overlapping(&ws), vec![(0, 1), (1, 2)]);
    // Scrolled out of view (its clip above it), b overlaps nothing.
    let mut hidden = ws.clone();
    hidden[1].clip = rect(0.0, 0.0, 1000.0, 5.0);
    assert_eq!(overlapping(&hidden), vec![]);
    // A label wrapped over two rows overlaps only where a row does.
    let mut wrapped = widget(&[1, 6], rect(300.0, 0.0, 400.0, 20.0), all, [false; 2]);
    wrapped.parts.push(rect(200.0, 20.0, 400.0, 40.0));
    let under_first_row = widget(&[1, 7], rect(200.0, 0.0, 290.0, 20.0), all, [false; 2]);
    assert_eq!(overlapping(&[wrapped.clone(), under_first_row]), vec![]);
    let on_second_row = widget(&[1, 8], rect(250.0, 30.0, 260.0, 50.0), all, [false; 2]);
    assert_eq!(overlapping(&[wrapped, on_second_row]), vec![(0, 1)]);
}

#[test]
fn a_widget_is_cut_off_unless_a_scroll_area_scrolls_along_the_cut() {
    let window = rect(0.0, 0.0, 1024.0, 700.0);
    let view = rect(390.0, 100.0, 1016.0, 690.0);
    // Half below a vertical scroll area's bottom edge: cut off unless it scrolls along y.
    let low = rect(400.0, 650.0, 600.0, 720.0);
    assert!(!is_cut_off(&widget(&[1], low, view, [false, true]), window));
    assert!(is_cut_off(&widget(&[1], low, view, [true, false]), window));
    // Too wide for a vertical scroll area, or wholly beyond its right edge, even below the fold.
    let wide = rect(900.0, 10.0, 1100.0, 30.0);
    assert!(is_cut_off(&widget(&[1], wide, view, [false, true]), window));
    let beyond = rect(1030.0, 800.0, 1100.0, 830.0);
    assert!(is_cut_off(
        &widget(&[1], beyond, view, [false, true]),
        window
    ));
    // Inside its clip but outside the window.
    let everything = egui::Rect::EVERYTHING;
    assert!(is_cut_off(
        &widget(&[1], wide, everything, [false; 2]),
        window
    ));
    assert!(!is_cut_off(
        &widget(&[1], low, everything, [false, true]),
        window.expand2(egui::vec2(0.0, 30.0))
    ));
    assert!(!is_cut_off(
        &widget(&[1], rect(400.0, 200.0, 500.0, 220.0), view, [false; 2]),
        window
    ));
}

#[test]
fn the_walk_finds_what_overlaps_and_what_is_cut_off_in_a_real_ui() {
    let size = egui::vec2(400.0, 300.0);
    let mut h = Harness::builder().with_size(size).build_ui(|ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.put(rect(10.0, 10.0, 110.0, 30.0), egui::Button::new("first"));
            ui.put(rect(60.0, 20.0, 160.0, 40.0), egui::Button::new("second"));
            ui.add_space(30.0);
            ui.add(
                egui::Label::new("a line far too long to fit beside the others, ".repeat(4))
                    .extend(),
            );
            for i in 0..40 {
                ui.label(format!("row {i}"));
            }
        });
    });
    h.run();
    let found = problems(&h, "test", size);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].contains("\"first\" ") && found[0].contains("overlaps Button \"second\""));
    assert!(found[1].contains("far too long") && found[1].contains("cut off"));
    // The rows below the fold are in the tree, not shown, and not cut off: they scroll.
    let ws = widgets(&h);
    let last = ws.iter().find(|w| w.name.contains("row 39")).unwrap();
    assert!(!last.is_shown() && last.scrolls == [false, true]);
}
