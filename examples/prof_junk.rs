fn main() {
    let kb = peelbot::knowledge::load_embedded().unwrap();
    let e = peelbot::engine::Engine::new(kb, &peelbot::config::EngineConfig::default());
    let q = "bqumhimry nsyiqwplvv cbnmuvdt mreyzyzw yuyueuds uaoqbnbz blabjnhc vctwqzdi idvgskpc ldkshg";
    let qs: Vec<String> = std::fs::read_to_string("target/bench-questions.txt")
        .unwrap()
        .lines()
        .filter(|l| l.starts_with(&q[..9]))
        .map(str::to_string)
        .collect();
    let q = &qs[0];
    eprintln!("{} chars", q.len());
    for _ in 0..200 {
        std::hint::black_box(e.answer(q));
    }
}
