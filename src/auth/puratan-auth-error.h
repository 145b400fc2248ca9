/* puratan-auth-error.h: the auth layer's error domain
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PURATAN_AUTH_ERROR (puratan_auth_error_quark ())

/**
 * PuratanAuthError:
 * @PURATAN_AUTH_ERROR_BAD_CREDENTIALS: the email address or the password is wrong (the
 *   message never says which)
 * @PURATAN_AUTH_ERROR_TOKEN_INVALID: a token is malformed or its signature does not match
 * @PURATAN_AUTH_ERROR_TOKEN_EXPIRED: a token was valid but its lifetime is over
 * @PURATAN_AUTH_ERROR_TOKEN_REVOKED: a token belongs to a session that was ended
 * @PURATAN_AUTH_ERROR_TOTP_REQUIRED: the account has a TOTP app and no code was given
 * @PURATAN_AUTH_ERROR_TOTP_INVALID: the TOTP code is not the one the app shows now
 * @PURATAN_AUTH_ERROR_TOTP_REPLAYED: the TOTP code was right but has been used already
 * @PURATAN_AUTH_ERROR_THROTTLED: too many failed sign-ins; wait before trying again
 *
 * Error codes of the %PURATAN_AUTH_ERROR domain, for failures of authentication. Bad input
 * (a malformed email address, a too-short password) is %PURATAN_ERROR_INVALID_INPUT.
 */
typedef enum
{
  PURATAN_AUTH_ERROR_BAD_CREDENTIALS,
  PURATAN_AUTH_ERROR_TOKEN_INVALID,
  PURATAN_AUTH_ERROR_TOKEN_EXPIRED,
  PURATAN_AUTH_ERROR_TOKEN_REVOKED,
  PURATAN_AUTH_ERROR_TOTP_REQUIRED,
  PURATAN_AUTH_ERROR_TOTP_INVALID,
  PURATAN_AUTH_ERROR_TOTP_REPLAYED,
  PURATAN_AUTH_ERROR_THROTTLED,
} PuratanAuthError;

GQuark puratan_auth_error_quark (void);

gboolean puratan_auth_init (GError **error);

G_END_DECLS
