/* puratan-conflict-dialog.h: orders changed here and on the server, both versions side by side
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-application.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_CONFLICT_DIALOG (puratan_conflict_dialog_get_type ())

G_DECLARE_FINAL_TYPE (
    PuratanConflictDialog, puratan_conflict_dialog, PURATAN, CONFLICT_DIALOG, AdwWindow)

PuratanConflictDialog *puratan_conflict_dialog_new (GtkWindow *parent,
                                                    PuratanApplication *application);

gboolean puratan_conflict_dialog_is_busy (PuratanConflictDialog *self);
guint puratan_conflict_dialog_get_n_conflicts (PuratanConflictDialog *self);
const char *puratan_conflict_dialog_get_message (PuratanConflictDialog *self);

G_END_DECLS
