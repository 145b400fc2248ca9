/* puratan-shop-dialog-private.h: the shop details dialog's state, for its tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-pricing.h"
#include "puratan-shop-dialog.h"

G_BEGIN_DECLS

struct _PuratanShopDialog
{
  AdwWindow parent_instance;

  PuratanDatabase *database;
  gboolean saving;

  AdwPreferencesGroup *details_group;
  AdwEntryRow *name_row;
  AdwEntryRow *address_row;
  AdwEntryRow *gstin_row;
  AdwComboRow *state_row;
  AdwEntryRow *phone_row;
  AdwEntryRow *upi_row;
  GtkLabel *error_label;
  GtkButton *save_button;
  GtkButton *cancel_button;
};

G_END_DECLS
