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
use crate::knowledge::{self, KnowledgeBase};

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
        /// The feedback log (default: feedback.path from config).
        file: Option<PathBuf>,
    },
}

/// Parses arguments and runs the command; the exit code says how it went.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let config = load_config(cli.config.as_deref())?;
    match cli.command {
        Command::Ask(args) => ask::run(&args, &engine(&cli.knowledge, &config)?),
        Command::Chat => chat::run(&engine(&cli.knowledge, &config)?),
        Command::Chart(args) => chart::run(&args, &engine(&cli.knowledge, &config)?),
        Command::Check { dir } => {
            check::check(dir.or(cli.knowledge).or(config.knowledge.dir.clone()))
        }
        Command::Stats => check::stats(&knowledge_base(&cli.knowledge, &config)?),
        Command::Eval { file } => eval::run(&file, &engine(&cli.knowledge, &config)?),
        Command::Serve => serve::run(config, cli.config, cli.knowledge),
        Command::Gaps { file } => gaps::run(&file.unwrap_or(config.feedback.path.clone())),
    }
}

/// The config named on the command line (must exist), or `config.toml` if present.
pub fn load_config(path: Option<&Path>) -> anyhow::Result<Config> {
    Ok(match path {
        Some(p) => Config::load(p, true)?,
        None => Config::load(Path::new("config.toml"), false)?,
    })
}

/// The knowledge base: `--knowledge DIR`, else `knowledge.dir` from config, else embedded.
pub fn knowledge_base(dir: &Option<PathBuf>, config: &Config) -> anyhow::Result<KnowledgeBase> {
    let dir = dir.clone().or(config.knowledge.dir.clone());
    let kb = match &dir {
        Some(d) => knowledge::load_dir(d),
        None => knowledge::load_embedded(),
    };
    kb.context("cannot load the knowledge base")
}

fn engine(dir: &Option<PathBuf>, config: &Config) -> anyhow::Result<Engine> {
    Ok(Engine::new(knowledge_base(dir, config)?, &config.engine))
}
