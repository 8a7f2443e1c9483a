//! Start-up cost: loading, validating and indexing the embedded knowledge
//! base, as `peelbot` does before answering anything.

use criterion::{criterion_group, criterion_main, Criterion};
use peelbot::config::EngineConfig;
use peelbot::engine::Engine;
use peelbot::knowledge::{embedded_files, load_embedded, load_files};

fn bench(c: &mut Criterion) {
    let files = embedded_files();
    c.bench_function("knowledge/load_validate", |b| {
        b.iter(|| load_files("embedded", std::hint::black_box(&files)).expect("valid"))
    });
    c.bench_function("knowledge/load_validate_index", |b| {
        b.iter(|| Engine::new(load_embedded().expect("valid"), &EngineConfig::default()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
