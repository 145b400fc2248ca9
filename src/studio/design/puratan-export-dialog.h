/* puratan-export-dialog.h: exporting a design as a print PDF, with progress and cancel
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-doc.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_EXPORT_DIALOG (puratan_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PuratanExportDialog, puratan_export_dialog, PURATAN, EXPORT_DIALOG, AdwWindow)

PuratanExportDialog *
puratan_export_dialog_new (GtkWindow *parent, PuratanDocument *document, const char *product_id);

GFile *puratan_export_dialog_get_file (PuratanExportDialog *self);
void puratan_export_dialog_set_file (PuratanExportDialog *self, GFile *file);
gboolean puratan_export_dialog_is_busy (PuratanExportDialog *self);

G_END_DECLS
