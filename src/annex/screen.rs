//! The last checks on a finished annex, run before any writer (METHODOLOGY
//! §6): the disclosure audit of every printed figure (`pattern.rs`), and
//! the screening of every string that leaves above `internal` for names
//! that must not leave. A document that fails is refused whole, with each
//! problem named.

use super::Annex;
use crate::i18n::{Bi, Lang};

/// At most this many problems are listed in a refusal.
const MAX_LISTED: usize = 12;

/// `Ok` when the annex may be written; otherwise one message naming every
/// problem (the first few).
pub fn check(annex: &Annex) -> Result<(), Bi> {
    let mut problems = Vec::new();
    if annex.level != crate::assessment::SharingLevel::Internal && annex.k < super::MIN_K {
        let (k, min) = (annex.k, super::MIN_K);
        problems.push(crate::bi!(
            "k = {k} is below {min}: every <{k} count would be exactly known",
            "k = {k} est inférieur à {min} : chaque nombre <{k} serait connu exactement"
        ));
    }
    if let Err(e) = super::final_audit::audit_annex(annex) {
        problems.extend(e);
    }
    problems.extend(name_leaks(annex));
    if problems.is_empty() {
        return Ok(());
    }
    let n = problems.len();
    Err(crate::i18n::both(|lang| {
        let level = super::level_key(annex.level);
        let mut msg = match lang {
            Lang::En => format!(
                "refused: the annex fails its disclosure checks at sharing level {level} ({n} problem{}):",
                if n == 1 { "" } else { "s" }
            ),
            Lang::Fr => format!(
                "refusé : l'annexe échoue à ses contrôles de confidentialité au niveau de diffusion {level} ({n} problème{}) :",
                if n > 1 { "s" } else { "" }
            ),
        };
        for p in problems.iter().take(MAX_LISTED) {
            msg.push_str("\n  - ");
            msg.push_str(p.get(lang));
        }
        if n > MAX_LISTED {
            let more = n - MAX_LISTED;
            msg.push_str(&crate::lf!(
                lang,
                "\n  - … and {more} more",
                "\n  - … et {more} autres"
            ));
        }
        msg
    }))
}

/// Text folded for name matching: lower case, accents dropped, letters and
/// digits only, with the places where a word starts or ends, so that a name
/// matches across case, accents, spacing and punctuation but only on whole
/// words (`R.S.F.` and `rsf` match `RSF`; `others from` does not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    /// Byte offsets in `text` where a word starts or ends.
    pub edges: Vec<usize>,
}

/// Folds `s` (see [`Folded`]).
pub fn fold(s: &str) -> Folded {
    use unicode_normalization::UnicodeNormalization;
    let mut text = String::with_capacity(s.len());
    let mut edges = vec![0];
    let mut in_word = false;
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if !in_word && !text.is_empty() {
                edges.push(text.len());
            }
            in_word = true;
            text.extend(c.to_lowercase());
        } else {
            in_word = false;
        }
    }
    if edges.last() != Some(&text.len()) {
        edges.push(text.len());
    }
    Folded { text, edges }
}

/// Words that describe a kind of perpetrator rather than name one
/// (Insecurity Insight's name column holds `Militia`, `Criminal`,
/// `Employee`, `Unidentified Armed Actor`…).
const GENERIC_WORDS: &[&str] = &[
    "a",
    "actor",
    "actors",
    "and",
    "armed",
    "army",
    "bandit",
    "bandits",
    "civilian",
    "civilians",
    "community",
    "criminal",
    "criminals",
    "employee",
    "employees",
    "family",
    "father",
    "force",
    "forces",
    "government",
    "group",
    "groups",
    "gunman",
    "gunmen",
    "health",
    "herder",
    "herders",
    "husband",
    "idp",
    "idps",
    "individual",
    "individuals",
    "information",
    "intimate",
    "local",
    "man",
    "member",
    "members",
    "men",
    "military",
    "militia",
    "militias",
    "multiple",
    "n",
    "neighbor",
    "neighbour",
    "no",
    "not",
    "of",
    "or",
    "other",
    "others",
    "partner",
    "patient",
    "patients",
    "perpetrator",
    "perpetrators",
    "person",
    "persons",
    "police",
    "refugee",
    "refugees",
    "relative",
    "relatives",
    "security",
    "soldier",
    "soldiers",
    "spouse",
    "staff",
    "state",
    "stepfather",
    "stranger",
    "student",
    "students",
    "teacher",
    "teachers",
    "the",
    "uncle",
    "unidentified",
    "unknown",
    "worker",
    "workers",
];

/// Whether a folded name is only generic words (see `GENERIC_WORDS`): it
/// describes a kind of perpetrator, names no one, and would otherwise
/// refuse every annex whose method text says "militia".
fn generic(f: &Folded) -> bool {
    f.edges
        .windows(2)
        .all(|w| GENERIC_WORDS.binary_search(&&f.text[w[0]..w[1]]).is_ok())
}

/// Names that must not leave above `internal` (METHODOLOGY §6: actors of
/// sexual-violence, abduction or child-rights records), folded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    names: Vec<(String, String)>,
}

impl Names {
    /// The names to screen for (blank ones are dropped).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Names {
        let mut out: Vec<(String, String)> = names
            .into_iter()
            .map(|n| (fold(n), n.trim().to_string()))
            .filter(|(f, _)| !f.text.is_empty() && !generic(f))
            .map(|(f, n)| (f.text, n))
            .collect();
        out.sort();
        out.dedup_by(|a, b| a.0 == b.0);
        Names { names: out }
    }

    /// Whether there is nothing to screen for.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The first listed name that `text` holds, as the data spells it.
    pub fn find(&self, text: &str) -> Option<&str> {
        if self.names.is_empty() || text.trim().is_empty() {
            return None;
        }
        let f = fold(text);
        for (name, original) in &self.names {
            let mut from = 0;
            while let Some(at) = f.text[from..].find(name.as_str()) {
                let start = from + at;
                let end = start + name.len();
                if f.edges.binary_search(&start).is_ok() && f.edges.binary_search(&end).is_ok() {
                    return Some(original);
                }
                from = start + f.text[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        None
    }

    /// `text`, or `None` when it holds a listed name.
    pub fn clean(&self, text: &str) -> Option<String> {
        self.find(text).is_none().then(|| text.to_string())
    }
}

/// Every string of the annex that a reader sees, with where it is.
fn strings(annex: &Annex) -> Vec<(String, &str)> {
    use super::Block;
    use super::charts::Chart;
    let mut out: Vec<(String, &str)> = vec![
        ("the title".into(), annex.title.as_str()),
        ("the subtitle".into(), annex.subtitle.as_str()),
    ];
    out.extend(
        annex
            .recipients
            .iter()
            .map(|r| ("the recipients".into(), r.as_str())),
    );
    out.extend(
        annex
            .attributions
            .iter()
            .map(|r| ("the attributions".into(), r.as_str())),
    );
    for s in &annex.sections {
        let section = format!("section {} ({})", s.number, s.title);
        out.push((section.clone(), s.title.as_str()));
        let mut at = section.clone();
        for b in &s.blocks {
            match b {
                Block::Heading(h) => {
                    at = format!("{section}, under \"{h}\"");
                    out.push((at.clone(), h));
                }
                Block::Paragraph(h) => out.push((at.clone(), h)),
                Block::Bullets(v) => out.extend(v.iter().map(|x| (at.clone(), x.as_str()))),
                Block::Table(t) => {
                    let at = format!("{at}, table \"{}\"", t.caption);
                    out.push((at.clone(), t.caption.as_str()));
                    out.extend(t.header.iter().map(|x| (at.clone(), x.as_str())));
                    out.extend(t.notes.iter().map(|x| (at.clone(), x.as_str())));
                    for r in &t.rows {
                        for c in r {
                            if let super::Cell::Text(x) = c {
                                out.push((at.clone(), x.as_str()));
                            }
                        }
                    }
                }
                Block::Figure(f) => {
                    let at = format!("{at}, figure \"{}\"", f.caption);
                    out.push((at.clone(), f.caption.as_str()));
                    out.push((at.clone(), f.alt.as_str()));
                    match &f.chart {
                        Chart::Heat { rows, cols, .. } => {
                            out.extend(rows.iter().chain(cols).map(|x| (at.clone(), x.as_str())));
                        }
                        Chart::Map { areas, .. } => {
                            out.extend(areas.iter().map(|a| (at.clone(), a.name.as_str())));
                        }
                        Chart::Monthly { months, series, .. } => {
                            out.extend(months.iter().map(|x| (at.clone(), x.as_str())));
                            out.extend(series.iter().map(|x| (at.clone(), x.label.as_str())));
                        }
                    }
                }
            }
        }
    }
    out
}

/// The places where a listed name appears in the annex.
pub fn name_leaks(annex: &Annex) -> Vec<Bi> {
    if annex.level == crate::assessment::SharingLevel::Internal || annex.names.is_empty() {
        return Vec::new();
    }
    strings(annex)
        .into_iter()
        .filter_map(|(at, s)| {
            annex.names.find(s).map(|_| {
                crate::bi!(
                    "{at}: holds the name of an actor from sexual-violence, abduction or child-rights records (withheld above internal; edit or un-clear that text)",
                    "{at} : contient le nom d'un acteur d'enregistrements de violences sexuelles, d'enlèvements ou de violations des droits de l'enfant (retenu au-delà du niveau interne ; modifiez ce texte ou retirez son autorisation)"
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_describe_a_kind_of_perpetrator_are_not_names() {
        let n = Names::new([
            "Militia",
            "Unidentified Armed Actor",
            "Fulani herdsmen",
            "India Police",
        ]);
        assert_eq!(n.find("a pro-government militia as state forces"), None);
        assert_eq!(n.find("unidentified armed actor"), None);
        assert_eq!(
            n.find("attacks by Fulani herdsmen"),
            Some("Fulani herdsmen")
        );
        assert_eq!(n.find("the India police said"), Some("India Police"));
    }

    #[test]
    fn names_match_across_case_accents_spacing_and_punctuation_on_whole_words() {
        let n = Names::new([
            "Rapid Support Forces",
            "RSF",
            "Janjaweed Militia (Sudan)",
            " ",
        ]);
        assert_eq!(
            n.find("rapid-support  forces  attacked"),
            Some("Rapid Support Forces")
        );
        assert_eq!(n.find("by the R.S.F. in May"), Some("RSF"));
        assert_eq!(
            n.find("JANJAWÉED militia, Sudan"),
            Some("Janjaweed Militia (Sudan)")
        );
        assert_eq!(n.find("others from the east"), None);
        assert_eq!(n.find("Rapid Supporters"), None);
        assert_eq!(n.clean("no name here"), Some("no name here".into()));
        assert!(Names::new([""]).is_empty());
    }
}
