//! The annex charts, drawn by plotters from the format-free model: one
//! drawing routine per chart, generic over the backend, so the PNG in the
//! DOCX and the SVG in the HTML are the same picture. Text uses DejaVu Sans,
//! bundled in `assets/fonts`, so a PNG never depends on the system's fonts.

use super::Cell;
use crate::model::palette::heat_rgb;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;

/// Chart data, already protected (METHODOLOGY §6).
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Stacked bars, one per month. `withheld[i]`: month i is withheld (a
    /// `<k` count, or an `x` that protects one); drawn grey at k−1, its
    /// value is not in `series`.
    Monthly {
        months: Vec<String>,
        series: Vec<Series>,
        withheld: Vec<bool>,
        k: u32,
        lang: crate::i18n::Lang,
    },
    /// The matrix as coloured cells.
    Heat {
        rows: Vec<String>,
        cols: Vec<String>,
        cells: Vec<Vec<Cell>>,
        /// The language of its key and numbers.
        lang: crate::i18n::Lang,
    },
    /// Regions coloured by their count.
    Map {
        areas: Vec<MapArea>,
        lang: crate::i18n::Lang,
    },
}

/// One stacked series.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub rgb: [u8; 3],
    pub values: Vec<u64>,
}

/// One region on the map; `cell` is `Empty` for boundaries with no data.
#[derive(Debug, Clone, PartialEq)]
pub struct MapArea {
    pub name: String,
    pub rings: Vec<Vec<[f64; 2]>>,
    pub cell: Cell,
    /// Another country's area, drawn for orientation only (white).
    pub neighbour: bool,
}

const FONT: &str = "DejaVu Sans";
static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Registers the bundled fonts once; a chart without its font would print
/// no text, so a failure is an error, not a blank axis.
fn register_fonts() -> Result<(), String> {
    static DONE: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    DONE.get_or_init(|| {
        for (style, bytes) in [(FontStyle::Normal, REGULAR), (FontStyle::Bold, BOLD)] {
            plotters::style::register_font(FONT, style, bytes)
                .map_err(|_| format!("the chart font {FONT} could not be loaded"))?;
        }
        Ok(())
    })
    .clone()
}

/// The largest PNG buffer a chart may take (about 10,000 heat-map rows).
const MAX_PNG_BYTES: usize = 256 * 1024 * 1024;

/// Regions beyond which the heat map is left out of the annex (it would be
/// unreadable; the tables carry every region).
pub const MAX_HEAT_ROWS: usize = 150;

/// The chart's size in CSS pixels (the PNG is drawn at twice this).
pub fn size(chart: &Chart) -> (u32, u32) {
    match chart {
        Chart::Monthly { .. } => (800, 380),
        Chart::Heat { rows, .. } => (800, 140 + 30 * rows.len().max(1) as u32),
        Chart::Map { .. } => (800, 560),
    }
}

/// The chart as an SVG document.
pub fn svg(chart: &Chart) -> Result<String, String> {
    register_fonts()?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size(chart)).into_drawing_area();
        draw(&root, chart, 1.0).map_err(|e| format!("a chart could not be drawn: {e}"))?;
        root.present()
            .map_err(|e| format!("a chart could not be drawn: {e}"))?;
    }
    Ok(out)
}

/// The chart as a PNG image, at twice the SVG's size; returns the bytes
/// and the pixel size.
pub fn png(chart: &Chart) -> Result<(Vec<u8>, (u32, u32)), String> {
    register_fonts()?;
    let (w, h) = size(chart);
    let (w, h) = (w.saturating_mul(2), h.saturating_mul(2));
    // Sized in usize, with a ceiling: a chart of thousands of rows must be
    // refused with a message, not overflow its buffer (or take gigabytes).
    let bytes_needed = (w as usize)
        .checked_mul(h as usize)
        .and_then(|n| n.checked_mul(3))
        .filter(|&n| n <= MAX_PNG_BYTES)
        .ok_or_else(|| format!("a chart of {w}×{h} pixels is too large to draw"))?;
    let mut rgb = vec![255u8; bytes_needed];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        draw(&root, chart, 2.0).map_err(|e| format!("a chart could not be drawn: {e}"))?;
        root.present()
            .map_err(|e| format!("a chart could not be drawn: {e}"))?;
    }
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let encode = |e: png::EncodingError| format!("a chart could not be encoded: {e}");
        enc.write_header()
            .map_err(encode)?
            .write_image_data(&rgb)
            .map_err(encode)?;
    }
    Ok((bytes, (w, h)))
}

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    s: f64,
) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    match chart {
        Chart::Monthly {
            months,
            series,
            withheld,
            k,
            lang,
        } => monthly(root, months, series, (withheld, *k), *lang, s),
        Chart::Heat {
            rows,
            cols,
            cells,
            lang,
        } => heat(root, (rows, cols), cells, *lang, s),
        Chart::Map { areas, lang } => map(root, areas, *lang, s),
    }
}

fn px(v: f64, s: f64) -> i32 {
    (v * s).round() as i32
}

fn font(size: f64, s: f64) -> TextStyle<'static> {
    (FONT, size * s).into_font().color(&BLACK)
}

/// Colours for `n` stacked series that stay apart in greyscale: evenly
/// spaced along viridis (luminance rising all the way), stopping short of
/// its pale yellow.
pub fn print_palette(n: usize) -> Vec<[u8; 3]> {
    const STOPS: [(f64, f64, f64); 5] = [
        (68.0, 1.0, 84.0),
        (59.0, 82.0, 139.0),
        (33.0, 145.0, 140.0),
        (94.0, 201.0, 98.0),
        (253.0, 231.0, 37.0),
    ];
    (0..n)
        .map(|i| {
            let t = if n <= 1 {
                0.0
            } else {
                0.88 * i as f64 / (n - 1) as f64
            };
            let x = t * (STOPS.len() - 1) as f64;
            let k = (x.floor() as usize).min(STOPS.len() - 2);
            let f = x - k as f64;
            let (a, b) = (STOPS[k], STOPS[k + 1]);
            let lerp = |p: f64, q: f64| (p + (q - p) * f).round() as u8;
            [lerp(a.0, b.0), lerp(a.1, b.1), lerp(a.2, b.2)]
        })
        .collect()
}

/// Relative luminance (0–255) of a colour, as a greyscale print shows it.
pub fn grey_of(rgb: [u8; 3]) -> f64 {
    0.2126 * f64::from(rgb[0]) + 0.7152 * f64::from(rgb[1]) + 0.0722 * f64::from(rgb[2])
}

/// A withheld cell or bar: white, outlined, with a diagonal hatch (no
/// grey of a value can be mistaken for it).
fn hatched<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
    s: f64,
) -> DrawResult<DB> {
    let ink = RGBColor(60, 60, 60);
    root.draw(&Rectangle::new([(x0, y0), (x1, y1)], WHITE.filled()))?;
    let gap = px(7.0, s).max(3);
    let (w, h) = (x1 - x0, y1 - y0);
    let mut d = gap;
    while d < w + h {
        // A line x + y = const, clipped to the box.
        let (ax, ay) = (x0 + d.min(w), y0 + (d - w).max(0));
        let (bx, by) = (x0 + (d - h).max(0), y0 + d.min(h));
        root.draw(&PathElement::new(
            vec![(ax, ay), (bx, by)],
            ink.stroke_width(1),
        ))?;
        d += gap;
    }
    root.draw(&Rectangle::new([(x0, y0), (x1, y1)], ink.stroke_width(1)))?;
    Ok(())
}

fn monthly<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    months: &[String],
    series: &[Series],
    (withheld, k): (&[bool], u32),
    lang: crate::i18n::Lang,
    s: f64,
) -> DrawResult<DB> {
    let n = months.len();
    let top: u64 = (0..n)
        .map(|i| {
            let v: u64 = series.iter().map(|x| x.values[i]).sum();
            if withheld.get(i).copied().unwrap_or(false) {
                v.max(u64::from(k.saturating_sub(1)))
            } else {
                v
            }
        })
        .max()
        .unwrap_or(0)
        .max(1);
    // Every `step`-th month labelled, at most twelve labels.
    let step = n.div_ceil(12).max(1);
    let mut chart = ChartBuilder::on(root)
        .margin(px(10.0, s))
        .x_label_area_size(px(40.0, s))
        .y_label_area_size(px(58.0, s))
        .build_cartesian_2d(0f64..n.max(1) as f64, 0f64..(top as f64 * 1.1))?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .x_label_formatter(&|_| String::new())
        .y_desc(crate::l!(
            lang,
            "civilian-harm events",
            "événements portant atteinte aux civils"
        ))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .light_line_style(RGBColor(245, 245, 245))
        .label_style(font(15.0, s))
        .axis_desc_style(font(15.0, s))
        .draw()?;
    let below = plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Top,
    );
    for (i, m) in months.iter().enumerate().filter(|(i, _)| i % step == 0) {
        let (x, y) = chart.backend_coord(&(i as f64 + 0.5, 0.0));
        root.draw(&Text::new(
            m.clone(),
            (x, y + px(6.0, s)),
            font(13.0, s).pos(below),
        ))?;
    }
    let colours = print_palette(series.len());
    let mut base = vec![0u64; n];
    for (x, rgb) in series.iter().zip(colours) {
        let c = RGBColor(rgb[0], rgb[1], rgb[2]);
        let bars: Vec<Rectangle<(f64, f64)>> = (0..n)
            .filter(|&i| x.values[i] > 0)
            .map(|i| {
                let (y0, y1) = (base[i], base[i] + x.values[i]);
                Rectangle::new(
                    [(i as f64 + 0.1, y0 as f64), (i as f64 + 0.9, y1 as f64)],
                    c.filled(),
                )
            })
            .collect();
        // A white rule between stacked parts keeps them apart on paper.
        let rules: Vec<Rectangle<(f64, f64)>> = (0..n)
            .filter(|&i| x.values[i] > 0)
            .map(|i| {
                let (y0, y1) = (base[i], base[i] + x.values[i]);
                Rectangle::new(
                    [(i as f64 + 0.1, y0 as f64), (i as f64 + 0.9, y1 as f64)],
                    WHITE.stroke_width(1),
                )
            })
            .collect();
        for (i, b) in base.iter_mut().enumerate() {
            *b += x.values[i];
        }
        chart
            .draw_series(bars)?
            .label(x.label.clone())
            .legend(move |(lx, ly)| Rectangle::new([(lx, ly - 6), (lx + 14, ly + 6)], c.filled()));
        chart.draw_series(rules)?;
    }
    let mut hatches = Vec::new();
    if withheld.iter().any(|w| *w) {
        let h = f64::from(k.saturating_sub(1));
        for i in (0..n).filter(|&i| withheld.get(i).copied().unwrap_or(false)) {
            hatches.push((
                chart.backend_coord(&(i as f64 + 0.1, h)),
                chart.backend_coord(&(i as f64 + 0.9, 0.0)),
            ));
        }
        // An empty series carries the legend entry.
        chart
            .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
            .label(crate::lf!(
                lang,
                "withheld (<{k} or x; drawn at {})",
                "masqué (<{k} ou x ; dessiné à {})",
                k - 1
            ))
            .legend(move |(lx, ly)| {
                Rectangle::new(
                    [(lx, ly - 6), (lx + 14, ly + 6)],
                    RGBColor(60, 60, 60).stroke_width(1),
                )
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(200, 200, 200))
        .label_font(font(13.0, s))
        .draw()?;
    for (a, b) in hatches {
        hatched(root, a, b, s)?;
    }
    Ok(())
}

/// Splits a label into at most two lines of about `width` characters.
fn wrap2(label: &str, width: usize) -> (String, String) {
    if label.chars().count() <= width {
        return (label.to_string(), String::new());
    }
    let mut first = String::new();
    let mut rest = String::new();
    for w in label.split_whitespace() {
        if rest.is_empty() && first.chars().count() + w.chars().count() < width {
            if !first.is_empty() {
                first.push(' ');
            }
            first.push_str(w);
        } else {
            if !rest.is_empty() {
                rest.push(' ');
            }
            rest.push_str(w);
        }
    }
    if rest.chars().count() > width + 2 {
        rest = rest.chars().take(width).collect::<String>() + "…";
    }
    (first, rest)
}

fn heat<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (rows, cols): (&[String], &[String]),
    cells: &[Vec<Cell>],
    lang: crate::i18n::Lang,
    s: f64,
) -> DrawResult<DB> {
    let (w, _) = root.dim_in_pixel();
    let left = 210.0;
    let top = 66.0;
    let row_h = 30.0;
    let col_w = ((f64::from(w) / s - left - 10.0) / cols.len().max(1) as f64).min(110.0);
    let max = cells
        .iter()
        .flatten()
        .filter_map(|c| match c {
            Cell::Count(v) => Some(*v),
            _ => None,
        })
        .max()
        .unwrap_or(1)
        .max(1);
    let chars = (col_w / 8.0) as usize;
    for (j, c) in cols.iter().enumerate() {
        let (a, b) = wrap2(c, chars.max(6));
        let x = left + col_w * (j as f64 + 0.5);
        let st = font(13.0, s).pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Bottom,
        ));
        root.draw(&Text::new(a, (px(x, s), px(top - 22.0, s)), st.clone()))?;
        root.draw(&Text::new(b, (px(x, s), px(top - 6.0, s)), st))?;
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let name: String = if r.chars().count() > 24 {
            r.chars().take(23).collect::<String>() + "…"
        } else {
            r.clone()
        };
        let st = font(14.0, s).pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Right,
            plotters::style::text_anchor::VPos::Center,
        ));
        root.draw(&Text::new(
            name,
            (px(left - 6.0, s), px(y + row_h / 2.0, s)),
            st,
        ))?;
        for (j, c) in cells
            .get(i)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .enumerate()
        {
            let x = left + col_w * j as f64;
            let (a, b) = (
                (px(x + 1.0, s), px(y + 1.0, s)),
                (px(x + col_w - 1.0, s), px(y + row_h - 1.0, s)),
            );
            let white = match c {
                Cell::Count(v) => {
                    let (fill, white) = heat_rgb(*v as f32 / max as f32)
                        .map_or(([255, 255, 255], false), |(rgb, wt)| (rgb, wt));
                    root.draw(&Rectangle::new(
                        [a, b],
                        RGBColor(fill[0], fill[1], fill[2]).filled(),
                    ))?;
                    white
                }
                Cell::Small(_) | Cell::Hidden => {
                    hatched(root, a, b, s)?;
                    false
                }
                _ => false,
            };
            let text = match c {
                Cell::Count(0) => String::new(),
                other => other.display_in(lang),
            };
            if matches!(c, Cell::Small(_) | Cell::Hidden) {
                // The label on a white patch, clear of the hatch.
                let (cx, cy) = (x + col_w / 2.0, y + row_h / 2.0);
                root.draw(&Rectangle::new(
                    [
                        (px(cx - 16.0, s), px(cy - 9.0, s)),
                        (px(cx + 16.0, s), px(cy + 9.0, s)),
                    ],
                    WHITE.filled(),
                ))?;
            }
            let colour = if white { WHITE } else { BLACK };
            let st = font(13.0, s)
                .color(&colour)
                .pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Center,
                    plotters::style::text_anchor::VPos::Center,
                ));
            root.draw(&Text::new(
                text,
                (px(x + col_w / 2.0, s), px(y + row_h / 2.0, s)),
                st,
            ))?;
        }
    }
    let any_withheld = cells
        .iter()
        .flatten()
        .any(|c| matches!(c, Cell::Small(_) | Cell::Hidden));
    legend(
        root,
        (max, any_withheld),
        top + row_h * rows.len() as f64 + 16.0,
        lang,
        s,
    )
}

/// The numeric key of the heat colours, and the withheld hatch.
fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (max, withheld): (u64, bool),
    y: f64,
    lang: crate::i18n::Lang,
    s: f64,
) -> DrawResult<DB> {
    let centre = plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Left,
        plotters::style::text_anchor::VPos::Center,
    );
    root.draw(&Text::new(
        crate::l!(lang, "Events:", "Événements :"),
        (px(10.0, s), px(y + 10.0, s)),
        font(13.0, s).pos(centre),
    ))?;
    let mut stops: Vec<u64> = [1, max / 4, max / 2, (3 * max) / 4, max]
        .into_iter()
        .filter(|v| *v >= 1)
        .collect();
    stops.dedup();
    let mut x = 80.0;
    for v in stops {
        let fill = heat_rgb(v as f32 / max.max(1) as f32).map_or([255, 255, 255], |c| c.0);
        root.draw(&Rectangle::new(
            [(px(x, s), px(y, s)), (px(x + 28.0, s), px(y + 20.0, s))],
            RGBColor(fill[0], fill[1], fill[2]).filled(),
        ))?;
        root.draw(&Text::new(
            crate::i18n::count(lang, v),
            (px(x + 32.0, s), px(y + 10.0, s)),
            font(13.0, s).pos(centre),
        ))?;
        x += 90.0;
    }
    if !withheld {
        return Ok(());
    }
    hatched(
        root,
        (px(x, s), px(y, s)),
        (px(x + 28.0, s), px(y + 20.0, s)),
        s,
    )?;
    root.draw(&Text::new(
        crate::l!(lang, "withheld (<k or x)", "masqué (<k ou x)"),
        (px(x + 32.0, s), px(y + 10.0, s)),
        font(13.0, s).pos(centre),
    ))?;
    Ok(())
}

fn map<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    areas: &[MapArea],
    lang: crate::i18n::Lang,
    s: f64,
) -> DrawResult<DB> {
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (f64::from(w) / s, f64::from(h) / s - 40.0);
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for a in areas.iter().filter(|a| a.cell != Cell::Empty) {
        for p in a.rings.iter().flatten() {
            b = [
                b[0].min(p[0]),
                b[1].min(p[1]),
                b[2].max(p[0]),
                b[3].max(p[1]),
            ];
        }
    }
    if b[0] > b[2] {
        return Ok(());
    }
    let coslat = ((b[1] + b[3]) / 2.0).to_radians().cos().max(0.2);
    let scale =
        ((w - 20.0) / ((b[2] - b[0]) * coslat).max(0.1)).min((h - 20.0) / (b[3] - b[1]).max(0.1));
    let ox = (w - (b[2] - b[0]) * coslat * scale) / 2.0;
    let oy = (h - (b[3] - b[1]) * scale) / 2.0;
    let project = |p: &[f64; 2]| -> (i32, i32) {
        (
            px(ox + (p[0] - b[0]) * coslat * scale, s),
            px(oy + (b[3] - p[1]) * scale, s),
        )
    };
    let max = areas
        .iter()
        .filter_map(|a| match a.cell {
            Cell::Count(v) => Some(v),
            _ => None,
        })
        .max()
        .unwrap_or(1)
        .max(1);
    let edge = RGBColor(90, 90, 90);
    for a in areas {
        let fill = match a.cell {
            Cell::Count(v) => heat_rgb(v as f32 / max as f32).map_or([255, 255, 255], |x| x.0),
            // Withheld: white, labelled <k or x (no grey of a value).
            Cell::Small(_) | Cell::Hidden => [255, 255, 255],
            _ if a.neighbour => [255, 255, 255],
            _ => [236, 236, 236],
        };
        let edge = if a.neighbour {
            RGBColor(190, 190, 190)
        } else {
            edge
        };
        for ring in &a.rings {
            // Consecutive points on the same pixel add bytes, not detail.
            let mut pts: Vec<(i32, i32)> = ring.iter().map(project).collect();
            pts.dedup();
            if pts.len() < 3 {
                continue;
            }
            root.draw(&Polygon::new(
                pts.clone(),
                RGBColor(fill[0], fill[1], fill[2]).filled(),
            ))?;
            root.draw(&PathElement::new(pts, edge.stroke_width(1)))?;
        }
    }
    let centre = plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Center,
    );
    for a in areas.iter().filter(|a| a.cell != Cell::Empty) {
        // Label at the centre of the largest ring's box.
        let Some(ring) = a.rings.iter().max_by_key(|r| r.len()) else {
            continue;
        };
        let mut rb = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for p in ring {
            rb = [
                rb[0].min(p[0]),
                rb[1].min(p[1]),
                rb[2].max(p[0]),
                rb[3].max(p[1]),
            ];
        }
        let (x, y) = project(&[(rb[0] + rb[2]) / 2.0, (rb[1] + rb[3]) / 2.0]);
        // Black on a pale box: readable on any fill, and where a label runs
        // past its region's edge.
        let chars = a
            .name
            .chars()
            .count()
            .max(a.cell.display_in(lang).chars().count()) as f64;
        let (hw, hh) = (px(chars * 3.6 + 4.0, s), px(17.0, s));
        root.draw(&Rectangle::new(
            [(x - hw, y - hh), (x + hw, y + hh)],
            WHITE.mix(0.78).filled(),
        ))?;
        root.draw(&Text::new(
            a.name.clone(),
            (x, y - px(8.0, s)),
            font(12.0, s).pos(centre),
        ))?;
        root.draw(&Text::new(
            a.cell.display_in(lang),
            (x, y + px(8.0, s)),
            font(13.0, s).pos(centre),
        ))?;
    }
    let note = crate::l!(
        lang,
        "Darker = more events; <k or x on white = withheld; light grey = none recorded; white, no label = another country.",
        "Plus foncé = plus d'événements ; <k ou x sur fond blanc = masqué ; gris clair = aucun enregistré ; blanc sans étiquette = un autre pays."
    );
    root.draw(&Text::new(
        note,
        (px(10.0, s), px(h + 16.0, s)),
        font(12.0, s),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_render_to_png_and_svg() {
        let c = Chart::Monthly {
            months: vec!["2020-01".into(), "2020-02".into()],
            series: vec![Series {
                label: "State security forces".into(),
                rgb: [0, 114, 178],
                values: vec![7, 0],
            }],
            withheld: vec![false, true],
            k: 5,
            lang: crate::i18n::Lang::En,
        };
        let s = svg(&c).expect("draws");
        assert!(s.starts_with("<svg"), "{}", &s[..s.len().min(80)]);
        assert!(s.contains("State security forces"));
        let (bytes, (w, h)) = png(&c).expect("draws");
        assert_eq!(&bytes[1..4], b"PNG");
        assert_eq!((w, h), (1600, 760));
    }

    #[test]
    fn stacked_colours_stay_apart_in_greyscale() {
        for n in 1..=12 {
            let p = print_palette(n);
            let mut greys: Vec<f64> = p.iter().map(|c| grey_of(*c)).collect();
            greys.sort_by(f64::total_cmp);
            for w in greys.windows(2) {
                assert!(w[1] - w[0] >= 12.0, "{n} series: greys {greys:?}");
            }
            // None as pale as the page, none as pale as a withheld hatch.
            assert!(greys.iter().all(|g| *g < 215.0), "{greys:?}");
        }
    }

    #[test]
    fn a_long_monthly_chart_labels_a_month_in_three() {
        let months: Vec<String> = (0..36)
            .map(|i| format!("{}-{:02}", 2018 + i / 12, i % 12 + 1))
            .collect();
        let c = Chart::Monthly {
            months: months.clone(),
            series: vec![Series {
                label: "State security forces".into(),
                rgb: [0, 0, 0],
                values: vec![1; 36],
            }],
            withheld: vec![false; 36],
            k: 5,
            lang: crate::i18n::Lang::En,
        };
        let s = svg(&c).expect("draws");
        for (i, m) in months.iter().enumerate() {
            assert_eq!(s.contains(&format!(">\n{m}\n<")), i % 3 == 0, "{m}");
        }
    }

    #[test]
    fn withheld_heat_cells_are_hatched_and_the_colours_have_a_key() {
        let c = Chart::Heat {
            rows: vec!["North".into(), "South".into()],
            cols: vec!["State security forces".into()],
            cells: vec![vec![Cell::Count(40)], vec![Cell::Small(5)]],
            lang: crate::i18n::Lang::En,
        };
        let s = svg(&c).expect("draws");
        // The old greys of a withheld cell are gone: no fill a value could have.
        for grey in ["#E1E1E1", "#A0A0A0", "#BEBEBE"] {
            assert!(!s.contains(grey), "{grey}");
        }
        // A hatch: diagonal lines inside the withheld cell, and in the key.
        assert!(s.matches("<polyline").count() >= 4, "hatch lines");
        assert!(s.contains("withheld (&lt;k or x)") || s.contains("withheld (<k or x)"));
        for v in ["1", "10", "20", "30", "40"] {
            assert!(s.contains(&format!(">\n{v}\n<")), "the key shows {v}");
        }
    }
}
