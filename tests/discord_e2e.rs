//! What users get, end to end: the real bot (serenity + poise) against a
//! fake Discord on 127.0.0.1 (see `support`). No network.
//!
//! Contents:
//! - registration: every command registered in the dev guild;
//! - slash commands: /ask, then /force /quote /compare /which /about /help;
//! - autocomplete (interaction type 4): fuzzy, at most 25 choices;
//! - messages: a mention, the prefix, `!peel help|about`, threads;
//! - buttons (type 3): a follow-up, the clarify flow, an expired button;
//! - edits and deletions of a question follow to its answer;
//! - plain text where the bot lacks Embed Links.
//!
//! Every test ends by checking every message the bot sent: nobody pinged,
//! every Discord limit kept, no unknown route called.

mod support;

use serde_json::{json, Value};

use support::fixtures::*;
use support::{button_ids, button_labels, shown_text, WAIT};

/// Interaction response types: a new message, or an update of the clicked one.
const CHANNEL_MESSAGE: u64 = 4;
const UPDATE_MESSAGE: u64 = 7;
const AUTOCOMPLETE_RESULT: u64 = 8;
const EPHEMERAL: u64 = 1 << 6;

fn option(name: &str, value: impl Into<Value>) -> Value {
    let value = value.into();
    let kind = if value.is_number() { 4 } else { 3 };
    json!({"name": name, "type": kind, "value": value})
}

/// True when a message or response data is ephemeral (only its user sees it).
fn private(data: &Value) -> bool {
    data["flags"].as_u64().unwrap_or(0) & EPHEMERAL == EPHEMERAL
}

fn mention(q: &str) -> String {
    format!("<@{BOT_ID}> {q}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registers_every_command_in_the_dev_guild() {
    let h = support::start(|_| {}).await;
    let path = format!("/applications/{APP_ID}/guilds/{GUILD_ID}/commands");
    let put = h
        .fake
        .wait_for("command registration", WAIT, |r| r.is("PUT", &path))
        .await;
    let commands = put.body.as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = commands
        .iter()
        .filter(|c| c["type"].as_u64().unwrap_or(1) == 1)
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["ask", "force", "quote", "compare", "which", "about", "help", "reload"]
    );
    // "Ask PEEL Bot" on a message (a message command, type 3).
    let menu: Vec<&str> = commands
        .iter()
        .filter(|c| c["type"] == 3)
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(menu, ["Ask PEEL Bot"]);
    let option_of = |cmd: &str, opt: &str| {
        commands
            .iter()
            .find(|c| c["name"] == cmd)
            .and_then(|c| c["options"].as_array())
            .and_then(|o| o.iter().find(|o| o["name"] == opt))
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(option_of("force", "name")["autocomplete"], true);
    // /ask says its limit to Discord; the server's own check stays authoritative.
    assert_eq!(option_of("ask", "question")["max_length"], 500);
    // /compare names its forces first to fourth; two are required.
    for (opt, required) in [
        ("first", true),
        ("second", true),
        ("third", false),
        ("fourth", false),
    ] {
        let o = option_of("compare", opt);
        assert_eq!(o["autocomplete"], true, "{opt}: {o}");
        assert_eq!(
            o["required"].as_bool().unwrap_or(false),
            required,
            "{opt}: {o}"
        );
    }
    // /reload is hidden from members without Manage Server.
    let reload = commands.iter().find(|c| c["name"] == "reload").unwrap();
    assert_eq!(reload["default_member_permissions"], "32", "{reload}");
    assert_eq!(option_of("quote", "speaker")["autocomplete"], true);
    assert_eq!(
        option_of("which", "grade")["choices"]
            .as_array()
            .map(Vec::len),
        Some(5)
    );
    for c in commands
        .iter()
        .filter(|c| c["type"].as_u64().unwrap_or(1) == 1)
    {
        let d = c["description"].as_str().unwrap_or_default();
        assert!((1..=100).contains(&d.len()), "{c}");
    }
    assert!(
        !h.fake
            .requests()
            .iter()
            .any(|r| r.path.ends_with("/commands") && !r.path.contains("/guilds/")),
        "with a dev guild, nothing is registered globally"
    );
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slash_ask_answers_with_a_sourced_embed() {
    let h = support::start(|_| {}).await;
    let q = "What does Derbyshire need to improve?";
    let (_, i) = command("ask", json!([option("question", q)]), CHANNEL, USER);
    let id = h.interact(i);
    let r = h.callback(id).await;
    assert_eq!(r.body["type"], CHANNEL_MESSAGE);
    let m = &r.body["data"];
    let embed = &m["embeds"][0];
    assert!(
        embed["title"]
            .as_str()
            .unwrap_or_default()
            .contains("Derbyshire"),
        "{m:#}"
    );
    assert!(shown_text(m).contains("Investigating crime"), "{m:#}");
    // Worst grade shown: requires improvement (orange, from the grade palette).
    let orange =
        peelbot::engine::palette::swatch(Some(peelbot::knowledge::Grade::RequiresImprovement));
    assert_eq!(embed["color"], u64::from(orange.rgb), "{m:#}");
    let sources = shown_text(m);
    assert!(
        sources.contains("](https://"),
        "citations are links: {sources}"
    );
    assert!(button_labels(m).contains(&"Quotes".to_string()), "{m:#}");
    assert!(!private(m));
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_slash_command_gets_an_answer() {
    let h = support::start(|_| {}).await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("force", json!([option("name", "derbyshire")]), "Derbyshire"),
        (
            "quote",
            json!([option("force", "derbyshire")]),
            "Derbyshire",
        ),
        (
            "compare",
            json!([option("first", "kent"), option("second", "essex")]),
            "Kent",
        ),
        (
            "which",
            json!([
                option("grade", 4),
                option("area", "Responding to the public")
            ]),
            "nadequate",
        ),
        ("about", json!([]), "Data as of"),
        ("help", json!([]), "/force"),
    ];
    let ids: Vec<(u64, &str, &str)> = cases
        .iter()
        .map(|(name, options, expect)| {
            let (_, i) = command(name, options.clone(), CHANNEL, USER);
            (h.interact(i), *name, *expect)
        })
        .collect();
    for (id, name, expect) in ids {
        let r = h.callback(id).await;
        assert_eq!(r.body["type"], CHANNEL_MESSAGE, "/{name}");
        let text = shown_text(&r.body["data"]);
        assert!(
            text.contains(expect),
            "/{name} should mention {expect:?}: {text}"
        );
        // Answers are public; /help and /about concern only the asker.
        assert_eq!(
            private(&r.body["data"]),
            matches!(name, "help" | "about"),
            "/{name}: ephemeral only for help and about"
        );
    }
    h.assert_sends_ok();
}

/// A slash command's question back (clarify) and "not in our sources" are
/// seen by the asker only; the choice they click is posted for everyone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slash_clarify_and_no_match_are_private_and_the_choice_public() {
    let h = support::start(|_| {}).await;
    let (_, i) = command(
        "ask",
        json!([option("question", "Is Kent police corrupt?")]),
        CHANNEL,
        USER,
    );
    let r = h.callback(h.interact(i)).await;
    assert!(
        private(&r.body["data"]),
        "no_match is private: {:#}",
        r.body
    );
    let (_, i) = command(
        "ask",
        json!([option("question", "yorkshire police grades")]),
        CHANNEL,
        USER,
    );
    let r = h.callback(h.interact(i)).await;
    let data = &r.body["data"];
    assert!(private(data));
    let labels = button_labels(data);
    assert!(
        labels.iter().any(|l| l == "West Yorkshire Police"),
        "short, distinct labels: {labels:?}"
    );
    let at = labels
        .iter()
        .position(|l| l == "West Yorkshire Police")
        .unwrap();
    let ids = button_ids(data);
    // The clicked message is the ephemeral question.
    let (_, mut click) = button(&ids[at], 77, CHANNEL, USER);
    click["message"]["flags"] = json!(EPHEMERAL);
    let r = h.callback(h.interact(click)).await;
    assert_eq!(
        r.body["type"], CHANNEL_MESSAGE,
        "a new message: {:#}",
        r.body
    );
    assert!(!private(&r.body["data"]));
    assert!(shown_text(&r.body["data"]).contains("West Yorkshire"));
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_ranks_forces_fuzzily_within_25_choices() {
    let h = support::start(|_| {}).await;
    let focused =
        |value: &str| json!([{"name": "name", "type": 3, "value": value, "focused": true}]);
    for (partial, expected) in [
        ("derby", "derbyshire"),
        ("darbyshir", "derbyshire"),
        ("", ""),
    ] {
        let (id, i) = autocomplete("force", focused(partial));
        h.fake.dispatch("INTERACTION_CREATE", i);
        let r = h.callback(id).await;
        assert_eq!(r.body["type"], AUTOCOMPLETE_RESULT);
        let choices = r.body["data"]["choices"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(
            !choices.is_empty() && choices.len() <= 25,
            "{partial:?}: {choices:?}"
        );
        if !expected.is_empty() {
            assert_eq!(choices[0]["value"], expected, "{partial:?}: {choices:?}");
        }
    }
    let (id, i) = autocomplete(
        "quote",
        json!([{"name": "speaker", "type": 3, "value": "wilsher", "focused": true}]),
    );
    h.fake.dispatch("INTERACTION_CREATE", i);
    let r = h.callback(id).await;
    let first = r.body["data"]["choices"][0]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(first.contains("Wilsher"), "{:#}", r.body);
    h.assert_sends_ok();
}

/// The choices a partial name gets: (value, shown name) of each.
async fn choices_for(
    h: &support::Harness,
    command: &str,
    option: &str,
    partial: &str,
) -> Vec<(String, String)> {
    let (id, i) = autocomplete(
        command,
        json!([{"name": option, "type": 3, "value": partial, "focused": true}]),
    );
    h.fake.dispatch("INTERACTION_CREATE", i);
    let r = h.callback(id).await;
    assert_eq!(r.body["type"], AUTOCOMPLETE_RESULT);
    r.body["data"]["choices"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|c| {
            (
                c["value"].as_str().unwrap_or_default().to_string(),
                c["name"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Autocomplete offers only what is close to the best match: a nickname
/// finds its force (shown with the nickname), a region its forces, a
/// plain-English word its area (labelled with its cycles), a surname its
/// speaker (with role and organisation).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_offers_close_choices_with_nicknames_regions_and_keywords() {
    let h = support::start(|_| {}).await;
    let values = |c: &[(String, String)]| c.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    let gmp = choices_for(&h, "force", "name", "gmp").await;
    assert_eq!(values(&gmp), ["greater-manchester"], "{gmp:?}");
    assert_eq!(gmp[0].1, "Greater Manchester Police (GMP)");
    let thames = choices_for(&h, "force", "name", "thames").await;
    assert_eq!(values(&thames), ["thames-valley"], "{thames:?}");
    let der = choices_for(&h, "force", "name", "der").await;
    assert_eq!(
        der.first().map(|c| c.0.as_str()),
        Some("derbyshire"),
        "{der:?}"
    );
    assert!(der.len() <= 3, "{der:?}");
    let mut wales = values(&choices_for(&h, "force", "name", "wales").await);
    wales.sort();
    assert_eq!(
        wales,
        ["dyfed-powys", "gwent", "north-wales", "south-wales"]
    );
    let area = choices_for(&h, "which", "area", "999").await;
    assert_eq!(
        area.first().map(|c| c.0.as_str()),
        Some("Responding to the public"),
        "{area:?}"
    );
    assert!(
        area[0].1.contains("2023-25"),
        "labelled with its cycles: {area:?}"
    );
    let who = choices_for(&h, "quote", "speaker", "swann").await;
    assert_eq!(
        who.first().map(|c| c.0.as_str()),
        Some("Rachel Swann"),
        "{who:?}"
    );
    assert!(
        who[0].1.contains("Chief Constable") && who[0].1.contains("Derbyshire"),
        "{who:?}"
    );
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mention_question_is_answered_in_a_reply() {
    let h = support::start(|_| {}).await;
    let q = h.say(CHANNEL, &mention("What does Derbyshire need to improve?"));
    let r = h.reply_to(CHANNEL, q).await;
    assert!(
        shown_text(&r.body).contains("Investigating crime"),
        "{:#}",
        r.body
    );
    assert_eq!(r.body["message_reference"]["fail_if_not_exists"], false);
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prefix_question_help_and_about_are_answered() {
    let h = support::start(|_| {}).await;
    let q = h.say(CHANNEL, "!peel What does Kent need to improve?");
    let help = h.say(CHANNEL, "!peel help");
    let about = h.say(CHANNEL, "!peel about");
    let r = h.reply_to(CHANNEL, q).await;
    assert!(shown_text(&r.body).contains("Kent"), "{:#}", r.body);
    let r = h.reply_to(CHANNEL, help).await;
    // Commands as clickable mentions, with the ids registration returned,
    // and an example each.
    let ask_id = support::fake::COMMAND_ID_BASE;
    assert!(
        shown_text(&r.body).contains(&format!("</ask:{ask_id}>")),
        "{:#}",
        r.body
    );
    assert!(
        shown_text(&r.body).contains("e.g. `/force name: Kent`"),
        "{:#}",
        r.body
    );
    assert!(shown_text(&r.body).contains("`!peel"), "{:#}", r.body);
    let r = h.reply_to(CHANNEL, about).await;
    assert!(
        shown_text(&r.body).contains("**Forces:** 43"),
        "{:#}",
        r.body
    );
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn questions_in_threads_are_answered_in_the_thread() {
    let h = support::start(|c| c.allowed_channels = vec![CHANNEL]).await;
    let q = h.say(THREAD, &mention("What does Kent need to improve?"));
    let r = h.reply_to(THREAD, q).await;
    assert!(shown_text(&r.body).contains("Kent"));
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_up_button_posts_a_new_answer() {
    let h = support::start(|_| {}).await;
    let q = h.say(CHANNEL, &mention("What does Derbyshire need to improve?"));
    let reply = h.reply_to(CHANNEL, q).await;
    let labels = button_labels(&reply.body);
    let ids = button_ids(&reply.body);
    let at = labels
        .iter()
        .position(|l| l == "All grades")
        .unwrap_or_else(|| panic!("an All grades button: {labels:?}"));
    let msg = reply.created.expect("reply id");
    let (_, click) = button(&ids[at], msg, CHANNEL, USER);
    let id = h.interact(click);
    let r = h.callback(id).await;
    assert_eq!(r.body["type"], CHANNEL_MESSAGE, "{:#}", r.body);
    let text = shown_text(&r.body["data"]);
    assert!(text.contains("Derbyshire"), "{text}");
    h.assert_sends_ok();
}

/// Under an answer: its title and a "Read the report" link button go to the
/// inspection's report; the curators' notes (never in the answer) and every
/// source are behind "Sources & notes", whose reply only the clicker sees.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sources_and_notes_button_shows_them_to_the_clicker_only() {
    let h = support::start(|_| {}).await;
    let report = "https://hmicfrs.justiceinspectorates.gov.uk/peel-reports/derbyshire-2023-25/";
    let q = h.say(CHANNEL, &mention("What does Derbyshire need to improve?"));
    let reply = h.reply_to(CHANNEL, q).await;
    assert_eq!(reply.body["embeds"][0]["url"], report, "{:#}", reply.body);
    let buttons: Vec<Value> = reply.body["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .collect();
    let link = buttons
        .iter()
        .find(|b| b["style"] == 5)
        .unwrap_or_else(|| panic!("a link button: {:#}", reply.body));
    assert_eq!(
        (link["label"].as_str(), link["url"].as_str()),
        (Some("Read the report"), Some(report))
    );
    let shown = shown_text(&reply.body);
    assert!(!shown.contains("Curators' notes"), "{shown}");
    let labels = button_labels(&reply.body);
    let at = labels
        .iter()
        .position(|l| l == "Sources & notes")
        .unwrap_or_else(|| panic!("a Sources & notes button: {labels:?}"));
    let ids = button_ids(&reply.body);
    let (_, click) = button(&ids[at], reply.created.expect("id"), CHANNEL, USER + 1);
    let id = h.interact(click);
    let r = h.callback(id).await;
    assert_eq!(r.body["type"], CHANNEL_MESSAGE, "{:#}", r.body);
    assert!(private(&r.body["data"]));
    let text = shown_text(&r.body["data"]);
    assert!(text.contains("Curators' notes"), "{text}");
    assert!(text.contains(report), "{text}");
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clarify_buttons_replace_the_question_with_the_answer() {
    let h = support::start(|_| {}).await;
    let q = h.say(
        CHANNEL,
        &mention("What did the Yorkshire police need to improve?"),
    );
    let reply = h.reply_to(CHANNEL, q).await;
    let labels = button_labels(&reply.body);
    for force in ["North Yorkshire", "South Yorkshire", "West Yorkshire"] {
        assert!(
            labels.iter().any(|l| l.contains(force)),
            "a {force} button: {labels:?}"
        );
    }
    let ids = button_ids(&reply.body);
    let at = labels
        .iter()
        .position(|l| l.contains("West Yorkshire"))
        .expect("West Yorkshire");
    // The reply answers the question: someone else may not choose for the asker.
    let (_, asked) = message(
        CHANNEL,
        USER,
        "What did the Yorkshire police need to improve?",
    );
    let (_, mut stranger) = button(&ids[at], reply.created.expect("id"), CHANNEL, USER + 1);
    stranger["message"]["referenced_message"] = asked.clone();
    let r = h.callback(h.interact(stranger)).await;
    assert!(private(&r.body["data"]));
    assert!(
        shown_text(&r.body["data"]).contains("Only the person who asked"),
        "{:#}",
        r.body
    );
    let (_, mut click) = button(&ids[at], reply.created.expect("id"), CHANNEL, USER);
    click["message"]["referenced_message"] = asked;
    let id = h.interact(click);
    let r = h.callback(id).await;
    assert_eq!(r.body["type"], UPDATE_MESSAGE, "{:#}", r.body);
    let text = shown_text(&r.body["data"]);
    assert!(text.contains("West Yorkshire"), "{text}");
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_button_says_so_only_to_the_clicker() {
    let h = support::start(|_| {}).await;
    let (_, click) = button("peel:c:n:1", 5, CHANNEL, USER);
    let id = h.interact(click);
    let r = h.callback(id).await;
    assert!(private(&r.body["data"]));
    assert!(
        shown_text(&r.body["data"]).contains("expired"),
        "{:#}",
        r.body
    );
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edited_question_edits_the_answer_and_deleting_it_deletes_the_answer() {
    let h = support::start(|_| {}).await;
    let q = h.say(CHANNEL, &mention("What does Derbyshire need to improve?"));
    let reply = h.reply_to(CHANNEL, q).await;
    let reply_id = reply.created.expect("reply id");
    h.fake.dispatch(
        "MESSAGE_UPDATE",
        message_update(q, CHANNEL, &mention("What does Kent need to improve?")),
    );
    let edit_path = format!("/channels/{CHANNEL}/messages/{reply_id}");
    let edit = h
        .fake
        .wait_for("the reply edited", WAIT, |r| r.is("PATCH", &edit_path))
        .await;
    assert!(shown_text(&edit.body).contains("Kent"), "{:#}", edit.body);
    h.fake
        .dispatch("MESSAGE_DELETE", message_delete(q, CHANNEL));
    h.fake
        .wait_for("the reply deleted", WAIT, |r| r.is("DELETE", &edit_path))
        .await;
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_embed_links_answers_come_as_plain_text() {
    let h = support::start(|_| {}).await;
    // Messages: permissions from the cached guild (Embed Links denied in the channel).
    let q = h.say(
        NO_EMBEDS_CHANNEL,
        &mention("What does Derbyshire need to improve?"),
    );
    let r = h.reply_to(NO_EMBEDS_CHANNEL, q).await;
    assert_eq!(r.body["embeds"], json!([]), "{:#}", r.body);
    let content = r.body["content"].as_str().unwrap_or_default();
    assert!(content.contains("Investigating crime"), "{content}");
    assert!(
        content.contains("<https://"),
        "sources without previews: {content}"
    );
    // Interactions: permissions as Discord states them on the interaction.
    let (_, i) = command(
        "ask",
        json!([option("question", "What does Derbyshire need to improve?")]),
        CHANNEL,
        USER,
    );
    let id = h.interact(with_app_permissions(i, PERMISSIONS_NO_EMBEDS));
    let r = h.callback(id).await;
    assert_eq!(r.body["data"]["embeds"], json!([]), "{:#}", r.body);
    assert!(shown_text(&r.body["data"]).contains("Investigating crime"));
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn question_edited_or_deleted_at_once_is_not_missed() {
    let h = support::start(|_| {}).await;
    // Edited and deleted right after asking: the events may arrive while the
    // first answer is still on its way, and must still be applied.
    let edited = h.say(CHANNEL, &mention("What does Derbyshire need to improve?"));
    h.fake.dispatch(
        "MESSAGE_UPDATE",
        message_update(edited, CHANNEL, &mention("What does Kent need to improve?")),
    );
    let deleted = h.say(CHANNEL, &mention("What does Essex need to improve?"));
    h.fake
        .dispatch("MESSAGE_DELETE", message_delete(deleted, CHANNEL));

    let reply = h.reply_to(CHANNEL, edited).await;
    let id = reply.created.expect("reply id");
    if !shown_text(&reply.body).contains("Kent") {
        let path = format!("/channels/{CHANNEL}/messages/{id}");
        let edit = h
            .fake
            .wait_for("the reply edited", WAIT, |r| r.is("PATCH", &path))
            .await;
        assert!(shown_text(&edit.body).contains("Kent"), "{:#}", edit.body);
    }
    // The deleted question was either never answered or its answer deleted.
    h.wait_events(4).await;
    let answered = h
        .fake
        .requests()
        .into_iter()
        .find(|r| r.replies_to() == Some(deleted))
        .and_then(|r| r.created);
    if let Some(id) = answered {
        let path = format!("/channels/{CHANNEL}/messages/{id}");
        h.fake
            .wait_for("the reply deleted", WAIT, |r| r.is("DELETE", &path))
            .await;
    }
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn which_and_force_replies_carry_their_picture_where_files_are_allowed() {
    let h = support::start(|_| {}).await;
    let may_attach = PERMISSIONS_NO_EMBEDS | EMBED_LINKS | ATTACH_FILES;
    let cases = [
        (
            "which",
            json!([
                option("grade", 4),
                option("area", "Responding to the public")
            ]),
            "peel-heatmap-",
        ),
        (
            "force",
            json!([option("name", "derbyshire")]),
            "peel-card-derbyshire",
        ),
    ];
    for (name, options, file_start) in cases {
        let (_, i) = command(name, options.clone(), CHANNEL, USER);
        let id = h.interact(with_app_permissions(i, may_attach));
        let r = h.callback(id).await;
        assert_eq!(r.files.len(), 1, "/{name}: {:#}", r.body);
        let f = &r.files[0];
        assert!(
            f.filename.starts_with(file_start) && f.filename.ends_with(".png"),
            "/{name}: {}",
            f.filename
        );
        assert!(f.bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "/{name}");
        assert!(
            f.bytes.len() < 300 * 1024,
            "/{name}: {} bytes",
            f.bytes.len()
        );
        // The embed shows the upload, and the upload says in words what it shows.
        let data = &r.body["data"];
        assert_eq!(
            data["embeds"][0]["image"]["url"],
            format!("attachment://{}", f.filename),
            "/{name}: {data:#}"
        );
        let described = data["attachments"]
            .as_array()
            .and_then(|a| a.iter().find(|a| a["filename"] == f.filename.as_str()))
            .and_then(|a| a["description"].as_str())
            .unwrap_or_default();
        assert!(
            described.contains("PEEL") && described.chars().count() <= 1024,
            "/{name}: {data:#}"
        );
        // The answer is the same as without a picture.
        assert!(!shown_text(data).is_empty());
    }
    // Where the bot may not attach files, the same answer goes without it.
    let (_, i) = command(
        "force",
        json!([option("name", "derbyshire")]),
        CHANNEL,
        USER,
    );
    let id = h.interact(with_app_permissions(i, PERMISSIONS_NO_EMBEDS | EMBED_LINKS));
    let r = h.callback(id).await;
    assert!(r.files.is_empty(), "{:#}", r.body);
    assert!(
        r.body["data"]["embeds"][0]["image"].is_null(),
        "{:#}",
        r.body
    );
    assert!(shown_text(&r.body["data"]).contains("Derbyshire"));
    h.assert_sends_ok();
}

/// A `/force` reply is read at a glance: over every force, the median
/// reply shows under 150 words (title, description, fields, footer).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn force_replies_are_short_enough_to_scan() {
    let h = support::start(|_| {}).await;
    let slugs: Vec<String> = peelbot::knowledge::load_embedded()
        .unwrap()
        .forces
        .iter()
        .map(|f| f.slug.clone())
        .collect();
    let mut counts: Vec<usize> = Vec::new();
    for slug in &slugs {
        let (_, i) = command(
            "force",
            json!([option("name", slug.as_str())]),
            CHANNEL,
            USER,
        );
        let r = h.callback(h.interact(i)).await;
        let text = shown_text(&r.body["data"]);
        assert!(text.contains("Sources"), "/force {slug}: {text}");
        counts.push(text.split_whitespace().count());
        // Each grade shown carries its palette marker; the bar is the worst's colour.
        let values: Vec<String> = r.body["data"]["embeds"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .flat_map(|e| e["fields"].as_array().cloned().unwrap_or_default())
            .filter_map(|f| f["value"].as_str().map(str::to_string))
            .collect();
        for v in values.iter().filter(|v| {
            [
                "Outstanding",
                "Good",
                "Adequate",
                "Requires improvement",
                "Inadequate",
            ]
            .contains(&v.trim_start_matches(|c: char| !c.is_ascii_alphabetic()))
        }) {
            assert!(
                ["🟦 ", "🟩 ", "🟨 ", "🟧 ", "🟥 "]
                    .iter()
                    .any(|m| v.starts_with(m)),
                "/force {slug}: grade without its marker: {v:?}"
            );
        }
    }
    counts.sort_unstable();
    let median = counts[counts.len() / 2];
    eprintln!(
        "/force replies: median {median} words, {} to {}",
        counts[0],
        counts[counts.len() - 1]
    );
    assert!(
        median < 150,
        "median /force reply {median} words: {counts:?}"
    );
    h.assert_sends_ok();
}

/// More candidates than fit as buttons come as one select menu; choosing
/// one answers it, and only for the asker.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_clarify_candidates_come_as_a_select_menu() {
    let h = support::start(|_| {}).await;
    let q = h.say(CHANNEL, &mention("midlands police grades"));
    let reply = h.reply_to(CHANNEL, q).await;
    let rows = reply.body["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let menu = &rows[0]["components"][0];
    assert_eq!(menu["type"], 3, "a select menu first: {:#}", reply.body);
    let options = menu["options"].as_array().cloned().unwrap_or_default();
    let labels: Vec<&str> = options.iter().filter_map(|o| o["label"].as_str()).collect();
    assert_eq!(labels.len(), 9, "both Midlands regions: {labels:?}");
    assert!(labels.contains(&"West Mercia Police"), "{labels:?}");
    let value = options
        .iter()
        .find(|o| o["label"] == "West Mercia Police")
        .and_then(|o| o["value"].as_str())
        .unwrap()
        .to_string();
    let (_, asked) = message(CHANNEL, USER, "midlands police grades");
    let (_, mut choose) = button(
        menu["custom_id"].as_str().unwrap(),
        reply.created.expect("id"),
        CHANNEL,
        USER,
    );
    choose["data"]["component_type"] = json!(3);
    choose["data"]["values"] = json!([value]);
    choose["message"]["referenced_message"] = asked;
    let r = h.callback(h.interact(choose)).await;
    assert_eq!(r.body["type"], UPDATE_MESSAGE, "{:#}", r.body);
    assert!(
        shown_text(&r.body["data"]).contains("West Mercia"),
        "{:#}",
        r.body
    );
    h.assert_sends_ok();
}

/// "Ask PEEL Bot" on someone's message answers its text for the clicker
/// only, with a button that posts the answer for everyone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn context_menu_answers_a_message_privately_with_a_post_button() {
    let h = support::start(|_| {}).await;
    let (msg_id, target) = message(CHANNEL, USER + 1, "what does kent need to improve");
    let (_, mut i) = command("Ask PEEL Bot", json!([]), CHANNEL, USER);
    i["data"]["type"] = json!(3);
    i["data"]["target_id"] = json!(msg_id.to_string());
    i["data"]["resolved"] = json!({"messages": {msg_id.to_string(): target}});
    let r = h.callback(h.interact(i)).await;
    let data = &r.body["data"];
    assert_eq!(r.body["type"], CHANNEL_MESSAGE, "{:#}", r.body);
    assert!(private(data));
    assert!(shown_text(data).contains("Kent"), "{:#}", r.body);
    let labels = button_labels(data);
    let at = labels
        .iter()
        .position(|l| l == "Post publicly")
        .unwrap_or_else(|| panic!("a Post publicly button: {labels:?}"));
    let ids = button_ids(data);
    let (_, mut click) = button(&ids[at], 88, CHANNEL, USER);
    click["message"]["flags"] = json!(EPHEMERAL);
    let r = h.callback(h.interact(click)).await;
    assert_eq!(r.body["type"], CHANNEL_MESSAGE, "{:#}", r.body);
    assert!(!private(&r.body["data"]));
    assert!(shown_text(&r.body["data"]).contains("Kent"));
    h.assert_sends_ok();
}
