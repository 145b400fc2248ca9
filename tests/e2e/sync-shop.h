/* sync-shop.h: a workstation's shop database and its sync engine, for sync tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* One workstation: its data folder, its database and the server address it syncs with. */
typedef struct
{
  char *dir;
  char *database;
  char *server_url;
} SyncShop;

void sync_shop_init (SyncShop *shop, const char *name, const char *server_url);
void sync_shop_clear (SyncShop *shop);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SyncShop, sync_shop_clear)

int sync_shop_cli (SyncShop *shop, const char *input, char **out, const char *command, ...)
    G_GNUC_NULL_TERMINATED;
void sync_shop_sign_in (SyncShop *shop, const char *email, const char *password);
GSubprocess *sync_shop_spawn_run (SyncShop *shop);
void sync_shop_run (SyncShop *shop);
void sync_shop_create_orders (SyncShop *shop, const char *tag, guint n, gboolean pay);
gint64 sync_shop_count (SyncShop *shop, const char *sql);
char *sync_shop_attach_file (
    SyncShop *shop, const char *notes, const char *name, gsize size, const char *pattern);
char *sync_sha256_of_file (const char *path);

G_END_DECLS
