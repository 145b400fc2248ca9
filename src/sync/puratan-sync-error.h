/* puratan-sync-error.h: the sync layer's error domain
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PURATAN_SYNC_ERROR (puratan_sync_error_quark ())

/**
 * PuratanSyncError:
 * @PURATAN_SYNC_ERROR_OFFLINE: the server cannot be reached, or the connection broke before
 *   its answer arrived; try again later
 * @PURATAN_SYNC_ERROR_BUSY: the server answered 429 or 503 (or 409 for a key still in use);
 *   try again after its Retry-After
 * @PURATAN_SYNC_ERROR_NOT_SIGNED_IN: no tokens are kept for this server, or the server ended
 *   the session: sign in again
 * @PURATAN_SYNC_ERROR_BAD_CREDENTIALS: the email address or password is wrong
 * @PURATAN_SYNC_ERROR_TOTP_REQUIRED: the account has two-factor authentication: ask for the
 *   code and sign in again with it
 * @PURATAN_SYNC_ERROR_TOTP_INVALID: the code is wrong, or was used already
 * @PURATAN_SYNC_ERROR_REFUSED: the server refused the request for good (a 4xx); the message
 *   is the server's problem detail
 * @PURATAN_SYNC_ERROR_PROTOCOL: the server's answer is not what the API promises
 * @PURATAN_SYNC_ERROR_KEYRING: the keyring could not be read or written
 * @PURATAN_SYNC_ERROR_INVALID_URL: the server address is not an http:// or https:// URL
 * @PURATAN_SYNC_ERROR_CANCELLED: the engine was stopped
 *
 * How a sync step failed; the engine backs off and retries on %PURATAN_SYNC_ERROR_OFFLINE and
 * %PURATAN_SYNC_ERROR_BUSY only.
 */
typedef enum
{
  PURATAN_SYNC_ERROR_OFFLINE,
  PURATAN_SYNC_ERROR_BUSY,
  PURATAN_SYNC_ERROR_NOT_SIGNED_IN,
  PURATAN_SYNC_ERROR_BAD_CREDENTIALS,
  PURATAN_SYNC_ERROR_TOTP_REQUIRED,
  PURATAN_SYNC_ERROR_TOTP_INVALID,
  PURATAN_SYNC_ERROR_REFUSED,
  PURATAN_SYNC_ERROR_PROTOCOL,
  PURATAN_SYNC_ERROR_KEYRING,
  PURATAN_SYNC_ERROR_INVALID_URL,
  PURATAN_SYNC_ERROR_CANCELLED,
} PuratanSyncError;

GQuark puratan_sync_error_quark (void);

G_END_DECLS
