//! Opt-in: captures what the bot sends for a few typical questions, through
//! the fake Discord, to `target/discord-capture/` (one JSON per reply, and
//! each uploaded picture), for `scripts/discord_render.py` to draw as
//! Discord's dark theme. Not part of `cargo test`; run it with
//! `cargo test --test discord_capture -- --ignored`.

mod support;

use serde_json::{json, Value};

use support::fixtures::*;

fn option(name: &str, value: impl Into<Value>) -> Value {
    let value = value.into();
    let kind = if value.is_number() { 4 } else { 3 };
    json!({"name": name, "type": kind, "value": value})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes files for screenshots; run on demand"]
async fn capture_replies_for_screenshots() {
    let h = support::start(|_| {}).await;
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/discord-capture");
    std::fs::create_dir_all(&out).unwrap();
    let perms = PERMISSIONS_NO_EMBEDS | EMBED_LINKS | ATTACH_FILES;
    let commands = [
        (
            "force",
            json!([option("name", "derbyshire")]),
            "/force name: derbyshire",
        ),
        (
            "which",
            json!([
                option("grade", 4),
                option("area", "Responding to the public")
            ]),
            "/which grade: Inadequate area: Responding to the public",
        ),
        (
            "ask",
            json!([option(
                "question",
                "What did Roy Wilsher say about Derbyshire?"
            )]),
            "/ask question: What did Roy Wilsher say about Derbyshire?",
        ),
        (
            "ask",
            json!([option("question", "All grades for the Met")]),
            "/ask question: All grades for the Met",
        ),
        (
            "ask",
            json!([option("question", "yorkshire police grades")]),
            "/ask question: yorkshire police grades",
        ),
        (
            "ask",
            json!([option("question", "What does Derbyshire need to improve?")]),
            "/ask question: What does Derbyshire need to improve?",
        ),
        (
            "ask",
            json!([option("question", "midlands police grades")]),
            "/ask question: midlands police grades",
        ),
        ("help", json!([]), "/help"),
    ];
    for (n, (name, options, typed)) in commands.into_iter().enumerate() {
        let (_, i) = command(name, options, CHANNEL, USER);
        let id = h.interact(with_app_permissions(i, perms));
        let r = h.callback(id).await;
        let mut files = Vec::new();
        for f in &r.files {
            let file = format!("{n}-{}", f.filename);
            std::fs::write(out.join(&file), &f.bytes).unwrap();
            files.push(json!({"filename": f.filename, "saved": file}));
        }
        let record = json!({"asked": typed, "message": r.body["data"], "files": files});
        std::fs::write(
            out.join(format!("{n}.json")),
            serde_json::to_string_pretty(&record).unwrap(),
        )
        .unwrap();
    }
}
