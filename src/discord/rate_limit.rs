//! Per-user and per-channel rate limits over a sliding window.
//!
//! One person (or one busy channel) must not be able to make the bot flood a
//! server. A refused question is not counted, so waiting always helps; the
//! first refusal in a window is flagged for a polite reply and later ones are
//! dropped quietly, so the refusals cannot become a flood themselves.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What the limiter decided for one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    Deny {
        /// Whose limit was hit.
        scope: Scope,
        /// When the oldest counted question leaves the window.
        retry_after: Duration,
        /// True for the first refusal in this window: say so once.
        notify: bool,
    },
}

/// Which limit a refusal came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    User,
    Channel,
}

#[derive(Debug, Default)]
struct Bucket {
    hits: VecDeque<Instant>,
    warned_at: Option<Instant>,
}

impl Bucket {
    fn expire(&mut self, now: Instant, window: Duration) {
        while self
            .hits
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= window)
        {
            self.hits.pop_front();
        }
        if self
            .warned_at
            .is_some_and(|t| now.saturating_duration_since(t) >= window)
        {
            self.warned_at = None;
        }
    }

    fn idle(&self) -> bool {
        self.hits.is_empty() && self.warned_at.is_none()
    }
}

/// The limits in force (replaced on reload).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Limits {
    user: usize,
    channel: usize,
    window: Duration,
}

impl Limits {
    fn new(user: u32, channel: u32, window: Duration) -> Limits {
        Limits {
            user: user.max(1) as usize,
            channel: channel.max(1) as usize,
            window: window.max(Duration::from_millis(1)),
        }
    }
}

#[derive(Debug)]
struct State {
    limits: Limits,
    users: HashMap<u64, Bucket>,
    channels: HashMap<u64, Bucket>,
    last_sweep: Option<Instant>,
}

/// Sliding-window limits; cheap to share (one short lock per question).
#[derive(Debug)]
pub struct RateLimiter {
    state: Mutex<State>,
}

impl RateLimiter {
    /// `user_limit` and `channel_limit` questions per `window`.
    pub fn new(user_limit: u32, channel_limit: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            state: Mutex::new(State {
                limits: Limits::new(user_limit, channel_limit, window),
                users: HashMap::new(),
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

    /// Replaces the limits (a reload). Questions already counted stay
    /// counted, so a lower limit applies at once and a higher one frees
    /// room at once.
    pub fn set_limits(&self, user_limit: u32, channel_limit: u32, window: Duration) {
        self.lock().limits = Limits::new(user_limit, channel_limit, window);
    }

    /// Counts one question from `user` in `channel` at `now`, unless a limit
    /// is reached.
    pub fn check(&self, user: u64, channel: u64, now: Instant) -> Verdict {
        let mut guard = self.lock();
        let state = &mut *guard;
        let limits = state.limits;
        sweep(state, now);
        let window = limits.window;

        let u = state.users.entry(user).or_default();
        u.expire(now, window);
        if u.hits.len() >= limits.user {
            return deny(u, Scope::User, now, window);
        }
        let c = state.channels.entry(channel).or_default();
        c.expire(now, window);
        if c.hits.len() >= limits.channel {
            return deny(c, Scope::Channel, now, window);
        }
        c.hits.push_back(now);
        if let Some(u) = state.users.get_mut(&user) {
            u.hits.push_back(now);
        }
        Verdict::Allow
    }

    /// Keys currently tracked (users, channels): for tests and metrics.
    pub fn tracked(&self) -> (usize, usize) {
        let g = self.lock();
        (g.users.len(), g.channels.len())
    }
}

/// Drops idle buckets once per window, so memory follows recent activity.
fn sweep(state: &mut State, now: Instant) {
    let window = state.limits.window;
    if state
        .last_sweep
        .is_some_and(|t| now.saturating_duration_since(t) < window)
    {
        return;
    }
    state.last_sweep = Some(now);
    for map in [&mut state.users, &mut state.channels] {
        map.retain(|_, b| {
            b.expire(now, window);
            !b.idle()
        });
    }
}

fn deny(bucket: &mut Bucket, scope: Scope, now: Instant, window: Duration) -> Verdict {
    let retry_after = bucket
        .hits
        .front()
        .map_or(Duration::ZERO, |&t| window.saturating_sub(now - t));
    let notify = bucket.warned_at.is_none();
    if notify {
        bucket.warned_at = Some(now);
    }
    Verdict::Deny {
        scope,
        retry_after,
        notify,
    }
}

/// The polite reply to a refusal.
pub fn refusal_text(scope: Scope, retry_after: Duration) -> String {
    let secs = retry_after.as_secs().max(1);
    match scope {
        Scope::User => {
            format!("You're asking questions quickly — please wait {secs} s before asking another.")
        }
        Scope::Channel => format!(
            "This channel is asking a lot of questions at once — please try again in {secs} s."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: Duration = Duration::from_secs(60);

    #[test]
    fn limits_user_allows_up_to_limit_then_denies_once_loudly() {
        let l = RateLimiter::new(3, 100, W);
        let t = Instant::now();
        for _ in 0..3 {
            assert_eq!(l.check(1, 10, t), Verdict::Allow);
        }
        match l.check(1, 10, t) {
            Verdict::Deny {
                scope: Scope::User,
                notify: true,
                retry_after,
            } => assert_eq!(retry_after, W),
            v => panic!("{v:?}"),
        }
        assert!(matches!(
            l.check(1, 10, t),
            Verdict::Deny { notify: false, .. }
        ));
        // Someone else in the same channel is unaffected.
        assert_eq!(l.check(2, 10, t), Verdict::Allow);
    }

    #[test]
    fn limits_window_slides() {
        let l = RateLimiter::new(2, 100, W);
        let t = Instant::now();
        assert_eq!(l.check(1, 10, t), Verdict::Allow);
        assert_eq!(l.check(1, 10, t + Duration::from_secs(30)), Verdict::Allow);
        assert!(matches!(
            l.check(1, 10, t + Duration::from_secs(59)),
            Verdict::Deny { .. }
        ));
        // The first question has left the window.
        assert_eq!(l.check(1, 10, t + Duration::from_secs(60)), Verdict::Allow);
        // A new window warns again.
        let later = t + Duration::from_secs(200);
        assert_eq!(l.check(1, 10, later), Verdict::Allow);
        assert_eq!(l.check(1, 10, later), Verdict::Allow);
        assert!(matches!(
            l.check(1, 10, later),
            Verdict::Deny { notify: true, .. }
        ));
    }

    #[test]
    fn limits_channel_limit_applies_across_users() {
        let l = RateLimiter::new(10, 3, W);
        let t = Instant::now();
        for user in 0..3 {
            assert_eq!(l.check(user, 10, t), Verdict::Allow);
        }
        assert!(matches!(
            l.check(99, 10, t),
            Verdict::Deny {
                scope: Scope::Channel,
                ..
            }
        ));
        assert_eq!(l.check(99, 11, t), Verdict::Allow);
    }

    #[test]
    fn limits_refused_questions_are_not_counted() {
        let l = RateLimiter::new(1, 100, W);
        let t = Instant::now();
        assert_eq!(l.check(1, 10, t), Verdict::Allow);
        for s in 1..50 {
            let _ = l.check(1, 10, t + Duration::from_secs(s));
        }
        assert_eq!(l.check(1, 10, t + W), Verdict::Allow);
    }

    #[test]
    fn limits_idle_keys_are_swept() {
        let l = RateLimiter::new(5, 100, W);
        let t = Instant::now();
        for user in 0..1000 {
            l.check(user, user, t);
        }
        assert_eq!(l.tracked(), (1000, 1000));
        l.check(5000, 5000, t + 2 * W);
        assert_eq!(l.tracked(), (1, 1));
    }

    #[test]
    fn limits_reloaded_limits_apply_at_once() {
        let l = RateLimiter::new(1, 100, W);
        let t = Instant::now();
        assert_eq!(l.check(1, 10, t), Verdict::Allow);
        assert!(matches!(l.check(1, 10, t), Verdict::Deny { .. }));
        l.set_limits(3, 100, W);
        assert_eq!(l.check(1, 10, t), Verdict::Allow);
        assert_eq!(l.check(1, 10, t), Verdict::Allow);
        assert!(matches!(l.check(1, 10, t), Verdict::Deny { .. }));
    }

    #[test]
    fn limits_refusal_text_is_polite_and_says_when() {
        let s = refusal_text(Scope::User, Duration::from_millis(12_300));
        assert!(s.contains("please wait 12 s"), "{s}");
    }
}
