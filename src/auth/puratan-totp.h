/* puratan-totp.h: time-based one-time passwords (RFC 6238)
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The length of a new TOTP secret in bytes (160 bits, as RFC 4226 recommends). */
#define PURATAN_TOTP_SECRET_SIZE 20
/* The time step in seconds. */
#define PURATAN_TOTP_PERIOD 30
/* The number of digits of a code. */
#define PURATAN_TOTP_DIGITS 6

/**
 * PuratanTotpAlgorithm:
 * @PURATAN_TOTP_SHA1: HMAC-SHA1, what authenticator apps use by default
 * @PURATAN_TOTP_SHA256: HMAC-SHA256
 * @PURATAN_TOTP_SHA512: HMAC-SHA512
 *
 * The HMAC a TOTP code is derived with.
 */
typedef enum
{
  PURATAN_TOTP_SHA1,
  PURATAN_TOTP_SHA256,
  PURATAN_TOTP_SHA512,
} PuratanTotpAlgorithm;

gint64 puratan_totp_step (gint64 unix_time);
guint32 puratan_totp_code (PuratanTotpAlgorithm algorithm,
                           const guint8 *secret,
                           gsize secret_length,
                           gint64 step,
                           guint digits);
gboolean puratan_totp_verify (const guint8 *secret,
                              gsize secret_length,
                              const char *code,
                              gint64 now,
                              gint64 last_used_step,
                              gint64 *matched_step,
                              GError **error);
GBytes *puratan_totp_secret_new (GError **error);
char *puratan_totp_uri (const char *issuer, const char *account, GBytes *secret);

G_END_DECLS
