/* puratan-preflight-poppler-private.h: the Poppler side of preflight
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "puratan-preflight-report.h"

G_BEGIN_DECLS

/* A Poppler document and the lock that serialises every Poppler call on it. */
typedef struct _PuratanPopplerDoc PuratanPopplerDoc;

PuratanPopplerDoc *puratan_poppler_doc_open (const char *path, GError **error);
gboolean puratan_poppler_doc_annotate_page (PuratanPopplerDoc *doc,
                                            guint page,
                                            GPtrArray *findings,
                                            const PuratanPreflightFinding *selected,
                                            const char *png_path,
                                            GError **error);
cairo_surface_t *puratan_poppler_doc_annotate_surface (PuratanPopplerDoc *doc,
                                                       guint page,
                                                       GPtrArray *findings,
                                                       const PuratanPreflightFinding *selected,
                                                       GError **error);
guint puratan_poppler_doc_get_n_pages (PuratanPopplerDoc *doc);
cairo_surface_t *puratan_poppler_doc_render (
    PuratanPopplerDoc *doc, guint page, double ppi, double crop[4], GError **error);
void puratan_poppler_doc_free (PuratanPopplerDoc *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanPopplerDoc, puratan_poppler_doc_free)

G_END_DECLS
