//! A drop-down list with a filter and keyboard control, for choosing a preset: a region, a miner,
//! an emission table or a market snapshot.
//!
//! Each opening starts with an empty filter that has the keyboard focus, so typing filters at once;
//! Up and Down move through the matches, Enter picks the highlighted one, Esc closes. Clicking
//! inside the list (the filter, a heading) leaves it open; only a pick or a click outside closes it.

use eframe::egui;

/// One choice in a picker.
pub struct PickerItem<K> {
    pub key: K,
    /// What the list shows.
    pub text: String,
    /// The heading the item is listed under, if the list has groups.
    pub group: Option<String>,
    /// Lower-case text the filter searches (names in each language, ids, makers…).
    pub search: String,
    /// This is the current choice.
    pub selected: bool,
}

impl<K> PickerItem<K> {
    pub fn new(key: K, text: String, selected: bool) -> Self {
        let search = text.to_lowercase();
        Self {
            key,
            text,
            group: None,
            search,
            selected,
        }
    }

    pub fn group(mut self, heading: &str) -> Self {
        self.group = Some(heading.to_string());
        self
    }

    /// More words the filter finds this item by.
    pub fn also_found_by(mut self, words: &[&str]) -> Self {
        for word in words {
            self.search.push('\n');
            self.search.push_str(&word.to_lowercase());
        }
        self
    }
}

/// What a picker remembers between frames while its list is open.
#[derive(Clone, Debug, Default)]
struct PickerState {
    open: bool,
    filter: String,
    /// Index into the current matches.
    highlight: usize,
}

/// A picker: the button showing `selected_text` and, when open, the filtered list.
pub struct Picker<'a> {
    id_salt: egui::IdSalt,
    selected_text: String,
    filter_hint: Option<&'a str>,
    label: Option<egui::Id>,
    width: f32,
}

impl<'a> Picker<'a> {
    pub fn new(id_salt: impl egui::AsIdSalt, selected_text: impl Into<String>) -> Self {
        Self {
            id_salt: egui::IdSalt::new(id_salt),
            selected_text: selected_text.into(),
            filter_hint: None,
            label: None,
            width: 230.0,
        }
    }

    /// Show a filter field with this hint (short lists need none; keys still work).
    pub fn filter(mut self, hint: &'a str) -> Self {
        self.filter_hint = Some(hint);
        self
    }

    /// The label that names the picker, for screen readers and tests.
    pub fn labelled_by(mut self, label: egui::Id) -> Self {
        self.label = Some(label);
        self
    }

    /// Draws the picker; returns the item picked this frame, if any.
    pub fn show<K: Clone>(self, ui: &mut egui::Ui, items: &[PickerItem<K>]) -> Option<K> {
        let state_id = egui::Id::unique(("picker-state", self.id_salt));
        let mut state: PickerState = ui.data(|d| d.get_temp(state_id)).unwrap_or_default();
        let mut picked = None;
        let combo = egui::ComboBox::from_id_salt(self.id_salt)
            .selected_text(self.selected_text)
            .width(self.width)
            .height(420.0)
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show_ui(ui, |ui| {
                let just_opened = !state.open;
                if just_opened {
                    state = PickerState {
                        open: true,
                        ..PickerState::default()
                    };
                }
                // Keys are taken before the filter field sees them: in a one-line field Up and
                // Down would only move its cursor, and Enter would end the editing.
                let (down, up, enter) = ui.input_mut(|i| {
                    (
                        i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                        i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                        i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
                    )
                });
                let before = state.filter.clone();
                if let Some(hint) = self.filter_hint {
                    let mut field = egui::TextEdit::singleline(&mut state.filter)
                        .hint_text(hint)
                        .desired_width(f32::INFINITY);
                    field = field.id_salt(("picker-filter", self.id_salt));
                    let response = ui.add(field);
                    let response = match self.label {
                        Some(label) => response.labelled_by(label),
                        None => response,
                    };
                    // Typing always filters: the field takes the focus when the list opens,
                    // and again when a click inside (a heading, the list's margin) dropped it.
                    if just_opened || ui.memory(|m| m.focused().is_none()) {
                        response.request_focus();
                    }
                }
                let needle = state.filter.trim().to_lowercase();
                let mut matches: Vec<usize> = items
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| needle.is_empty() || item.search.contains(&needle))
                    .map(|(i, _)| i)
                    .collect();
                // Within each group, a name the filter ends or starts a word of comes first:
                // "s21 xp" lists the S21 XP before the S21 XP+ Hydro.
                let group_start = |i: usize| {
                    items
                        .iter()
                        .position(|item| item.group == items[i].group)
                        .unwrap_or(i)
                };
                let rank = |i: usize| {
                    // The shown text and every name it is found by, one per line.
                    let item: &PickerItem<K> = &items[i];
                    std::iter::once(item.text.as_str())
                        .chain(item.search.lines())
                        .map(|name| match_rank(name, &needle))
                        .min()
                        .unwrap_or(2)
                };
                matches.sort_by_key(|&i| (group_start(i), rank(i), i));
                if just_opened {
                    state.highlight = matches.iter().position(|&i| items[i].selected).unwrap_or(0);
                } else if state.filter != before {
                    state.highlight = 0;
                }
                let moved = down || up;
                if down {
                    state.highlight += 1;
                }
                if up {
                    state.highlight = state.highlight.saturating_sub(1);
                }
                state.highlight = state.highlight.min(matches.len().saturating_sub(1));
                if enter && let Some(&i) = matches.get(state.highlight) {
                    picked = Some(items[i].key.clone());
                }

                let mut group: Option<&str> = None;
                for (position, &i) in matches.iter().enumerate() {
                    let item = &items[i];
                    if item.group.is_some() && item.group.as_deref() != group {
                        group = item.group.as_deref();
                        ui.label(egui::RichText::new(group.unwrap_or_default()).strong());
                    }
                    let mut response = ui.selectable_label(item.selected, &item.text);
                    if position == state.highlight {
                        response = response.highlight();
                        if moved {
                            response.scroll_to_me(None);
                        }
                    }
                    if response.clicked() {
                        picked = Some(item.key.clone());
                    }
                }
                if picked.is_some() {
                    ui.close();
                }
            });
        if combo.inner.is_none() || picked.is_some() {
            state.open = false;
        }
        ui.data_mut(|d| d.insert_temp(state_id, state));
        if let Some(label) = self.label {
            combo.response.labelled_by(label);
        }
        picked
    }
}

/// How well `text` (a list entry) matches the typed filter: 0 when the name is the filter or
/// ends with it as whole words, 1 when a word of the name starts with it, 2 otherwise.
pub fn match_rank(text: &str, needle: &str) -> u8 {
    if needle.is_empty() {
        return 0;
    }
    let name = text.to_lowercase();
    let at_word = |at: usize| at == 0 || name[..at].ends_with([' ', '-', '(', '/']);
    let whole = name
        .match_indices(needle)
        .any(|(at, _)| at_word(at) && at + needle.len() == name.len());
    if whole {
        0
    } else if name.match_indices(needle).any(|(at, _)| at_word(at)) {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod rank_tests {
    use super::match_rank;

    #[test]
    fn a_name_ending_with_the_filter_comes_before_one_that_goes_on() {
        assert_eq!(match_rank("Antminer S21 XP", "s21 xp"), 0);
        assert_eq!(match_rank("Antminer S21 XP+ Hydro", "s21 xp"), 1);
        assert_eq!(match_rank("Antminer S21 XP", "21 xp"), 2);
        assert_eq!(match_rank("Texas (ERCOT)", "texas"), 1);
        assert_eq!(match_rank("Texas", "texas"), 0);
    }
}
