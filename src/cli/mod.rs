//! The terminal front end: command-line parsing and one module per command.

mod ask;
mod chart;
mod chat;
mod check;
mod eval;
mod gaps;
mod serve;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::engine::Engine;
use crate::knowledge::KnowledgeBase;
use crate::ops::KnowledgeSource;

/// Sourced answers about HMICFRS PEEL inspections of police forces in England and Wales.
#[derive(Debug, Parser)]
#[command(name = "peelbot", version, about)]
pub struct Cli {
    /// Config file (default: config.toml in the working directory, if present).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Load the knowledge base from this directory instead of the embedded copy.
    #[arg(long, global = true, value_name = "DIR")]
    knowledge: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Answer one question (or a batch, one per line) and print the answer with its sources.
    Ask(ask::AskArgs),
    /// Ask questions interactively (Ctrl-D to leave).
    Chat,
    /// Draw a picture (heatmap, card or compare) to a PNG file and print its alt text.
    Chart(chart::ChartArgs),
    /// Validate a knowledge directory (default: the configured or embedded base) and print coverage.
    Check {
        /// Knowledge directory to check.
        dir: Option<PathBuf>,
    },
    /// Print the coverage table: for each force, which cycles have full, partial or no grades.
    Stats,
    /// Score the engine against a question set (TOML, see shared/eval/dev.toml).
    Eval {
        /// The question set.
        file: PathBuf,
    },
    /// Run the Discord bot (token from DISCORD_TOKEN or discord.token_file).
    Serve,
    /// Print the most frequent unanswered questions and most down-voted answers.
    Gaps {
        /// Feedback logs to read and merge, e.g. one per process (default:
        /// feedback.path from config); each one's rotated `.1` is read too.
        files: Vec<PathBuf>,
    },
}

/// Parses arguments and runs the command; the exit code says how it went.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let config = load_config(cli.config.as_deref())?;
    let source = KnowledgeSource::new(cli.knowledge);
    match cli.command {
        Command::Ask(args) => ask::run(&args, &engine(&source, &config)?),
        Command::Chat => chat::run(&engine(&source, &config)?),
        Command::Chart(args) => chart::run(&args, &engine(&source, &config)?),
        Command::Check { dir } => {
            let source = KnowledgeSource::new(dir.or(source.override_dir));
            check::check(&source, &config)
        }
        Command::Stats => check::stats(&knowledge_base(&source, &config)?),
        Command::Eval { file } => eval::run(&file, &engine(&source, &config)?),
        Command::Serve => serve::run(config, cli.config, source),
        Command::Gaps { mut files } => {
            if files.is_empty() {
                files.push(config.feedback.path.clone());
            }
            gaps::run(&files)
        }
    }
}

/// The config named on the command line (must exist), or `config.toml` if present.
fn load_config(path: Option<&Path>) -> anyhow::Result<Config> {
    Ok(match path {
        Some(p) => Config::load(p, true)?,
        None => Config::load(Path::new("config.toml"), false)?,
    })
}

/// The knowledge base the source names under `config`.
fn knowledge_base(source: &KnowledgeSource, config: &Config) -> anyhow::Result<KnowledgeBase> {
    source
        .load(config)
        .context("cannot load the knowledge base")
}

fn engine(source: &KnowledgeSource, config: &Config) -> anyhow::Result<Engine> {
    Ok(Engine::new(knowledge_base(source, config)?, &config.engine))
}
