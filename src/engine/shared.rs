//! An engine that can be swapped while answering: each question takes the
//! current engine (an `Arc`) and answers wholly from it, so a reload never
//! mixes an old base with a new one.

use std::sync::{Arc, RwLock};

use super::Engine;

/// The engine in use, replaceable at run time (hot reload).
#[derive(Debug)]
pub struct SharedEngine {
    current: RwLock<Arc<Engine>>,
}

impl SharedEngine {
    pub fn new(engine: Engine) -> SharedEngine {
        SharedEngine {
            current: RwLock::new(Arc::new(engine)),
        }
    }

    /// The engine to answer one question with.
    pub fn current(&self) -> Arc<Engine> {
        match self.current.read() {
            Ok(g) => Arc::clone(&g),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Installs a new engine; questions already in flight finish on the old one.
    pub fn replace(&self, engine: Engine) -> Arc<Engine> {
        let new = Arc::new(engine);
        let mut g = match self.current.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        std::mem::replace(&mut *g, new)
    }
}
