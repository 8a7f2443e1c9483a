fn main() {
    let kb = peelbot::knowledge::load_embedded().unwrap();
    let e = peelbot::engine::Engine::new(kb, &peelbot::config::EngineConfig::default());
    let set = peelbot::engine::eval::EvalSet::load(std::path::Path::new(
        "tests/fixtures/eval/fresh1.toml",
    ))
    .unwrap();
    let qs: Vec<String> = set.case.into_iter().map(|c| c.q).collect();
    for _ in 0..3 {
        for q in &qs {
            std::hint::black_box(e.answer(q));
        }
    }
}
