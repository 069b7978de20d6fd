//! `hashwatt` opens the app; `hashwatt <subcommand>` runs the command line without a window.

use std::process::ExitCode;

fn main() -> ExitCode {
    hashwatt::gui::mark_start();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.len() <= 1 {
        hashwatt::gui::run()
    } else {
        hashwatt::cli::run(args)
    }
}
