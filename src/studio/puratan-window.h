/* puratan-window.h: the main window with the studio's five views
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-application.h"
#include "puratan-color.h"
#include "puratan-sync-status.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_WINDOW (puratan_window_get_type ())

G_DECLARE_FINAL_TYPE (PuratanWindow, puratan_window, PURATAN, WINDOW, AdwApplicationWindow)

PuratanWindow *puratan_window_new (PuratanApplication *application);

AdwViewStack *puratan_window_get_stack (PuratanWindow *self);
PuratanIccProfile *puratan_window_get_display_profile (PuratanWindow *self);
void puratan_window_open_file (PuratanWindow *self, GFile *file);
PuratanSyncStatus *puratan_window_get_sync_status (PuratanWindow *self);

G_END_DECLS
