/* puratan-auth-error.c: the auth layer's error domain
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-auth-error.h"

#include <sodium.h>

#include "puratan-core.h"

G_DEFINE_QUARK (puratan - auth - error - quark, puratan_auth_error)

/**
 * puratan_auth_init:
 * @error: return location for a #GError
 *
 * Initialises libsodium, once per process; every function of the layer calls it, so callers
 * need it only to learn early that the library cannot work.
 *
 * Returns: %TRUE when the layer is usable; %FALSE with %PURATAN_ERROR_RANDOM when the
 *   operating system's random source cannot be used
 */
gboolean
puratan_auth_init (GError **error)
{
  static gsize initialised = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialised))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialised, 1);
    }
  if (!ok)
    g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_RANDOM,
                         "The cryptography library could not start: the system's random source "
                         "is unavailable");
  return ok;
}
