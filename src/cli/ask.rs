//! `peelbot ask`: one question, or a batch, answered as text or JSON.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use crate::engine::{Answer, Engine};

#[derive(Debug, Args)]
pub struct AskArgs {
    /// Print one JSON object per answer (the stable public format).
    #[arg(long)]
    json: bool,
    /// Also print how the question was read: each part's typed query and
    /// the scores of the competing readings (for curators and developers).
    #[arg(long)]
    explain: bool,
    /// Also print the curators' notes on what the answer shows (amendments,
    /// doubts, how a date or grade was worked out).
    #[arg(long)]
    notes: bool,
    /// Also draw the answer's picture (a heatmap, report card or
    /// comparison) to FILE.png; an answer without one exits non-zero.
    #[arg(long, value_name = "FILE")]
    chart: Option<PathBuf>,
    /// Read questions from FILE, one per line (`-` for standard input).
    #[arg(long, value_name = "FILE")]
    batch: Option<PathBuf>,
    /// The question (all remaining words).
    #[arg(trailing_var_arg = true)]
    question: Vec<String>,
}

pub fn run(args: &AskArgs, engine: &Engine) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(path) = &args.batch {
        if !args.question.is_empty() {
            anyhow::bail!("give either --batch FILE or a question, not both");
        }
        if args.chart.is_some() {
            anyhow::bail!("--chart draws one answer's picture; give one question, not --batch");
        }
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            let f = std::fs::File::open(path)
                .with_context(|| format!("cannot open {}", path.display()))?;
            Box::new(std::io::BufReader::new(f))
        };
        for line in reader.split(b'\n') {
            let line = line.context("cannot read the batch")?;
            let line = String::from_utf8_lossy(&line);
            let line = line.strip_suffix('\r').unwrap_or(&line);
            let mut answer = engine.answer(line);
            if args.notes {
                answer.show_notes();
            }
            emit(&mut out, &answer, args.json)?;
        }
    } else {
        if args.question.is_empty() {
            anyhow::bail!(
                "no question given; try: peelbot ask \"What does Derbyshire need to improve?\""
            );
        }
        let question = args.question.join(" ");
        if args.explain {
            writeln!(out, "{}", engine.explain(&question))?;
        }
        let mut answer = engine.answer(&question);
        if args.notes {
            answer.show_notes();
        }
        emit(&mut out, &answer, args.json)?;
        if let Some(file) = &args.chart {
            out.flush()?;
            return draw(engine, &answer, file);
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the answer's picture to `file`, or says in one line why there is none.
fn draw(engine: &Engine, answer: &Answer, file: &std::path::Path) -> anyhow::Result<ExitCode> {
    let Some(spec) = &answer.chart else {
        eprintln!(
            "no picture: this answer ({}, {}) has none; heatmaps go with questions across forces, report cards with one force's grades, comparisons with two to four forces",
            answer.status.as_str(),
            answer.intent.name()
        );
        return Ok(ExitCode::FAILURE);
    };
    let picture = crate::chart::render(engine.knowledge(), spec)?;
    std::fs::write(file, &picture.png)
        .with_context(|| format!("cannot write {}", file.display()))?;
    eprintln!(
        "wrote the {} to {} ({}×{} px): {}",
        picture.kind,
        file.display(),
        picture.width,
        picture.height,
        picture.alt
    );
    Ok(ExitCode::SUCCESS)
}

fn emit(out: &mut impl Write, answer: &Answer, json: bool) -> anyhow::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, answer).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
    } else {
        out.write_all(render(answer).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The answer's text with each graded line ("• Area: Grade") led by its
/// grade's marker, so a column of grades can be scanned by colour.
fn mark_grades(answer: &Answer) -> String {
    let mut s = answer.text.clone();
    for f in &answer.fields {
        let Some(g) = f.grade else { continue };
        let line = format!("\n• {}: {}", f.name, f.value);
        if !f.value.contains('\n') && s.contains(&line) {
            let marker = crate::engine::palette::swatch(Some(g)).marker;
            s = s.replacen(&line, &format!("\n• {marker} {}: {}", f.name, f.value), 1);
        }
    }
    s
}

/// How a page worded the areas whose grades it supports, where that differs
/// from the inspectorate's name: "“Treatment of the public” = Engaging with
/// and treating the public with fairness and respect".
pub fn worded_there(answer: &Answer, url: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for g in answer.grades.iter().filter(|g| g.source == url) {
        // "anti-social" and "antisocial" are one wording.
        let same = |a: &str| crate::text::fold(a).replace(' ', "");
        if same(&g.area) == same(&g.area_as_worded) {
            continue;
        }
        let line = format!("worded there as \"{}\" ({})", g.area_as_worded, g.area);
        if !out.contains(&line) {
            out.push(line);
        }
    }
    out
}

/// An answer as terminal text: the answer with each grade line marked from
/// the one grade palette (🟧 requires improvement …), then numbered sources.
pub fn render(answer: &Answer) -> String {
    let mut s = mark_grades(answer);
    if !answer.suggestions.is_empty() {
        s.push_str("\n\nYou could ask:");
        for q in &answer.suggestions {
            s.push_str(&format!("\n  - {q}"));
        }
    }
    if !answer.citations.is_empty() {
        s.push_str("\n\nSources:");
        for (i, c) in answer.citations.iter().enumerate() {
            s.push_str(&format!("\n  [{}] {}", i + 1, c.title));
            if let Some(date) = &c.published {
                s.push_str(&format!(" ({date})"));
            }
            if let (Some(speaker), Some(role)) = (&c.speaker, &c.role) {
                s.push_str(&format!(" — {speaker}, {role}"));
            }
            s.push_str(&format!("\n      {}", c.url));
            for w in worded_there(answer, &c.url) {
                s.push_str(&format!("\n      {w}"));
            }
        }
    }
    s
}
