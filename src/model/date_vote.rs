//! How a column's day/month order is decided from its values (METHODOLOGY
//! §1): each numeric date votes day-first, month-first or ambiguous; the
//! values win over a source's convention when they are unambiguous.

use super::dates::{DateOrder, numeric_day_month};

/// Collects the evidence a column gives on its day/month order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateOrderVote {
    /// Values where only day-first works (`25/03/2020`).
    pub day_first: u64,
    /// Values where only month-first works (`03/25/2020`).
    pub month_first: u64,
    /// Numeric values that could be either (`03/04/2020`).
    pub ambiguous: u64,
    /// Values in other forms (ISO, month names, serials).
    pub other: u64,
}

impl DateOrderVote {
    /// Counts one cell.
    pub fn add(&mut self, raw: &str) {
        match numeric_day_month(raw) {
            Some((a, b, _)) if a > 12 && b <= 12 => self.day_first += 1,
            Some((a, b, _)) if b > 12 && a <= 12 => self.month_first += 1,
            Some((a, b, _)) if a <= 12 && b <= 12 && a != b => self.ambiguous += 1,
            _ => self.other += 1,
        }
    }

    /// The order the evidence supports: the only one seen, or the majority if
    /// the column mixes both (its minority rows will then fail to parse and be
    /// reported). `None` when every numeric value is ambiguous.
    pub fn decided(&self) -> Option<DateOrder> {
        match (self.day_first, self.month_first) {
            (0, 0) => None,
            (d, m) if d >= m => Some(DateOrder::DayFirst),
            _ => Some(DateOrder::MonthFirst),
        }
    }

    /// Whether the column holds numeric dates that need an order to be read.
    pub fn needs_order(&self) -> bool {
        self.ambiguous > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes() {
        let mut v = DateOrderVote::default();
        for s in ["01/02/2020", "03/04/2020"] {
            v.add(s);
        }
        assert_eq!(v.decided(), None);
        assert!(v.needs_order());
        v.add("01/25/2020");
        assert_eq!(v.decided(), Some(DateOrder::MonthFirst));
    }
}
