//! Asking running work to give up, as a value handed down to it.
//!
//! A build checks its [`Cancel`] between units of work (a folder read, a
//! page rendered, a file written) and gives up with
//! [`crate::output::OutputError::Interrupted`], leaving the previous site as
//! it was. Ctrl-C cancels the token `main` made; `ocop serve` gives each
//! build in the background a child of that token, and cancels the child
//! alone when a newer edit makes the build out of date.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A cancellation token: cheap to clone, and every clone sees the same
/// request. A child token is cancelled with its parent, not the reverse.
#[derive(Debug, Clone, Default)]
pub struct Cancel {
    own: Arc<AtomicBool>,
    parent: Option<Arc<AtomicBool>>,
}

impl Cancel {
    /// A token nothing has cancelled.
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// A token cancelled by `self` or by its own [`Cancel::cancel`].
    pub fn child(&self) -> Cancel {
        Cancel {
            own: Arc::new(AtomicBool::new(false)),
            parent: Some(Arc::clone(&self.own)),
        }
    }

    /// Asks the work holding this token (and its children) to give up.
    pub fn cancel(&self) {
        self.own.store(true, Ordering::SeqCst);
    }

    /// Whether the work should give up at its next check.
    pub fn is_cancelled(&self) -> bool {
        self.own.load(Ordering::Relaxed)
            || self
                .parent
                .as_ref()
                .is_some_and(|parent| parent.load(Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_is_cancelled_with_its_parent_and_alone() {
        let root = Cancel::new();
        let first = root.child();
        let second = root.child();
        first.cancel();
        assert!(first.is_cancelled() && first.clone().is_cancelled());
        assert!(!second.is_cancelled() && !root.is_cancelled());
        root.cancel();
        assert!(second.is_cancelled());
    }
}
