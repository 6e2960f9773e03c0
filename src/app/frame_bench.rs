//! The window's frame time measured headless (layout and tessellation, no
//! GPU), for `poc-workbench bench --frames`. A benchmark, never a test.

use super::WorkbenchApp;
use super::commands::View;
use crate::analysis::Filter;
use std::path::PathBuf;

/// Frame times of the window laid out headless (layout and tessellation, no
/// GPU) on `files`: (idle frame, worst frame after a filter change, incidents
/// view frame), in milliseconds. Used by `poc-workbench bench --frames`.
pub fn measure_frames(files: &[PathBuf]) -> (f32, f32, f32) {
    use std::time::Instant;
    let ctx = egui::Context::default();
    let mut app = WorkbenchApp::with_files(files);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        ..Default::default()
    };
    let frame = |app: &mut WorkbenchApp| {
        let t = Instant::now();
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        std::hint::black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
        t.elapsed().as_secs_f32() * 1000.0
    };
    for _ in 0..5 {
        frame(&mut app);
    }
    let mut idle: Vec<f32> = (0..20).map(|_| frame(&mut app)).collect();
    idle.sort_by(f32::total_cmp);
    let latest = app
        .session
        .workspace()
        .latest_date()
        .and_then(crate::model::dates::from_day_number);
    type FilterChange = Box<dyn Fn(&mut Filter)>;
    let changes: Vec<FilterChange> = vec![
        Box::new(|f: &mut Filter| {
            f.perpetrators = Some([crate::model::PerpetratorType::StateForces].into())
        }),
        Box::new(move |f: &mut Filter| {
            f.from = latest.and_then(|d| d.checked_sub_months(chrono::Months::new(12)))
        }),
        Box::new(|f: &mut Filter| f.level = crate::analysis::RegionLevel::Admin2),
        Box::new(|f: &mut Filter| *f = Filter::default()),
        // A new filter over every row (not in the recent-matrix cache).
        Box::new(|f: &mut Filter| {
            f.perpetrators = Some(
                crate::model::PerpetratorType::ALL
                    .into_iter()
                    .filter(|t| *t != crate::model::PerpetratorType::Protesters)
                    .collect(),
            )
        }),
    ];
    let mut worst_change = 0.0f32;
    for change in &changes {
        let mut f = app.session.filter().clone();
        change(&mut f);
        app.session.set_filter(f);
        let t = Instant::now();
        app.session.derived();
        let derive_ms = t.elapsed().as_secs_f32() * 1000.0;
        let ms = frame(&mut app) + derive_ms;
        if std::env::var_os("POC_BENCH_VERBOSE").is_some() {
            let again = frame(&mut app);
            eprintln!(
                "  of which matrix recompute {derive_ms:.1} ms; the next frame {again:.1} ms"
            );
        }
        if std::env::var_os("POC_BENCH_VERBOSE").is_some() {
            eprintln!(
                "filter change: {ms:.1} ms ({})",
                app.session.filter().describe()
            );
        }
        worst_change = worst_change.max(ms);
    }
    app.view = View::Incidents;
    frame(&mut app);
    let mut inc: Vec<f32> = (0..10).map(|_| frame(&mut app)).collect();
    inc.sort_by(f32::total_cmp);
    (idle[idle.len() / 2], worst_change, inc[inc.len() / 2])
}
