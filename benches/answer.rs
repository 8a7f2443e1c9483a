//! Answering speed over generated questions (see support/questions.rs) and
//! the realistic ones of the question sets (the public dev set and the fresh
//! sets written blind, under tests/fixtures/eval).
//!
//! Prints the median and p99 time per question, then lets criterion time the
//! whole set. Also writes 10,000 questions to target/bench-questions.txt for
//! timing `peelbot ask --json --batch` as a whole process (see the README).

use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use peelbot::config::EngineConfig;
use peelbot::engine::Engine;
use peelbot::knowledge::load_embedded;

#[path = "support/questions.rs"]
mod questions;

fn percentiles(engine: &Engine, qs: &[String]) {
    // Warm up, then time each question many times.
    for q in qs {
        std::hint::black_box(engine.answer(q));
    }
    let mut times: Vec<u128> = Vec::with_capacity(qs.len() * 20);
    for _ in 0..20 {
        for q in qs {
            let t = Instant::now();
            std::hint::black_box(engine.answer(q));
            times.push(t.elapsed().as_nanos());
        }
    }
    times.sort_unstable();
    let at =
        |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)] as f64 / 1000.0;
    println!(
        "answer: {} questions x 20: median {:.1} µs, p90 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        qs.len(),
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    );
}

fn write_batch(qs: &[String]) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let mut lines = String::new();
    for i in 0..10_000 {
        lines.push_str(&qs[i % qs.len()].replace('\n', " "));
        lines.push('\n');
    }
    if std::fs::write(dir.join("bench-questions.txt"), lines).is_ok() {
        println!("wrote target/bench-questions.txt (10,000 questions)");
    }
}

fn bench(c: &mut Criterion) {
    let engine = Engine::new(
        load_embedded().expect("embedded base"),
        &EngineConfig::default(),
    );
    let mut qs = questions::generate(engine.knowledge());
    assert!(qs.len() >= 1000);
    let generated = qs.len();
    qs.extend(questions::realistic());
    println!(
        "{generated} generated questions and {} from the question sets",
        qs.len() - generated
    );
    percentiles(&engine, &qs);
    write_batch(&qs);
    let mut group = c.benchmark_group("answer");
    group.throughput(Throughput::Elements(qs.len() as u64));
    group.bench_function("generated_set", |b| {
        b.iter(|| {
            for q in &qs {
                std::hint::black_box(engine.answer(q));
            }
        })
    });
    group.bench_function("improve_derbyshire", |b| {
        b.iter(|| {
            engine.answer(std::hint::black_box(
                "What does Derbyshire need to improve?",
            ))
        })
    });
    group.bench_function("typo_grade", |b| {
        b.iter(|| {
            engine.answer(std::hint::black_box(
                "Nottinghamshre investgating crime grade",
            ))
        })
    });
    group.bench_function("across_forces", |b| {
        b.iter(|| {
            engine.answer(std::hint::black_box(
                "Which forces are inadequate at responding to the public?",
            ))
        })
    });
    group.bench_function("junk_500", |b| {
        let junk: String = "qwzx".repeat(125);
        b.iter(|| engine.answer(std::hint::black_box(&junk)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
