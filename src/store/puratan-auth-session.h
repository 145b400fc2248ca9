/* puratan-auth-session.h: sign-in sessions and their rotating refresh tokens
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanRefreshOutcome:
 * @PURATAN_REFRESH_ROTATED: the token was current: it is spent and its successor stored
 * @PURATAN_REFRESH_UNKNOWN: no token has this hash
 * @PURATAN_REFRESH_EXPIRED: the token's lifetime is over
 * @PURATAN_REFRESH_REVOKED: the token's session was ended before
 * @PURATAN_REFRESH_REUSED: the token had been rotated already, so a copy of it is in other
 *   hands: the whole session was revoked just now
 * @PURATAN_REFRESH_RETRIED: the token had just been rotated but its successor was never
 *   used (the answer to that refresh was lost): the unused successor is spent and a new one
 *   stored in its place
 *
 * What puratan_auth_session_rotate() did.
 */
typedef enum
{
  PURATAN_REFRESH_ROTATED,
  PURATAN_REFRESH_UNKNOWN,
  PURATAN_REFRESH_EXPIRED,
  PURATAN_REFRESH_REVOKED,
  PURATAN_REFRESH_REUSED,
  PURATAN_REFRESH_RETRIED,
} PuratanRefreshOutcome;

/**
 * PuratanAuthSession:
 * @id: the session's id (the refresh-token family)
 * @account_id: the account signed in
 * @role: the account's current role
 * @second_factor: whether the session was opened with a TOTP code
 *
 * A sign-in session as the server checks it.
 */
typedef struct
{
  char *id;
  char *account_id;
  char *role;
  gboolean second_factor;
} PuratanAuthSession;

void puratan_auth_session_free (PuratanAuthSession *session);

char *puratan_auth_session_start (PuratanDatabase *database,
                                  const char *account_id,
                                  gboolean second_factor,
                                  const char *token_hash,
                                  gint64 now,
                                  gint64 expires_at,
                                  GError **error);
gboolean puratan_auth_session_rotate (PuratanDatabase *database,
                                      const char *old_hash,
                                      const char *new_hash,
                                      gint64 now,
                                      gint64 expires_at,
                                      gint64 retry_grace,
                                      PuratanRefreshOutcome *outcome,
                                      PuratanAuthSession **session,
                                      GError **error);
gboolean puratan_auth_session_revoke (PuratanDatabase *database,
                                      const char *session_id,
                                      gint64 now,
                                      GError **error);
PuratanAuthSession *puratan_auth_session_get_active (PuratanDatabase *database,
                                                     const char *session_id,
                                                     const char *account_id,
                                                     GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanAuthSession, puratan_auth_session_free)

G_END_DECLS
