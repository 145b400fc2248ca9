/* puratan-canvas-tools.c: pointer and keyboard input on the canvas
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Select, move, resize and rotate the selection (each drag one undo step), rubber-band and
 * Shift-click selection, nudging, drawing shapes, panning (Space+drag, middle drag, scroll)
 * and zooming (Ctrl+scroll about the pointer, pinch), and files dropped on the page.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "puratan-canvas-private.h"

#define MIN_SIZE_PT   1.0
#define SCROLL_STEP   48.0
#define ZOOM_PER_STEP 1.2

static void
clear_originals (PuratanCanvas *self)
{
  g_clear_pointer (&self->originals, g_ptr_array_unref);
}

/* Copies of the selected items that may be edited, as the drag starts. */
static void
take_originals (PuratanCanvas *self)
{
  clear_originals (self);
  self->originals = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_doc_item_free);
  for (guint i = 0; i < puratan_selection_get_n_items (self->selection); i++)
    {
      const PuratanDocItem *item = puratan_document_lookup_item (
          self->document, self->page_index, puratan_selection_get_item (self->selection, i));

      if (item != NULL && puratan_canvas_item_is_editable (self, item))
        g_ptr_array_add (self->originals, puratan_doc_item_copy (item));
    }
  if (!puratan_canvas_selection_bounds (self, &self->original_box))
    self->original_box = (CanvasRect){ 0 };
}

static void
open_step (PuratanCanvas *self, const char *label)
{
  if (!self->step_open)
    {
      puratan_document_begin_step (self->document, label);
      self->step_open = TRUE;
    }
}

static void
close_step (PuratanCanvas *self)
{
  if (self->step_open && self->document != NULL)
    puratan_document_end_step (self->document);
  self->step_open = FALSE;
}

/* Sets an item's transform and size, as one change of the open step. */
static void
set_geometry (
    PuratanCanvas *self, const PuratanDocItem *original, const double m[6], double w, double h)
{
  g_autoptr (GError) error = NULL;
  PuratanDocItem *item;

  item = puratan_document_edit_item (self->document, self->page_index, original->id, &error);
  if (item == NULL)
    {
      g_warning ("Cannot edit the item: %s", error->message);
      return;
    }
  memcpy (item->transform, m, sizeof item->transform);
  item->width = w;
  item->height = h;
}

static void
drag_move (PuratanCanvas *self, double dx, double dy)
{
  CanvasRect b = self->original_box;
  double xs[3] = { b.x + dx, b.x + dx + b.width / 2, b.x + dx + b.width };
  double ys[3] = { b.y + dy, b.y + dy + b.height / 2, b.y + dy + b.height };
  g_autoptr (GError) error = NULL;

  dx += puratan_canvas_snap (self, TRUE, xs, 3);
  dy += puratan_canvas_snap (self, FALSE, ys, 3);
  open_step (self, _ ("Move"));
  for (guint i = 0; i < self->originals->len; i++)
    {
      const PuratanDocItem *o = self->originals->pdata[i];
      const PuratanDocItem *now =
          puratan_document_lookup_item (self->document, self->page_index, o->id);

      if (now == NULL)
        continue;
      if (!puratan_document_move_item (self->document, self->page_index, o->id,
                                       o->transform[4] + dx - now->transform[4],
                                       o->transform[5] + dy - now->transform[5], &error))
        {
          g_warning ("Cannot move the item: %s", error->message);
          g_clear_error (&error);
        }
    }
}

/* Which edges a handle moves: -1 the low edge, +1 the high edge, 0 none. */
static void
handle_edges (int handle, int *ex, int *ey)
{
  static const int xs[8] = { -1, 0, 1, 1, 1, 0, -1, -1 };
  static const int ys[8] = { -1, -1, -1, 0, 1, 1, 1, 0 };

  *ex = xs[handle];
  *ey = ys[handle];
}

/* Resizes one item in its own frame: the handle follows the pointer, the opposite side
 * stays. Shift on a corner keeps the proportions. Axis-aligned frames snap their moving
 * edges. */
static void
resize_one (PuratanCanvas *self, const PuratanDocItem *o, double px, double py, gboolean keep)
{
  const double *m = o->transform;
  double det = m[0] * m[3] - m[1] * m[2], dx = px - m[4], dy = py - m[5];
  double qx, qy, x0 = 0, y0 = 0, x1 = o->width, y1 = o->height, n[6];
  gboolean aligned = m[1] == 0 && m[2] == 0 && m[0] > 0 && m[3] > 0;
  int ex, ey;

  if (fabs (det) < 1e-12)
    return;
  qx = (m[3] * dx - m[2] * dy) / det;
  qy = (-m[1] * dx + m[0] * dy) / det;
  handle_edges (self->handle, &ex, &ey);
  if (aligned)
    {
      double v;
      if (ex != 0)
        {
          v = m[0] * qx + m[4];
          qx += puratan_canvas_snap (self, TRUE, &v, 1) / m[0];
        }
      if (ey != 0)
        {
          v = m[3] * qy + m[5];
          qy += puratan_canvas_snap (self, FALSE, &v, 1) / m[3];
        }
    }
  if (ex < 0)
    x0 = MIN (qx, x1 - MIN_SIZE_PT);
  else if (ex > 0)
    x1 = MAX (qx, x0 + MIN_SIZE_PT);
  if (ey < 0)
    y0 = MIN (qy, y1 - MIN_SIZE_PT);
  else if (ey > 0)
    y1 = MAX (qy, y0 + MIN_SIZE_PT);
  if (keep && ex != 0 && ey != 0 && o->width > 0 && o->height > 0)
    {
      double f = MAX ((x1 - x0) / o->width, (y1 - y0) / o->height);
      if (ex < 0)
        x0 = x1 - o->width * f;
      else
        x1 = x0 + o->width * f;
      if (ey < 0)
        y0 = y1 - o->height * f;
      else
        y1 = y0 + o->height * f;
    }
  memcpy (n, m, sizeof n);
  n[4] = m[0] * x0 + m[2] * y0 + m[4];
  n[5] = m[1] * x0 + m[3] * y0 + m[5];
  /* A line has no height: it keeps none. */
  set_geometry (self, o, n, x1 - x0, o->height == 0 ? 0 : y1 - y0);
}

/* Resizes many items by scaling the box around them about its opposite side. */
static void
resize_many (PuratanCanvas *self, double px, double py)
{
  CanvasRect b = self->original_box;
  double ax, ay, sx = 1, sy = 1;
  int ex, ey;

  handle_edges (self->handle, &ex, &ey);
  ax = ex < 0 ? b.x + b.width : b.x;
  ay = ey < 0 ? b.y + b.height : b.y;
  if (ex != 0 && b.width > 0)
    {
      px += puratan_canvas_snap (self, TRUE, &px, 1);
      sx = MAX (fabs (px - ax), MIN_SIZE_PT) / b.width;
    }
  if (ey != 0 && b.height > 0)
    {
      py += puratan_canvas_snap (self, FALSE, &py, 1);
      sy = MAX (fabs (py - ay), MIN_SIZE_PT) / b.height;
    }
  for (guint i = 0; i < self->originals->len; i++)
    {
      const PuratanDocItem *o = self->originals->pdata[i];
      double n[6];

      const double *m = o->transform;

      if (o->kind == PURATAN_DOC_ITEM_GROUP)
        {
          /* A group scales as a whole: its children are drawn in its space. */
          double g[6] = {
            sx * m[0], sy * m[1], sx * m[2], sy * m[3], ax + (m[4] - ax) * sx, ay + (m[5] - ay) * sy
          };
          set_geometry (self, o, g, o->width, o->height);
          continue;
        }
      memcpy (n, m, sizeof n);
      n[4] = ax + (m[4] - ax) * sx;
      n[5] = ay + (m[5] - ay) * sy;
      set_geometry (self, o, n, o->width * sx, o->height * sy);
    }
}

static void
drag_rotate (PuratanCanvas *self, double px, double py, gboolean constrain)
{
  double cx = self->original_box.x + self->original_box.width / 2;
  double cy = self->original_box.y + self->original_box.height / 2;
  double angle, c, s;

  if (self->originals->len == 1)
    {
      const PuratanDocItem *o = self->originals->pdata[0];
      const double *m = o->transform;
      cx = m[0] * o->width / 2 + m[2] * o->height / 2 + m[4];
      cy = m[1] * o->width / 2 + m[3] * o->height / 2 + m[5];
    }
  angle = atan2 (py - cy, px - cx) - atan2 (self->press_py - cy, self->press_px - cx);
  if (constrain)
    angle = round (angle / (G_PI / 12)) * (G_PI / 12);
  c = cos (angle);
  s = sin (angle);
  open_step (self, _ ("Rotate"));
  for (guint i = 0; i < self->originals->len; i++)
    {
      const PuratanDocItem *o = self->originals->pdata[i];
      const double *m = o->transform;
      double n[6] = {
        c * m[0] - s * m[1],
        s * m[0] + c * m[1],
        c * m[2] - s * m[3],
        s * m[2] + c * m[3],
        c * (m[4] - cx) - s * (m[5] - cy) + cx,
        s * (m[4] - cx) + c * (m[5] - cy) + cy,
      };
      set_geometry (self, o, n, o->width, o->height);
    }
}

/* The top visible, unlocked layer: where new items go. */
static const char *
drawing_layer (PuratanCanvas *self)
{
  GPtrArray *layers = puratan_document_get_layers (self->document);

  for (guint i = layers->len; i-- > 0;)
    {
      const PuratanDocLayer *layer = layers->pdata[i];
      if (layer->visible && !layer->locked)
        return layer->id;
    }
  return NULL;
}

/* The swatch new shapes and text are drawn in: "Black" if the design has it, else its first
 * process colour; a design without one gets a 100 % K "Black". */
const char *
puratan_canvas_default_swatch (PuratanCanvas *self)
{
  GPtrArray *swatches = puratan_document_get_swatches (self->document);
  static const double black[4] = { 0, 0, 0, 1 };
  g_autoptr (PuratanDocSwatch) swatch = NULL;

  if (puratan_document_lookup_swatch (self->document, "Black") != NULL)
    return "Black";
  for (guint i = 0; i < swatches->len; i++)
    if (((PuratanDocSwatch *) swatches->pdata[i])->model == PURATAN_DOC_COLOR_CMYK)
      return ((PuratanDocSwatch *) swatches->pdata[i])->name;
  swatch = puratan_doc_swatch_new ("Black", PURATAN_DOC_COLOR_CMYK, black);
  if (!puratan_document_add_swatch (self->document, swatch, NULL))
    return NULL;
  return "Black";
}

/* Adds a new item on the drawing layer and selects it; returns its id. */
const char *
puratan_canvas_add_new_item (PuratanCanvas *self, PuratanDocItem *item)
{
  g_autoptr (GError) error = NULL;
  const char *layer = drawing_layer (self);
  const char *id;

  if (layer != NULL)
    item->layer = g_strdup (layer);
  id = puratan_document_add_item (self->document, self->page_index, item, &error);
  if (id == NULL)
    {
      g_warning ("Cannot add the item: %s", error->message);
      return NULL;
    }
  puratan_selection_select_only (self->selection, id);
  return id;
}

static void
create_shape (PuratanCanvas *self, double x0, double y0, double x1, double y1)
{
  PuratanDocItem *item = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);
  const char *swatch = puratan_canvas_default_swatch (self);

  puratan_doc_item_set_stroke (item, swatch, 1.0);
  item->stroke_width = 1.0;
  if (self->tool == PURATAN_CANVAS_TOOL_LINE)
    {
      double angle = atan2 (y1 - y0, x1 - x0);
      item->shape = PURATAN_DOC_SHAPE_LINE;
      item->width = hypot (x1 - x0, y1 - y0);
      item->height = 0;
      item->transform[0] = item->transform[3] = cos (angle);
      item->transform[1] = sin (angle);
      item->transform[2] = -sin (angle);
      item->transform[4] = x0;
      item->transform[5] = y0;
    }
  else
    {
      item->shape = self->tool == PURATAN_CANVAS_TOOL_ELLIPSE ? PURATAN_DOC_SHAPE_ELLIPSE
                                                              : PURATAN_DOC_SHAPE_RECT;
      item->width = fabs (x1 - x0);
      item->height = fabs (y1 - y0);
      puratan_doc_item_set_position (item, MIN (x0, x1), MIN (y0, y1));
    }
  puratan_canvas_add_new_item (self, item);
}

static void
finish_rubber_band (PuratanCanvas *self)
{
  const PuratanDocPage *page = puratan_canvas_current_page (self);
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  double x0, y0, x1, y1;
  CanvasRect band;

  puratan_canvas_widget_to_page (self, MIN (self->press_x, self->last_x),
                                 MIN (self->press_y, self->last_y), &x0, &y0);
  puratan_canvas_widget_to_page (self, MAX (self->press_x, self->last_x),
                                 MAX (self->press_y, self->last_y), &x1, &y1);
  band = (CanvasRect){ x0, y0, x1 - x0, y1 - y0 };
  if (self->extend)
    for (guint i = 0; i < puratan_selection_get_n_items (self->selection); i++)
      g_ptr_array_add (ids, (gpointer) puratan_selection_get_item (self->selection, i));
  for (guint i = 0; page != NULL && i < page->items->len; i++)
    {
      const PuratanDocItem *item = page->items->pdata[i];
      CanvasRect b;

      if (!puratan_canvas_item_is_editable (self, item))
        continue;
      puratan_canvas_item_bounds (item, &b);
      /* An item is taken when the band encloses it. */
      if (b.x >= band.x && b.y >= band.y && b.x + b.width <= band.x + band.width &&
          b.y + b.height <= band.y + band.height &&
          !(self->extend && puratan_selection_contains (self->selection, item->id)))
        g_ptr_array_add (ids, item->id);
    }
  g_ptr_array_add (ids, NULL);
  puratan_selection_set_ids (self->selection, (const char *const *) ids->pdata);
}

static void
drag_begin_cb (GtkGestureDrag *gesture, double x, double y, PuratanCanvas *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  const PuratanDocItem *item;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag = CANVAS_DRAG_NONE;
  self->press_x = self->last_x = x;
  self->press_y = self->last_y = y;
  self->extend = (state & GDK_SHIFT_MASK) != 0;
  puratan_canvas_widget_to_page (self, x, y, &self->press_px, &self->press_py);
  if (button == GDK_BUTTON_MIDDLE || (button == GDK_BUTTON_PRIMARY && self->space_down))
    {
      self->drag = CANVAS_DRAG_PAN;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      return;
    }
  if (button != GDK_BUTTON_PRIMARY || self->document == NULL ||
      puratan_canvas_current_page (self) == NULL)
    return;
  if (self->editing_id != NULL)
    {
      item = puratan_canvas_hit_item (self, self->press_px, self->press_py);
      if (item != NULL && g_strcmp0 (item->id, self->editing_id) == 0)
        {
          puratan_canvas_text_place_caret (self, self->press_px, self->press_py);
          return;
        }
      puratan_canvas_text_commit (self);
    }
  switch (self->tool)
    {
      case PURATAN_CANVAS_TOOL_SELECT:
        self->handle = puratan_canvas_hit_handle (self, x, y);
        if (self->handle >= 0)
          {
            double c[8];
            int k = self->handle / 2, n = (k + 1) % 4;

            /* A resize handle follows the pointer's movement from where it was grabbed. */
            if (self->handle < 8 && puratan_canvas_selection_frame (self, c))
              {
                self->handle_px = self->handle % 2 ? (c[2 * k] + c[2 * n]) / 2 : c[2 * k];
                self->handle_py =
                    self->handle % 2 ? (c[2 * k + 1] + c[2 * n + 1]) / 2 : c[2 * k + 1];
              }
            take_originals (self);
            self->drag = self->handle == 8 ? CANVAS_DRAG_ROTATE : CANVAS_DRAG_RESIZE;
            return;
          }
        item = puratan_canvas_hit_item (self, self->press_px, self->press_py);
        if (item == NULL)
          {
            if (!self->extend)
              puratan_selection_clear (self->selection);
            self->drag = CANVAS_DRAG_RUBBER;
            return;
          }
        if (self->extend)
          {
            puratan_selection_toggle (self->selection, item->id);
            if (!puratan_selection_contains (self->selection, item->id))
              return;
          }
        else if (!puratan_selection_contains (self->selection, item->id))
          puratan_selection_select_only (self->selection, item->id);
        take_originals (self);
        self->drag = CANVAS_DRAG_MOVE;
        break;
      case PURATAN_CANVAS_TOOL_TEXT:
        item = puratan_canvas_hit_item (self, self->press_px, self->press_py);
        if (item != NULL && item->kind == PURATAN_DOC_ITEM_TEXT)
          {
            puratan_canvas_text_begin (self, item->id);
            puratan_canvas_text_place_caret (self, self->press_px, self->press_py);
          }
        else
          self->drag = CANVAS_DRAG_CREATE;
        break;
      case PURATAN_CANVAS_TOOL_RECTANGLE:
      case PURATAN_CANVAS_TOOL_ELLIPSE:
      case PURATAN_CANVAS_TOOL_LINE:
        self->drag = CANVAS_DRAG_CREATE;
        break;
      default:
        g_assert_not_reached ();
    }
}

static void
drag_update_cb (GtkGestureDrag *gesture, double ox, double oy, PuratanCanvas *self)
{
  GdkModifierType state =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  double x = self->press_x + ox, y = self->press_y + oy, px, py, s = puratan_canvas_scale (self);

  switch (self->drag)
    {
      case CANVAS_DRAG_PAN:
        puratan_canvas_pan_by (self, x - self->last_x, y - self->last_y);
        break;
      case CANVAS_DRAG_MOVE:
        if (self->originals->len > 0 && (self->step_open || hypot (ox, oy) >= 3))
          drag_move (self, ox / s, oy / s);
        break;
      case CANVAS_DRAG_RESIZE:
        px = self->handle_px + ox / s;
        py = self->handle_py + oy / s;
        open_step (self, _ ("Resize"));
        if (self->originals->len == 1 &&
            ((PuratanDocItem *) self->originals->pdata[0])->kind != PURATAN_DOC_ITEM_GROUP)
          resize_one (self, self->originals->pdata[0], px, py, (state & GDK_SHIFT_MASK) != 0);
        else if (self->originals->len > 0)
          resize_many (self, px, py);
        break;
      case CANVAS_DRAG_ROTATE:
        puratan_canvas_widget_to_page (self, x, y, &px, &py);
        if (self->originals->len > 0)
          drag_rotate (self, px, py, (state & GDK_SHIFT_MASK) != 0);
        break;
      case CANVAS_DRAG_RUBBER:
      case CANVAS_DRAG_CREATE:
        gtk_widget_queue_draw (GTK_WIDGET (self));
        break;
      case CANVAS_DRAG_NONE:
      default:
        break;
    }
  self->last_x = x;
  self->last_y = y;
}

static void
drag_end_cb (GtkGestureDrag *gesture, double ox, double oy, PuratanCanvas *self)
{
  double x0 = self->press_px, y0 = self->press_py, x1, y1;
  CanvasDragMode drag = self->drag;

  (void) gesture;
  self->last_x = self->press_x + ox;
  self->last_y = self->press_y + oy;
  self->drag = CANVAS_DRAG_NONE;
  close_step (self);
  clear_originals (self);
  puratan_canvas_snap_clear (self);
  switch (drag)
    {
      case CANVAS_DRAG_PAN:
        gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->space_down ? "grab" : NULL);
        break;
      case CANVAS_DRAG_RUBBER:
        finish_rubber_band (self);
        break;
      case CANVAS_DRAG_CREATE:
        puratan_canvas_widget_to_page (self, self->last_x, self->last_y, &x1, &y1);
        if (self->tool == PURATAN_CANVAS_TOOL_TEXT)
          puratan_canvas_text_create (self, MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0),
                                      fabs (y1 - y0));
        else if (hypot (ox, oy) >= 3)
          create_shape (self, x0, y0, x1, y1);
        break;
      default:
        break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, PuratanCanvas *self)
{
  const PuratanDocItem *item;
  double px, py;

  (void) gesture;
  if (n_press != 2 || self->document == NULL || self->editing_id != NULL)
    return;
  puratan_canvas_widget_to_page (self, x, y, &px, &py);
  item = puratan_canvas_hit_item (self, px, py);
  if (item == NULL)
    return;
  if (item->kind == PURATAN_DOC_ITEM_TEXT && self->tool == PURATAN_CANVAS_TOOL_SELECT)
    puratan_canvas_text_begin (self, item->id);
  puratan_canvas_emit_item_activated (self, item->id);
}

/**
 * puratan_canvas_nudge:
 *
 * Moves the selected items by (dx, dy) points, as one undo step.
 */
void
puratan_canvas_nudge (PuratanCanvas *self, double dx, double dy)
{
  g_autoptr (GError) error = NULL;

  if (self->document == NULL || puratan_selection_get_n_items (self->selection) == 0)
    return;
  puratan_document_begin_step (self->document, _ ("Nudge"));
  for (guint i = 0; i < puratan_selection_get_n_items (self->selection); i++)
    {
      const char *id = puratan_selection_get_item (self->selection, i);
      const PuratanDocItem *item =
          puratan_document_lookup_item (self->document, self->page_index, id);

      if (item != NULL && puratan_canvas_item_is_editable (self, item) &&
          !puratan_document_move_item (self->document, self->page_index, id, dx, dy, &error))
        {
          g_warning ("Cannot move the item: %s", error->message);
          g_clear_error (&error);
        }
    }
  puratan_document_end_step (self->document);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *key,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                PuratanCanvas *self)
{
  double step = (state & GDK_SHIFT_MASK) ? 10.0 : 1.0;

  (void) key;
  (void) keycode;
  if (self->editing_id != NULL)
    return puratan_canvas_text_key (self, keyval, state);
  switch (keyval)
    {
      case GDK_KEY_space:
        if (!self->space_down && self->drag == CANVAS_DRAG_NONE)
          gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
        self->space_down = TRUE;
        return TRUE;
      case GDK_KEY_Left:
      case GDK_KEY_KP_Left:
        puratan_canvas_nudge (self, -step, 0);
        return TRUE;
      case GDK_KEY_Right:
      case GDK_KEY_KP_Right:
        puratan_canvas_nudge (self, step, 0);
        return TRUE;
      case GDK_KEY_Up:
      case GDK_KEY_KP_Up:
        puratan_canvas_nudge (self, 0, -step);
        return TRUE;
      case GDK_KEY_Down:
      case GDK_KEY_KP_Down:
        puratan_canvas_nudge (self, 0, step);
        return TRUE;
      case GDK_KEY_Escape:
        puratan_selection_clear (self->selection);
        return TRUE;
      default:
        return FALSE;
    }
}

static void
key_released_cb (GtkEventControllerKey *key,
                 guint keyval,
                 guint keycode,
                 GdkModifierType state,
                 PuratanCanvas *self)
{
  (void) key;
  (void) keycode;
  (void) state;
  if (keyval == GDK_KEY_space)
    {
      self->space_down = FALSE;
      if (self->drag != CANVAS_DRAG_PAN)
        gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                         self->tool == PURATAN_CANVAS_TOOL_SELECT ? NULL
                                         : self->tool == PURATAN_CANVAS_TOOL_TEXT ? "text"
                                                                                  : "crosshair");
    }
}

static gboolean
scroll_cb (GtkEventControllerScroll *scroll, double dx, double dy, PuratanCanvas *self)
{
  GdkModifierType state =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  double step =
      gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL ? SCROLL_STEP : 1.0;

  if (state & GDK_CONTROL_MASK)
    {
      double steps = dy != 0 ? dy : dx;
      if (gtk_event_controller_scroll_get_unit (scroll) != GDK_SCROLL_UNIT_WHEEL)
        steps /= 20.0;
      puratan_canvas_zoom_at (self, self->zoom * pow (ZOOM_PER_STEP, -steps), self->pointer_x,
                              self->pointer_y);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK)
    {
      dx = dx != 0 ? dx : dy;
      dy = 0;
    }
  puratan_canvas_pan_by (self, -dx * step, -dy * step);
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *motion, double x, double y, PuratanCanvas *self)
{
  (void) motion;
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
zoom_begin_cb (GtkGesture *gesture, GdkEventSequence *sequence, PuratanCanvas *self)
{
  (void) gesture;
  (void) sequence;
  self->pinch_zoom = self->zoom;
}

static void
zoom_scale_cb (GtkGestureZoom *gesture, double scale, PuratanCanvas *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  puratan_canvas_zoom_at (self, self->pinch_zoom * scale, x, y);
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, PuratanCanvas *self)
{
  double px, py;

  (void) target;
  if (self->document == NULL)
    return FALSE;
  puratan_canvas_widget_to_page (self, x, y, &px, &py);
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);
      if (files == NULL)
        return FALSE;
      for (GSList *l = files; l != NULL; l = l->next)
        puratan_canvas_emit_file_dropped (self, l->data, px, py);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_FILE) && g_value_get_object (value) != NULL)
    {
      puratan_canvas_emit_file_dropped (self, g_value_get_object (value), px, py);
      return TRUE;
    }
  return FALSE;
}

void
puratan_canvas_tools_init (PuratanCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *scroll =
      gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (zoom));

  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, scroll);

  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (widget, motion);

  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect (key, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (widget, key);
  g_object_set_data (G_OBJECT (self), "puratan-canvas-key", key);

  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drop));
}

void
puratan_canvas_tools_dispose (PuratanCanvas *self)
{
  close_step (self);
  clear_originals (self);
}
