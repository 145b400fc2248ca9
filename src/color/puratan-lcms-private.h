/* puratan-lcms-private.h: Little CMS contexts whose errors become GErrors
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <lcms2.h>

G_BEGIN_DECLS

/* A Little CMS context whose error handler stores the last message instead of printing it.
 * Use one per thread of work; objects opened in it report their failures to it. */
typedef struct _PuratanLcms PuratanLcms;

PuratanLcms *puratan_lcms_new (void);
void puratan_lcms_free (PuratanLcms *self);
cmsContext puratan_lcms_context (PuratanLcms *self);
/* Returns the last message Little CMS reported and forgets it; NULL if there was none. */
char *puratan_lcms_take_message (PuratanLcms *self);
/* Sets @error from @code, @prefix and the last Little CMS message, if any. */
void puratan_lcms_set_error (PuratanLcms *self, GError **error, int code, const char *prefix);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanLcms, puratan_lcms_free)

G_END_DECLS
