//! `peelbot chart`: writes a picture (heatmap, report card or comparison)
//! to a PNG file and prints its alt text. What the user typed is resolved
//! here, once, into a typed spec for the chart library.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::chart::{self, resolve, CardSpec, CompareSpec, HeatmapSpec, Spec, COMPARE_FORCES};
use crate::engine::Engine;

#[derive(Debug, Args)]
pub struct ChartArgs {
    #[command(subcommand)]
    kind: Kind,
}

/// The subcommand names are the chart kinds' public names.
#[derive(Debug, Subcommand)]
enum Kind {
    /// Every force (rows, by region) × the areas of one cycle, coloured by grade.
    Heatmap {
        /// Cycle ("2023-25", "2021/22"); default the newest.
        #[arg(long)]
        cycle: Option<String>,
        /// Highlight this area's column ("responding to the public", "999 calls").
        #[arg(long)]
        area: Option<String>,
        /// Outline the cells with this grade ("inadequate", "RI").
        #[arg(long)]
        grade: Option<String>,
        /// Only this region's forces ("Wales", "North West").
        #[arg(long)]
        region: Option<String>,
        /// The PNG file to write.
        #[arg(long, value_name = "FILE.png")]
        out: PathBuf,
    },
    /// One force's report card: the newest cycle beside the one before.
    Card {
        /// The force, by any name ("Derbyshire", "the Met", "TVP").
        #[arg(required = true, num_args = 1..)]
        force: Vec<String>,
        /// The PNG file to write.
        #[arg(long, value_name = "FILE.png")]
        out: PathBuf,
    },
    /// Two to four forces side by side on the areas of one cycle.
    Compare {
        /// The forces, one argument each (quote names of several words: "Thames Valley").
        #[arg(required = true, num_args = 1..)]
        forces: Vec<String>,
        /// Cycle ("2023-25", "2021/22"); default the newest.
        #[arg(long)]
        cycle: Option<String>,
        /// The PNG file to write.
        #[arg(long, value_name = "FILE.png")]
        out: PathBuf,
    },
}

pub fn run(args: &ChartArgs, engine: &Engine) -> anyhow::Result<ExitCode> {
    let kb = engine.knowledge();
    let (spec, out) = match &args.kind {
        Kind::Heatmap {
            cycle,
            area,
            grade,
            region,
            out,
        } => {
            let cycle = cycle
                .as_deref()
                .map(|c| resolve::cycle(kb, c))
                .transpose()?;
            let spec = HeatmapSpec {
                area: area
                    .as_deref()
                    .map(|a| resolve::area(engine, cycle.as_deref(), a))
                    .transpose()?,
                grade: grade.as_deref().map(resolve::grade).transpose()?,
                region: region
                    .as_deref()
                    .map(|r| resolve::region(kb, r))
                    .transpose()?,
                cycle,
            };
            (Spec::Heatmap(spec), out)
        }
        Kind::Card { force, out } => {
            let force = resolve::force(engine, &force.join(" "))?;
            (Spec::Card(CardSpec { force }), out)
        }
        Kind::Compare { forces, cycle, out } => {
            if !COMPARE_FORCES.contains(&forces.len()) {
                return Err(chart::ChartError::ForceCount(forces.len()).into());
            }
            let forces = forces
                .iter()
                .map(|f| resolve::force(engine, f))
                .collect::<Result<Vec<_>, _>>()?;
            let cycle = cycle
                .as_deref()
                .map(|c| resolve::cycle(kb, c))
                .transpose()?;
            (Spec::Compare(CompareSpec { forces, cycle }), out)
        }
    };
    let picture = chart::render(kb, &spec)?;
    write(out, &picture.png)?;
    eprintln!(
        "wrote {} ({}×{} px, {} KB)",
        out.display(),
        picture.width,
        picture.height,
        picture.png.len().div_ceil(1024)
    );
    writeln!(std::io::stdout().lock(), "{}", picture.alt)?;
    Ok(ExitCode::SUCCESS)
}

fn write(path: &Path, png: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, png).with_context(|| format!("cannot write {}", path.display()))
}
