/* puratan-pdf.h: the print PDF writer (PDF/X-4 and PDF/X-1a)
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-doc.h"

G_BEGIN_DECLS

/**
 * PuratanPdfStandard:
 * @PURATAN_PDF_X4: PDF/X-4 (PDF 1.6): live transparency, ICC-tagged RGB allowed
 * @PURATAN_PDF_X1A: PDF/X-1a:2001 (PDF 1.3): CMYK, gray and spot only, no transparency
 */
typedef enum
{
  PURATAN_PDF_X4,
  PURATAN_PDF_X1A,
} PuratanPdfStandard;

/**
 * PuratanPdfOptions:
 * @standard: the PDF/X flavour
 * @marks: add crop and registration marks, a colour bar and a job slug outside the bleed
 * @press: (nullable): press condition id or name ("fogra39-coated") or a CMYK profile path;
 *   %NULL for the shop's default press condition
 * @date: (nullable): creation date to write; %NULL for now. A fixed date makes the output
 *   byte-for-byte reproducible.
 */
typedef struct
{
  PuratanPdfStandard standard;
  gboolean marks;
  const char *press;
  GDateTime *date;
} PuratanPdfOptions;

void puratan_pdf_options_init (PuratanPdfOptions *options);

/**
 * PuratanPdfProgressFunc:
 * @fraction: the part of the export done, from 0 to 1; it never decreases, and reaches 1
 *   only when the export succeeded
 * @user_data: the data given with the function
 *
 * Told how far an export has come: after each page, after each embedded font, and at the end.
 */
typedef void (*PuratanPdfProgressFunc) (double fraction, gpointer user_data);

GBytes *
puratan_pdf_export (PuratanDocument *document, const PuratanPdfOptions *options, GError **error);
GBytes *puratan_pdf_export_full (PuratanDocument *document,
                                 const PuratanPdfOptions *options,
                                 GCancellable *cancellable,
                                 PuratanPdfProgressFunc progress,
                                 gpointer progress_data,
                                 GError **error);
void puratan_pdf_export_async (PuratanDocument *document,
                               const PuratanPdfOptions *options,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
GBytes *puratan_pdf_export_finish (GAsyncResult *result, GError **error);
gboolean puratan_pdf_export_to_file (PuratanDocument *document,
                                     const PuratanPdfOptions *options,
                                     const char *path,
                                     GError **error);
gboolean puratan_pdf_export_to_file_full (PuratanDocument *document,
                                          const PuratanPdfOptions *options,
                                          const char *path,
                                          GCancellable *cancellable,
                                          PuratanPdfProgressFunc progress,
                                          gpointer progress_data,
                                          GError **error);
void puratan_pdf_export_to_file_async (PuratanDocument *document,
                                       const PuratanPdfOptions *options,
                                       GFile *file,
                                       GCancellable *cancellable,
                                       PuratanPdfProgressFunc progress,
                                       gpointer progress_data,
                                       GDestroyNotify progress_notify,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean puratan_pdf_export_to_file_finish (GAsyncResult *result, GError **error);

G_END_DECLS
