/* puratan-store-health.h: what the server's probes and metrics ask the store
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

gboolean puratan_database_check_ready (PuratanDatabase *self, GError **error);

GPtrArray *puratan_order_count_by_status (PuratanDatabase *database, GError **error);

/**
 * PuratanStatusCount:
 * @status: an order status
 * @count: how many orders have it
 */
typedef struct
{
  char *status;
  gint64 count;
} PuratanStatusCount;

void puratan_status_count_free (PuratanStatusCount *count);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanStatusCount, puratan_status_count_free)

G_END_DECLS
