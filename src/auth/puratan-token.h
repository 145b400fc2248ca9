/* puratan-token.h: signed access tokens, random refresh tokens and the server's key
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-role.h"

G_BEGIN_DECLS

/* The size of the key that signs access tokens, in bytes. */
#define PURATAN_TOKEN_KEY_SIZE 32
/* The longest access token accepted, in bytes. */
#define PURATAN_ACCESS_TOKEN_MAX_LENGTH 1024

/**
 * PuratanAccessClaims:
 * @account_id: the account's id (UUID)
 * @family_id: the id of the session (refresh-token family) the token was issued in
 * @role: the account's role when the token was issued
 * @second_factor: whether the session was opened with a TOTP code
 * @issued_at: Unix time in seconds
 * @expires_at: Unix time in seconds; the token is refused from then on
 *
 * What an access token says.
 */
typedef struct
{
  char *account_id;
  char *family_id;
  PuratanRole role;
  gboolean second_factor;
  gint64 issued_at;
  gint64 expires_at;
} PuratanAccessClaims;

void puratan_access_claims_free (PuratanAccessClaims *claims);

char *puratan_access_token_sign (const guint8 *key, const PuratanAccessClaims *claims);
PuratanAccessClaims *
puratan_access_token_verify (const guint8 *key, const char *token, gint64 now, GError **error);

char *puratan_refresh_token_new (GError **error);
char *puratan_token_hash (const char *token);

gboolean puratan_token_key_load_or_create (const char *path, guint8 *key, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanAccessClaims, puratan_access_claims_free)

G_END_DECLS
