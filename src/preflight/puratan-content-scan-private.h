/* puratan-content-scan-private.h: reading one page's content streams
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <qpdf/qpdf-c.h>

#include "puratan-pdf-facts-private.h"

G_BEGIN_DECLS

/* Typed reads that never ask qpdf for the wrong type (qpdf would log a warning). */
static inline int
puratan_oh_int (qpdf_data q, qpdf_oh oh, int fallback)
{
  return qpdf_oh_is_integer (q, oh) ? qpdf_oh_get_int_value_as_int (q, oh) : fallback;
}

static inline double
puratan_oh_number (qpdf_data q, qpdf_oh oh, double fallback)
{
  return qpdf_oh_is_number (q, oh) ? qpdf_oh_get_numeric_value (q, oh) : fallback;
}

static inline gboolean
puratan_oh_bool (qpdf_data q, qpdf_oh oh, gboolean fallback)
{
  return qpdf_oh_is_bool (q, oh) ? qpdf_oh_get_bool_value (q, oh) : fallback;
}

void puratan_content_scan_page (qpdf_data qpdf,
                                qpdf_oh page,
                                const PuratanScanLimits *limits,
                                PuratanPageFacts *facts);

G_END_DECLS
