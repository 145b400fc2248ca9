/* puratan-shop-catalog.h: the shop's shipped catalog, read on a worker for the studio's views
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "puratan-pricing.h"

G_BEGIN_DECLS

void puratan_shop_catalog_load_async (GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
PuratanCatalog *puratan_shop_catalog_load_finish (GAsyncResult *result, GError **error);

G_END_DECLS
