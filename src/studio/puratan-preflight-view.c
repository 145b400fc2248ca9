/* puratan-preflight-view.c: the Preflight view: checks of customer PDFs before they go to press
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-preflight-view.h"

struct _PuratanPreflightView
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (PuratanPreflightView, puratan_preflight_view, ADW_TYPE_BIN)

static void
puratan_preflight_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_PREFLIGHT_VIEW);

  G_OBJECT_CLASS (puratan_preflight_view_parent_class)->dispose (object);
}

static void
puratan_preflight_view_class_init (PuratanPreflightViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_preflight_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-preflight-view.ui");
}

static void
puratan_preflight_view_init (PuratanPreflightView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * puratan_preflight_view_new:
 *
 * Creates the Preflight view. It shows an empty state that tells the user
 * what the view is for until there is work to show.
 *
 * Returns: (transfer floating): a new #PuratanPreflightView
 */
GtkWidget *
puratan_preflight_view_new (void)
{
  return g_object_new (PURATAN_TYPE_PREFLIGHT_VIEW, NULL);
}
