/* test-sync.h: the sync tests' shared rig: the real server, the proxy and workstations
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "e2e-api.h"
#include "puratan-store.h"
#include "puratan-sync.h"
#include "sync-proxy.h"
#include "sync-shop.h"

G_BEGIN_DECLS

#define MIB (1024 * 1024)

/* A server, the proxy in front of it and an account to check the server's side with. */
typedef struct
{
  Server server;
  SyncProxy *proxy;
  char *url;
  char *checker;
} Rig;

void rig_start_with (Rig *rig, const char *const *server_args);
void rig_start (Rig *rig);
void rig_reconnect (Rig *rig);
void rig_clear (Rig *rig);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Rig, rig_clear)

SyncShop *new_shop (Rig *rig, const char *name, const char *email);
void free_shop (SyncShop *shop);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncShop, free_shop)

void
assert_exactly_once (Server *server, const char *token, const char *tag, guint n, gboolean paid);
guint assert_server_file (
    Rig *rig, SyncShop *shop, const char *notes, const char *sha256, const char *name);

void add_sync_upload_tests (void);

G_END_DECLS
