/* puratan-serial-store.h: the studio's keyring, one call at a time
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-sync.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_SERIAL_STORE (puratan_serial_store_get_type ())

G_DECLARE_FINAL_TYPE (PuratanSerialStore, puratan_serial_store, PURATAN, SERIAL_STORE, GObject)

PuratanSyncCredentialStore *puratan_serial_store_new (PuratanSyncCredentialStore *inner);

G_END_DECLS
