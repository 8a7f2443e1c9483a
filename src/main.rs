//! `peelbot`: a thin shell over the library; see `peelbot --help`.

use std::process::ExitCode;

fn main() -> ExitCode {
    match peelbot::cli::run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("peelbot: {e:#}");
            ExitCode::from(2)
        }
    }
}
