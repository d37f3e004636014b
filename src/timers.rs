//! The app loop's timers, kept out of the model so `update` stays pure: a paper shown in the
//! detail pane for a while becomes read, and read changes are saved a little after they were
//! made rather than on every key.

use std::time::{Duration, Instant};

use crate::action::Action;
use crate::model::Model;

/// How long a paper is shown before it counts as read.
pub const SEEN_AFTER: Duration = Duration::from_millis(1500);
/// How long read changes wait before they are saved, so a run of them is one save.
pub const SAVE_AFTER: Duration = Duration::from_secs(2);

#[derive(Debug, Default)]
pub struct Timers {
    /// The unread paper shown, and when it counts as read.
    seen: Option<(usize, Instant)>,
    /// When the waiting read changes are saved.
    save: Option<Instant>,
}

impl Timers {
    /// After each batch of events: starts or stops the timers that the model's state calls
    /// for. A timer already running for the same thing keeps its time.
    pub fn follow(&mut self, model: &Model, now: Instant) {
        self.seen = match (model.unread_shown_paper(), self.seen) {
            (Some(paper), Some((timed, at))) if paper == timed => Some((timed, at)),
            (Some(paper), _) => Some((paper, now + SEEN_AFTER)),
            (None, _) => None,
        };
        if !model.read_changes_waiting() {
            self.save = None;
        } else if self.save.is_none() {
            self.save = Some(now + SAVE_AFTER);
        }
    }

    /// When the next timer fires.
    pub fn next(&self) -> Option<Instant> {
        [self.seen.map(|(_, at)| at), self.save]
            .into_iter()
            .flatten()
            .min()
    }

    /// The actions of the timers that fired by `now`.
    pub fn due(&mut self, now: Instant) -> Vec<Action> {
        let mut actions = Vec::new();
        if let Some((paper, at)) = self.seen
            && at <= now
        {
            self.seen = None;
            actions.push(Action::Seen(paper));
        }
        if self.save.is_some_and(|at| at <= now) {
            self.save = None;
            actions.push(Action::SaveRead);
        }
        actions
    }
}
