/* puratan-payments.h: taking payments at the counter
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-store.h"
#include "puratan-workflow.h"

G_BEGIN_DECLS

gboolean puratan_cash_apply (gint64 balance_due_paise,
                             gint64 tendered_paise,
                             gint64 *out_applied_paise,
                             gint64 *out_change_paise,
                             GError **error);

PuratanPayment *puratan_payments_take (PuratanDatabase *database,
                                       const PuratanPayment *attempt,
                                       PuratanRole role,
                                       gboolean *out_duplicate,
                                       GError **error);

void puratan_payments_take_async (PuratanDatabase *database,
                                  const PuratanPayment *attempt,
                                  PuratanRole role,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);

PuratanPayment *puratan_payments_take_finish (GAsyncResult *result, GError **error);

PuratanPayment *puratan_payments_refund (PuratanDatabase *database,
                                         const PuratanPayment *attempt,
                                         PuratanRole role,
                                         const char *reason,
                                         GError **error);

char *puratan_upi_uri (const char *payee_vpa,
                       const char *payee_name,
                       gint64 amount_paise,
                       const char *note,
                       GError **error);

G_END_DECLS
