/* puratan-shop.h: the shop's own details, kept in the shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-documents.h"

G_BEGIN_DECLS

/**
 * PuratanShopSettings:
 * @name: legal name
 * @address: postal address
 * @gstin: GSTIN
 * @phone: (nullable): phone number
 * @upi_vpa: (nullable): UPI address for payment QR codes
 * @state: (nullable): the two-digit GST code of the shop's state; it must agree with @gstin
 *
 * The shop's details as stored under the "shop.*" settings.
 */
typedef struct
{
  char *name;
  char *address;
  char *gstin;
  char *phone;
  char *upi_vpa;
  char *state;
} PuratanShopSettings;

PuratanShopSettings *puratan_shop_settings_load (PuratanDatabase *database, GError **error);

void puratan_shop_settings_load_async (PuratanDatabase *database,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);

PuratanShopSettings *puratan_shop_settings_load_finish (GAsyncResult *result, GError **error);

gboolean puratan_shop_settings_save (PuratanDatabase *database,
                                     const PuratanShopSettings *settings,
                                     GError **error);

void puratan_shop_settings_free (PuratanShopSettings *settings);

PuratanSeller puratan_shop_settings_as_shop (const PuratanShopSettings *settings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanShopSettings, puratan_shop_settings_free)

G_END_DECLS
