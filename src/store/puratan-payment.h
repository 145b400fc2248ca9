/* puratan-payment.h: payments and refunds against orders
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanPayment:
 * @id: UUID, set when recorded
 * @idempotency_key: chosen when the payment attempt is created; recording the same key again
 *   returns the stored payment instead of charging twice
 * @order_id: the order paid for
 * @kind: "payment" or "refund"
 * @method: "cash", "upi", "card" or "store_credit"
 * @amount_paise: the amount applied to the order, above zero
 * @tendered_paise: cash handed over (0 when not cash); change due is tendered less amount
 * @reference: (nullable): UPI transaction reference or card terminal slip number; required
 *   for UPI and card payments
 * @recorded_by: the user who took the payment
 * @business_date: the shop day it belongs to (YYYY-MM-DD), for the cash-up
 * @created_at: UTC, ISO 8601
 */
typedef struct
{
  char *id;
  char *idempotency_key;
  char *order_id;
  char *kind;
  char *method;
  gint64 amount_paise;
  gint64 tendered_paise;
  char *reference;
  char *recorded_by;
  char *business_date;
  char *created_at;
} PuratanPayment;

/**
 * PuratanCashUpLine:
 * @method: "cash", "upi", "card" or "store_credit"
 * @payments: number of payments
 * @payments_paise: their sum
 * @refunds: number of refunds
 * @refunds_paise: their sum
 * @net_paise: payments less refunds
 */
typedef struct
{
  char *method;
  gint64 payments;
  gint64 payments_paise;
  gint64 refunds;
  gint64 refunds_paise;
  gint64 net_paise;
} PuratanCashUpLine;

PuratanPayment *puratan_payment_new (const char *order_id,
                                     const char *kind,
                                     const char *method,
                                     gint64 amount_paise,
                                     const char *recorded_by,
                                     GError **error);

PuratanPayment *puratan_payment_copy (const PuratanPayment *payment);

void puratan_payment_free (PuratanPayment *payment);

void puratan_cash_up_line_free (PuratanCashUpLine *line);

PuratanPayment *puratan_payment_record (PuratanDatabase *database,
                                        const PuratanPayment *payment,
                                        gboolean *out_duplicate,
                                        GError **error);

GPtrArray *
puratan_payment_list_for_order (PuratanDatabase *database, const char *order_id, GError **error);

GPtrArray *
puratan_payment_cash_up (PuratanDatabase *database, const char *business_date, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanPayment, puratan_payment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanCashUpLine, puratan_cash_up_line_free)

G_END_DECLS
