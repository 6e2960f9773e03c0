//! Joint workshops (issue #20, METHODOLOGY §10): the panel of
//! participants' ratings (median, range, contested) and how the annex
//! prints it at each sharing level.

use poc_workbench::annex::{AnnexOptions, build, markdown, parse_level};
use poc_workbench::assessment::file::load;
use poc_workbench::assessment::review::open_datasets;
use poc_workbench::assessment::{Dissent, Participant, ParticipantRating};
use std::path::PathBuf;

fn rating(who: &str, l: Option<u8>, i: Option<u8>) -> ParticipantRating {
    ParticipantRating {
        participant: who.into(),
        likelihood: l,
        impact: i,
        comment: String::new(),
    }
}

#[test]
fn the_panel_is_the_median_and_range_and_contested_at_a_range_of_two() {
    let mut e = poc_workbench::assessment::ThreatEntry::new(
        1,
        poc_workbench::model::PerpetratorType::StateForces,
        vec!["North Darfur".into()],
    );
    assert!(e.panel().is_none());
    e.ratings = vec![rating("A", Some(3), Some(4)), rating("B", Some(4), Some(4))];
    let p = e.panel().expect("a panel");
    let l = p.likelihood.expect("likelihood");
    assert_eq!((l.median, l.min, l.max, l.n), (3.5, 3, 4, 2));
    assert!(!p.contested(), "a range of 1 is not contested");
    e.ratings.push(rating("C", Some(5), None));
    let p = e.panel().expect("a panel");
    assert_eq!(p.likelihood.map(|s| s.median), Some(4.0));
    assert_eq!(p.impact.map(|s| s.n), Some(2), "C gave no impact");
    assert!(p.contested(), "3 to 5 is a range of 2");
}

#[test]
fn the_annex_lists_workshop_ratings_at_internal_and_un_partners_only() {
    let ron = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/darfur-transition.ron");
    let mut a = load(&ron).expect("loads");
    let (ws, _) = open_datasets(&a, &ron);
    a.participants = vec![
        Participant {
            name: "Amina Diallo".into(),
            entity: "OHCHR".into(),
        },
        Participant {
            name: "Ben Okoro".into(),
            entity: "JMAC".into(),
        },
    ];
    a.register[0].ratings = vec![
        rating("Amina Diallo", Some(2), Some(4)),
        rating("Ben Okoro", Some(5), Some(4)),
    ];
    a.register[0].dissents = vec![Dissent {
        participant: "Amina Diallo".into(),
        reason: "Rural reporting has collapsed since the team sites closed".into(),
    }];
    let md = |level: &str| {
        let mut opts = AnnexOptions::for_assessment(
            &a,
            chrono::NaiveDate::from_ymd_opt(2026, 1, 15).expect("a date"),
        );
        opts.level = parse_level(level).expect("a level");
        markdown::write(&build(Some(&a), &ws, &opts))
    };
    let internal = md("internal");
    assert!(internal.contains("Participants' ratings of the register's threats"));
    assert!(
        internal.contains("| 3.5 (2–5) | 4 (4–4) | yes |"),
        "{internal}"
    );
    assert!(internal.contains("Amina Diallo (OHCHR): Rural reporting has collapsed"));
    let partners = md("un-partners");
    assert!(partners.contains("Participants' ratings of the register's threats"));
    assert!(partners.contains("Amina Diallo (OHCHR)"));
    assert!(
        !partners.contains("Rural reporting has collapsed"),
        "reasons are internal"
    );
    for level in ["host-government", "public"] {
        let text = md(level);
        assert!(!text.contains("Participants' ratings"), "{level}");
        assert!(
            !text.contains("Amina"),
            "{level}: participants are not named"
        );
    }
}

#[test]
fn the_annex_compares_scenarios_with_harm_counts_at_internal_only() {
    use poc_workbench::assessment::scenarios::{Closure, Scenario};
    let ron = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/darfur-transition.ron");
    let mut a = load(&ron).expect("loads");
    let (ws, _) = open_datasets(&a, &ron);
    a.scenarios = vec![Scenario {
        name: "Keep Nyala (drafted by J. Smith)".into(),
        closures: [("Nyala".to_string(), Closure::Stays)].into(),
    }];
    let md = |level: &str| {
        let mut opts = AnnexOptions::for_assessment(
            &a,
            chrono::NaiveDate::from_ymd_opt(2026, 1, 15).expect("a date"),
        );
        opts.level = parse_level(level).expect("a level");
        markdown::write(&build(Some(&a), &ws, &opts))
    };
    let internal = md("internal");
    assert!(internal.contains("Drawdown scenarios compared, quarter by quarter"));
    assert!(internal.contains("| Quarter | Current plan | Keep Nyala (drafted by J. Smith) |"));
    assert!(internal.contains("| 2021 Q1 | 5 open; closing: El Geneina (0 events nearby); monitoring gap: West Darfur | 5 open; closing: El Geneina"), "{internal}");
    for level in ["un-partners", "public"] {
        let text = md(level);
        if level == "un-partners" || text.contains("Drawdown scenarios compared") {
            assert!(
                text.contains("| Quarter | Current plan | Scenario 1 |"),
                "{level}"
            );
        }
        assert!(
            !text.contains("J. Smith"),
            "{level}: the analyst's name for it"
        );
        assert!(
            !text.contains("events nearby"),
            "{level}: counts stay internal"
        );
        assert!(!text.contains("monitoring gap: West"), "{level}");
    }
}
