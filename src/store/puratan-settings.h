/* puratan-settings.h: shop-wide settings kept in the shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

char *puratan_settings_get (PuratanDatabase *database, const char *key, GError **error);

gboolean puratan_settings_set (PuratanDatabase *database,
                               const char *key,
                               const char *value,
                               GError **error);

G_END_DECLS
