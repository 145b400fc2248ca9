/* puratan-sync-private.h: the sync state's helpers shared inside the store
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

gboolean puratan_sync_log_insert (PuratanDatabase *database,
                                  const char *direction,
                                  const char *entity,
                                  const char *entity_id,
                                  guint status,
                                  const char *detail,
                                  GError **error);

gboolean puratan_sync_link_put (PuratanDatabase *database,
                                const char *entity,
                                const char *local_id,
                                const char *server_id,
                                gint64 server_version,
                                const char *data,
                                GError **error);

gboolean puratan_sync_apply_order_record (PuratanDatabase *database,
                                          JsonObject *order,
                                          gboolean force,
                                          GError **error);

G_END_DECLS
