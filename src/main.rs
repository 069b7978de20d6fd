//! `hashwatt` opens the app; `hashwatt <subcommand>` runs the command line without a window.

use std::process::ExitCode;

fn main() -> ExitCode {
    hashwatt::gui::mark_start();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    match args.as_slice() {
        [_] => hashwatt::gui::run(None),
        // A lone scenario file (as a desktop "Open with" passes it) opens in the window.
        [_, file]
            if std::path::Path::new(file)
                .extension()
                .is_some_and(|e| e == "ron") =>
        {
            hashwatt::gui::run(Some(file.into()))
        }
        _ => hashwatt::cli::run(args),
    }
}
