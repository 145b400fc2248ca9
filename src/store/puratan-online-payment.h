/* puratan-online-payment.h: payments asked of an online provider
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanOnlinePayment:
 * @id: UUID
 * @idempotency_key: the key the provider was asked under (one intent per key)
 * @order_id: the order paid for
 * @provider: "stripe"
 * @intent_id: the provider's id of the payment ("pi_…")
 * @client_secret: (nullable): what the customer's browser confirms the payment with
 * @amount_paise: the amount asked for
 * @status: "pending" until the provider says it succeeded, then "paid"
 * @payment_id: (nullable): the recorded payment, once paid
 * @requested_by: the account that asked for it
 * @created_at: UTC, ISO 8601
 *
 * One payment taken through an online provider.
 */
typedef struct
{
  char *id;
  char *idempotency_key;
  char *order_id;
  char *provider;
  char *intent_id;
  char *client_secret;
  gint64 amount_paise;
  char *status;
  char *payment_id;
  char *requested_by;
  char *created_at;
} PuratanOnlinePayment;

void puratan_online_payment_free (PuratanOnlinePayment *payment);

PuratanOnlinePayment *puratan_online_payment_find (PuratanDatabase *database,
                                                   const char *column,
                                                   const char *value,
                                                   GError **error);
PuratanOnlinePayment *puratan_online_payment_insert (PuratanDatabase *database,
                                                     PuratanOnlinePayment *payment,
                                                     GError **error);
gboolean puratan_online_payment_mark_paid (PuratanDatabase *database,
                                           const char *intent_id,
                                           const char *payment_id,
                                           GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanOnlinePayment, puratan_online_payment_free)

G_END_DECLS
