/* puratan-canvas-view.c: the Design view's canvas with its rulers
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-canvas-private.h"

struct _PuratanCanvasView
{
  GtkWidget parent_instance;

  GtkLabel *corner;
  PuratanCanvasRuler *hruler;
  PuratanCanvasRuler *vruler;
  PuratanCanvas *canvas;
};

G_DEFINE_FINAL_TYPE (PuratanCanvasView, puratan_canvas_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
unit_changed_cb (PuratanCanvasView *self)
{
  PuratanUnit unit = puratan_canvas_get_unit (self->canvas);

  gtk_label_set_label (self->corner, puratan_unit_get_symbol (unit));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->corner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  puratan_unit_get_name (unit), -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

static void
puratan_canvas_view_dispose (GObject *object)
{
  PuratanCanvasView *self = PURATAN_CANVAS_VIEW (object);

  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURATAN_TYPE_CANVAS_VIEW);
  G_OBJECT_CLASS (puratan_canvas_view_parent_class)->dispose (object);
}

static void
puratan_canvas_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PuratanCanvasView *self = PURATAN_CANVAS_VIEW (object);

  switch (prop_id)
    {
      case PROP_UNIT:
        g_value_set_enum (value, puratan_canvas_get_unit (self->canvas));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_canvas_view_set_property (GObject *object,
                                  guint prop_id,
                                  const GValue *value,
                                  GParamSpec *pspec)
{
  PuratanCanvasView *self = PURATAN_CANVAS_VIEW (object);

  switch (prop_id)
    {
      case PROP_UNIT:
        puratan_canvas_set_unit (self->canvas, g_value_get_enum (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_canvas_view_class_init (PuratanCanvasViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_canvas_view_dispose;
  object_class->get_property = puratan_canvas_view_get_property;
  object_class->set_property = puratan_canvas_view_set_property;

  /* The rulers' unit; the same as the canvas's. */
  properties[PROP_UNIT] =
      g_param_spec_enum ("unit", NULL, NULL, PURATAN_TYPE_UNIT, PURATAN_UNIT_MM,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PURATAN_TYPE_CANVAS);
  g_type_ensure (PURATAN_TYPE_CANVAS_RULER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-canvas-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanCanvasView, corner);
  gtk_widget_class_bind_template_child (widget_class, PuratanCanvasView, hruler);
  gtk_widget_class_bind_template_child (widget_class, PuratanCanvasView, vruler);
  gtk_widget_class_bind_template_child (widget_class, PuratanCanvasView, canvas);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "canvasview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
puratan_canvas_view_init (PuratanCanvasView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Page with rulers"), -1);
  puratan_canvas_ruler_set_canvas (self->hruler, self->canvas);
  puratan_canvas_ruler_set_canvas (self->vruler, self->canvas);
  g_signal_connect_swapped (self->canvas, "notify::unit", G_CALLBACK (unit_changed_cb), self);
  unit_changed_cb (self);
}

/**
 * puratan_canvas_view_new:
 *
 * Returns: (transfer floating): a canvas with rulers in mm
 */
GtkWidget *
puratan_canvas_view_new (void)
{
  return g_object_new (PURATAN_TYPE_CANVAS_VIEW, NULL);
}

/**
 * puratan_canvas_view_get_canvas:
 * @self: a #PuratanCanvasView
 *
 * Returns: (transfer none): the canvas inside the view
 */
PuratanCanvas *
puratan_canvas_view_get_canvas (PuratanCanvasView *self)
{
  g_return_val_if_fail (PURATAN_IS_CANVAS_VIEW (self), NULL);
  return self->canvas;
}
