/* puratan-role.c: the roles an account can have
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-role.h"

#include <string.h>

#include "puratan-core.h"

/* The names used in the database, the API and on the command line. */
static const char *const role_names[PURATAN_N_ROLES] = {
  [PURATAN_ROLE_CUSTOMER] = "customer", [PURATAN_ROLE_COUNTER] = "counter",
  [PURATAN_ROLE_DESIGNER] = "designer", [PURATAN_ROLE_PRODUCTION] = "production",
  [PURATAN_ROLE_ADMIN] = "admin",
};

/**
 * puratan_role_to_string:
 * @role: a role
 *
 * Returns: (transfer none): the role's name, such as "counter"
 */
const char *
puratan_role_to_string (PuratanRole role)
{
  g_return_val_if_fail (role < PURATAN_N_ROLES, NULL);

  return role_names[role];
}

/**
 * puratan_role_from_string:
 * @text: (nullable): a role's name
 * @role: (out): the role
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @text names a role; %FALSE with %PURATAN_ERROR_INVALID_INPUT listing
 *   the role names otherwise
 */
gboolean
puratan_role_from_string (const char *text, PuratanRole *role, GError **error)
{
  g_return_val_if_fail (role != NULL, FALSE);

  for (guint i = 0; text != NULL && i < PURATAN_N_ROLES; i++)
    if (strcmp (text, role_names[i]) == 0)
      {
        *role = (PuratanRole) i;
        return TRUE;
      }
  g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "Unknown role: use customer, counter, designer, production or admin");
  return FALSE;
}
