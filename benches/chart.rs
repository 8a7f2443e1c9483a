//! Drawing pictures: the whole of `chart::render` (build the grid, lay it
//! out, paint it, encode the PNG, write the alt text) for each kind, as a
//! front end pays on a cache miss.

use criterion::{criterion_group, criterion_main, Criterion};
use peelbot::chart::{self, CardSpec, CompareSpec, HeatmapSpec, Spec};
use peelbot::knowledge::{load_embedded, Grade};

fn bench(c: &mut Criterion) {
    let kb = load_embedded().expect("valid");
    let specs = [
        ("chart/heatmap", Spec::Heatmap(HeatmapSpec::default())),
        (
            "chart/heatmap_focus",
            Spec::Heatmap(HeatmapSpec {
                area: Some("responding-to-the-public".into()),
                grade: Some(Grade::Inadequate),
                ..HeatmapSpec::default()
            }),
        ),
        (
            "chart/card",
            Spec::Card(CardSpec {
                force: "derbyshire".into(),
            }),
        ),
        (
            "chart/compare_4",
            Spec::Compare(CompareSpec {
                forces: vec![
                    "essex".into(),
                    "kent".into(),
                    "norfolk".into(),
                    "suffolk".into(),
                ],
                cycle: None,
            }),
        ),
    ];
    for (name, spec) in &specs {
        c.bench_function(name, |b| {
            b.iter(|| chart::render(&kb, std::hint::black_box(spec)).expect("renders"))
        });
    }
    // The parts of a heatmap, to see where the time goes.
    let heat = &specs[0].1;
    c.bench_function("chart/heatmap_plan_only", |b| {
        b.iter(|| chart::plan(&kb, std::hint::black_box(heat)).expect("plans"))
    });
    let cache = chart::ChartCache::default();
    c.bench_function("chart/heatmap_cached", |b| {
        b.iter(|| cache.get(&kb, std::hint::black_box(heat)).expect("renders"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
