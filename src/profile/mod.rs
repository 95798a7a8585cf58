//! Profiles: the rule set of one issuer as data (categories, periods, deadlines, severities).
//!
//! Built-in profiles come from the seed documents ([`builtin`]); a portal may supply its own as a
//! JSON object that names a built-in one in `extends` and overrides parts of it ([`from_value`]).

pub mod builtin;
mod read;

pub use read::{from_value, ProfileError};

use crate::base::date::{Date, TimeOfDay};
use crate::base::text::Localized;
use crate::issue::{Code, Severity};

/// The default profile when a caller names none.
pub const DEFAULT_PROFILE: &str = "zhejiang-wenzhou-2021";

/// One hazard category: one row of the daily report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// The path segment: `rows.<id>.found`.
    pub id: String,
    /// The row's label on the official form.
    pub label: Localized,
}

/// The daily-report part of a profile (RULES.md §1).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DailyReport {
    /// The rows, in the order of the official table.
    pub categories: Vec<Category>,
    /// First and last day reports are due (inclusive), when the issuer set a key period.
    pub key_period: Option<(Date, Date)>,
    /// Each day's report is due before this time, China Standard Time.
    pub deadline: Option<TimeOfDay>,
    /// Counts accumulate over the key period and may not go down between reports.
    pub cumulative: bool,
}

/// One issuer's rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// Stable id (`zhejiang-wenzhou-2021`).
    pub id: String,
    /// Human title.
    pub title: Localized,
    /// The seed document and issuer it comes from.
    pub source: String,
    /// Per-code severity overrides; `None` turns a rule off.
    pub severities: Vec<(String, Option<Severity>)>,
    /// Daily hazard report rules.
    pub daily_report: DailyReport,
    /// Risk register rules.
    pub risk_register: RiskRegister,
    /// Supervision checklist rules (RULES.md §2).
    pub inspection: Inspection,
    /// Security check-up rules.
    pub security_checkup: SecurityCheckup,
    /// Campaign statistics rules (RULES.md §5).
    pub campaign_statistics: CampaignStatistics,
    /// More fields to treat as personal information, beyond those the forms mark (a register's
    /// `rows[i].description` where it names persons): paths as `describe()` gives them; a path no
    /// field of a form has is for another form and ignored there.
    pub personal: Vec<String>,
}

/// The campaign-statistics part of a profile (RULES.md §5, 战果统计表).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CampaignStatistics {
    /// The statistics of a month are due by this day of the month, inclusive (seed 004: "在每月25日前
    /// …三张报表（附件1、2、3）报市教育局"); later is `late_monthly_report`. In a shorter month the
    /// month's last day stands in for a day it does not have. `None`: no monthly deadline.
    pub monthly_deadline_day: Option<u8>,
}

/// The risk-register part of a profile (RULES.md §4).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RiskRegister {
    /// Each row names its police station (派出所), as seed 004's joint school–police table does.
    pub police_station_required: bool,
}

/// The supervision-checklist part of a profile (RULES.md §2, 督查工作清单).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// Item 10: video kept at least this many days (seed 000 "保存30天以上"; seed 002 "不少于90日").
    pub video_retention_days: u64,
    /// Item 10: clock error at most this many seconds (seed 000 "监控时间误差不超过30秒").
    pub clock_error_max_seconds: u64,
    /// Item 4: guards every campus needs whatever its headcount (seed 002 "校园保安不少于2人").
    pub min_guards_per_campus: Option<u64>,
    /// Item 10: a technical-defence fault restored within this many hours (seed 002 "24小时内恢复").
    pub fault_restore_hours: Option<u64>,
    /// The days (inclusive) on which the on-site inspection is done (seed 000 "6月28日前").
    pub window: Option<(Date, Date)>,
    /// The contact phone may be a 6-digit internal short number (集团短号, seed 000 "656789").
    pub short_phone_allowed: bool,
}

impl Default for Inspection {
    fn default() -> Inspection {
        Inspection {
            video_retention_days: 30,
            clock_error_max_seconds: 30,
            min_guards_per_campus: None,
            fault_restore_hours: None,
            window: None,
            short_phone_allowed: false,
        }
    }
}
/// The security check-up part of a profile (RULES.md §3). `None` means the issuer sets no such rule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecurityCheckup {
    /// Guards older than this get `guard_over_age`, a warning (seed 004: "原则上年龄不高于50周岁").
    pub max_guard_age: Option<u32>,
    /// Fewest guards on campus during school hours, else `too_few_guards` (seed 002:
    /// "确保学生在校期间校园保安不少于2人").
    pub min_guards: Option<u32>,
}

impl Profile {
    /// The severity of `code` under this profile, `None` when the profile turns it off.
    pub fn severity(&self, code: Code) -> Option<Severity> {
        if self.severities.is_empty() {
            return Some(code.default_severity());
        }
        match self.severities.iter().find(|(c, _)| c == code.as_str()) {
            Some((_, choice)) => *choice,
            None => Some(code.default_severity()),
        }
    }

    /// The category with this id, and its row index.
    pub fn category(&self, id: &str) -> Option<(usize, &Category)> {
        self.daily_report.categories.iter().enumerate().find(|(_, c)| c.id == id)
    }
}
