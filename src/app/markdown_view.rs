//! Markdown rendered in the window (the guide, the methodology, the data
//! attributions): headings, paragraphs with emphasis and code, lists,
//! block quotes, code blocks and tables, parsed by `pulldown-cmark`. Links
//! are shown, not followed: the workbench works offline.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, TextStyle};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Inline style in force.
#[derive(Default, Clone, Copy)]
struct Inline {
    strong: bool,
    emph: bool,
    code: bool,
    link: bool,
    heading: Option<HeadingLevel>,
}

/// Draws `md` into `ui`.
pub fn markdown_ui(ui: &mut egui::Ui, id: &str, md: &str) {
    let mut r = Renderer {
        job: LayoutJob::default(),
        style: Inline::default(),
        lists: Vec::new(),
        quote: 0,
        table: None,
        cell: String::new(),
        row: Vec::new(),
        n_tables: 0,
        id: id.to_string(),
    };
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for ev in Parser::new_ext(md, opts) {
        r.event(ui, ev);
    }
    r.flush(ui);
}

struct Renderer {
    job: LayoutJob,
    style: Inline,
    /// Open lists: the next number of an ordered list, or None.
    lists: Vec<Option<u64>>,
    quote: usize,
    table: Option<Vec<Vec<String>>>,
    cell: String,
    row: Vec<String>,
    n_tables: usize,
    id: String,
}

impl Renderer {
    fn event(&mut self, ui: &mut egui::Ui, ev: Event<'_>) {
        match ev {
            Event::Start(tag) => self.start(ui, tag),
            Event::End(tag) => self.end(ui, tag),
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => self.text(ui, &t),
            Event::Code(t) => {
                let old = self.style;
                self.style.code = true;
                self.text(ui, &t);
                self.style = old;
            }
            Event::SoftBreak => self.text(ui, " "),
            Event::HardBreak => self.text(ui, "\n"),
            Event::Rule => {
                self.flush(ui);
                ui.separator();
            }
            _ => {}
        }
    }

    fn start(&mut self, ui: &mut egui::Ui, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush(ui);
                ui.add_space(6.0);
                self.style.heading = Some(level);
            }
            Tag::Paragraph => self.flush(ui),
            Tag::Strong => self.style.strong = true,
            Tag::Emphasis => self.style.emph = true,
            Tag::Link { .. } => self.style.link = true,
            Tag::CodeBlock(_) => {
                self.flush(ui);
                self.style.code = true;
            }
            Tag::BlockQuote(_) => {
                self.flush(ui);
                self.quote += 1;
            }
            Tag::List(start) => {
                self.flush(ui);
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush(ui);
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "• ".to_string(),
                };
                let indent = "    ".repeat(depth);
                self.text(ui, &format!("{indent}{marker}"));
            }
            Tag::Table(_) => {
                self.flush(ui);
                self.table = Some(Vec::new());
            }
            _ => {}
        }
    }

    fn end(&mut self, ui: &mut egui::Ui, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                self.flush(ui);
                self.style.heading = None;
            }
            TagEnd::Paragraph | TagEnd::Item => self.flush(ui),
            TagEnd::Strong => self.style.strong = false,
            TagEnd::Emphasis => self.style.emph = false,
            TagEnd::Link => self.style.link = false,
            TagEnd::CodeBlock => {
                self.flush(ui);
                self.style.code = false;
            }
            TagEnd::BlockQuote(_) => {
                self.flush(ui);
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush(ui);
                self.lists.pop();
            }
            TagEnd::TableCell => self.row.push(std::mem::take(&mut self.cell)),
            TagEnd::TableHead | TagEnd::TableRow => {
                let row = std::mem::take(&mut self.row);
                if let Some(t) = self.table.as_mut() {
                    t.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(rows) = self.table.take() {
                    self.n_tables += 1;
                    table_ui(ui, (self.id.as_str(), self.n_tables), &rows);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, ui: &egui::Ui, t: &str) {
        if self.table.is_some() {
            self.cell.push_str(t);
            return;
        }
        let s = self.style;
        let size = match s.heading {
            Some(HeadingLevel::H1) => 22.0,
            Some(HeadingLevel::H2) => 19.0,
            Some(HeadingLevel::H3) => 16.5,
            Some(_) => 15.0,
            None => ui.text_style_height(&TextStyle::Body) - 1.0,
        };
        let visuals = ui.visuals();
        let mut color = if s.heading.is_some() || s.strong {
            visuals.strong_text_color()
        } else {
            visuals.text_color()
        };
        if s.link {
            color = visuals.hyperlink_color;
        }
        if self.quote > 0 {
            color = visuals.weak_text_color();
        }
        let font = if s.code {
            FontId::monospace(size - 1.0)
        } else {
            FontId::proportional(size)
        };
        let fmt = TextFormat {
            font_id: font,
            color,
            italics: s.emph || self.quote > 0,
            underline: if s.link {
                egui::Stroke::new(1.0, color)
            } else {
                egui::Stroke::NONE
            },
            background: if s.code {
                visuals.code_bg_color
            } else {
                Color32::TRANSPARENT
            },
            ..Default::default()
        };
        self.job.append(t, 0.0, fmt);
    }

    fn flush(&mut self, ui: &mut egui::Ui) {
        if self.job.text.is_empty() {
            return;
        }
        let job = std::mem::take(&mut self.job);
        ui.add(egui::Label::new(job).wrap());
    }
}

fn table_ui(ui: &mut egui::Ui, id: (&str, usize), rows: &[Vec<String>]) {
    egui::ScrollArea::horizontal().id_salt(id).show(ui, |ui| {
        egui::Grid::new(id).striped(true).show(ui, |ui| {
            for (i, row) in rows.iter().enumerate() {
                for c in row {
                    if i == 0 {
                        ui.strong(c);
                    } else {
                        ui.label(c);
                    }
                }
                ui.end_row();
            }
        });
    });
}
