//! Safe sharing (METHODOLOGY §6) as a careful reader would test it: names
//! planted in sexual-violence and abduction records, spelled differently in
//! re-classifications, actor groups and every free-text field, must reach no
//! export above `internal` in any of the five formats (DOCX and XLSX opened
//! as zips, every part read); cleared free text holding such a name is
//! refused, and nothing is written; k below 3 is refused; an annex or
//! assessment keeps its permissions when rewritten; Markdown carries no raw
//! HTML from the data.

use poc_workbench::assessment::file::{load, save};
use poc_workbench::assessment::{
    Assessment, Benchmark, BenchmarkMetric, Direction, Meta, Reclassification, SharingLevel,
    Successor, ThreatEntry, Tier,
};
use poc_workbench::model::{PerpetratorType, SourceFormat};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_poc-workbench"))
}

/// Two planted names, each distinctive enough that it cannot occur by chance.
const SV_ACTOR: &str = "Zorblatqx Brigade";
const ABDUCTION_ACTOR: &str = "Quvexan Militia";

/// An ACLED-shaped file: sexual violence by one planted actor, abductions
/// by the other, and ordinary attacks by state forces, in two regions.
fn planted_data(dir: &Path) -> PathBuf {
    let mut text = String::from(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,civilian_targeting,country,admin1,latitude,longitude,fatalities\n",
    );
    let mut n = 0;
    let mut row = |date: &str, sub: &str, actor: &str, inter: &str, region: &str, f: u32| {
        n += 1;
        text.push_str(&format!(
            "TST{n},{date},Violence against civilians,{sub},{actor},{inter},Civilians (Testland),Civilians,Civilians targeted,Testland,{region},12.{n:03},20.{n:03},{f}\n"
        ));
    };
    for m in 1..=12 {
        let d = format!("2020-{m:02}-15");
        row(
            &d,
            "Attack",
            "Military Forces of Testland",
            "State forces",
            "North",
            2,
        );
        row(
            &d,
            "Attack",
            "Military Forces of Testland",
            "State forces",
            "South",
            1,
        );
        if m % 3 == 0 {
            row(
                &d,
                "Sexual violence",
                SV_ACTOR,
                "Identity militia",
                "North",
                0,
            );
        }
        if m % 4 == 0 {
            row(
                &d,
                "Abduction/forced disappearance",
                ABDUCTION_ACTOR,
                "Political militia",
                "South",
                0,
            );
        }
    }
    let p = dir.join("planted.csv");
    std::fs::write(&p, text).expect("write data");
    p
}

/// An assessment that names the planted actors everywhere an analyst could:
/// a re-classification spelled in lower case with stray spaces, an actor
/// group with a hyphen, a rationale, a mitigation, a re-classification
/// reason, a benchmark name and monitor, an "other" successor.
fn planted_assessment(dir: &Path, data: &Path) -> PathBuf {
    let mut a = Assessment::new(Meta {
        notes: format!("Internal note about {SV_ACTOR}."),
        ..Meta::new(
            "Testland: residual threats",
            "UNMIT",
            "Testland",
            "2020-12-31".parse().expect("date"),
        )
    });
    a.datasets.push(Assessment::dataset_ref(
        data,
        SourceFormat::Acled,
        None,
        Some(dir),
    ));
    a.reclassifications.push(Reclassification {
        actor: "  zorblatqx   brigade ".into(),
        to: PerpetratorType::StateForces,
        reason: format!("Witnesses say the {ABDUCTION_ACTOR} works with the army."),
        reason_cleared: None,
    });
    let mut e = ThreatEntry::new(1, PerpetratorType::IdentityMilitias, vec!["North".into()]);
    e.actor_group = Some("ZORBLATQX-brigade".into());
    e.likelihood = Some(4);
    e.impact = Some(4);
    e.rationale = format!(
        "Survivors name the {} in three villages.",
        SV_ACTOR.to_uppercase()
    );
    e.mitigation = "Engage the elders on the quvexan  militia.".to_string();
    e.residual = true;
    e.tiers = vec![Tier::I, Tier::II];
    e.successors.insert(
        Tier::I,
        Successor::Other("Zorblatqx  Brigade liaison".into()),
    );
    e.successors.insert(Tier::II, Successor::ProtectionCluster);
    a.register.push(e);
    a.benchmarks.push(Benchmark {
        name: format!("Attacks by the {ABDUCTION_ACTOR}"),
        metric: BenchmarkMetric::CivilianHarmEvents,
        perpetrators: vec![],
        regions: vec![],
        window_months: 6,
        threshold: 10,
        direction: Direction::AtMost,
        core: true,
        monitor: "Zorblatqx Brigade watchers".into(),
        text_cleared: None,
        frequency: None,
    });
    let p = dir.join("planted.ron");
    save(&p, &a).expect("save");
    p
}

/// Every byte of an export that a reader could open: each file of a CSV
/// folder, each part of a DOCX or XLSX zip (not only the visible ones).
fn all_text(path: &Path) -> String {
    let mut out = String::new();
    if path.is_dir() {
        for e in std::fs::read_dir(path).expect("dir").flatten() {
            out.push_str(&all_text(&e.path()));
        }
        return out;
    }
    let bytes = std::fs::read(path).expect("read");
    if bytes.starts_with(b"PK") {
        let mut z = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
        for i in 0..z.len() {
            let mut f = z.by_index(i).expect("part");
            let mut v = Vec::new();
            f.read_to_end(&mut v).expect("read part");
            out.push_str(&String::from_utf8_lossy(&v));
            out.push('\n');
        }
    } else {
        out.push_str(&String::from_utf8_lossy(&bytes));
    }
    out
}

/// Letters and digits only, lower case: a name survives any spacing,
/// punctuation or markup between its words.
fn squash(s: &str) -> String {
    // Drop XML tags so that a name split across runs is still found.
    let mut plain = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn export(ron: &Path, format: &str, level: &str, out: &Path, extra: &[&str]) -> (bool, String) {
    let o = bin()
        .args(["export", "--assessment"])
        .arg(ron)
        .args(["--format", format, "--sharing", level, "--out"])
        .arg(out)
        .args(["--date", "2026-01-15"])
        .args(extra)
        .output()
        .expect("runs");
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stderr).to_string(),
    )
}

#[test]
fn planted_names_reach_no_export_above_internal_in_any_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = planted_data(dir.path());
    let ron = planted_assessment(dir.path(), &data);
    let needles = [squash("zorblatqx"), squash("quvexan")];
    // The names do reach the internal annex: the test can see them.
    let out = dir.path().join("internal.md");
    let (ok, err) = export(&ron, "md", "internal", &out, &[]);
    assert!(ok, "{err}");
    let t = squash(&all_text(&out));
    assert!(needles.iter().all(|n| t.contains(n.as_str())), "internal");
    for level in ["un-partners", "host-government", "public"] {
        for format in ["docx", "html", "md", "xlsx", "csv"] {
            let out = dir.path().join(format!("{level}.{format}"));
            let (ok, err) = export(&ron, format, level, &out, &[]);
            assert!(ok, "{level} {format}: {err}");
            let t = squash(&all_text(&out));
            for n in &needles {
                assert!(!t.contains(n.as_str()), "{level} {format}: {n} leaked");
            }
        }
    }
}

#[test]
fn cleared_text_that_names_a_listed_actor_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = planted_data(dir.path());
    let ron = planted_assessment(dir.path(), &data);
    let mut a = load(&ron).expect("load");
    a.register[0].rationale_cleared = Some(SharingLevel::Public);
    save(&ron, &a).expect("save");
    for level in ["un-partners", "public"] {
        let out = dir.path().join(format!("cleared-{level}.md"));
        let (ok, err) = export(&ron, "md", level, &out, &[]);
        assert!(
            !ok,
            "{level}: a cleared rationale naming the actor was exported"
        );
        assert!(
            err.contains("refused") && err.contains("Rationale"),
            "{level}: {err}"
        );
        assert!(!out.exists(), "{level}: nothing is written");
    }
    // Cleared text without a listed name goes out, as written.
    a.register[0].rationale = "Attacks continue in three villages.".into();
    save(&ron, &a).expect("save");
    let out = dir.path().join("cleared-ok.md");
    let (ok, err) = export(&ron, "md", "public", &out, &[]);
    assert!(ok, "{err}");
    assert!(all_text(&out).contains("Attacks continue in three villages."));
    // Not cleared for host-government: not in that export.
    a.register[0].rationale_cleared = Some(SharingLevel::UnPartners);
    save(&ron, &a).expect("save");
    let out = dir.path().join("hg.md");
    let (ok, err) = export(&ron, "md", "host-government", &out, &[]);
    assert!(ok, "{err}");
    assert!(!all_text(&out).contains("three villages"));
}

#[test]
fn k_below_three_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = planted_data(dir.path());
    let ron = planted_assessment(dir.path(), &data);
    let out = dir.path().join("k2.md");
    let (ok, err) = export(&ron, "md", "public", &out, &["--k", "2"]);
    assert!(!ok && err.contains("at least 3"), "{err}");
    assert!(!out.exists());
    // An assessment that asks for k = 2 is refused at export too.
    let mut a = load(&ron).expect("load");
    a.suppression_k = 2;
    save(&ron, &a).expect("save");
    let (ok, err) = export(&ron, "md", "public", &out, &[]);
    assert!(!ok && err.contains("k = 2"), "{err}");
    assert!(!out.exists());
}

#[cfg(unix)]
#[test]
fn a_rewritten_annex_and_assessment_keep_their_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let data = planted_data(dir.path());
    let ron = planted_assessment(dir.path(), &data);
    let out = dir.path().join("annex.md");
    std::fs::write(&out, "old").expect("write");
    for p in [&out, &ron] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    // "old" was not written by an export: replacing it must be asked for.
    let (ok, err) = export(&ron, "md", "public", &out, &["--replace"]);
    assert!(ok, "{err}");
    for p in [&out, &ron] {
        let mode = std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", p.display());
    }
}

#[test]
fn html_in_region_names_does_not_reach_markdown_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("x.csv");
    let mut text = String::from(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,civilian_targeting,country,admin1,latitude,longitude,fatalities\n",
    );
    for i in 0..12 {
        text.push_str(&format!(
            "X{i},2020-0{}-10,Violence against civilians,Attack,Army,State forces,Civilians (T),Civilians,Civilians targeted,T,<script>alert(1)</script>,1.0,2.0,1\n",
            1 + i % 9
        ));
    }
    std::fs::write(&p, text).expect("write");
    let out = dir.path().join("x.md");
    let o = bin()
        .args(["export", "--data"])
        .arg(&p)
        .args(["--format", "md", "--sharing", "internal", "--out"])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(&out).expect("read");
    assert!(md.contains("&lt;script>"), "escaped");
    assert!(!md.contains("<script"), "no raw HTML");
}

/// Issue #16 (7): suppression at many regions. The audit's linear
/// programmes spanned the whole table: 145 regions of scattered small
/// counts took a minute. Past `DECOUPLED_REGIONS` the figures over several
/// regions are withheld and the audit is split by region: the export is
/// written in seconds. And the audit has a time limit: past it (here made
/// 0 s) the export above internal is refused with what to do, and nothing
/// is written.
#[test]
fn many_regions_export_in_seconds_and_an_audit_out_of_time_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("scattered.csv");
    let mut text = String::from(
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n",
    );
    let actors = [
        ("Military Forces of Sudan (2019-)", "State forces"),
        ("Rapid Support Forces", "Political militia"),
        ("Unidentified Armed Group (Sudan)", "Rebel group"),
        ("Arab Ethnic Militia (Sudan)", "Identity militia"),
    ];
    // A fixed linear congruential sequence: the same table every run.
    let mut x: u64 = 12345;
    let mut next = |n: u64| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % n
    };
    for i in 0..4000 {
        let (a, t) = actors[next(4) as usize];
        let (region, y, m, d, f) = (
            next(145),
            2021 + next(2),
            1 + next(12),
            1 + next(27),
            next(4),
        );
        text.push_str(&format!(
            "SDN{i},{y}-{m:02}-{d:02},{y},1,Political violence,Violence against civilians,Attack,{a},,{t},Civilians (Sudan),,Civilians,x,Civilians targeted,729,Northern Africa,Sudan,Region {region},D{region},,Place,12.0,24.0,1,src,National,n,{f},,1\n"
        ));
    }
    std::fs::write(&data, text).expect("write");
    let out = dir.path().join("annex.md");
    let export = |secs: &str| {
        let started = std::time::Instant::now();
        let o = bin()
            .env("POC_AUDIT_SECONDS", secs)
            .args(["export", "--format", "md", "--sharing", "public", "--out"])
            .arg(&out)
            .arg("--data")
            .arg(&data)
            .output()
            .expect("runs");
        (o, started.elapsed())
    };
    let (o, took) = export("80");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(took < std::time::Duration::from_secs(30), "{took:?}");
    let md = std::fs::read_to_string(&out).expect("written");
    assert!(
        md.contains("The tables cover 145 regions"),
        "the annex says why"
    );
    std::fs::remove_file(&out).expect("removed");
    let (o, took) = export("0");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains("too large or too intricate for the disclosure audit"),
        "{err}"
    );
    assert!(err.contains("share it at internal"), "{err}");
    assert!(took < std::time::Duration::from_secs(30), "{took:?}");
    assert!(!out.exists());
}
