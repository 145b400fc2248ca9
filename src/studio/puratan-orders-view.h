/* puratan-orders-view.h: the Orders view: the board of every order in the shop
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-auth.h"
#include "puratan-store.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_ORDERS_VIEW (puratan_orders_view_get_type ())

G_DECLARE_FINAL_TYPE (PuratanOrdersView, puratan_orders_view, PURATAN, ORDERS_VIEW, AdwBin)

GtkWidget *puratan_orders_view_new (void);

void puratan_orders_view_refresh (PuratanOrdersView *self);

void puratan_orders_view_select (PuratanOrdersView *self, const char *order_id);

const PuratanOrder *puratan_orders_view_get_selected (PuratanOrdersView *self);

void puratan_orders_view_attach_files (PuratanOrdersView *self, GListModel *files);
gboolean puratan_orders_view_is_busy (PuratanOrdersView *self);
void puratan_orders_view_set_role (PuratanOrdersView *self, gboolean has_role, PuratanRole role);

G_END_DECLS
