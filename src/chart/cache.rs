//! A small bounded cache of rendered pictures, keyed by knowledge base
//! version and spec, so a picture asked for again is not drawn again. A
//! reload changes the version, so stale pictures are never served; they
//! age out as new ones arrive.
//!
//! Least recently used goes first. A few dozen entries of at most a few
//! hundred kilobytes each: a linear scan costs nothing next to one render,
//! so no map or extra crate is needed.

use std::sync::{Arc, Mutex};

use crate::knowledge::KnowledgeBase;

use super::error::ChartError;
use super::Chart;
use crate::engine::picture::Spec;

/// How many pictures [`ChartCache::default`] keeps.
pub const DEFAULT_CAPACITY: usize = 32;

#[derive(Debug)]
pub struct ChartCache {
    capacity: usize,
    /// Most recently used last.
    entries: Mutex<Vec<Entry>>,
}

#[derive(Debug)]
struct Entry {
    version: String,
    spec: Spec,
    chart: Arc<Chart>,
}

impl Default for ChartCache {
    fn default() -> Self {
        ChartCache::new(DEFAULT_CAPACITY)
    }
}

impl ChartCache {
    /// A cache holding at most `capacity` pictures (at least one).
    pub fn new(capacity: usize) -> ChartCache {
        ChartCache {
            capacity: capacity.max(1),
            entries: Mutex::new(Vec::new()),
        }
    }

    /// The picture for `spec` on this knowledge base, drawn only if not cached.
    /// Rendering happens outside the lock, so one slow picture never holds up
    /// another request.
    pub fn get(&self, kb: &KnowledgeBase, spec: &Spec) -> Result<Arc<Chart>, ChartError> {
        if let Some(hit) = self.lookup(&kb.version, spec) {
            return Ok(hit);
        }
        let chart = Arc::new(super::render(kb, spec)?);
        let mut entries = self.lock();
        if let Some(i) = position(&entries, &kb.version, spec) {
            // Drawn meanwhile by another request: keep one copy.
            return Ok(entries[i].chart.clone());
        }
        if entries.len() >= self.capacity {
            entries.remove(0);
        }
        entries.push(Entry {
            version: kb.version.clone(),
            spec: spec.clone(),
            chart: chart.clone(),
        });
        Ok(chart)
    }

    /// How many pictures are cached.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lookup(&self, version: &str, spec: &Spec) -> Option<Arc<Chart>> {
        let mut entries = self.lock();
        let i = position(&entries, version, spec)?;
        let e = entries.remove(i);
        let chart = e.chart.clone();
        entries.push(e);
        Some(chart)
    }

    /// A panic while holding the lock leaves only whole entries, so the list is still sound.
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn position(entries: &[Entry], version: &str, spec: &Spec) -> Option<usize> {
    entries
        .iter()
        .position(|e| e.version == version && e.spec == *spec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{CardSpec, HeatmapSpec};
    use crate::knowledge::load_embedded;

    fn card(slug: &str) -> Spec {
        Spec::Card(CardSpec {
            force: slug.to_string(),
        })
    }

    #[test]
    fn cache_hit_returns_the_same_picture() {
        let kb = load_embedded().unwrap();
        let cache = ChartCache::new(4);
        let a = cache.get(&kb, &card("kent")).unwrap();
        let b = cache.get(&kb, &card("kent")).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn cache_new_version_is_a_miss() {
        let mut kb = load_embedded().unwrap();
        let cache = ChartCache::new(4);
        let a = cache.get(&kb, &card("kent")).unwrap();
        kb.version = format!("{}-reloaded", kb.version);
        let b = cache.get(&kb, &card("kent")).unwrap();
        assert!(!Arc::ptr_eq(&a, &b));
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn cache_bounded_evicts_least_recently_used() {
        let kb = load_embedded().unwrap();
        let cache = ChartCache::new(2);
        let kent = cache.get(&kb, &card("kent")).unwrap();
        cache.get(&kb, &card("essex")).unwrap();
        // Using Kent again makes Essex the oldest.
        cache.get(&kb, &card("kent")).unwrap();
        cache
            .get(&kb, &Spec::Heatmap(HeatmapSpec::default()))
            .unwrap();
        assert_eq!(cache.len(), 2);
        assert!(Arc::ptr_eq(&kent, &cache.get(&kb, &card("kent")).unwrap()));
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn cache_errors_are_not_cached() {
        let kb = load_embedded().unwrap();
        let cache = ChartCache::new(2);
        assert!(cache.get(&kb, &card("atlantis")).is_err());
        assert!(cache.is_empty());
    }
}
