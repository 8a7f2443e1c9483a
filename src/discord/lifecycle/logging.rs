//! Logging for `peelbot serve`: what the operator asked for (`RUST_LOG`,
//! else `log.level`), minus what must never be written.
//!
//! Three guarantees hold whatever the filter says:
//! - the libraries that log wire traffic (the websocket's frames, IDENTIFY
//!   and RESUME with the token inside; HTTP headers) are capped at `info`
//!   ([`WIRE_TARGETS`]), since a filter such as `trace` or `tungstenite=trace`
//!   would otherwise print every frame as bytes and hex;
//! - every line is scrubbed of the token itself (in case any other path
//!   prints it), cut at [`MAX_LINE`] bytes, and serenity's warnings about an
//!   undecodable gateway frame lose the frame (it holds message content);
//! - colour codes only go to a terminal.

use std::io::{IsTerminal as _, Write};

use anyhow::Context as _;
use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::{FilterExt as _, Targets};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::{EnvFilter, Layer as _};

use crate::config::Secret;
use crate::discord::lifecycle::fatal::{FatalClose, FatalWatch};
use tokio::sync::watch;

/// Targets that log raw wire traffic below `info`, capped there.
pub const WIRE_TARGETS: &[&str] = &[
    "tungstenite",
    "tokio_tungstenite",
    "async_tungstenite",
    "hyper",
    "hyper_util",
    "h2",
    "reqwest",
    "rustls",
    // Its debug lines dump undecodable frames as byte lists.
    "serenity::gateway::ws",
];

/// Longest line written, in bytes; a longer one is cut with a note.
pub const MAX_LINE: usize = 2048;

/// Installs the subscriber: `RUST_LOG` if set, else `level`, with
/// [`WIRE_TARGETS`] capped and every line scrubbed of `token`; and a
/// [`FatalWatch`] whatever the filter, whose receiver this returns.
pub fn init(level: &str, token: &Secret) -> anyhow::Result<watch::Receiver<Option<FatalClose>>> {
    let filter = match std::env::var("RUST_LOG") {
        Ok(v) if !v.trim().is_empty() => {
            EnvFilter::try_new(&v).with_context(|| format!("bad RUST_LOG filter \"{v}\""))?
        }
        _ => EnvFilter::try_new(level).with_context(|| {
            format!("bad config: key `log.level`: \"{level}\" is not a log filter")
        })?,
    };
    let layer = tracing_subscriber::fmt::layer()
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(Scrubbed::new(token))
        .with_filter(filter.and(caps()));
    let (fatal, closes) = FatalWatch::new();
    // A subscriber set earlier (tests, embedding) wins; that is fine.
    let _ = tracing_subscriber::registry()
        .with(layer)
        .with(fatal.with_filter(FatalWatch::targets()))
        .try_init();
    Ok(closes)
}

/// Everything at any level, except the wire targets above `info`.
pub fn caps() -> Targets {
    WIRE_TARGETS.iter().fold(
        Targets::new().with_default(LevelFilter::TRACE),
        |t, target| t.with_target(*target, LevelFilter::INFO),
    )
}

/// Makes writers to stderr that scrub each formatted event.
#[derive(Debug, Clone)]
pub struct Scrubbed {
    secrets: Vec<String>,
}

impl Scrubbed {
    pub fn new(token: &Secret) -> Scrubbed {
        let token = token.expose().trim();
        let secrets = if token.is_empty() {
            Vec::new()
        } else {
            vec![token.to_string()]
        };
        Scrubbed { secrets }
    }

    /// One formatted event as it may be written.
    pub fn clean(&self, bytes: &[u8]) -> String {
        let mut text = String::from_utf8_lossy(bytes).into_owned();
        for secret in &self.secrets {
            text = text.replace(secret.as_str(), "[redacted]");
        }
        let mut out = String::with_capacity(text.len().min(MAX_LINE * 2));
        for line in text.split_inclusive('\n') {
            let (body, newline) = match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            };
            out.push_str(&cut(&drop_frame(body)));
            out.push_str(newline);
        }
        out
    }
}

/// serenity warns `Err deserializing text: …; text: {the whole frame}`; the
/// frame is message content and can be 20 KB. Keep the error, not the frame.
fn drop_frame(line: &str) -> std::borrow::Cow<'_, str> {
    const MARK: &str = "; text: ";
    match line.find(MARK) {
        Some(i) if line.contains("serenity::gateway") => {
            let frame = line.len() - i - MARK.len();
            format!("{}; frame of {frame} bytes not shown", &line[..i]).into()
        }
        _ => line.into(),
    }
}

/// `line` cut to [`MAX_LINE`] bytes at a character boundary, with a note.
fn cut(line: &str) -> std::borrow::Cow<'_, str> {
    if line.len() <= MAX_LINE {
        return line.into();
    }
    let mut end = MAX_LINE;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    format!("{} … [{} bytes cut]", &line[..end], line.len() - end).into()
}

/// One event's writer: collects what the formatter writes, scrubs it and
/// writes it to stderr in one piece when dropped.
pub struct ScrubbedWriter<'a> {
    scrub: &'a Scrubbed,
    buf: Vec<u8>,
}

impl Write for ScrubbedWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let text = self.scrub.clean(&self.buf);
        self.buf.clear();
        std::io::stderr().lock().write_all(text.as_bytes())
    }
}

impl Drop for ScrubbedWriter<'_> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

impl<'a> MakeWriter<'a> for Scrubbed {
    type Writer = ScrubbedWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        ScrubbedWriter {
            scrub: self,
            buf: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logging_scrubs_the_token_and_cuts_long_lines() {
        let s = Scrubbed::new(&Secret::new("abc.def.ghi"));
        assert_eq!(
            s.clean(b"token abc.def.ghi here\n"),
            "token [redacted] here\n"
        );
        let long = format!("x{}\n", "y".repeat(5000));
        let out = s.clean(long.as_bytes());
        assert!(out.len() < MAX_LINE + 40, "{}", out.len());
        assert!(out.ends_with("bytes cut]\n"), "{out}");
        // Invalid UTF-8 is written, not dropped.
        assert_eq!(s.clean(b"a\xffb"), "a\u{FFFD}b");
    }

    #[test]
    fn logging_drops_the_frame_of_serenity_decode_warnings() {
        let s = Scrubbed::new(&Secret::new("secret-token-value"));
        let line = "WARN serenity::gateway::ws: Err deserializing text: EOF; text: {\"op\":0,\"d\":{\"content\":\"private words\"}}";
        let out = s.clean(line.as_bytes());
        assert!(!out.contains("private words"), "{out}");
        assert!(
            out.contains("Err deserializing text: EOF; frame of"),
            "{out}"
        );
    }

    #[test]
    fn logging_caps_wire_targets_whatever_the_filter() {
        use tracing::Level;
        let caps = caps();
        assert!(caps.would_enable("tungstenite::protocol", &Level::INFO));
        assert!(!caps.would_enable("tungstenite::protocol", &Level::TRACE));
        assert!(!caps.would_enable("serenity::gateway::ws", &Level::DEBUG));
        assert!(caps.would_enable("serenity::gateway::shard", &Level::TRACE));
        assert!(caps.would_enable("peelbot::discord", &Level::TRACE));
    }
}
