//! Every user-visible string of the window goes through here: Fluent
//! messages in `assets/i18n/*.ftl` (English now; a French file goes beside
//! it), with placeables and plurals. `tr(key)` is for a message without
//! arguments, `tr_args(key, args)` for one with (a numeric argument selects
//! the plural form). A missing key shows the key itself, so a gap shows.
//! Code keys are written `area.name`; the Fluent id is `area-name`.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;
use std::sync::OnceLock;

const EN_FTL: &str = include_str!("../../assets/i18n/en.ftl");

struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    /// Messages without arguments, formatted once, by code key (`area.name`:
    /// the code's keys have no `-`, so the id maps back exactly).
    plain: HashMap<String, &'static str>,
}

fn catalogue() -> &'static Catalogue {
    static CAT: OnceLock<Catalogue> = OnceLock::new();
    CAT.get_or_init(|| build(EN_FTL, "en"))
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
    catalogue().plain.get(key).copied()
}

/// The text of a message without arguments.
pub fn tr(key: &'static str) -> &'static str {
    // No allocation: a frame looks up a few hundred of these.
    catalogue().plain.get(key).copied().unwrap_or(key)
}

/// The text of a message with arguments; a whole number (plain digits,
/// no leading zero) is passed as a number, so it selects the plural form;
/// anything else ("3.0", "007", "Nan", an id) is passed as written.
pub fn tr_args(key: &str, args: &[(&str, &str)]) -> String {
    let mut fa = FluentArgs::new();
    for (name, value) in args {
        match count(value) {
            Some(n) => fa.set(*name, FluentValue::from(n)),
            None => fa.set(*name, FluentValue::from(value.to_string())),
        }
    }
    let bundle = &catalogue().bundle;
    format(bundle, &fluent_id(key), Some(&fa)).unwrap_or_else(|| key.to_string())
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
        let parsed = FluentResource::try_new(EN_FTL.to_string());
        assert!(parsed.is_ok(), "{:?}", parsed.err().map(|e| e.1));
        let mut ids = ids(EN_FTL);
        let n = ids.len();
        assert!(n > 200, "{n} messages");
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(n, ids.len(), "duplicate message ids");
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
