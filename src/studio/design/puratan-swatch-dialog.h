/* puratan-swatch-dialog.h: the dialog that adds a swatch to a design
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-doc.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_SWATCH_DIALOG (puratan_swatch_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PuratanSwatchDialog, puratan_swatch_dialog, PURATAN, SWATCH_DIALOG, AdwWindow)

GtkWidget *puratan_swatch_dialog_new (PuratanDocument *document);
GtkWidget *puratan_swatch_dialog_new_for_swatch (PuratanDocument *document, const char *name);
gboolean puratan_swatch_dialog_add (PuratanSwatchDialog *self);
const char *puratan_swatch_dialog_get_message (PuratanSwatchDialog *self);

G_END_DECLS
