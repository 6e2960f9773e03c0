//! Every user-visible string of the window goes through here: Fluent
//! messages in `assets/i18n/en.ftl` and `fr.ftl` (the same keys, a test
//! checks), with placeables and plurals in the window's language (View ›
//! Language, remembered in the preferences). `tr(key)` is for a message without
//! arguments, `tr_args(key, args)` for one with (a numeric argument selects
//! the plural form). A missing key shows the key itself, so a gap shows.
//! Code keys are written `area.name`; the Fluent id is `area-name`.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;
use std::sync::OnceLock;

const EN_FTL: &str = include_str!("../../assets/i18n/en.ftl");
const FR_FTL: &str = include_str!("../../assets/i18n/fr.ftl");

pub use crate::i18n::{Lang, french_number};

static CURRENT: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

thread_local! {
    /// The language of the thread that set one (the window's thread); other
    /// threads (background loads) follow the last one set. Tests that run
    /// windows side by side in one process keep each its own language.
    static THREAD: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Switches the window's language (every later `tr` follows).
pub fn set_language(l: Lang) {
    CURRENT.store(l as u8, std::sync::atomic::Ordering::Relaxed);
    THREAD.with(|t| t.set(Some(l)));
}

/// This thread's language only (tests running side by side).
#[cfg(test)]
fn set_thread_language(l: Lang) {
    THREAD.with(|t| t.set(Some(l)));
}

/// The window's language.
pub fn language() -> Lang {
    THREAD.with(std::cell::Cell::get).unwrap_or_else(|| {
        match CURRENT.load(std::sync::atomic::Ordering::Relaxed) {
            1 => Lang::Fr,
            _ => Lang::En,
        }
    })
}

struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    /// Messages without arguments, formatted once, by code key (`area.name`:
    /// the code's keys have no `-`, so the id maps back exactly).
    plain: HashMap<String, &'static str>,
}

fn english() -> &'static Catalogue {
    static CAT: OnceLock<Catalogue> = OnceLock::new();
    CAT.get_or_init(|| build(EN_FTL, "en"))
}

fn french() -> &'static Catalogue {
    static FR: OnceLock<Catalogue> = OnceLock::new();
    FR.get_or_init(|| build(FR_FTL, "fr"))
}

fn catalogue() -> &'static Catalogue {
    match language() {
        Lang::En => english(),
        Lang::Fr => french(),
    }
}

/// A message without arguments in both languages, for a message the window
/// hands to the core (which keeps it and shows it later, in the language of
/// that moment).
pub fn tr_bi(key: &'static str) -> crate::i18n::Bi {
    let en = english().plain.get(key).copied().unwrap_or(key);
    crate::i18n::Bi::new(en, french().plain.get(key).copied().unwrap_or(en))
}

/// A message the core wrote (an error, a report line), in the window's
/// language.
pub fn said(m: &dyn crate::i18n::Localized) -> String {
    m.text_in(language())
}

/// A whole number as the window's language writes it (`29 833` in French,
/// `29833` in English, as the window always has).
pub fn num(n: u64) -> String {
    crate::i18n::plain_count(language(), n)
}

/// A decimal already formatted with a point (`format!("{:.1}")`), in the
/// window's language.
pub fn decimal(text: &str) -> String {
    crate::i18n::decimal(language(), text)
}

/// "Label: value" as the window's language writes it (French puts a
/// narrow no-break space before the colon).
pub fn lv(label: &str, value: &str) -> String {
    format!("{label}{} {value}", crate::i18n::colon(language()))
}

/// A share as a whole percentage (`30%`; `30 %` in French).
pub fn pct(share: f64) -> String {
    crate::i18n::percent(language(), share)
}

/// A date as the window's language writes it: ISO in English (as the
/// sources and the date fields write it), "31 décembre 2020" in French.
pub fn date(d: chrono::NaiveDate) -> String {
    crate::i18n::date(language(), d)
}

/// Fluent's formatter for the French bundle: numbers in French form.
fn format_french<M>(v: &FluentValue, _: &M) -> Option<String> {
    match v {
        FluentValue::Number(n) => Some(french_number(&n.as_string())),
        _ => None,
    }
}

fn build(ftl: &str, lang: &str) -> Catalogue {
    let res = match FluentResource::try_new(ftl.to_string()) {
        Ok(r) => r,
        // A syntax error in the bundled file: keep what parsed (a test
        // fails on any error, so this is not reached in a release).
        Err((r, _)) => r,
    };
    let langid: unic_langid::LanguageIdentifier = lang
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    if lang == "fr" {
        bundle.set_formatter(Some(format_french));
    }
    // Duplicate ids are caught by a test; keep the first.
    if let Err(errors) = bundle.add_resource(res) {
        debug_assert!(errors.is_empty(), "{errors:?}");
    }
    let mut plain = HashMap::new();
    for id in ids(ftl) {
        if let Some(text) = format(&bundle, &id, None) {
            plain.insert(id.replace('-', "."), &*Box::leak(text.into_boxed_str()));
        }
    }
    Catalogue { bundle, plain }
}

/// The message ids of a Fluent file, in order.
fn ids(ftl: &str) -> Vec<String> {
    ftl.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect()
}

fn format(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: Option<&FluentArgs<'_>>,
) -> Option<String> {
    let msg = bundle.get_message(id)?;
    let pattern = msg.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

fn fluent_id(key: &str) -> String {
    key.replace('.', "-")
}

/// The text of a message without arguments, by a key made at run time.
pub fn lookup(key: &str) -> Option<&'static str> {
    catalogue()
        .plain
        .get(key)
        .or_else(|| english().plain.get(key))
        .copied()
}

/// The text of a message without arguments (English where the window's
/// language lacks it, the key where both do).
pub fn tr(key: &'static str) -> &'static str {
    // No allocation: a frame looks up a few hundred of these.
    lookup(key).unwrap_or(key)
}

/// The text of a message with arguments; a whole number (plain digits,
/// no leading zero) is passed as a number, so it selects the plural form;
/// anything else ("3.0", "007", "Nan", an id) is passed as written.
pub fn tr_args(key: &str, args: &[(&str, &str)]) -> String {
    let mut fa = FluentArgs::new();
    for (name, value) in args {
        match count(value) {
            Some(n) => fa.set(*name, FluentValue::from(n)),
            None if language() == Lang::Fr && is_decimal(value) => {
                fa.set(*name, FluentValue::from(french_number(value)));
            }
            None => fa.set(*name, FluentValue::from(value.to_string())),
        }
    }
    let id = fluent_id(key);
    format(&catalogue().bundle, &id, Some(&fa))
        .or_else(|| format(&english().bundle, &id, Some(&fa)))
        .unwrap_or_else(|| key.to_string())
}

/// A decimal written with a point (`3.0`, `0.25`), shown with a comma in
/// French.
fn is_decimal(v: &str) -> bool {
    let v = v.strip_prefix('-').unwrap_or(v);
    v.split_once('.').is_some_and(|(i, f)| {
        !i.is_empty()
            && !f.is_empty()
            && i.bytes().all(|b| b.is_ascii_digit())
            && f.bytes().all(|b| b.is_ascii_digit())
    })
}

/// A count as written by `to_string` of an integer below 2^53.
fn count(v: &str) -> Option<f64> {
    let plain = !v.is_empty()
        && v.len() <= 15
        && v.bytes().all(|b| b.is_ascii_digit())
        && (v == "0" || !v.starts_with('0'));
    plain.then(|| v.parse::<f64>().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_counts_become_numbers() {
        assert_eq!(count("12"), Some(12.0));
        assert_eq!(count("0"), Some(0.0));
        for v in [
            "3.0",
            "007",
            "Nan",
            "inf",
            "-1",
            "",
            "1e3",
            "12345678901234567",
        ] {
            assert_eq!(count(v), None, "{v}");
        }
        let s = tr_args(
            "status.line",
            &[
                ("datasets", "1"),
                ("incidents", "2"),
                ("recompute", "3.0"),
                ("frame", "0.5"),
            ],
        );
        assert!(
            s.contains("1 dataset,") && s.contains("2 incidents") && s.contains("3.0 ms"),
            "{s}"
        );
    }

    #[test]
    fn the_bundled_file_parses_and_ids_are_unique() {
        for ftl in [EN_FTL, FR_FTL] {
            let parsed = FluentResource::try_new(ftl.to_string());
            assert!(parsed.is_ok(), "{:?}", parsed.err().map(|e| e.1));
            let mut ids = ids(ftl);
            let n = ids.len();
            assert!(n > 200, "{n} messages");
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(n, ids.len(), "duplicate message ids");
        }
    }

    /// Every key in both languages: a key missing from one, or one that
    /// only one has, fails (the message names them).
    #[test]
    fn english_and_french_have_the_same_keys() {
        let en: std::collections::BTreeSet<String> = ids(EN_FTL).into_iter().collect();
        let fr: std::collections::BTreeSet<String> = ids(FR_FTL).into_iter().collect();
        let missing: Vec<&String> = en.difference(&fr).collect();
        let extra: Vec<&String> = fr.difference(&en).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "missing in fr.ftl: {missing:?}; only in fr.ftl: {extra:?}"
        );
        // Every message formats in French, with the arguments English uses.
        let bundle = build(FR_FTL, "fr");
        for id in ids(FR_FTL) {
            let msg = bundle.bundle.get_message(&id).expect("a message");
            assert!(msg.value().is_some(), "{id} has no value");
        }
    }

    #[test]
    fn french_plurals_numbers_and_decimals() {
        set_thread_language(Lang::Fr);
        let zero = tr_args("bases.imported", &[("n", "0"), ("file", "b.csv")]);
        let one = tr_args("bases.imported", &[("n", "1"), ("file", "b.csv")]);
        let many = tr_args("bases.imported", &[("n", "29833"), ("file", "b.csv")]);
        let status = tr_args(
            "status.line",
            &[
                ("datasets", "2"),
                ("incidents", "1067"),
                ("recompute", "3.5"),
                ("frame", "0.5"),
            ],
        );
        let menu = tr("menu.file");
        set_thread_language(Lang::En);
        assert!(zero.starts_with("0 base importée depuis b.csv"), "{zero}");
        assert!(one.starts_with("1 base importée"), "{one}");
        assert!(many.starts_with("29\u{202F}833 bases importées"), "{many}");
        assert!(
            status.contains("2 jeux de données")
                && status.contains("1\u{202F}067 incidents")
                && status.contains("3,5 ms"),
            "{status}"
        );
        assert_eq!(menu, "Fichier");
        assert_eq!(french_number("1234567.25"), "1\u{202F}234\u{202F}567,25");
        assert_eq!(tr("menu.file"), "File");
    }

    #[test]
    fn plurals_follow_the_count() {
        let one = tr_args("bases.imported", &[("n", "1"), ("file", "b.csv")]);
        let many = tr_args("bases.imported", &[("n", "12"), ("file", "b.csv")]);
        assert!(one.starts_with("1 base imported from b.csv"), "{one}");
        assert!(many.starts_with("12 bases imported from b.csv"), "{many}");
    }

    #[test]
    fn a_missing_key_shows_itself() {
        assert_eq!(tr("no.such.key"), "no.such.key");
        assert_eq!(tr("menu.file"), "File");
    }
}
