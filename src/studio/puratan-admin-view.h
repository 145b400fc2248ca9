/* puratan-admin-view.h: the Admin view: products, prices, users and the shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-auth.h"
#include "puratan-store.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_ADMIN_VIEW (puratan_admin_view_get_type ())

G_DECLARE_FINAL_TYPE (PuratanAdminView, puratan_admin_view, PURATAN, ADMIN_VIEW, AdwBin)

GtkWidget *puratan_admin_view_new (void);

void puratan_admin_view_set_database_location (PuratanAdminView *self, const char *path);
const char *puratan_admin_view_get_database_location (PuratanAdminView *self);

void puratan_admin_view_set_database_status (PuratanAdminView *self, const char *status);
const char *puratan_admin_view_get_database_status (PuratanAdminView *self);

void puratan_admin_view_set_display_profile (PuratanAdminView *self, const char *description);
const char *puratan_admin_view_get_display_profile (PuratanAdminView *self);

void puratan_admin_view_set_database (PuratanAdminView *self, PuratanDatabase *database);
const char *puratan_admin_view_get_shop_summary (PuratanAdminView *self);
void puratan_admin_view_refresh_sync_log (PuratanAdminView *self);
gboolean puratan_admin_view_is_loading_sync_log (PuratanAdminView *self);
void puratan_admin_view_set_role (PuratanAdminView *self, gboolean has_role, PuratanRole role);

G_END_DECLS
