/* puratan-sign-in-dialog.h: signing in to the shop's server (address, email, password, code)
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-application.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_SIGN_IN_DIALOG (puratan_sign_in_dialog_get_type ())

G_DECLARE_FINAL_TYPE (
    PuratanSignInDialog, puratan_sign_in_dialog, PURATAN, SIGN_IN_DIALOG, AdwWindow)

PuratanSignInDialog *puratan_sign_in_dialog_new (GtkWindow *parent,
                                                 PuratanApplication *application);

const char *puratan_sign_in_dialog_get_message (PuratanSignInDialog *self);
gboolean puratan_sign_in_dialog_is_busy (PuratanSignInDialog *self);
gboolean puratan_sign_in_dialog_asks_for_code (PuratanSignInDialog *self);

char *puratan_sign_in_error_text (const GError *error, const char *server_url);

G_END_DECLS
