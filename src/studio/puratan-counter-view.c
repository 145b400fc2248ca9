/* puratan-counter-view.c: the Counter view: walk-in orders and payments
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-counter-view.h"

struct _PuratanCounterView
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (PuratanCounterView, puratan_counter_view, ADW_TYPE_BIN)

static void
puratan_counter_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_COUNTER_VIEW);

  G_OBJECT_CLASS (puratan_counter_view_parent_class)->dispose (object);
}

static void
puratan_counter_view_class_init (PuratanCounterViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_counter_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-counter-view.ui");
}

static void
puratan_counter_view_init (PuratanCounterView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * puratan_counter_view_new:
 *
 * Creates the Counter view. It shows an empty state that tells the user
 * what the view is for until there is work to show.
 *
 * Returns: (transfer floating): a new #PuratanCounterView
 */
GtkWidget *
puratan_counter_view_new (void)
{
  return g_object_new (PURATAN_TYPE_COUNTER_VIEW, NULL);
}
