//! Rate limits: a token bucket per user, a sliding window per channel, and
//! a bucket of their own for votes.
//!
//! One person (or one busy channel) must not be able to make the bot flood a
//! server, but a curious person asking, tapping follow-ups and asking again
//! must never meet the limit. So a user's questions draw on a bucket of
//! `user_rate_limit` (the burst) that refills one question every
//! `user_refill_secs`; follow-up and clarify clicks skip the user bucket
//! (they answer what the bot itself offered) but count against the
//! channel's window; 👍/👎 draw on a separate bucket of the same size, so
//! voting never costs a question. A refused use is not counted, so waiting
//! always helps; the first refusal since the last allowed use is flagged for
//! a reply and later ones are dropped quietly, so refusals cannot become a
//! flood themselves.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// What someone is doing, for the limits it counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// A question: the user's bucket and the channel's window.
    Question,
    /// A follow-up or clarify button: the channel's window only.
    Click,
    /// A 👍/👎: the user's vote bucket only.
    Vote,
}

/// What the limiter decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    Deny {
        /// Whose limit was hit.
        scope: Scope,
        /// How long until it would be allowed.
        retry_after: Duration,
        /// True for the first refusal since the last allowed use: say so once.
        notify: bool,
    },
}

/// Which limit a refusal came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    User,
    Channel,
    Votes,
}

/// A token bucket: `burst` uses at once, one more every `refill`.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
    warned: bool,
}

impl Bucket {
    fn full(limits: &Limits, now: Instant) -> Bucket {
        Bucket {
            tokens: f64::from(limits.burst),
            at: now,
            warned: false,
        }
    }

    fn refill(&mut self, limits: &Limits, now: Instant) {
        let gained =
            now.saturating_duration_since(self.at).as_secs_f64() / limits.refill.as_secs_f64();
        self.tokens = (self.tokens + gained).min(f64::from(limits.burst));
        self.at = now;
    }

    fn wait(&self, limits: &Limits) -> Duration {
        limits.refill.mul_f64((1.0 - self.tokens).max(0.0))
    }

    fn is_full(&self, limits: &Limits) -> bool {
        self.tokens >= f64::from(limits.burst) && !self.warned
    }
}

/// A sliding window of recent uses.
#[derive(Debug, Default)]
struct Window {
    hits: VecDeque<Instant>,
    warned: bool,
}

impl Window {
    fn expire(&mut self, now: Instant, window: Duration) {
        while self
            .hits
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= window)
        {
            self.hits.pop_front();
        }
        if self.hits.is_empty() {
            self.warned = false;
        }
    }
}

/// The limits in force (replaced on reload).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A user's burst of questions (and of votes).
    pub burst: u32,
    /// How long a user waits for one more question.
    pub refill: Duration,
    /// Questions and clicks one channel may see per `window`.
    pub channel: u32,
    pub window: Duration,
}

impl Limits {
    fn sane(self) -> Limits {
        Limits {
            burst: self.burst.max(1),
            refill: self.refill.max(Duration::from_millis(1)),
            channel: self.channel.max(1),
            window: self.window.max(Duration::from_millis(1)),
        }
    }
}

#[derive(Debug)]
struct State {
    limits: Limits,
    users: HashMap<u64, Bucket>,
    votes: HashMap<u64, Bucket>,
    channels: HashMap<u64, Window>,
    last_sweep: Option<Instant>,
}

/// The bot's limits; cheap to share (one short lock per use).
#[derive(Debug)]
pub struct RateLimiter {
    state: Mutex<State>,
}

impl RateLimiter {
    pub fn new(limits: Limits) -> RateLimiter {
        RateLimiter {
            state: Mutex::new(State {
                limits: limits.sane(),
                users: HashMap::new(),
                votes: HashMap::new(),
                channels: HashMap::new(),
                last_sweep: None,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        match self.state.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Replaces the limits (a reload); buckets keep what they hold, capped
    /// at the new burst.
    pub fn set_limits(&self, limits: Limits) {
        self.lock().limits = limits.sane();
    }

    /// Counts one `what` by `user` in `channel` at `now`, unless a limit is reached.
    pub fn check(&self, user: u64, channel: u64, what: Use, now: Instant) -> Verdict {
        let mut guard = self.lock();
        let state = &mut *guard;
        let limits = state.limits;
        sweep(state, now);
        let bucket_of = |map: &mut HashMap<u64, Bucket>| -> Option<Verdict> {
            let b = map
                .entry(user)
                .or_insert_with(|| Bucket::full(&limits, now));
            b.refill(&limits, now);
            (b.tokens < 1.0).then(|| {
                let notify = !b.warned;
                b.warned = true;
                Verdict::Deny {
                    scope: Scope::User,
                    retry_after: b.wait(&limits),
                    notify,
                }
            })
        };
        match what {
            Use::Vote => {
                if let Some(Verdict::Deny {
                    retry_after,
                    notify,
                    ..
                }) = bucket_of(&mut state.votes)
                {
                    return Verdict::Deny {
                        scope: Scope::Votes,
                        retry_after,
                        notify,
                    };
                }
                take(&mut state.votes, user);
                return Verdict::Allow;
            }
            Use::Question => {
                if let Some(deny) = bucket_of(&mut state.users) {
                    return deny;
                }
            }
            Use::Click => {}
        }
        let c = state.channels.entry(channel).or_default();
        c.expire(now, limits.window);
        if c.hits.len() >= limits.channel as usize {
            let retry_after = c
                .hits
                .front()
                .map_or(Duration::ZERO, |&t| limits.window.saturating_sub(now - t));
            let notify = !c.warned;
            c.warned = true;
            return Verdict::Deny {
                scope: Scope::Channel,
                retry_after,
                notify,
            };
        }
        c.hits.push_back(now);
        if what == Use::Question {
            take(&mut state.users, user);
        }
        Verdict::Allow
    }

    /// Keys currently tracked (users, channels): for tests and metrics.
    pub fn tracked(&self) -> (usize, usize) {
        let g = self.lock();
        (g.users.len() + g.votes.len(), g.channels.len())
    }
}

/// Takes one token from `user`'s bucket (known to hold one).
fn take(map: &mut HashMap<u64, Bucket>, user: u64) {
    if let Some(b) = map.get_mut(&user) {
        b.tokens -= 1.0;
        b.warned = false;
    }
}

/// Drops full buckets and empty windows about once per refill interval
/// or window, so memory follows recent activity.
fn sweep(state: &mut State, now: Instant) {
    let limits = state.limits;
    let every = limits.window.min(limits.refill * limits.burst);
    if state
        .last_sweep
        .is_some_and(|t| now.saturating_duration_since(t) < every)
    {
        return;
    }
    state.last_sweep = Some(now);
    for map in [&mut state.users, &mut state.votes] {
        map.retain(|_, b| {
            b.refill(&limits, now);
            !b.is_full(&limits)
        });
    }
    state.channels.retain(|_, w| {
        w.expire(now, limits.window);
        !w.hits.is_empty()
    });
}

/// A Discord timestamp `retry_after` from now, which every client shows as
/// a live countdown ("in 8 seconds").
pub fn countdown(retry_after: Duration) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let wait = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
    format!("<t:{}:R>", now + wait.max(1))
}

/// The polite reply to a refusal, with a live countdown.
pub fn refusal_text(scope: Scope, retry_after: Duration) -> String {
    let when = countdown(retry_after);
    match scope {
        Scope::User => {
            format!("You're asking questions quickly — please wait: you can ask again {when}.")
        }
        Scope::Channel => format!(
            "This channel is asking a lot of questions at once — please wait and try again {when}."
        ),
        Scope::Votes => format!("You're voting quickly — please wait: you can vote again {when}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: Duration = Duration::from_secs(60);

    fn limits(burst: u32, refill_secs: u64, channel: u32) -> Limits {
        Limits {
            burst,
            refill: Duration::from_secs(refill_secs),
            channel,
            window: W,
        }
    }

    #[test]
    fn limits_user_burst_then_denies_once_loudly() {
        let l = RateLimiter::new(limits(3, 10, 100));
        let t = Instant::now();
        for _ in 0..3 {
            assert_eq!(l.check(1, 10, Use::Question, t), Verdict::Allow);
        }
        match l.check(1, 10, Use::Question, t) {
            Verdict::Deny {
                scope: Scope::User,
                notify: true,
                retry_after,
            } => assert_eq!(retry_after, Duration::from_secs(10)),
            v => panic!("{v:?}"),
        }
        assert!(matches!(
            l.check(1, 10, Use::Question, t),
            Verdict::Deny { notify: false, .. }
        ));
        // Someone else in the same channel is unaffected.
        assert_eq!(l.check(2, 10, Use::Question, t), Verdict::Allow);
    }

    #[test]
    fn limits_bucket_refills_one_question_per_interval() {
        let l = RateLimiter::new(limits(2, 10, 100));
        let t = Instant::now();
        assert_eq!(l.check(1, 10, Use::Question, t), Verdict::Allow);
        assert_eq!(l.check(1, 10, Use::Question, t), Verdict::Allow);
        assert!(matches!(
            l.check(1, 10, Use::Question, t + Duration::from_secs(9)),
            Verdict::Deny { .. }
        ));
        assert_eq!(
            l.check(1, 10, Use::Question, t + Duration::from_secs(10)),
            Verdict::Allow
        );
        // Only one came back.
        assert!(matches!(
            l.check(1, 10, Use::Question, t + Duration::from_secs(10)),
            Verdict::Deny { notify: true, .. }
        ));
    }

    #[test]
    fn limits_clicks_skip_the_user_bucket_but_count_for_the_channel() {
        let l = RateLimiter::new(limits(1, 60, 3));
        let t = Instant::now();
        assert_eq!(l.check(1, 10, Use::Question, t), Verdict::Allow);
        assert_eq!(l.check(1, 10, Use::Click, t), Verdict::Allow);
        assert_eq!(l.check(1, 10, Use::Click, t), Verdict::Allow);
        assert!(matches!(
            l.check(1, 10, Use::Click, t),
            Verdict::Deny {
                scope: Scope::Channel,
                ..
            }
        ));
    }

    #[test]
    fn limits_votes_have_their_own_bucket() {
        let l = RateLimiter::new(limits(2, 60, 100));
        let t = Instant::now();
        assert_eq!(l.check(1, 10, Use::Vote, t), Verdict::Allow);
        assert_eq!(l.check(1, 10, Use::Vote, t), Verdict::Allow);
        assert!(matches!(
            l.check(1, 10, Use::Vote, t),
            Verdict::Deny {
                scope: Scope::Votes,
                ..
            }
        ));
        assert_eq!(l.check(1, 10, Use::Question, t), Verdict::Allow);
    }

    #[test]
    fn limits_channel_limit_applies_across_users() {
        let l = RateLimiter::new(limits(10, 10, 3));
        let t = Instant::now();
        for user in 0..3 {
            assert_eq!(l.check(user, 10, Use::Question, t), Verdict::Allow);
        }
        assert!(matches!(
            l.check(99, 10, Use::Question, t),
            Verdict::Deny {
                scope: Scope::Channel,
                ..
            }
        ));
        assert_eq!(l.check(99, 11, Use::Question, t), Verdict::Allow);
    }

    #[test]
    fn limits_refused_questions_are_not_counted() {
        let l = RateLimiter::new(limits(1, 60, 100));
        let t = Instant::now();
        assert_eq!(l.check(1, 10, Use::Question, t), Verdict::Allow);
        for s in 1..50 {
            let _ = l.check(1, 10, Use::Question, t + Duration::from_secs(s));
        }
        assert_eq!(l.check(1, 10, Use::Question, t + W), Verdict::Allow);
    }

    #[test]
    fn limits_idle_keys_are_swept() {
        let l = RateLimiter::new(limits(5, 10, 100));
        let t = Instant::now();
        for user in 0..1000 {
            l.check(user, user, Use::Question, t);
        }
        assert_eq!(l.tracked(), (1000, 1000));
        l.check(5000, 5000, Use::Question, t + 2 * W);
        assert_eq!(l.tracked(), (1, 1));
    }

    #[test]
    fn limits_reloaded_limits_apply_at_once() {
        let l = RateLimiter::new(limits(1, 60, 100));
        let t = Instant::now();
        assert_eq!(l.check(1, 10, Use::Question, t), Verdict::Allow);
        assert!(matches!(
            l.check(1, 10, Use::Question, t),
            Verdict::Deny { .. }
        ));
        l.set_limits(limits(3, 1, 100));
        let later = t + Duration::from_secs(2);
        assert_eq!(l.check(1, 10, Use::Question, later), Verdict::Allow);
        assert_eq!(l.check(1, 10, Use::Question, later), Verdict::Allow);
        assert!(matches!(
            l.check(1, 10, Use::Question, later),
            Verdict::Deny { .. }
        ));
    }

    #[test]
    fn limits_refusal_text_is_polite_and_counts_down() {
        let s = refusal_text(Scope::User, Duration::from_millis(12_300));
        assert!(s.contains("please wait"), "{s}");
        let stamp: u64 = s
            .split("<t:")
            .nth(1)
            .and_then(|r| r.split(":R>").next())
            .and_then(|n| n.parse().ok())
            .expect("a <t:…:R> countdown");
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        assert!((now + 12..=now + 14).contains(&stamp), "{stamp} vs {now}");
    }
}
