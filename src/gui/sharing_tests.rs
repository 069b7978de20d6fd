//! Files that travel, through the window: Save embeds the user's presets, a scenario's own
//! preset that differs from this machine's is named once, presets are imported (asking on a
//! conflict) and exported, and a scenario goes through the clipboard as text.

use super::files::{DialogReply, Dialogs};
use super::sharing::SharingCommand;
use super::*;
use crate::presets::{PresetKind, builtin_files};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;

/// A fresh, empty folder (a machine's presets folder, or where its files are).
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "hashwatt-gui-sharing-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn builtin(kind: PresetKind, id: &str) -> &'static str {
    builtin_files(kind)
        .iter()
        .find(|(path, _)| path.ends_with(&format!("/{id}.ron")))
        .map(|(_, text)| *text)
        .unwrap()
}

fn my_site(price: &str) -> String {
    let alberta = builtin(PresetKind::Region, "alberta");
    assert!(
        alberta.contains(PRICE_FIELD),
        "Alberta's listed price changed"
    );
    alberta
        .replace("id: \"alberta\"", "id: \"my-site\"")
        .replace("name: \"Alberta\"", "name: \"My site\"")
        .replace(
            PRICE_FIELD,
            &format!("electricity_price_usd_per_kwh: (value: {price},"),
        )
}

/// Alberta's listed price as its file writes it: the site's own price replaces it.
const PRICE_FIELD: &str = "electricity_price_usd_per_kwh: (value: 0.0458,";

fn put(folder: &Path, kind: PresetKind, file: &str, text: &str) -> PathBuf {
    let dir = folder.join(kind.folder());
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(file), text).unwrap();
    dir.join(file)
}

/// A presets folder with a user region, miner and emission table.
fn senders_folder(name: &str) -> PathBuf {
    let folder = temp_dir(name);
    put(
        &folder,
        PresetKind::Region,
        "my-site.ron",
        &my_site("0.031"),
    );
    let rig = builtin(PresetKind::Miner, "antminer-s21")
        .replace("id: \"antminer-s21\"", "id: \"my-rig\"")
        .replace("power_w: 3500,", "power_w: 3300,")
        .replace(
            "stated_efficiency_j_per_th: 17.5,",
            "stated_efficiency_j_per_th: 16.5,",
        );
    put(&folder, PresetKind::Miner, "my-rig.ron", &rig);
    let table = builtin(PresetKind::EmissionTable, "ipcc-ar5-lifecycle")
        .replace("id: \"ipcc-ar5-lifecycle\"", "id: \"my-table\"")
        .replace(
            "central: 820, low: 740, high: 910",
            "central: 1050, low: 740, high: 1100",
        );
    put(&folder, PresetKind::EmissionTable, "my-table.ron", &table);
    folder
}

const SCENARIO: &str = "(\n    version: 4,\n    name: \"Shared\",\n    site: (region: \"my-site\", emission_table: \"my-table\"),\n    fleet: [(miner: \"my-rig\", units: 10), (miner: \"antminer-s21\", units: 2)],\n    market: (preset: \"2025-12\"),\n)\n";

/// Dialogs that answer every question with the path given.
struct Answers(Option<PathBuf>);

impl Dialogs for Answers {
    fn ask(
        &mut self,
        request: super::files::DialogRequest,
        _ctx: egui::Context,
    ) -> super::job::Job<DialogReply> {
        let purpose = request.purpose;
        super::job::Job::ready(DialogReply {
            purpose,
            path: self.0.clone(),
            unavailable: false,
        })
    }
}

/// The window of a machine whose presets folder is `folder`, in English; its dialogs answer
/// `answer`.
fn machine(folder: &Path, answer: Option<PathBuf>) -> Harness<'static, App> {
    let session = Session {
        language: LangChoice::Fixed(Lang::En),
        ..Session::default()
    };
    let library = PresetLibrary::with_user_folder(Some(folder));
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let mut app = App::with_session(session, library, Box::new(Answers(answer)));
    app.presets_folder = Some(folder.to_path_buf());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 1000.0))
        .build_ui_state(|ui, app: &mut App| app.frame(ui), app);
    h.run();
    h
}

fn open(h: &mut Harness<'_, App>, path: &Path) {
    h.state_mut().queue(Command::OpenPath(path.to_path_buf()));
    h.run();
    assert_eq!(h.state().session.path.as_deref(), Some(path));
}

fn evaluation(h: &Harness<'_, App>) -> crate::model::Evaluation {
    h.state()
        .computed
        .as_ref()
        .expect("the scenario resolves")
        .evaluation
        .clone()
}

fn click_menu(h: &mut Harness<'_, App>, menu: &str, item: &str) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

#[test]
fn a_scenario_saved_in_the_window_gives_the_same_figures_on_another_machine() {
    let a_folder = senders_folder("save-a");
    let files = temp_dir("save-files");
    let path = files.join("s.ron");
    std::fs::write(&path, SCENARIO).unwrap();
    let mut a = machine(&a_folder, None);
    open(&mut a, &path);
    let there = evaluation(&a);
    a.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    a.run();
    let saved = std::fs::read_to_string(&path).unwrap();
    for id in ["my-site", "my-rig", "my-table"] {
        assert!(saved.contains(&format!("id: \"{id}\"")), "{id}: {saved}");
    }
    assert!(!a.state().is_dirty());

    let b_folder = temp_dir("save-b");
    let mut b = machine(&b_folder, None);
    open(&mut b, &path);
    assert_eq!(evaluation(&b), there);
    // Nothing to say: this machine has none of those ids.
    assert!(b.state().shown_banner().is_none());
    assert!(
        std::fs::read_dir(&b_folder).unwrap().next().is_none(),
        "nothing written here"
    );
}

#[test]
fn an_own_preset_that_differs_from_this_machines_is_named_once_and_nothing_changes() {
    let a_folder = senders_folder("differs-a");
    let files = temp_dir("differs-files");
    let path = files.join("s.ron");
    std::fs::write(&path, SCENARIO).unwrap();
    let mut a = machine(&a_folder, None);
    open(&mut a, &path);
    let there = evaluation(&a);
    a.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    a.run();

    let b_folder = temp_dir("differs-b");
    let theirs = put(
        &b_folder,
        PresetKind::Region,
        "my-site.ron",
        &my_site("0.09"),
    );
    let mut b = machine(&b_folder, None);
    open(&mut b, &path);
    assert_eq!(evaluation(&b), there, "the scenario uses its own");
    let banner = b.state().shown_banner().expect("a notice");
    assert!(!banner.error);
    assert_eq!(
        banner.text,
        format!(
            "{} uses its own region \"my-site\", which differs from the one in {}; nothing on \
             this machine changes unless you import it",
            path.display(),
            theirs.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&theirs).unwrap(), my_site("0.09"));
}

#[test]
fn copy_as_text_then_paste_opens_the_same_scenario_on_another_machine() {
    let a_folder = senders_folder("copy-a");
    let files = temp_dir("copy-files");
    let path = files.join("s.ron");
    std::fs::write(&path, SCENARIO).unwrap();
    let mut a = machine(&a_folder, None);
    open(&mut a, &path);
    a.get_by_label("Edit").click();
    a.run();
    a.get_by_label("Copy scenario as text").click();
    // The frame that applies the command is the one whose output carries the copy.
    a.step();
    let copied = a
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("the scenario is on the clipboard");
    assert_eq!(copied.lines().count(), 1, "compact: {copied}");
    assert!(copied.contains("my-rig"), "{copied}");

    let mut b = machine(&temp_dir("copy-b"), None);
    b.key_press_modifiers(
        egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
        egui::Key::V,
    );
    b.run();
    assert!(b.state().sharing.awaiting_paste);
    b.event(egui::Event::Paste(copied));
    b.run();
    let state = b.state();
    assert!(!state.sharing.awaiting_paste);
    assert_eq!(state.session.path, None);
    assert!(state.is_dirty(), "a new, unsaved scenario");
    let expected = super::sharing::self_contained(&a.state().session.doc, &a.state().library);
    assert_eq!(state.session.doc, expected);
    assert_eq!(evaluation(&b), evaluation(&a));

    // Text that is not a scenario leaves the inputs as they were, and says where it fails.
    b.state_mut()
        .queue(Command::Sharing(SharingCommand::PasteScenario));
    b.run();
    b.event(egui::Event::Paste("(site: (pue: 0.2))".into()));
    b.run();
    let banner = b.state().shown_banner().expect("an error");
    assert!(banner.error);
    assert!(
        banner.text.contains("clipboard:1:9: site.pue"),
        "{}",
        banner.text
    );
    assert_eq!(b.state().session.doc, expected);
}

#[test]
fn importing_a_changed_preset_shows_the_differences_and_keeps_both_when_asked() {
    let folder = temp_dir("import-folder");
    put(
        &folder,
        PresetKind::Region,
        "my-site.ron",
        &my_site("0.031"),
    );
    let received = temp_dir("import-received").join("my-site.ron");
    std::fs::write(&received, my_site("0.052")).unwrap();
    let mut h = machine(&folder, Some(received.clone()));
    click_menu(&mut h, "File", "Import presets…");
    h.run();
    assert!(h.state().sharing.pending_import.is_some());
    assert!(
        h.query_by_label("electricity_price_usd_per_kwh.value")
            .is_some()
    );
    assert!(h.query_by_label("0.031").is_some());
    assert!(h.query_by_label("0.052").is_some());
    h.get_by_label("Keep both").click();
    h.run();
    assert!(h.state().sharing.pending_import.is_none());
    let kept = h.state().library.region("my-site-2").expect("kept beside");
    assert_eq!(
        kept.electricity_price_usd_per_kwh.as_ref().unwrap().value,
        0.052
    );
    assert_eq!(kept.imported_from.as_deref(), Some("my-site.ron"));
    assert_eq!(
        h.state()
            .library
            .region("my-site")
            .unwrap()
            .electricity_price_usd_per_kwh
            .as_ref()
            .unwrap()
            .value,
        0.031
    );
    let banner = h.state().shown_banner().expect("what was imported");
    assert_eq!(
        banner.text,
        format!(
            "{}: 0 added, 0 identical, 0 replaced, 1 kept beside, 0 skipped.",
            received.display()
        )
    );
}

/// A file dropped on the window, as the platform hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_preset_file_is_imported_and_a_checked_pack_exports_it() {
    let folder = temp_dir("drop-folder");
    let received = temp_dir("drop-received").join("my-site.ron");
    std::fs::write(&received, my_site("0.031")).unwrap();
    let pack = temp_dir("drop-pack").join("pack.ron");
    let mut h = machine(&folder, Some(pack.clone()));
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(received.clone())));
    h.run();
    assert!(
        h.state().library.region("my-site").is_some(),
        "imported, not opened"
    );
    assert_eq!(h.state().session.path, None);
    assert!(folder.join("regions/my-site.ron").exists());

    click_menu(&mut h, "File", "Export presets…");
    h.get_by_label("my-site").click();
    h.run();
    assert_eq!(
        h.state().sharing.export_choice,
        Some(vec![(PresetKind::Region, "my-site".to_string())])
    );
    h.get_by_label("Export…").click();
    h.run();
    h.run();
    let text = std::fs::read_to_string(&pack).expect("the pack is written");
    assert!(text.contains("format: \"hashwatt preset pack\""), "{text}");
    assert!(h.state().sharing.export_choice.is_none());
    let library = PresetLibrary::builtin();
    let offered = crate::presets::import::read_incoming("pack.ron", &text, &library).unwrap();
    assert_eq!(offered.len(), 1);
    assert!(
        offered[0].same_content(
            &h.state()
                .library
                .get(PresetKind::Region, "my-site")
                .unwrap()
        )
    );
}

#[test]
fn open_presets_folder_creates_it_and_opens_it() {
    let folder = temp_dir("open-folder").join("presets");
    let mut h = machine(&folder, None);
    click_menu(&mut h, "File", "Open presets folder");
    assert!(folder.is_dir());
    assert_eq!(h.state().sharing.opened_folders, [folder]);
}

#[test]
fn the_pickers_name_a_scenarios_own_presets_and_the_next_file_does_not_inherit_them() {
    let a_folder = senders_folder("names-a");
    let files = temp_dir("names-files");
    let path = files.join("s.ron");
    std::fs::write(&path, SCENARIO).unwrap();
    let mut a = machine(&a_folder, None);
    open(&mut a, &path);
    a.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    a.run();

    let mut b = machine(&temp_dir("names-b"), None);
    open(&mut b, &path);
    assert!(
        b.query_all_by_label_contains("Custom mix").next().is_none(),
        "the region is named, not taken for a custom mix"
    );
    b.get_by_label("Region").click();
    b.run();
    assert!(
        b.query_all_by_label_contains("My site").next().is_some(),
        "the region picker lists it"
    );
    b.key_press(egui::Key::Escape);
    b.run();
    assert!(b.state().library.region("my-site").is_some());
    assert!(b.state().machine_library.region("my-site").is_none());

    // A file that names "my-site" without carrying it is refused, as on a fresh machine.
    let bare = files.join("bare.ron");
    std::fs::write(&bare, SCENARIO).unwrap();
    b.state_mut().queue(Command::OpenPath(bare.clone()));
    b.run();
    assert_eq!(b.state().session.path.as_deref(), Some(path.as_path()));
    let banner = b.state().shown_banner().expect("why it was refused");
    assert!(
        banner.error && banner.text.contains("my-table"),
        "{}",
        banner.text
    );
}
