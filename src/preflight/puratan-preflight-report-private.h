/* puratan-preflight-report-private.h: building a report
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-pdf-facts-private.h"
#include "puratan-preflight-report.h"

G_BEGIN_DECLS

PuratanPreflightReport *puratan_preflight_report_new (const char *file,
                                                      PuratanPreflightProfile *profile);
void puratan_preflight_report_add (PuratanPreflightReport *report,
                                   const char *check_id,
                                   PuratanPreflightSeverity severity,
                                   guint page,
                                   const PuratanRect *bbox,
                                   const char *format,
                                   ...) G_GNUC_PRINTF (6, 7);
void puratan_preflight_report_add_ink (PuratanPreflightReport *report,
                                       PuratanPreflightPageInk *ink);
void puratan_preflight_report_set_n_pages (PuratanPreflightReport *report, guint n_pages);
void puratan_preflight_report_set_incomplete (PuratanPreflightReport *report);
void puratan_preflight_report_finish (PuratanPreflightReport *report, double elapsed_seconds);
void puratan_preflight_page_ink_free (PuratanPreflightPageInk *ink);

G_END_DECLS
