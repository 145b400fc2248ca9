/* puratan-preflight.h: checking a PDF before it is printed (umbrella header)
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "puratan-preflight-error.h"
#include "puratan-preflight-profile.h"
#include "puratan-preflight-report.h"

G_BEGIN_DECLS

PuratanPreflightReport *puratan_preflight_run (const char *path,
                                               PuratanPreflightProfile *profile,
                                               GCancellable *cancellable,
                                               GError **error);

void puratan_preflight_run_async (const char *path,
                                  PuratanPreflightProfile *profile,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);

PuratanPreflightReport *puratan_preflight_run_finish (GAsyncResult *result, GError **error);

gboolean puratan_preflight_annotate (PuratanPreflightReport *report,
                                     const char *path,
                                     const char *directory,
                                     GError **error);

gboolean puratan_preflight_annotate_page (PuratanPreflightReport *report,
                                          const char *path,
                                          guint page,
                                          const char *png_path,
                                          GError **error);

gboolean puratan_preflight_annotate_finding (PuratanPreflightReport *report,
                                             const char *path,
                                             guint index,
                                             const char *png_path,
                                             GError **error);

gboolean puratan_preflight_report_write_pdf (PuratanPreflightReport *report,
                                             const char *path,
                                             const char *pdf_path,
                                             GError **error);

void puratan_preflight_warm_up (void);

G_END_DECLS
