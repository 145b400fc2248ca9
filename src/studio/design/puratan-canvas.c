/* puratan-canvas.c: the Design view's canvas: one page of a design on a pasteboard
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas is our own widget drawing through GTK's snapshot API. This file holds the
 * object, its properties and the view (zoom and pan); drawing is in -render.c and -draw.c,
 * input in -tools.c, -snap.c and -text.c. Zoom 1.0 shows the page at its printed size on a
 * 96 dpi screen.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "puratan-canvas-private.h"

#define FIT_MARGIN_PX 32.0

enum
{
  PROP_0,
  PROP_SELECTION,
  PROP_TOOL,
  PROP_UNIT,
  PROP_ZOOM,
  PROP_SOFT_PROOF,
  PROP_PRESS_CONDITION,
  PROP_PAPER_WHITE,
  PROP_GAMUT_WARNING,
  PROP_SHOW_GUIDES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_FILE_DROPPED,
  SIGNAL_ITEM_ACTIVATED,
  SIGNAL_VIEW_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PuratanCanvas, puratan_canvas, GTK_TYPE_WIDGET)

GType
puratan_canvas_tool_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { PURATAN_CANVAS_TOOL_SELECT, "PURATAN_CANVAS_TOOL_SELECT", "select" },
        { PURATAN_CANVAS_TOOL_TEXT, "PURATAN_CANVAS_TOOL_TEXT", "text" },
        { PURATAN_CANVAS_TOOL_RECTANGLE, "PURATAN_CANVAS_TOOL_RECTANGLE", "rectangle" },
        { PURATAN_CANVAS_TOOL_ELLIPSE, "PURATAN_CANVAS_TOOL_ELLIPSE", "ellipse" },
        { PURATAN_CANVAS_TOOL_LINE, "PURATAN_CANVAS_TOOL_LINE", "line" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_enum_register_static ("PuratanCanvasTool", values));
    }
  return type_id;
}

const PuratanDocPage *
puratan_canvas_current_page (PuratanCanvas *self)
{
  if (self->document == NULL || self->page_index >= puratan_document_get_n_pages (self->document))
    return NULL;
  return puratan_document_get_page (self->document, self->page_index);
}

/* Screen pixels per point at the current zoom. */
double
puratan_canvas_scale (PuratanCanvas *self)
{
  return self->zoom * PURATAN_CANVAS_PX_PER_POINT;
}

static void
follow_page_centre (PuratanCanvas *self)
{
  const PuratanDocPage *page = puratan_canvas_current_page (self);

  if (self->centered && page != NULL)
    {
      self->center_x = page->width / 2.0;
      self->center_y = page->height / 2.0;
    }
}

/* Widget coordinates of the page origin, whole pixels so that tiles meet without seams. */
void
puratan_canvas_page_origin (PuratanCanvas *self, double *ox, double *oy)
{
  double s = puratan_canvas_scale (self);

  follow_page_centre (self);
  *ox = round (gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 - self->center_x * s);
  *oy = round (gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - self->center_y * s);
}

/**
 * puratan_canvas_widget_to_page:
 * @self: a #PuratanCanvas
 * @wx: x in widget pixels
 * @wy: y in widget pixels
 * @px: (out) (optional): x in page points
 * @py: (out) (optional): y in page points
 *
 * Converts a point on the widget to page space (points from the trim box's top-left corner).
 */
void
puratan_canvas_widget_to_page (PuratanCanvas *self, double wx, double wy, double *px, double *py)
{
  double ox, oy, s;

  g_return_if_fail (PURATAN_IS_CANVAS (self));
  s = puratan_canvas_scale (self);
  puratan_canvas_page_origin (self, &ox, &oy);
  if (px != NULL)
    *px = (wx - ox) / s;
  if (py != NULL)
    *py = (wy - oy) / s;
}

/**
 * puratan_canvas_page_to_widget:
 * @self: a #PuratanCanvas
 * @px: x in page points
 * @py: y in page points
 * @wx: (out) (optional): x in widget pixels
 * @wy: (out) (optional): y in widget pixels
 *
 * Converts a page point to widget pixels.
 */
void
puratan_canvas_page_to_widget (PuratanCanvas *self, double px, double py, double *wx, double *wy)
{
  double ox, oy, s;

  g_return_if_fail (PURATAN_IS_CANVAS (self));
  s = puratan_canvas_scale (self);
  puratan_canvas_page_origin (self, &ox, &oy);
  if (wx != NULL)
    *wx = ox + px * s;
  if (wy != NULL)
    *wy = oy + py * s;
}

/* Sets zoom and centre at once; the one place the view changes. */
void
puratan_canvas_set_view (PuratanCanvas *self, double zoom, double center_x, double center_y)
{
  gboolean zoom_changed;

  /* Rounded, so that zooming in and out again lands on the same scale and its tiles. */
  zoom = round (CLAMP (zoom, PURATAN_CANVAS_MIN_ZOOM, PURATAN_CANVAS_MAX_ZOOM) * 1e6) / 1e6;
  zoom_changed = zoom != self->zoom;
  if (!zoom_changed && center_x == self->center_x && center_y == self->center_y)
    return;
  self->zoom = zoom;
  self->center_x = center_x;
  self->center_y = center_y;
  if (zoom_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  g_signal_emit (self, signals[SIGNAL_VIEW_CHANGED], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
puratan_canvas_pan_by (PuratanCanvas *self, double dx_px, double dy_px)
{
  double s = puratan_canvas_scale (self);

  follow_page_centre (self);
  self->centered = FALSE;
  puratan_canvas_set_view (self, self->zoom, self->center_x - dx_px / s,
                           self->center_y - dy_px / s);
}

/* Zooms keeping the page point under (wx, wy) where it is. */
void
puratan_canvas_zoom_at (PuratanCanvas *self, double zoom, double wx, double wy)
{
  double px, py, s;

  zoom = CLAMP (zoom, PURATAN_CANVAS_MIN_ZOOM, PURATAN_CANVAS_MAX_ZOOM);
  puratan_canvas_widget_to_page (self, wx, wy, &px, &py);
  s = zoom * PURATAN_CANVAS_PX_PER_POINT;
  self->centered = FALSE;
  puratan_canvas_set_view (self, zoom,
                           px - (wx - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0) / s,
                           py - (wy - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0) / s);
}

static const PuratanDocLayer *
item_layer (PuratanCanvas *self, const PuratanDocItem *item)
{
  return item->layer != NULL ? puratan_document_lookup_layer (self->document, item->layer) : NULL;
}

/* Whether the item is drawn: it and its layer are visible. */
gboolean
puratan_canvas_item_is_shown (PuratanCanvas *self, const PuratanDocItem *item)
{
  const PuratanDocLayer *layer = item_layer (self, item);

  return item->visible && (layer == NULL || layer->visible);
}

/* Whether the designer may select the item: shown, and neither it nor its layer locked. */
gboolean
puratan_canvas_item_is_editable (PuratanCanvas *self, const PuratanDocItem *item)
{
  const PuratanDocLayer *layer = item_layer (self, item);

  return puratan_canvas_item_is_shown (self, item) && !item->locked &&
         (layer == NULL || !layer->locked);
}

static void
puratan_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  PuratanCanvas *self = PURATAN_CANVAS (widget);
  const GdkRGBA pasteboard = { 0.82, 0.82, 0.84, 1 };
  graphene_rect_t all = GRAPHENE_RECT_INIT (0, 0, (float) gtk_widget_get_width (widget),
                                            (float) gtk_widget_get_height (widget));

  gtk_snapshot_append_color (snapshot, &pasteboard, &all);
  if (puratan_canvas_current_page (self) == NULL)
    return;
  gtk_snapshot_push_clip (snapshot, &all);
  puratan_canvas_snapshot_page (self, snapshot);
  puratan_canvas_snapshot_overlays (self, snapshot);
  puratan_canvas_text_snapshot (self, snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
puratan_canvas_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  PuratanCanvas *self = PURATAN_CANVAS (widget);

  (void) width;
  (void) height;
  (void) baseline;
  g_signal_emit (self, signals[SIGNAL_VIEW_CHANGED], 0);
}

static void
document_changed_cb (PuratanCanvas *self)
{
  /* The change may still be under way (puratan_document_edit_item() announces it before the
   * caller edits); what it touched is found when the next frame is drawn. */
  self->document_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Follows the selection's document and page. */
static void
update_document (PuratanCanvas *self)
{
  PuratanDocument *document =
      self->selection != NULL ? puratan_selection_get_document (self->selection) : NULL;
  guint page = self->selection != NULL ? puratan_selection_get_page (self->selection) : 0;

  if (document == self->document && page == self->page_index)
    return;
  if (self->editing_id != NULL)
    puratan_canvas_text_commit (self);
  if (document != self->document)
    {
      g_clear_signal_handler (&self->document_handler, self->document);
      g_set_object (&self->document, document);
      if (document != NULL)
        self->document_handler =
            g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), self);
      puratan_canvas_rebuild_renderer (self);
    }
  self->page_index = page;
  self->centered = TRUE;
  puratan_canvas_clear_tiles (self);
  g_signal_emit (self, signals[SIGNAL_VIEW_CHANGED], 0);
}

static void
selection_changed_cb (PuratanCanvas *self)
{
  update_document (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
puratan_canvas_dispose (GObject *object)
{
  PuratanCanvas *self = PURATAN_CANVAS (object);

  puratan_canvas_text_dispose (self);
  puratan_canvas_tools_dispose (self);
  puratan_canvas_render_dispose (self);
  g_clear_signal_handler (&self->selection_handler, self->selection);
  g_clear_signal_handler (&self->page_handler, self->selection);
  g_clear_signal_handler (&self->document_handler, self->document);
  g_clear_object (&self->selection);
  g_clear_object (&self->document);
  g_clear_pointer (&self->press_condition, g_free);

  G_OBJECT_CLASS (puratan_canvas_parent_class)->dispose (object);
}

static void
puratan_canvas_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PuratanCanvas *self = PURATAN_CANVAS (object);

  switch (prop_id)
    {
      case PROP_SELECTION:
        g_value_set_object (value, self->selection);
        break;
      case PROP_TOOL:
        g_value_set_enum (value, self->tool);
        break;
      case PROP_UNIT:
        g_value_set_enum (value, self->unit);
        break;
      case PROP_ZOOM:
        g_value_set_double (value, self->zoom);
        break;
      case PROP_SOFT_PROOF:
        g_value_set_boolean (value, self->soft_proof);
        break;
      case PROP_PRESS_CONDITION:
        g_value_set_string (value, self->press_condition);
        break;
      case PROP_PAPER_WHITE:
        g_value_set_boolean (value, self->paper_white);
        break;
      case PROP_GAMUT_WARNING:
        g_value_set_boolean (value, self->gamut_warning);
        break;
      case PROP_SHOW_GUIDES:
        g_value_set_boolean (value, self->show_guides);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_canvas_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  PuratanCanvas *self = PURATAN_CANVAS (object);

  switch (prop_id)
    {
      case PROP_SELECTION:
        puratan_canvas_set_selection (self, g_value_get_object (value));
        break;
      case PROP_TOOL:
        puratan_canvas_set_tool (self, g_value_get_enum (value));
        break;
      case PROP_UNIT:
        puratan_canvas_set_unit (self, g_value_get_enum (value));
        break;
      case PROP_ZOOM:
        puratan_canvas_set_zoom (self, g_value_get_double (value));
        break;
      case PROP_SOFT_PROOF:
        puratan_canvas_set_soft_proof (self, g_value_get_boolean (value));
        break;
      case PROP_PRESS_CONDITION:
        puratan_canvas_set_press_condition (self, g_value_get_string (value));
        break;
      case PROP_PAPER_WHITE:
        puratan_canvas_set_paper_white (self, g_value_get_boolean (value));
        break;
      case PROP_GAMUT_WARNING:
        puratan_canvas_set_gamut_warning (self, g_value_get_boolean (value));
        break;
      case PROP_SHOW_GUIDES:
        puratan_canvas_set_show_guides (self, g_value_get_boolean (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_canvas_class_init (PuratanCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = puratan_canvas_dispose;
  object_class->get_property = puratan_canvas_get_property;
  object_class->set_property = puratan_canvas_set_property;
  widget_class->snapshot = puratan_canvas_snapshot;
  widget_class->size_allocate = puratan_canvas_size_allocate;

  properties[PROP_SELECTION] =
      g_param_spec_object ("selection", NULL, NULL, PURATAN_TYPE_SELECTION, flags);
  properties[PROP_TOOL] = g_param_spec_enum ("tool", NULL, NULL, PURATAN_TYPE_CANVAS_TOOL,
                                             PURATAN_CANVAS_TOOL_SELECT, flags);
  properties[PROP_UNIT] =
      g_param_spec_enum ("unit", NULL, NULL, PURATAN_TYPE_UNIT, PURATAN_UNIT_MM, flags);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, PURATAN_CANVAS_MIN_ZOOM,
                                               PURATAN_CANVAS_MAX_ZOOM, 1.0, flags);
  /* Show the page as the press will print it, through the press condition's profile. */
  properties[PROP_SOFT_PROOF] = g_param_spec_boolean ("soft-proof", NULL, NULL, FALSE, flags);
  /* Press condition id; %NULL is the shop's default. */
  properties[PROP_PRESS_CONDITION] =
      g_param_spec_string ("press-condition", NULL, NULL, NULL, flags);
  /* With the soft proof: show the paper's own white rather than the screen's. */
  properties[PROP_PAPER_WHITE] = g_param_spec_boolean ("paper-white", NULL, NULL, FALSE, flags);
  /* With the soft proof: mark colours the press cannot print. */
  properties[PROP_GAMUT_WARNING] = g_param_spec_boolean ("gamut-warning", NULL, NULL, FALSE, flags);
  properties[PROP_SHOW_GUIDES] = g_param_spec_boolean ("show-guides", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PuratanCanvas::file-dropped:
   * @file: the dropped file
   * @x_pt: where it was dropped, page space, points
   * @y_pt: where it was dropped, page space, points
   *
   * A file was dropped on the canvas; the Design view places it.
   */
  signals[SIGNAL_FILE_DROPPED] =
      g_signal_new ("file-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 3, G_TYPE_FILE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /**
   * PuratanCanvas::item-activated:
   * @id: the item double-clicked
   */
  signals[SIGNAL_ITEM_ACTIVATED] =
      g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * PuratanCanvas::view-changed:
   *
   * The zoom, the scroll position or the size changed (the rulers follow it).
   */
  signals[SIGNAL_VIEW_CHANGED] =
      g_signal_new ("view-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
puratan_canvas_init (PuratanCanvas *self)
{
  self->zoom = 1.0;
  self->unit = PURATAN_UNIT_MM;
  self->centered = TRUE;
  self->show_guides = TRUE;
  self->snap_x = self->snap_y = NAN;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Design canvas"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _ ("The page being designed"), -1);
  puratan_canvas_render_init (self);
  puratan_canvas_tools_init (self);
  puratan_canvas_text_init (self);
  puratan_canvas_set_selection (self, NULL);
}

/**
 * puratan_canvas_new:
 *
 * Returns: (transfer floating): a canvas with an empty selection of its own
 */
GtkWidget *
puratan_canvas_new (void)
{
  return g_object_new (PURATAN_TYPE_CANVAS, NULL);
}

/**
 * puratan_canvas_get_selection:
 * @self: a #PuratanCanvas
 *
 * Returns: (transfer none): the selection the canvas shows and edits; its document and
 *   page are the design and page on the canvas
 */
PuratanSelection *
puratan_canvas_get_selection (PuratanCanvas *self)
{
  g_return_val_if_fail (PURATAN_IS_CANVAS (self), NULL);
  return self->selection;
}

/**
 * puratan_canvas_set_selection:
 * @self: a #PuratanCanvas
 * @selection: (nullable): the selection to share with the panels, or %NULL for a new one
 *
 * The canvas shows the document and page of @selection and follows them as they change.
 */
void
puratan_canvas_set_selection (PuratanCanvas *self, PuratanSelection *selection)
{
  g_autoptr (PuratanSelection) own = NULL;

  g_return_if_fail (PURATAN_IS_CANVAS (self));

  if (selection == NULL)
    selection = own = puratan_selection_new ();
  if (self->selection == selection)
    return;
  g_clear_signal_handler (&self->selection_handler, self->selection);
  g_clear_signal_handler (&self->page_handler, self->selection);
  g_set_object (&self->selection, selection);
  self->selection_handler =
      g_signal_connect_swapped (selection, "changed", G_CALLBACK (selection_changed_cb), self);
  self->page_handler =
      g_signal_connect_swapped (selection, "notify::page", G_CALLBACK (selection_changed_cb), self);
  update_document (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

/**
 * puratan_canvas_get_document:
 * @self: a #PuratanCanvas
 *
 * Returns: (transfer none) (nullable): the design on the canvas
 */
PuratanDocument *
puratan_canvas_get_document (PuratanCanvas *self)
{
  g_return_val_if_fail (PURATAN_IS_CANVAS (self), NULL);
  return self->document;
}

/**
 * puratan_canvas_get_tool:
 * @self: a #PuratanCanvas
 *
 * Returns: what a click and drag on the page does
 */
PuratanCanvasTool
puratan_canvas_get_tool (PuratanCanvas *self)
{
  g_return_val_if_fail (PURATAN_IS_CANVAS (self), PURATAN_CANVAS_TOOL_SELECT);
  return self->tool;
}

/**
 * puratan_canvas_set_tool:
 * @self: a #PuratanCanvas
 * @tool: what a click and drag on the page does
 */
void
puratan_canvas_set_tool (PuratanCanvas *self, PuratanCanvasTool tool)
{
  g_return_if_fail (PURATAN_IS_CANVAS (self));

  if (self->tool == tool)
    return;
  if (self->editing_id != NULL)
    puratan_canvas_text_commit (self);
  self->tool = tool;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), tool == PURATAN_CANVAS_TOOL_SELECT ? NULL
                                                      : tool == PURATAN_CANVAS_TOOL_TEXT
                                                          ? "text"
                                                          : "crosshair");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

/**
 * puratan_canvas_get_unit:
 * @self: a #PuratanCanvas
 *
 * Returns: the unit of the rulers
 */
PuratanUnit
puratan_canvas_get_unit (PuratanCanvas *self)
{
  g_return_val_if_fail (PURATAN_IS_CANVAS (self), PURATAN_UNIT_MM);
  return self->unit;
}

/**
 * puratan_canvas_set_unit:
 * @self: a #PuratanCanvas
 * @unit: the unit of the rulers
 */
void
puratan_canvas_set_unit (PuratanCanvas *self, PuratanUnit unit)
{
  g_return_if_fail (PURATAN_IS_CANVAS (self));

  if (self->unit == unit)
    return;
  self->unit = unit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
  g_signal_emit (self, signals[SIGNAL_VIEW_CHANGED], 0);
}

/**
 * puratan_canvas_get_zoom:
 * @self: a #PuratanCanvas
 *
 * Returns: the zoom; 1.0 shows the page at its printed size on a 96 dpi screen
 */
double
puratan_canvas_get_zoom (PuratanCanvas *self)
{
  g_return_val_if_fail (PURATAN_IS_CANVAS (self), 1.0);
  return self->zoom;
}

/**
 * puratan_canvas_set_zoom:
 * @self: a #PuratanCanvas
 * @zoom: the new zoom, clamped to 2 %–6400 %
 *
 * Zooms about the centre of the canvas.
 */
void
puratan_canvas_set_zoom (PuratanCanvas *self, double zoom)
{
  g_return_if_fail (PURATAN_IS_CANVAS (self));

  follow_page_centre (self);
  puratan_canvas_set_view (self, zoom, self->center_x, self->center_y);
}

/**
 * puratan_canvas_get_center:
 * @self: a #PuratanCanvas
 * @x: (out) (optional): x of the page point at the canvas's centre, points
 * @y: (out) (optional): y of that point
 */
void
puratan_canvas_get_center (PuratanCanvas *self, double *x, double *y)
{
  g_return_if_fail (PURATAN_IS_CANVAS (self));

  follow_page_centre (self);
  if (x != NULL)
    *x = self->center_x;
  if (y != NULL)
    *y = self->center_y;
}

/**
 * puratan_canvas_set_center:
 * @self: a #PuratanCanvas
 * @x: page x, points, to show at the canvas's centre
 * @y: page y, points
 *
 * Scrolls the canvas.
 */
void
puratan_canvas_set_center (PuratanCanvas *self, double x, double y)
{
  g_return_if_fail (PURATAN_IS_CANVAS (self));

  self->centered = FALSE;
  puratan_canvas_set_view (self, self->zoom, x, y);
}

/**
 * puratan_canvas_zoom_to_rect:
 * @self: a #PuratanCanvas
 * @x: left edge in points, page space
 * @y: top edge in points, page space
 * @width: width in points
 * @height: height in points
 *
 * Zooms so that the rectangle fills the canvas with a margin, and centres it.
 */
void
puratan_canvas_zoom_to_rect (PuratanCanvas *self, double x, double y, double width, double height)
{
  double w, h;

  g_return_if_fail (PURATAN_IS_CANVAS (self));

  if (!(width > 0 && height > 0))
    return;
  w = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 2 * FIT_MARGIN_PX, 1.0);
  h = MAX (gtk_widget_get_height (GTK_WIDGET (self)) - 2 * FIT_MARGIN_PX, 1.0);
  self->centered = FALSE;
  puratan_canvas_set_view (self, MIN (w / width, h / height) / PURATAN_CANVAS_PX_PER_POINT,
                           x + width / 2.0, y + height / 2.0);
}

/**
 * puratan_canvas_zoom_to_fit:
 * @self: a #PuratanCanvas
 *
 * Zooms so that the whole page with its bleed fits the canvas, centred.
 */
void
puratan_canvas_zoom_to_fit (PuratanCanvas *self)
{
  const PuratanDocPage *page;

  g_return_if_fail (PURATAN_IS_CANVAS (self));

  page = puratan_canvas_current_page (self);
  if (page == NULL)
    return;
  puratan_canvas_zoom_to_rect (self, -page->bleed, -page->bleed, page->width + 2 * page->bleed,
                               page->height + 2 * page->bleed);
  self->centered = TRUE;
}

/**
 * puratan_canvas_zoom_to_actual_size:
 * @self: a #PuratanCanvas
 *
 * Zooms to 100 %: the page at its printed size, about the canvas's centre.
 */
void
puratan_canvas_zoom_to_actual_size (PuratanCanvas *self)
{
  puratan_canvas_set_zoom (self, 1.0);
}

/**
 * puratan_canvas_zoom_to_selection:
 * @self: a #PuratanCanvas
 *
 * Zooms to the bounding box of the selected items as they stand on the page (rotation
 * included); does nothing when none is selected.
 */
void
puratan_canvas_zoom_to_selection (PuratanCanvas *self)
{
  CanvasRect box;

  g_return_if_fail (PURATAN_IS_CANVAS (self));

  if (!puratan_canvas_selection_bounds (self, &box))
    return;
  /* A line has no height: give it the margin of a small square. */
  puratan_canvas_zoom_to_rect (self, box.x, box.y, MAX (box.width, 1.0), MAX (box.height, 1.0));
}

/**
 * puratan_canvas_get_soft_proof:
 * @self: a #PuratanCanvas
 *
 * Returns: whether the page is shown as the press condition prints it
 */
gboolean
puratan_canvas_get_soft_proof (PuratanCanvas *self)
{
  g_return_val_if_fail (PURATAN_IS_CANVAS (self), FALSE);
  return self->soft_proof;
}

/**
 * puratan_canvas_set_soft_proof:
 * @self: a #PuratanCanvas
 * @soft_proof: show the page as the press condition prints it; the transform is built on a worker,
 *   and the proof stays on while the designer edits, pans and zooms
 */
void
puratan_canvas_set_soft_proof (PuratanCanvas *self, gboolean soft_proof)
{
  g_return_if_fail (PURATAN_IS_CANVAS (self));

  if (self->soft_proof == !!soft_proof)
    return;
  self->soft_proof = !!soft_proof;
  puratan_canvas_rebuild_renderer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOFT_PROOF]);
}

/**
 * puratan_canvas_get_paper_white:
 * @self: a #PuratanCanvas
 *
 * Returns: whether the soft proof shows the paper's own white
 */
gboolean
puratan_canvas_get_paper_white (PuratanCanvas *self)
{
  g_return_val_if_fail (PURATAN_IS_CANVAS (self), FALSE);
  return self->paper_white;
}

/**
 * puratan_canvas_set_paper_white:
 * @self: a #PuratanCanvas
 * @paper_white: with the soft proof, show the paper's white (and the ink's black) rather than
 *   the screen's
 */
void
puratan_canvas_set_paper_white (PuratanCanvas *self, gboolean paper_white)
{
  g_return_if_fail (PURATAN_IS_CANVAS (self));

  if (self->paper_white == !!paper_white)
    return;
  self->paper_white = !!paper_white;
  puratan_canvas_rebuild_renderer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAPER_WHITE]);
}

/**
 * puratan_canvas_get_gamut_warning:
 * @self: a #PuratanCanvas
 *
 * Returns: whether the soft proof marks colours the press cannot print
 */
gboolean
puratan_canvas_get_gamut_warning (PuratanCanvas *self)
{
  g_return_val_if_fail (PURATAN_IS_CANVAS (self), FALSE);
  return self->gamut_warning;
}

/**
 * puratan_canvas_set_gamut_warning:
 * @self: a #PuratanCanvas
 * @gamut_warning: with the soft proof, mark colours the press cannot print
 */
void
puratan_canvas_set_gamut_warning (PuratanCanvas *self, gboolean gamut_warning)
{
  g_return_if_fail (PURATAN_IS_CANVAS (self));

  if (self->gamut_warning == !!gamut_warning)
    return;
  self->gamut_warning = !!gamut_warning;
  puratan_canvas_rebuild_renderer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GAMUT_WARNING]);
}

/**
 * puratan_canvas_get_show_guides:
 * @self: a #PuratanCanvas
 *
 * Returns: whether the page's guides are drawn
 */
gboolean
puratan_canvas_get_show_guides (PuratanCanvas *self)
{
  g_return_val_if_fail (PURATAN_IS_CANVAS (self), FALSE);
  return self->show_guides;
}

/**
 * puratan_canvas_set_show_guides:
 * @self: a #PuratanCanvas
 * @show_guides: draw the page's guides
 */
void
puratan_canvas_set_show_guides (PuratanCanvas *self, gboolean show_guides)
{
  g_return_if_fail (PURATAN_IS_CANVAS (self));

  if (self->show_guides == !!show_guides)
    return;
  self->show_guides = !!show_guides;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_GUIDES]);
}

/**
 * puratan_canvas_get_press_condition:
 * @self: a #PuratanCanvas
 *
 * Returns: (nullable): the press condition id the page is shown for; %NULL for the shop's
 *   default
 */
const char *
puratan_canvas_get_press_condition (PuratanCanvas *self)
{
  g_return_val_if_fail (PURATAN_IS_CANVAS (self), NULL);
  return self->press_condition;
}

/**
 * puratan_canvas_set_press_condition:
 * @self: a #PuratanCanvas
 * @press_condition: (nullable): a press condition id, or %NULL for the shop's default
 *
 * Colours are shown through this condition's profile; the new transform is built on a
 * worker and replaces the old one when it is ready.
 */
void
puratan_canvas_set_press_condition (PuratanCanvas *self, const char *press_condition)
{
  g_return_if_fail (PURATAN_IS_CANVAS (self));

  if (g_strcmp0 (self->press_condition, press_condition) == 0)
    return;
  g_free (self->press_condition);
  self->press_condition = g_strdup (press_condition);
  puratan_canvas_rebuild_renderer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESS_CONDITION]);
}

/**
 * puratan_canvas_is_ready:
 * @self: a #PuratanCanvas
 *
 * Returns: whether the canvas shows the page as it is: the renderer (and the proof
 *   transform, if asked for) is built, and the last frame drew every visible tile at the
 *   current zoom from the current document
 */
gboolean
puratan_canvas_is_ready (PuratanCanvas *self)
{
  g_return_val_if_fail (PURATAN_IS_CANVAS (self), FALSE);
  return self->document != NULL && self->renderer != NULL && !self->build_pending &&
         !self->document_dirty && self->records_valid && self->refine_source == 0 &&
         self->shown_scale ==
             puratan_canvas_scale (self) * gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

/**
 * puratan_canvas_get_editing_item:
 * @self: a #PuratanCanvas
 *
 * Returns: (nullable): the id of the text item being edited in place
 */
const char *
puratan_canvas_get_editing_item (PuratanCanvas *self)
{
  g_return_val_if_fail (PURATAN_IS_CANVAS (self), NULL);
  return self->editing_id;
}

/* For the tools: emits the contract's signals. */
void
puratan_canvas_emit_file_dropped (PuratanCanvas *self, GFile *file, double x, double y)
{
  g_signal_emit (self, signals[SIGNAL_FILE_DROPPED], 0, file, x, y);
}

void
puratan_canvas_emit_item_activated (PuratanCanvas *self, const char *id)
{
  g_signal_emit (self, signals[SIGNAL_ITEM_ACTIVATED], 0, id);
}
