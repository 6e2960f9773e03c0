//! An assessment's region names against the data loaded now. Entries,
//! benchmarks and bases keep the region names the matrix showed when they
//! were written ("North Darfur"); when a dataset of another country is
//! added the matrix names regions with their country ("North Darfur
//! (Sudan)"), and when it is closed again the country goes. A name is
//! matched on its region key (case, accents and punctuation aside) and,
//! where several countries have that region, on the assessment's country,
//! so an entry keeps its region whatever else is loaded.

use super::Assessment;
use crate::analysis::{RegionLevel, Workspace};
use crate::model::region::region_key;
use std::borrow::Cow;

/// A display name split into its region and its country, if it has one.
pub fn split(name: &str) -> (&str, Option<&str>) {
    match name.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
        Some((region, country)) => (region, Some(country)),
        None => (name, None),
    }
}

/// The current display name for `name`, or `name` itself when nothing (or
/// more than one region, undecided by `country`) matches.
pub fn resolve_name<'n>(names: &'n [String], name: &'n str, country: &str) -> &'n str {
    if names.iter().any(|n| n == name) {
        return name;
    }
    let (region, own_country) = split(name);
    let key = region_key(region);
    let candidates: Vec<&String> = names
        .iter()
        .filter(|n| region_key(split(n).0) == key)
        .collect();
    match candidates.as_slice() {
        [one] => one.as_str(),
        [] => name,
        many => {
            let wanted = region_key(own_country.unwrap_or(country));
            let in_country: Vec<&&String> = many
                .iter()
                .filter(|n| split(n).1.is_some_and(|c| region_key(c) == wanted))
                .collect();
            match in_country.as_slice() {
                [one] => one.as_str(),
                _ => name,
            }
        }
    }
}

/// The assessment with every region name (entries, benchmarks, bases) as
/// the loaded data names it; borrowed unchanged when nothing moves.
pub fn resolve_regions<'a>(a: &'a Assessment, ws: &Workspace) -> Cow<'a, Assessment> {
    let names = &ws.regions(RegionLevel::Admin1).names;
    let country = a.meta.country.as_str();
    // A name the analyst merged into another is read as that other.
    let aliases = crate::analysis::regions::aliases_of(&a.aliases());
    let aliased = |n: &str| -> Option<String> {
        let (region, own) = split(n);
        let (_, to) = aliases.get(&region_key(region))?;
        Some(own.map_or_else(|| to.clone(), |c| format!("{to} ({c})")))
    };
    let resolve = |n: &str| -> String {
        let n = aliased(n).unwrap_or_else(|| n.to_string());
        resolve_name(names, &n, country).to_string()
    };
    let moves = |n: &String| resolve(n) != *n;
    let any = a.register.iter().flat_map(|e| &e.regions).any(moves)
        || a.benchmarks.iter().flat_map(|b| &b.regions).any(moves)
        || a.footprint.iter().map(|b| &b.region).any(moves);
    if !any {
        return Cow::Borrowed(a);
    }
    let mut r = a.clone();
    let fix = |n: &mut String| *n = resolve(n);
    r.register
        .iter_mut()
        .flat_map(|e| &mut e.regions)
        .for_each(fix);
    r.benchmarks
        .iter_mut()
        .flat_map(|b| &mut b.regions)
        .for_each(fix);
    r.footprint.iter_mut().map(|b| &mut b.region).for_each(fix);
    Cow::Owned(r)
}

#[cfg(test)]
mod tests {
    use super::resolve_name;

    #[test]
    fn names_follow_the_country_suffix_both_ways() {
        let two = vec![
            "North Darfur (Sudan)".to_string(),
            "Mopti (Mali)".to_string(),
            "Unity (South Sudan)".to_string(),
            "Unity (Sudan)".to_string(),
        ];
        assert_eq!(
            resolve_name(&two, "North Darfur", "Sudan"),
            "North Darfur (Sudan)"
        );
        assert_eq!(
            resolve_name(&two, "north-darfur", ""),
            "North Darfur (Sudan)"
        );
        // Two countries have the region: the assessment's country decides.
        assert_eq!(
            resolve_name(&two, "Unity", "South Sudan"),
            "Unity (South Sudan)"
        );
        assert_eq!(
            resolve_name(&two, "Unity", ""),
            "Unity",
            "undecided: unchanged"
        );
        let one = vec!["North Darfur".to_string()];
        assert_eq!(
            resolve_name(&one, "North Darfur (Sudan)", ""),
            "North Darfur"
        );
        assert_eq!(
            resolve_name(&one, "Kidal", "Mali"),
            "Kidal",
            "unknown: unchanged"
        );
    }
}
