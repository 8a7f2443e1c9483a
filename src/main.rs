//! `peelbot`: a thin shell over the library; see `peelbot --help`.

use std::process::ExitCode;

fn main() -> ExitCode {
    match peelbot::run_cli() {
        Ok(code) => code,
        // A closed pipe (`peelbot stats | head`) is the reader's choice, not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("peelbot: {e:#}");
            ExitCode::from(2)
        }
    }
}
