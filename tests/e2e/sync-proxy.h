/* sync-proxy.h: a TCP proxy for sync tests that cuts connections and drops answers
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* Bytes pass untouched. */
  SYNC_PROXY_PASS,
  /* Each new connection is cut, with the given chance (always, until one has been cut), after
   * a random number of bytes in a random direction. */
  SYNC_PROXY_CUT,
  /* Each answer of the server is, with the given chance (always, until one has been), thrown
   * away and the connection closed: the server committed, the client never hears it. */
  SYNC_PROXY_DROP_ANSWERS,
  /* Every SYNC_PROXY_MARK the client sends arrives with one byte changed: a link that damages
   * what passes through it. */
  SYNC_PROXY_CORRUPT,
  /* The answer to each token refresh (POST /api/v1/auth/refresh) is thrown away, as long as
   * the count of sync_proxy_drop_refreshes() lasts. */
  SYNC_PROXY_DROP_REFRESH,
} SyncProxyMode;

/* The bytes SYNC_PROXY_CORRUPT damages. */
#define SYNC_PROXY_MARK "PURATAN-WIRE-MARK"

typedef struct _SyncProxy SyncProxy;

SyncProxy *sync_proxy_new (void);
char *sync_proxy_url (SyncProxy *proxy);
void sync_proxy_set_upstream (SyncProxy *proxy, const char *server_url);
void sync_proxy_set_mode (SyncProxy *proxy, SyncProxyMode mode, double chance);
guint sync_proxy_get_cuts (SyncProxy *proxy);
guint64 sync_proxy_take_bytes_up (SyncProxy *proxy);
void sync_proxy_drop_refreshes (SyncProxy *proxy, guint count);
void sync_proxy_free (SyncProxy *proxy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncProxy, sync_proxy_free)

G_END_DECLS
