/* puratan-orders-view-private.h: what the Orders view reads and writes on workers
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-core.h"
#include "puratan-orders.h"

G_BEGIN_DECLS

/* The board as read on a worker. */
typedef struct
{
  gboolean empty;    /* the shop has no orders at all */
  GPtrArray *orders; /* (element-type PuratanOrder) those the filters match */
  GPtrArray *names;  /* (element-type utf8) each order's customer, "?" when unknown */
} OrdersBoard;

void orders_board_free (OrdersBoard *board);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrdersBoard, orders_board_free)

void puratan_orders_view_load_board_async (PuratanDatabase *database,
                                           const char *status,
                                           const char *due,
                                           const char *customer,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data);
OrdersBoard *puratan_orders_view_load_board_finish (GAsyncResult *result, GError **error);

/* One order as read on a worker, with all the detail pane shows. */
typedef struct
{
  PuratanOrder *order;
  GPtrArray *payments; /* (element-type PuratanPayment) (nullable) */
  GPtrArray *files;    /* (element-type PuratanOrderFile) (nullable) */
  GPtrArray *history;  /* (element-type PuratanAuditEntry) (nullable) */
  gboolean has_facts;
  PuratanWorkflowFacts facts;
} OrdersDetail;

void orders_detail_free (OrdersDetail *detail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrdersDetail, orders_detail_free)

void puratan_orders_view_load_detail_async (PuratanDatabase *database,
                                            const char *order_id,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data);
OrdersDetail *puratan_orders_view_load_detail_finish (GAsyncResult *result, GError **error);

G_END_DECLS
