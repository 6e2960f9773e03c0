//! Reading workbooks (XLSX, XLSM, ODS, legacy XLS) as a stream of rows,
//! never as a whole sheet in memory, and never in a way that can take the
//! process down.
//!
//! * XLSX sheets are read cell by cell: one stray cell in a far corner
//!   (`XFD1048576`) costs one row, not billions of cells, and each row is
//!   handed on and dropped, so a sheet costs the memory of one row.
//! * A zip whose parts inflate far beyond their packed size (a
//!   decompression bomb) is refused before any part is inflated.
//! * The readers themselves (`calamine`) can panic or abort on allocation
//!   on a damaged file (a looping FAT chain in an `.xls`, an ODS that
//!   repeats a row a billion times). So when the running program can start
//!   itself (`use_reader_process`, done by the `poc-workbench` binary), each
//!   read runs in a child process with a memory and CPU limit, sending its
//!   rows through a pipe; if it dies, the analyst gets an error naming the
//!   file, and the window stays up. Without a child (library tests, fuzzing)
//!   the read runs here, under `catch_unwind`.

use calamine::{Data, Dimensions, Reader};
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A sheet of the workbook, in workbook order.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetInfo {
    pub name: String,
    /// Hidden in the workbook (a working copy or an old version, not the
    /// data the author shows).
    pub hidden: bool,
}

/// What merged regions filled in a sheet: cells filled, and whether the
/// fill stopped at `MAX_FILL_STEPS`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Filled {
    pub cells: u64,
    pub cut: bool,
    /// Cells longer than a spreadsheet cell can be (`MAX_CELL` characters),
    /// cut to that length.
    pub long: u64,
}

/// What a read hands on, in order: `Sheets` once, then for each sheet read
/// `Begin`, its rows (0-based sheet row; rows with no cell between two
/// rows with cells are handed on empty, so blank rows are counted as
/// before), and `End`.
#[derive(Debug)]
pub enum Event<'a> {
    Sheets(&'a [SheetInfo]),
    Begin(&'a str),
    Row(u32, &'a [String]),
    End(Filled),
    /// The sheet's cells are not in row order: what was handed on of it is
    /// void, and it is handed on again, sorted, from its first row.
    Restart,
}

/// Which sheets to read and how far.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The sheets to read, by name; empty means every sheet.
    pub sheets: Vec<String>,
    /// At most this many rows of each sheet (a preview); `None`: all.
    pub max_rows: Option<u32>,
    /// Fill merged regions down their first column (costs one more pass
    /// over an XLSX sheet, so previews skip it).
    pub fill_merged: bool,
    /// Gather each XLSX sheet's cells and sort them before handing rows on
    /// (for sheets whose cells are out of order; costs the sheet's memory).
    pub sorted: bool,
}

/// Excel's own limits: a cell reference beyond them is damage, not data.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLS: u32 = 16_384;
/// Excel's limit on a cell's text, in characters: a longer cell is not a
/// spreadsheet's (one 1 MB string used in 2,000 cells is 2 GB of text).
pub const MAX_CELL: usize = 32_767;
/// Cells all merged regions of a sheet may fill down.
pub const MAX_FILL_STEPS: usize = 20_000_000;
/// A zip part may inflate to at most this many times its packed size once
/// it is larger than `BOMB_FLOOR`; sheet XML packs about 10:1.
const BOMB_RATIO: u64 = 200;
const BOMB_FLOOR: u64 = 64 * 1024 * 1024;
/// The child reader's limits.
const CHILD_MEMORY: u64 = 2 * 1024 * 1024 * 1024;
const CHILD_CPU_SECONDS: u64 = 600;

static READER_EXE: OnceLock<PathBuf> = OnceLock::new();

/// The largest peak memory (KB) a reader child has reported.
static READER_PEAK_KB: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The largest peak memory, in MB, of the workbook reader processes this
/// process started (for `bench`; 0 when none ran).
pub fn reader_peak_mb() -> u64 {
    READER_PEAK_KB.load(std::sync::atomic::Ordering::Relaxed) / 1024
}

/// Reads workbooks in a child process started from `exe` (the
/// `poc-workbench` binary, which answers `__read-workbook`).
pub fn use_reader_process(exe: PathBuf) {
    // Set once, by `main`; a second call changes nothing.
    READER_EXE.set(exe).ok();
}

/// The message of a read that failed, naming what the analyst can do.
pub type ReadError = String;

/// A reader message of ours in both languages, carried as one string (it
/// crosses the reader's process boundary as text): the English, U+001F,
/// the French. `message_bi` takes it apart.
fn both_ways(en: String, fr: String) -> ReadError {
    format!("{en}\u{1f}{fr}")
}

/// A reader message in both languages; a spreadsheet library's own words
/// (no French half) are quoted as the library wrote them.
pub fn message_bi(m: &str) -> crate::i18n::Bi {
    match m.split_once('\u{1f}') {
        Some((en, fr)) => crate::i18n::Bi::new(en, fr),
        None => crate::i18n::Bi::new(m, library_fr(m)),
    }
}

/// A library's message, quoted in a French sentence.
fn library_fr(m: &str) -> String {
    format!("message du lecteur : « {m} »")
}

/// Reads `path` as `request` says, handing each event to `sink`; the sink
/// returns `false` to stop the read. `cancelled` is polled while rows
/// arrive.
pub fn read(
    path: &Path,
    request: &Request,
    cancelled: &dyn Fn() -> bool,
    sink: &mut dyn FnMut(Event) -> bool,
) -> Result<(), ReadError> {
    match READER_EXE.get() {
        Some(exe) if std::env::var_os("POC_WORKBENCH_IN_PROCESS").is_none() => {
            // A program that cannot start itself (its file replaced or
            // removed while it runs) reads here, as it did before.
            match read_in_child(exe, path, request, cancelled, sink) {
                Some(r) => r,
                None => read_here(path, request, cancelled, sink),
            }
        }
        _ => read_here(path, request, cancelled, sink),
    }
}

/// The read in this process, a panic in the reader turned into an error.
pub fn read_here(
    path: &Path,
    request: &Request,
    cancelled: &dyn Fn() -> bool,
    sink: &mut dyn FnMut(Event) -> bool,
) -> Result<(), ReadError> {
    let run = std::panic::AssertUnwindSafe(|| read_book(path, request, cancelled, sink));
    std::panic::catch_unwind(run).unwrap_or_else(|p| {
        let what = p
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| p.downcast_ref::<&str>().copied())
            .unwrap_or("no message");
        let what = clip(what);
        Err(crashed(
            &format!("the reader failed ({what})"),
            &format!("le lecteur a échoué ({what})"),
        ))
    })
}

fn clip(s: &str) -> String {
    let mut t: String = s.chars().take(160).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    t.replace(['\n', '\r'], " ")
}

fn crashed(what: &str, fr: &str) -> String {
    both_ways(
        format!(
            "{what} while reading the workbook: it is damaged or built in a way the reader cannot take. Open it in Excel or LibreOffice and save it again (or save the data sheet as CSV)"
        ),
        format!(
            "{fr} pendant la lecture du classeur : il est endommagé ou construit d'une façon que le lecteur ne sait pas prendre. Ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau (ou enregistrez la feuille de données en CSV)"
        ),
    )
}

enum Book {
    Xlsx(calamine::Xlsx<BufReader<std::fs::File>>),
    Xls(calamine::Xls<BufReader<std::fs::File>>),
    Ods(calamine::Ods<BufReader<std::fs::File>>),
}

fn open(path: &Path) -> Result<Book, ReadError> {
    let mut head = [0u8; 8];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| e.to_string())?;
    if super::sniff::container(&head[..n]) == super::sniff::Container::Ole {
        return calamine::open_workbook(path)
            .map(Book::Xls)
            .map_err(|e: calamine::XlsError| {
                both_ways(
                    format!(
                        "{e} (if this is an .xlsx file, it may be password-protected: save an unprotected copy)"
                    ),
                    format!(
                        "{} (s'il s'agit d'un fichier .xlsx, il est peut-être protégé par un mot de passe : enregistrez-en une copie non protégée)",
                        library_fr(&e.to_string())
                    ),
                )
            });
    }
    check_inflation(path)?;
    match calamine::open_workbook::<calamine::Xlsx<_>, _>(path) {
        Ok(wb) => Ok(Book::Xlsx(wb)),
        Err(xlsx_err) => match calamine::open_workbook::<calamine::Ods<_>, _>(path) {
            Ok(wb) => Ok(Book::Ods(wb)),
            Err(ods_err) => Err(if is_ods(path) {
                both_ways(
                    format!("not a readable OpenDocument spreadsheet ({ods_err})"),
                    format!(
                        "pas un classeur OpenDocument lisible ({})",
                        library_fr(&ods_err.to_string())
                    ),
                )
            } else {
                both_ways(
                    format!("not a readable Excel workbook ({xlsx_err})"),
                    format!(
                        "pas un classeur Excel lisible ({})",
                        library_fr(&xlsx_err.to_string())
                    ),
                )
            }),
        },
    }
}

/// Whether a zip says it is an OpenDocument spreadsheet (its `mimetype`).
fn is_ods(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return false;
    };
    let mut text = String::new();
    zip.by_name("mimetype")
        .ok()
        .and_then(|e| e.take(100).read_to_string(&mut text).ok())
        .is_some_and(|_| text.contains("opendocument.spreadsheet"))
}

/// Refuses a zip whose parts claim to inflate far beyond their packed size
/// (4 GB of whitespace packed into 4 MB), before anything is inflated.
fn check_inflation(path: &Path) -> Result<(), ReadError> {
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    // Not a zip the zip reader can list: calamine says why.
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(e) = zip.by_index_raw(i) else { continue };
        let (packed, size) = (e.compressed_size(), e.size());
        total = total.saturating_add(size);
        if size > BOMB_FLOOR && size / packed.max(1) > BOMB_RATIO {
            let part = clip(&e.name().map(|n| n.into_owned()).unwrap_or_default());
            let (kb, mb, ratio) = (packed / 1024, size / (1024 * 1024), size / packed.max(1));
            return Err(both_ways(
                format!(
                    "part '{part}' of the workbook would inflate from {kb} KB to {mb} MB ({ratio}×): that is not a spreadsheet but a decompression bomb, and it is not read"
                ),
                format!(
                    "la partie « {part} » du classeur passerait de {kb} Ko à {mb} Mo une fois décompressée ({ratio}×) : ce n'est pas un tableur mais une bombe de décompression, et elle n'est pas lue"
                ),
            ));
        }
    }
    if total > 16 * 1024 * 1024 * 1024 {
        let gb = total / (1024 * 1024 * 1024);
        return Err(both_ways(
            format!("the workbook would inflate to {gb} GB: save the data sheet as CSV"),
            format!(
                "le classeur ferait {gb} Go une fois décompressé : enregistrez la feuille de données en CSV"
            ),
        ));
    }
    Ok(())
}

fn sheets_of<RS: std::io::Read + std::io::Seek, R: Reader<RS>>(wb: &R) -> Vec<SheetInfo> {
    wb.sheets_metadata()
        .iter()
        .map(|m| SheetInfo {
            name: m.name.clone(),
            hidden: m.visible != calamine::SheetVisible::Visible,
        })
        .collect()
}

fn read_book(
    path: &Path,
    request: &Request,
    cancelled: &dyn Fn() -> bool,
    sink: &mut dyn FnMut(Event) -> bool,
) -> Result<(), ReadError> {
    let mut book = open(path)?;
    let sheets = match &book {
        Book::Xlsx(wb) => sheets_of(wb),
        Book::Xls(wb) => sheets_of(wb),
        Book::Ods(wb) => sheets_of(wb),
    };
    if !sink(Event::Sheets(&sheets)) {
        return Ok(());
    }
    for s in &sheets {
        if !request.sheets.is_empty() && !request.sheets.contains(&s.name) {
            continue;
        }
        if !sink(Event::Begin(&s.name)) {
            return Ok(());
        }
        let mut out = RowOut::new(request, sink, cancelled);
        let merged = if request.fill_merged {
            match &mut book {
                Book::Xlsx(wb) => wb.merge_cells_by_sheet_name(&s.name).unwrap_or_default(),
                Book::Xls(wb) => wb.merge_cells_by_sheet_name(&s.name).unwrap_or_default(),
                Book::Ods(_) => Vec::new(),
            }
        } else {
            Vec::new()
        };
        out.fill = Fill::new(merged);
        let go_on = match &mut book {
            Book::Xlsx(wb) if request.sorted => sorted_xlsx(wb, &s.name, &mut out)?,
            Book::Xlsx(wb) => match stream_xlsx(wb, &s.name, &mut out)? {
                Streamed::InOrder(go_on) => go_on,
                Streamed::OutOfOrder => {
                    if !(out.sink)(Event::Restart) {
                        return Ok(());
                    }
                    let fill = std::mem::take(&mut out.fill);
                    let mut again = RowOut::new(request, &mut *out.sink, cancelled);
                    again.fill = fill.restarted();
                    let go_on = sorted_xlsx(wb, &s.name, &mut again)?;
                    out.stopped = again.stopped;
                    out.fill = again.fill;
                    go_on
                }
            },
            Book::Xls(wb) => {
                let range = wb.worksheet_range(&s.name).map_err(|e| e.to_string())?;
                stream_range(&range, &mut out)
            }
            Book::Ods(wb) => {
                let range = wb.worksheet_range(&s.name).map_err(|e| e.to_string())?;
                stream_range(&range, &mut out)
            }
        };
        if !go_on || out.stopped {
            return Ok(());
        }
        let filled = out.fill.done();
        if !sink(Event::End(filled)) {
            return Ok(());
        }
    }
    Ok(())
}

/// Hands rows on: fills merged regions, hands on the empty rows between
/// two rows with cells, stops at `max_rows`, polls cancellation.
struct RowOut<'s, 'f> {
    sink: &'s mut dyn FnMut(Event) -> bool,
    cancelled: &'f dyn Fn() -> bool,
    max_rows: Option<u32>,
    /// Next row expected (`None` before the first row with a cell).
    next: Option<u32>,
    given: u32,
    fill: Fill,
    stopped: bool,
}

impl<'s, 'f> RowOut<'s, 'f> {
    fn new(
        request: &Request,
        sink: &'s mut dyn FnMut(Event) -> bool,
        cancelled: &'f dyn Fn() -> bool,
    ) -> Self {
        RowOut {
            sink,
            cancelled,
            max_rows: request.max_rows,
            next: None,
            given: 0,
            fill: Fill::default(),
            stopped: false,
        }
    }

    /// Hands on row `r`; `false` when the sheet should stop here.
    fn row(&mut self, r: u32, cells: &mut Vec<String>) -> bool {
        if let Some(next) = self.next {
            let empty: Vec<String> = Vec::new();
            for gap in next..r {
                if !self.one(gap, &mut empty.clone()) {
                    return false;
                }
            }
        }
        self.one(r, cells)
    }

    fn one(&mut self, r: u32, cells: &mut Vec<String>) -> bool {
        if self.max_rows.is_some_and(|m| self.given >= m) {
            return false;
        }
        if self.given.is_multiple_of(4096) && (self.cancelled)() {
            self.stopped = true;
            return false;
        }
        for c in cells.iter_mut() {
            if c.len() > MAX_CELL {
                let end = (0..=MAX_CELL)
                    .rev()
                    .find(|&i| c.is_char_boundary(i))
                    .unwrap_or(0);
                c.truncate(end);
                self.fill.filled.long += 1;
            }
        }
        self.fill.apply(r, cells);
        self.given += 1;
        self.next = Some(r + 1);
        if !(self.sink)(Event::Row(r, cells)) {
            self.stopped = true;
            return false;
        }
        true
    }
}

enum Streamed {
    /// Read in order; `false` when the sink stopped.
    InOrder(bool),
    /// A cell came before one already handed on.
    OutOfOrder,
}

/// An XLSX sheet's cells, with their place checked against Excel's limits
/// (a reference beyond them is damage, and would cost memory).
fn next_cell<RS: std::io::Read + std::io::Seek>(
    reader: &mut calamine::XlsxCellReader<'_, RS>,
    name: &str,
) -> Result<Option<(u32, u32, String)>, ReadError> {
    let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? else {
        return Ok(None);
    };
    let (r, c) = cell.get_position();
    if r >= MAX_ROWS || c >= MAX_COLS {
        let (row, col) = (u64::from(r) + 1, u64::from(c) + 1);
        return Err(both_ways(
            format!(
                "sheet '{name}' has a cell at row {row}, column {col}, beyond the limits of a spreadsheet ({MAX_ROWS} rows, {MAX_COLS} columns): the file is damaged"
            ),
            format!(
                "la feuille « {name} » a une cellule à la ligne {row}, colonne {col}, au-delà des limites d'un tableur ({MAX_ROWS} lignes, {MAX_COLS} colonnes) : le fichier est endommagé"
            ),
        ));
    }
    Ok(Some((
        r,
        c,
        cell_text(&Data::from(cell.get_value().clone())),
    )))
}

/// Text a sorted sheet may hold in memory.
const SORTED_BUDGET: usize = 1536 * 1024 * 1024;

/// An XLSX sheet whose cells are out of order: gathered (within a budget),
/// sorted, then handed on row by row.
fn sorted_xlsx(
    wb: &mut calamine::Xlsx<BufReader<std::fs::File>>,
    name: &str,
    out: &mut RowOut,
) -> Result<bool, ReadError> {
    let mut reader = match wb.worksheet_cells_reader(name) {
        Ok(r) => r,
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(true),
        Err(e) => return Err(e.to_string()),
    };
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    let mut spent = 0usize;
    while let Some(cell) = next_cell(&mut reader, name)? {
        if cell.2.is_empty() {
            continue;
        }
        spent += cell.2.len() + 40;
        if spent > SORTED_BUDGET {
            let mb = SORTED_BUDGET / (1024 * 1024);
            return Err(both_ways(
                format!(
                    "sheet '{name}' has its cells out of order and holds more than {mb} MB of text: open it in Excel or LibreOffice and save it again"
                ),
                format!(
                    "la feuille « {name} » a ses cellules dans le désordre et contient plus de {mb} Mo de texte : ouvrez-la dans Excel ou LibreOffice et enregistrez-la à nouveau"
                ),
            ));
        }
        cells.push(cell);
    }
    cells.sort_by_key(|c| (c.0, c.1));
    let mut row: Vec<String> = Vec::new();
    let mut at: Option<u32> = None;
    for (r, c, text) in cells {
        if let Some(a) = at.filter(|a| *a != r) {
            if !out.row(a, &mut row) {
                return Ok(!out.stopped);
            }
            row.clear();
        }
        at = Some(r);
        let c = c as usize;
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = text;
    }
    if let Some(a) = at
        && !out.row(a, &mut row)
    {
        return Ok(!out.stopped);
    }
    Ok(true)
}

/// An XLSX sheet, cell by cell, one row in memory at a time. Cells come
/// row by row (the format requires it); when one comes before a row
/// already handed on, the sheet is read again sorted (`sorted_xlsx`).
fn stream_xlsx(
    wb: &mut calamine::Xlsx<BufReader<std::fs::File>>,
    name: &str,
    out: &mut RowOut,
) -> Result<Streamed, ReadError> {
    let mut reader = match wb.worksheet_cells_reader(name) {
        Ok(r) => r,
        // A chart sheet has no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Streamed::InOrder(true)),
        Err(e) => return Err(e.to_string()),
    };
    let mut row: Vec<String> = Vec::new();
    let mut at: Option<u32> = None;
    while let Some((r, c, text)) = next_cell(&mut reader, name)? {
        if text.is_empty() {
            continue;
        }
        match at {
            Some(a) if a == r => {}
            Some(a) if r < a => return Ok(Streamed::OutOfOrder),
            Some(a) => {
                if !out.row(a, &mut row) {
                    return Ok(Streamed::InOrder(!out.stopped));
                }
                row.clear();
            }
            None => {}
        }
        at = Some(r);
        let c = c as usize;
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = text;
    }
    if let Some(a) = at
        && !out.row(a, &mut row)
    {
        return Ok(Streamed::InOrder(!out.stopped));
    }
    Ok(Streamed::InOrder(true))
}

/// A sheet the reader gives whole (XLS, ODS), row by row.
fn stream_range(range: &calamine::Range<Data>, out: &mut RowOut) -> bool {
    let first_row = range.start().map_or(0, |(r, _)| r);
    let first_col = range.start().map_or(0, |(_, c)| c) as usize;
    for (i, r) in range.rows().enumerate() {
        if r.iter().all(|c| matches!(c, Data::Empty)) {
            continue;
        }
        let mut row = vec![String::new(); first_col];
        row.extend(r.iter().map(cell_text));
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
        if !out.row(first_row + i as u32, &mut row) {
            return !out.stopped;
        }
    }
    true
}

pub(crate) fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if !dt.is_duration() => d.format("%Y-%m-%d").to_string(),
            _ => dt.as_f64().to_string(),
        },
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Merged regions filled down their first column as rows go by: a value
/// merged over several rows belongs to each of them, while a title or a
/// group header merged across columns must not become several header
/// cells. Linear in a fixed number of steps: millions of overlapping merged
/// regions once took most of a minute; past the budget the rest are left
/// as they are, and the report says so.
#[derive(Default)]
struct Fill {
    /// Regions by first row, then those under way (column, last row, value).
    pending: Vec<Dimensions>,
    next: usize,
    active: Vec<(usize, u32, String)>,
    filled: Filled,
}

impl Fill {
    fn new(mut merged: Vec<Dimensions>) -> Self {
        let mut steps: usize = 0;
        let mut kept = Vec::new();
        let mut cut = false;
        for m in merged.drain(..) {
            let height = m.end.0.saturating_sub(m.start.0);
            steps += (height as usize).min(10_000) + 1;
            if steps > MAX_FILL_STEPS {
                cut = true;
                break;
            }
            if height == 0 || height > 10_000 {
                continue;
            }
            kept.push(m);
        }
        kept.sort_by_key(|m| m.start.0);
        Fill {
            pending: kept,
            next: 0,
            active: Vec::new(),
            filled: Filled {
                cells: 0,
                cut,
                long: 0,
            },
        }
    }

    fn apply(&mut self, r: u32, cells: &mut Vec<String>) {
        if self.pending.len() == self.next && self.active.is_empty() {
            return;
        }
        self.active.retain(|a| a.1 >= r);
        for (c, _, value) in &self.active {
            if cells.len() <= *c {
                cells.resize(c + 1, String::new());
            }
            if cells[*c].is_empty() {
                cells[*c] = value.clone();
                self.filled.cells += 1;
            }
        }
        while let Some(m) = self.pending.get(self.next) {
            if m.start.0 > r {
                break;
            }
            self.next += 1;
            if m.start.0 < r {
                // Its first row had no cell at all: nothing to fill with.
                continue;
            }
            let c = m.start.1 as usize;
            if let Some(v) = cells.get(c).filter(|v| !v.is_empty()) {
                self.active.push((c, m.end.0, v.clone()));
            }
        }
    }

    /// The same regions, from the sheet's first row again.
    fn restarted(self) -> Fill {
        Fill {
            pending: self.pending,
            next: 0,
            active: Vec::new(),
            filled: Filled {
                cells: 0,
                cut: self.filled.cut,
                long: 0,
            },
        }
    }

    fn done(&self) -> Filled {
        self.filled
    }
}

// ---- The child process: request in on stdin, events out on stdout. ----

fn put_str(w: &mut impl Write, s: &str) -> std::io::Result<()> {
    w.write_all(&(s.len() as u32).to_le_bytes())?;
    w.write_all(s.as_bytes())
}

fn get_u32(r: &mut impl Read) -> std::io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn get_str(r: &mut impl Read, buf: &mut Vec<u8>) -> std::io::Result<String> {
    let n = get_u32(r)? as usize;
    buf.clear();
    r.take(n as u64).read_to_end(buf)?;
    if buf.len() != n {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(String::from_utf8_lossy(buf).into_owned())
}

fn put_request(w: &mut impl Write, path: &Path, q: &Request) -> std::io::Result<()> {
    put_str(w, &path.to_string_lossy())?;
    w.write_all(&q.max_rows.map_or(u32::MAX, |m| m).to_le_bytes())?;
    w.write_all(&[u8::from(q.fill_merged) | (u8::from(q.sorted) << 1)])?;
    w.write_all(&(q.sheets.len() as u32).to_le_bytes())?;
    for s in &q.sheets {
        put_str(w, s)?;
    }
    w.flush()
}

fn get_request(r: &mut impl Read) -> std::io::Result<(PathBuf, Request)> {
    let mut buf = Vec::new();
    let path = PathBuf::from(get_str(r, &mut buf)?);
    let max = get_u32(r)?;
    let mut fill = [0u8];
    r.read_exact(&mut fill)?;
    let n = get_u32(r)?;
    let mut sheets = Vec::new();
    for _ in 0..n.min(100_000) {
        sheets.push(get_str(r, &mut buf)?);
    }
    Ok((
        path,
        Request {
            sheets,
            max_rows: (max != u32::MAX).then_some(max),
            fill_merged: fill[0] & 1 == 1,
            sorted: fill[0] & 2 == 2,
        },
    ))
}

/// The child's side (`poc-workbench __read-workbook`): limits itself, reads
/// the request, streams the events. Returns the exit code.
pub fn child_main() -> i32 {
    limit_self();
    // The panic message goes to the parent as an error event instead.
    std::panic::set_hook(Box::new(|_| {}));
    serve()
}

/// Memory and CPU limits on the child: past them it dies, the parent says so.
#[cfg(target_os = "linux")]
fn limit_self() {
    use rustix::process::{Resource, Rlimit, setrlimit};
    for (res, v) in [
        (Resource::As, CHILD_MEMORY),
        (Resource::Cpu, CHILD_CPU_SECONDS),
    ] {
        // Without the limit the read still runs; the parent still
        // survives whatever happens here.
        setrlimit(
            res,
            Rlimit {
                current: Some(v),
                maximum: Some(v),
            },
        )
        .ok();
    }
}

#[cfg(not(target_os = "linux"))]
fn limit_self() {}

fn serve() -> i32 {
    let Ok((path, request)) = get_request(&mut std::io::stdin().lock()) else {
        return 2;
    };
    let stdout = std::io::stdout();
    let mut w = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut failed = false;
    let result = read_here(&path, &request, &|| false, &mut |ev| {
        if put_event(&mut w, &ev).is_err() {
            // The parent has gone (stopped or cancelled).
            failed = true;
            return false;
        }
        true
    });
    if failed {
        return 0;
    }
    let end = match result {
        Ok(()) => w
            .write_all(b"D")
            .and_then(|()| w.write_all(&crate::memory::peak_rss_kb().unwrap_or(0).to_le_bytes())),
        Err(e) => w.write_all(b"X").and_then(|()| put_str(&mut w, &e)),
    };
    // Nobody to tell if the parent has gone.
    end.and_then(|()| w.flush()).ok();
    0
}

fn put_event(w: &mut impl Write, ev: &Event) -> std::io::Result<()> {
    match ev {
        Event::Sheets(list) => {
            w.write_all(b"S")?;
            w.write_all(&(list.len() as u32).to_le_bytes())?;
            for s in *list {
                put_str(w, &s.name)?;
                w.write_all(&[u8::from(s.hidden)])?;
            }
        }
        Event::Begin(name) => {
            w.write_all(b"B")?;
            put_str(w, name)?;
        }
        Event::Row(r, cells) => {
            w.write_all(b"R")?;
            w.write_all(&r.to_le_bytes())?;
            w.write_all(&(cells.len() as u32).to_le_bytes())?;
            for c in *cells {
                put_str(w, c)?;
            }
        }
        Event::Restart => w.write_all(b"Z")?,
        Event::End(f) => {
            w.write_all(b"E")?;
            w.write_all(&f.cells.to_le_bytes())?;
            w.write_all(&f.long.to_le_bytes())?;
            w.write_all(&[u8::from(f.cut)])?;
        }
    }
    Ok(())
}

/// The parent's side: starts the child, forwards its events, kills it when
/// the sink stops or the load is cancelled, and turns its death into an
/// error naming what happened. `None` when the child could not be started
/// (nothing has been handed on then).
fn read_in_child(
    exe: &Path,
    path: &Path,
    request: &Request,
    cancelled: &dyn Fn() -> bool,
    sink: &mut dyn FnMut(Event) -> bool,
) -> Option<Result<(), ReadError>> {
    use std::process::{Command, Stdio};
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut child = Command::new(exe)
        .arg("__read-workbook")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let sent = child
        .stdin
        .take()
        .map(|mut w| put_request(&mut w, &abs, request));
    let Some(stdout) = child.stdout.take() else {
        child.kill().ok();
        return None;
    };
    let stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut e) = stderr {
            (&mut e).take(64 * 1024).read_to_string(&mut text).ok();
            // Drain the rest so the child never blocks on it.
            std::io::copy(&mut e, &mut std::io::sink()).ok();
        }
        text
    });
    let outcome = forward(BufReader::with_capacity(1 << 16, stdout), cancelled, sink);
    let stopped_early = matches!(outcome, Forwarded::Stopped);
    if stopped_early {
        child.kill().ok();
    }
    let status = child.wait();
    let stderr_text = errors.join().unwrap_or_default();
    Some(match outcome {
        Forwarded::Done | Forwarded::Stopped => Ok(()),
        Forwarded::Failed(message) => Err(message),
        // It never took the request: not the reader (the program's file
        // was replaced by something else).
        Forwarded::Cut if matches!(sent, Some(Err(_))) => return None,
        Forwarded::Cut => {
            let (en, fr) = death(status.ok(), &stderr_text);
            Err(crashed(&en, &fr))
        }
    })
}

enum Forwarded {
    Done,
    Stopped,
    Failed(String),
    /// The stream ended without its last word: the child died.
    Cut,
}

fn forward(
    mut r: impl BufRead,
    cancelled: &dyn Fn() -> bool,
    sink: &mut dyn FnMut(Event) -> bool,
) -> Forwarded {
    let mut buf = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut n: u64 = 0;
    loop {
        let mut tag = [0u8];
        if r.read_exact(&mut tag).is_err() {
            return Forwarded::Cut;
        }
        n += 1;
        if n.is_multiple_of(4096) && cancelled() {
            return Forwarded::Stopped;
        }
        let go_on = match tag[0] {
            b'S' => {
                let Ok(k) = get_u32(&mut r) else {
                    return Forwarded::Cut;
                };
                let mut list = Vec::new();
                for _ in 0..k {
                    let (Ok(name), Ok(h)) = (get_str(&mut r, &mut buf), get_u32_byte(&mut r))
                    else {
                        return Forwarded::Cut;
                    };
                    list.push(SheetInfo {
                        name,
                        hidden: h == 1,
                    });
                }
                sink(Event::Sheets(&list))
            }
            b'B' => {
                let Ok(name) = get_str(&mut r, &mut buf) else {
                    return Forwarded::Cut;
                };
                sink(Event::Begin(&name))
            }
            b'R' => {
                let (Ok(row), Ok(k)) = (get_u32(&mut r), get_u32(&mut r)) else {
                    return Forwarded::Cut;
                };
                cells.clear();
                for _ in 0..k {
                    let Ok(c) = get_str(&mut r, &mut buf) else {
                        return Forwarded::Cut;
                    };
                    cells.push(c);
                }
                sink(Event::Row(row, &cells))
            }
            b'E' => {
                let (mut b, mut l) = ([0u8; 8], [0u8; 8]);
                let (Ok(()), Ok(()), Ok(cut)) = (
                    r.read_exact(&mut b),
                    r.read_exact(&mut l),
                    get_u32_byte(&mut r),
                ) else {
                    return Forwarded::Cut;
                };
                sink(Event::End(Filled {
                    cells: u64::from_le_bytes(b),
                    cut: cut == 1,
                    long: u64::from_le_bytes(l),
                }))
            }
            b'Z' => sink(Event::Restart),
            b'D' => {
                let mut b = [0u8; 8];
                if r.read_exact(&mut b).is_ok() {
                    READER_PEAK_KB
                        .fetch_max(u64::from_le_bytes(b), std::sync::atomic::Ordering::Relaxed);
                }
                return Forwarded::Done;
            }
            b'X' => {
                return match get_str(&mut r, &mut buf) {
                    Ok(m) => Forwarded::Failed(m),
                    Err(_) => Forwarded::Cut,
                };
            }
            _ => return Forwarded::Cut,
        };
        if !go_on {
            return Forwarded::Stopped;
        }
    }
}

fn get_u32_byte(r: &mut impl Read) -> std::io::Result<u8> {
    let mut b = [0u8];
    r.read_exact(&mut b)?;
    Ok(b[0])
}

/// What killed the child, in words.
fn death(status: Option<std::process::ExitStatus>, stderr: &str) -> (String, String) {
    #[cfg(unix)]
    use std::os::unix::process::ExitStatusExt;
    let memory = CHILD_MEMORY / (1024 * 1024 * 1024);
    let said = stderr
        .lines()
        .find(|l| !l.trim().is_empty())
        .map(clip)
        .unwrap_or_default();
    let out_of_memory =
        stderr.contains("memory allocation of") || stderr.contains("capacity overflow");
    let minutes = CHILD_CPU_SECONDS / 60;
    let two = |en: String, fr: String| (en, fr);
    match status.and_then(|s| s.signal()) {
        _ if out_of_memory => two(
            format!("the reader needed more than its {memory} GB of memory"),
            format!("le lecteur a eu besoin de plus que ses {memory} Go de mémoire"),
        ),
        Some(24) => two(
            format!("the reader ran for more than {minutes} minutes"),
            format!("le lecteur a tourné plus de {minutes} minutes"),
        ),
        Some(6) if said.is_empty() => two(
            "the reader stopped itself".into(),
            "le lecteur s'est arrêté de lui-même".into(),
        ),
        Some(6) => two(
            format!("the reader stopped itself ({said})"),
            format!("le lecteur s'est arrêté de lui-même ({said})"),
        ),
        Some(9) => two(
            "the reader was killed (out of memory, or stopped)".into(),
            "le lecteur a été tué (mémoire épuisée, ou arrêt)".into(),
        ),
        Some(sig) => two(
            format!("the reader crashed (signal {sig})"),
            format!("le lecteur a planté (signal {sig})"),
        ),
        None if !said.is_empty() => two(
            format!("the reader failed ({said})"),
            format!("le lecteur a échoué ({said})"),
        ),
        None => two(
            "the reader stopped without finishing".into(),
            "le lecteur s'est arrêté sans finir".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Millions of overlapping merged regions (issue #16, 7) are filled
    /// within a fixed budget, and the cut is reported, not hidden.
    #[test]
    fn overlapping_merged_regions_stop_at_the_budget() {
        let merged: Vec<Dimensions> = (0..3_000_000)
            .map(|_| Dimensions {
                start: (0, 0),
                end: (50_000, 0),
            })
            .collect();
        let started = std::time::Instant::now();
        let mut f = Fill::new(merged);
        let mut row = vec!["a".to_string()];
        f.apply(0, &mut row);
        for r in 1..20 {
            f.apply(r, &mut Vec::new());
        }
        assert!(f.done().cut);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        let mut f = Fill::new(vec![Dimensions {
            start: (0, 0),
            end: (2, 0),
        }]);
        let mut rows = [vec!["a".to_string()], Vec::new(), Vec::new(), Vec::new()];
        for (r, row) in rows.iter_mut().enumerate() {
            f.apply(r as u32, row);
        }
        assert!(!f.done().cut);
        assert_eq!(f.done().cells, 2);
        assert_eq!(rows[2], vec!["a".to_string()]);
        assert!(rows[3].is_empty());
    }

    /// A program that cannot start its reader (its file gone, or replaced by
    /// another program) is told so, to read the workbook itself.
    #[test]
    fn a_reader_that_cannot_start_is_no_error() {
        let gone = Path::new("/nonexistent/poc-workbench");
        let r = read_in_child(
            gone,
            Path::new("x.xlsx"),
            &Request::default(),
            &|| false,
            &mut |_| true,
        );
        assert!(r.is_none());
        // `true` ignores its input and says nothing: never the reader.
        let r = read_in_child(
            Path::new("/bin/true"),
            Path::new("x.xlsx"),
            &Request::default(),
            &|| false,
            &mut |_| true,
        );
        assert!(!matches!(r, Some(Ok(()))), "{:?}", r.map(|x| x.err()));
    }

    /// The events survive the trip through the pipe format unchanged.
    #[test]
    fn events_round_trip_through_the_pipe_format() {
        let sheets = vec![
            SheetInfo {
                name: "Data 2021".into(),
                hidden: false,
            },
            SheetInfo {
                name: "Old".into(),
                hidden: true,
            },
        ];
        let cells = vec!["a".to_string(), String::new(), "é\n\"x\"".to_string()];
        let mut bytes = Vec::new();
        put_event(&mut bytes, &Event::Sheets(&sheets)).unwrap();
        put_event(&mut bytes, &Event::Begin("Data 2021")).unwrap();
        put_event(&mut bytes, &Event::Row(7, &cells)).unwrap();
        put_event(
            &mut bytes,
            &Event::End(Filled {
                cells: 3,
                cut: true,
                long: 2,
            }),
        )
        .unwrap();
        bytes.push(b'D');
        bytes.extend_from_slice(&2048u64.to_le_bytes());
        let mut seen = Vec::new();
        let out = forward(bytes.as_slice(), &|| false, &mut |ev| {
            seen.push(format!("{ev:?}"));
            true
        });
        assert!(matches!(out, Forwarded::Done));
        assert_eq!(seen.len(), 4);
        assert!(seen[0].contains("Old") && seen[0].contains("hidden: true"));
        assert_eq!(seen[2], format!("{:?}", Event::Row(7, &cells)));
        assert!(seen[3].contains("cells: 3") && seen[3].contains("cut: true"));
        assert!(seen[3].contains("long: 2"));
        // Cut short: the child died.
        assert!(reader_peak_mb() >= 2);
        let out = forward(&bytes[..bytes.len() - 13], &|| false, &mut |_| true);
        assert!(matches!(out, Forwarded::Cut));
    }
}
