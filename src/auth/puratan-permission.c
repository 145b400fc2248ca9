/* puratan-permission.c: the one table of which role may use which route
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every route the server serves has exactly one row here, and the server consults this
 * table, and nothing else, before it calls a route's handler: a route without a row is
 * refused to everyone (and the server's tests fail). To add a route, add its row in the
 * section of its resource. Finer rules (a customer sees only their own orders) belong to the
 * handler, after this check.
 */
#include "puratan-permission.h"

#include <string.h>

#define SIGNED_IN    PURATAN_ROLES_ALL
#define CASHIERS     (PURATAN_ROLE_BIT (PURATAN_ROLE_COUNTER) | PURATAN_ROLES_ADMIN)
#define ORDER_MAKERS (CASHIERS | PURATAN_ROLE_BIT (PURATAN_ROLE_CUSTOMER))
#define STAFF        (PURATAN_ROLES_ALL & ~PURATAN_ROLE_BIT (PURATAN_ROLE_CUSTOMER))

static const PuratanPermission permissions[] = {
  /* Health probes: load balancers and monitoring ask without an account. */
  { "GET", "/livez", PURATAN_PERMIT_PUBLIC, 0 },
  { "GET", "/readyz", PURATAN_PERMIT_PUBLIC, 0 },
  /* Metrics show the shop's traffic and order counts: staff only. A scraper without an
   * account uses the separate `[server] metrics-listen` address instead. */
  { "GET", "/metrics", PURATAN_PERMIT_ROLES, STAFF },

  /* Signing in and out. Login, refresh and registration carry their own credentials. */
  { "POST", "/api/v1/auth/login", PURATAN_PERMIT_PUBLIC, 0 },
  { "POST", "/api/v1/auth/refresh", PURATAN_PERMIT_PUBLIC, 0 },
  { "POST", "/api/v1/auth/register", PURATAN_PERMIT_PUBLIC, 0 },
  { "POST", "/api/v1/auth/logout", PURATAN_PERMIT_WITHOUT_SECOND_FACTOR, SIGNED_IN },
  { "GET", "/api/v1/auth/me", PURATAN_PERMIT_WITHOUT_SECOND_FACTOR, SIGNED_IN },
  { "POST", "/api/v1/auth/totp", PURATAN_PERMIT_WITHOUT_SECOND_FACTOR, SIGNED_IN },
  { "POST", "/api/v1/auth/totp/confirm", PURATAN_PERMIT_WITHOUT_SECOND_FACTOR, SIGNED_IN },

  /* Accounts of any role are made by managers only. */
  { "POST", "/api/v1/accounts", PURATAN_PERMIT_ROLES, PURATAN_ROLES_ADMIN },

  /* Preflight: the list of profiles is public; a check costs the server real work, so it
   * and its kept results need an account, of any role (customers check their own files). */
  { "GET", "/api/v1/preflight/profiles", PURATAN_PERMIT_PUBLIC, 0 },
  { "POST", "/api/v1/preflight", PURATAN_PERMIT_ROLES, SIGNED_IN },
  { "GET", "/api/v1/preflight/{id}", PURATAN_PERMIT_ROLES, SIGNED_IN },
  { "GET", "/api/v1/preflight/{id}/pages/{page}", PURATAN_PERMIT_ROLES, SIGNED_IN },

  /* The API's own description and the price list are public; pricing a job needs an account. */
  { "GET", "/api/v1/openapi.json", PURATAN_PERMIT_PUBLIC, 0 },
  { "GET", "/api/v1/products", PURATAN_PERMIT_PUBLIC, 0 },
  { "POST", "/api/v1/quotes", PURATAN_PERMIT_ROLES, SIGNED_IN },

  /* Orders: customers see and order their own (the handlers hold them to it); counter staff
   * and admins make orders for anyone and edit them; every role reads them and takes the
   * workflow steps its role allows (the orders layer's workflow decides which). */
  { "GET", "/api/v1/orders", PURATAN_PERMIT_ROLES, SIGNED_IN },
  { "POST", "/api/v1/orders", PURATAN_PERMIT_ROLES, ORDER_MAKERS },
  { "GET", "/api/v1/orders/{id}", PURATAN_PERMIT_ROLES, SIGNED_IN },
  { "PATCH", "/api/v1/orders/{id}", PURATAN_PERMIT_ROLES, ORDER_MAKERS },
  { "POST", "/api/v1/orders/{id}/transitions", PURATAN_PERMIT_ROLES, SIGNED_IN },

  /* Payments are taken by the counter (and admins); customers read their own. */
  { "GET", "/api/v1/orders/{id}/payments", PURATAN_PERMIT_ROLES, SIGNED_IN },
  { "POST", "/api/v1/orders/{id}/payments", PURATAN_PERMIT_ROLES, CASHIERS },

  /* The change feed and the events WebSocket: customers get their own records only. */
  /* Resumable uploads (tus) belong to the account that made them; order files go to the
   * order's owner and staff (the handlers check ownership). tus's OPTIONS is discovery. */
  { "OPTIONS", "/api/v1/uploads", PURATAN_PERMIT_PUBLIC, 0 },
  { "POST", "/api/v1/uploads", PURATAN_PERMIT_ROLES, SIGNED_IN },
  { "GET", "/api/v1/uploads/{id}", PURATAN_PERMIT_ROLES, SIGNED_IN },
  { "PATCH", "/api/v1/uploads/{id}", PURATAN_PERMIT_ROLES, SIGNED_IN },
  { "DELETE", "/api/v1/uploads/{id}", PURATAN_PERMIT_ROLES, SIGNED_IN },
  { "GET", "/api/v1/orders/{id}/files", PURATAN_PERMIT_ROLES, SIGNED_IN },
  { "GET", "/api/v1/orders/{id}/files/{sha256}", PURATAN_PERMIT_ROLES, SIGNED_IN },
  /* Online payments: a customer pays their own order, staff any; the provider's webhook is
   * public and believed only with a valid signature. */
  { "POST", "/api/v1/orders/{id}/payment-intents", PURATAN_PERMIT_ROLES, SIGNED_IN },
  { "POST", "/api/v1/webhooks/stripe", PURATAN_PERMIT_PUBLIC, 0 },
  { "GET", "/api/v1/changes", PURATAN_PERMIT_ROLES, SIGNED_IN },
  /* A workstation's outbox in batches: each change is held to its own route's row too. */
  { "POST", "/api/v1/sync/batch", PURATAN_PERMIT_ROLES, ORDER_MAKERS },
  { "GET", "/api/v1/events", PURATAN_PERMIT_ROLES, SIGNED_IN },
};

/**
 * puratan_permissions:
 * @n_permissions: (out): the number of rows
 *
 * Returns: (transfer none) (array length=n_permissions): the whole table, for tests and
 *   documentation
 */
const PuratanPermission *
puratan_permissions (gsize *n_permissions)
{
  g_return_val_if_fail (n_permissions != NULL, NULL);

  *n_permissions = G_N_ELEMENTS (permissions);
  return permissions;
}

/**
 * puratan_permission_lookup:
 * @method: the request's method ("HEAD" finds the GET row)
 * @pattern: the matched route's pattern
 *
 * Returns: (transfer none) (nullable): the route's row, or %NULL when the table has none
 *   (such a route is refused to everyone)
 */
const PuratanPermission *
puratan_permission_lookup (const char *method, const char *pattern)
{
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (pattern != NULL, NULL);

  if (strcmp (method, "HEAD") == 0)
    method = "GET";
  for (gsize i = 0; i < G_N_ELEMENTS (permissions); i++)
    if (strcmp (permissions[i].method, method) == 0 &&
        strcmp (permissions[i].pattern, pattern) == 0)
      return &permissions[i];
  return NULL;
}

/**
 * puratan_permission_check:
 * @permission: (nullable): the route's row; %NULL refuses everyone
 * @signed_in: whether the request carries a valid access token
 * @role: the account's role (ignored unless @signed_in)
 * @second_factor: whether the session was opened with a TOTP code
 *
 * Decides whether a request may use a route. An admin session opened without a second
 * factor may use only the rows flagged %PURATAN_PERMIT_WITHOUT_SECOND_FACTOR (and public
 * ones).
 *
 * Returns: the decision
 */
PuratanAccess
puratan_permission_check (const PuratanPermission *permission,
                          gboolean signed_in,
                          PuratanRole role,
                          gboolean second_factor)
{
  if (permission != NULL && (permission->flags & PURATAN_PERMIT_PUBLIC) != 0)
    return PURATAN_ACCESS_GRANTED;
  if (!signed_in)
    return PURATAN_ACCESS_NEEDS_SIGN_IN;
  if (permission == NULL || role >= PURATAN_N_ROLES ||
      (permission->roles & PURATAN_ROLE_BIT (role)) == 0)
    return PURATAN_ACCESS_FORBIDDEN;
  if (role == PURATAN_ROLE_ADMIN && !second_factor &&
      (permission->flags & PURATAN_PERMIT_WITHOUT_SECOND_FACTOR) == 0)
    return PURATAN_ACCESS_NEEDS_SECOND_FACTOR;
  return PURATAN_ACCESS_GRANTED;
}
