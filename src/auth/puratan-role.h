/* puratan-role.h: the roles an account can have
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PuratanRole:
 * @PURATAN_ROLE_CUSTOMER: a customer ordering from home; the only role self-registration gives
 * @PURATAN_ROLE_COUNTER: counter staff taking walk-in orders and payments
 * @PURATAN_ROLE_DESIGNER: an in-shop designer
 * @PURATAN_ROLE_PRODUCTION: press and finishing staff
 * @PURATAN_ROLE_ADMIN: a shop manager; must sign in with a second factor (TOTP)
 * @PURATAN_N_ROLES: the number of roles
 *
 * The role of an account. Each account has exactly one.
 */
typedef enum
{
  PURATAN_ROLE_CUSTOMER,
  PURATAN_ROLE_COUNTER,
  PURATAN_ROLE_DESIGNER,
  PURATAN_ROLE_PRODUCTION,
  PURATAN_ROLE_ADMIN,
  PURATAN_N_ROLES,
} PuratanRole;

/* A set of roles, one bit per role. */
typedef guint PuratanRoleSet;

#define PURATAN_ROLE_BIT(role) (1u << (role))
#define PURATAN_ROLES_STAFF                                                             \
  (PURATAN_ROLE_BIT (PURATAN_ROLE_COUNTER) | PURATAN_ROLE_BIT (PURATAN_ROLE_DESIGNER) | \
   PURATAN_ROLE_BIT (PURATAN_ROLE_PRODUCTION) | PURATAN_ROLE_BIT (PURATAN_ROLE_ADMIN))
#define PURATAN_ROLES_ALL   (PURATAN_ROLES_STAFF | PURATAN_ROLE_BIT (PURATAN_ROLE_CUSTOMER))
#define PURATAN_ROLES_ADMIN (PURATAN_ROLE_BIT (PURATAN_ROLE_ADMIN))

const char *puratan_role_to_string (PuratanRole role);
gboolean puratan_role_from_string (const char *text, PuratanRole *role, GError **error);

G_END_DECLS
