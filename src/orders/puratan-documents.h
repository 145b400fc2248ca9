/* puratan-documents.h: tax invoices, receipts and job tickets as PDF
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-store.h"

G_BEGIN_DECLS

/**
 * PuratanSeller:
 * @name: the shop's legal name
 * @address: postal address, may span lines
 * @gstin: the shop's GSTIN
 * @phone: (nullable): phone number for the header
 *
 * The seller on invoices and receipts. The shop's state (the first two digits of @gstin)
 * decides whether GST is split into CGST and SGST or charged as IGST.
 */
typedef struct
{
  const char *name;
  const char *address;
  const char *gstin;
  const char *phone;
} PuratanSeller;

/**
 * PuratanInvoiceKind:
 * @PURATAN_INVOICE_TAX_INVOICE: a GST tax invoice
 * @PURATAN_INVOICE_RECEIPT: a receipt for what was paid, with the same tax detail
 */
typedef enum
{
  PURATAN_INVOICE_TAX_INVOICE,
  PURATAN_INVOICE_RECEIPT,
} PuratanInvoiceKind;

const char *puratan_gst_state_name (const char *state_code);

void puratan_order_tax_split (
    gint64 tax_paise, gboolean intra_state, gint64 *cgst, gint64 *sgst, gint64 *igst);

gboolean puratan_invoice_write_pdf (const PuratanSeller *shop,
                                    PuratanInvoiceKind kind,
                                    const PuratanOrder *order,
                                    const PuratanCustomer *customer,
                                    GPtrArray *payments,
                                    const char *path,
                                    GError **error);

gboolean puratan_job_ticket_write_pdf (const PuratanSeller *shop,
                                       const PuratanOrder *order,
                                       const PuratanCustomer *customer,
                                       const char *thumbnail_png,
                                       const char *path,
                                       GError **error);

G_END_DECLS
