fn main() {
    let kb = peelbot::knowledge::load_embedded().unwrap();
    let e = peelbot::engine::Engine::new(kb, &peelbot::config::EngineConfig::default());
    let mut qs: Vec<String> = std::fs::read_to_string("target/bench-questions.txt")
        .unwrap()
        .lines()
        .take(1351)
        .map(str::to_string)
        .collect();
    qs.sort();
    qs.dedup();
    for q in &qs {
        std::hint::black_box(e.answer(q));
    }
    let mut times: Vec<(u128, &str)> = qs
        .iter()
        .map(|q| {
            let t = std::time::Instant::now();
            for _ in 0..5 {
                std::hint::black_box(e.answer(q));
            }
            (t.elapsed().as_nanos() / 5, q.as_str())
        })
        .collect();
    times.sort();
    let n = times.len();
    println!(
        "n {n} p50 {} p90 {} p99 {}",
        times[n / 2].0 / 1000,
        times[n * 9 / 10].0 / 1000,
        times[n * 99 / 100].0 / 1000
    );
    for (t, q) in times.iter().rev().take(25) {
        println!(
            "{:6} µs  {}",
            t / 1000,
            &q.chars().take(90).collect::<String>()
        );
    }
}
