//! The app loop's timers, kept out of the model so `update` stays pure: a paper shown in the
//! detail pane for a while becomes read, and read changes are saved a little after they were
//! made rather than on every key.

use std::time::{Duration, Instant};

use crate::model::{Model, Report};

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

    /// The reports of the timers that fired by `now`.
    pub fn due(&mut self, now: Instant) -> Vec<Report> {
        let mut actions = Vec::new();
        if let Some((paper, at)) = self.seen
            && at <= now
        {
            self.seen = None;
            actions.push(Report::Seen(paper));
        }
        if self.save.is_some_and(|at| at <= now) {
            self.save = None;
            actions.push(Report::SaveRead);
        }
        actions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::model::testing::{apply, report, rich_model};

    #[test]
    fn a_paper_shown_long_enough_is_seen_and_moving_on_restarts_the_timer() {
        let mut m = crate::model::testing::dwelling_model();
        let mut timers = Timers::default();
        let t0 = Instant::now();
        timers.follow(&m, t0);
        assert_eq!(timers.next(), Some(t0 + SEEN_AFTER));
        assert!(timers.due(t0 + SEEN_AFTER / 2).is_empty());
        timers.follow(&m, t0 + SEEN_AFTER / 2);
        assert_eq!(
            timers.next(),
            Some(t0 + SEEN_AFTER),
            "same paper, same time"
        );
        apply(&mut m, [Action::SelectNext]);
        let t1 = t0 + SEEN_AFTER / 2;
        timers.follow(&m, t1);
        assert_eq!(
            timers.next(),
            Some(t1 + SEEN_AFTER),
            "a new paper starts over"
        );
        let due = timers.due(t1 + SEEN_AFTER);
        assert!(matches!(due.as_slice(), [Report::Seen(1)]), "{due:?}");
        report(&mut m, due);
        assert!(m.is_read(1));
    }

    #[test]
    fn read_changes_are_saved_a_while_after_the_first_one() {
        let mut m = rich_model();
        let mut timers = Timers::default();
        let t0 = Instant::now();
        apply(&mut m, [Action::ToggleRead]);
        timers.follow(&m, t0);
        apply(&mut m, [Action::SelectNext, Action::ToggleRead]);
        timers.follow(&m, t0 + SAVE_AFTER / 2);
        let due = timers.due(t0 + SAVE_AFTER);
        assert!(due.iter().any(|a| matches!(a, Report::SaveRead)), "{due:?}");
        let effects = report(&mut m, due);
        assert_eq!(effects.len(), 1, "one save for both changes");
        timers.follow(&m, t0 + SAVE_AFTER);
        assert_eq!(timers.save, None, "nothing waits while the save runs");
    }
}
