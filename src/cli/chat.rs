//! `peelbot chat`: an interactive prompt with history.

use std::process::ExitCode;

use rustyline::error::ReadlineError;

use crate::engine::Engine;

pub fn run(engine: &Engine) -> anyhow::Result<ExitCode> {
    let mut rl = rustyline::DefaultEditor::new()?;
    println!(
        "PEEL Bot — ask about HMICFRS PEEL inspections of police forces in England and Wales."
    );
    println!("Type \"help\" for examples; Ctrl-D to leave.");
    loop {
        match rl.readline("peel> ") {
            Ok(line) => {
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                let _ = rl.add_history_entry(line);
                println!("{}\n", super::ask::render(&engine.answer(line)));
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e.into()),
        }
    }
    Ok(ExitCode::SUCCESS)
}
