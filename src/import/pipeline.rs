//! Reading a delimited text file on all cores. After sniffing encoding,
//! delimiter and layout, the reading thread decides the day/month order from
//! the head, cuts the stream into blocks of whole records (`blocks.rs`;
//! quote-aware, so multi-line fields stay whole) and hands them to workers
//! (`rows.rs`), which split, map and fill a column fragment each; a joining
//! thread appends the fragments in file order (`join.rs`). Memory stays
//! bounded: UTF-8 files are streamed from disk, never held whole.

use super::blocks::Blocks;
use super::fields::Header;
use super::join::Joiner;
use super::layout::TableHead;
use super::rows::{Block, Done, Fragment, convert_block};
use super::sniff::{self, TextEncoding};
use super::{ImportError, ImportOptions, Progress, RowMapper, finish_scanned};
use crate::i18n::Bi;
use crate::model::dataset::{DatasetMeta, SourceFormat};
use crate::model::date_vote::DateOrderVote;
use crate::model::dates::DateOrder;
use crate::model::report::ImportReport;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};

/// Records read before the date order is decided.
const HEAD_RECORDS: usize = 50_000;
/// Rows reserved in advance at most (about 350 MB of columns).
const MAX_RESERVED_ROWS: usize = 4_000_000;
/// Bytes sniffed for encoding, delimiter and layout.
const SAMPLE_BYTES: usize = 64 * 1024;

/// Imports a delimited text file (CSV, TSV, semicolon, pipe).
pub fn import_text(
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<crate::model::Dataset, ImportError> {
    let opened = Opened::open(path, progress)?;
    opened.check_sample(path)?;
    let delimiter = sniff::delimiter(&opened.sample_text);
    let header_row = options.mapping.as_ref().and_then(|m| m.header_row);
    // A mapping's header row further down than the usual 40 rows is read.
    let rows = header_row.map_or(40, |h| {
        usize::try_from(h)
            .unwrap_or(usize::MAX)
            .saturating_add(2)
            .max(40)
    });
    let preview = sniff::preview_rows(&opened.sample_text, delimiter, rows);
    let head = TableHead::resolve(&preview, header_row, 0);
    if head.blank {
        return Err(ImportError::NotATable {
            path: path.to_path_buf(),
            reason: match header_row {
                Some(h) if h as usize > preview.len() => crate::bi!(
                    "the column mapping's header_row {h} is past the {} rows of the file's first {} KB",
                    "le header_row {h} de la correspondance de colonnes est au-delà des {} lignes des {} premiers Ko du fichier",
                    preview.len(),
                    opened.sample_text.len() / 1024
                ),
                _ => crate::bi!(
                    "no header row was found in the first rows",
                    "aucune ligne d'en-tête n'a été trouvée dans les premières lignes"
                ),
            },
        });
    }
    let (mut mapper, format, layout) = head.choose_mapper(&preview, options, path)?;
    let report = start_report(path, &head, &layout, opened.encoding, delimiter);

    let read_err = |e: std::io::Error| ImportError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    // The stream is cut into blocks of whole records (`blocks.rs`) that the
    // workers split (`fastcsv.rs`) and map. The head, up to HEAD_RECORDS
    // data records, is read first: its dates decide the day/month order.
    let mut blocks = Blocks::new(opened.source, delimiter);
    let mut first = Head::read(
        &mut blocks,
        delimiter,
        head.layout.data,
        mapper.date_column().unwrap_or(0),
    )
    .map_err(read_err)?;
    // Blocks are cut the same way again, so the skips still apply.
    blocks.restart(opened.start).map_err(read_err)?;
    if progress.is_cancelled() {
        return Err(ImportError::Cancelled);
    }
    let rows_estimate = first.rows_estimate(opened.file_bytes);
    let order_note = if mapper.date_column().is_some() {
        decide_date_order(
            &mut *mapper,
            &head.header,
            std::mem::take(&mut first.dates).into_iter(),
            path,
        )?
    } else {
        None
    };
    let parse = Parse {
        delimiter,
        mapper: &*mapper,
        header: &head.header,
        progress,
    };
    let read = parse.read_all(blocks, first, report, rows_estimate, opened.start);
    let Some((joiner, read_error)) = read else {
        return Err(ImportError::Cancelled);
    };
    if joiner.waiting() != 0 {
        return Err(ImportError::Io {
            path: path.to_path_buf(),
            message: "a reading thread stopped before its part of the file was read (a bug)"
                .to_string(),
        });
    }
    let (columns, mut report, ids) = joiner.finish();
    report.notes.extend(order_note);
    if let Some(e) = read_error {
        report.notes.push(crate::bi!(
            "reading stopped early: {e}",
            "lecture arrêtée avant la fin : {e}"
        ));
    }
    progress.bytes_done.store(
        progress.bytes_total.load(Ordering::Relaxed),
        Ordering::Relaxed,
    );
    let header = &head.header;
    let meta = DatasetMeta {
        path: path.to_path_buf(),
        format,
        layout,
        encoding: opened.encoding.label().to_string(),
        delimiter: Some(delimiter as char),
        sheet: None,
        columns: (0..header.width()).map(|i| header.display(i)).collect(),
        file_bytes: opened.file_bytes,
        byte_base: opened.start,
        first_sheet_row: 0,
        sheets: Vec::new(),
        mapping: options
            .mapping
            .clone()
            .filter(|_| format == SourceFormat::Mapped),
    };
    Ok(finish_scanned(columns, report, meta, ids))
}

/// The file opened for reading: its first bytes sniffed, and the source the
/// blocks are read from.
struct Opened {
    source: Source,
    /// The first bytes as text, for the delimiter and the header.
    sample_text: String,
    /// Where the records start in `source` (after a BOM).
    start: u64,
    encoding: TextEncoding,
    file_bytes: u64,
}

/// What blocks are read from: the file itself, or text decoded in memory.
type Source = Box<dyn ReadSeek + Send>;

impl Opened {
    /// Opens `path` and sniffs its encoding from the first bytes. UTF-8 is
    /// streamed from the file; anything else is decoded whole first (such
    /// files come from Excel or old tools and are small).
    fn open(path: &Path, progress: &Progress) -> Result<Opened, ImportError> {
        let io = |e: std::io::Error| ImportError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let mut file = std::fs::File::open(path).map_err(io)?;
        let file_bytes = file.metadata().map_err(io)?.len();
        let mut sample = vec![0u8; SAMPLE_BYTES.min(file_bytes as usize)];
        let mut got = 0;
        while got < sample.len() {
            match file.read(&mut sample[got..]).map_err(io)? {
                0 => break,
                k => got += k,
            }
        }
        sample.truncate(got);
        let whole = got as u64 >= file_bytes;
        let encoding = sniff::encoding(&sample, whole);
        let (source, sample_text, start): (Source, String, u64) = match encoding {
            TextEncoding::Utf8 { bom } => {
                let skip = if bom { 3 } else { 0 };
                file.seek(SeekFrom::Start(skip)).map_err(io)?;
                let text = String::from_utf8_lossy(&sample[skip as usize..]).into_owned();
                // Blocks are read straight into their buffers (a BufReader
                // would copy every byte once more).
                (Box::new(file), text, skip)
            }
            other => {
                let mut bytes = Vec::with_capacity(file_bytes as usize);
                file.seek(SeekFrom::Start(0)).map_err(io)?;
                file.read_to_end(&mut bytes).map_err(io)?;
                let text = sniff::decode_all(&bytes, other);
                drop(bytes);
                let sample_text: String = text.chars().take(SAMPLE_BYTES).collect();
                progress
                    .bytes_total
                    .store(text.len() as u64, Ordering::Relaxed);
                (
                    Box::new(std::io::Cursor::new(text.into_bytes())),
                    sample_text,
                    0,
                )
            }
        };
        Ok(Opened {
            source,
            sample_text,
            start,
            encoding,
            file_bytes,
        })
    }

    /// Fails on a file that is blank, or filled with NUL bytes.
    fn check_sample(&self, path: &Path) -> Result<(), ImportError> {
        let text = &self.sample_text;
        if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
            return Err(ImportError::Empty {
                path: path.to_path_buf(),
            });
        }
        let nuls = text.chars().filter(|&c| c == '\0').count();
        if nuls * 2 > text.len() {
            return Err(ImportError::NotATable {
                path: path.to_path_buf(),
                reason: crate::bi!(
                    "the file is filled with NUL bytes, as a file cut off by a crash often is; it holds no table",
                    "le fichier est rempli d'octets NUL, comme l'est souvent un fichier coupé par un plantage ; il ne contient aucune table"
                ),
            });
        }
        Ok(())
    }
}

/// The report's opening notes: the layout recognised, encoding and
/// delimiter, where the header stands, and the header's problems.
fn start_report(
    path: &Path,
    head: &TableHead,
    layout: &Bi,
    encoding: TextEncoding,
    delimiter: u8,
) -> ImportReport {
    let lay = &head.layout;
    let mut report = ImportReport::new(path.display().to_string());
    report.notes.push(recognised_as(layout));
    let delim = |lang| match delimiter {
        b'\t' => crate::l!(lang, "tab", "tabulation").to_string(),
        d => format!("'{}'", d as char),
    };
    report.notes.push(crate::i18n::both(|lang| {
        crate::lf!(
            lang,
            "encoding {}, delimiter {}",
            "encodage {}, séparateur {}",
            encoding.label_in(lang),
            delim(lang)
        )
    }));
    let header_line = lay.header.map_or(0, |h| h + 1);
    if lay.data > 1 || lay.header.is_none() {
        report
            .notes
            .push(layout_note(header_line, lay.tags, lay.data));
    }
    head.report_problems(&mut report, header_line as u64);
    report
}

/// "recognised as ACLED (…)": the layout's name stays as the source names it.
pub(crate) fn recognised_as(layout: &Bi) -> Bi {
    layout.prefixed("recognised as ", "reconnu comme ")
}

/// Where the header, the HXL tag row and the data start (1-based records).
pub(crate) fn layout_note(header_line: usize, tags: Option<usize>, data: usize) -> Bi {
    crate::i18n::both(|lang| {
        let tags = tags.map_or(String::new(), |t| {
            crate::lf!(
                lang,
                "HXL tag row at record {}, ",
                "ligne de balises HXL à l'enregistrement {}, ",
                t + 1
            )
        });
        crate::lf!(
            lang,
            "header at record {header_line}, {tags}data from record {}",
            "en-tête à l'enregistrement {header_line}, {tags}données à partir de l'enregistrement {}",
            data + 1
        )
    })
}

/// The head of the file: up to HEAD_RECORDS data records, read before the
/// rest for their dates.
struct Head {
    /// The date column's values.
    dates: Vec<String>,
    /// Per head block, the records before the data (title rows, header, tags).
    skips: Vec<usize>,
    bytes: usize,
    /// Whether the head is the whole file.
    was_all: bool,
    /// One buffer: the head is read again from the start after the vote
    /// (cheaper than holding tens of megabytes of fresh memory), and the
    /// buffer then serves the first block.
    buffer: Vec<u8>,
}

impl Head {
    /// Reads the head, skipping the `to_skip` records before the data.
    fn read(
        blocks: &mut Blocks<Source>,
        delimiter: u8,
        mut to_skip: usize,
        date_col: usize,
    ) -> std::io::Result<Head> {
        let mut head = Head {
            dates: Vec::new(),
            skips: Vec::new(),
            bytes: 0,
            was_all: false,
            buffer: Vec::new(),
        };
        let data = &mut head.buffer;
        let mut rec = super::fastcsv::Split::default();
        while head.dates.len() < HEAD_RECORDS {
            if !blocks.next_block(data)? {
                break;
            }
            head.bytes += data.len();
            let mut skip = 0;
            let mut sp = super::fastcsv::Splitter::new(data, delimiter);
            while sp.next_record(&mut rec) {
                if to_skip > 0 {
                    to_skip -= 1;
                    skip += 1;
                } else {
                    let v = rec.bytes(data, date_col).unwrap_or_default();
                    head.dates.push(String::from_utf8_lossy(&v).into_owned());
                }
            }
            head.skips.push(skip);
        }
        head.was_all = blocks.at_end();
        Ok(head)
    }

    /// Room for the rows the head suggests the file holds.
    fn rows_estimate(&self, file_bytes: u64) -> usize {
        let records = self.dates.len();
        if self.was_all || self.bytes == 0 {
            records
        } else {
            let per_record = self.bytes as f64 / records.max(1) as f64;
            ((file_bytes as f64 / per_record.max(8.0)) * 1.02) as usize + 1024
        }
        // A head of short records must not reserve gigabytes for a file whose
        // records grow later: past this the columns grow as they fill.
        .min(MAX_RESERVED_ROWS)
    }
}

/// What every worker reads the blocks with.
struct Parse<'a> {
    delimiter: u8,
    mapper: &'a dyn RowMapper,
    header: &'a Header,
    progress: &'a Progress,
}

/// How feeding the blocks to the workers ended.
enum Fed {
    Cancelled,
    /// Every block handed out, or reading failed with this message.
    Ended(Option<String>),
}

impl Parse<'_> {
    /// Reads every block on the workers and joins their fragments in file
    /// order; `None` when cancelled. Also gives the message of a read error
    /// that stopped the reading early.
    fn read_all(
        &self,
        mut blocks: Blocks<Source>,
        head: Head,
        report: ImportReport,
        rows_estimate: usize,
        start: u64,
    ) -> Option<(Joiner, Option<String>)> {
        let workers = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, 4);
        // Each block queued is 1 MB of memory touched: one per worker is
        // enough to keep them busy.
        let (work_tx, work_rx) = mpsc::sync_channel::<Block>(workers);
        // Shared by the workers only: when they all stop (the join gone, or a
        // panic), the queue closes and the reader stops instead of waiting on it.
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = mpsc::channel::<Done>();
        let (recycle_tx, recycle_rx) = mpsc::channel::<Vec<u8>>();
        // The receiver is alive (made just above): this cannot fail.
        recycle_tx.send(head.buffer).ok();
        let (pool_tx, pool_rx) = mpsc::channel::<Fragment>();
        let pool_rx = Mutex::new(pool_rx);
        let slots = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            // The join runs on its own thread, so that reading is never held
            // up by it (it writes the final columns: fresh memory, slow to
            // touch the first time).
            let joining = scope.spawn(move || {
                let mut joiner = Joiner::new(report, rows_estimate, pool_tx);
                for done in done_rx.iter() {
                    joiner.add(done);
                }
                joiner
            });
            for _ in 0..workers {
                let done_tx = done_tx.clone();
                let recycle_tx = recycle_tx.clone();
                let work_rx = Arc::clone(&work_rx);
                let (pool_rx, slots) = (&pool_rx, &slots);
                scope.spawn(move || {
                    self.work(&work_rx, pool_rx, slots, &recycle_tx, &done_tx);
                });
            }
            drop(done_tx);
            drop(recycle_tx);
            drop(work_rx);
            let fed = self.feed(&mut blocks, &recycle_rx, work_tx, &head.skips, start);
            let Fed::Ended(read_error) = fed else {
                return None;
            };
            // A panic in the join is a bug: re-raise it (the window catches it
            // and reports the file as failed) rather than lose the rows.
            let joiner = joining
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (!self.progress.is_cancelled()).then_some((joiner, read_error))
        })
    }

    /// One worker: takes blocks off the queue, converts each into a column
    /// fragment (a recycled one when there is one) and hands it to the join,
    /// until the queue closes or the join is gone.
    fn work(
        &self,
        work_rx: &Mutex<mpsc::Receiver<Block>>,
        pool_rx: &Mutex<mpsc::Receiver<Fragment>>,
        slots: &AtomicUsize,
        recycle_tx: &mpsc::Sender<Vec<u8>>,
        done_tx: &mpsc::Sender<Done>,
    ) {
        let mut rec = super::fastcsv::Split::default();
        loop {
            let next = match work_rx.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => break,
            };
            let Ok(block) = next else { break };
            let fragment = pool_rx
                .lock()
                .ok()
                .and_then(|rx| rx.try_recv().ok())
                .unwrap_or_else(|| Fragment::new(slots.fetch_add(1, Ordering::Relaxed)));
            let done = convert_block(
                &block,
                fragment,
                self.delimiter,
                self.mapper,
                self.header,
                &mut rec,
            );
            self.progress
                .rows
                .fetch_add(done.records, Ordering::Relaxed);
            // The reader may have stopped (end of file): the buffer is dropped.
            recycle_tx.send(block.data).ok();
            if done_tx.send(done).is_err() {
                break;
            }
        }
    }

    /// The reading thread's part: cuts the stream into blocks (in recycled
    /// buffers when there are some) and queues them in order, until the end,
    /// a read error, cancellation, or no worker is left. Closes the queue.
    fn feed(
        &self,
        blocks: &mut Blocks<Source>,
        recycle_rx: &mpsc::Receiver<Vec<u8>>,
        work_tx: mpsc::SyncSender<Block>,
        head_skips: &[usize],
        start: u64,
    ) -> Fed {
        let mut seq = 0u64;
        let mut line_offset = 0u64;
        loop {
            if self.progress.is_cancelled() {
                return Fed::Cancelled;
            }
            let mut data = recycle_rx.try_recv().unwrap_or_default();
            let byte_offset = blocks.consumed;
            match blocks.next_block(&mut data) {
                Ok(true) => {}
                Ok(false) => return Fed::Ended(None),
                Err(e) => return Fed::Ended(Some(e.to_string())),
            }
            self.progress
                .bytes_done
                .store(start + blocks.consumed, Ordering::Relaxed);
            let block = Block {
                seq,
                data,
                byte_offset,
                line_offset,
                skip: head_skips.get(seq as usize).copied().unwrap_or(0),
            };
            line_offset += blocks.lines;
            seq += 1;
            if work_tx.send(block).is_err() {
                return Fed::Ended(None);
            }
        }
    }
}

/// Decides the day/month order of the date column from its values (the
/// values win over a source's convention when they are unambiguous), or
/// fails when nothing decides it and the mapping gives no order. Returns a
/// note for the import report when the values give evidence both ways (the
/// majority is followed; the other rows are rejected as invalid dates).
pub(crate) fn decide_date_order(
    mapper: &mut dyn RowMapper,
    header: &Header,
    values: impl Iterator<Item = String>,
    path: &Path,
) -> Result<Option<Bi>, ImportError> {
    let mut evidence = DateEvidence::default();
    for v in values {
        evidence.add(&v);
    }
    evidence.decide(mapper, header, path)
}

/// The day/month evidence of a date column, gathered value by value (a
/// workbook's rows go by once), with the first example of each kind.
#[derive(Debug, Clone, Default)]
pub(crate) struct DateEvidence {
    vote: DateOrderVote,
    example: String,
    day_example: String,
    month_example: String,
}

impl DateEvidence {
    pub(crate) fn add(&mut self, v: &str) {
        let before = self.vote;
        self.vote.add(v);
        let clip = || v.trim().chars().take(40).collect::<String>();
        if self.vote.ambiguous > before.ambiguous && self.example.is_empty() {
            self.example = clip();
        }
        if self.vote.day_first > before.day_first && self.day_example.is_empty() {
            self.day_example = clip();
        }
        if self.vote.month_first > before.month_first && self.month_example.is_empty() {
            self.month_example = clip();
        }
    }

    /// Whether the values decide an order the mapper does not fix itself
    /// (rows read before the decision must then be read again).
    pub(crate) fn changes_order(&self, mapper: &dyn RowMapper) -> bool {
        self.vote.decided().is_some() && mapper.fixed_date_order().is_none()
    }

    /// Sets the mapper's order from the evidence; the note says when the
    /// column holds dates of both orders; fails when no order can be told.
    pub(crate) fn decide(
        &self,
        mapper: &mut dyn RowMapper,
        header: &Header,
        path: &Path,
    ) -> Result<Option<Bi>, ImportError> {
        let vote = self.vote;
        let (day_example, month_example) = (&self.day_example, &self.month_example);
        let example = self.example.clone();
        let column = || {
            mapper
                .date_column()
                .map(|c| header.display(c))
                .unwrap_or_default()
        };
        if let Some(order) = vote.decided() {
            // The order the column is read in: the mapping's where it gives one.
            let order = mapper.fixed_date_order().unwrap_or(order);
            let fixed = mapper.fixed_date_order().is_some();
            let note = (vote.day_first > 0 && vote.month_first > 0).then(|| {
                let col = column();
                let (d, m) = (vote.day_first, vote.month_first);
                let en = {
                    let (chosen, other) = match order {
                        DateOrder::DayFirst => ("day-first (DD/MM)", "month-first"),
                        DateOrder::MonthFirst => ("month-first (MM/DD)", "day-first"),
                    };
                    let by = if fixed { "the column mapping's order" } else { "the majority" };
                    format!(
                        "column '{col}' holds dates that can only be day-first ({d} values, e.g. '{day_example}') and dates that can only be month-first ({m} values, e.g. '{month_example}'); it is read as {chosen} ({by}), and the {other} dates are rejected as invalid: check the column"
                    )
                };
                let fr = {
                    let (chosen, other) = match order {
                        DateOrder::DayFirst => ("jour d'abord (JJ/MM)", "mois d'abord"),
                        DateOrder::MonthFirst => ("mois d'abord (MM/JJ)", "jour d'abord"),
                    };
                    let by = if fixed { "l'ordre de la correspondance de colonnes" } else { "la majorité" };
                    format!(
                        "la colonne « {col} » contient des dates qui ne peuvent être que jour d'abord ({d} valeurs, par exemple « {day_example} ») et des dates qui ne peuvent être que mois d'abord ({m} valeurs, par exemple « {month_example} ») ; elle est lue {chosen} ({by}), et les dates {other} sont rejetées comme invalides : vérifiez la colonne"
                    )
                };
                Bi::new(en, fr)
            });
            mapper.set_date_order(order);
            return Ok(note);
        } else if vote.needs_order() && mapper.lacks_date_order() {
            return Err(ImportError::AmbiguousDates {
                path: path.to_path_buf(),
                column: column(),
                example,
            });
        }
        Ok(None)
    }
}

/// A byte source that can be read again from a position (a file, or text
/// decoded in memory).
pub(super) trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}
