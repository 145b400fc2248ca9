/* puratan-permission.h: the one table of which role may use which route
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-role.h"

G_BEGIN_DECLS

/**
 * PuratanPermitFlags:
 * @PURATAN_PERMIT_ROLES: only a signed-in account whose role is in the entry's set
 * @PURATAN_PERMIT_PUBLIC: anyone, signed in or not (the roles are ignored)
 * @PURATAN_PERMIT_WITHOUT_SECOND_FACTOR: also an admin who signed in without a TOTP code,
 *   so that they can enrol one; every other route refuses such a session
 *
 * How a route is guarded.
 */
typedef enum
{
  PURATAN_PERMIT_ROLES = 0,
  PURATAN_PERMIT_PUBLIC = 1 << 0,
  PURATAN_PERMIT_WITHOUT_SECOND_FACTOR = 1 << 1,
} PuratanPermitFlags;

/**
 * PuratanPermission:
 * @method: the HTTP method in upper case (a GET entry also covers HEAD)
 * @pattern: the route's pattern exactly as the server registers it ("/api/v1/preflight/{id}")
 * @flags: how the route is guarded
 * @roles: the roles that may use it, unless it is public
 *
 * One row of the permission table.
 */
typedef struct
{
  const char *method;
  const char *pattern;
  PuratanPermitFlags flags;
  PuratanRoleSet roles;
} PuratanPermission;

/**
 * PuratanAccess:
 * @PURATAN_ACCESS_GRANTED: the request may go on
 * @PURATAN_ACCESS_NEEDS_SIGN_IN: the route needs a valid access token and there is none
 * @PURATAN_ACCESS_NEEDS_SECOND_FACTOR: an admin signed in without TOTP asks for a route
 *   other than enrolment and sign-out
 * @PURATAN_ACCESS_FORBIDDEN: the account's role may not use the route
 *
 * The outcome of puratan_permission_check().
 */
typedef enum
{
  PURATAN_ACCESS_GRANTED,
  PURATAN_ACCESS_NEEDS_SIGN_IN,
  PURATAN_ACCESS_NEEDS_SECOND_FACTOR,
  PURATAN_ACCESS_FORBIDDEN,
} PuratanAccess;

const PuratanPermission *puratan_permissions (gsize *n_permissions);
const PuratanPermission *puratan_permission_lookup (const char *method, const char *pattern);
PuratanAccess puratan_permission_check (const PuratanPermission *permission,
                                        gboolean signed_in,
                                        PuratanRole role,
                                        gboolean second_factor);

G_END_DECLS
