/* puratan-canvas.c: the Design view's canvas: one page of a design on a pasteboard
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page (the selection's page of the selection's document) is drawn by the render
 * layer at the current zoom, centred on a pasteboard, with its bleed, trim and safe lines.
 * Zoom 1.0 shows the page at its printed size on a 96 dpi screen.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-canvas.h"
#include "puratan-render.h"

#define SCREEN_PX_PER_POINT (96.0 / 72.0)
#define MIN_ZOOM            0.02
#define MAX_ZOOM            64.0
#define FIT_MARGIN_PX       32.0

struct _PuratanCanvas
{
  GtkWidget parent_instance;

  PuratanSelection *selection;
  gulong document_handler;
  gulong selection_handler;
  PuratanDocument *document; /* the selection's document, watched for changes */
  PuratanRenderer *renderer;
  char *render_error;
  PuratanCanvasTool tool;
  PuratanUnit unit;
  double zoom;
};

enum
{
  PROP_0,
  PROP_SELECTION,
  PROP_TOOL,
  PROP_UNIT,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static const PuratanDocPage *
current_page (PuratanCanvas *self)
{
  guint page;

  if (self->document == NULL)
    return NULL;
  page = puratan_selection_get_page (self->selection);
  if (page >= puratan_document_get_n_pages (self->document))
    return NULL;
  return puratan_document_get_page (self->document, page);
}

/* Screen pixels per point at the current zoom. */
static double
scale (PuratanCanvas *self)
{
  return self->zoom * SCREEN_PX_PER_POINT;
}

/* Widget coordinates of the trim box's top-left corner: the page is centred. */
static void
page_origin (PuratanCanvas *self, const PuratanDocPage *page, double *x, double *y)
{
  *x = (gtk_widget_get_width (GTK_WIDGET (self)) - page->width * scale (self)) / 2.0;
  *y = (gtk_widget_get_height (GTK_WIDGET (self)) - page->height * scale (self)) / 2.0;
}

static void
append_box (
    GtkSnapshot *snapshot, const PuratanDocPage *page, double s, double inset, const GdkRGBA *color)
{
  graphene_rect_t box = GRAPHENE_RECT_INIT ((float) (inset * s), (float) (inset * s),
                                            (float) ((page->width - 2 * inset) * s),
                                            (float) ((page->height - 2 * inset) * s));
  GskRoundedRect outline;
  const float widths[4] = { 1, 1, 1, 1 };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, &box, 0);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
draw_page (PuratanCanvas *self, GtkSnapshot *snapshot, const PuratanDocPage *page)
{
  const GdkRGBA bleed_color = { 0.85, 0.1, 0.1, 1 };
  const GdkRGBA trim_color = { 0, 0, 0, 1 };
  const GdkRGBA safe_color = { 0.1, 0.4, 0.85, 1 };
  double s = scale (self);
  graphene_rect_t bleed_box =
      GRAPHENE_RECT_INIT ((float) (-page->bleed * s), (float) (-page->bleed * s),
                          (float) ((page->width + 2 * page->bleed) * s),
                          (float) ((page->height + 2 * page->bleed) * s));
  g_autoptr (GError) error = NULL;
  cairo_t *cr;

  gtk_snapshot_append_color (snapshot, &(GdkRGBA){ 1, 1, 1, 1 }, &bleed_box);
  if (self->renderer != NULL)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &bleed_box);
      cairo_scale (cr, s, s);
      if (!puratan_renderer_draw_page (self->renderer, cr,
                                       puratan_selection_get_page (self->selection), &error))
        g_warning ("Cannot draw the page: %s", error->message);
      cairo_destroy (cr);
    }
  append_box (snapshot, page, s, -page->bleed, &bleed_color);
  append_box (snapshot, page, s, 0, &trim_color);
  append_box (snapshot, page, s, page->safe, &safe_color);
}

static void
puratan_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  PuratanCanvas *self = PURATAN_CANVAS (widget);
  const GdkRGBA pasteboard = { 0.82, 0.82, 0.84, 1 };
  graphene_rect_t all = GRAPHENE_RECT_INIT (0, 0, (float) gtk_widget_get_width (widget),
                                            (float) gtk_widget_get_height (widget));
  const PuratanDocPage *page = current_page (self);
  double x, y;

  gtk_snapshot_append_color (snapshot, &pasteboard, &all);
  if (page == NULL)
    return;
  page_origin (self, page, &x, &y);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  draw_page (self, snapshot, page);
  gtk_snapshot_restore (snapshot);
}

static void
document_changed_cb (PuratanCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Follows the selection's document: a new renderer for a new design. */
static void
update_document (PuratanCanvas *self)
{
  PuratanDocument *document =
      self->selection != NULL ? puratan_selection_get_document (self->selection) : NULL;
  g_autoptr (GError) error = NULL;

  if (document == self->document)
    return;
  g_clear_signal_handler (&self->document_handler, self->document);
  g_clear_object (&self->renderer);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      self->document_handler =
          g_signal_connect_swapped (document, "changed", G_CALLBACK (document_changed_cb), self);
      self->renderer = puratan_renderer_new (document, NULL, &error);
      if (self->renderer == NULL)
        g_warning ("Cannot show the design: %s", error->message);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
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

  g_clear_signal_handler (&self->selection_handler, self->selection);
  g_clear_signal_handler (&self->document_handler, self->document);
  g_clear_object (&self->selection);
  g_clear_object (&self->document);
  g_clear_object (&self->renderer);

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
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_canvas_class_init (PuratanCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_canvas_dispose;
  object_class->get_property = puratan_canvas_get_property;
  object_class->set_property = puratan_canvas_set_property;
  widget_class->snapshot = puratan_canvas_snapshot;

  properties[PROP_SELECTION] =
      g_param_spec_object ("selection", NULL, NULL, PURATAN_TYPE_SELECTION,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TOOL] =
      g_param_spec_enum ("tool", NULL, NULL, PURATAN_TYPE_CANVAS_TOOL, PURATAN_CANVAS_TOOL_SELECT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNIT] =
      g_param_spec_enum ("unit", NULL, NULL, PURATAN_TYPE_UNIT, PURATAN_UNIT_MM,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
      g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
puratan_canvas_init (PuratanCanvas *self)
{
  self->zoom = 1.0;
  self->unit = PURATAN_UNIT_MM;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Design canvas"), -1);
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
  g_set_object (&self->selection, selection);
  self->selection_handler =
      g_signal_connect_swapped (selection, "changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_object (selection, "notify::page", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
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
  self->tool = tool;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

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
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
 */
void
puratan_canvas_set_zoom (PuratanCanvas *self, double zoom)
{
  g_return_if_fail (PURATAN_IS_CANVAS (self));

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (self->zoom == zoom)
    return;
  self->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * puratan_canvas_zoom_to_rect:
 * @self: a #PuratanCanvas
 * @x: left edge in points, page space
 * @y: top edge in points, page space
 * @width: width in points
 * @height: height in points
 *
 * Zooms so that the rectangle fills the canvas with a margin.
 */
void
puratan_canvas_zoom_to_rect (PuratanCanvas *self, double x, double y, double width, double height)
{
  double w = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 2 * FIT_MARGIN_PX, 1.0);
  double h = MAX (gtk_widget_get_height (GTK_WIDGET (self)) - 2 * FIT_MARGIN_PX, 1.0);

  g_return_if_fail (PURATAN_IS_CANVAS (self));
  (void) x;
  (void) y;

  if (width <= 0 || height <= 0)
    return;
  puratan_canvas_set_zoom (self, MIN (w / width, h / height) / SCREEN_PX_PER_POINT);
}

/**
 * puratan_canvas_zoom_to_fit:
 * @self: a #PuratanCanvas
 *
 * Zooms so that the whole page with its bleed fits the canvas.
 */
void
puratan_canvas_zoom_to_fit (PuratanCanvas *self)
{
  const PuratanDocPage *page;

  g_return_if_fail (PURATAN_IS_CANVAS (self));

  page = current_page (self);
  if (page != NULL)
    puratan_canvas_zoom_to_rect (self, -page->bleed, -page->bleed, page->width + 2 * page->bleed,
                                 page->height + 2 * page->bleed);
}

/**
 * puratan_canvas_zoom_to_actual_size:
 * @self: a #PuratanCanvas
 *
 * Zooms to 100 %: the page at its printed size.
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
 * Zooms to the bounding box of the selected items; does nothing when none is selected.
 */
void
puratan_canvas_zoom_to_selection (PuratanCanvas *self)
{
  g_return_if_fail (PURATAN_IS_CANVAS (self));

  if (puratan_selection_get_n_items (self->selection) == 0)
    return;
  /* Until item bounds are computed, the page stands in for the selection's box. */
  puratan_canvas_zoom_to_fit (self);
}
