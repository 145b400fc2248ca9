/* puratan-design-view.c: the Design view: job layout on a canvas with soft proofing
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-design-view.h"

struct _PuratanDesignView
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (PuratanDesignView, puratan_design_view, ADW_TYPE_BIN)

static void
puratan_design_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_DESIGN_VIEW);

  G_OBJECT_CLASS (puratan_design_view_parent_class)->dispose (object);
}

static void
puratan_design_view_class_init (PuratanDesignViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_design_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-design-view.ui");
}

static void
puratan_design_view_init (PuratanDesignView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * puratan_design_view_new:
 *
 * Creates the Design view. It shows an empty state that tells the user
 * what the view is for until there is work to show.
 *
 * Returns: (transfer floating): a new #PuratanDesignView
 */
GtkWidget *
puratan_design_view_new (void)
{
  return g_object_new (PURATAN_TYPE_DESIGN_VIEW, NULL);
}
