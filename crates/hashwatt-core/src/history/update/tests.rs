use super::*;
use crate::i18n::Lang;

/// 2026-12-07T12:00:00Z.
const NOW_S: i64 = 1_796_644_800;

fn m(text: &str) -> Month {
    Month::parse(text).unwrap()
}

fn source() -> FetchSource {
    FetchSource {
        host: "api.test".to_string(),
        fetched_on: Date::parse("2026-12-07").unwrap(),
    }
}

#[test]
fn the_plan_runs_from_the_month_after_the_newest_to_the_last_complete_one() {
    assert_eq!(month_of(NOW_S), m("2026-12"));
    let plan = UpdatePlan::new(m("2025-12"), NOW_S).unwrap();
    assert_eq!((plan.first, plan.last), (m("2026-01"), m("2026-11")));
    assert_eq!(plan.months().len(), 11);
    // 2026-01-01 is 341 days back: a year of fee groups covers it, six months do not.
    assert_eq!(plan.fee_period, "1y");
    assert_eq!(plan.boundaries_s().len(), 12);
    assert_eq!(plan.boundaries_s()[0], 1_767_225_600);
    assert_eq!(
        UpdatePlan::new(m("2026-10"), NOW_S).unwrap().fee_period,
        "3m"
    );
    assert_eq!(UpdatePlan::new(m("2026-11"), NOW_S), None);
    assert_eq!(UpdatePlan::new(m("2026-12"), NOW_S), None);
}

#[test]
fn the_subsidy_is_the_consensus_rules_mean_across_a_halving() {
    assert_eq!(mean_subsidy_btc(1, 10), 50.0);
    assert_eq!(mean_subsidy_btc(840_000, 840_099), 3.125);
    // 2,000 blocks at 3.125 and 2,000 at 1.5625.
    assert_eq!(
        mean_subsidy_btc(1_048_000, 1_051_999),
        (3.125 + 1.5625) / 2.0
    );
}

const D1: f64 = 100e12;
const D2: f64 = 110e12;
/// 2025-12-20T00:00:00Z and 2026-01-16T12:00:00Z.
const ADJ1_S: i64 = 1_766_188_800;
const ADJ2_S: i64 = 1_768_564_800;

fn adjustments_body() -> String {
    format!("[[{ADJ2_S},1049000,{D2},1.1],[{ADJ1_S},1047000,{D1},1.02]]")
}

/// Two months, 2026-01 and 2026-02, read as an update would read them.
fn two_months() -> (UpdatePlan, Answers) {
    let plan = UpdatePlan {
        first: m("2026-01"),
        last: m("2026-02"),
        fee_period: "3m",
    };
    let b = plan.boundaries_s();
    let url = |p: &str| format!("http://api.test{p}");
    let adjustments = difficulty_adjustments("adj", &adjustments_body()).unwrap();
    // Newest first, as the API gives them; read oldest first.
    let prices = format!(
        r#"{{"prices":[{{"time":{},"USD":80000}},{{"time":{},"USD":95000}},{{"time":{},"USD":91000}},{{"time":{},"USD":90000}},{{"time":{},"USD":70000}}],"exchangeRates":{{}}}}"#,
        b[2] + 10,
        b[1] + 3600,
        b[0] + 86_400 * 20,
        b[0],
        b[0] - 1
    );
    let prices = price_points("prices", &prices, b[0], b[2]).unwrap();
    // Uneven groups: the middle one stands for 3,000 blocks, the ends for 2,000 and 4,000.
    let fees = format!(
        r#"[{{"avgHeight":1048000,"timestamp":{},"avgFees":1000000}},{{"avgHeight":1050000,"timestamp":{},"avgFees":2000000}},{{"avgHeight":1052000,"timestamp":{},"avgFees":4000000}},{{"avgHeight":1056000,"timestamp":{},"avgFees":9000000}}]"#,
        b[0] + 100,
        b[0] + 200,
        b[0] + 300,
        b[1] + 100,
    );
    let fees = fee_groups("fees", &fees).unwrap();
    let boundaries = [
        (1_047_999u64, b[0] - 30),
        (1_052_463, b[1] - 5),
        (1_056_495, b[2] - 700),
    ]
    .iter()
    .map(|&(height, time_s)| (url("/t"), BlockAt { height, time_s }))
    .collect();
    (
        plan,
        Answers {
            adjustments: ("adj".to_string(), adjustments),
            prices: ("prices".to_string(), prices),
            fees: ("fees".to_string(), fees),
            boundaries,
            tip: ("tip".to_string(), 1_060_000),
        },
    )
}

#[test]
fn months_are_computed_as_the_history_defines_them() {
    let (plan, answers) = two_months();
    let rows = build_months(&plan, &answers, &source()).unwrap();
    assert_eq!(rows.len(), 2);
    let jan = &rows[0];
    assert_eq!(jan.month, m("2026-01"));
    // 15.5 days at each difficulty: their harmonic mean.
    let expected = 2.0 / (1.0 / D1 + 1.0 / D2);
    assert!(
        (jan.difficulty / expected - 1.0).abs() < 1e-12,
        "{}",
        jan.difficulty
    );
    assert_eq!(jan.blocks, 4464.0);
    // Blocks 1,048,000 … 1,048,999 at D1, 1,049,000 … 1,052,463 at D2.
    let seconds = 31.0 * 86_400.0;
    let hashrate = (1000.0 * D1 + 3464.0 * D2) * TWO_POW_32 / seconds / 1e18;
    assert!((jan.network_hashrate_ehs / hashrate - 1.0).abs() < 1e-12);
    // 2,000 blocks before the halving at 1,050,000, 2,464 after.
    assert!((jan.subsidy_btc - (2000.0 * 3.125 + 2464.0 * 1.5625) / 4464.0).abs() < 1e-12);
    assert_eq!(jan.btc_price_usd, Some((90000.0 + 91000.0) / 2.0));
    // Weights 2,000, 2,000 and 3,000 blocks (half the span to each neighbour).
    let fees = (2000.0 * 0.01 + 2000.0 * 0.02 + 3000.0 * 0.04) / 7000.0;
    assert!((jan.fees_btc_per_block.unwrap() - fees).abs() < 1e-15);
    assert_eq!(jan.transactions, None);
    assert!(
        jan.note
            .starts_with("mempool.space-compatible API at api.test, fetched 2026-12-07")
    );
    assert!(jan.note.ends_with(NO_TRANSACTIONS_NOTE), "{}", jan.note);
    let feb = &rows[1];
    assert_eq!(feb.difficulty, D2);
    assert_eq!(feb.blocks, 4032.0);
    assert_eq!(feb.subsidy_btc, 1.5625);
    assert_eq!(feb.btc_price_usd, Some(95000.0));
    assert_eq!(feb.fees_btc_per_block, Some(0.09));
}

#[test]
fn the_rows_read_back_as_a_history_file_and_follow_the_bundled_months() {
    let (plan, answers) = two_months();
    let rows = build_months(&plan, &answers, &source()).unwrap();
    let text = fetched_csv(&rows);
    assert_eq!(crate::history::parse_csv("f.csv", &text).unwrap(), rows);
    let folder = std::env::temp_dir().join(format!("hashwatt-fetched-{}", std::process::id()));
    std::fs::create_dir_all(folder.join("history")).unwrap();
    std::fs::write(fetched_path(&folder), &text).unwrap();
    let history = History::with_user_folder(Some(&folder)).unwrap();
    assert_eq!(history.last(), m("2026-02"));
    assert_eq!(history.get(m("2026-01")).unwrap(), &rows[0]);
    assert_eq!(
        newest_origin(&history, Some(&folder)),
        NewestOrigin::Fetched {
            host: "api.test".to_string(),
            fetched_on: "2026-12-07".to_string(),
        }
    );
    assert_eq!(
        newest_line(&history, Some(&folder), Lang::En),
        "Newest month: 2026-02, from api.test, fetched 2026-12-07."
    );
    // The trailing growth now ends at the newest fetched month.
    assert_eq!(history.latest_trailing_growth().unwrap().to, m("2026-02"));
    assert_ne!(
        history.default_projection(),
        History::builtin().default_projection()
    );
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn a_bundled_month_wins_over_a_fetched_one() {
    let builtin = History::builtin();
    let mut december = builtin.get(m("2025-12")).unwrap().clone();
    december.btc_price_usd = Some(1.0);
    december.note = "fetched".to_string();
    let folder = std::env::temp_dir().join(format!("hashwatt-overlap-{}", std::process::id()));
    std::fs::create_dir_all(folder.join("history")).unwrap();
    std::fs::write(fetched_path(&folder), fetched_csv(&[december])).unwrap();
    let history = History::with_user_folder(Some(&folder)).unwrap();
    assert_eq!(history, builtin);
    assert_eq!(
        newest_origin(&history, Some(&folder)),
        NewestOrigin::Bundled
    );
    std::fs::remove_dir_all(&folder).unwrap();
}

fn message(e: BodyError) -> String {
    e.localized(Lang::En)
}

#[test]
fn implausible_answers_are_refused_naming_the_endpoint_and_the_value() {
    let step = format!(
        "[[{ADJ2_S},1049000,{},1.1],[{ADJ1_S},1047000,{D1},1.02]]",
        D1 * 5.0
    );
    assert_eq!(
        message(difficulty_adjustments("BASE/adj", &step).unwrap_err()),
        "BASE/adj: \"[0][2]\" is 500000000000000; it is 5.00 times the adjustment before it (100000000000000); the retarget rule keeps each step within a factor of 4"
    );
    let order = format!("[[{ADJ1_S},1047000,{D1},1],[{ADJ2_S},1049000,{D2},1.1]]");
    assert_eq!(
        message(difficulty_adjustments("BASE/adj", &order).unwrap_err()),
        format!(
            "BASE/adj: \"[1][0]\" is {ADJ2_S}; it is out of time order (the entry before it: {ADJ1_S})"
        )
    );
    let zero = r#"{"prices":[{"time":1767225700,"USD":0}]}"#;
    assert_eq!(
        message(price_points("BASE/p", zero, 1_767_225_600, 1_769_904_000).unwrap_err()),
        "BASE/p: \"prices[0].USD\" is 0; it must be a positive number"
    );
    // Outside the months asked, a zero price is none of the update's business.
    assert!(price_points("BASE/p", zero, 0, 1).is_ok());
    let mixed = r#"{"prices":[{"time":3,"USD":1},{"time":2,"USD":1},{"time":5,"USD":1}]}"#;
    assert!(
        message(price_points("BASE/p", mixed, 0, 1).unwrap_err()).contains("out of time order")
    );
    let late = r#"{"height":930000,"hash":"00","timestamp":"2026-01-01T00:00:01.000Z"}"#;
    assert_eq!(
        message(block_at("BASE/t", late, 1_767_225_600).unwrap_err()),
        "BASE/t: \"timestamp\" is \"2026-01-01T00:00:01.000Z\"; that block is dated after the moment asked, 2026-01-01T00:00:00Z"
    );
    let on_time = r#"{"height":930000,"hash":"00","timestamp":"2025-12-31T23:59:00.000Z"}"#;
    assert_eq!(
        block_at("BASE/t", on_time, 1_767_225_600).unwrap(),
        BlockAt {
            height: 930_000,
            time_s: 1_767_225_540
        }
    );
    assert!(message(fee_groups("BASE/f", "{}").unwrap_err()).contains("expected a list"));
}

#[test]
fn a_month_without_blocks_or_past_the_tip_is_refused() {
    let (plan, mut answers) = two_months();
    answers.boundaries[2].1.height = answers.boundaries[1].1.height;
    assert_eq!(
        message(build_months(&plan, &answers, &source()).unwrap_err()),
        "http://api.test/t: \"height\" is 1052463; by these heights no block was mined in 2026-02, which is not plausible"
    );
    let (plan, mut answers) = two_months();
    answers.tip.1 = 1_050_000;
    assert!(
        message(build_months(&plan, &answers, &source()).unwrap_err())
            .ends_with("it is above the tip's height, 1050000")
    );
    let (mut plan, answers) = two_months();
    plan.first = m("2025-11");
    let mut answers = answers;
    // Two more months, two more boundaries.
    answers.boundaries.insert(0, answers.boundaries[0].clone());
    answers.boundaries.insert(0, answers.boundaries[0].clone());
    assert!(
        message(build_months(&plan, &answers, &source()).unwrap_err())
            .contains("no difficulty adjustment is at or before 2025-11-01T00:00:00Z")
    );
}
