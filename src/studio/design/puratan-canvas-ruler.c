/* puratan-canvas-ruler.c: a ruler along the canvas, in the canvas's unit
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Zero is the trim box's top-left corner. Ticks are spaced so that labelled ones are at
 * least 50 pixels apart at any zoom, on steps of 1, 2 or 5 (halves for inches).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "puratan-canvas-private.h"

#define RULER_SIZE  20
#define MIN_STEP_PX 50.0

struct _PuratanCanvasRuler
{
  GtkWidget parent_instance;

  GtkOrientation orientation;
  PuratanCanvas *canvas; /* weak */
};

G_DEFINE_FINAL_TYPE (PuratanCanvasRuler, puratan_canvas_ruler, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ORIENTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_label (PuratanCanvasRuler *self);

static const char *
unit_name (PuratanUnit unit, GtkOrientation orientation)
{
  gboolean h = orientation == GTK_ORIENTATION_HORIZONTAL;

  switch (unit)
    {
      case PURATAN_UNIT_INCH:
        return h ? _ ("Horizontal ruler in inches") : _ ("Vertical ruler in inches");
      case PURATAN_UNIT_POINT:
        return h ? _ ("Horizontal ruler in points") : _ ("Vertical ruler in points");
      case PURATAN_UNIT_MM:
      default:
        return h ? _ ("Horizontal ruler in millimetres") : _ ("Vertical ruler in millimetres");
    }
}

/* The smallest step of 1, 2 or 5 × 10^n units that is at least @min_units long. */
static double
nice_step (double min_units)
{
  double base = pow (10, floor (log10 (min_units)));

  if (base >= min_units)
    return base;
  if (2 * base >= min_units)
    return 2 * base;
  if (5 * base >= min_units)
    return 5 * base;
  return 10 * base;
}

static void
puratan_canvas_ruler_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  PuratanCanvasRuler *self = PURATAN_CANVAS_RULER (widget);
  gboolean horizontal = self->orientation == GTK_ORIENTATION_HORIZONTAL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  int length = horizontal ? w : h;
  PuratanUnit unit;
  double s, origin, unit_px, step, first, ox, oy;
  g_autoptr (PangoLayout) layout = NULL;
  cairo_t *cr;

  gtk_snapshot_append_color (snapshot, &(GdkRGBA){ 0.96, 0.96, 0.96, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, (float) w, (float) h));
  if (self->canvas == NULL || puratan_canvas_current_page (self->canvas) == NULL)
    return;
  unit = puratan_canvas_get_unit (self->canvas);
  s = puratan_canvas_scale (self->canvas);
  puratan_canvas_page_origin (self->canvas, &ox, &oy);
  origin = horizontal ? ox : oy;
  unit_px = puratan_unit_to_points (unit, 1.0) * s; /* pixels per unit */
  step = nice_step (MIN_STEP_PX / unit_px);
  first = floor ((-origin / unit_px) / step) * step;
  layout = gtk_widget_create_pango_layout (widget, NULL);
  {
    PangoFontDescription *font = pango_font_description_from_string ("Sans 7");
    pango_layout_set_font_description (layout, font);
    pango_font_description_free (font);
  }
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, (float) w, (float) h));
  cairo_set_source_rgba (cr, 0.25, 0.25, 0.25, 1);
  cairo_set_line_width (cr, 1);
  for (double v = first; origin + v * unit_px <= length; v += step)
    {
      double p = round (origin + v * unit_px) + 0.5;
      g_autofree char *label = NULL;

      for (int k = 1; k < 10; k++)
        {
          double q = round (origin + (v + step * k / 10) * unit_px) + 0.5;
          double tick = k == 5 ? RULER_SIZE * 0.4 : RULER_SIZE * 0.2;
          if (horizontal)
            {
              cairo_move_to (cr, q, h);
              cairo_line_to (cr, q, h - tick);
            }
          else
            {
              cairo_move_to (cr, w, q);
              cairo_line_to (cr, w - tick, q);
            }
        }
      if (horizontal)
        {
          cairo_move_to (cr, p, 0);
          cairo_line_to (cr, p, h);
        }
      else
        {
          cairo_move_to (cr, 0, p);
          cairo_line_to (cr, w, p);
        }
      cairo_stroke (cr);
      label = g_strdup_printf ("%g", fabs (v) < step / 1000 ? 0.0 : v);
      pango_layout_set_text (layout, label, -1);
      cairo_save (cr);
      if (horizontal)
        cairo_move_to (cr, p + 2, 0);
      else
        {
          cairo_move_to (cr, 0, p + 2);
          cairo_rotate (cr, G_PI / 2);
          cairo_rel_move_to (cr, 0, -w + 2);
        }
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
puratan_canvas_ruler_measure (GtkWidget *widget,
                              GtkOrientation orientation,
                              int for_size,
                              int *minimum,
                              int *natural,
                              int *minimum_baseline,
                              int *natural_baseline)
{
  PuratanCanvasRuler *self = PURATAN_CANVAS_RULER (widget);

  (void) for_size;
  *minimum = *natural = orientation == self->orientation ? 0 : RULER_SIZE;
  *minimum_baseline = *natural_baseline = -1;
}

static void
puratan_canvas_ruler_dispose (GObject *object)
{
  puratan_canvas_ruler_set_canvas (PURATAN_CANVAS_RULER (object), NULL);
  G_OBJECT_CLASS (puratan_canvas_ruler_parent_class)->dispose (object);
}

static void
puratan_canvas_ruler_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PuratanCanvasRuler *self = PURATAN_CANVAS_RULER (object);

  switch (prop_id)
    {
      case PROP_ORIENTATION:
        g_value_set_enum (value, self->orientation);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_canvas_ruler_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  PuratanCanvasRuler *self = PURATAN_CANVAS_RULER (object);

  switch (prop_id)
    {
      case PROP_ORIENTATION:
        self->orientation = g_value_get_enum (value);
        gtk_widget_set_hexpand (GTK_WIDGET (self), self->orientation == GTK_ORIENTATION_HORIZONTAL);
        gtk_widget_set_vexpand (GTK_WIDGET (self), self->orientation == GTK_ORIENTATION_VERTICAL);
        update_label (self);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_canvas_ruler_class_init (PuratanCanvasRulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_canvas_ruler_dispose;
  object_class->get_property = puratan_canvas_ruler_get_property;
  object_class->set_property = puratan_canvas_ruler_set_property;
  properties[PROP_ORIENTATION] = g_param_spec_enum (
      "orientation", NULL, NULL, GTK_TYPE_ORIENTATION, GTK_ORIENTATION_HORIZONTAL,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->snapshot = puratan_canvas_ruler_snapshot;
  widget_class->measure = puratan_canvas_ruler_measure;
  gtk_widget_class_set_css_name (widget_class, "ruler");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
puratan_canvas_ruler_init (PuratanCanvasRuler *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

static void
update_label (PuratanCanvasRuler *self)
{
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
      unit_name (self->canvas != NULL ? puratan_canvas_get_unit (self->canvas) : PURATAN_UNIT_MM,
                 self->orientation),
      -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GtkWidget *
puratan_canvas_ruler_new (GtkOrientation orientation)
{
  return g_object_new (PURATAN_TYPE_CANVAS_RULER, "orientation", orientation, NULL);
}

/* Follows @canvas's view and unit (held weakly). */
void
puratan_canvas_ruler_set_canvas (PuratanCanvasRuler *self, PuratanCanvas *canvas)
{
  if (self->canvas == canvas)
    return;
  if (self->canvas != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->canvas, self);
      g_object_remove_weak_pointer (G_OBJECT (self->canvas), (gpointer *) &self->canvas);
    }
  self->canvas = canvas;
  if (canvas != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (canvas), (gpointer *) &self->canvas);
      g_signal_connect_swapped (canvas, "view-changed", G_CALLBACK (gtk_widget_queue_draw), self);
      g_signal_connect_swapped (canvas, "notify::unit", G_CALLBACK (update_label), self);
      g_signal_connect_swapped (canvas, "notify::selection", G_CALLBACK (gtk_widget_queue_draw),
                                self);
    }
  update_label (self);
}
