//! Why an assessment file could not be opened, in both languages.

use crate::assessment::FORMAT_VERSION;
use crate::i18n::Lang;
use crate::{l, lf};
use std::path::{Path, PathBuf};

/// Why an assessment file could not be opened. `Display` is the English
/// message; `text_in` gives it in the window's language (the reader's own
/// words, `message`, stay as the RON library or the check wrote them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    Io {
        path: PathBuf,
        message: String,
    },
    Empty {
        path: PathBuf,
        backup: Option<PathBuf>,
    },
    Nul {
        path: PathBuf,
        backup: Option<PathBuf>,
    },
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
        backup: Option<PathBuf>,
    },
    Invalid {
        path: PathBuf,
        message: String,
        backup: Option<PathBuf>,
    },
    Newer {
        path: PathBuf,
        found: u32,
    },
    Older {
        path: PathBuf,
        found: u32,
        backup: Option<PathBuf>,
    },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text_in(Lang::En))
    }
}

impl std::error::Error for LoadError {}

impl crate::i18n::Localized for LoadError {
    fn text_in(&self, lang: Lang) -> String {
        LoadError::text_in(self, lang)
    }
}

fn bak_hint(b: &Option<PathBuf>, lang: Lang) -> String {
    match (b, lang) {
        (Some(p), Lang::En) => format!(
            ". The previous version is kept in {}; the damaged file is left as it is",
            p.display()
        ),
        (Some(p), Lang::Fr) => format!(
            ". La version précédente est conservée dans {} ; le fichier endommagé est laissé tel quel",
            p.display()
        ),
        (None, Lang::En) => ". The damaged file is left as it is".to_string(),
        (None, Lang::Fr) => ". Le fichier endommagé est laissé tel quel".to_string(),
    }
}

impl LoadError {
    /// The message in `lang`: the file, then what is wrong and where.
    pub fn text_in(&self, lang: Lang) -> String {
        let c = crate::i18n::colon(lang);
        match self {
            LoadError::Io { path, message } => lf!(
                lang,
                "{}: cannot read the file: {message}",
                "{} : impossible de lire le fichier : {message}",
                path.display()
            ),
            LoadError::Empty { path, backup } => format!(
                "{}{c} {}{}",
                path.display(),
                l!(lang, "the file is empty", "le fichier est vide"),
                bak_hint(backup, lang)
            ),
            LoadError::Nul { path, backup } => format!(
                "{}{c} {}{}",
                path.display(),
                l!(
                    lang,
                    "the file holds only NUL bytes, as a file cut off by a crash does",
                    "le fichier ne contient que des octets NUL, comme un fichier coupé par un plantage"
                ),
                bak_hint(backup, lang)
            ),
            LoadError::Syntax {
                path,
                line,
                column,
                message,
                backup,
            } => format!(
                "{}{c} {}{c} {message}{}",
                path.display(),
                lf!(
                    lang,
                    "line {line}, column {column}",
                    "ligne {line}, colonne {column}"
                ),
                bak_hint(backup, lang)
            ),
            LoadError::Invalid {
                path,
                message,
                backup,
            } => format!("{}{c} {message}{}", path.display(), bak_hint(backup, lang)),
            LoadError::Newer { path, found } => lf!(
                lang,
                "{}: format_version {found} was written by a newer workbench (this one reads {FORMAT_VERSION}); open it with that version",
                "{} : le format_version {found} a été écrit par un atelier plus récent (celui-ci lit le {FORMAT_VERSION}) ; ouvrez-le avec cette version",
                path.display()
            ),
            LoadError::Older {
                path,
                found,
                backup,
            } => format!(
                "{}{}",
                lf!(
                    lang,
                    "{}: format_version {found} is older than any this workbench can migrate (it reads {FORMAT_VERSION})",
                    "{} : le format_version {found} est plus ancien que tout ce que cet atelier sait migrer (il lit le {FORMAT_VERSION})",
                    path.display()
                ),
                bak_hint(backup, lang)
            ),
        }
    }

    /// The backup the analyst can open instead, if any.
    pub fn backup(&self) -> Option<&Path> {
        match self {
            LoadError::Empty { backup, .. }
            | LoadError::Nul { backup, .. }
            | LoadError::Syntax { backup, .. }
            | LoadError::Invalid { backup, .. }
            | LoadError::Older { backup, .. } => backup.as_deref(),
            _ => None,
        }
    }
}
