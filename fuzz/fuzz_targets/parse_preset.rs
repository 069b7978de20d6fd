//! Arbitrary bytes to the preset loader, for every kind of preset (the first byte chooses the
//! kind, the rest is the file), as the user's presets folder is read. libFuzzer reports any
//! panic. Refusals must name the file.

#![no_main]

use hashwatt_core::presets::{PresetKind, PresetLibrary};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static LIBRARY: LazyLock<PresetLibrary> = LazyLock::new(PresetLibrary::builtin);

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let kind = PresetKind::ALL[usize::from(selector) % PresetKind::ALL.len()];
    let path = format!("presets/{}/fuzz.ron", kind.folder());
    // A fresh copy each time, so one input's preset cannot change how the next is read.
    let mut library = LIBRARY.clone();
    if let Err(e) = library.try_add_text(kind, &path, text) {
        assert_eq!(e.path, path);
        assert!(!e.problem.to_string().trim().is_empty(), "{e:?}");
        assert!(e.to_string().starts_with(&path), "{e}");
    }
});
