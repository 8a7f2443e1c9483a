//! Turns an engine [`Answer`] into Discord messages: embeds (or plain text
//! when the bot may not embed links) and buttons, always within Discord's
//! limits.
//!
//! Pure: no serenity types and no I/O, so every limit is unit-tested here;
//! `builders` only converts the result into serenity builders.

use std::sync::Arc;

use crate::chart::Chart;
use crate::discord::asked::Asked;
use crate::engine::{Answer, Citation, Status};
use crate::knowledge::Grade;

use crate::discord::mentions::strip_mentions;
use crate::discord::outbound::sizes::{self, len};

/// How an answer may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Rich embeds (needs the Embed Links permission).
    Embeds,
    /// Plain message content only.
    PlainText,
}

/// What a button does when clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonKind {
    /// Answers a clarify candidate in place of the clarifying message.
    Clarify,
    /// Answers a follow-up question in a new message.
    FollowUp,
    /// Applies the refused reload an admin was shown (its `question` is the
    /// confirmation's number).
    ConfirmReload,
    /// Shows the answer's every source and the curators' notes, to the
    /// clicker only (its `question` is the answer's).
    Sources,
    /// Shows page `n` (from 1) of a long answer in place of the page shown.
    Page(u8),
}

/// A button offering a question.
#[derive(Debug, Clone, PartialEq)]
pub struct ButtonSpec {
    pub label: String,
    /// What a click asks: a follow-up's typed query, or a suggested question.
    pub asked: Asked,
    pub kind: ButtonKind,
}

/// The 👍/👎 buttons under an answer: what a vote records (never who
/// asked or where).
#[derive(Debug, Clone, PartialEq)]
pub struct VoteSpec {
    /// The question, with Discord mentions removed.
    pub question: String,
    pub status: Status,
    pub intent: String,
}

/// One embed field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

/// One embed, in plain data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EmbedSpec {
    pub title: Option<String>,
    pub url: Option<String>,
    pub description: Option<String>,
    pub colour: u32,
    pub fields: Vec<FieldSpec>,
    pub footer: Option<String>,
    /// The embed's image: `attachment://<file>` for a picture sent with it.
    pub image: Option<String>,
}

impl EmbedSpec {
    /// The characters this embed counts towards the per-message total.
    pub fn size(&self) -> usize {
        self.title.as_deref().map_or(0, len)
            + self.description.as_deref().map_or(0, len)
            + self.footer.as_deref().map_or(0, len)
            + self
                .fields
                .iter()
                .map(|f| len(&f.name) + len(&f.value))
                .sum::<usize>()
    }
}

/// One message to send.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutMessage {
    pub content: Option<String>,
    pub embeds: Vec<EmbedSpec>,
    pub buttons: Vec<ButtonSpec>,
    /// 👍/👎 in a row of their own after `buttons` (shown when the curation
    /// log is on).
    pub votes: Option<VoteSpec>,
    /// A picture uploaded with the message (its alt text is the upload's
    /// description), shown as the first embed's image.
    pub picture: Option<Arc<Chart>>,
    /// A link button after the others: (label, url), "Read the report".
    pub link: Option<(String, String)>,
    /// More clarify choices than fit as buttons: a select menu of them, in
    /// a row of its own before the buttons.
    pub menu: Vec<ButtonSpec>,
}

impl OutMessage {
    /// Buttons the message shows, in order: its buttons, the link, the two
    /// votes; they fill rows of five.
    pub fn button_count(&self) -> usize {
        self.buttons.len()
            + usize::from(self.link.is_some())
            + 2 * usize::from(self.votes.is_some())
    }

    /// Action rows the message's components take.
    pub fn rows(&self) -> usize {
        self.button_count().div_ceil(sizes::BUTTONS_PER_ROW) + usize::from(!self.menu.is_empty())
    }
}

/// Sends `chart` with the answer: uploaded with the first message that has
/// an embed, and shown as that embed's image. Plain-text answers (no Embed
/// Links) go without it.
pub fn with_picture(messages: &mut [OutMessage], chart: Arc<Chart>) {
    if let Some(m) = messages.iter_mut().find(|m| !m.embeds.is_empty()) {
        m.embeds[0].image = Some(format!("attachment://{}", chart.file_name));
        m.picture = Some(chart);
    }
}

/// Colours by the worst grade an answer shows, from the one grade palette
/// every front end uses, so a reader learns it once.
pub fn grade_colour(grade: Option<Grade>) -> u32 {
    match grade {
        Some(_) => crate::engine::palette::swatch(grade).rgb,
        None => NEUTRAL,
    }
}

/// Colour of answers without grades, help and about: grey, since a bar's
/// colour means the worst grade shown (blurple would read as outstanding's blue).
pub const NEUTRAL: u32 = 0x80848E;
/// Colour of answers that found nothing or refused.
pub const MUTED: u32 = 0x99AAB5;

/// Most messages one answer may take; past this the last message says how
/// much was left out, so nothing disappears silently.
pub const MAX_MESSAGES: usize = 5;

/// A field name that shows nothing (Discord requires a name).
const UNNAMED: &str = "\u{200b}";

/// Field values at most this long are laid out side by side.
const INLINE_MAX: usize = 40;

/// Room kept for the footer when filling an embed.
const FOOTER_RESERVE: usize = 300;

/// Sources listed under an answer; the rest are behind "Sources & notes".
pub const SOURCES_SHOWN: usize = 3;

/// Clarify choices shown as buttons; more become a select menu.
pub const MENU_AFTER: usize = 3;

/// Renders an answer in the given style. The last message carries the
/// follow-up buttons and the 👍/👎 votes.
pub fn answer(answer: &Answer, style: Style) -> Vec<OutMessage> {
    let buttons = buttons(answer);
    let mut messages = match style {
        Style::Embeds => embeds(answer),
        Style::PlainText => plain(answer),
    };
    cap(&mut messages);
    if let Some(last) = messages.last_mut() {
        last.buttons = buttons;
        if answer.status == Status::Clarify && last.buttons.len() > MENU_AFTER {
            // Many candidates read better as one list than as rows of buttons.
            last.menu = std::mem::take(&mut last.buttons);
            last.menu.truncate(sizes::MENU_OPTIONS_MAX);
        }
        last.link = answer
            .report
            .as_ref()
            .map(|url| ("Read the report".to_string(), url.clone()));
        last.votes = Some(VoteSpec {
            question: strip_mentions(&answer.question),
            status: answer.status,
            intent: answer.intent.name().to_string(),
        });
    }
    messages
}

/// A long answer as one message with ◀ ▶ buttons instead of several
/// messages: page `page` (from 1) of the messages [`answer`] makes, with
/// "Page k of n" in its footer; the follow-ups, sources and votes stay on
/// every page. An answer that fits one message is that message.
pub fn page(answer_: &Answer, style: Style, page: usize) -> Vec<OutMessage> {
    let mut pages = answer(answer_, style);
    let n = pages.len();
    if n <= 1 {
        return pages;
    }
    let last = pages.last().cloned().unwrap_or_default();
    let k = page.clamp(1, n);
    let mut m = pages.swap_remove(k - 1);
    let question = Asked::Text(answer_.question.trim().to_string());
    let mut nav = Vec::new();
    if k > 1 {
        nav.push(ButtonSpec {
            label: "◀ Previous".into(),
            asked: question.clone(),
            kind: ButtonKind::Page((k - 1) as u8),
        });
    }
    if k < n {
        nav.push(ButtonSpec {
            label: "Next ▶".into(),
            asked: question,
            kind: ButtonKind::Page((k + 1) as u8),
        });
    }
    let mut buttons = nav;
    buttons.extend(last.buttons);
    buttons.truncate(sizes::BUTTONS_PER_ROW * sizes::ROWS_PER_MESSAGE - 3);
    m.buttons = buttons;
    m.link = last.link;
    m.votes = last.votes;
    let label = format!("Page {k} of {n}");
    match m.embeds.last_mut() {
        Some(e) => {
            e.footer = Some(match e.footer.take() {
                Some(f) => format!("{f} · {label}"),
                None => label,
            })
        }
        None => {
            let c = m.content.get_or_insert_with(String::new);
            let note = format!("\n\n_{label}_");
            if len(c) + len(&note) <= sizes::CONTENT_MAX {
                c.push_str(&note);
            }
        }
    }
    vec![m]
}

/// A short notice (an error, a refusal) as plain content.
pub fn notice(text: &str) -> OutMessage {
    OutMessage {
        content: Some(sizes::shorten(text, sizes::CONTENT_MAX)),
        ..OutMessage::default()
    }
}

/// A titled informational text (help, about) in the given style.
pub fn info(title: &str, body: &str, footer: Option<&str>, style: Style) -> Vec<OutMessage> {
    let mut messages = match style {
        Style::Embeds => {
            let mut b = Builder::new(Some(title.to_string()), None, NEUTRAL);
            b.description(body);
            if let Some(f) = footer {
                b.footer(f);
            }
            b.finish()
        }
        Style::PlainText => {
            let mut text = format!("**{title}**\n{body}");
            if let Some(f) = footer {
                text.push_str(&format!("\n_{f}_"));
            }
            content_messages(&text)
        }
    };
    cap(&mut messages);
    messages
}

fn colour_of(answer: &Answer) -> u32 {
    match answer.status {
        Status::Answered | Status::Clarify => grade_colour(answer.worst_grade()),
        Status::NoMatch | Status::Rejected => MUTED,
    }
}

fn title_of(answer: &Answer) -> String {
    if !answer.title.trim().is_empty() {
        return answer.title.clone();
    }
    match answer.status {
        Status::Clarify => "Which did you mean?".into(),
        Status::NoMatch => "No answer found".into(),
        Status::Rejected => "Cannot answer that".into(),
        Status::Answered => answer.question.clone(),
    }
}

fn footer_of(answer: &Answer) -> Option<String> {
    match answer.cycles.len() {
        0 => None,
        1 => Some(format!("Inspection cycle: {}", answer.cycles[0])),
        _ => Some(format!("Inspection cycles: {}", answer.cycles.join(", "))),
    }
}

/// "[title](url) — speaker, role · date" for embeds.
fn citation_link(c: &Citation) -> String {
    let title = c.title.replace(['[', ']'], "");
    let title = if title.trim().is_empty() {
        "source".to_string()
    } else {
        title
    };
    let mut line = format!("[{}]({})", title.trim(), c.url);
    let attribution = attribution(c);
    if !attribution.is_empty() {
        line.push_str(" — ");
        line.push_str(&attribution);
    }
    line
}

/// "title — speaker, role · date <url>" for plain text (no link previews).
fn citation_plain(c: &Citation) -> String {
    let mut line = c.title.trim().to_string();
    let attribution = attribution(c);
    if !attribution.is_empty() {
        line.push_str(" — ");
        line.push_str(&attribution);
    }
    format!("• {line} <{}>", c.url)
}

fn attribution(c: &Citation) -> String {
    let who: Vec<&str> = [c.speaker.as_deref(), c.role.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect();
    let mut out = who.join(", ");
    if let Some(date) = c.published.as_deref().filter(|d| !d.is_empty()) {
        if !out.is_empty() {
            out.push_str(" · ");
        }
        out.push_str(date);
    }
    out
}

/// Citations without repeats: each page listed once per speaker, however
/// many of their sentences it printed.
fn distinct_citations(answer: &Answer) -> Vec<&Citation> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for c in &answer.citations {
        let key = (c.url.as_str(), c.speaker.as_deref());
        if !seen.contains(&key) {
            seen.push(key);
            out.push(c);
        }
    }
    out
}

/// Clarify candidates replace the clarifying message when clicked; other
/// suggestions and the engine's follow-ups post a new answer. The same
/// question (ignoring case) is offered once, with the shortest label.
fn buttons(answer: &Answer) -> Vec<ButtonSpec> {
    let mut out: Vec<ButtonSpec> = Vec::new();
    let mut push = |label: &str, asked: Asked, kind| {
        let same = |b: &ButtonSpec| match (&b.asked, &asked) {
            (Asked::Text(a), Asked::Text(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
            (a, b) => a == b,
        };
        let empty = matches!(&asked, Asked::Text(t) if t.trim().is_empty());
        if empty || out.iter().any(same) {
            return;
        }
        out.push(ButtonSpec {
            label: sizes::shorten(label, sizes::BUTTON_LABEL_MAX),
            asked,
            kind,
        });
    };
    // A suggestion the engine made as a typed query carries the query.
    let asked = |s: &String| match answer.choice(s) {
        Some(q) => Asked::Query(q.clone()),
        None => Asked::Text(s.trim().to_string()),
    };
    if answer.status == Status::Clarify {
        let labels = short_labels(&answer.suggestions);
        for (s, label) in answer.suggestions.iter().zip(&labels) {
            push(label, asked(s), ButtonKind::Clarify);
        }
    } else {
        for (label, query) in answer.follow_ups() {
            push(&label, Asked::Query(query), ButtonKind::FollowUp);
        }
        for s in &answer.suggestions {
            push(s, asked(s), ButtonKind::FollowUp);
        }
    }
    // Room for the sources button, the report link and the two votes.
    out.truncate(sizes::BUTTONS_PER_ROW * sizes::ROWS_PER_MESSAGE - 4);
    if answer.status == Status::Answered
        && (!answer.notes.is_empty() || distinct_citations(answer).len() > SOURCES_SHOWN)
    {
        out.push(ButtonSpec {
            label: sources_label(answer).to_string(),
            asked: Asked::Text(answer.question.trim().to_string()),
            kind: ButtonKind::Sources,
        });
    }
    out
}

/// The label of the button showing an answer's every source (and notes).
fn sources_label(answer: &Answer) -> &'static str {
    if answer.notes.is_empty() {
        "All sources"
    } else {
        "Sources & notes"
    }
}

/// Clarify choices without the words they all share ("All grades for North
/// Yorkshire Police", "… South …" read "North Yorkshire Police", "South
/// Yorkshire Police"): short and distinct, as buttons should be.
fn short_labels(choices: &[String]) -> Vec<String> {
    if choices.len() < 2 {
        return choices.to_vec();
    }
    let words: Vec<Vec<&str>> = choices
        .iter()
        .map(|c| c.split_whitespace().collect())
        .collect();
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let shared = (0..shortest)
        .take_while(|&i| words.iter().all(|w| w[i].eq_ignore_ascii_case(words[0][i])))
        .count();
    // Keep at least one word of each, and the question's end mark off.
    let shared = shared.min(shortest.saturating_sub(1));
    words
        .iter()
        .map(|w| w[shared..].join(" ").trim_end_matches('?').to_string())
        .collect()
}

/// Every source and the curators' notes of an answer, for the clicker of
/// its "Sources & notes" button.
pub fn sources_and_notes(answer: &Answer, style: Style) -> Vec<OutMessage> {
    let mut body = String::new();
    for c in distinct_citations(answer) {
        body.push_str("• ");
        body.push_str(&match style {
            Style::Embeds => citation_link(c),
            Style::PlainText => citation_plain(c).trim_start_matches("• ").to_string(),
        });
        body.push('\n');
    }
    if !answer.notes.is_empty() {
        body.push_str("\n**Curators' notes**\n");
        for n in &answer.notes {
            let on = match &n.cycle {
                Some(c) => format!("{} {c}", n.force),
                None => n.force.clone(),
            };
            body.push_str(&format!("• {on}: {}\n", n.text));
        }
    }
    if body.is_empty() {
        body.push_str("This answer cites no sources.");
    }
    info("Sources & notes", body.trim_end(), None, style)
}

fn embeds(answer: &Answer) -> Vec<OutMessage> {
    // The title links to the inspection's report where known.
    let mut b = Builder::new(
        Some(title_of(answer)),
        answer
            .report
            .clone()
            .or_else(|| answer.citations.first().map(|c| c.url.clone()))
            .filter(|_| answer.status == Status::Answered),
        colour_of(answer),
    );
    let body = if answer.summary.trim().is_empty() && answer.fields.is_empty() {
        answer.text.clone()
    } else if !answer.headline.is_empty()
        && answer.headline != answer.title
        && !answer.summary.starts_with(&answer.headline)
    {
        // The verdict first, in bold, when it is not already the summary's opening.
        format!("**{}**\n{}", answer.headline, answer.summary)
    } else {
        answer.summary.clone()
    };
    b.description(&body);
    for f in &answer.fields {
        // Each grade carries its palette marker, so a line reads at a glance.
        match f.grade {
            Some(g) if !f.value.contains('\n') => {
                let marker = crate::engine::palette::swatch(Some(g)).marker;
                b.field(&f.name, &format!("{marker} {}", f.value));
            }
            _ => b.field(&f.name, &f.value),
        }
    }
    if !answer.footnote.trim().is_empty() {
        // An unnamed field: the closing remarks read on from the fields.
        b.field(UNNAMED, &answer.footnote);
    }
    let all = distinct_citations(answer);
    let mut sources: Vec<String> = all
        .iter()
        .take(SOURCES_SHOWN)
        .map(|c| citation_link(c))
        .collect();
    if all.len() > SOURCES_SHOWN {
        sources.push(format!(
            "+{} more under {}",
            all.len() - SOURCES_SHOWN,
            sources_label(answer)
        ));
    }
    if !sources.is_empty() {
        b.field("Sources", &sources.join("\n"));
    }
    if let Some(f) = footer_of(answer) {
        b.footer(&f);
    }
    b.finish()
}

fn plain(answer: &Answer) -> Vec<OutMessage> {
    let mut text = answer.text.trim().to_string();
    if text.is_empty() {
        text = title_of(answer);
    }
    let sources: Vec<String> = distinct_citations(answer)
        .into_iter()
        .map(citation_plain)
        .collect();
    if !sources.is_empty() {
        text.push_str("\n\nSources:\n");
        text.push_str(&sources.join("\n"));
    }
    if let Some(f) = footer_of(answer) {
        text.push_str(&format!("\n\n_{f}_"));
    }
    content_messages(&text)
}

fn content_messages(text: &str) -> Vec<OutMessage> {
    sizes::split(text, sizes::CONTENT_MAX)
        .into_iter()
        .map(|c| OutMessage {
            content: Some(c),
            ..OutMessage::default()
        })
        .collect()
}

/// Keeps at most [`MAX_MESSAGES`], saying in the last one what was left out.
fn cap(messages: &mut Vec<OutMessage>) {
    if messages.len() <= MAX_MESSAGES {
        return;
    }
    let dropped = messages.len() - MAX_MESSAGES;
    messages.truncate(MAX_MESSAGES);
    let note = format!(
        "(This answer is long: {dropped} more part{} not shown. Ask a narrower question to see the rest.)",
        if dropped == 1 { " is" } else { "s are" }
    );
    if let Some(last) = messages.last_mut() {
        match &mut last.content {
            Some(c) if len(c) + len(&note) + 2 <= sizes::CONTENT_MAX => {
                c.push_str("\n\n");
                c.push_str(&note);
            }
            Some(c) => {
                // Make room at a word boundary; the note says more follows.
                let keep = sizes::CONTENT_MAX - len(&note) - 3;
                *c = format!(
                    "{}\n\n{note}",
                    sizes::shorten(c, keep).trim_end_matches('…')
                );
            }
            None => last.content = Some(note),
        }
    }
}

/// Fills embeds and messages in order, starting a new embed or message
/// whenever the next piece would break a limit.
struct Builder {
    colour: u32,
    title: Option<String>,
    url: Option<String>,
    embeds: Vec<EmbedSpec>,
}

impl Builder {
    fn new(title: Option<String>, url: Option<String>, colour: u32) -> Builder {
        Builder {
            colour,
            title: title.map(|t| sizes::shorten(&t, sizes::TITLE_MAX)),
            url,
            embeds: Vec::new(),
        }
    }

    /// The embed to add to, starting the first one (with the title) if needed.
    fn current(&mut self) -> &mut EmbedSpec {
        if self.embeds.is_empty() {
            self.embeds.push(EmbedSpec {
                title: self.title.take(),
                url: self.url.take(),
                colour: self.colour,
                ..EmbedSpec::default()
            });
        }
        let last = self.embeds.len() - 1;
        &mut self.embeds[last]
    }

    fn start_new(&mut self) -> &mut EmbedSpec {
        self.embeds.push(EmbedSpec {
            colour: self.colour,
            ..EmbedSpec::default()
        });
        let last = self.embeds.len() - 1;
        &mut self.embeds[last]
    }

    fn budget() -> usize {
        sizes::EMBEDS_TOTAL_MAX - FOOTER_RESERVE
    }

    fn description(&mut self, text: &str) {
        for piece in sizes::split(text, sizes::DESCRIPTION_MAX) {
            let taken = self
                .embeds
                .last()
                .is_some_and(|e| e.description.is_some() || !e.fields.is_empty());
            let embed = if taken {
                self.start_new()
            } else {
                self.current()
            };
            embed.description = Some(piece);
        }
    }

    fn field(&mut self, name: &str, value: &str) {
        let name = name.trim();
        let name = if name.is_empty() { UNNAMED } else { name };
        let name = sizes::shorten(name, sizes::FIELD_NAME_MAX);
        let pieces = sizes::split(value, sizes::FIELD_VALUE_MAX);
        let count = pieces.len();
        for (i, piece) in pieces.into_iter().enumerate() {
            let field_name = if i == 0 || name == UNNAMED {
                name.clone()
            } else {
                sizes::shorten(&format!("{name} (continued)"), sizes::FIELD_NAME_MAX)
            };
            let inline = count == 1 && len(&piece) <= INLINE_MAX;
            let field = FieldSpec {
                name: field_name,
                value: piece,
                inline,
            };
            let needed = len(&field.name) + len(&field.value);
            let full = self.embeds.last().is_some_and(|e| {
                e.fields.len() >= sizes::FIELDS_MAX || e.size() + needed > Builder::budget()
            });
            let embed = if full {
                self.start_new()
            } else {
                self.current()
            };
            embed.fields.push(field);
        }
    }

    fn footer(&mut self, text: &str) {
        let text = sizes::shorten(text, FOOTER_RESERVE.min(sizes::FOOTER_MAX));
        self.current().footer = Some(text);
    }

    /// Packs the embeds into messages: at most ten and 6,000 characters each.
    fn finish(mut self) -> Vec<OutMessage> {
        self.current();
        let mut messages: Vec<OutMessage> = Vec::new();
        let mut current = OutMessage::default();
        let mut size = 0;
        for embed in self.embeds {
            let s = embed.size();
            if !current.embeds.is_empty()
                && (current.embeds.len() >= sizes::EMBEDS_PER_MESSAGE
                    || size + s > sizes::EMBEDS_TOTAL_MAX)
            {
                messages.push(std::mem::take(&mut current));
                size = 0;
            }
            size += s;
            current.embeds.push(embed);
        }
        if !current.embeds.is_empty() {
            messages.push(current);
        }
        messages
    }
}

/// Checks one message against every Discord limit; the error names the
/// broken limit. Used by tests here and by the end-to-end fake.
pub fn check_limits(m: &OutMessage) -> Result<(), String> {
    if let Some(c) = &m.content {
        if len(c) > sizes::CONTENT_MAX {
            return Err(format!("content {} > {}", len(c), sizes::CONTENT_MAX));
        }
    }
    if m.content.as_deref().is_none_or(str::is_empty) && m.embeds.is_empty() {
        return Err("empty message".into());
    }
    if m.embeds.len() > sizes::EMBEDS_PER_MESSAGE {
        return Err(format!("{} embeds", m.embeds.len()));
    }
    let total: usize = m.embeds.iter().map(EmbedSpec::size).sum();
    if total > sizes::EMBEDS_TOTAL_MAX {
        return Err(format!("embeds total {total}"));
    }
    for e in &m.embeds {
        let over = |what: &str, s: Option<&str>, max| match s {
            Some(s) if len(s) > max => Err(format!("{what} {} > {max}", len(s))),
            _ => Ok(()),
        };
        over("title", e.title.as_deref(), sizes::TITLE_MAX)?;
        over(
            "description",
            e.description.as_deref(),
            sizes::DESCRIPTION_MAX,
        )?;
        over("footer", e.footer.as_deref(), sizes::FOOTER_MAX)?;
        if e.fields.len() > sizes::FIELDS_MAX {
            return Err(format!("{} fields", e.fields.len()));
        }
        for f in &e.fields {
            over("field name", Some(&f.name), sizes::FIELD_NAME_MAX)?;
            over("field value", Some(&f.value), sizes::FIELD_VALUE_MAX)?;
            if f.name.trim().is_empty() || f.value.trim().is_empty() {
                return Err("empty field".into());
            }
        }
    }
    if m.rows() > sizes::ROWS_PER_MESSAGE {
        return Err(format!("{} rows of buttons", m.rows()));
    }
    for b in &m.buttons {
        over_label(&b.label)?;
    }
    if m.menu.len() > sizes::MENU_OPTIONS_MAX {
        return Err(format!("{} menu options", m.menu.len()));
    }
    for o in &m.menu {
        if len(&o.label) > sizes::MENU_LABEL_MAX || o.label.trim().is_empty() {
            return Err(format!("menu option label {:?}", o.label));
        }
    }
    if let Some((label, url)) = &m.link {
        over_label(label)?;
        if len(url) > sizes::LINK_URL_MAX || !url.starts_with("https://") {
            return Err(format!("link button url {url:?}"));
        }
    }
    Ok(())
}

fn over_label(label: &str) -> Result<(), String> {
    if label.is_empty() || len(label) > sizes::BUTTON_LABEL_MAX {
        return Err(format!("button label {}", len(label)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Field;

    fn base(status: Status) -> Answer {
        Answer {
            question: "What does Derbyshire need to improve?".into(),
            status,
            intent: crate::engine::Intent::Improve,
            forces: vec!["derbyshire".into()],
            text: "Derbyshire Constabulary needs to improve investigating crime.".into(),
            citations: vec![Citation {
                url: "https://hmicfrs.justiceinspectorates.gov.uk/derbyshire".into(),
                title: "HMICFRS — Derbyshire PEEL 2021/22".into(),
                speaker: Some("Roy Wilsher".into()),
                role: Some("HM Inspector of Constabulary".into()),
                quote: None,
                published: Some("2022-05-12".into()),
                force: Some("derbyshire".into()),
                cycle: Some("PEEL 2021/22".into()),
            }],
            suggestions: Vec::new(),
            confidence: 0.9,
            headline: String::new(),
            grades: Vec::new(),
            quotes: Vec::new(),
            notes: Vec::new(),
            chart: None,
            report: None,
            title: "Derbyshire Constabulary — areas to improve".into(),
            summary: "Two areas require improvement.".into(),
            fields: vec![
                Field {
                    name: "Investigating crime".into(),
                    value: "Requires improvement".into(),
                    grade: Some(Grade::RequiresImprovement),
                },
                Field {
                    name: "Preventing crime".into(),
                    value: "Good".into(),
                    grade: Some(Grade::Good),
                },
            ],
            footnote: String::new(),
            cycles: vec!["PEEL 2021/22".into()],
            choices: Vec::new(),
        }
    }

    fn huge() -> Answer {
        let mut a = base(Status::Answered);
        let para = "The force has made progress but must do more to record crime accurately and to support victims throughout investigations. ";
        a.summary = para.repeat(80);
        a.fields = (0..60)
            .map(|i| Field {
                name: format!("Area {i} {}", "with a long name ".repeat(20)),
                value: para.repeat(12),
                grade: Some(Grade::Adequate),
            })
            .collect();
        a.footnote = para.repeat(20);
        a.citations = (0..80)
            .map(|i| Citation {
                url: format!("https://example.org/report/{i}"),
                title: format!("Report number {i}"),
                speaker: Some("A Speaker".into()),
                role: Some("Inspector".into()),
                quote: None,
                published: Some("2023-01-01".into()),
                force: None,
                cycle: None,
            })
            .collect();
        a.text = para.repeat(200);
        a
    }

    #[test]
    fn render_answer_embed_has_title_fields_sources_footer_colour() {
        let out = answer(&base(Status::Answered), Style::Embeds);
        assert_eq!(out.len(), 1);
        let e = &out[0].embeds[0];
        assert_eq!(
            e.title.as_deref(),
            Some("Derbyshire Constabulary — areas to improve")
        );
        assert_eq!(e.colour, grade_colour(Some(Grade::RequiresImprovement)));
        assert_eq!(e.fields[0].name, "Investigating crime");
        let sources = e.fields.iter().find(|f| f.name == "Sources").unwrap();
        assert!(sources
            .value
            .contains("[HMICFRS — Derbyshire PEEL 2021/22](https://"));
        assert!(sources
            .value
            .contains("Roy Wilsher, HM Inspector of Constabulary · 2022-05-12"));
        assert_eq!(e.footer.as_deref(), Some("Inspection cycle: PEEL 2021/22"));
        let labels: Vec<&str> = out[0].buttons.iter().map(|b| b.label.as_str()).collect();
        // The intent table's follow-ups, in its order, less the answer's own.
        assert_eq!(labels, ["All grades", "Quotes", "Official response"]);
        let votes = out[0].votes.as_ref().expect("votes on the answer");
        assert_eq!(votes.question, "What does Derbyshire need to improve?");
        assert_eq!(
            (votes.status, votes.intent.as_str()),
            (Status::Answered, "improve")
        );
        check_limits(&out[0]).unwrap();
    }

    #[test]
    fn render_votes_go_on_the_last_message_without_mentions() {
        let mut a = huge();
        a.question = "<@123> <@&45> Kent grades in <#67>?".into();
        let out = answer(&a, Style::Embeds);
        assert!(out.len() > 1);
        assert!(out[..out.len() - 1].iter().all(|m| m.votes.is_none()));
        let votes = out.last().and_then(|m| m.votes.as_ref()).unwrap();
        assert_eq!(votes.question, "Kent grades in ?");
    }

    #[test]
    fn render_many_suggestions_leave_room_for_sources_link_and_votes() {
        let mut a = base(Status::Answered);
        a.suggestions = (0..40).map(|i| format!("Suggestion {i}")).collect();
        a.report = Some(
            "https://hmicfrs.justiceinspectorates.gov.uk/peel-reports/derbyshire-2023-25/".into(),
        );
        a.notes = vec![crate::engine::Note {
            force: "derbyshire".into(),
            cycle: None,
            text: "A note.".into(),
        }];
        let out = answer(&a, Style::Embeds);
        let last = out.last().unwrap();
        // 20 offered questions, then "Sources & notes", the report link and
        // the two votes: 25 buttons, five full rows.
        assert_eq!(last.buttons.len(), 22);
        assert_eq!(last.buttons.last().unwrap().label, "Sources & notes");
        assert_eq!(last.buttons.last().unwrap().kind, ButtonKind::Sources);
        assert!(last.link.is_some());
        assert_eq!(last.button_count(), 25);
        assert_eq!(last.rows(), 5);
        check_limits(last).unwrap();
    }

    #[test]
    fn render_grade_lines_carry_markers_and_sources_stop_at_three() {
        let mut a = base(Status::Answered);
        a.fields[0].grade = Some(Grade::Inadequate);
        a.citations = (0..6)
            .map(|i| Citation {
                url: format!("https://example.org/{i}"),
                title: format!("Outlet {i} — Derbyshire PEEL 2023-25"),
                ..a.citations[0].clone()
            })
            .collect();
        let out = answer(&a, Style::Embeds);
        let e = &out[0].embeds[0];
        let graded = e
            .fields
            .iter()
            .find(|f| f.name == a.fields[0].name)
            .unwrap();
        assert!(graded.value.starts_with("🟥 "), "{graded:?}");
        let sources = e.fields.iter().find(|f| f.name == "Sources").unwrap();
        assert_eq!(sources.value.matches("](https://").count(), SOURCES_SHOWN);
        assert!(
            sources.value.ends_with("+3 more under All sources"),
            "{}",
            sources.value
        );
        assert!(out[0].buttons.iter().any(|b| b.kind == ButtonKind::Sources));
        let all = sources_and_notes(&a, Style::Embeds);
        let listed = all[0].embeds[0].description.as_deref().unwrap();
        assert_eq!(listed.matches("](https://").count(), 6);
    }

    #[test]
    fn render_long_answers_page_in_one_message() {
        let a = huge();
        let n = answer(&a, Style::Embeds).len();
        assert!(n > 1, "the test needs a long answer");
        let first = page(&a, Style::Embeds, 1);
        assert_eq!(first.len(), 1);
        let kinds: Vec<ButtonKind> = first[0].buttons.iter().map(|b| b.kind).collect();
        assert_eq!(kinds[0], ButtonKind::Page(2), "{kinds:?}");
        assert!(!kinds.contains(&ButtonKind::Page(0)));
        let footer = first[0]
            .embeds
            .last()
            .and_then(|e| e.footer.clone())
            .unwrap();
        assert!(footer.ends_with(&format!("Page 1 of {n}")), "{footer}");
        assert!(first[0].votes.is_some(), "votes on every page");
        let last = page(&a, Style::Embeds, n);
        let labels: Vec<&str> = last[0].buttons.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels[0], "◀ Previous");
        assert!(!labels.contains(&"Next ▶"));
        check_limits(&first[0]).unwrap();
        check_limits(&last[0]).unwrap();
        // A short answer is its one message, without page buttons.
        let short = page(&base(Status::Answered), Style::Embeds, 1);
        assert!(short[0]
            .buttons
            .iter()
            .all(|b| !matches!(b.kind, ButtonKind::Page(_))));
    }

    #[test]
    fn render_clarify_labels_drop_the_words_every_choice_shares() {
        let labels = short_labels(&[
            "All grades for North Yorkshire Police".to_string(),
            "All grades for South Yorkshire Police".to_string(),
        ]);
        assert_eq!(labels, ["North Yorkshire Police", "South Yorkshire Police"]);
        // Nothing shared: unchanged but for the question mark.
        let labels = short_labels(&["Kent grades?".to_string(), "Essex grades?".to_string()]);
        assert_eq!(labels, ["Kent grades", "Essex grades"]);
    }

    #[test]
    fn render_plain_text_has_text_sources_without_previews() {
        let out = answer(&base(Status::Answered), Style::PlainText);
        let c = out[0].content.as_deref().unwrap();
        assert!(c.starts_with("Derbyshire Constabulary needs to improve"));
        assert!(c.contains("<https://hmicfrs.justiceinspectorates.gov.uk/derbyshire>"));
        assert!(out[0].embeds.is_empty());
    }

    #[test]
    fn render_clarify_offers_candidates_as_buttons() {
        let mut a = base(Status::Clarify);
        a.title = String::new();
        a.fields.clear();
        a.summary = String::new();
        a.text = "Which Yorkshire force?".into();
        a.suggestions = vec![
            "What did North Yorkshire Police need to improve?".into(),
            "What did West Yorkshire Police need to improve?".into(),
        ];
        let out = answer(&a, Style::Embeds);
        assert_eq!(
            out[0].embeds[0].title.as_deref(),
            Some("Which did you mean?")
        );
        assert_eq!(
            out[0].embeds[0].description.as_deref(),
            Some("Which Yorkshire force?")
        );
        assert_eq!(out[0].buttons.len(), 2);
        assert!(out[0].buttons.iter().all(|b| b.kind == ButtonKind::Clarify));
    }

    #[test]
    fn render_colour_palette_is_ordered_and_distinct() {
        let colours: Vec<u32> = Grade::ALL.iter().map(|g| grade_colour(Some(*g))).collect();
        let mut unique = colours.clone();
        unique.dedup();
        assert_eq!(unique.len(), 5);
        assert_ne!(grade_colour(None), colours[0]);
    }

    #[test]
    fn render_huge_answer_stays_within_every_limit() {
        for style in [Style::Embeds, Style::PlainText] {
            let out = answer(&huge(), style);
            assert!(!out.is_empty() && out.len() <= MAX_MESSAGES);
            for m in &out {
                check_limits(m).unwrap_or_else(|e| panic!("{style:?}: {e}"));
            }
            let last = out.last().unwrap();
            assert!(
                last.content.as_deref().unwrap_or("").contains("not shown"),
                "{style:?}: the cut must be visible"
            );
        }
    }

    #[test]
    fn render_long_answer_splits_without_losing_words() {
        let mut a = base(Status::Answered);
        let words: Vec<String> = (0..1500).map(|i| format!("w{i}")).collect();
        a.summary = words.join(" ");
        let out = answer(&a, Style::Embeds);
        let described: Vec<&str> = out
            .iter()
            .flat_map(|m| &m.embeds)
            .filter_map(|e| e.description.as_deref())
            .collect();
        assert!(described.len() >= 2);
        assert_eq!(described.join(" "), a.summary);
        for m in &out {
            check_limits(m).unwrap();
        }
    }

    #[test]
    fn render_many_fields_spread_over_embeds() {
        let mut a = base(Status::Answered);
        a.fields = (0..40)
            .map(|i| Field {
                name: format!("Area {i}"),
                value: "Good".into(),
                grade: Some(Grade::Good),
            })
            .collect();
        let out = answer(&a, Style::Embeds);
        let fields: Vec<&FieldSpec> = out
            .iter()
            .flat_map(|m| &m.embeds)
            .flat_map(|e| &e.fields)
            .filter(|f| f.name.starts_with("Area"))
            .collect();
        assert_eq!(fields.len(), 40);
        for m in &out {
            check_limits(m).unwrap();
        }
    }

    #[test]
    fn render_long_field_value_continues() {
        let mut a = base(Status::Answered);
        a.fields = vec![Field {
            name: "Findings".into(),
            value: "word ".repeat(700),
            grade: None,
        }];
        let out = answer(&a, Style::Embeds);
        let names: Vec<&str> = out[0].embeds[0]
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(
            &names[..3],
            ["Findings", "Findings (continued)", "Findings (continued)"]
        );
        check_limits(&out[0]).unwrap();
    }

    #[test]
    fn render_follow_ups_and_suggestions_offered_once() {
        use crate::engine::{Intent, Query};
        let mut a = base(Status::Answered);
        a.suggestions = vec![
            "All grades for Derbyshire".into(),
            "How did Derbyshire respond to the inspection?".into(),
            "Compare Derbyshire and Kent".into(),
        ];
        // The engine made the first two as typed queries: the same as two follow-ups.
        a.choices = vec![
            (
                a.suggestions[0].clone(),
                Query::new(Intent::Overview).with_force("derbyshire"),
            ),
            (
                a.suggestions[1].clone(),
                Query::new(Intent::Response).with_force("derbyshire"),
            ),
        ];
        let out = answer(&a, Style::Embeds);
        let labels: Vec<&str> = out[0].buttons.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "All grades",
                "Quotes",
                "Official response",
                "Compare Derbyshire and Kent"
            ]
        );
        assert!(out[0]
            .buttons
            .iter()
            .all(|b| b.kind == ButtonKind::FollowUp));
    }

    #[test]
    fn render_footnote_reads_on_without_a_heading() {
        let mut a = base(Status::Answered);
        a.footnote = "Finding: one.\nFinding: two.".into();
        let out = answer(&a, Style::Embeds);
        let f = out[0].embeds[0]
            .fields
            .iter()
            .find(|f| f.value.starts_with("Finding: one."))
            .unwrap();
        assert_eq!(f.name, UNNAMED);
    }

    #[test]
    fn render_no_match_is_muted_without_buttons() {
        let mut a = base(Status::NoMatch);
        a.title = String::new();
        a.fields.clear();
        a.summary = String::new();
        a.citations.clear();
        let out = answer(&a, Style::Embeds);
        assert_eq!(out[0].embeds[0].colour, MUTED);
        assert!(out[0].buttons.is_empty());
        assert_eq!(
            out[0].votes.as_ref().map(|v| v.status),
            Some(Status::NoMatch),
            "even an answer that found nothing can be voted on"
        );
    }

    #[test]
    fn render_notice_is_plain_and_bounded() {
        let n = notice(&"too long ".repeat(500));
        check_limits(&n).unwrap();
        assert!(n.embeds.is_empty());
    }
}
