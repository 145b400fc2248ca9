/* puratan-sync-error.c: the sync layer's error domain
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-sync-error.h"

G_DEFINE_QUARK (puratan - sync - error - quark, puratan_sync_error)
