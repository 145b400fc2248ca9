/* puratan-application.h: the Puratan Studio application and its shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-store.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_APPLICATION (puratan_application_get_type ())

G_DECLARE_FINAL_TYPE (PuratanApplication, puratan_application, PURATAN, APPLICATION, AdwApplication)

PuratanApplication *puratan_application_new (void);

const char *puratan_application_get_database_path (PuratanApplication *self);
void puratan_application_set_database_path (PuratanApplication *self, const char *path);

PuratanDatabase *puratan_application_get_database (PuratanApplication *self);
const GError *puratan_application_get_database_error (PuratanApplication *self);
gboolean puratan_application_is_opening_database (PuratanApplication *self);

G_END_DECLS
