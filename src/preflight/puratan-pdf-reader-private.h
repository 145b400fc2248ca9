/* puratan-pdf-reader-private.h: the PDF structure reader (qpdf)
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-pdf-facts-private.h"

G_BEGIN_DECLS

typedef struct _PuratanPdfReader PuratanPdfReader;

PuratanPdfReader *puratan_pdf_reader_open (const char *path, GError **error);
const PuratanDocFacts *puratan_pdf_reader_get_doc_facts (PuratanPdfReader *reader);
void puratan_pdf_reader_page_geometry (PuratanPdfReader *reader,
                                       guint number,
                                       PuratanRect *bleed,
                                       int *rotate);
PuratanPageFacts *puratan_pdf_reader_scan_page (PuratanPdfReader *reader,
                                                guint number,
                                                const PuratanScanLimits *limits);
void puratan_pdf_reader_free (PuratanPdfReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanPdfReader, puratan_pdf_reader_free)

G_END_DECLS
