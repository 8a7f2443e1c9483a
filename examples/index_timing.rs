fn main() {
    let mut best = std::time::Duration::MAX;
    for _ in 0..20 {
        let t = std::time::Instant::now();
        let kb = peelbot::knowledge::load_embedded().unwrap();
        let e = peelbot::engine::Engine::new(kb, &peelbot::config::EngineConfig::default());
        best = best.min(t.elapsed());
        drop(e);
    }
    println!("load+index best of 20: {best:?}");
}
