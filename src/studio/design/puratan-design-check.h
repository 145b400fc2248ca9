/* puratan-design-check.h: a design checked by preflight, as it would be printed
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "puratan-doc.h"
#include "puratan-preflight.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_DESIGN_CHECK (puratan_design_check_get_type ())

G_DECLARE_FINAL_TYPE (PuratanDesignCheck, puratan_design_check, PURATAN, DESIGN_CHECK, GObject)

PuratanDesignCheck *puratan_design_check_new (void);

void puratan_design_check_run_async (PuratanDesignCheck *self,
                                     PuratanDocument *document,
                                     const char *product_id,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
PuratanPreflightReport *puratan_design_check_run_finish (PuratanDesignCheck *self,
                                                         GAsyncResult *result,
                                                         PuratanDocument **checked,
                                                         GError **error);
void puratan_design_check_cancel (PuratanDesignCheck *self);
gboolean puratan_design_check_is_running (PuratanDesignCheck *self);

gboolean puratan_design_check_locate (PuratanDocument *checked,
                                      const PuratanPreflightFinding *finding,
                                      double *x,
                                      double *y,
                                      double *width,
                                      double *height,
                                      const char **item_id);

G_END_DECLS
