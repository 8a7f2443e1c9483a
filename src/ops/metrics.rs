//! Metrics for operators: the one set of counters a running bot keeps, read
//! by `/metrics` (Prometheus text), `/health` and the bot's own snapshot.
//!
//! Why it exists: a team running PEEL Bot in a busy server needs to see, from
//! outside the process, whether the bot is connected (gateway shards up),
//! which knowledge base it is answering from and how old it is, how questions
//! end (answered, clarify, no match, rejected) and how fast. Load balancers
//! and supervisors need a yes/no answer (`/health`) for the same facts; tests
//! read the same counters through [`Metrics::snapshot`].
//!
//! Nothing here knows about Discord: front ends report what happened through
//! [`Metrics`] (`&self` everywhere, so one `Arc<Metrics>` is shared by every
//! task), and [`super::http`] serves it. The exposition format is produced by
//! the `prometheus-client` crate (Prometheus text format 0.0.4, served with
//! [`CONTENT_TYPE`]).
//!
//! Exported series (all prefixed `peelbot_`):
//!
//! | name | type | labels |
//! |------|------|--------|
//! | `peelbot_questions_total` | counter | `status`, `intent` |
//! | `peelbot_answer_latency_seconds` | histogram | – |
//! | `peelbot_gateway_shards_up` | gauge | – |
//! | `peelbot_gateway_shards_expected` | gauge | – |
//! | `peelbot_knowledge_info` | gauge (always 1) | `version` |
//! | `peelbot_knowledge_loaded_timestamp_seconds` | gauge (unix seconds) | – |
//! | `peelbot_reloads_total` | counter | `result` = `ok` \| `failed` \| `refused` |
//! | `peelbot_rate_limited_total` | counter | – |
//! | `peelbot_events_total` | counter | – |
//! | `peelbot_ignored_total` | counter | – |
//! | `peelbot_send_errors_total` | counter | – |
//! | `peelbot_rest_429s_total` | counter | – |
//! | `peelbot_rest_retries_total` | counter | – |
//! | `peelbot_rest_timeouts_total` | counter | – |
//!
//! The knowledge base age is `time() - peelbot_knowledge_loaded_timestamp_seconds`
//! in PromQL; exporting the timestamp rather than an age keeps the value
//! correct however stale the scrape is.

use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::engine::{Intent, Status};
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{
    prometheus_text, DescriptorEncoder, EncodeLabelSet, EncodeMetric,
};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::{ConstGauge, Gauge};
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::metrics::info::Info;
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::{Registry, Unit};

/// `Content-Type` of [`Metrics::render`]'s output (Prometheus text 0.0.4), so
/// scrapers parse it with the right grammar.
pub const CONTENT_TYPE: &str = prometheus_text::CONTENT_TYPE;

/// Upper bounds (seconds) of the answer latency histogram. The engine answers
/// in microseconds when warm and the whole path (with Discord formatting) may
/// take up to about a second under load, so the buckets run 5µs..1s on a
/// 1-2.5-5 scale; anything slower lands in `+Inf`.
const LATENCY_BUCKETS: [f64; 17] = [
    0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005,
    0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct QuestionLabels {
    status: &'static str,
    /// An intent's name from the engine's intent table: a fixed set, so the
    /// series stay bounded by construction.
    intent: &'static str,
}

/// How a reload ended, as `peelbot_reloads_total{result}` counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReloadResult {
    /// The new base is serving.
    Ok,
    /// A file or the config was invalid.
    Failed,
    /// Valid, but it would lose data (see `ops::losses`).
    Refused,
}

impl ReloadResult {
    const ALL: [ReloadResult; 3] = [
        ReloadResult::Ok,
        ReloadResult::Failed,
        ReloadResult::Refused,
    ];

    fn label(self) -> &'static str {
        match self {
            ReloadResult::Ok => "ok",
            ReloadResult::Failed => "failed",
            ReloadResult::Refused => "refused",
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReloadLabels {
    result: &'static str,
}

/// The knowledge base currently serving, if any.
#[derive(Debug, Clone)]
struct LoadedKnowledge {
    version: String,
    loaded_unix_seconds: f64,
}

/// Holds the version and load time together behind one lock, so a scrape
/// never sees the new version with the old time, and the version info metric
/// always has exactly one series (replaced on reload, never accumulated).
#[derive(Debug, Default)]
struct KnowledgeState {
    current: RwLock<Option<LoadedKnowledge>>,
}

impl KnowledgeState {
    fn get(&self) -> Option<LoadedKnowledge> {
        // A poisoned lock only means a writer panicked mid-assignment of a
        // plain value; the data is still usable, so read through it.
        match self.current.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn set(&self, value: LoadedKnowledge) {
        match self.current.write() {
            Ok(mut guard) => *guard = Some(value),
            Err(poisoned) => *poisoned.into_inner() = Some(value),
        }
    }
}

impl Collector for KnowledgeState {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let Some(current) = self.get() else {
            return Ok(());
        };
        let info = Info::new([("version", current.version.as_str())]);
        let metric = encoder.encode_descriptor(
            "knowledge",
            "Knowledge base in use (value is always 1; the version label names it).",
            None,
            MetricType::Info,
        )?;
        info.encode(metric)?;

        let unit = Unit::Seconds;
        let loaded = ConstGauge::new(current.loaded_unix_seconds);
        let metric = encoder.encode_descriptor(
            "knowledge_loaded_timestamp",
            "When the knowledge base in use was loaded, in unix seconds (age = time() - this).",
            Some(&unit),
            MetricType::Gauge,
        )?;
        loaded.encode(metric)
    }
}

/// Everything PEEL Bot reports to operators, shareable across tasks.
///
/// Why a struct of handles rather than a global: tests and several bot
/// instances in one process each get their own registry, and the front ends
/// receive it explicitly instead of reaching for hidden state.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    questions: Family<QuestionLabels, Counter>,
    /// Distinct `questions` series created so far (for the cardinality cap).
    latency: Histogram,
    /// Observations of `latency` (prometheus-client does not expose its count).
    answers: Counter,
    shards_up: Gauge,
    shards_expected: Gauge,
    knowledge: Arc<KnowledgeState>,
    reloads: Family<ReloadLabels, Counter>,
    rate_limited: Counter,
    events: Counter,
    ignored: Counter,
    send_errors: Counter,
    rest_429s: Counter,
    rest_retries: Counter,
    rest_timeouts: Counter,
}

/// The bot's counters at one moment (see [`Metrics::snapshot`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatsSnapshot {
    /// Message, edit, delete and interaction events fully handled.
    pub events: u64,
    /// Questions that reached an outcome (every `peelbot_questions_total` sample).
    pub questions: u64,
    /// Questions refused by a rate limit.
    pub rate_limited: u64,
    /// Messages ignored (bots, the bot itself, webhooks, not addressed, not allowed here).
    pub ignored: u64,
    /// Sends, edits or deletes that Discord refused.
    pub send_errors: u64,
}

impl Metrics {
    /// A fresh registry with every `peelbot_` metric registered. Returns an
    /// `Arc` because the bot's event handlers and the HTTP listener share it.
    pub fn new() -> Arc<Metrics> {
        let mut registry = Registry::with_prefix("peelbot");

        let questions = Family::<QuestionLabels, Counter>::default();
        registry.register(
            "questions",
            "Questions answered, by how they ended (status) and what was asked (intent)",
            questions.clone(),
        );

        let latency = Histogram::new(LATENCY_BUCKETS);
        registry.register_with_unit(
            "answer_latency",
            "Time from receiving a question to having its answer",
            Unit::Seconds,
            latency.clone(),
        );

        let shards_up = Gauge::default();
        registry.register(
            "gateway_shards_up",
            "Gateway shards of this process connected now",
            shards_up.clone(),
        );
        let shards_expected = Gauge::default();
        registry.register(
            "gateway_shards_expected",
            "Gateway shards this process runs",
            shards_expected.clone(),
        );

        let knowledge = Arc::new(KnowledgeState::default());
        registry.register_collector(Box::new(Arc::clone(&knowledge)));

        let reloads = Family::<ReloadLabels, Counter>::default();
        // Both series exist from the start, so `rate()` and alerts on
        // `failed` work before the first failure.
        for result in ReloadResult::ALL.map(ReloadResult::label) {
            let _ = reloads.get_or_create(&ReloadLabels { result });
        }
        registry.register(
            "reloads",
            "Knowledge base reloads, by result",
            reloads.clone(),
        );

        let rate_limited = Counter::default();
        registry.register(
            "rate_limited",
            "Questions refused because the user or channel hit a rate limit",
            rate_limited.clone(),
        );

        let events = Counter::default();
        registry.register(
            "events",
            "Gateway events handled (messages, edits, deletions, interactions)",
            events.clone(),
        );
        let ignored = Counter::default();
        registry.register(
            "ignored",
            "Messages ignored: from bots, not addressed to the bot, or where it does not answer",
            ignored.clone(),
        );
        let send_errors = Counter::default();
        registry.register(
            "send_errors",
            "Sends, edits, deletions and command replies that Discord refused",
            send_errors.clone(),
        );

        let rest_429s = Counter::default();
        registry.register(
            "rest_429s",
            "REST responses with status 429 (rate limited), before any retry",
            rest_429s.clone(),
        );
        let rest_retries = Counter::default();
        registry.register(
            "rest_retries",
            "REST requests sent again after a 429, once its Retry-After had passed",
            rest_retries.clone(),
        );
        let rest_timeouts = Counter::default();
        registry.register(
            "rest_timeouts",
            "REST requests abandoned after discord.rest_timeout_secs",
            rest_timeouts.clone(),
        );

        Arc::new(Metrics {
            registry,
            questions,
            latency,
            answers: Counter::default(),
            shards_up,
            shards_expected,
            knowledge,
            reloads,
            rate_limited,
            events,
            ignored,
            send_errors,
            rest_429s,
            rest_retries,
            rest_timeouts,
        })
    }

    /// Records one answered question: how it ended, the intent it was
    /// answered as, and how long producing the answer took.
    pub fn observe_answer(&self, status: Status, intent: Intent, latency: Duration) {
        let labels = QuestionLabels {
            status: status.as_str(),
            intent: intent.name(),
        };
        self.questions.get_or_create(&labels).inc();
        self.latency.observe(latency.as_secs_f64());
        self.answers.inc();
    }

    /// Reports gateway connectivity: `up` shards connected now out of the
    /// `expected` shards this process runs. Feeds both gauges and [`healthy`].
    ///
    /// [`healthy`]: Metrics::healthy
    pub fn set_shards(&self, up: u32, expected: u32) {
        self.shards_expected.set(i64::from(expected));
        self.shards_up.set(i64::from(up));
    }

    /// Records the knowledge base now serving: its `version` (exported as the
    /// single `peelbot_knowledge_info{version}` series, replacing any previous
    /// one) and when it was loaded (so dashboards can show its age).
    pub fn knowledge_loaded(&self, version: &str, loaded_at: SystemTime) {
        // A clock before 1970 is nonsense; 0 makes it visible rather than failing.
        let loaded_unix_seconds = loaded_at
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        self.knowledge.set(LoadedKnowledge {
            version: version.to_owned(),
            loaded_unix_seconds,
        });
    }

    /// Counts one reload attempt (`/reload` or SIGHUP) by outcome, so failed
    /// and refused reloads — where the old base keeps serving — can be
    /// alerted on.
    pub fn reload(&self, result: ReloadResult) {
        let result = result.label();
        self.reloads.get_or_create(&ReloadLabels { result }).inc();
    }

    /// Counts one question refused by rate limiting, to show whether limits
    /// are biting real users.
    pub fn rate_limited(&self) {
        self.rate_limited.inc();
    }

    /// Counts one gateway event handled to the end.
    pub fn event(&self) {
        self.events.inc();
    }

    /// Counts one message the bot chose not to answer.
    pub fn ignored(&self) {
        self.ignored.inc();
    }

    /// Counts one send, edit or deletion that failed.
    pub fn send_error(&self) {
        self.send_errors.inc();
    }

    /// Counts one REST response with status 429.
    pub fn rest_429(&self) {
        self.rest_429s.inc();
    }

    /// Counts one REST request sent again after a 429.
    pub fn rest_retry(&self) {
        self.rest_retries.inc();
    }

    /// Counts one REST request abandoned after its timeout.
    pub fn rest_timeout(&self) {
        self.rest_timeouts.inc();
    }

    /// The counters now, for tests, benchmarks and the bot's handle.
    pub fn snapshot(&self) -> StatsSnapshot {
        StatsSnapshot {
            events: self.events.get(),
            questions: self.answers.get(),
            rate_limited: self.rate_limited.get(),
            ignored: self.ignored.get(),
            send_errors: self.send_errors.get(),
        }
    }

    /// The current values in Prometheus text format; serve with [`CONTENT_TYPE`].
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail; a custom collector could, and a
        // partial page is more useful to an operator than none.
        if let Err(error) = prometheus_text::encode(&mut out, &self.registry) {
            tracing::warn!(%error, "encoding metrics failed; serving what was written");
        }
        out
    }

    /// Whether the bot can answer: every expected gateway shard is connected
    /// (and at least one is expected) and a knowledge base is loaded. This is
    /// what `/health` reports.
    pub fn healthy(&self) -> bool {
        self.unhealthy_reason().is_none()
    }

    /// Why the bot is not healthy, in a few words for `/health`, or `None`.
    pub fn unhealthy_reason(&self) -> Option<String> {
        let expected = self.shards_expected.get();
        let up = self.shards_up.get();
        let mut reasons = Vec::new();
        if expected <= 0 {
            reasons.push("no gateway shards expected yet".to_owned());
        } else if up < expected {
            reasons.push(format!("gateway shards up {up}/{expected}"));
        }
        if self.knowledge.get().is_none() {
            reasons.push("knowledge base not loaded".to_owned());
        }
        if reasons.is_empty() {
            None
        } else {
            Some(reasons.join("; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_series_are_one_per_status_and_intent() {
        let m = Metrics::new();
        for _ in 0..3 {
            m.observe_answer(Status::Answered, Intent::Grade, Duration::ZERO);
        }
        m.observe_answer(Status::NoMatch, Intent::None, Duration::ZERO);
        let text = m.render();
        assert!(text.contains("peelbot_questions_total{status=\"answered\",intent=\"grade\"} 3"));
        assert!(text.contains("peelbot_questions_total{status=\"no_match\",intent=\"none\"} 1"));
        assert_eq!(text.matches("peelbot_questions_total{").count(), 2);
    }

    #[test]
    fn version_info_keeps_one_series() {
        let m = Metrics::new();
        m.knowledge_loaded("v1", UNIX_EPOCH + Duration::from_secs(100));
        m.knowledge_loaded("v2", UNIX_EPOCH + Duration::from_secs(200));
        let text = m.render();
        assert_eq!(text.matches("peelbot_knowledge_info{").count(), 1, "{text}");
        assert!(
            text.contains("peelbot_knowledge_info{version=\"v2\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("peelbot_knowledge_loaded_timestamp_seconds 200"),
            "{text}"
        );
    }
}
