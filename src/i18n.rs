//! The language of what the core writes: the annex in every format, the
//! core's labels (perpetrator types, flags, trends, risk bands, tiers,
//! violation types, section titles), and the numbers and dates in them.
//! The window speaks the same languages through Fluent (`app::i18n`,
//! which takes its labels from here, so the window, the annex and the
//! command line name things one way). French follows the UN's own terms
//! (`docs/glossaire-fr.md`).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The languages of the window and the annex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// `en` or `fr`, as `export --lang` takes it.
    pub fn key(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Lang::En),
            "fr" | "french" | "français" | "francais" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The language's own name, as a menu shows it in every language.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }
}

/// For serde: a field left out of a file when English.
pub fn is_english(l: &Lang) -> bool {
    *l == Lang::En
}

/// The text in the language: `l!(lang, "Flags", "Alertes")` gives a
/// `&'static str`.
#[macro_export]
macro_rules! l {
    ($lang:expr, $en:expr, $fr:expr $(,)?) => {
        match $lang {
            $crate::i18n::Lang::En => $en,
            $crate::i18n::Lang::Fr => $fr,
        }
    };
}

/// `format!` in the language: `lf!(lang, "{n} events", "{n} événements")`,
/// or with arguments after the two patterns. Only the chosen one runs.
#[macro_export]
macro_rules! lf {
    ($lang:expr, $en:literal, $fr:literal $(,)?) => {
        match $lang {
            $crate::i18n::Lang::En => format!($en),
            $crate::i18n::Lang::Fr => format!($fr),
        }
    };
    ($lang:expr, $en:literal, $fr:literal, $($arg:tt)+) => {
        match $lang {
            $crate::i18n::Lang::En => format!($en, $($arg)+),
            $crate::i18n::Lang::Fr => format!($fr, $($arg)+),
        }
    };
}

/// Digits grouped by three with `sep` (`29,833`; `29 833`).
fn grouped(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    let n = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A number written with a point (`1234567.25`, `-3`) in French form:
/// groups of three separated by a narrow no-break space, a decimal comma.
pub fn french_number(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::from(sign);
    out.push_str(&grouped(int, '\u{202F}'));
    if let Some(f) = frac {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// A count as the annex writes it: `29,833` in English, `29 833` in French.
pub fn count(lang: Lang, n: u64) -> String {
    match lang {
        Lang::En => grouped(&n.to_string(), ','),
        Lang::Fr => grouped(&n.to_string(), '\u{202F}'),
    }
}

/// A count as text and the window write it: plain digits in English
/// (`29833`, as scripts read the command line's output), grouped in French
/// (`29 833`).
pub fn plain_count(lang: Lang, n: u64) -> String {
    match lang {
        Lang::En => n.to_string(),
        Lang::Fr => count(lang, n),
    }
}

/// A decimal already written with a point (`format!("{:.1}")`).
pub fn decimal(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En => text.to_string(),
        Lang::Fr => french_number(text),
    }
}

/// The percent sign after a number: `69%`, `69 %`.
pub fn percent_sign(lang: Lang) -> &'static str {
    l!(lang, "%", "\u{202F}%")
}

/// A share (0–1) as a whole percentage.
pub fn percent(lang: Lang, share: f64) -> String {
    percent_with(lang, share, 0)
}

/// A share (0–1) as a percentage with `decimals` decimals (`68,6 %`).
pub fn percent_with(lang: Lang, share: f64, decimals: usize) -> String {
    let t = format!("{:.*}", decimals, share * 100.0);
    format!("{}{}", decimal(lang, &t), percent_sign(lang))
}

/// A date in prose: ISO in English (as the sources write it), "31 décembre
/// 2020" in French.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::En => d.to_string(),
        Lang::Fr => {
            const MONTHS: [&str; 12] = [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ];
            let day = if d.day() == 1 {
                "1er".to_string()
            } else {
                d.day().to_string()
            };
            format!("{day} {} {}", MONTHS[d.month0() as usize], d.year())
        }
    }
}

/// A month as a chart labels it (`2020-12`; `déc. 2020`).
pub fn month(lang: Lang, ym: &str) -> String {
    const SHORT: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    match (lang, ym.split_once('-')) {
        (Lang::Fr, Some((y, m))) => match m.parse::<usize>() {
            Ok(m @ 1..=12) => format!("{} {y}", SHORT[m - 1]),
            _ => ym.to_string(),
        },
        _ => ym.to_string(),
    }
}

/// « de » before a word, elided before a vowel or a mute h (« d'août »).
pub fn fr_de(word: &str) -> String {
    let elide = word
        .chars()
        .next()
        .is_some_and(|c| "aeiouyhàâéèêëîïôöûüAEIOUYHÀÂÉÈÊÎÔÛ".contains(c));
    if elide {
        format!("d'{word}")
    } else {
        format!("de {word}")
    }
}

/// A French noun for a count: singular for 0 and 1 (`0 victime`,
/// `1 événement`), plural above.
pub fn fr_noun(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n > 1 { many } else { one }
}

/// A label used inside a French sentence: its first letter in lower case
/// (« forces de sécurité de l'État »), unless it starts an acronym (HCDH).
pub fn mid_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => first
            .to_lowercase()
            .chain(label[first.len_utf8()..].chars())
            .collect(),
        _ => label.to_string(),
    }
}

/// The separator of a list of phrases: "; " in English, " ; " in French.
pub fn list_sep(lang: Lang) -> &'static str {
    l!(lang, "; ", "\u{202F}; ")
}

/// "Label: value" (French puts a narrow no-break space before the colon).
pub fn colon(lang: Lang) -> &'static str {
    l!(lang, ":", "\u{202F}:")
}

/// A message the core builds where it knows the facts (an import's
/// rejection reason, a file's error, an export's refusal) and the analyst
/// reads later, in the window's language at that moment: both languages are
/// written when the message is made, so switching the window's language
/// re-reads every message already shown. `Display` and serde give the
/// English text (the command line's and the JSON report's).
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Bi {
    en: String,
    fr: String,
}

impl Bi {
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Bi {
        Bi {
            en: en.into(),
            fr: fr.into(),
        }
    }

    /// Text that reads the same in both languages (a name, a path, the
    /// operating system's own message).
    pub fn same(text: impl Into<String>) -> Bi {
        let en = text.into();
        Bi { fr: en.clone(), en }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }

    /// The English text.
    pub fn en(&self) -> &str {
        &self.en
    }

    /// Whether either language's text is empty (a message must say
    /// something in both).
    pub fn is_empty(&self) -> bool {
        self.en.is_empty() || self.fr.is_empty()
    }

    /// Whether `needle` is in the English text (tests and checks that look
    /// for a known phrase).
    pub fn contains(&self, needle: &str) -> bool {
        self.en.contains(needle)
    }

    /// Both texts with a suffix (already in each language) after them.
    pub fn suffixed(&self, en: &str, fr: &str) -> Bi {
        Bi::new(format!("{}{en}", self.en), format!("{}{fr}", self.fr))
    }

    /// Both texts with `prefix` (already in each language) before them.
    pub fn prefixed(&self, en: &str, fr: &str) -> Bi {
        Bi::new(format!("{en}{}", self.en), format!("{fr}{}", self.fr))
    }
}

impl std::fmt::Display for Bi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Bi {}

impl Serialize for Bi {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en)
    }
}

/// A message in both languages: `bi!("{n} rows", "{n} lignes")`, or with
/// arguments after the two patterns (evaluated once for each language).
#[macro_export]
macro_rules! bi {
    ($en:literal, $fr:literal $(,)?) => {
        $crate::i18n::Bi::new(format!($en), format!($fr))
    };
    ($en:literal, $fr:literal, $($arg:tt)+) => {
        $crate::i18n::Bi::new(format!($en, $($arg)+), format!($fr, $($arg)+))
    };
}

/// A message whose words depend on the language beyond its arguments
/// (a count in each language's form): the closure writes it in each.
pub fn both(f: impl Fn(Lang) -> String) -> Bi {
    Bi::new(f(Lang::En), f(Lang::Fr))
}

/// Something the window shows the analyst that the core wrote: an error or
/// a report line, in the window's language.
pub trait Localized {
    fn text_in(&self, lang: Lang) -> String;
}

impl Localized for Bi {
    fn text_in(&self, lang: Lang) -> String {
        self.get(lang).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_dates_and_months_in_both_languages() {
        assert_eq!(count(Lang::En, 29833), "29,833");
        assert_eq!(count(Lang::Fr, 29833), "29\u{202F}833");
        assert_eq!(count(Lang::Fr, 999), "999");
        assert_eq!(french_number("1234567.25"), "1\u{202F}234\u{202F}567,25");
        assert_eq!(percent(Lang::Fr, 0.69), "69\u{202F}%");
        let d = NaiveDate::from_ymd_opt(2020, 12, 31).expect("a date");
        assert_eq!(date(Lang::En, d), "2020-12-31");
        assert_eq!(date(Lang::Fr, d), "31 décembre 2020");
        let first = NaiveDate::from_ymd_opt(2021, 1, 1).expect("a date");
        assert_eq!(date(Lang::Fr, first), "1er janvier 2021");
        assert_eq!(month(Lang::Fr, "2020-02"), "févr. 2020");
        assert_eq!(month(Lang::En, "2020-02"), "2020-02");
        assert_eq!(
            lf!(Lang::Fr, "{} events", "{} événements", 3),
            "3 événements"
        );
    }
}
