/* test-canvas.c: the Design view's canvas driven with real input under Xvfb
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pointer, wheel and key events are sent to the X server with XTest and reach the canvas
 * through GTK's own event path. Positions on the page are converted to widget pixels with
 * the canvas's public conversion, and results are read back from the document.
 */
#include "config.h"

#include <X11/keysym.h>
#include <math.h>

#include "canvas-input.h"
#include "puratan-canvas-private.h"
#include "puratan-doc.h"

/* A 400 × 300 pt page, a guide at x = 150.5, three items on an open layer and one on a
 * locked layer. */
static const char design_json[] =
    "{\"format\":1,\"title\":\"Canvas test\",\"units\":\"pt\","
    "\"swatches\":[{\"name\":\"Black\",\"model\":\"cmyk\",\"values\":[0,0,0,1]},"
    "{\"name\":\"Teal\",\"model\":\"cmyk\",\"values\":[0.85,0.1,0.4,0.15]}],"
    "\"layers\":[{\"id\":\"base\",\"name\":\"Base\",\"visible\":true,\"locked\":false,"
    "\"printable\":true},{\"id\":\"fixed\",\"name\":\"Fixed\",\"visible\":true,\"locked\":true,"
    "\"printable\":true}],"
    "\"pages\":[{\"width\":400,\"height\":300,\"bleed\":9,\"safe\":12,\"guides_x\":[150.5],"
    "\"guides_y\":[],\"items\":["
    "{\"id\":\"a\",\"kind\":\"shape\",\"layer\":\"base\",\"transform\":[1,0,0,1,40,40],"
    "\"width\":60,\"height\":40,\"fill\":{\"swatch\":\"Teal\",\"tint\":1},\"stroke\":null,"
    "\"stroke_width\":0,\"opacity\":1,\"overprint\":false,\"locked\":false,\"visible\":true,"
    "\"shape\":\"rect\",\"corner_radius\":0},"
    "{\"id\":\"b\",\"kind\":\"shape\",\"layer\":\"base\",\"transform\":[1,0,0,1,250,60],"
    "\"width\":80,\"height\":50,\"fill\":{\"swatch\":\"Teal\",\"tint\":0.5},\"stroke\":null,"
    "\"stroke_width\":0,\"opacity\":1,\"overprint\":false,\"locked\":false,\"visible\":true,"
    "\"shape\":\"rect\",\"corner_radius\":0},"
    "{\"id\":\"c\",\"kind\":\"shape\",\"layer\":\"base\",\"transform\":[1,0,0,1,60,180],"
    "\"width\":50,\"height\":50,\"fill\":{\"swatch\":\"Black\",\"tint\":0.3},\"stroke\":null,"
    "\"stroke_width\":0,\"opacity\":1,\"overprint\":false,\"locked\":false,\"visible\":true,"
    "\"shape\":\"ellipse\",\"corner_radius\":0},"
    "{\"id\":\"pinned\",\"kind\":\"shape\",\"layer\":\"fixed\",\"transform\":[1,0,0,1,300,200],"
    "\"width\":50,\"height\":40,\"fill\":{\"swatch\":\"Black\",\"tint\":1},\"stroke\":null,"
    "\"stroke_width\":0,\"opacity\":1,\"overprint\":false,\"locked\":false,\"visible\":true,"
    "\"shape\":\"rect\",\"corner_radius\":0}]}]}";

typedef struct
{
  GtkWidget *window;
  PuratanCanvasView *view;
  PuratanCanvas *canvas;
  PuratanSelection *selection;
  PuratanDocument *document;
} Fixture;

static gboolean
canvas_ready (gpointer data)
{
  return puratan_canvas_is_ready (data);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  (void) data;
  f->document = puratan_document_new_from_json (design_json, -1, &error);
  g_assert_no_error (error);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  f->view = PURATAN_CANVAS_VIEW (puratan_canvas_view_new ());
  f->canvas = puratan_canvas_view_get_canvas (f->view);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  f->selection = puratan_canvas_get_selection (f->canvas);
  puratan_selection_set_document (f->selection, f->document);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (input_wait (canvas_ready, f->canvas, 20000));
  /* 100 %: 4/3 pixels per point, so whole pixels map to exact quarter points. */
  puratan_canvas_zoom_to_actual_size (f->canvas);
  g_assert_true (input_wait (canvas_ready, f->canvas, 20000));
  input_settle ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  gtk_window_destroy (GTK_WINDOW (f->window));
  input_settle ();
  g_clear_object (&f->document);
}

static void
at (Fixture *f, double px, double py, double *wx, double *wy)
{
  puratan_canvas_page_to_widget (f->canvas, px, py, wx, wy);
}

static const PuratanDocItem *
item (Fixture *f, const char *id)
{
  const PuratanDocItem *found = puratan_document_lookup_item (f->document, 0, id);

  g_assert_nonnull (found);
  return found;
}

static void
click_page (Fixture *f, double px, double py)
{
  double x, y;

  at (f, px, py, &x, &y);
  input_click (GTK_WIDGET (f->canvas), x, y);
}

static void
drag_page (Fixture *f, double px, double py, double dx_px, double dy_px)
{
  double x, y;

  at (f, px, py, &x, &y);
  input_drag (GTK_WIDGET (f->canvas), 1, x, y, x + dx_px, y + dy_px);
}

static void
test_zoom (Fixture *f, gconstpointer data)
{
  int w = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  int h = gtk_widget_get_height (GTK_WIDGET (f->canvas));
  double x0, y0, x1, y1, cx, cy;

  (void) data;
  g_assert_cmpfloat (puratan_canvas_get_zoom (f->canvas), ==, 1.0);

  /* Fit: the bleed box fills the canvas less its 32-pixel margins along one axis and is
   * centred. */
  puratan_canvas_zoom_to_fit (f->canvas);
  at (f, -9, -9, &x0, &y0);
  at (f, 409, 309, &x1, &y1);
  g_assert_cmpfloat (x0, >=, 31);
  g_assert_cmpfloat (y0, >=, 31);
  g_assert_cmpfloat (x1, <=, w - 31);
  g_assert_cmpfloat (y1, <=, h - 31);
  g_assert_true (fabs (x0 - 32) < 1.5 || fabs (y0 - 32) < 1.5);
  g_assert_cmpfloat (fabs ((x0 + x1) / 2 - w / 2.0), <, 1.0);

  puratan_canvas_zoom_to_actual_size (f->canvas);
  g_assert_cmpfloat (puratan_canvas_get_zoom (f->canvas), ==, 1.0);

  /* Selection: a rotated item is framed by its real bounds. Rotating "b" (80 × 50) by 90°
   * about its corner makes it 50 wide and 80 tall, from x = 200 to 250. */
  {
    PuratanDocItem *b = puratan_document_edit_item (f->document, 0, "b", NULL);
    double m[6] = { 0, 1, -1, 0, 250, 60 };
    memcpy (b->transform, m, sizeof m);
  }
  puratan_selection_select_only (f->selection, "b");
  puratan_canvas_zoom_to_selection (f->canvas);
  puratan_canvas_get_center (f->canvas, &cx, &cy);
  g_assert_cmpfloat (fabs (cx - 225), <, 1e-9);
  g_assert_cmpfloat (fabs (cy - 100), <, 1e-9);
  at (f, 200, 60, &x0, &y0);
  at (f, 250, 140, &x1, &y1);
  /* 80 pt tall fills the height less the margins. */
  g_assert_cmpfloat (fabs ((y1 - y0) - (h - 64)), <, 1.5);
  g_assert_cmpfloat (x1 - x0, <, w - 64);

  /* Zoom to a rectangle centres it. */
  puratan_canvas_zoom_to_rect (f->canvas, 0, 0, 100, 100);
  puratan_canvas_get_center (f->canvas, &cx, &cy);
  g_assert_cmpfloat (cx, ==, 50);
  g_assert_cmpfloat (cy, ==, 50);

  /* Ctrl + wheel zooms out about the pointer: the page point under it stays put. */
  puratan_canvas_zoom_to_actual_size (f->canvas);
  {
    double px, py, qx, qy, zoom = puratan_canvas_get_zoom (f->canvas);

    puratan_canvas_widget_to_page (f->canvas, 300, 200, &px, &py);
    input_scroll (GTK_WIDGET (f->canvas), 300, 200, TRUE, XK_Control_L);
    g_assert_cmpfloat (fabs (puratan_canvas_get_zoom (f->canvas) - zoom / 1.2), <, 1e-6);
    puratan_canvas_widget_to_page (f->canvas, 300, 200, &qx, &qy);
    g_assert_cmpfloat (fabs (qx - px) * puratan_canvas_scale (f->canvas), <, 1.0);
    g_assert_cmpfloat (fabs (qy - py) * puratan_canvas_scale (f->canvas), <, 1.0);
    input_scroll (GTK_WIDGET (f->canvas), 300, 200, FALSE, XK_Control_L);
    g_assert_cmpfloat (fabs (puratan_canvas_get_zoom (f->canvas) - zoom), <, 1e-6);
  }
}

static gboolean
canvas_settled (gpointer data)
{
  PuratanCanvas *canvas = data;

  return puratan_canvas_is_ready (canvas) && canvas->prefetch_source == 0;
}

/* Panning and zooming back draw no tile again; an edit draws only the tiles under it. At
 * 300 % the page (1600 × 1200 pixels) is larger than the canvas. */
static void
test_cache (Fixture *f, gconstpointer data)
{
  guint before, visible;
  double cx, cy;

  (void) data;
  puratan_canvas_zoom_to_rect (f->canvas, 0, 0, 100, 100);
  puratan_canvas_set_zoom (f->canvas, 3.0);
  g_assert_true (input_wait (canvas_settled, f->canvas, 20000));
  before = f->canvas->frame_tiles_rendered;
  g_assert_cmpuint (before, >, 0);

  /* A pan of less than a tile stays within the tiles drawn around the view. */
  puratan_canvas_get_center (f->canvas, &cx, &cy);
  puratan_canvas_set_center (f->canvas, cx + 50, cy + 40);
  g_assert_true (input_wait (canvas_settled, f->canvas, 20000));
  puratan_canvas_set_center (f->canvas, cx, cy);
  g_assert_true (input_wait (canvas_settled, f->canvas, 20000));
  g_assert_cmpuint (f->canvas->frame_tiles_rendered, ==, before);

  /* A zoom draws its own tiles; zooming back finds the old ones. */
  puratan_canvas_set_zoom (f->canvas, 4.5);
  g_assert_true (input_wait (canvas_settled, f->canvas, 20000));
  visible = f->canvas->frame_tiles_rendered - before;
  g_assert_cmpuint (visible, >=, 12);
  before = f->canvas->frame_tiles_rendered;
  puratan_canvas_set_zoom (f->canvas, 3.0);
  g_assert_true (input_wait (canvas_settled, f->canvas, 20000));
  g_assert_cmpuint (f->canvas->frame_tiles_rendered, ==, before);

  /* Moving "a" 10 points redraws the tiles under where it was and is (38 to 112 by 38 to
   * 82 points with a margin: 3 × 2 tiles of 128 pixels at 300 %), not the view's. */
  g_assert_true (puratan_document_move_item (f->document, 0, "a", 10, 0, NULL));
  g_assert_true (input_wait (canvas_settled, f->canvas, 20000));
  g_assert_cmpuint (f->canvas->frame_tiles_rendered - before, >=, 1);
  g_assert_cmpuint (f->canvas->frame_tiles_rendered - before, <=, 6);
  g_assert_cmpuint (f->canvas->frame_tiles_rendered - before, <, visible / 2);
}

static void
test_pan (Fixture *f, gconstpointer data)
{
  double cx, cy, nx, ny, s = puratan_canvas_scale (f->canvas);

  (void) data;
  puratan_canvas_get_center (f->canvas, &cx, &cy);

  /* Middle drag: the page follows the pointer. */
  input_drag (GTK_WIDGET (f->canvas), 2, 400, 300, 300, 250);
  puratan_canvas_get_center (f->canvas, &nx, &ny);
  g_assert_cmpfloat (fabs (nx - (cx + 100 / s)), <, 1e-3);
  g_assert_cmpfloat (fabs (ny - (cy + 50 / s)), <, 1e-3);

  /* Space + drag does the same with the primary button, and selects nothing. */
  input_move (GTK_WIDGET (f->canvas), 300, 300);
  input_key (XK_space, TRUE);
  input_drag (GTK_WIDGET (f->canvas), 1, 300, 300, 340, 330);
  input_key (XK_space, FALSE);
  puratan_canvas_get_center (f->canvas, &cx, &cy);
  g_assert_cmpfloat (fabs (cx - (nx - 40 / s)), <, 1e-3);
  g_assert_cmpfloat (fabs (cy - (ny - 30 / s)), <, 1e-3);
  g_assert_cmpuint (puratan_selection_get_n_items (f->selection), ==, 0);

  /* The wheel scrolls down; with Shift, sideways. */
  input_scroll (GTK_WIDGET (f->canvas), 300, 300, TRUE, 0);
  puratan_canvas_get_center (f->canvas, &nx, &ny);
  g_assert_cmpfloat (nx, ==, cx);
  g_assert_cmpfloat (ny, >, cy);
  input_scroll (GTK_WIDGET (f->canvas), 300, 300, TRUE, XK_Shift_L);
  puratan_canvas_get_center (f->canvas, &cx, &cy);
  g_assert_cmpfloat (cx, >, nx);
  g_assert_cmpfloat (cy, ==, ny);
  g_assert_true (input_wait (canvas_ready, f->canvas, 20000));
}

static void
remember_id (char **where, const char *id)
{
  g_free (*where);
  *where = g_strdup (id);
}

static void
test_select (Fixture *f, gconstpointer data)
{
  double x0, y0, x1, y1;

  (void) data;
  click_page (f, 290, 85);
  g_assert_cmpuint (puratan_selection_get_n_items (f->selection), ==, 1);
  g_assert_true (puratan_selection_contains (f->selection, "b"));

  /* Shift-click adds, and takes away again. */
  input_key (XK_Shift_L, TRUE);
  click_page (f, 70, 60);
  g_assert_cmpuint (puratan_selection_get_n_items (f->selection), ==, 2);
  g_assert_true (puratan_selection_contains (f->selection, "a"));
  click_page (f, 290, 85);
  input_key (XK_Shift_L, FALSE);
  g_assert_cmpuint (puratan_selection_get_n_items (f->selection), ==, 1);
  g_assert_true (puratan_selection_contains (f->selection, "a"));

  /* A hidden item cannot be selected either. */
  puratan_document_edit_item (f->document, 0, "c", NULL)->visible = FALSE;
  click_page (f, 85, 205);
  g_assert_cmpuint (puratan_selection_get_n_items (f->selection), ==, 0);
  puratan_document_undo (f->document);
  click_page (f, 70, 60);

  /* An item on a locked layer cannot be selected: clicking it is clicking the page. */
  click_page (f, 325, 220);
  g_assert_cmpuint (puratan_selection_get_n_items (f->selection), ==, 0);

  /* A rubber band takes the items it encloses: "a" and "c", not "b". */
  at (f, 30, 30, &x0, &y0);
  at (f, 120, 250, &x1, &y1);
  input_drag (GTK_WIDGET (f->canvas), 1, x0, y0, x1, y1);
  g_assert_cmpuint (puratan_selection_get_n_items (f->selection), ==, 2);
  g_assert_true (puratan_selection_contains (f->selection, "a"));
  g_assert_true (puratan_selection_contains (f->selection, "c"));

  /* Clicking the empty page clears it. */
  click_page (f, 200, 260);
  g_assert_cmpuint (puratan_selection_get_n_items (f->selection), ==, 0);

  /* A double-click activates the item under it. */
  {
    g_autofree char *activated = NULL;
    double x, y;

    g_signal_connect_swapped (f->canvas, "item-activated", G_CALLBACK (remember_id), &activated);
    at (f, 85, 205, &x, &y);
    input_move (GTK_WIDGET (f->canvas), x, y);
    for (int k = 0; k < 2; k++)
      {
        input_button (1, TRUE);
        input_button (1, FALSE);
      }
    g_assert_cmpstr (activated, ==, "c");
    g_signal_handlers_disconnect_by_func (f->canvas, remember_id, &activated);
  }
}

static void
remember_drop (GPtrArray *drops, GFile *file, double x, double y)
{
  g_ptr_array_add (drops, g_file_get_uri (file));
  g_ptr_array_add (drops, g_strdup_printf ("%.0f %.0f", x, y));
}

/* A file dragged from another program and dropped on the page is announced with where it
 * landed, in page points. */
static void
test_drop (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *uri = NULL;
  g_autoptr (GFile) file = NULL;
  double x, y;

  (void) data;
  file = g_file_new_for_path (PURATAN_TEST_DATA_DIR "/canvas-business-card.png");
  uri = g_file_get_uri (file);
  g_signal_connect_swapped (f->canvas, "file-dropped", G_CALLBACK (remember_drop), drops);
  at (f, 120, 90, &x, &y);
  g_assert_true (input_drop_uri (GTK_WIDGET (f->canvas), x, y, uri));
  g_assert_cmpuint (drops->len, ==, 2);
  g_assert_cmpstr (drops->pdata[0], ==, uri);
  g_assert_cmpstr (drops->pdata[1], ==, "120 90");
  g_signal_handlers_disconnect_by_func (f->canvas, remember_drop, drops);
}

/* The rulers' unit is the view's, and the canvas's. */
static void
test_units (Fixture *f, gconstpointer data)
{
  PuratanUnit unit;

  (void) data;
  g_assert_cmpint (puratan_canvas_get_unit (f->canvas), ==, PURATAN_UNIT_MM);
  g_object_set (f->view, "unit", PURATAN_UNIT_INCH, NULL);
  g_assert_cmpint (puratan_canvas_get_unit (f->canvas), ==, PURATAN_UNIT_INCH);
  puratan_canvas_set_unit (f->canvas, PURATAN_UNIT_POINT);
  g_object_get (f->view, "unit", &unit, NULL);
  g_assert_cmpint (unit, ==, PURATAN_UNIT_POINT);
  input_settle ();
}

static void
test_move (Fixture *f, gconstpointer data)
{
  (void) data;
  g_assert_false (puratan_document_can_undo (f->document));

  /* 40 × 120 pixels at 100 % is 30 × 90 points; nothing is near enough to snap to but the
   * page's centre line, which the item's centre meets exactly. */
  drag_page (f, 70, 60, 40, 120);
  g_assert_cmpfloat_with_epsilon (item (f, "a")->transform[4], 70, 1e-3);
  g_assert_cmpfloat_with_epsilon (item (f, "a")->transform[5], 130, 1e-3);
  g_assert_true (puratan_selection_contains (f->selection, "a"));

  /* The whole drag was one step. */
  g_assert_true (puratan_document_undo (f->document));
  g_assert_cmpfloat_with_epsilon (item (f, "a")->transform[4], 40, 1e-3);
  g_assert_cmpfloat_with_epsilon (item (f, "a")->transform[5], 40, 1e-3);
  g_assert_false (puratan_document_can_undo (f->document));
  g_assert_true (puratan_document_redo (f->document));
  g_assert_cmpfloat_with_epsilon (item (f, "a")->transform[4], 70, 1e-3);
  g_assert_true (input_wait (canvas_ready, f->canvas, 20000));
}

static void
test_resize (Fixture *f, gconstpointer data)
{
  double x, y;

  (void) data;
  click_page (f, 85, 205);
  g_assert_true (puratan_selection_contains (f->selection, "c"));
  /* The bottom-right handle, 20 × 12 pixels out: 15 × 9 points, but the bottom edge at
   * 239 snaps to the bottom of the locked item (240). */
  at (f, 110, 230, &x, &y);
  input_drag (GTK_WIDGET (f->canvas), 1, x, y, x + 20, y + 12);
  g_assert_cmpfloat_with_epsilon (item (f, "c")->width, 65, 1e-3);
  g_assert_cmpfloat_with_epsilon (item (f, "c")->height, 60, 1e-3);
  g_assert_cmpfloat_with_epsilon (item (f, "c")->transform[4], 60, 1e-3);
  g_assert_cmpfloat_with_epsilon (item (f, "c")->transform[5], 180, 1e-3);

  /* The top-left handle moves the origin and keeps the opposite corner. */
  at (f, 60, 180, &x, &y);
  input_drag (GTK_WIDGET (f->canvas), 1, x, y, x - 8, y - 4);
  g_assert_cmpfloat_with_epsilon (item (f, "c")->transform[4], 54, 1e-3);
  g_assert_cmpfloat_with_epsilon (item (f, "c")->transform[5], 177, 1e-3);
  g_assert_cmpfloat_with_epsilon (item (f, "c")->width, 71, 1e-3);
  g_assert_cmpfloat_with_epsilon (item (f, "c")->height, 63, 1e-3);

  g_assert_true (puratan_document_undo (f->document));
  g_assert_cmpfloat_with_epsilon (item (f, "c")->width, 65, 1e-3);
  g_assert_true (puratan_document_undo (f->document));
  g_assert_cmpfloat_with_epsilon (item (f, "c")->width, 50, 1e-3);
}

/* A group is resized by the box around it, and scales as a whole. */
static void
test_resize_group (Fixture *f, gconstpointer data)
{
  const char *ids[] = { "a", "c", NULL };
  const PuratanDocItem *group;
  g_autofree char *id = NULL;
  double x, y;

  (void) data;
  id = g_strdup (puratan_document_group_items (f->document, 0, ids, NULL));
  g_assert_nonnull (id);
  /* "a" and "c" span 40 to 110 by 40 to 230 points; click "a" to take the group. */
  click_page (f, 70, 60);
  g_assert_true (puratan_selection_contains (f->selection, id));
  /* The bottom-right handle, 28 × 60 pixels out (21 × 45 points): 70 → 91 wide and
   * 190 → 235 tall, scaled about the top-left corner (nothing near enough to snap to). */
  at (f, 110, 230, &x, &y);
  input_drag (GTK_WIDGET (f->canvas), 1, x, y, x + 28, y + 60);
  group = item (f, id);
  g_assert_cmpfloat_with_epsilon (group->transform[0], 1.3, 1e-3);
  g_assert_cmpfloat_with_epsilon (group->transform[3], 235.0 / 190.0, 1e-3);
  {
    CanvasRect box;
    puratan_canvas_item_bounds (group, &box);
    g_assert_cmpfloat_with_epsilon (box.x, 40, 1e-3);
    g_assert_cmpfloat_with_epsilon (box.y, 40, 1e-3);
    g_assert_cmpfloat_with_epsilon (box.width, 91, 1e-3);
    g_assert_cmpfloat_with_epsilon (box.height, 235, 1e-3);
  }
}

static void
test_rotate (Fixture *f, gconstpointer data)
{
  double hx, hy, cx, cy;
  const double *m;

  (void) data;
  click_page (f, 70, 60);
  g_assert_true (puratan_selection_contains (f->selection, "a"));
  /* The rotate handle stands 24 pixels above the top edge's middle; dragging it to the
   * right of the centre turns the item a quarter clockwise. */
  at (f, 70, 40, &hx, &hy);
  hy -= 24;
  at (f, 70, 60, &cx, &cy);
  input_drag (GTK_WIDGET (f->canvas), 1, hx, hy, cx + 80, cy);
  m = item (f, "a")->transform;
  g_assert_cmpfloat (fabs (m[0]), <, 0.02);
  g_assert_cmpfloat (fabs (m[1] - 1), <, 0.001);
  g_assert_cmpfloat (fabs (m[2] + 1), <, 0.001);
  /* About its centre: the centre has not moved. */
  g_assert_cmpfloat (fabs (m[0] * 30 + m[2] * 20 + m[4] - 70), <, 0.5);
  g_assert_cmpfloat (fabs (m[1] * 30 + m[3] * 20 + m[5] - 60), <, 0.5);
  g_assert_cmpstr (puratan_document_get_undo_label (f->document), ==, "Rotate");
}

static void
test_nudge (Fixture *f, gconstpointer data)
{
  (void) data;
  click_page (f, 70, 60);
  input_tap (XK_Right);
  g_assert_cmpfloat_with_epsilon (item (f, "a")->transform[4], 41, 1e-3);
  input_key (XK_Shift_L, TRUE);
  input_tap (XK_Right);
  input_tap (XK_Down);
  input_key (XK_Shift_L, FALSE);
  g_assert_cmpfloat_with_epsilon (item (f, "a")->transform[4], 51, 1e-3);
  g_assert_cmpfloat_with_epsilon (item (f, "a")->transform[5], 50, 1e-3);
  input_tap (XK_Up);
  input_tap (XK_Left);
  g_assert_cmpfloat_with_epsilon (item (f, "a")->transform[4], 50, 1e-3);
  g_assert_cmpfloat_with_epsilon (item (f, "a")->transform[5], 49, 1e-3);
  /* Each press is one step. */
  g_assert_true (puratan_document_undo (f->document));
  g_assert_cmpfloat_with_epsilon (item (f, "a")->transform[4], 51, 1e-3);
  g_assert_cmpfloat_with_epsilon (item (f, "a")->transform[5], 49, 1e-3);
}

static void
test_snap (Fixture *f, gconstpointer data)
{
  double x, y;

  (void) data;
  /* Dragging "b" 132 pixels left puts its left edge at 151, half a point from the guide at
   * 150.5: it snaps there, and the snapped line is shown while the button is down. */
  at (f, 290, 85, &x, &y);
  input_drag_begin (GTK_WIDGET (f->canvas), 1, x, y, x - 132, y);
  g_assert_cmpfloat (f->canvas->snap_x, ==, 150.5);
  input_drag_end (1);
  g_assert_cmpfloat_with_epsilon (item (f, "b")->transform[4], 150.5, 1e-3);
  g_assert_true (isnan (f->canvas->snap_x));

  /* Resizing snaps the moving edge: the right edge of "a" (at 100) dragged 67 pixels
   * (50.25 points) lands a quarter point from the guide, and snaps to it. */
  click_page (f, 70, 60);
  at (f, 100, 60, &x, &y);
  input_drag (GTK_WIDGET (f->canvas), 1, x, y, x + 67, y);
  g_assert_cmpfloat_with_epsilon (item (f, "a")->width, 110.5, 1e-3);
}

static void
test_draw_shapes (Fixture *f, gconstpointer data)
{
  const PuratanDocPage *page = puratan_document_get_page (f->document, 0);
  const PuratanDocItem *made;
  guint n = page->items->len;

  (void) data;
  puratan_canvas_set_tool (f->canvas, PURATAN_CANVAS_TOOL_RECTANGLE);
  /* Multiples of 3 points are whole pixels at 100 %. */
  drag_page (f, 150, 201, 60, 48);
  g_assert_cmpuint (page->items->len, ==, n + 1);
  made = page->items->pdata[n];
  g_assert_cmpint (made->kind, ==, PURATAN_DOC_ITEM_SHAPE);
  g_assert_cmpint (made->shape, ==, PURATAN_DOC_SHAPE_RECT);
  g_assert_cmpfloat_with_epsilon (made->transform[4], 150, 1e-3);
  g_assert_cmpfloat_with_epsilon (made->transform[5], 201, 1e-3);
  g_assert_cmpfloat_with_epsilon (made->width, 45, 1e-3);
  g_assert_cmpfloat_with_epsilon (made->height, 36, 1e-3);
  g_assert_cmpstr (made->layer, ==, "base");
  g_assert_true (puratan_selection_contains (f->selection, made->id));

  puratan_canvas_set_tool (f->canvas, PURATAN_CANVAS_TOOL_ELLIPSE);
  drag_page (f, 300, 100, 40, 40);
  made = page->items->pdata[n + 1];
  g_assert_cmpint (made->shape, ==, PURATAN_DOC_SHAPE_ELLIPSE);
  g_assert_cmpfloat_with_epsilon (made->width, 30, 1e-3);

  /* A line from (21, 279) up and right by 40 × 40 pixels: 30√2 points long at -45°. */
  puratan_canvas_set_tool (f->canvas, PURATAN_CANVAS_TOOL_LINE);
  drag_page (f, 21, 279, 40, -40);
  made = page->items->pdata[n + 2];
  g_assert_cmpint (made->shape, ==, PURATAN_DOC_SHAPE_LINE);
  g_assert_cmpfloat (fabs (made->width - 30 * G_SQRT2), <, 1e-3);
  g_assert_cmpfloat (fabs (made->transform[1] + G_SQRT2 / 2), <, 1e-4);
  g_assert_cmpfloat_with_epsilon (made->transform[4], 21, 1e-3);
  g_assert_cmpfloat_with_epsilon (made->transform[5], 279, 1e-3);
}

static GtkIMContext *
canvas_im_context (PuratanCanvas *canvas)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return gtk_event_controller_key_get_im_context (GTK_EVENT_CONTROLLER_KEY (controller));
    }
  return NULL;
}

static void
test_text (Fixture *f, gconstpointer data)
{
  const PuratanDocPage *page = puratan_document_get_page (f->document, 0);
  g_autofree char *id = NULL;
  GtkIMContext *im;
  guint n = page->items->len;

  (void) data;
  puratan_canvas_set_tool (f->canvas, PURATAN_CANVAS_TOOL_TEXT);
  click_page (f, 180, 150);
  g_assert_cmpuint (page->items->len, ==, n + 1);
  id = g_strdup (((PuratanDocItem *) page->items->pdata[n])->id);
  g_assert_cmpstr (puratan_canvas_get_editing_item (f->canvas), ==, id);
  input_type ("hi there");
  input_tap (XK_BackSpace);
  input_type ("e");
  g_assert_cmpstr (item (f, id)->text, ==, "hi there");
  input_tap (XK_Escape);
  g_assert_null (puratan_canvas_get_editing_item (f->canvas));
  g_assert_cmpstr (item (f, id)->text, ==, "hi there");

  /* Into the same frame, what an input method commits: Devanagari "namaste". */
  /* Clicked right of the text's end: the caret goes to the end. */
  click_page (f, 300, 155);
  g_assert_cmpstr (puratan_canvas_get_editing_item (f->canvas), ==, id);
  im = canvas_im_context (f->canvas);
  g_assert_true (GTK_IS_IM_MULTICONTEXT (im));
  input_tap (XK_space);
  g_signal_emit_by_name (im, "commit", "नमस्ते");
  input_settle ();
  g_assert_cmpstr (item (f, id)->text, ==, "hi there नमस्ते");
  /* And typed on a Devanagari keyboard: the keys' characters come through the input
   * method's commit too. */
  input_type_unicode ("जी");
  g_assert_cmpstr (item (f, id)->text, ==, "hi there नमस्तेजी");
  /* A dead key starts a composition: it is shown as preedit, not yet in the text, until
   * the next key completes it. */
  input_tap_keysym (XK_dead_acute);
  g_assert_nonnull (f->canvas->preedit);
  g_assert_cmpstr (f->canvas->preedit, !=, "");
  g_assert_cmpstr (item (f, id)->text, ==, "hi there नमस्तेजी");
  input_type ("e");
  g_assert_true (f->canvas->preedit == NULL || *f->canvas->preedit == '\0');
  g_assert_cmpstr (item (f, id)->text, ==, "hi there नमस्तेजीé");
  /* A click at the text's left edge puts the caret before the first letter. */
  click_page (f, 180.5, 156);
  g_assert_cmpstr (puratan_canvas_get_editing_item (f->canvas), ==, id);
  input_type ("a");
  g_assert_cmpstr (item (f, id)->text, ==, "ahi there नमस्तेजीé");
  /* A click elsewhere ends the edit (and starts a new frame there, left empty). */
  click_page (f, 200, 270);
  g_assert_cmpstr (puratan_canvas_get_editing_item (f->canvas), !=, id);
  input_tap (XK_Escape);
  g_assert_null (puratan_canvas_get_editing_item (f->canvas));
  /* The empty frame is gone; the edit is one step, the creation and typing another. */
  g_assert_cmpuint (page->items->len, ==, n + 1);
  g_assert_true (puratan_document_undo (f->document));
  g_assert_true (puratan_document_undo (f->document));
  g_assert_cmpstr (item (f, id)->text, ==, "hi there");
  g_assert_true (puratan_document_undo (f->document));
  g_assert_null (puratan_document_lookup_item (f->document, 0, id));

  /* A shortcut (here Ctrl+Z, the window's undo) ends the edit before it goes on. Undo
   * restored the page, so it is looked up again. */
  page = puratan_document_get_page (f->document, 0);
  click_page (f, 180, 150);
  g_assert_nonnull (puratan_canvas_get_editing_item (f->canvas));
  input_type ("q");
  g_assert_cmpuint (page->items->len, ==, n + 1);
  g_assert_cmpstr (((PuratanDocItem *) page->items->pdata[n])->text, ==, "q");
  input_key (XK_Control_L, TRUE);
  input_tap (XK_z);
  input_key (XK_Control_L, FALSE);
  g_assert_null (puratan_canvas_get_editing_item (f->canvas));
  g_assert_cmpstr (((PuratanDocItem *) page->items->pdata[n])->text, ==, "q");
  g_assert_cmpstr (puratan_document_get_undo_label (f->document), ==, "Add Text");
}

/* The business card at 150 %, in a 640 × 420 canvas, as a texture of the widget. */
typedef struct
{
  GtkWidget *window;
  PuratanCanvas *canvas;
  PuratanDocument *document;
} Card;

static void
card_open (Card *card)
{
  g_autoptr (GError) error = NULL;

  card->document = puratan_template_instantiate (PURATAN_TEMPLATE_DIR, "business-card", &error);
  g_assert_no_error (error);
  card->window = gtk_window_new ();
  card->canvas = PURATAN_CANVAS (puratan_canvas_new ());
  gtk_widget_set_size_request (GTK_WIDGET (card->canvas), 640, 420);
  gtk_window_set_child (GTK_WINDOW (card->window), GTK_WIDGET (card->canvas));
  gtk_window_set_resizable (GTK_WINDOW (card->window), FALSE);
  puratan_selection_set_document (puratan_canvas_get_selection (card->canvas), card->document);
  puratan_canvas_set_zoom (card->canvas, 1.5);
  gtk_window_present (GTK_WINDOW (card->window));
  g_assert_true (input_wait (canvas_ready, card->canvas, 20000));
  input_settle ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (card->canvas)), ==, 640);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (card->canvas)), ==, 420);
}

static void
card_close (Card *card)
{
  gtk_window_destroy (GTK_WINDOW (card->window));
  input_settle ();
  g_clear_object (&card->document);
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

/* What the canvas shows, drawn by the window's own GSK renderer into a texture. The
 * widget's paintable is taken just after a frame, when the widget is laid out and drawn;
 * GtkWidgetPaintable may hold no image while a redraw is pending, so it is asked again
 * after the next frame if so. */
static GdkTexture *
card_texture (Card *card)
{
  GskRenderer *renderer =
      gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (card->canvas)));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (card->canvas));
  g_autoptr (GskRenderNode) node = NULL;

  for (int attempt = 0; attempt < 10 && node == NULL; attempt++)
    {
      g_autoptr (GdkPaintable) paintable = NULL;
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      gboolean painted = FALSE;
      gulong handler =
          g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_true), &painted);

      gtk_widget_queue_draw (GTK_WIDGET (card->canvas));
      g_assert_true (input_wait (is_true, &painted, 20000));
      g_signal_handler_disconnect (clock, handler);
      paintable = gtk_widget_paintable_new (GTK_WIDGET (card->canvas));
      gdk_paintable_snapshot (paintable, snapshot, 640, 420);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, 640, 420));
}

static guchar *
pixels (GdkTexture *texture)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  guchar *data = g_malloc ((gsize) w * h * 4);

  gdk_texture_download (texture, data, (gsize) w * 4);
  return data;
}

/* The reference, tests/ui/data/canvas-business-card.png, was written by this test with
 * PURATAN_UPDATE_REFERENCE=1 (Xvfb, the Cairo GSK renderer, fonts-noto-core) and checked by
 * eye: the grey pasteboard, the white card with its bleed (red), trim (black) and safe
 * (blue) lines and cyan guides, the teal band across the top with "PURATAN" in white, the
 * name "Asha Verma" in bold, "Studio Manager", the saffron rule and the contact lines.
 * Tolerance: every channel of at least 99.5 % of pixels within 16 levels, and a mean
 * difference under 1 level, which absorbs anti-aliasing differences between font and Cairo
 * builds but fails on any misplaced or missing item, line or colour. */
static void
test_screenshot (void)
{
  g_autofree char *path =
      g_build_filename (PURATAN_TEST_DATA_DIR, "canvas-business-card.png", NULL);
  g_autoptr (GdkTexture) shot = NULL;
  g_autoptr (GdkTexture) reference = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree guchar *a = NULL;
  g_autofree guchar *b = NULL;
  gsize n = 640 * 420 * 4, off = 0;
  double sum = 0;
  Card card = { 0 };

  card_open (&card);
  shot = card_texture (&card);
  card_close (&card);
  g_assert_cmpint (gdk_texture_get_width (shot), ==, 640);
  if (g_getenv ("PURATAN_UPDATE_REFERENCE") != NULL)
    {
      g_assert_true (gdk_texture_save_to_png (shot, path));
      g_test_skip ("reference written");
      return;
    }
  reference = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (reference), ==, 640);
  g_assert_cmpint (gdk_texture_get_height (reference), ==, 420);
  a = pixels (shot);
  b = pixels (reference);
  for (gsize i = 0; i < n; i += 4)
    {
      int worst = 0;
      for (int k = 0; k < 4; k++)
        {
          int d = abs ((int) a[i + k] - (int) b[i + k]);
          worst = MAX (worst, d);
          sum += d;
        }
      if (worst > 16)
        off++;
    }
  if (off > n / 4 / 200 || sum / n >= 1.0)
    {
      g_autofree char *actual =
          g_build_filename (g_get_tmp_dir (), "canvas-business-card-actual.png", NULL);
      gdk_texture_save_to_png (shot, actual);
      g_test_message ("%" G_GSIZE_FORMAT " pixels off, mean difference %.2f; wrote %s", off,
                      sum / n, actual);
    }
  g_assert_cmpuint (off, <=, n / 4 / 200);
  g_assert_cmpfloat (sum / n, <, 1.0);
}

/* The soft proof is built on a worker, and stays on: with paper white the page's white
 * turns to the paper's, and after a pan and an edit it still is. */
static void
test_soft_proof (void)
{
  g_autoptr (GdkTexture) plain = NULL;
  g_autoptr (GdkTexture) proofed = NULL;
  g_autoptr (GdkTexture) later = NULL;
  g_autofree guchar *a = NULL;
  g_autofree guchar *b = NULL;
  g_autofree guchar *c = NULL;
  double x, y;
  gsize at, paper;
  Card card = { 0 };

  card_open (&card);
  plain = card_texture (&card);
  puratan_canvas_set_paper_white (card.canvas, TRUE);
  puratan_canvas_set_gamut_warning (card.canvas, TRUE);
  puratan_canvas_set_soft_proof (card.canvas, TRUE);
  g_assert_false (puratan_canvas_is_ready (card.canvas));
  g_assert_true (input_wait (canvas_ready, card.canvas, 20000));
  input_settle ();
  proofed = card_texture (&card);

  /* A blank spot of the card: right of the name, below the band. */
  puratan_canvas_page_to_widget (card.canvas, 210, 70, &x, &y);
  at = ((gsize) y * 640 + (gsize) x) * 4;
  a = pixels (plain);
  b = pixels (proofed);
  g_assert_cmpuint (a[at], ==, 255);
  g_assert_cmpuint (a[at + 1], ==, 255);
  g_assert_cmpuint (a[at + 2], ==, 255);
  /* Paper is darker than the screen's white in at least one channel. */
  g_assert_cmpint (MIN (MIN (b[at], b[at + 1]), b[at + 2]), <, 250);
  paper = at;

  /* Pan and edit: the tiles drawn since are proofed too. */
  puratan_canvas_set_center (card.canvas, 130, 80);
  puratan_document_move_item (card.document, 0, "name", 2, 0, NULL);
  g_assert_true (input_wait (canvas_ready, card.canvas, 20000));
  input_settle ();
  later = card_texture (&card);
  c = pixels (later);
  puratan_canvas_page_to_widget (card.canvas, 210, 70, &x, &y);
  at = ((gsize) y * 640 + (gsize) x) * 4;
  /* The same paper colour as before the pan and the edit. */
  for (int k = 0; k < 3; k++)
    g_assert_cmpint (abs ((int) c[at + k] - (int) b[paper + k]), <=, 1);

  /* Another press condition: its transform is built on a worker and replaces the other. */
  puratan_canvas_set_press_condition (card.canvas, "fogra29-uncoated");
  g_assert_false (puratan_canvas_is_ready (card.canvas));
  g_assert_true (input_wait (canvas_ready, card.canvas, 20000));
  input_settle ();
  {
    g_autoptr (GdkTexture) uncoated = card_texture (&card);
    g_autofree guchar *d = pixels (uncoated);
    int differ = 0;

    for (int k = 0; k < 3; k++)
      differ += abs ((int) d[at + k] - (int) c[at + k]);
    /* Uncoated paper is another white than coated art paper. */
    g_assert_cmpint (differ, >, 0);
  }

  /* An unknown condition leaves the canvas showing the design as it was. */
  puratan_canvas_set_press_condition (card.canvas, "no-such-press");
  g_assert_true (input_wait (canvas_ready, card.canvas, 20000));
  g_assert_cmpstr (puratan_canvas_get_press_condition (card.canvas), ==, "no-such-press");
  card_close (&card);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  g_test_add ("/studio/canvas/zoom", Fixture, NULL, fixture_set_up, test_zoom, fixture_tear_down);
  g_test_add ("/studio/canvas/cache", Fixture, NULL, fixture_set_up, test_cache, fixture_tear_down);
  g_test_add ("/studio/canvas/pan", Fixture, NULL, fixture_set_up, test_pan, fixture_tear_down);
  g_test_add ("/studio/canvas/select", Fixture, NULL, fixture_set_up, test_select,
              fixture_tear_down);
  g_test_add ("/studio/canvas/units", Fixture, NULL, fixture_set_up, test_units, fixture_tear_down);
  g_test_add ("/studio/canvas/drop", Fixture, NULL, fixture_set_up, test_drop, fixture_tear_down);
  g_test_add ("/studio/canvas/move", Fixture, NULL, fixture_set_up, test_move, fixture_tear_down);
  g_test_add ("/studio/canvas/resize", Fixture, NULL, fixture_set_up, test_resize,
              fixture_tear_down);
  g_test_add ("/studio/canvas/resize-group", Fixture, NULL, fixture_set_up, test_resize_group,
              fixture_tear_down);
  g_test_add ("/studio/canvas/rotate", Fixture, NULL, fixture_set_up, test_rotate,
              fixture_tear_down);
  g_test_add ("/studio/canvas/nudge", Fixture, NULL, fixture_set_up, test_nudge, fixture_tear_down);
  g_test_add ("/studio/canvas/snap", Fixture, NULL, fixture_set_up, test_snap, fixture_tear_down);
  g_test_add ("/studio/canvas/draw-shapes", Fixture, NULL, fixture_set_up, test_draw_shapes,
              fixture_tear_down);
  g_test_add ("/studio/canvas/text", Fixture, NULL, fixture_set_up, test_text, fixture_tear_down);
  g_test_add_func ("/studio/canvas/screenshot", test_screenshot);
  g_test_add_func ("/studio/canvas/soft-proof", test_soft_proof);

  return g_test_run ();
}
