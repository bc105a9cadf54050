//! Arrears grades (kolektibilitas): a loan graded by the days its oldest unpaid installment is
//! overdue. Source: DOMAIN.md "Savings and loans" (Bank Indonesia's categories as cooperatives
//! use them: lancar, dalam perhatian khusus up to 90 days, kurang lancar over 90, diragukan over
//! 180, macet over 270). Banks today grade by POJK 40/POJK.03/2019 with other day counts and a
//! cooperative's own rules may differ, so the thresholds are settings (`[members.arrears]`).

/// The arrears grades (kolektibilitas) cooperatives and banks use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    /// Current.
    Lancar,
    /// Dalam perhatian khusus: overdue, up to the first threshold.
    Dpk,
    KurangLancar,
    Diragukan,
    Macet,
}

impl Grade {
    pub const ALL: [Grade; 5] = [Grade::Lancar, Grade::Dpk, Grade::KurangLancar, Grade::Diragukan, Grade::Macet];

    pub fn code(self) -> &'static str {
        match self {
            Grade::Lancar => "lancar",
            Grade::Dpk => "dpk",
            Grade::KurangLancar => "kurang_lancar",
            Grade::Diragukan => "diragukan",
            Grade::Macet => "macet",
        }
    }
}

/// The day counts that separate the grades: overdue more than `kurang_lancar` days is kurang
/// lancar, more than `diragukan` diragukan, more than `macet` macet; 1 day up to `kurang_lancar`
/// is dalam perhatian khusus. Defaults 90/180/270 (DOMAIN.md: Bank Indonesia's categories as
/// cooperatives use them). Banks today grade by POJK 40/POJK.03/2019 with other day counts, and
/// a cooperative's own rules may differ again: hence settings (`[members.arrears]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    pub kurang_lancar: i64,
    pub diragukan: i64,
    pub macet: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { kurang_lancar: 90, diragukan: 180, macet: 270 }
    }
}

impl Thresholds {
    pub fn is_valid(&self) -> bool {
        0 < self.kurang_lancar && self.kurang_lancar < self.diragukan && self.diragukan < self.macet
    }

    pub fn grade(&self, days_overdue: i64) -> Grade {
        match days_overdue {
            d if d <= 0 => Grade::Lancar,
            d if d > self.macet => Grade::Macet,
            d if d > self.diragukan => Grade::Diragukan,
            d if d > self.kurang_lancar => Grade::KurangLancar,
            _ => Grade::Dpk,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrears_grades_at_their_edges() {
        let t = Thresholds::default();
        let g: Vec<_> = [0, 1, 90, 91, 180, 181, 270, 271].iter().map(|d| t.grade(*d)).collect();
        use Grade::*;
        assert_eq!(g, vec![Lancar, Dpk, Dpk, KurangLancar, KurangLancar, Diragukan, Diragukan, Macet]);
        assert!(t.is_valid());
        assert!(!Thresholds { kurang_lancar: 90, diragukan: 90, macet: 270 }.is_valid());
    }
}
