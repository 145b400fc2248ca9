/* puratan-canvas-private.h: the canvas's state, shared by the files that implement it
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coordinates: "page space" is the design model's (points, origin at the trim box's top-left
 * corner, y down). "Widget space" is the canvas's pixels. The view is a scale (pixels per
 * point: zoom × 96/72) and the page point shown at the widget's centre.
 */
#pragma once

#include "puratan-canvas.h"
#include "puratan-color.h"
#include "puratan-render.h"

G_BEGIN_DECLS

#define PURATAN_CANVAS_PX_PER_POINT (96.0 / 72.0)
#define PURATAN_CANVAS_MIN_ZOOM     0.02
#define PURATAN_CANVAS_MAX_ZOOM     64.0
#define PURATAN_CANVAS_TILE         128  /* tile edge in device pixels */
#define PURATAN_CANVAS_HANDLE_PX    8.0  /* resize handle size in widget pixels */
#define PURATAN_CANVAS_SNAP_PX      6.0  /* snapping distance in widget pixels */
#define PURATAN_CANVAS_ROTATE_PX    24.0 /* rotate handle distance above the frame */

/* What a drag on the canvas does, decided when it starts. */
typedef enum
{
  CANVAS_DRAG_NONE,
  CANVAS_DRAG_PAN,
  CANVAS_DRAG_MOVE,
  CANVAS_DRAG_RESIZE,
  CANVAS_DRAG_ROTATE,
  CANVAS_DRAG_RUBBER,
  CANVAS_DRAG_CREATE,
} CanvasDragMode;

/* An axis-aligned rectangle in page space. */
typedef struct
{
  double x, y, width, height;
} CanvasRect;

/* What the canvas knows of one top-level item, to find what a change touched. */
typedef struct
{
  char *id;
  guint64 signature;
  CanvasRect bounds; /* including stroke and, for text, where the text may run */
} CanvasItemRecord;

struct _PuratanCanvas
{
  GtkWidget parent_instance;

  PuratanSelection *selection;
  gulong selection_handler;
  gulong page_handler;
  PuratanDocument *document; /* the selection's document, watched for changes */
  gulong document_handler;
  guint page_index;

  /* Rendering (puratan-canvas-render.c). The renderer and the proof transform are built on
   * a worker; until then the page is drawn blank. */
  PuratanRenderer *renderer;
  PuratanSoftProof *proof;
  GCancellable *build_cancellable;
  gboolean build_pending;
  GHashTable *tiles;  /* CanvasTileKey → CanvasTile */
  double shown_scale; /* the last tile scale whose visible tiles were all current */
  GArray *records;    /* (element-type CanvasItemRecord) the page as last drawn */
  gboolean records_valid;
  guint64 page_hash; /* page geometry, swatches and layers as last drawn */
  gboolean document_dirty;
  guint64 tick;               /* counts snapshots, for least-recently-used tile eviction */
  guint refine_source;        /* idle that finishes tiles a budgeted frame left over */
  guint prefetch_source;      /* idle that draws tiles just outside the view */
  guint frame_tiles_rendered; /* tiles drawn while drawing a frame (not ahead), for tests */

  /* View */
  PuratanCanvasTool tool;
  PuratanUnit unit;
  double zoom;
  double center_x, center_y; /* page point at the widget's centre */
  gboolean centered;         /* follow the page's centre until the designer pans */
  gboolean soft_proof;
  char *press_condition;
  gboolean paper_white;
  gboolean gamut_warning;
  gboolean show_guides;

  /* Interaction (puratan-canvas-tools.c) */
  CanvasDragMode drag;
  int handle;                  /* resize handle 0..7, clockwise from the top-left corner */
  double press_x, press_y;     /* widget space */
  double press_px, press_py;   /* page space */
  double handle_px, handle_py; /* page space: where the grabbed handle was */
  double last_x, last_y;       /* widget space, the drag's latest point */
  GPtrArray *originals;        /* (element-type PuratanDocItem) copies taken when a drag starts */
  CanvasRect original_box;
  gboolean step_open;
  gboolean space_down;
  gboolean extend;       /* Shift held when the press started */
  double snap_x, snap_y; /* snapped lines in page space, NAN for none */
  double pointer_x, pointer_y;
  double pinch_zoom;

  /* Text editing (puratan-canvas-text.c) */
  GtkIMContext *im;
  char *editing_id;
  GString *editing_text;
  int cursor; /* byte offset in editing_text */
  char *preedit;
  int preedit_cursor;
};

/* puratan-canvas.c */
const PuratanDocPage *puratan_canvas_current_page (PuratanCanvas *self);
double puratan_canvas_scale (PuratanCanvas *self);
void puratan_canvas_page_origin (PuratanCanvas *self, double *ox, double *oy);
void puratan_canvas_set_view (PuratanCanvas *self, double zoom, double center_x, double center_y);
void puratan_canvas_pan_by (PuratanCanvas *self, double dx_px, double dy_px);
void puratan_canvas_zoom_at (PuratanCanvas *self, double zoom, double wx, double wy);
gboolean puratan_canvas_item_is_editable (PuratanCanvas *self, const PuratanDocItem *item);
gboolean puratan_canvas_item_is_shown (PuratanCanvas *self, const PuratanDocItem *item);
void puratan_canvas_emit_file_dropped (PuratanCanvas *self, GFile *file, double x, double y);
void puratan_canvas_emit_item_activated (PuratanCanvas *self, const char *id);

/* puratan-canvas-geom.c */
void puratan_canvas_item_bounds (const PuratanDocItem *item, CanvasRect *bounds);
void puratan_canvas_item_corners (const PuratanDocItem *item, double corners[8]);
gboolean puratan_canvas_selection_bounds (PuratanCanvas *self, CanvasRect *bounds);
const PuratanDocItem *puratan_canvas_hit_item (PuratanCanvas *self, double px, double py);
int puratan_canvas_hit_handle (PuratanCanvas *self, double wx, double wy);
void puratan_canvas_handle_points (PuratanCanvas *self, double points[18]);
gboolean puratan_canvas_selection_frame (PuratanCanvas *self, double corners[8]);
void canvas_rect_union (CanvasRect *a, const CanvasRect *b);
gboolean canvas_rect_intersects (const CanvasRect *a, const CanvasRect *b);

/* puratan-canvas-render.c */
void puratan_canvas_render_init (PuratanCanvas *self);
void puratan_canvas_render_dispose (PuratanCanvas *self);
void puratan_canvas_rebuild_renderer (PuratanCanvas *self);
void puratan_canvas_invalidate_all (PuratanCanvas *self);
void puratan_canvas_clear_tiles (PuratanCanvas *self);
void puratan_canvas_snapshot_page (PuratanCanvas *self, GtkSnapshot *snapshot);

/* puratan-canvas-draw.c */
void puratan_canvas_snapshot_overlays (PuratanCanvas *self, GtkSnapshot *snapshot);

/* puratan-canvas-tools.c */
void puratan_canvas_tools_init (PuratanCanvas *self);
void puratan_canvas_tools_dispose (PuratanCanvas *self);
void puratan_canvas_nudge (PuratanCanvas *self, double dx, double dy);
const char *puratan_canvas_default_swatch (PuratanCanvas *self);
const char *puratan_canvas_add_new_item (PuratanCanvas *self, PuratanDocItem *item);

/* puratan-canvas-snap.c */
double puratan_canvas_snap (PuratanCanvas *self, gboolean vertical, const double *values, int n);
void puratan_canvas_snap_clear (PuratanCanvas *self);

/* puratan-canvas-text.c */
void puratan_canvas_text_init (PuratanCanvas *self);
void puratan_canvas_text_dispose (PuratanCanvas *self);
void puratan_canvas_text_begin (PuratanCanvas *self, const char *id);
void
puratan_canvas_text_create (PuratanCanvas *self, double x, double y, double width, double height);
void puratan_canvas_text_commit (PuratanCanvas *self);
void puratan_canvas_text_place_caret (PuratanCanvas *self, double px, double py);
gboolean puratan_canvas_text_key (PuratanCanvas *self, guint keyval, GdkModifierType state);
void puratan_canvas_text_snapshot (PuratanCanvas *self, GtkSnapshot *snapshot);

G_END_DECLS

G_BEGIN_DECLS

/* puratan-canvas-ruler.c */
#define PURATAN_TYPE_CANVAS_RULER (puratan_canvas_ruler_get_type ())
G_DECLARE_FINAL_TYPE (PuratanCanvasRuler, puratan_canvas_ruler, PURATAN, CANVAS_RULER, GtkWidget)

GtkWidget *puratan_canvas_ruler_new (GtkOrientation orientation);
void puratan_canvas_ruler_set_canvas (PuratanCanvasRuler *self, PuratanCanvas *canvas);

G_END_DECLS
