/* puratan-customer.h: the shop's customers
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanCustomer:
 * @id: UUID, set by puratan_customer_insert()
 * @name: the person's or business's name
 * @phone: (nullable): phone number as typed
 * @email: (nullable): email address
 * @gstin: (nullable): GST identification number, for tax invoices to businesses
 * @state_code: (nullable): two-digit GST state code, which decides the place of supply
 * @store_credit_paise: unspent store credit; changed only through payments
 * @version: record version for optimistic concurrency, from 1
 * @created_at: UTC, ISO 8601
 * @updated_at: UTC, ISO 8601
 */
typedef struct
{
  char *id;
  char *name;
  char *phone;
  char *email;
  char *gstin;
  char *state_code;
  gint64 store_credit_paise;
  gint64 version;
  char *created_at;
  char *updated_at;
} PuratanCustomer;

PuratanCustomer *puratan_customer_new (const char *name);

PuratanCustomer *puratan_customer_copy (const PuratanCustomer *customer);

void puratan_customer_free (PuratanCustomer *customer);

gboolean
puratan_customer_insert (PuratanDatabase *database, PuratanCustomer *customer, GError **error);

gboolean
puratan_customer_update (PuratanDatabase *database, PuratanCustomer *customer, GError **error);

PuratanCustomer *puratan_customer_get (PuratanDatabase *database, const char *id, GError **error);

GPtrArray *
puratan_customer_search (PuratanDatabase *database, const char *text, guint limit, GError **error);

void puratan_customer_search_async (PuratanDatabase *database,
                                    const char *text,
                                    guint limit,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);

GPtrArray *puratan_customer_search_finish (GAsyncResult *result, GError **error);

void puratan_customer_get_async (PuratanDatabase *database,
                                 const char *id,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);

PuratanCustomer *puratan_customer_get_finish (GAsyncResult *result, GError **error);

void puratan_customer_insert_async (PuratanDatabase *database,
                                    const PuratanCustomer *customer,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);

PuratanCustomer *puratan_customer_insert_finish (GAsyncResult *result, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanCustomer, puratan_customer_free)

G_END_DECLS
