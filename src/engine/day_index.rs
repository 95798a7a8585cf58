//! Rows filed by the China day on which their answer may change, so that moving the clock
//! re-checks only the rows whose interval ends (or starts) between the two days.

use crate::base::date::china_day;
use crate::base::hash::KeyMap;
use crate::schema::{GroupId, RowId};

/// Rows indexed by the China day on which their answer may change, one index for each end of the
/// interval in which it holds (lazily cleaned: an entry is acted on only if the row's interval
/// still ends that day, and the index is rebuilt when stale entries outnumber live ones).
#[derive(Debug, Default)]
pub(super) struct DayIndex {
    buckets: KeyMap<i64, Vec<(GroupId, RowId)>>,
    /// How many rows are filed, stale entries included.
    pub(super) entries: usize,
}

impl DayIndex {
    /// Files `row` under the China day holding `ms` (nothing for an open end).
    pub(super) fn add(&mut self, ms: i64, row: (GroupId, RowId)) {
        let day = china_day(ms);
        if day == i64::MIN || day == i64::MAX {
            return;
        }
        self.buckets.entry(day).or_default().push(row);
        self.entries += 1;
    }

    /// Takes out every entry whose day is in `(low, high]`.
    pub(super) fn take(&mut self, low: i64, high: i64) -> Vec<(i64, (GroupId, RowId))> {
        let mut out = Vec::new();
        let span = high.saturating_sub(low);
        let days: Vec<i64> = if span <= self.buckets.len() as i64 {
            (low.saturating_add(1)..=high).filter(|d| self.buckets.contains_key(d)).collect()
        } else {
            self.buckets.keys().copied().filter(|d| *d > low && *d <= high).collect()
        };
        for day in days {
            if let Some(rows) = self.buckets.remove(&day) {
                self.entries -= rows.len();
                out.extend(rows.into_iter().map(|r| (day, r)));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;
    /// Midnight in China (UTC+8) of day `n` after 1970-01-01.
    fn china_midnight(n: i64) -> i64 {
        n * DAY - 8 * 3_600_000
    }

    #[test]
    fn take_returns_the_days_after_low_up_to_high() {
        let mut index = DayIndex::default();
        let row = |n: u32| (0, RowId(n));
        for n in 1..=4 {
            index.add(china_midnight(i64::from(n)) + 1, row(n));
        }
        index.add(i64::MAX, row(9)); // an open end is not filed
        assert_eq!(index.entries, 4);
        let days: Vec<i64> = index.take(1, 3).into_iter().map(|(d, _)| d).collect();
        assert_eq!(days.len(), 2, "days 2 and 3: not 1 (low), not 4 (past high)");
        assert!(days.contains(&2) && days.contains(&3));
        assert_eq!(index.entries, 2);
        assert!(index.take(1, 3).is_empty(), "taken out");
    }
}
