fn main() {
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let kb = peelbot::knowledge::load_embedded().unwrap();
        let t1 = t.elapsed();
        let e = peelbot::engine::Engine::new(kb, &peelbot::config::EngineConfig::default());
        let t2 = t.elapsed();
        println!("load {:?} index {:?}", t1, t2 - t1);
        let _ = e;
    }
}
