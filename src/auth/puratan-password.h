/* puratan-password.h: argon2id password hashes
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The shortest password accepted, in characters. */
#define PURATAN_PASSWORD_MIN_LENGTH 10
/* The longest password accepted, in bytes: hashing cost stays bounded. */
#define PURATAN_PASSWORD_MAX_BYTES 1024

gboolean puratan_password_check_policy (const char *password, GError **error);
char *puratan_password_hash (const char *password, GError **error);
gboolean puratan_password_verify (const char *hash, const char *password);
gboolean puratan_password_needs_rehash (const char *hash);
void puratan_password_verify_dummy (const char *password);

G_END_DECLS
