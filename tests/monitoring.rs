//! Monitoring logs (METHODOLOGY §7): Insecurity Insight incident workbooks
//! read with no mapping, counted as violations and victims, checked cell by
//! cell against scripts/reference_monitoring.py (an independent recount
//! from the raw workbook); a release with renamed columns; verification.

mod common;
use common::shared;
use poc_workbench::analysis::{Filter, ThreatMatrix, Workspace};
use poc_workbench::cli::summarize::to_json;
use poc_workbench::import::{ImportOptions, Progress, import_file};
use poc_workbench::model::{PerpetratorType, SourceFormat};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn load(p: &Path) -> Workspace {
    Workspace::new(vec![
        import_file(p, &ImportOptions::default(), &Progress::default())
            .unwrap_or_else(|e| panic!("{e}")),
    ])
}

/// (perpetrator, region) → (events, violations, victims, fatalities).
type Cells = BTreeMap<(String, String), [u64; 4]>;

fn cells_of(v: &serde_json::Value) -> Cells {
    v["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .map(|c| {
            let n = |k: &str| c[k].as_u64().unwrap_or(0);
            (
                (
                    c["perpetrator"].as_str().unwrap_or_default().to_string(),
                    c["region"].as_str().unwrap_or_default().to_string(),
                ),
                [
                    n("events"),
                    n("violations"),
                    n("victims"),
                    n("civilian_fatalities"),
                ],
            )
        })
        .collect()
}

fn check(rel: &str, totals: [u64; 4]) {
    let Some(f) = shared(rel) else { return };
    let ws = load(&f);
    let d = &ws.datasets[0];
    assert_eq!(
        d.meta.format,
        SourceFormat::Monitoring,
        "{}",
        d.report.to_text()
    );
    assert!(d.report.balances());
    let mut v = to_json(
        &ws,
        &ThreatMatrix::compute(&ws, &Filter::default(), None),
        &[],
    );
    poc_workbench::cli::summarize::with_violation_types(&mut v, &ws, &Filter::default());
    let t = &v["totals"];
    let got_totals = ["events", "violations", "victims", "civilian_fatalities"]
        .map(|k| t[k].as_u64().unwrap_or(u64::MAX));
    assert_eq!(got_totals, totals, "{rel}");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/reference_monitoring.py");
    match std::process::Command::new("python3")
        .arg(script)
        .arg(&f)
        .output()
    {
        Ok(out) if out.status.success() => {
            let want: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
            assert_eq!(
                cells_of(&v),
                cells_of(&want),
                "{rel}: cells differ from the recount"
            );
            // By violation type (the MRM rule's inputs) and by group.
            let by_type: BTreeMap<String, (u64, u64)> = v["by_violation_type"]
                .as_array()
                .expect("by type")
                .iter()
                .map(|t| {
                    (
                        t["type"].as_str().unwrap_or("").to_string(),
                        (
                            t["violations"].as_u64().unwrap_or(0),
                            t["victims"].as_u64().unwrap_or(0),
                        ),
                    )
                })
                .collect();
            let want_types: BTreeMap<String, (u64, u64)> = want["by_violation_type"]
                .as_object()
                .expect("by type")
                .iter()
                .map(|(k, t)| {
                    (
                        k.clone(),
                        (
                            t["violations"].as_u64().unwrap_or(0),
                            t["victims"].as_u64().unwrap_or(0),
                        ),
                    )
                })
                .collect();
            assert_eq!(by_type, want_types, "{rel}: by violation type");
            for g in ["women", "men", "girls", "boys", "unknown"] {
                assert_eq!(
                    v["victims_by_group"][g], want["victims_by_group"][g],
                    "{rel}: {g}"
                );
            }
        }
        Ok(out) => panic!(
            "reference_monitoring.py: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => eprintln!("python3 not available ({e}): totals checked only"),
    }
}

#[test]
fn the_crsv_workbook_counts_as_the_independent_recount() {
    // 1,067 incidents, each one sexual-violence violation; 4,170 victims
    // (blank = 1); 178 deaths following the violence.
    check(
        "insecurity-insight-protection/2020-2023-conflict-related-sexual-violence-crsv-incident-data.xlsx",
        [1067, 1067, 4170, 178],
    );
}

#[test]
fn the_protection_in_danger_workbook_counts_as_the_independent_recount() {
    // 624 incidents; 639 violations (an incident with people killed and
    // kidnapped holds two); 3,565 victims; 1,236 killed.
    check(
        "insecurity-insight-protection/2020-2023-protection-in-danger-incident-data.xlsx",
        [624, 639, 3565, 1236],
    );
}

#[test]
fn the_real_faults_are_handled_and_said() {
    let Some(f) =
        shared("insecurity-insight-protection/2020-2023-protection-in-danger-incident-data.xlsx")
    else {
        return;
    };
    let ws = load(&f);
    let d = &ws.datasets[0];
    let report = d.report.to_text();
    // What was matched to what, misplaced tags notwithstanding.
    assert!(report.contains("perpetrator type 'Actor Type'"), "{report}");
    assert!(report.contains("perpetrator name 'Actor Name'"), "{report}");
    assert!(report.contains("latitude 'Latitude'"));
    // `MÃ©naka` is read as Ménaka, and said.
    assert!(
        ws.regions(Default::default())
            .names
            .iter()
            .any(|n| n.starts_with("Ménaka"))
    );
    assert!(
        !ws.regions(Default::default())
            .names
            .iter()
            .any(|n| n.contains("Ã"))
    );
    assert!(report.contains("UTF-8 read as Latin-1"));
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("temp file");
    p
}

#[test]
fn a_release_with_renamed_columns_reads_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The same three incidents under two releases' names and column orders.
    let old = write(
        dir.path(),
        "old.csv",
        "Date,Event Description,Country,Country ISO,Admin 1,Latitude,Longitude,Reported Perpetrator,Perpetrator Group Name,Type,Number of Reported Victims,Reported Deaths Following the Sexual Violence,SiND Event ID\n\
         2023-01-05,text,Sudan,SDN,Khartoum State,15.6,32.5,Vigilante,Rapid Support Forces,\"Rape, SexualAssault\",,1,1\n\
         2023-01-07,text,Sudan,SDN,Khartoum State,15.6,32.5,Host Government: Military,Sudanese Armed Forces,Rape,3,,2\n\
         2023-01-09,text,Mali,MLI,MÃ©naka,16.6,2.8,No Information,,Rape,many,,3\n",
    );
    let renamed = write(
        dir.path(),
        "renamed.csv",
        "SIND Event ID,Incident Date,Country,Country ISO,Admin1,Perpetrator Type,Reported Perpetrator Name,Type of SV,Number of Victims,Reported Deaths,Lat,Lon\n\
         1,2023-01-05,Sudan,SDN,Khartoum State,Vigilante,Rapid Support Forces,\"Rape, SexualAssault\",,1,15.6,32.5\n\
         2,2023-01-07,Sudan,SDN,Khartoum State,Host Government: Military,Sudanese Armed Forces,Rape,3,,15.6,32.5\n\
         3,2023-01-09,Mali,MLI,MÃ©naka,No Information,,Rape,many,,16.6,2.8\n",
    );
    let summary = |p: &Path| {
        let ws = load(p);
        assert_eq!(
            ws.datasets[0].meta.format,
            SourceFormat::Monitoring,
            "{}",
            ws.datasets[0].report.to_text()
        );
        let m = ThreatMatrix::compute(&ws, &Filter::default(), None);
        let t = m.total;
        (
            t.events,
            t.violations,
            t.victims,
            t.victims_unknown,
            t.civilian_fatalities,
        )
    };
    // Two-valued type cell: one sexual-violence violation; blank victims
    // = 1; "many" is unknown, not 0.
    assert_eq!(summary(&old), (3, 3, 4, 1, 1));
    assert_eq!(summary(&renamed), summary(&old));
    let ws = load(&renamed);
    let m = ThreatMatrix::compute(&ws, &Filter::default(), None);
    assert_eq!(
        m.cell(PerpetratorType::StateForces, "Khartoum (Sudan)")
            .map(|c| c.victims),
        Some(3)
    );
    assert_eq!(
        m.cell(PerpetratorType::PoliticalMilitias, "Khartoum (Sudan)")
            .map(|c| c.victims),
        Some(1)
    );
}

#[test]
fn rejected_records_never_count_and_verified_only_is_a_filter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let f = write(
        dir.path(),
        "log.csv",
        "SiND ID,Date,Country,Admin 1,Actor Type,Actor Name,People Killed,People Kidnapped,Verification Status\n\
         1,2023-02-01,CAR,Haut-Mbomou,Host Government: Military,FACA,2,1,Verified\n\
         2,2023-02-02,CAR,Haut-Mbomou,NSA,UPC,1,,Unverified\n\
         3,2023-02-03,CAR,Haut-Mbomou,NSA,UPC,5,,Rejected (falsely attributed)\n\
         4,2023-02-04,CAR,Haut-Mbomou,NSA,UPC,,,\n",
    );
    let ws = load(&f);
    let all = ThreatMatrix::compute(&ws, &Filter::default(), None).total;
    // Rejected: left out. The empty incident: one `other` violation, 0 victims.
    assert_eq!(
        (
            all.events,
            all.violations,
            all.victims,
            all.civilian_fatalities
        ),
        (3, 4, 4, 3)
    );
    let verified = ThreatMatrix::compute(
        &ws,
        &Filter {
            verified_only: true,
            ..Filter::default()
        },
        None,
    )
    .total;
    assert_eq!(
        (verified.events, verified.violations, verified.victims),
        (1, 2, 3)
    );
    let killing_only = ThreatMatrix::compute(
        &ws,
        &Filter {
            violation_types: Some(
                [poc_workbench::model::monitoring::ViolationType::Killing]
                    .into_iter()
                    .collect(),
            ),
            ..Filter::default()
        },
        None,
    )
    .total;
    assert_eq!((killing_only.events, killing_only.violations), (2, 2));
    // The charts' monthly series carry the same violations and victims.
    let months = poc_workbench::analysis::series::monthly(&ws, &Filter::default());
    assert_eq!(months.len(), 1);
    assert_eq!((months[0].violations, months[0].victims), (4, 4));
}

#[test]
fn the_hrddp_screen_counts_state_actors_violations_and_suggests_a_risk() {
    use poc_workbench::analysis::hrddp::{HrddpRisk, screen};
    let dir = tempfile::tempdir().expect("temp dir");
    let f = write(
        dir.path(),
        "log.csv",
        "SiND ID,Date,Country,Admin 1,Actor Type,Actor Name,People Killed,People Kidnapped,People Targeted with CRSV\n\
         1,2023-01-10,CAR,Ouaka,Host Government: Military,FACA,2,1,\n\
         2,2023-03-02,CAR,Ouaka,Host Government: Military,FACA,,,1\n\
         3,2023-05-20,CAR,Haut-Mbomou,Host Government: Police,Gendarmerie,,,\n\
         4,2020-05-20,CAR,Haut-Mbomou,Host Government: Police,Police nationale,1,,\n\
         5,2023-05-21,CAR,Haut-Mbomou,NSA,UPC,4,,\n",
    );
    let ws = load(&f);
    let as_of = chrono::NaiveDate::from_ymd_opt(2023, 6, 30).expect("date");
    let rows = screen(&ws, as_of);
    let names: Vec<&str> = rows.iter().map(|r| r.actor.as_str()).collect();
    // Only state actors; highest suggested risk first.
    assert_eq!(names, ["FACA", "Gendarmerie", "Police nationale"]);
    let faca = &rows[0];
    // Killing + abduction + sexual violence: 3 grave violations in 12 months.
    assert_eq!(
        (
            faca.events,
            faca.victims,
            faca.civilian_fatalities,
            faca.grave_12_months
        ),
        (2, 4, 2, 3)
    );
    assert_eq!(faca.suggested, HrddpRisk::High);
    assert_eq!(faca.regions, ["Ouaka"]);
    assert_eq!(
        rows[1].suggested,
        HrddpRisk::Medium,
        "an event in 24 months, nothing grave"
    );
    // Its only event is three years old: listed, low, with its latest date.
    assert_eq!(rows[2].suggested, HrddpRisk::Low);
    assert_eq!(rows[2].events, 0);
    assert_eq!(
        rows[2].latest.map(|d| d.to_string()).as_deref(),
        Some("2020-05-20")
    );
}

#[test]
fn the_hrddp_section_names_units_only_internally_and_to_un_partners() {
    use poc_workbench::assessment::SharingLevel;
    use poc_workbench::assessment::sharing::{Audience, RegisterColumn};
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/darfur-transition.ron");
    let mut a = poc_workbench::assessment::file::load(&src).expect("example");
    a.hrddp.push(poc_workbench::assessment::HrddpRecord {
        actor: "Government of Sudan".into(),
        risk: Some(poc_workbench::analysis::hrddp::HrddpRisk::High),
        mitigation: "Joint patrols only with a human rights officer".into(),
        supporting_entity: "UNDP".into(),
    });
    // Even an assessment that asks for the section in the public annex
    // does not get it there.
    a.audiences.push(Audience {
        level: SharingLevel::Public,
        sections: vec!["hrddp".into(), "threats".into(), "method".into()],
        columns: RegisterColumn::ALL.to_vec(),
    });
    let (ws, _) = poc_workbench::assessment::review::open_datasets(&a, &src);
    let md = |level| common::annex_markdown(Some(&a), &ws, level);
    let internal = md(SharingLevel::Internal);
    assert!(internal.contains("Human rights due diligence screen"));
    assert!(
        internal.contains("| Government of Sudan | 100 · 238 · 0 |"),
        "counts at internal"
    );
    let partners = md(SharingLevel::UnPartners);
    assert!(
        partners.contains(
            "| Government of Sudan | High | Joint patrols only with a human rights officer | UNDP |"
        ),
        "{partners}"
    );
    assert!(
        !partners.contains("| Government of Sudan | 100 · "),
        "no counts to partners"
    );
    for level in [SharingLevel::HostGovernment, SharingLevel::Public] {
        let text = md(level);
        assert!(
            !text.contains("Human rights due diligence screen"),
            "{level:?}"
        );
        assert!(!text.contains("Joint patrols"), "{level:?}");
    }
}

#[test]
fn the_template_has_its_lists_and_notes_and_a_filled_one_reads_with_no_mapping() {
    use poc_workbench::import::template::{COLUMNS, write};
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = write().expect("template");
    // Drop-down lists on perpetrator type, violation types and verification.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).expect("xlsx");
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").expect("log sheet"),
        &mut sheet,
    )
    .expect("xml");
    assert_eq!(sheet.matches("<dataValidation ").count(), 3, "{sheet}");
    assert!(sheet.contains("state_forces") || zip.by_name("xl/sharedStrings.xml").is_ok());
    let empty = dir.path().join("empty.xlsx");
    std::fs::write(&empty, &bytes).expect("written");
    // An empty template opens as a monitoring log with no incident.
    let d = import_file(&empty, &ImportOptions::default(), &Progress::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (d.meta.format, d.report.rows_read),
        (SourceFormat::Monitoring, 0)
    );
    // Filled as a team would: the template's header and tag rows, then rows.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, (name, tag, _)) in COLUMNS.iter().enumerate() {
        ws.write_string(0, c as u16, *name).expect("cell");
        ws.write_string(1, c as u16, *tag).expect("cell");
    }
    let rows: [[&str; 18]; 3] = [
        [
            "L1",
            "2024-03-02",
            "DRC",
            "Ituri",
            "Djugu",
            "1.9",
            "30.5",
            "identity_militias",
            "CODECO",
            "killing; abduction",
            "2",
            "1",
            "",
            "1",
            "",
            "3",
            "verified",
            "local partner",
        ],
        [
            "L2",
            "2024-03-05",
            "DRC",
            "Ituri",
            "Irumu",
            "",
            "",
            "state_forces",
            "FARDC",
            "sexual_violence; torture",
            "",
            "",
            "",
            "",
            "",
            "",
            "unverified",
            "hospital",
        ],
        [
            "L3",
            "2024-03-09",
            "DRC",
            "North Kivu",
            "",
            "",
            "",
            "rebel_groups",
            "M23",
            "looting",
            "",
            "",
            "",
            "",
            "",
            "",
            "rejected",
            "media",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(2 + r as u32, c as u16, *v).expect("cell");
        }
    }
    let filled = dir.path().join("filled.xlsx");
    wb.save(&filled).expect("saved");
    let ws = load(&filled);
    let d = &ws.datasets[0];
    assert_eq!(
        d.meta.format,
        SourceFormat::Monitoring,
        "{}",
        d.report.to_text()
    );
    assert_eq!((d.report.rows_read, d.report.kept), (3, 3));
    let t = ThreatMatrix::compute(&ws, &Filter::default(), None).total;
    // L1: two violations, 4 victims, 3 killed; L2: two violations, victims
    // unspecified = 1; L3 rejected: never counted.
    assert_eq!(
        (t.events, t.violations, t.victims, t.civilian_fatalities),
        (2, 4, 5, 3)
    );
}

#[test]
fn an_mrm_table_with_split_dates_and_joined_values_reads_through_a_mapping() {
    use poc_workbench::import::ColumnMapping;
    let dir = tempfile::tempdir().expect("temp dir");
    let f = write(
        dir.path(),
        "mrm.csv",
        "Incident ID,Year,Month,Day,Province,Party,Unit,Violation,Boys,Girls,Unknown,Status\n\
         M1,2023,4,2,Ituri,Armed force,FARDC 32nd,Killing|Maiming,1,2,,verified\n\
         M2,2023,4,,Ituri,Armed group,CODECO,Recruitment and use,3,,,report_pending_verification\n\
         M3,2023,5,9,North Kivu,Armed group,M23,Abduction,,,,reported_not_verified\n\
         M4,2023,5,10,North Kivu,Armed force,FARDC,Attack on school,,,,verification_found_that_incident_did_not_occur\n\
         M5,2023,6,1,Ituri,Unknown,,Denial of humanitarian access,0,0,0,verified\n",
    );
    let mapping: ColumnMapping = ron::from_str(
        r#"(
            name: "MRM table",
            date_parts: Some((year: "Year", month: "Month", day: Some("Day"))),
            event_id: Some("Incident ID"),
            admin1: Some("Province"),
            perpetrator: Some("Party"),
            actor: Some("Unit"),
            perpetrator_values: {"Armed force": state_forces, "Armed group": non_state_armed_groups, "Unknown": unidentified},
            civilian_harm: AllRows,
            violation_type: Some("Violation"),
            violation_values: {"Recruitment and use": recruitment, "Attack on school": attack_on_school},
            victims: ["Boys", "Girls", "Unknown"],
            verification: Some("Status"),
        )"#,
    )
    .expect("the mapping parses");
    let d = import_file(
        &f,
        &ImportOptions {
            mapping: Some(mapping),
        },
        &Progress::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(d.report.balances());
    assert_eq!(d.report.kept, 5, "{}", d.report.to_text());
    let ws = Workspace::new(vec![d]);
    let t = ThreatMatrix::compute(&ws, &Filter::default(), None).total;
    // M4 (did not occur) never counts. M1: killing and maiming, 3 victims;
    // M2: recruitment, 3; M3: abduction, none given = 1; M5: 0 victims.
    assert_eq!((t.events, t.violations, t.victims), (4, 5, 7));
    let state = ThreatMatrix::compute(&ws, &Filter::default(), None);
    assert_eq!(
        state
            .cell(PerpetratorType::StateForces, "Ituri")
            .map(|c| (c.violations, c.victims)),
        Some((2, 3))
    );
    let verified = ThreatMatrix::compute(
        &ws,
        &Filter {
            verified_only: true,
            ..Filter::default()
        },
        None,
    )
    .total;
    assert_eq!((verified.events, verified.violations), (2, 3));
    // The MRM rule by type: victims for violations against people, the
    // violations for attacks and denial of access; victims by group from
    // the columns' names.
    use poc_workbench::analysis::violations::ViolationSummary;
    use poc_workbench::model::monitoring::{VictimGroup, ViolationType as V};
    let s = ViolationSummary::compute(&ws, &Filter::default());
    let mrm: Vec<(V, u64)> = s.by_type.iter().map(|t| (t.violation, t.value())).collect();
    assert_eq!(
        mrm,
        [
            (V::Killing, 3),
            (V::Maiming, 3),
            (V::Abduction, 1),
            (V::Recruitment, 3),
            (V::DenialOfAccess, 1)
        ]
    );
    assert_eq!(
        VictimGroup::ALL.map(|g| s.group(g)),
        [0, 0, 2, 4, 0],
        "M1 one boy and two girls, M2 three boys; M3 gives no breakdown"
    );
    assert_eq!((s.victims_with_groups, s.victims), (6, 7));
}

/// An IMS+ tally holds a total beside its breakdown: the total counts, the
/// breakdown is kept, and nobody is counted twice.
#[test]
fn a_tally_with_a_total_and_its_breakdown_counts_people_once() {
    use poc_workbench::analysis::violations::ViolationSummary;
    use poc_workbench::import::ColumnMapping;
    use poc_workbench::model::monitoring::VictimGroup;
    let dir = tempfile::tempdir().expect("temp dir");
    let f = write(
        dir.path(),
        "tally.csv",
        "id,date,province,party,violation,boys,girls,unknown,total,status
         T1,2023-04-02,Ituri,Armed group,killing,2,1,1,4,verified
         T2,2023-04-03,Ituri,Armed group,abduction,,,,3,verified
         T3,2023-04-04,Ituri,Armed group,recruitment,x,1,,2,verified
",
    );
    let mapping: ColumnMapping = ron::from_str(
        r#"(
            name: "IMS+ tally",
            date: "date",
            event_id: Some("id"),
            admin1: Some("province"),
            perpetrator: Some("party"),
            perpetrator_values: {"Armed group": non_state_armed_groups},
            civilian_harm: AllRows,
            violation_type: Some("violation"),
            victims: ["boys", "girls", "unknown", "total"],
            verification: Some("status"),
        )"#,
    )
    .expect("the mapping parses");
    let d = import_file(
        &f,
        &ImportOptions {
            mapping: Some(mapping),
        },
        &Progress::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(d.report.balances());
    // T3's unreadable boys count is said, and leaves its breakdown out.
    assert!(
        d.report.to_text().contains("not a count of people"),
        "{}",
        d.report.to_text()
    );
    let ws = Workspace::new(vec![d]);
    let t = ThreatMatrix::compute(&ws, &Filter::default(), None).total;
    assert_eq!((t.events, t.victims, t.victims_unknown), (3, 9, 0));
    let s = ViolationSummary::compute(&ws, &Filter::default());
    assert_eq!(VictimGroup::ALL.map(|g| s.group(g)), [0, 0, 1, 2, 1]);
    assert_eq!((s.victims_with_groups, s.victims), (4, 9));
}

#[test]
fn sexual_violence_records_leave_out_the_monthly_chart_above_internal() {
    use poc_workbench::assessment::SharingLevel;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::from(
        "SiND Event ID,Date,Country,Admin 1,Reported Perpetrator,Perpetrator Group Name,Type,Number of Reported Victims\n",
    );
    for i in 0..40 {
        text.push_str(&format!(
            "{i},2023-{:02}-{:02},Mali,{},NSA,Group {},Rape,{}\n",
            1 + i % 12,
            1 + i % 27,
            ["Gao", "Mopti", "Tombouctou"][i % 3],
            i % 4,
            1 + i % 3
        ));
    }
    let f = write(dir.path(), "crsv.csv", &text);
    let ws = load(&f);
    let md = |level| common::annex_markdown(None, &ws, level);
    let internal = md(SharingLevel::Internal);
    assert!(
        internal.contains("Civilian-harm events per month"),
        "{internal}"
    );
    // Violations and victims, with the statuses counted, at internal.
    assert!(internal.contains("Violations and victims by perpetrator type and region"));
    assert!(internal.contains("Violations by type (monitoring logs, MRM rule)"));
    assert!(
        internal.contains("| **Total** |  | **40** | **79** | **0** |"),
        "{internal}"
    );
    assert!(
        internal.contains(
            "rejected ones (falsely attributed, or found not to have occurred) never are"
        )
    );
    for level in [SharingLevel::UnPartners, SharingLevel::Public] {
        let text = md(level);
        assert!(
            !text.contains("Civilian-harm events per month"),
            "{level:?}"
        );
        assert!(text.contains("The monthly chart is left out at this sharing level"));
        // Not the internal list (with its unreadable counts), but the two
        // matrices secured by the document's audit.
        assert!(!text.contains("Violations and victims by perpetrator type and region"));
        assert!(!text.contains("MRM rule)"));
        assert!(text.contains("Violations by region and perpetrator type"));
        assert!(text.contains("Victims by region and perpetrator type"));
        // No perpetrator names from sexual-violence records.
        assert!(!text.contains("Group 1"), "{level:?}");
    }
}

/// Above `internal`, violations and victims go through the audit with the
/// rest of the document: each `<k` keeps its whole range, no count 1…k−1 is
/// printed, and the totals that are printed are the recount's.
#[test]
fn violations_and_victims_of_a_real_log_are_audited_above_internal() {
    use poc_workbench::annex::{AnnexOptions, Cell, build, screen};
    use poc_workbench::assessment::SharingLevel;
    let Some(f) = shared(
        "insecurity-insight-protection/2020-2023-conflict-related-sexual-violence-crsv-incident-data.xlsx",
    ) else {
        return;
    };
    let ws = load(&f);
    for level in [SharingLevel::UnPartners, SharingLevel::Public] {
        let opts = AnnexOptions {
            level,
            k: 5,
            sections: Default::default(),
            recipients: vec![],
            generated: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).expect("a date"),
            from: None,
            to: None,
            verified_only: false,
            // A global log: the audit takes one country's regions.
            country: Some("DRC".into()),
            lang: poc_workbench::i18n::Lang::En,
            changes: None,
        };
        let annex = build(None, &ws, &opts);
        screen::check(&annex).unwrap_or_else(|e| panic!("{level:?}: {e}"));
        let country = poc_workbench::annex::build::country_regions(&ws, &opts)
            .expect("the country's regions");
        let unfiltered = ThreatMatrix::compute(
            &ws,
            &Filter {
                regions: Some(country),
                ..Default::default()
            },
            None,
        );
        for (id, total) in [
            ("monitoring-violations", unfiltered.total.violations),
            ("monitoring-victims", unfiltered.total.victims),
        ] {
            let t = annex
                .table(id)
                .unwrap_or_else(|| panic!("{level:?}: no {id}"));
            let mut small = 0;
            for row in &t.rows {
                for c in &row[1..] {
                    match c {
                        Cell::Count(v) => assert!(*v == 0 || *v >= 5, "{id}: {v} printed"),
                        Cell::Small(_) => small += 1,
                        _ => {}
                    }
                }
            }
            assert!(small > 0, "{id}: the CRSV file has small cells");
            let grand = t.rows.last().and_then(|r| r.last()).expect("a total");
            if let Cell::Count(v) = grand {
                assert_eq!(*v, total, "{level:?} {id}");
            }
        }
    }
}

/// An outcome-column workbook of the family (education, aid workers) under
/// a release's renamed columns: `… Abducted`, `… Wounded`, `… Detained`
/// count as `… Kidnapped`, `… Injured`, `… Arrested` do; per-type victims
/// follow the columns.
#[test]
fn an_outcome_workbook_with_renamed_outcome_columns_reads_the_same() {
    use poc_workbench::analysis::violations::ViolationSummary;
    use poc_workbench::model::monitoring::ViolationType as V;
    let dir = tempfile::tempdir().expect("temp dir");
    let rows = "1,2023-02-01,Nigeria,NGA,Borno,NSA,,2,0,1,0\n\
                2,2023-02-03,Nigeria,NGA,Borno,Police,,0,3,0,2\n\
                3,2023-02-05,Nigeria,NGA,Yobe,No Information,,0,0,0,0\n";
    let standard = write(
        dir.path(),
        "standard.csv",
        &format!(
            "SiND Event ID,Date,Country,Country ISO,Admin 1,Actor Type,Actor Name,Educators Killed,Students Kidnapped,Educators Injured,Educators Arrested\n{rows}"
        ),
    );
    let renamed = write(
        dir.path(),
        "renamed.csv",
        &format!(
            "SIND ID,Date,Country,Country ISO,Admin1,Perpetrator Type,Perpetrator Name,Educators Killed,Students Abducted,Educators Wounded,Educators Detained\n{rows}"
        ),
    );
    let read = |p: &Path| {
        let ws = load(p);
        assert_eq!(ws.datasets[0].meta.format, SourceFormat::Monitoring);
        let t = ThreatMatrix::compute(&ws, &Filter::default(), None).total;
        let s = ViolationSummary::compute(&ws, &Filter::default());
        (
            (t.events, t.violations, t.victims, t.civilian_fatalities),
            s.by_type
                .iter()
                .map(|t| (t.violation, t.violations, t.victims))
                .collect::<Vec<_>>(),
        )
    };
    let want = (
        // 1: killing (2) and maiming (1); 2: abduction (3) and detention
        // (2); 3: no outcome, one `other` violation with no victim.
        (3, 5, 8, 2),
        vec![
            (V::Killing, 1, 2),
            (V::Maiming, 1, 1),
            (V::Abduction, 1, 3),
            (V::ArbitraryDetention, 1, 2),
            (V::Other, 1, 0),
        ],
    );
    assert_eq!(read(&standard), want);
    assert_eq!(read(&renamed), want);
}

/// METHODOLOGY §7 against §9: the HRDDP section names units at
/// un-partners, but not a unit named in a sexual-violence record — its
/// name is withheld there, so the export is not refused.
#[test]
fn the_hrddp_section_withholds_a_unit_named_in_sexual_violence_records_above_internal() {
    use poc_workbench::annex::{AnnexOptions, build, markdown, screen};
    use poc_workbench::assessment::SharingLevel;
    let dir = tempfile::tempdir().expect("temp dir");
    let log = write(
        dir.path(),
        "crsv.csv",
        "SiND Event ID,Date,Country,Admin 1,Reported Perpetrator,Perpetrator Group Name,Type,Number of Reported Victims\n\
         1,2020-11-02,Sudan,North Darfur,Host Government: Military,Government of Sudan,Rape,2\n",
    );
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/darfur-transition.ron");
    let a = poc_workbench::assessment::file::load(&src).expect("example");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/ucdp-ged-sudan.csv");
    let ws = Workspace::new(
        [sample, log]
            .iter()
            .map(|p| {
                import_file(p, &ImportOptions::default(), &Progress::default())
                    .unwrap_or_else(|e| panic!("{e}"))
            })
            .collect(),
    );
    let annex = |level| {
        let mut opts = AnnexOptions::for_assessment(
            &a,
            chrono::NaiveDate::from_ymd_opt(2026, 1, 15).expect("a date"),
        );
        opts.level = level;
        build(Some(&a), &ws, &opts)
    };
    let internal = markdown::write(&annex(SharingLevel::Internal));
    assert!(
        internal.contains("| Government of Sudan |"),
        "named at internal"
    );
    let partners = annex(SharingLevel::UnPartners);
    screen::check(&partners).unwrap_or_else(|e| panic!("{e}"));
    let text = markdown::write(&partners);
    assert!(text.contains("Human rights due diligence screen"));
    assert!(
        text.contains("name withheld at this sharing level"),
        "{text}"
    );
    assert!(!text.contains("Government of Sudan"), "{text}");
}
