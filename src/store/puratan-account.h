/* puratan-account.h: the server's accounts and their TOTP secrets
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanAccount:
 * @id: UUID
 * @email: the sign-in address, lower-case
 * @password_hash: the argon2id hash of the password (never the password)
 * @role: "customer", "counter", "designer", "production" or "admin"
 * @created_at: UTC, ISO 8601
 * @updated_at: UTC, ISO 8601
 *
 * One account that can sign in to the server.
 */
typedef struct
{
  char *id;
  char *email;
  char *password_hash;
  char *role;
  char *created_at;
  char *updated_at;
} PuratanAccount;

/**
 * PuratanAccountTotp:
 * @secret: the shared secret
 * @confirmed: whether a first code confirmed the enrolment; only then is it required
 * @last_step: the time step of the last code accepted, -1 before the first
 *
 * An account's TOTP enrolment.
 */
typedef struct
{
  GBytes *secret;
  gboolean confirmed;
  gint64 last_step;
} PuratanAccountTotp;

void puratan_account_free (PuratanAccount *account);
void puratan_account_totp_free (PuratanAccountTotp *totp);

char *puratan_account_normalize_email (const char *email, GError **error);

PuratanAccount *puratan_account_insert (PuratanDatabase *database,
                                        const char *email,
                                        const char *password_hash,
                                        const char *role,
                                        GError **error);
PuratanAccount *puratan_account_get (PuratanDatabase *database, const char *id, GError **error);
PuratanAccount *
puratan_account_get_by_email (PuratanDatabase *database, const char *email, GError **error);
gboolean puratan_account_set_password_hash (PuratanDatabase *database,
                                            const char *id,
                                            const char *password_hash,
                                            GError **error);

PuratanAccountTotp *
puratan_account_totp_get (PuratanDatabase *database, const char *account_id, GError **error);
gboolean puratan_account_totp_begin (PuratanDatabase *database,
                                     const char *account_id,
                                     GBytes *secret,
                                     GError **error);
gboolean puratan_account_totp_confirm (PuratanDatabase *database,
                                       const char *account_id,
                                       gint64 step,
                                       GError **error);
gboolean puratan_account_totp_use_step (PuratanDatabase *database,
                                        const char *account_id,
                                        gint64 step,
                                        GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanAccount, puratan_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanAccountTotp, puratan_account_totp_free)

G_END_DECLS
