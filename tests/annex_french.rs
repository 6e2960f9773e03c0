//! The annex in French (issue #19): the worked example's annex in French
//! holds no English word outside names, the analyst's own text and the
//! sources' citations, and every figure is the English annex's.

use poc_workbench::annex::{Annex, AnnexOptions, Cell, build, markdown, parse_level};
use poc_workbench::assessment::Assessment;
use poc_workbench::assessment::file::load;
use poc_workbench::assessment::review::open_datasets;
use poc_workbench::i18n::Lang;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn annex(
    a: &Assessment,
    ws: &poc_workbench::analysis::Workspace,
    level: &str,
    lang: Lang,
) -> Annex {
    let mut opts = AnnexOptions::for_assessment(
        a,
        chrono::NaiveDate::from_ymd_opt(2026, 1, 15).expect("a date"),
    );
    opts.level = parse_level(level).expect("a level");
    opts.lang = lang;
    build(Some(a), ws, &opts)
}

/// Words that give English away in running text (none is also French).
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "with",
    "events",
    "event",
    "threat",
    "threats",
    "region",
    "regions",
    "perpetrator",
    "perpetrators",
    "fatalities",
    "flags",
    "flag",
    "benchmark",
    "benchmarks",
    "method",
    "recorded",
    "rising",
    "falling",
    "none",
    "not",
    "rated",
    "successor",
    "tier",
    "months",
    "share",
    "withheld",
    "between",
    "counts",
    "count",
    "from",
    "where",
    "which",
    "state",
    "security",
    "armed",
    "groups",
    "civilian",
    "civilians",
    "harm",
    "level",
    "sharing",
    "period",
    "rows",
    "kept",
    "rejected",
    "trend",
    "trends",
    "previous",
    "recent",
    "likelihood",
    "risk",
    "low",
    "high",
    "medium",
    "handover",
    "gap",
    "mitigation",
    "review",
    "analyst",
    "data",
    "is",
    "are",
    "was",
    "by",
    "for",
    "to",
    "in",
    "on",
    "at",
    "or",
    "no",
    "yes",
    "only",
    "each",
    "every",
    "this",
];

/// The strings that come from the assessment and the data, not from the
/// workbench: the analyst's own text, names and places, file names, and
/// the citations the sources require in their own words.
fn own_text(a: &Assessment, ws: &poc_workbench::analysis::Workspace) -> Vec<String> {
    let m = &a.meta;
    let mut v: Vec<String> = vec![
        m.title.clone(),
        m.mission.clone(),
        m.country.clone(),
        m.document_number.clone(),
        m.version.clone(),
        m.cleared_by.clone(),
        m.notes.clone(),
        "Example recipient".into(),
        // Citations and names the sources require as they are.
        "Introducing the UCDP Georeferenced Event Dataset".into(),
        "UCDP Georeferenced Event Dataset".into(),
        "Georeferenced Event Dataset".into(),
        "Uppsala Conflict Data Program".into(),
        "Journal of Peace Research".into(),
        "Armed Conflict Location & Event Data".into(),
        "Natural Earth".into(),
        "Sundberg, Ralph".into(),
        "Erik Melander".into(),
        "POC Transition Workbench".into(),
        "CC BY 4.0".into(),
        "(unknown)".into(),
        "State".into(),
    ];
    v.extend(m.authors.iter().cloned());
    v.extend(m.key_judgements.iter().cloned());
    for e in &a.register {
        v.push(e.rationale.clone());
        v.push(e.mitigation.clone());
        v.extend(e.actor_group.iter().cloned());
        v.extend(e.regions.iter().cloned());
        for s in e.successors.values() {
            if let poc_workbench::assessment::Successor::Other(x) = s {
                v.push(x.clone());
            }
        }
    }
    for b in &a.benchmarks {
        v.push(b.name.clone());
        v.push(b.monitor.clone());
        v.extend(b.regions.iter().cloned());
    }
    for b in &a.footprint {
        v.push(b.name.clone());
        v.push(b.region.clone());
    }
    for r in &a.reclassifications {
        v.push(r.actor.clone());
        v.push(r.reason.clone());
    }
    for r in &a.region_aliases {
        v.push(r.from.clone());
        v.push(r.to.clone());
    }
    for h in &a.hrddp {
        v.push(h.actor.clone());
        v.push(h.mitigation.clone());
        v.push(h.supporting_entity.clone());
    }
    for level in [
        poc_workbench::analysis::RegionLevel::Admin1,
        poc_workbench::analysis::RegionLevel::Admin2,
    ] {
        v.extend(ws.regions(level).names.iter().cloned());
    }
    for d in &ws.datasets {
        v.extend(
            d.meta
                .path
                .file_name()
                .map(|n| n.to_string_lossy().to_string()),
        );
        let inc = &d.incidents;
        for i in 0..inc.len() {
            v.push(inc.names.get(inc.actor[i]).to_string());
        }
    }
    v.retain(|s| !s.trim().is_empty());
    // Longest first, so a name is removed before a part of it.
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.dedup();
    v
}

#[test]
fn the_french_annex_of_the_worked_example_has_no_english_outside_names_and_sources() {
    let ron = root().join("sample-data/darfur-transition.ron");
    let a = load(&ron).expect("example loads");
    let (ws, _) = open_datasets(&a, &ron);
    let own = own_text(&a, &ws);
    for level in ["internal", "un-partners", "public"] {
        let fr = annex(&a, &ws, level, Lang::Fr);
        let mut text = markdown::write(&fr);
        for s in &own {
            text = text.replace(s.as_str(), " ");
        }
        // Addresses are not words.
        let text: String = text
            .split(' ')
            .filter(|w| !w.contains("://") && !w.starts_with("www."))
            .collect::<Vec<_>>()
            .join(" ");
        let mut found = std::collections::BTreeMap::<String, String>::new();
        for line in text.lines() {
            for w in line.split(|c: char| !c.is_alphanumeric() && c != '\'') {
                let lw = w.to_lowercase();
                if ENGLISH.contains(&lw.as_str()) {
                    found.entry(lw).or_insert_with(|| line.to_string());
                }
            }
        }
        assert!(
            found.is_empty(),
            "{level}: English words in the French annex:\n{}",
            found
                .iter()
                .map(|(w, l)| format!("  {w}: {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        // The UN's terms (docs/glossaire-fr.md).
        for term in [
            "Forces de sécurité de l'État",
            "Registre des menaces résiduelles",
            "Jalons",
            "Méthode et sources",
        ] {
            assert!(
                markdown::write(&fr).contains(term),
                "{level}: '{term}' missing"
            );
        }
    }
    let internal = markdown::write(&annex(&a, &ws, "internal", Lang::Fr));
    for term in [
        "protection par le dialogue et l'engagement",
        "protection physique",
        "instauration d'un environnement protecteur",
        "Équipe de pays des Nations Unies",
    ] {
        assert!(internal.contains(term), "'{term}' missing");
    }
}

#[test]
fn the_french_annex_prints_the_english_annex_figures() {
    let ron = root().join("sample-data/darfur-transition.ron");
    let a = load(&ron).expect("example loads");
    let (ws, _) = open_datasets(&a, &ron);
    for level in ["internal", "un-partners", "host-government", "public"] {
        let en = annex(&a, &ws, level, Lang::En);
        let fr = annex(&a, &ws, level, Lang::Fr);
        let (te, tf): (Vec<_>, Vec<_>) = (en.tables().collect(), fr.tables().collect());
        assert_eq!(te.len(), tf.len(), "{level}: tables");
        let mut figures = 0;
        for (e, f) in te.iter().zip(&tf) {
            assert_eq!(e.id, f.id);
            assert_eq!(e.rows.len(), f.rows.len(), "{level} {}", e.id);
            for (re, rf) in e.rows.iter().zip(&f.rows) {
                for (ce, cf) in re.iter().zip(rf) {
                    if !matches!(ce, Cell::Text(_)) {
                        assert_eq!(ce, cf, "{level} {}", e.id);
                        figures += 1;
                    }
                }
            }
        }
        assert!(figures > 50, "{level}: {figures} figures compared");
        // The French writing of a count: a narrow no-break space.
        let md = markdown::write(&fr);
        if level == "internal" {
            assert!(md.contains("| 3\u{202F}822 |"), "French numbers");
        }
        // And the same disclosure: the French annex passes the same checks.
        poc_workbench::annex::screen::check(&fr).unwrap_or_else(|e| panic!("{level}: {e}"));
    }
}
