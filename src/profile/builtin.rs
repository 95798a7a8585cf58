//! The four built-in profiles, one per seed document.

use super::{CampaignStatistics, Category, DailyReport, Inspection, Profile, RiskRegister, SecurityCheckup};
use crate::base::date::{Date, TimeOfDay};
use crate::base::text::Localized;

/// Every built-in profile id, in listing order.
pub const IDS: [&str; 4] = ["zhejiang-wenzhou-2021", "zhejiang-suichang-2016", "tianjin-jizhou-2021", "jiangsu-2019"];

/// A built-in profile by id.
pub fn get(id: &str) -> Option<Profile> {
    match id {
        "zhejiang-wenzhou-2021" => Some(wenzhou_2021()),
        "zhejiang-suichang-2016" => Some(suichang_2016()),
        "tianjin-jizhou-2021" => Some(jizhou_2021()),
        "jiangsu-2019" => Some(jiangsu_2019()),
        _ => None,
    }
}

/// Every built-in profile.
pub fn all() -> Vec<Profile> {
    IDS.iter().filter_map(|id| get(id)).collect()
}

fn categories(list: &[(&str, &str, &str)]) -> Vec<Category> {
    list.iter().map(|(id, zh, en)| Category { id: (*id).to_owned(), label: Localized::new(zh, en) }).collect()
}

fn period(start: (i32, u32, u32), end: (i32, u32, u32)) -> Option<(Date, Date)> {
    Some((Date::new(start.0, start.1, start.2)?, Date::new(end.0, end.1, end.2)?))
}

/// The hazard categories of CONTRACT.md "Risk register" (the register's category choices, in its
/// order) with English labels: `(id, zh, en)`. A profile's statistics categories are drawn from
/// these; the campaign statistics form totals each of them.
pub const CATEGORIES: [(&str, &str, &str); 17] = [
    ("school_buildings", "校舍安全", "School buildings"),
    ("gas", "燃气安全", "Gas safety"),
    ("campus_security", "校园安防", "Campus security"),
    ("fire", "消防安全", "Fire safety"),
    ("traffic", "交通安全", "Traffic safety"),
    ("food_hygiene", "食品安全与卫生", "Food safety and hygiene"),
    ("laboratory", "实验室安全", "Laboratory safety"),
    ("surroundings", "校园周边环境", "Campus surroundings"),
    ("relocation", "学校搬迁改造", "School relocation and renovation"),
    ("staff_pay", "教职工待遇", "Staff pay and benefits"),
    ("admission", "入学入园", "Admission"),
    ("mental_health", "师生心理疾病", "Mental illness of students and staff"),
    ("mental_disorder_person", "易肇事肇祸精神障碍患者", "Mentally ill persons liable to cause trouble"),
    ("drug_user", "吸毒人员", "Drug users"),
    ("released_prisoner", "刑满释放人员", "Released prisoners"),
    ("revenge_threat", "心态失衡、扬言报复社会人员", "People threatening revenge on society"),
    ("other", "其他", "Other"),
];

/// Seed 000 附件3's eight rows, in the table's order: the first eight of the register's
/// categories, which list them in the same order with the seed-004 kinds after them.
const WENZHOU_CATEGORIES: &[(&str, &str, &str)] = CATEGORIES.split_at(8).0;

/// Seed 000: Wenzhou education bureau, 温教办安〔2021〕43号. Level-one response 6月21日-7月5日,
/// daily report "每日16时前", counts "按重点时段累计数量报送".
fn wenzhou_2021() -> Profile {
    Profile {
        id: "zhejiang-wenzhou-2021".into(),
        title: Localized::new("温州市教育系统重点时段（2021）", "Wenzhou education system key period (2021)"),
        source: "seed 000: 温教办安〔2021〕43号, Wenzhou education bureau".into(),
        severities: Vec::new(),
        daily_report: DailyReport {
            categories: categories(WENZHOU_CATEGORIES),
            key_period: period((2021, 6, 21), (2021, 7, 5)),
            deadline: TimeOfDay::parse("16:00"),
            cumulative: true,
        },
        risk_register: RiskRegister::default(),
        // 附件5 item 10 "保存30天以上，监控时间误差不超过30秒"; §三(三) "6月28日前…至少开展一次实地督导
        // 检查", counted from the start of the level-one response (6月21日); 前 includes the 28th.
        // Its contact lists give 6-digit group short numbers ("刘  辉（669303）").
        inspection: Inspection {
            window: period((2021, 6, 21), (2021, 6, 28)),
            short_phone_allowed: true,
            ..Inspection::default()
        },
        // Seed 000 sets no age limit and no fixed minimum (its item 4 staffs by headcount, which
        // the check-up does not record).
        security_checkup: SecurityCheckup::default(),
        campaign_statistics: CampaignStatistics::default(),
        personal: Vec::new(),
    }
}

/// Seed 001: Suichang county "平安护航G20" plan, phases 2016-05-10 to 2016-09-15; measures of §四.
fn suichang_2016() -> Profile {
    Profile {
        id: "zhejiang-suichang-2016".into(),
        title: Localized::new("遂昌县“平安护航G20”（2016）", "Suichang county G20 safety campaign (2016)"),
        source: "seed 001: 遂昌县教育局“平安护航G20”工作方案".into(),
        severities: Vec::new(),
        daily_report: DailyReport {
            categories: categories(&[
                ("campus_security", "校园安防（三防）", "Campus security (three defences)"),
                ("disputes", "涉校矛盾纠纷", "School-related disputes"),
                ("fire", "消防安全", "Fire safety"),
                ("surroundings", "校园周边环境", "Campus surroundings"),
                ("food_hygiene", "食品安全与卫生", "Food safety and hygiene"),
                ("drowning", "防溺水", "Drowning prevention"),
                ("traffic", "交通安全", "Traffic safety"),
            ]),
            key_period: period((2016, 5, 10), (2016, 9, 15)),
            deadline: None,
            cumulative: false,
        },
        risk_register: RiskRegister::default(),
        // Seed 001 is silent on the checklist's numbers: Zhejiang's 30 days and 30 s as in seed 000;
        // no inspection window; no short numbers (none appear in seed 001).
        inspection: Inspection::default(),
        security_checkup: SecurityCheckup::default(),
        campaign_statistics: CampaignStatistics::default(),
        personal: Vec::new(),
    }
}

/// Seed 002: Jizhou district (Tianjin) 2021 safety work points, hazard areas of §四 and §五.
fn jizhou_2021() -> Profile {
    Profile {
        id: "tianjin-jizhou-2021".into(),
        title: Localized::new("蓟州区教育系统安全工作（2021）", "Jizhou district education safety work (2021)"),
        source: "seed 002: 2021年蓟州区教育系统安全工作要点".into(),
        severities: Vec::new(),
        daily_report: DailyReport {
            categories: categories(&[
                ("campus_security", "校园安防（三防）", "Campus security (three defences)"),
                ("fire", "消防用电安全", "Fire and electrical safety"),
                ("traffic", "交通安全", "Traffic safety"),
                ("drowning", "防溺水", "Drowning prevention"),
                ("laboratory", "实验室危化品安全", "Laboratory hazardous chemicals"),
                ("bullying", "学生欺凌防治", "Bullying prevention"),
                ("food_hygiene", "师生饮食安全", "Food safety"),
                ("surroundings", "校园周边环境", "Campus surroundings"),
            ]),
            key_period: None,
            deadline: None,
            cumulative: false,
        },
        risk_register: RiskRegister::default(),
        // §五(一) "确保学生在校期间校园保安不少于2人"; §五(三) "视频图像信息保存期限不少于90日，确保安全
        // 技术防范系统出现故障的在24小时内恢复功能并正常运行".
        inspection: Inspection {
            video_retention_days: 90,
            min_guards_per_campus: Some(2),
            fault_restore_hours: Some(24),
            ..Inspection::default()
        },
        // Seed 002 §四(一): "确保学生在校期间校园保安不少于2人"; no age limit.
        security_checkup: SecurityCheckup { max_guard_age: None, min_guards: Some(2) },
        campaign_statistics: CampaignStatistics::default(),
        personal: Vec::new(),
    }
}

/// Seed 004: a Jiangsu city's education + police campaign (2019), with the campus-conflict and
/// key-person kinds of its 附件2 added to the report categories.
fn jiangsu_2019() -> Profile {
    let mut list = WENZHOU_CATEGORIES.to_vec();
    list.push(("campus_conflicts", "校园内部矛盾纠纷", "Campus conflicts"));
    list.push(("key_persons", "校园周边重点人员", "Key persons around the campus"));
    Profile {
        id: "jiangsu-2019".into(),
        title: Localized::new("江苏中小学幼儿园安全集中整治攻坚行动（2019）", "Jiangsu school safety campaign (2019)"),
        source: "seed 004: 全市中小学幼儿园安全集中整治攻坚行动方案".into(),
        severities: Vec::new(),
        daily_report: DailyReport {
            categories: categories(&list),
            key_period: None,
            deadline: None,
            cumulative: false,
        },
        // Seed 004 附件2: the table is filled jointly with the police station (派出所 column).
        risk_register: RiskRegister { police_station_required: true },
        // Seed 004 §三(二) cites 《中小学幼儿园安全技术防范系统》 but gives no figures: 30 days and 30 s
        // as seed 000 (the lower of the two seeds' figures); no window; no short numbers.
        inspection: Inspection::default(),
        // Seed 004 §二(二): "保安员必须持证上岗，原则上年龄不高于50周岁"; no minimum head count.
        security_checkup: SecurityCheckup { max_guard_age: Some(50), min_guards: None },
        // Seed 004 §五: "在每月25日前，请市教育局直属学校开展集中攻坚行动情况及三张报表（附件1、2、3）
        // 报市教育局"; 前 includes the 25th, as "6月28日前" does in seed 000.
        campaign_statistics: CampaignStatistics { monthly_deadline_day: Some(25) },
        personal: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_id_resolves_and_is_unique() {
        let all = all();
        assert_eq!(all.len(), IDS.len());
        for (p, id) in all.iter().zip(IDS) {
            assert_eq!(p.id, id);
            assert!(!p.daily_report.categories.is_empty());
        }
    }

    /// Seed 004 "原则上年龄不高于50周岁" (Jiangsu only); seed 002 "确保学生在校期间校园保安不少于2人"
    /// (Jizhou only); seeds 000 and 001 set neither.
    #[test]
    fn security_checkup_limits_per_seed() {
        let limits = |id: &str| get(id).map(|p| (p.security_checkup.max_guard_age, p.security_checkup.min_guards));
        assert_eq!(limits("jiangsu-2019"), Some((Some(50), None)));
        assert_eq!(limits("tianjin-jizhou-2021"), Some((None, Some(2))));
        assert_eq!(limits("zhejiang-wenzhou-2021"), Some((None, None)));
        assert_eq!(limits("zhejiang-suichang-2016"), Some((None, None)));
    }

    /// Seed 004 "在每月25日前…报市教育局" (Jiangsu only); the other seeds set no monthly report.
    #[test]
    fn monthly_deadline_per_seed() {
        let day = |id: &str| get(id).map(|p| p.campaign_statistics.monthly_deadline_day);
        assert_eq!(day("jiangsu-2019"), Some(Some(25)));
        for id in ["zhejiang-wenzhou-2021", "zhejiang-suichang-2016", "tianjin-jizhou-2021"] {
            assert_eq!(day(id), Some(None), "{id}");
        }
    }

    #[test]
    fn wenzhou_has_the_eight_rows_of_seed_000_in_table_order() {
        // 附件3: 校舍安全 燃气安全 校园安防 消防安全 交通安全 食品安全与卫生 实验室安全 校园周边环境
        let p = wenzhou_2021();
        let zh: Vec<&str> = p.daily_report.categories.iter().map(|c| c.label.zh.as_str()).collect();
        assert_eq!(
            zh,
            [
                "校舍安全",
                "燃气安全",
                "校园安防",
                "消防安全",
                "交通安全",
                "食品安全与卫生",
                "实验室安全",
                "校园周边环境"
            ]
        );
    }
}
