//! Keyboard travel between the window's panels: each panel marks its first
//! stop as an anchor while it draws; F6 and Shift+F6 move the focus to the
//! next or previous panel's anchor, and a view chosen from the keyboard
//! (Ctrl+1 …) takes the focus to its first stop, so the matrix is one key
//! away instead of dozens of Tab presses.

/// A panel's first stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The filter panel's region search.
    Filters,
    /// The tab of the view shown.
    Tabs,
    /// The view's first control (the matrix's first cell).
    View,
}

impl Anchor {
    /// In F6 order.
    pub const ALL: [Anchor; 3] = [Anchor::Tabs, Anchor::View, Anchor::Filters];

    fn key(self) -> egui::Id {
        egui::Id::unique(("poc-focus-anchor", self as u8))
    }

    /// The anchor after (or before) this one.
    pub fn step(self, back: bool) -> Anchor {
        let i = Self::ALL.iter().position(|a| *a == self).unwrap_or(0);
        let n = Self::ALL.len();
        Self::ALL[if back { (i + n - 1) % n } else { (i + 1) % n }]
    }
}

/// Records `resp` as the anchor of its panel for this frame.
pub fn mark(ui: &egui::Ui, a: Anchor, resp: &egui::Response) {
    let pass = ui.ctx().cumulative_pass_nr();
    ui.data_mut(|d| d.insert_temp(a.key(), (resp.id, pass)));
}

/// The widget marked as `a` in this frame, if its panel was drawn.
pub fn anchor_id(ctx: &egui::Context, a: Anchor) -> Option<egui::Id> {
    let pass = ctx.cumulative_pass_nr();
    ctx.data(|d| d.get_temp::<(egui::Id, u64)>(a.key()))
        .filter(|(_, p)| *p == pass)
        .map(|(id, _)| id)
}

fn area_key(a: Anchor) -> egui::Id {
    egui::Id::unique(("poc-focus-area", a as u8))
}

/// Records where a panel is on screen this frame (the filter panel, the
/// tab strip): a focused control inside it belongs to that panel.
pub fn mark_area(ctx: &egui::Context, a: Anchor, rect: egui::Rect) {
    ctx.data_mut(|d| d.insert_temp(area_key(a), rect));
}

/// Forgets a panel's area (the panel is hidden).
pub fn clear_area(ctx: &egui::Context, a: Anchor) {
    ctx.data_mut(|d| d.remove::<egui::Rect>(area_key(a)));
}

/// The panel that has the focus: the anchor itself, else the panel whose
/// area holds the focused control, else the view.
pub fn focused_anchor(ctx: &egui::Context) -> Option<Anchor> {
    // A hidden panel's anchor is stale, but a hidden widget has no focus.
    let focused = ctx.memory(egui::Memory::focused)?;
    let anchor = Anchor::ALL.into_iter().find(|a| {
        ctx.data(|d| d.get_temp::<(egui::Id, u64)>(a.key()))
            .is_some_and(|(id, _)| id == focused)
    });
    if anchor.is_some() {
        return anchor;
    }
    let at = ctx.read_response(focused)?.rect.center();
    let inside = |a: Anchor| {
        ctx.data(|d| d.get_temp::<egui::Rect>(area_key(a)))
            .is_some_and(|r| r.contains(at))
    };
    Some(if inside(Anchor::Filters) {
        Anchor::Filters
    } else if inside(Anchor::Tabs) {
        Anchor::Tabs
    } else {
        Anchor::View
    })
}

/// Moves the focus to `a`'s widget; false if that panel is not shown.
pub fn focus(ctx: &egui::Context, a: Anchor) -> bool {
    match anchor_id(ctx, a) {
        Some(id) => {
            ctx.memory_mut(|m| m.request_focus(id));
            true
        }
        None => false,
    }
}
