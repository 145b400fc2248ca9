/* puratan-application.h: the Puratan Studio application and its shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-auth.h"
#include "puratan-store.h"
#include "puratan-sync.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_APPLICATION (puratan_application_get_type ())

G_DECLARE_FINAL_TYPE (PuratanApplication, puratan_application, PURATAN, APPLICATION, AdwApplication)

PuratanApplication *puratan_application_new (void);

const char *puratan_application_get_database_path (PuratanApplication *self);
void puratan_application_set_database_path (PuratanApplication *self, const char *path);

PuratanDatabase *puratan_application_get_database (PuratanApplication *self);
const GError *puratan_application_get_database_error (PuratanApplication *self);
gboolean puratan_application_is_opening_database (PuratanApplication *self);

PuratanSyncCredentialStore *puratan_application_get_credential_store (PuratanApplication *self);
PuratanSyncEngine *puratan_application_get_sync_engine (PuratanApplication *self);
void puratan_application_signed_in (PuratanApplication *self,
                                    PuratanSyncEngine *engine,
                                    const char *role,
                                    const char *email);
void puratan_application_sign_out_async (PuratanApplication *self,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean puratan_application_sign_out_finish (PuratanApplication *self,
                                              GAsyncResult *result,
                                              GError **error);
gboolean puratan_application_get_role (PuratanApplication *self, PuratanRole *role);
const char *puratan_application_get_actor (PuratanApplication *self);
void puratan_application_sync_soon (PuratanApplication *self);

G_END_DECLS
