//! Choosing a file: the desktop's dialog where there is one, else the
//! workbench's own browser; where each purpose starts and what it proposes;
//! and what a chosen file does.

use super::WorkbenchApp;
use super::commands::{AppCommand, Purpose};
use super::file_browser;
use super::i18n::tr;
use std::path::PathBuf;

/// A native dialog that comes back empty this fast was not shown: there is
/// no desktop dialog service, so the workbench's own browser opens instead.
const NO_DIALOG_SERVICE: std::time::Duration = std::time::Duration::from_millis(250);

impl WorkbenchApp {
    /// Asks for a file: the desktop's dialog where there is one, else (or
    /// when it cannot be shown) the workbench's own browser.
    pub(super) fn pick(&mut self, purpose: Purpose) {
        if self.native_dialogs {
            let t = std::time::Instant::now();
            let picked = native_pick(&purpose, self.default_dir(&purpose));
            if let Some(paths) = picked {
                self.picked_many(purpose, paths);
                return;
            }
            if t.elapsed() > NO_DIALOG_SERVICE {
                // The analyst cancelled.
                return;
            }
        }
        let dir = self.default_dir(&purpose);
        let name = self.default_name(&purpose);
        self.dialogs.browser = Some(file_browser::FileBrowser::new(purpose, dir, name));
    }

    pub(super) fn picked_many(&mut self, purpose: Purpose, paths: Vec<PathBuf>) {
        if purpose == Purpose::Open {
            self.send(AppCommand::Open(paths));
        } else if purpose == Purpose::ImportRatings {
            self.send(AppCommand::CollectRatings(paths));
        } else if let Some(p) = paths.into_iter().next() {
            self.picked(purpose, p);
        }
    }

    fn default_dir(&self, purpose: &Purpose) -> PathBuf {
        let from_doc = self
            .doc
            .as_ref()
            .and_then(|d| d.path())
            .and_then(|p| p.parent().map(std::path::Path::to_path_buf));
        let from_export = self
            .dialogs
            .export
            .as_ref()
            .filter(|_| *purpose == Purpose::ExportPath)
            .and_then(|d| {
                PathBuf::from(&d.path)
                    .parent()
                    .map(std::path::Path::to_path_buf)
            });
        from_export
            .or(from_doc)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    fn default_name(&self, purpose: &Purpose) -> String {
        match purpose {
            Purpose::SaveAs => "assessment.ron".into(),
            Purpose::TemplatePath => "monitoring-log.xlsx".into(),
            Purpose::ExportPath => self
                .dialogs
                .export
                .as_ref()
                .and_then(|d| {
                    PathBuf::from(&d.path)
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                })
                .unwrap_or_default(),
            _ => String::new(),
        }
    }

    pub(super) fn picked(&mut self, purpose: Purpose, path: PathBuf) {
        self.dialogs.browser = None;
        match purpose {
            Purpose::Open => self.send(AppCommand::Open(vec![path])),
            Purpose::SaveAs => self.save_to(path),
            Purpose::ImportBases => self.import_bases(&path),
            Purpose::Relink(i) => self.relink(i, &path),
            Purpose::TemplatePath => self.write_template(&path),
            Purpose::ImportRatings => self.send(AppCommand::CollectRatings(vec![path])),
            Purpose::CompareDraft => self.send(AppCommand::CompareWith(path)),
            Purpose::ExportPath => {
                if let Some(d) = self.dialogs.export.as_mut() {
                    d.path = path.display().to_string();
                    // A question about another path does not carry over.
                    d.ask_replace = None;
                }
            }
        }
    }
}

/// The desktop's file dialog for `purpose`; `None` if cancelled or not shown.
fn native_pick(purpose: &Purpose, dir: PathBuf) -> Option<Vec<PathBuf>> {
    let fd = rfd::FileDialog::new().set_directory(dir);
    match purpose {
        Purpose::Open => fd
            .add_filter(
                tr("dialog.tables"),
                &[
                    "csv", "tsv", "txt", "ssv", "xlsx", "xlsm", "xls", "ods", "ron",
                ],
            )
            .add_filter(tr("dialog.all_files"), &["*"])
            .pick_files(),
        Purpose::SaveAs => fd
            .add_filter(tr("dialog.assessment"), &["ron"])
            .set_file_name("assessment.ron")
            .save_file()
            .map(|p| vec![p]),
        Purpose::ImportBases => fd
            .add_filter("CSV", &["csv", "tsv", "txt"])
            .pick_file()
            .map(|p| vec![p]),
        Purpose::Relink(_) => fd
            .set_title(tr("dialog.relink"))
            .pick_file()
            .map(|p| vec![p]),
        Purpose::ExportPath => fd.save_file().map(|p| vec![p]),
        Purpose::TemplatePath => fd
            .add_filter("XLSX", &["xlsx"])
            .set_file_name("monitoring-log.xlsx")
            .save_file()
            .map(|p| vec![p]),
        Purpose::ImportRatings => fd
            .add_filter(tr("dialog.ratings"), &["xlsx", "ron"])
            .pick_files(),
        Purpose::CompareDraft => fd
            .add_filter(tr("dialog.assessment"), &["ron"])
            .pick_file()
            .map(|p| vec![p]),
    }
}

impl WorkbenchApp {
    /// Writes the monitoring-log template (METHODOLOGY §7) to `path`,
    /// through a temporary file so a crash leaves no half workbook.
    pub(super) fn write_template(&mut self, path: &std::path::Path) {
        match crate::import::template::write_file(path) {
            Ok(()) => self.info(super::i18n::tr_args(
                "template.written",
                &[("file", &path.display().to_string())],
            )),
            Err(e) => self.error(super::i18n::tr_args(
                "template.failed",
                &[
                    ("file", &path.display().to_string()),
                    ("reason", &e.to_string()),
                ],
            )),
        }
    }
}
