/* puratan-orders-view.c: the Orders view: the board of every order in the shop
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-orders-view.h"

struct _PuratanOrdersView
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (PuratanOrdersView, puratan_orders_view, ADW_TYPE_BIN)

static void
puratan_orders_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_ORDERS_VIEW);

  G_OBJECT_CLASS (puratan_orders_view_parent_class)->dispose (object);
}

static void
puratan_orders_view_class_init (PuratanOrdersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_orders_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-orders-view.ui");
}

static void
puratan_orders_view_init (PuratanOrdersView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * puratan_orders_view_new:
 *
 * Creates the Orders view. It shows an empty state that tells the user
 * what the view is for until there is work to show.
 *
 * Returns: (transfer floating): a new #PuratanOrdersView
 */
GtkWidget *
puratan_orders_view_new (void)
{
  return g_object_new (PURATAN_TYPE_ORDERS_VIEW, NULL);
}
