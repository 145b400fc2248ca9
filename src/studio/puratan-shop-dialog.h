/* puratan-shop-dialog.h: the shop's own details, asked on first start and edited from Admin
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-orders.h"
#include "puratan-store.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_SHOP_DIALOG (puratan_shop_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PuratanShopDialog, puratan_shop_dialog, PURATAN, SHOP_DIALOG, AdwWindow)

PuratanShopDialog *puratan_shop_dialog_new (GtkWindow *parent,
                                            PuratanDatabase *database,
                                            const PuratanShopSettings *shop,
                                            gboolean first_run);

G_END_DECLS
