//! `build`: the one function that turns an assessment (or bare datasets) and
//! the workspace into an [`Annex`]. Every figure comes from the same core
//! functions the window and `summarize` use (`ThreatMatrix::compute`,
//! `review`), and passes disclosure control here, before a writer sees it.

use super::{Annex, Block, Section};
use crate::analysis::series::monthly;
use crate::analysis::{Filter, RegionLevel, ThreatMatrix, Workspace};
use crate::assessment::review::{Review, review};
use crate::assessment::{Assessment, SharingLevel};
use crate::i18n::{Bi, Lang};
use crate::model::dates::from_day_number;
use chrono::NaiveDate;

/// The annex's sections, in order: the one list the builder, the export
/// dialog, the audiences and the method text take them from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionId {
    Control,
    KeyJudgements,
    Scope,
    Footprint,
    Threats,
    Effects,
    Register,
    Handover,
    Flags,
    Hrddp,
    Benchmarks,
    Method,
}

impl SectionId {
    /// Every section, in order.
    pub const ALL: [SectionId; 12] = [
        SectionId::Control,
        SectionId::KeyJudgements,
        SectionId::Scope,
        SectionId::Footprint,
        SectionId::Threats,
        SectionId::Effects,
        SectionId::Register,
        SectionId::Handover,
        SectionId::Flags,
        SectionId::Hrddp,
        SectionId::Benchmarks,
        SectionId::Method,
    ];

    /// The id written in the assessment file (`audiences`) and the HTML.
    pub fn key(self) -> &'static str {
        match self {
            SectionId::Control => "control",
            SectionId::KeyJudgements => "key-judgements",
            SectionId::Handover => "handover",
            SectionId::Scope => "scope",
            SectionId::Footprint => "footprint",
            SectionId::Threats => "threats",
            SectionId::Effects => "effects",
            SectionId::Register => "register",
            SectionId::Flags => "flags",
            SectionId::Benchmarks => "benchmarks",
            SectionId::Hrddp => "hrddp",
            SectionId::Method => "method",
        }
    }

    /// The section's title in the annex.
    pub fn title(self) -> &'static str {
        self.title_in(crate::i18n::Lang::En)
    }

    /// The section's title in a language.
    pub fn title_in(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::Fr {
            return match self {
                SectionId::Control => "Contrôle du document",
                SectionId::KeyJudgements => "Principales conclusions",
                SectionId::Handover => "Transfert des tâches de protection, par niveau",
                SectionId::Scope => "Objet, portée, période et sources",
                SectionId::Footprint => "Contexte et évolution de la présence de la mission",
                SectionId::Threats => "Menaces par type d'auteur et par région",
                SectionId::Effects => "Effets sur les civils",
                SectionId::Register => "Registre des menaces résiduelles",
                SectionId::Flags => "Points de vigilance",
                SectionId::Benchmarks => "Jalons et indicateurs à suivre après le retrait",
                SectionId::Hrddp => "Diligence voulue en matière de droits de l'homme",
                SectionId::Method => "Méthode et sources",
            };
        }
        match self {
            SectionId::Control => "Document control",
            SectionId::KeyJudgements => "Key judgements",
            SectionId::Handover => "Handover by protection tier",
            SectionId::Scope => "Purpose, scope, period and sources",
            SectionId::Footprint => "Context and footprint change",
            SectionId::Threats => "Threats by perpetrator type and region",
            SectionId::Effects => "Effects on civilians",
            SectionId::Register => "Residual-threat register",
            SectionId::Flags => "Flags",
            SectionId::Benchmarks => "Benchmarks and indicators to watch after exit",
            SectionId::Hrddp => "Human rights due diligence",
            SectionId::Method => "Method and sources",
        }
    }

    /// The section with this key.
    pub fn from_key(key: &str) -> Option<SectionId> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// Which sections to include (each is also left out when it has nothing to say).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sections([bool; SectionId::ALL.len()]);

impl Default for Sections {
    fn default() -> Self {
        Sections([true; SectionId::ALL.len()])
    }
}

impl Sections {
    /// No section.
    pub fn none() -> Self {
        Sections([false; SectionId::ALL.len()])
    }

    /// Exactly the sections in `ids`.
    pub fn of(ids: impl IntoIterator<Item = SectionId>) -> Self {
        let mut s = Self::none();
        for id in ids {
            s.set(id, true);
        }
        s
    }

    /// Whether section `id` is wanted.
    pub fn wants(&self, id: SectionId) -> bool {
        self.0[id as usize]
    }

    /// Includes or leaves out section `id`.
    pub fn set(&mut self, id: SectionId, on: bool) {
        self.0[id as usize] = on;
    }

    /// The flag of section `id`, for a checkbox.
    pub fn flag_mut(&mut self, id: SectionId) -> &mut bool {
        &mut self.0[id as usize]
    }

    /// How many sections are wanted.
    pub fn count(&self) -> usize {
        self.0.iter().filter(|x| **x).count()
    }
}

/// How to build the annex.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnexOptions {
    pub level: SharingLevel,
    /// Counts 1..k−1 are withheld above `internal` (k ≥ 3, METHODOLOGY §6).
    pub k: u32,
    pub sections: Sections,
    pub recipients: Vec<String>,
    /// The date printed on the annex and recorded with the export.
    pub generated: NaiveDate,
    /// First day of the period (default: three years before the as-of date
    /// for an assessment, the first incident for a data annex).
    pub from: Option<NaiveDate>,
    /// Last day of the period (default: the assessment's as-of date, else the last incident).
    pub to: Option<NaiveDate>,
    /// Count verified monitoring-log records only (METHODOLOGY §7; default:
    /// verified and unverified). Stated in the annex and its record.
    pub verified_only: bool,
    /// The country the annex covers when the data span several (a global
    /// monitoring log, say): only its regions are counted. Ignored for data
    /// of one country. Default: the assessment's country.
    pub country: Option<String>,
    /// The annex's language (every heading, sentence, label and number).
    pub lang: crate::i18n::Lang,
    /// What changed since the previous draft (`export --changes-since`),
    /// printed after the document control.
    pub changes: Option<crate::assessment::diff::Diff>,
}

impl AnnexOptions {
    /// The assessment's own level and k, today's date, every section.
    pub fn for_assessment(a: &Assessment, generated: NaiveDate) -> Self {
        AnnexOptions {
            level: a.sharing,
            k: a.suppression_k,
            sections: Sections::default(),
            recipients: Vec::new(),
            generated,
            from: None,
            to: None,
            verified_only: false,
            country: Some(a.meta.country.trim().to_string()).filter(|c| !c.is_empty()),
            lang: crate::i18n::Lang::En,
            changes: None,
        }
    }
}

impl AnnexOptions {
    /// A data annex (no assessment): k = 5, every section, in English.
    pub fn for_data(level: SharingLevel, generated: NaiveDate) -> Self {
        AnnexOptions {
            level,
            k: 5,
            sections: Sections::default(),
            recipients: Vec::new(),
            generated,
            from: None,
            to: None,
            verified_only: false,
            country: None,
            lang: crate::i18n::Lang::En,
            changes: None,
        }
    }
}

/// The admin-1 regions of `opts.country` when the data span several
/// countries; `None` when the data hold one country, no country is given,
/// or none of the data's regions lies in it (`period_check` warns).
pub fn country_regions(
    ws: &Workspace,
    opts: &AnnexOptions,
) -> Option<std::collections::BTreeSet<String>> {
    let c = opts.country.as_deref().filter(|_| ws.multi_country)?;
    let key = crate::model::region::region_key(c.trim());
    let t = ws.regions(RegionLevel::Admin1);
    let set: std::collections::BTreeSet<String> = t
        .names
        .iter()
        .zip(&t.country)
        .filter(|(_, k)| **k == key)
        .map(|(n, _)| n.clone())
        .collect();
    (!set.is_empty()).then_some(set)
}

/// What the section builders share.
pub(super) struct Ctx<'a> {
    /// The language it is written in.
    pub lang: crate::i18n::Lang,
    pub ws: &'a Workspace,
    pub a: Option<&'a Assessment>,
    pub opts: &'a AnnexOptions,
    pub filter: Filter,
    pub as_of: NaiveDate,
    pub matrix: ThreatMatrix,
    pub review: Option<Review>,
    /// Above `internal`: withhold small counts.
    pub suppress: bool,
    pub k: u32,
    /// Above `internal`: actors named in sexual-violence or abduction
    /// records, which no string of the annex may hold.
    pub names: super::screen::Names,
    /// What goes at this level (sections, register columns).
    pub content: super::audience::Content,
    /// Above `internal`: what may be printed of every count (one pattern
    /// for the whole document).
    pub pattern: Option<super::pattern::Pattern>,
    /// The first day of the monthly chart.
    pub chart_from: NaiveDate,
}

impl Ctx<'_> {
    /// The period as printed.
    pub fn period(&self) -> String {
        let first = self
            .filter
            .from
            .or_else(|| self.ws.earliest_date().and_then(from_day_number));
        let to = self.date(self.as_of);
        match first {
            Some(f) => crate::lf!(self.lang, "{} to {to}", "du {} au {to}", self.date(f)),
            None => crate::lf!(self.lang, "up to {to}", "jusqu'au {to}"),
        }
    }

    /// A count as this annex writes it (`29,833`; `29 833`).
    pub fn n(&self, v: u64) -> String {
        crate::i18n::count(self.lang, v)
    }

    /// A date in prose.
    pub fn date(&self, d: NaiveDate) -> String {
        crate::i18n::date(self.lang, d)
    }

    /// A share (0–1) as a whole percentage.
    pub fn pct(&self, share: f64) -> String {
        crate::i18n::percent(self.lang, share)
    }
}

/// The period of an annex: its first day (`None`: from the first record)
/// and its as-of date (`None`: no assessment, no `to` and no dated row).
fn period(
    a: Option<&Assessment>,
    ws: &Workspace,
    opts: &AnnexOptions,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let latest = ws.latest_date().and_then(from_day_number);
    let as_of = opts.to.or(a.map(|a| a.meta.as_of)).or(latest);
    // An assessment's annex covers the three years to its as-of date unless
    // told otherwise; a data annex covers all the data.
    let from = opts.from.or_else(|| {
        a.and(as_of)
            .and_then(|d| d.checked_sub_months(chrono::Months::new(36)))
            .and_then(|d| d.succ_opt())
    });
    (from, as_of)
}

/// Whether an annex can be built for this period: `Err` says why not (no
/// as-of date, a period that ends before it starts); `Ok` holds warnings
/// to show before writing (a period with no civilian-harm event).
pub fn period_check(
    a: Option<&Assessment>,
    ws: &Workspace,
    opts: &AnnexOptions,
) -> Result<Vec<Bi>, Bi> {
    let (from, as_of) = period(a, ws, opts);
    let Some(as_of) = as_of else {
        return Err(crate::bi!(
            "the data hold no dated record, so the annex has no as-of date; give the last day of the period (--to)",
            "les données ne contiennent aucun enregistrement daté : l'annexe n'a donc pas de date de référence ; indiquez le dernier jour de la période (--to)"
        ));
    };
    if let Some(f) = from.filter(|f| *f > as_of) {
        return Err(crate::bi!(
            "the period would start on {f}, after its last day (the as-of date) {as_of}",
            "la période commencerait le {f}, après son dernier jour (la date de référence) {as_of}"
        ));
    }
    // The trend tables compare the two six-month windows before the as-of
    // date: a period that cuts into them would print trends of part-windows.
    let trend_start = crate::analysis::matrix::Windows::ending(as_of).previous.0;
    if let Some(f) = from.filter(|f| *f > trend_start) {
        return Err(crate::bi!(
            "the period starting {f} leaves out part of the 12 months the trends compare ({trend_start} to {as_of}); start it on {trend_start} or earlier",
            "la période commençant le {f} laisse de côté une partie des 12 mois que comparent les tendances (du {trend_start} au {as_of}) ; faites-la commencer le {trend_start} ou avant"
        ));
    }
    let filter = Filter {
        from,
        to: Some(as_of),
        level: RegionLevel::Admin1,
        verified_only: opts.verified_only,
        regions: country_regions(ws, opts),
        ..Default::default()
    };
    let mut warnings = Vec::new();
    if let Some(c) = opts.country.as_deref().filter(|_| ws.multi_country)
        && filter.regions.is_none()
    {
        warnings.push(crate::bi!(
            "the data span several countries and none of their regions lies in {c:?}: the annex counts every country",
            "les données couvrent plusieurs pays et aucune de leurs régions ne se trouve en « {c} » : l'annexe compte tous les pays"
        ));
    }
    if ThreatMatrix::compute(ws, &filter, Some(as_of)).total.events == 0 {
        let day = |d: Option<i32>| {
            d.and_then(from_day_number)
                .map_or_else(String::new, |d| d.to_string())
        };
        let (e, l) = (day(ws.earliest_date()), day(ws.latest_date()));
        let any = ws.earliest_date().is_some() && ws.latest_date().is_some();
        warnings.push(crate::i18n::both(|lang| {
            let span = match (any, lang) {
                (true, Lang::En) => format!("the loaded data run from {e} to {l}"),
                (true, Lang::Fr) => format!("les données chargées vont du {e} au {l}"),
                (false, _) => crate::l!(
                    lang,
                    "the loaded data hold no dated record",
                    "les données chargées ne contiennent aucun enregistrement daté"
                )
                .to_string(),
            };
            match (from, lang) {
                (None, Lang::En) => format!("no civilian-harm event is recorded in the period up to {as_of} ({span}); every count in the annex is 0"),
                (Some(d), Lang::En) => format!("no civilian-harm event is recorded in the period {d} to {as_of} ({span}); every count in the annex is 0"),
                (None, Lang::Fr) => format!("aucun événement portant atteinte aux civils n'est enregistré sur la période jusqu'au {as_of} ({span}) ; chaque nombre de l'annexe est 0"),
                (Some(d), Lang::Fr) => format!("aucun événement portant atteinte aux civils n'est enregistré sur la période du {d} au {as_of} ({span}) ; chaque nombre de l'annexe est 0"),
            }
        }));
    }
    if opts.level != SharingLevel::Internal
        && a.is_some_and(|a| a.meta.cleared_by.trim().is_empty())
    {
        warnings.push(crate::bi!(
            "the annex goes beyond the mission but nobody is named as having cleared it (assessment details: Cleared by); its document control says \"not yet cleared\"",
            "l'annexe sort de la mission mais personne n'est nommé comme l'ayant approuvée (détails de l'évaluation : Approuvé par) ; son contrôle du document indique « pas encore approuvé »"
        ));
    }
    Ok(warnings)
}

/// Builds the annex. `a` is `None` for a data-only annex (sections 1, 3, 4 and 8).
pub fn build(a: Option<&Assessment>, ws: &Workspace, opts: &AnnexOptions) -> Annex {
    // Region names as the loaded data names them (see `assessment::regions`).
    let resolved = a.map(|a| crate::assessment::regions::resolve_regions(a, ws));
    let a = resolved.as_deref();
    let ctx = Ctx::new(a, ws, opts);
    let as_of = ctx.as_of;
    let sections = sections(&ctx);
    let (title, subtitle) = match a {
        Some(a) => (
            a.meta.title.clone(),
            crate::lf!(
                ctx.lang,
                "Residual-threat annex · {} · {} · as of {} · period {}",
                "Annexe sur les menaces résiduelles · {} · {} · au {} · période {}",
                a.meta.mission,
                a.meta.country,
                ctx.date(as_of),
                ctx.period()
            ),
        ),
        None => (
            crate::l!(
                ctx.lang,
                "Threats to civilians by perpetrator type and region (data annex)",
                "Menaces contre les civils par type d'auteur et par région (annexe de données)"
            )
            .to_string(),
            match opts
                .country
                .as_ref()
                .filter(|_| ctx.filter.regions.is_some())
            {
                Some(c) => crate::lf!(
                    ctx.lang,
                    "{c} · as of {} · period {}",
                    "{c} · au {} · période {}",
                    ctx.date(as_of),
                    ctx.period()
                ),
                None => crate::lf!(
                    ctx.lang,
                    "As of {} · period {}",
                    "Au {} · période {}",
                    ctx.date(as_of),
                    ctx.period()
                ),
            },
        ),
    };
    let mut annex = Annex {
        title,
        subtitle,
        classification: super::classification_in(opts.level, opts.lang).to_string(),
        level: opts.level,
        k: ctx.k,
        generated: opts.generated,
        from: ctx.filter.from,
        as_of,
        recipients: opts.recipients.clone(),
        verified_only: opts.verified_only,
        lang: opts.lang,
        control: a.map_or_else(Default::default, |a| super::Control {
            number: a.meta.document_number.trim().to_string(),
            version: a.meta.version.trim().to_string(),
            prepared_by: a.meta.authors.clone(),
            cleared_by: a.meta.cleared_by.trim().to_string(),
        }),
        sections,
        attributions: super::method::attributions(&ctx),
        pattern: ctx.pattern.clone(),
        names: ctx.names.clone(),
    };
    if annex.lang == crate::i18n::Lang::Fr {
        super::typography::french(&mut annex);
    }
    annex
}

impl<'a> Ctx<'a> {
    /// The context of an annex: the period and as-of date, the matrix and
    /// review over it, and above `internal` the pattern that secures them.
    fn new(a: Option<&'a Assessment>, ws: &'a Workspace, opts: &'a AnnexOptions) -> Ctx<'a> {
        let (from, as_of) = period(a, ws, opts);
        let as_of = as_of.unwrap_or(opts.generated);
        let filter = Filter {
            from,
            to: Some(as_of),
            level: RegionLevel::Admin1,
            verified_only: opts.verified_only,
            regions: country_regions(ws, opts),
            ..Default::default()
        };
        let matrix = ThreatMatrix::compute(ws, &filter, Some(as_of));
        let review = a.map(|a| {
            let mut a = a.clone();
            a.meta.as_of = as_of;
            review(&a, ws)
        });
        let suppress = opts.level != SharingLevel::Internal;
        // k below MIN_K is refused before anything is written (`screen.rs`);
        // 2 keeps the arithmetic below whole.
        let k = opts.k.max(2);
        let chart_from = super::pattern::chart_from(as_of, filter.from);
        // The audit's linear programmes grow with the matrix; past a bound the
        // export above internal is refused (`screen.rs`) rather than left to run
        // for minutes.
        let audit_fits =
            matrix.regions.len() * matrix.perpetrators.len() <= super::pattern::MAX_AUDITED_CELLS;
        let pattern = (suppress && audit_fits).then(|| {
            let effects = super::build_data::effects_counts(ws, &filter);
            let months: Vec<(String, u64)> = monthly(
                ws,
                &Filter {
                    from: Some(chart_from),
                    ..filter.clone()
                },
            )
            .into_iter()
            .map(|m| (m.month, m.events))
            .collect();
            super::pattern::Pattern::new(&super::pattern::Inputs {
                ws,
                a,
                review: review.as_ref(),
                filter: &filter,
                matrix: &matrix,
                as_of,
                chart_from,
                months: &months,
                effects,
                k,
                deadline: Some(
                    std::time::Instant::now()
                        + std::time::Duration::from_secs(super::pattern::audit_seconds()),
                ),
            })
        });
        Ctx {
            lang: opts.lang,
            ws,
            a,
            opts,
            filter,
            as_of,
            matrix,
            review,
            suppress,
            k,
            pattern,
            chart_from,
            names: if suppress {
                let actors = super::build_data::sensitive_actors(ws);
                super::screen::Names::new(actors.iter().map(String::as_str))
            } else {
                super::screen::Names::default()
            },
            content: super::audience::Content::for_level(a, opts.level),
        }
    }
}

/// The sections this annex holds at its level, numbered in order; a
/// section with nothing to say is left out.
fn sections(ctx: &Ctx) -> Vec<Section> {
    let opts = ctx.opts;
    let mut sections = Vec::new();
    for id in SectionId::ALL {
        if !opts.sections.wants(id) || !ctx.content.sections.wants(id) {
            continue;
        }
        let blocks: Vec<Block> = match id {
            SectionId::Control => {
                let mut b = super::build_front::control(ctx);
                b.extend(super::build_front::changes(ctx));
                b
            }
            SectionId::KeyJudgements => super::build_front::key_judgements(ctx),
            SectionId::Handover => super::build_register::handover(ctx),
            SectionId::Scope => super::build_data::scope(ctx),
            SectionId::Footprint => super::build_register::footprint(ctx),
            SectionId::Threats => super::build_threats::threats(ctx),
            SectionId::Effects => super::build_data::effects(ctx),
            SectionId::Register => super::build_register::register(ctx),
            SectionId::Flags => super::build_flags::flags(ctx),
            SectionId::Benchmarks => super::build_flags::benchmarks(ctx),
            SectionId::Hrddp => super::build_hrddp::hrddp(ctx),
            SectionId::Method => super::method::method(ctx),
        };
        if blocks.is_empty() {
            continue;
        }
        sections.push(Section {
            id: id.key(),
            number: sections.len() + 1,
            title: id.title_in(ctx.lang).to_string(),
            blocks,
        });
    }
    sections
}
