//! The assessment document: byte-stable round trips, version refusal,
//! undo as the exact inverse of any edit sequence (a property test over
//! random sequences), each flag on a fixture built for it and not on one
//! built against it, damaged files, and a SIGKILL crash test of saving.

use chrono::NaiveDate;
use poc_workbench::analysis::Workspace;
use poc_workbench::assessment::edit::{Edit, History};
use poc_workbench::assessment::file::{LoadError, backup_path, load, save, to_text};
use poc_workbench::assessment::review::review;
use poc_workbench::assessment::*;
use poc_workbench::import::{ImportOptions, Progress, import_file};
use poc_workbench::model::PerpetratorType;
use std::path::Path;

fn example_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/darfur-transition.ron")
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

#[test]
fn save_load_save_gives_identical_bytes() {
    let a = load(&example_path()).expect("the worked example loads");
    assert_eq!(a.register.len(), 3);
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("a.ron");
    save(&p, &a).expect("save");
    let first = std::fs::read(&p).expect("read");
    let b = load(&p).expect("load");
    assert_eq!(a, b);
    save(&p, &b).expect("save again");
    assert_eq!(first, std::fs::read(&p).expect("read"));
    // The second save kept the first as .bak.
    assert_eq!(std::fs::read(backup_path(&p)).expect("bak"), first);
}

#[test]
fn the_comment_lines_at_the_top_survive_a_save() {
    let original = std::fs::read_to_string(example_path()).expect("read");
    let header: Vec<&str> = original
        .lines()
        .take_while(|l| l.starts_with("//"))
        .collect();
    assert!(header.len() >= 3, "the worked example opens with notes");
    let a = load(&example_path()).expect("loads");
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("copy.ron");
    save(&p, &a).expect("save");
    let saved = std::fs::read_to_string(&p).expect("read");
    let saved_header: Vec<&str> = saved.lines().take(header.len()).collect();
    assert_eq!(saved_header, header);
    assert!(
        saved
            .lines()
            .nth(header.len())
            .is_some_and(|l| l.starts_with('('))
    );
    // A document made in the window has none, and gains none.
    let fresh = Assessment::new(a.meta.clone());
    assert!(to_text(&fresh).starts_with('('));
}

#[test]
fn other_versions_are_refused_clearly() {
    let text = to_text(&load(&example_path()).expect("loads"));
    let dir = tempfile::tempdir().expect("tempdir");
    for (v, want) in [(2, "newer"), (0, "older")] {
        let p = dir.path().join(format!("v{v}.ron"));
        std::fs::write(
            &p,
            text.replacen("format_version: 1", &format!("format_version: {v}"), 1),
        )
        .expect("write");
        let e = load(&p).expect_err("refused");
        let msg = e.to_string();
        assert!(
            msg.contains(&format!("format_version {v}")) && msg.contains(want),
            "{msg}"
        );
        assert!(matches!(
            e,
            LoadError::Newer { .. } | LoadError::Older { .. }
        ));
    }
}

#[test]
fn damaged_files_are_reported_and_never_overwritten() {
    let good = to_text(&load(&example_path()).expect("loads"));
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("nul", vec![0u8; 4096]),
        ("truncated", good.as_bytes()[..good.len() / 2].to_vec()),
        (
            "syntax",
            good.replacen("mission: \"UNAMID\",", "mission: \"UNAMID\" oops,", 1)
                .into_bytes(),
        ),
        ("wrong-shape", b"(format_version: 1, title: 42)".to_vec()),
    ];
    for (name, bytes) in cases {
        let p = dir.path().join(format!("{name}.ron"));
        std::fs::write(&p, &bytes).expect("write");
        std::fs::write(backup_path(&p), good.as_bytes()).expect("write bak");
        let e = load(&p).expect_err(name);
        let msg = e.to_string();
        assert_eq!(e.backup(), Some(backup_path(&p).as_path()), "{name}: {msg}");
        assert!(msg.contains(".bak"), "{name}: {msg}");
        if name == "syntax" {
            assert!(
                matches!(e, LoadError::Syntax { line, column, .. } if line > 1 && column > 1),
                "{msg}"
            );
            assert!(msg.contains("line "), "{msg}");
        }
        assert_eq!(
            std::fs::read(&p).expect("read"),
            bytes,
            "{name} was changed"
        );
        // The backup opens.
        assert!(load(&backup_path(&p)).is_ok());
    }
}

/// A small deterministic generator for the property test.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn random_edit(rng: &mut Rng, a: &Assessment) -> Edit {
    let t = PerpetratorType::ALL[rng.below(12)];
    let entry = |rng: &mut Rng| {
        let mut e = ThreatEntry::new(
            rng.below(1000) as u32,
            t,
            vec![format!("R{}", rng.below(5))],
        );
        e.likelihood = Some(1 + rng.below(5) as u8);
        e.residual = rng.below(2) == 0;
        e.successors
            .insert(Tier::II, Successor::Other(format!("s{}", rng.below(9))));
        e
    };
    let base = |rng: &mut Rng| Base {
        name: format!("B{}", rng.below(50)),
        latitude: rng.below(90) as f64,
        longitude: rng.below(180) as f64,
        region: "R".into(),
        opened: None,
        closed: Some(date("2021-01-01")),
        radius_km: 30.0,
        illustrative: true,
    };
    match rng.below(10) {
        8 => Edit::SetRegionAliases(
            (0..rng.below(3))
                .map(|i| poc_workbench::assessment::RegionAlias {
                    from: format!("R{i}"),
                    to: format!("R{}", rng.below(5)),
                })
                .collect(),
        ),
        0 => Edit::InsertEntry(rng.below(a.register.len() + 1), entry(rng)),
        1 if !a.register.is_empty() => Edit::RemoveEntry(rng.below(a.register.len())),
        2 if !a.register.is_empty() => Edit::ReplaceEntry(rng.below(a.register.len()), entry(rng)),
        3 => Edit::InsertBase(rng.below(a.footprint.len() + 1), base(rng)),
        4 if !a.footprint.is_empty() => Edit::ReplaceBase(rng.below(a.footprint.len()), base(rng)),
        5 if !a.footprint.is_empty() => Edit::RemoveBase(rng.below(a.footprint.len())),
        6 => {
            let mut m = a.meta.clone();
            m.title = format!("title {}", rng.below(100));
            Edit::SetMeta(m)
        }
        7 => Edit::SetReclassification {
            actor: format!("actor {}", rng.below(4)),
            value: (rng.below(3) > 0).then(|| Reclassification {
                actor: String::new(),
                to: t,
                reason: "r".into(),
                reason_cleared: None,
            }),
            at: None,
        },
        _ => Edit::SetSharing(SharingLevel::Public, rng.below(10) as u32),
    }
}

#[test]
fn undo_restores_the_original_for_random_edit_sequences() {
    let original = load(&example_path()).expect("loads");
    let mut rng = Rng(0x9e3779b97f4a7c15);
    for _ in 0..300 {
        let mut doc = original.clone();
        let mut history = History::default();
        let n = 1 + rng.below(25);
        let mut states = vec![doc.clone()];
        for _ in 0..n {
            let e = random_edit(&mut rng, &doc);
            history.apply(&mut doc, e).expect("valid edit");
            states.push(doc.clone());
        }
        // Undo step by step through every intermediate state.
        for expected in states.iter().rev().skip(1) {
            assert!(history.undo(&mut doc).expect("undoes"));
            assert_eq!(&doc, expected);
        }
        assert!(!history.undo(&mut doc).expect("nothing left"));
        assert_eq!(doc, original);
        // Redo all the way forward again.
        for expected in states.iter().skip(1) {
            assert!(history.redo(&mut doc).expect("redoes"));
            assert_eq!(&doc, expected);
        }
    }
}

#[test]
fn a_batch_is_one_undo_step_and_all_or_nothing() {
    let original = load(&example_path()).expect("loads");
    let mut doc = original.clone();
    let mut history = History::default();
    let base = original.footprint[0].clone();
    let n = doc.footprint.len();
    let batch = Edit::Batch(vec![
        Edit::InsertBase(n, base.clone()),
        Edit::InsertBase(n + 1, base.clone()),
        Edit::InsertBase(n + 2, base.clone()),
    ]);
    history.apply(&mut doc, batch).expect("valid batch");
    assert_eq!(doc.footprint.len(), n + 3);
    assert!(history.undo(&mut doc).expect("undoes"));
    assert_eq!(doc, original, "one undo takes back the whole batch");
    assert!(!history.can_undo());
    // A batch whose third edit names a missing position changes nothing.
    let bad = Edit::Batch(vec![
        Edit::InsertBase(n, base.clone()),
        Edit::RemoveEntry(0),
        Edit::RemoveBase(999),
    ]);
    assert!(history.apply(&mut doc, bad).is_err());
    assert_eq!(doc, original);
}

#[test]
fn an_undo_that_fails_keeps_the_edit_on_the_stack() {
    let original = load(&example_path()).expect("loads");
    let mut doc = original.clone();
    let mut history = History::default();
    history
        .apply(&mut doc, Edit::RemoveEntry(0))
        .expect("valid edit");
    // Something else empties the register behind the history's back, so
    // the inverse (insert at 0) still works, but remove-at-99 would not:
    // simulate a failing inverse by applying an edit whose inverse is invalid.
    let mut broken = doc.clone();
    broken.register.clear();
    broken.footprint.clear();
    let mut h2 = History::default();
    h2.apply(
        &mut broken,
        Edit::InsertBase(0, original.footprint[0].clone()),
    )
    .expect("valid");
    broken.footprint.clear();
    assert!(
        h2.undo(&mut broken).is_err(),
        "the inverse names a missing base"
    );
    assert!(h2.can_undo(), "the failed undo is kept, not lost");
    assert!(history.undo(&mut doc).expect("undoes"));
    assert_eq!(doc, original);
}

#[test]
fn invalid_edits_are_refused_without_change() {
    let mut a = load(&example_path()).expect("loads");
    let before = a.clone();
    assert!(a.apply(Edit::RemoveEntry(99)).is_err());
    assert!(
        a.apply(Edit::InsertBase(99, before.footprint[0].clone()))
            .is_err()
    );
    assert_eq!(a, before);
}

// ---- flags on fixtures built for and against them

const HEADER: &str = "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,civilian_targeting,country,admin1,latitude,longitude,fatalities";

/// Events at (date, admin1, lat, lon) by state forces.
fn workspace(events: &[(&str, &str, f64, f64)]) -> Workspace {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("e.csv");
    let mut text = format!("{HEADER}\n");
    for (i, (d, r, lat, lon)) in events.iter().enumerate() {
        text.push_str(&format!(
            "E{i},{d},Violence against civilians,Attack,Army of Testland,State forces,Civilians (Testland),Civilians,Civilians targeted,Testland,{r},{lat},{lon},1\n"
        ));
    }
    std::fs::write(&p, text).expect("write");
    Workspace::new(vec![
        import_file(&p, &ImportOptions::default(), &Progress::default()).expect("imports"),
    ])
}

fn doc(entry: ThreatEntry, bases: Vec<Base>) -> Assessment {
    let mut a = Assessment::new(Meta::new("t", "m", "Testland", date("2020-12-31")));
    a.register.push(entry);
    a.footprint = bases;
    a
}

fn base(region: &str, closed: Option<&str>) -> Base {
    Base {
        name: "site".into(),
        latitude: 10.0,
        longitude: 20.0,
        region: region.into(),
        opened: None,
        closed: closed.map(date),
        radius_km: 30.0,
        illustrative: true,
    }
}

#[test]
fn no_successor_fires_only_for_a_residual_high_threat_without_one() {
    let ws = workspace(&[("2020-10-01", "North", 10.0, 20.0)]);
    let mut e = ThreatEntry::new(1, PerpetratorType::StateForces, vec!["North".into()]);
    e.likelihood = Some(4);
    e.impact = Some(4);
    e.residual = true;
    e.tiers = vec![Tier::II];
    e.successors.insert(Tier::II, Successor::None);
    assert!(
        review(&doc(e.clone(), vec![]), &ws).entries[0]
            .flags
            .no_successor
    );
    let mut named = e.clone();
    named.successors.insert(Tier::II, Successor::UnCountryTeam);
    assert!(
        !review(&doc(named, vec![]), &ws).entries[0]
            .flags
            .no_successor
    );
    let mut low = e.clone();
    low.likelihood = Some(1);
    assert!(!review(&doc(low, vec![]), &ws).entries[0].flags.no_successor);
    let mut not_residual = e;
    not_residual.residual = false;
    assert!(
        !review(&doc(not_residual, vec![]), &ws).entries[0]
            .flags
            .no_successor
    );
}

#[test]
fn successor_is_perpetrator_fires_for_state_forces_handed_to_themselves() {
    let ws = workspace(&[("2020-10-01", "North", 10.0, 20.0)]);
    let mut e = ThreatEntry::new(1, PerpetratorType::StateForces, vec!["North".into()]);
    e.residual = true;
    e.successors
        .insert(Tier::II, Successor::HostStateSecurityForces);
    assert!(
        review(&doc(e.clone(), vec![]), &ws).entries[0]
            .flags
            .successor_is_perpetrator
    );
    let mut rebels = e.clone();
    rebels.perpetrator = PerpetratorType::RebelGroups;
    assert!(
        !review(&doc(rebels, vec![]), &ws).entries[0]
            .flags
            .successor_is_perpetrator
    );
    let mut civilian = e;
    civilian
        .successors
        .insert(Tier::II, Successor::HostStateAuthorities);
    assert!(
        !review(&doc(civilian, vec![]), &ws).entries[0]
            .flags
            .successor_is_perpetrator
    );
}

/// A residual entry (flags are raised on residual entries only).
fn residual(mut e: ThreatEntry) -> ThreatEntry {
    e.residual = true;
    e
}

/// The fixture with another as-of date.
fn doc_as_of(entry: ThreatEntry, bases: Vec<Base>, as_of: &str) -> Assessment {
    let mut a = doc(entry, bases);
    a.meta.as_of = date(as_of);
    a
}

/// METHODOLOGY §5 security cliff: harm within the radius in the 12 months
/// after closure rose against the 12 before by the rising rule (× 1.25 and
/// +3), counting only data up to the as-of date; the closure day is in the
/// before-window; an after-window not over by the as-of date is not yet
/// observed; an entry not residual carries no flag.
#[test]
fn security_cliff_fires_when_harm_near_a_closed_base_rises() {
    // Base closes 2021-01-01; 1 event within 30 km before (one on the
    // closure day), 4 after, and 5 far away; one more after the as-of date.
    let near_before = ("2020-06-01", "North", 10.05, 20.05);
    let on_closure_day = ("2021-01-01", "North", 10.05, 20.0);
    let near_after = [
        ("2021-02-01", "North", 10.1, 20.0),
        ("2021-03-01", "North", 10.0, 20.1),
        ("2021-04-01", "North", 9.95, 20.0),
        ("2021-05-01", "North", 9.95, 20.05),
        ("2021-06-01", "North", 9.95, 20.05),
    ];
    let later = ("2022-03-01", "North", 10.0, 20.0);
    let far: Vec<(&str, &str, f64, f64)> = (0..5)
        .map(|_| ("2020-06-01", "North", 15.0, 25.0))
        .collect();
    let mut events = vec![near_before, on_closure_day, later];
    events.extend(near_after);
    events.extend(far.iter().copied());
    let ws = workspace(&events);
    let e = residual(ThreatEntry::new(
        1,
        PerpetratorType::StateForces,
        vec!["North".into()],
    ));
    let closing = || vec![base("North", Some("2021-01-01"))];
    let r = review(&doc_as_of(e.clone(), closing(), "2022-01-31"), &ws);
    assert_eq!(
        (r.bases[0].before, r.bases[0].after),
        (2, 5),
        "2022-03-01 is after the as-of date"
    );
    assert!(r.bases[0].after_complete);
    assert!(r.entries[0].flags.security_cliff, "2 → 5 is rising");
    // As of 2021-12-31 the 12 months after are not over: not yet observed.
    let r = review(&doc_as_of(e.clone(), closing(), "2021-12-31"), &ws);
    assert!(!r.bases[0].after_complete);
    assert!(!r.entries[0].flags.security_cliff);
    // A planned closure after the as-of date: the baseline is the 12 months
    // to the as-of date, nothing after it counts.
    let r = review(&doc_as_of(e.clone(), closing(), "2020-12-31"), &ws);
    assert_eq!((r.bases[0].before, r.bases[0].after), (1, 0));
    assert!(!r.entries[0].flags.security_cliff);
    // Against: the same base in another region; an entry not residual.
    assert!(
        !review(
            &doc_as_of(
                e.clone(),
                vec![base("South", Some("2021-01-01"))],
                "2022-01-31"
            ),
            &ws
        )
        .entries[0]
            .flags
            .security_cliff
    );
    let mut not_residual = e.clone();
    not_residual.residual = false;
    assert!(
        !review(&doc_as_of(not_residual, closing(), "2022-01-31"), &ws).entries[0]
            .flags
            .security_cliff
    );
    // 0 → 1 is not a cliff.
    let ws_one = workspace(&[near_after[0]]);
    let r = review(&doc_as_of(e, closing(), "2022-01-31"), &ws_one);
    assert_eq!((r.bases[0].before, r.bases[0].after), (0, 1));
    assert!(!r.entries[0].flags.security_cliff);
}

/// METHODOLOGY §5 monitoring gap: 3 or more civilian-harm events in the 12
/// months to the as-of date in a region whose every base closes.
#[test]
fn monitoring_gap_fires_when_every_base_of_a_harmed_region_closes() {
    let ws = workspace(&[
        ("2020-11-01", "North", 10.0, 20.0),
        ("2020-06-01", "North", 10.0, 20.0),
        ("2020-02-01", "North", 10.0, 20.0),
        ("2020-11-01", "East", 10.0, 20.0),
        ("2020-10-01", "East", 10.0, 20.0),
        ("2019-01-01", "South", 10.0, 20.0),
    ]);
    let e = residual(ThreatEntry::new(
        1,
        PerpetratorType::StateForces,
        vec!["North".into()],
    ));
    assert!(
        review(
            &doc(e.clone(), vec![base("North", Some("2021-06-30"))]),
            &ws
        )
        .entries[0]
            .flags
            .monitoring_gap
    );
    // One base stays open: no gap.
    let open = vec![base("North", Some("2021-06-30")), base("North", None)];
    assert!(!review(&doc(e, open), &ws).entries[0].flags.monitoring_gap);
    // Two events in East: under 3, no gap.
    let east = residual(ThreatEntry::new(
        1,
        PerpetratorType::StateForces,
        vec!["East".into()],
    ));
    assert!(
        !review(&doc(east, vec![base("East", Some("2021-06-30"))]), &ws).entries[0]
            .flags
            .monitoring_gap
    );
    // No recent harm in South: no gap even though its base closes.
    let south = residual(ThreatEntry::new(
        1,
        PerpetratorType::StateForces,
        vec!["South".into()],
    ));
    assert!(
        !review(&doc(south, vec![base("South", Some("2021-06-30"))]), &ws).entries[0]
            .flags
            .monitoring_gap
    );
}

#[test]
fn darfur_example_reviews_with_flags_benchmarks_and_backtest() {
    let path = example_path();
    let a = load(&path).expect("loads");
    let (ws, statuses) = poc_workbench::assessment::review::open_datasets(&a, &path);
    assert_eq!(
        statuses[0].status,
        poc_workbench::assessment::review::DatasetState::Ok,
        "{:?}",
        statuses
    );
    let r = review(&a, &ws);
    assert_eq!(r.as_of, date("2020-12-31"));
    let e1 = &r.entries[0];
    assert!(e1.flags.successor_is_perpetrator);
    assert!(r.entries[1].flags.no_successor);
    assert_eq!(r.benchmarks.len(), 2);
    assert_eq!(r.backtest.len(), 3);
    assert!(
        r.backtest.iter().all(|b| b.windows.iter().all(|w| w.4)),
        "2021–2023 is covered"
    );
    // The suggestion is the matrix's, recomputed independently here.
    let f = poc_workbench::analysis::Filter {
        perpetrators: Some([PerpetratorType::StateForces].into()),
        regions: Some(
            ["North Darfur", "Central Darfur", "South Darfur"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        ),
        ..Default::default()
    };
    let m = poc_workbench::analysis::ThreatMatrix::compute(&ws, &f, Some(date("2020-12-31")));
    let s = m.total.suggestion().expect("the Darfur data cover 2020");
    let e = e1.suggested.expect("suggested");
    assert_eq!((e.likelihood, e.impact), (s.likelihood, s.impact));
    assert_eq!(e1.recent_events, m.total.recent_events);
}

/// A child process saves in a loop and is killed with SIGKILL at random
/// moments: the file is always the whole old or the whole new version.
#[test]
fn sigkill_during_save_never_leaves_half_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("crash.ron");
    let mut rng = Rng(12345);
    let mut seen = std::collections::BTreeSet::new();
    for round in 0..200 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_poc-workbench"))
            .arg("save-loop")
            .arg(&p)
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_micros(
            2000 + rng.below(25_000) as u64,
        ));
        child.kill().expect("SIGKILL");
        child.wait().expect("the killed child is reaped");
        if !p.exists() {
            // Only before the first save ever finished (a slow start of the
            // child, as on a busy machine) may there be no file at all.
            assert!(seen.is_empty(), "round {round}: the file vanished");
            continue;
        }
        let a = load(&p).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert!(a.meta.title == "version A" || a.meta.title == "version B");
        seen.insert(a.meta.title);
        if backup_path(&p).exists() {
            load(&backup_path(&p)).unwrap_or_else(|e| panic!("round {round}: backup: {e}"));
        }
    }
    assert_eq!(seen.len(), 2, "both versions were seen: {seen:?}");
}

/// A small tmpfs for the full-disk test, or `None` (with the reason) where
/// mounting is not allowed; unmounted on drop.
struct SmallDisk(tempfile::TempDir);

impl SmallDisk {
    fn mount(kib: u32) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().ok()?;
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            Some(SmallDisk(dir))
        } else {
            eprintln!(
                "skipped: cannot mount a tmpfs here (needs root); the full-disk test did not run"
            );
            None
        }
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    /// Fills the disk to the last byte.
    fn fill(&self) {
        use std::io::Write;
        let mut f = std::fs::File::create(self.path().join("filler")).expect("filler");
        let block = vec![0u8; 4096];
        while f.write_all(&block).is_ok() {}
        // Fill the last bytes too; these are expected to fail (the disk is full).
        f.write_all(&[0u8; 1]).ok();
        f.sync_all().ok();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        if let Err(e) = std::process::Command::new("umount")
            .arg(self.0.path())
            .status()
        {
            eprintln!("umount: {e}");
        }
    }
}

#[test]
fn a_full_disk_on_save_keeps_the_old_file_and_says_why() {
    let Some(disk) = SmallDisk::mount(512) else {
        return;
    };
    let p = disk.path().join("a.ron");
    let a = load(&example_path()).expect("example");
    save(&p, &a).expect("first save fits");
    let before = std::fs::read(&p).expect("read");
    disk.fill();
    let mut b = a.clone();
    b.meta.notes = "a longer note ".repeat(20_000);
    let err = save(&p, &b).expect_err("the disk is full");
    assert_eq!(err.kind(), std::io::ErrorKind::StorageFull, "{err}");
    assert_eq!(
        std::fs::read(&p).expect("still there"),
        before,
        "the old file is intact"
    );
    assert_eq!(load(&p).expect("and loads"), a);
    let stray: Vec<String> = std::fs::read_dir(disk.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "temporary files left: {stray:?}");
    // A save that fits still works once space is freed.
    std::fs::remove_file(disk.path().join("filler")).expect("free");
    save(&p, &b).expect("saves after freeing space");
    assert_eq!(load(&p).expect("loads"), b);
}

/// Adding a dataset of another country (ACLED Mali) renames every region
/// "NAME (Country)" in the matrix; the worked example's review must not
/// move: the same suggestions, trends, flags and benchmark statuses.
#[test]
fn another_countrys_dataset_changes_nothing_in_the_review() {
    let mali = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/acled-mali-hdx/conflict_data_mli.csv");
    if !mali.exists() {
        eprintln!("skipped: {} is not here", mali.display());
        return;
    }
    let path = example_path();
    let a = load(&path).expect("loads");
    let (mut ws, _) = poc_workbench::assessment::review::open_datasets(&a, &path);
    let alone = review(&a, &ws);
    let d =
        import_file(&mali, &ImportOptions::default(), &Progress::default()).expect("Mali reads");
    ws.add(d);
    let names = &ws
        .regions(poc_workbench::analysis::RegionLevel::Admin1)
        .names;
    assert!(
        names.iter().any(|n| n == "North Darfur (Sudan)"),
        "two countries: names carry their country"
    );
    let both = review(&a, &ws);
    let key = |r: &poc_workbench::assessment::review::Review| {
        r.entries
            .iter()
            .map(|e| {
                (
                    e.id,
                    e.suggested,
                    e.trend,
                    e.recent_events,
                    e.previous_events,
                    e.flags,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&alone), key(&both));
    let bench = |r: &poc_workbench::assessment::review::Review| {
        r.benchmarks
            .iter()
            .map(|b| (b.value, b.status))
            .collect::<Vec<_>>()
    };
    assert_eq!(bench(&alone), bench(&both));
    let bases = |r: &poc_workbench::assessment::review::Review| {
        r.bases
            .iter()
            .map(|b| (b.before, b.after, b.cliff))
            .collect::<Vec<_>>()
    };
    assert_eq!(bases(&alone), bases(&both));
}

/// Region aliases (issue #13): "Northern Darfur" counted as "North Darfur"
/// moves every Northern Darfur event into North Darfur, in the matrix and
/// in the review of an entry that still names the old region; the annex
/// lists the merge.
#[test]
fn a_region_alias_merges_two_names_everywhere() {
    let path = example_path();
    let mut a = load(&path).expect("loads");
    let (ws, _) = poc_workbench::assessment::review::open_datasets(&a, &path);
    let m = poc_workbench::analysis::ThreatMatrix::compute(&ws, &Default::default(), None);
    let events = |m: &poc_workbench::analysis::ThreatMatrix, r: &str| {
        m.regions
            .iter()
            .position(|n| n == r)
            .map(|i| m.column_totals[i].events)
    };
    let (north, northern) = (
        events(&m, "North Darfur").expect("North Darfur"),
        events(&m, "Northern Darfur").expect("Northern Darfur"),
    );
    a.region_aliases
        .push(poc_workbench::assessment::RegionAlias {
            from: "Northern Darfur".into(),
            to: "North Darfur".into(),
        });
    // An entry written against the old name.
    a.register[0].regions = vec!["Northern Darfur".into()];
    let (ws, _) = poc_workbench::assessment::review::open_datasets(&a, &path);
    let merged = poc_workbench::analysis::ThreatMatrix::compute(&ws, &Default::default(), None);
    assert_eq!(events(&merged, "North Darfur"), Some(north + northern));
    assert_eq!(events(&merged, "Northern Darfur"), None);
    assert_eq!(
        merged.total.events, m.total.events,
        "nothing lost or doubled"
    );
    let r = review(&a, &ws);
    assert_eq!(r.entries[0].regions, vec!["North Darfur".to_string()]);
    let f = poc_workbench::analysis::Filter {
        perpetrators: Some([a.register[0].perpetrator].into()),
        regions: Some(["North Darfur".to_string()].into()),
        ..Default::default()
    };
    let c = poc_workbench::analysis::ThreatMatrix::compute(&ws, &f, Some(a.meta.as_of)).total;
    assert_eq!(r.entries[0].recent_events, c.recent_events);
    let annex = poc_workbench::annex::build(
        Some(&a),
        &ws,
        &poc_workbench::annex::AnnexOptions::for_assessment(&a, date("2021-01-15")),
    );
    let md = poc_workbench::annex::markdown::write(&annex);
    assert!(
        md.contains("Northern Darfur counted as North Darfur"),
        "the annex lists the merge"
    );
}

/// An annex made from an assessment whose mission and country are blank
/// leaves no gap in its opening sentence ("after  draws down in , …").
#[test]
fn blank_details_leave_no_gap_in_the_annex() {
    let path = example_path();
    let mut a = load(&path).expect("loads");
    let (ws, _) = poc_workbench::assessment::review::open_datasets(&a, &path);
    a.meta.mission = String::new();
    a.meta.country = " ".into();
    let annex = poc_workbench::annex::build(
        Some(&a),
        &ws,
        &poc_workbench::annex::AnnexOptions::for_assessment(&a, date("2021-01-15")),
    );
    let md = poc_workbench::annex::markdown::write(&annex);
    assert!(
        md.contains("expected to remain after the mission draws down, who"),
        "{}",
        &md[..md.len().min(2000)]
    );
    assert!(!md.contains("after  draws") && !md.contains(" in , "));
}

/// Issue #16 (data loss, 10): a misspelled field in an assessment or a
/// mapping is refused with its line and column, never accepted and dropped
/// on the next save.
#[test]
fn misspelled_fields_are_refused_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = std::fs::read_to_string(example_path()).expect("read");
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        good.replacen("    mission: \"UNAMID\",", "    misson: \"UNAMID\",", 1),
    )
    .expect("write");
    let e = load(&bad).expect_err("refused").to_string();
    assert!(
        e.contains("misson") && e.contains("line 11, column 9"),
        "{e}"
    );
    let mapping = dir.path().join("m.ron");
    std::fs::write(
        &mapping,
        "(\n    date: \"Date\",\n    admin_1: Some(\"State\"),\n)\n",
    )
    .expect("write");
    let e = poc_workbench::import::ColumnMapping::load(&mapping)
        .expect_err("refused")
        .to_string();
    assert!(
        e.contains("admin_1") && e.contains("line 3, column 5"),
        "{e}"
    );
}

/// Issue #16 (6, 12): special files and odd encodings around the
/// assessment: a device or a pipe named as an assessment or a mapping is
/// refused before any read (it used to read until memory ran out); a BOM
/// is read past; invalid UTF-8 is refused with its line and column (it was
/// replaced, changing the text on the next save); saving through a
/// symbolic link writes the file it points to and keeps the link.
#[test]
fn special_files_bom_invalid_utf8_and_symlinks_are_handled() {
    let started = std::time::Instant::now();
    let e = load(Path::new("/dev/zero"))
        .expect_err("refused")
        .to_string();
    assert!(e.contains("not a regular file"), "{e}");
    let e = poc_workbench::import::ColumnMapping::load(Path::new("/dev/zero"))
        .expect_err("refused")
        .to_string();
    assert!(e.contains("not a regular file"), "{e}");
    assert!(started.elapsed().as_secs() < 5, "refused at once");
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let e = import_file(&fifo, &ImportOptions::default(), &Progress::default())
            .expect_err("refused")
            .to_string();
        assert!(e.contains("not a regular file"), "{e}");
    }
    let good = std::fs::read(example_path()).expect("read");
    let bom = dir.path().join("bom.ron");
    std::fs::write(&bom, [b"\xEF\xBB\xBF".as_slice(), &good].concat()).expect("write");
    assert!(load(&bom).is_ok(), "a BOM is read past");
    let text = String::from_utf8(good.clone()).expect("utf8");
    let broken = dir.path().join("broken.ron");
    let mut bytes = text.replacen("UNAMID", "UNAM\u{1}D", 1).into_bytes();
    let at = bytes.iter().position(|&b| b == 1).expect("marker");
    bytes[at] = 0xFF;
    std::fs::write(&broken, &bytes).expect("write");
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let e = load(&broken).expect_err("refused").to_string();
    assert!(
        e.contains("not UTF-8") && e.contains(&format!("line {line}, ")),
        "{e}"
    );
    // Save through a link.
    let real = dir.path().join("real.ron");
    std::fs::write(&real, &good).expect("write");
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let mut a = load(&link).expect("loads");
    a.meta.title = "Saved through a link".into();
    poc_workbench::assessment::file::save(&link, &a).expect("saves");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert_eq!(
        load(&real).expect("loads").meta.title,
        "Saved through a link"
    );
}

/// Issue #16 (11): an export recorded by another process while the window
/// has the assessment open is kept when the window saves its own changes
/// (the save takes the folder's lock and the records on disk first).
#[test]
fn a_save_keeps_the_exports_another_process_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.ron");
    let mut in_window = load(&example_path()).expect("example");
    in_window.exports.clear();
    save(&path, &in_window).expect("save");
    // The analyst edits in the window...
    in_window.meta.title = "Edited in the window".into();
    // ...while a command-line export records itself in the file.
    let record = ExportRecord {
        path: dir.path().join("annex.docx"),
        format: "docx".into(),
        level: SharingLevel::Public,
        date: date("2024-05-01"),
        recipients: vec!["Protection cluster".into()],
        sha256: "ab".repeat(32),
        k: Some(5),
        period: None,
        verified_only: false,
        lang: Default::default(),
    };
    poc_workbench::assessment::file::record_export(&path, record.clone()).expect("recorded");
    poc_workbench::assessment::file::save_keeping_exports(&path, &mut in_window).expect("saved");
    let on_disk = load(&path).expect("loads");
    assert_eq!(on_disk.meta.title, "Edited in the window");
    assert_eq!(on_disk.exports, vec![record.clone()]);
    assert_eq!(
        in_window.exports,
        vec![record],
        "the window's document has it too"
    );
    // Saved again: the record is not doubled.
    poc_workbench::assessment::file::save_keeping_exports(&path, &mut in_window).expect("saved");
    assert_eq!(load(&path).expect("loads").exports.len(), 1);
}
