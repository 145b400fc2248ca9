/* puratan-preflight-checks-private.h: turning facts into findings
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-pdf-facts-private.h"
#include "puratan-preflight-report-private.h"

G_BEGIN_DECLS

void puratan_preflight_scan_limits (PuratanPreflightProfile *profile, PuratanScanLimits *limits);
void puratan_preflight_check_document (PuratanPreflightReport *report,
                                       PuratanPreflightProfile *profile,
                                       const PuratanDocFacts *doc);
void puratan_preflight_check_document_damage (PuratanPreflightReport *report,
                                              PuratanPreflightProfile *profile,
                                              const PuratanDocFacts *doc);
void puratan_preflight_check_page (PuratanPreflightReport *report,
                                   PuratanPreflightProfile *profile,
                                   const PuratanPageFacts *page);
void puratan_preflight_check_spots (PuratanPreflightReport *report,
                                    PuratanPreflightProfile *profile,
                                    GPtrArray *names,
                                    GArray *first_pages);
void puratan_preflight_check_ink (PuratanPreflightReport *report,
                                  PuratanPreflightProfile *profile,
                                  const PuratanPreflightPageInk *ink);

G_END_DECLS
