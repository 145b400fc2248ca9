/* puratan-order.h: orders and their frozen lines
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanOrderLine:
 * @position: 1, 2, 3… within the order; set when the line is added
 * @product: the product's name as quoted ("Visiting cards, 350 gsm matt")
 * @description: specs, stock and finishing as quoted
 * @hsn_sac: HSN or SAC code for the tax invoice (4 to 8 digits)
 * @quantity: pieces, at least 1
 * @unit_price_paise: price of one piece before tax
 * @line_total_paise: the line's price before tax (may differ from unit × quantity by the
 *   quote's rounding and fixed costs)
 * @tax_rate_bp: GST rate in basis points (1800 = 18 %)
 * @tax_paise: GST on the line, rounded by the quote
 * @snapshot: the full quote the line was made from, a JSON object
 *
 * One line of an order: a frozen copy of a quote. Lines can only change while the order is
 * a draft; the database refuses any change after that.
 */
typedef struct
{
  gint64 position;
  char *product;
  char *description;
  char *hsn_sac;
  gint64 quantity;
  gint64 unit_price_paise;
  gint64 line_total_paise;
  gint64 tax_rate_bp;
  gint64 tax_paise;
  char *snapshot;
} PuratanOrderLine;

/**
 * PuratanOrder:
 * @id: UUID
 * @number: the shop's order number, shown as ORDER-000042
 * @customer_id: who ordered
 * @status: workflow state name ("draft", "placed", …)
 * @resume_status: (nullable): the state to return to, only while "on_hold"
 * @delivery: (nullable): "picked_up" or "shipped" once delivered
 * @credit_approved: whether production may start before the order is paid
 * @due_date: (nullable): YYYY-MM-DD
 * @notes: free text, may be empty
 * @currency: "INR"
 * @subtotal_paise: sum of the lines before tax
 * @tax_paise: sum of the lines' tax
 * @total_paise: subtotal and tax
 * @paid_paise: payments less refunds
 * @version: record version for optimistic concurrency
 * @created_at: UTC, ISO 8601
 * @updated_at: UTC, ISO 8601
 * @lines: (element-type PuratanOrderLine): the lines, by position
 */
typedef struct
{
  char *id;
  gint64 number;
  char *customer_id;
  char *status;
  char *resume_status;
  char *delivery;
  gboolean credit_approved;
  char *due_date;
  char *notes;
  char *currency;
  gint64 subtotal_paise;
  gint64 tax_paise;
  gint64 total_paise;
  gint64 paid_paise;
  gint64 version;
  char *created_at;
  char *updated_at;
  GPtrArray *lines;
} PuratanOrder;

PuratanOrderLine *puratan_order_line_new (const char *product,
                                          const char *hsn_sac,
                                          gint64 quantity,
                                          gint64 unit_price_paise,
                                          gint64 line_total_paise,
                                          gint64 tax_rate_bp,
                                          gint64 tax_paise,
                                          const char *snapshot);

void puratan_order_line_free (PuratanOrderLine *line);

void puratan_order_free (PuratanOrder *order);

char *puratan_order_format_number (gint64 number);

PuratanOrder *puratan_order_create (PuratanDatabase *database,
                                    const char *customer_id,
                                    const char *due_date,
                                    const char *notes,
                                    GError **error);

gboolean puratan_order_add_line (PuratanDatabase *database,
                                 PuratanOrder *order,
                                 PuratanOrderLine *line,
                                 GError **error);

PuratanOrder *puratan_order_get (PuratanDatabase *database, const char *id, GError **error);

void puratan_order_get_async (PuratanDatabase *database,
                              const char *id,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);

PuratanOrder *puratan_order_get_finish (GAsyncResult *result, GError **error);

PuratanOrder *
puratan_order_get_by_number (PuratanDatabase *database, gint64 number, GError **error);

GPtrArray *puratan_order_list (PuratanDatabase *database,
                               const char *status,
                               const char *customer_id,
                               const char *due_on_or_before,
                               guint limit,
                               GError **error);

gboolean puratan_order_save_state (PuratanDatabase *database,
                                   PuratanOrder *order,
                                   const char *status,
                                   const char *resume_status,
                                   const char *delivery,
                                   gboolean credit_approved,
                                   GError **error);

GPtrArray *puratan_order_list_page (PuratanDatabase *database,
                                    const char *status,
                                    const char *customer_id,
                                    const char *due_on_or_before,
                                    gint64 before_number,
                                    guint limit,
                                    GError **error);

gboolean puratan_order_save_details (PuratanDatabase *database,
                                     PuratanOrder *order,
                                     const char *due_date,
                                     const char *notes,
                                     GError **error);

char *
puratan_account_customer_get (PuratanDatabase *database, const char *account_id, GError **error);

char *puratan_account_customer_ensure (PuratanDatabase *database,
                                       const char *account_id,
                                       const char *name,
                                       const char *email,
                                       GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanOrderLine, puratan_order_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanOrder, puratan_order_free)

G_END_DECLS
