/* puratan-sync-credentials.h: tokens for the shop's server, kept in the keyring
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "puratan-sync-http.h"

G_BEGIN_DECLS

/**
 * PuratanSyncTokens:
 * @access_token: the short-lived access token
 * @refresh_token: the refresh token (rotated on each refresh)
 * @access_expires_at: when the access token expires (Unix seconds)
 * @account_id: the signed-in account's id
 * @email: its email address
 * @role: its role ("customer", "counter", "designer", "production", "admin")
 * @second_factor_required: an admin signed in without a TOTP code: only enrolment is allowed
 *
 * What signing in gives. Secret: never logged, never written to a file.
 */
typedef struct
{
  char *access_token;
  char *refresh_token;
  gint64 access_expires_at;
  char *account_id;
  char *email;
  char *role;
  gboolean second_factor_required;
} PuratanSyncTokens;

void puratan_sync_tokens_free (PuratanSyncTokens *tokens);
PuratanSyncTokens *puratan_sync_tokens_copy (const PuratanSyncTokens *tokens);

#define PURATAN_TYPE_SYNC_CREDENTIAL_STORE (puratan_sync_credential_store_get_type ())
G_DECLARE_INTERFACE (PuratanSyncCredentialStore,
                     puratan_sync_credential_store,
                     PURATAN,
                     SYNC_CREDENTIAL_STORE,
                     GObject)

/**
 * PuratanSyncCredentialStoreInterface:
 * @load: returns the tokens kept for a server, %NULL without error when none are kept
 * @save: keeps the tokens for a server, replacing any kept before
 * @clear: forgets the tokens of a server (succeeds when none are kept)
 *
 * Where tokens are kept. Methods block (the keyring is a D-Bus service), so callers run them
 * on a worker thread.
 */
struct _PuratanSyncCredentialStoreInterface
{
  GTypeInterface parent_iface;

  PuratanSyncTokens *(*load) (PuratanSyncCredentialStore *self,
                              const char *server_url,
                              GCancellable *cancellable,
                              GError **error);
  gboolean (*save) (PuratanSyncCredentialStore *self,
                    const char *server_url,
                    const PuratanSyncTokens *tokens,
                    GCancellable *cancellable,
                    GError **error);
  gboolean (*clear) (PuratanSyncCredentialStore *self,
                     const char *server_url,
                     GCancellable *cancellable,
                     GError **error);
};

PuratanSyncTokens *puratan_sync_credential_store_load (PuratanSyncCredentialStore *self,
                                                       const char *server_url,
                                                       GCancellable *cancellable,
                                                       GError **error);
gboolean puratan_sync_credential_store_save (PuratanSyncCredentialStore *self,
                                             const char *server_url,
                                             const PuratanSyncTokens *tokens,
                                             GCancellable *cancellable,
                                             GError **error);
gboolean puratan_sync_credential_store_clear (PuratanSyncCredentialStore *self,
                                              const char *server_url,
                                              GCancellable *cancellable,
                                              GError **error);

#define PURATAN_TYPE_SYNC_KEYRING (puratan_sync_keyring_get_type ())
G_DECLARE_FINAL_TYPE (PuratanSyncKeyring, puratan_sync_keyring, PURATAN, SYNC_KEYRING, GObject)

PuratanSyncCredentialStore *puratan_sync_keyring_new (void);

PuratanSyncTokens *puratan_sync_sign_in (PuratanSyncHttp *http,
                                         PuratanSyncCredentialStore *store,
                                         const char *email,
                                         const char *password,
                                         const char *totp_code,
                                         GCancellable *cancellable,
                                         GError **error);

gboolean puratan_sync_refresh (PuratanSyncHttp *http,
                               PuratanSyncCredentialStore *store,
                               PuratanSyncTokens *tokens,
                               GCancellable *cancellable,
                               GError **error);

gboolean puratan_sync_sign_out (PuratanSyncHttp *http,
                                PuratanSyncCredentialStore *store,
                                GCancellable *cancellable,
                                GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanSyncTokens, puratan_sync_tokens_free)

G_END_DECLS
