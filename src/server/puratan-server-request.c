/* puratan-server-request.c: what the server knows about each request
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each request carries an id (its X-Request-Id, echoed when the client sent
 * a sensible one, else made here) and, once its access token is checked,
 * the principal that sent it. This file also holds the server's sign-in
 * settings and token key.
 */
#include "puratan-server-private.h"

#include <sodium.h>
#include <string.h>

#include "puratan-core.h"

/* The longest X-Request-Id taken from a client; a longer or odd one is replaced. */
#define MAX_REQUEST_ID_LENGTH 128

GQuark
puratan_server_request_state_quark (void)
{
  /* Asked several times per request: g_quark_from_static_string() takes a global lock. */
  static GQuark quark = 0;

  if (G_UNLIKELY (g_atomic_int_get (&quark) == 0))
    g_atomic_int_set (&quark, g_quark_from_static_string ("puratan-server-request-state"));
  return g_atomic_int_get (&quark);
}

static PuratanRequestState *
request_state (SoupServerMessage *msg)
{
  return g_object_get_qdata (G_OBJECT (msg), puratan_server_request_state_quark ());
}

/* A client's request id is echoed only when it is short, printable and
 * cannot split a header or a log field. */
static gboolean
request_id_is_acceptable (const char *id)
{
  gsize length = id != NULL ? strlen (id) : 0;

  if (length == 0 || length > MAX_REQUEST_ID_LENGTH)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (id[i]) && strchr ("-_.:", id[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* Random bytes for request ids, taken from the system's random source a block at a
 * time: one getrandom() call serves RANDOM_POOL_SIZE / 16 requests instead of each
 * request making its own. Request ids tie log lines together and are not secrets, but
 * they stay unpredictable random (version 4) UUIDs. Each thread has its own pool. */
#define RANDOM_POOL_SIZE 4096

static gboolean
request_uuid_new (char out[37])
{
  static __thread guint8 pool[RANDOM_POOL_SIZE];
  static __thread gsize pool_used = RANDOM_POOL_SIZE;
  static const char hex[] = "0123456789abcdef";
  guint8 *bytes;
  gsize o = 0;

  if (pool_used + 16 > RANDOM_POOL_SIZE)
    {
      if (!puratan_random_bytes (pool, sizeof pool, NULL))
        return FALSE;
      pool_used = 0;
    }
  bytes = pool + pool_used;
  pool_used += 16;
  bytes[6] = (guint8) ((bytes[6] & 0x0f) | 0x40);
  bytes[8] = (guint8) ((bytes[8] & 0x3f) | 0x80);
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[o++] = '-';
      out[o++] = hex[bytes[i] >> 4];
      out[o++] = hex[bytes[i] & 0x0f];
    }
  out[o] = '\0';
  /* A pool's bytes serve once. */
  memset (bytes, 0, 16);
  return TRUE;
}

/* Takes the request's X-Request-Id, or makes a random one. */
void
puratan_server_assign_request_id (SoupServerMessage *msg, PuratanRequestState *state)
{
  const char *given;

  if (state == NULL || state->request_id != NULL)
    return;
  given =
      soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "X-Request-Id");
  if (request_id_is_acceptable (given))
    state->request_id = g_strdup (given);
  else
    {
      char made[37];

      if (request_uuid_new (made))
        state->request_id = g_strdup (made);
      else
        state->request_id = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", g_get_real_time ());
    }
}

/**
 * puratan_principal_free:
 * @principal: (nullable): a principal
 */
void
puratan_principal_free (PuratanPrincipal *principal)
{
  if (principal == NULL)
    return;
  g_free (principal->account_id);
  g_free (principal->session_id);
  g_free (principal);
}

/* Records who sent @msg (transfer full), for puratan_server_get_principal(). */
void
puratan_server_set_principal (SoupServerMessage *msg, PuratanPrincipal *principal)
{
  PuratanRequestState *state = request_state (msg);

  if (state == NULL)
    {
      puratan_principal_free (principal);
      return;
    }
  puratan_principal_free (state->principal);
  state->principal = principal;
}

/**
 * puratan_server_get_principal:
 * @msg: a request being answered
 *
 * Tells a route handler who sent the request. The permission table has
 * already allowed the request when the handler runs.
 *
 * Returns: (transfer none) (nullable): the signed-in account, or %NULL on
 *   a public route asked without an access token
 */
const PuratanPrincipal *
puratan_server_get_principal (SoupServerMessage *msg)
{
  PuratanRequestState *state = request_state (msg);

  return state != NULL ? state->principal : NULL;
}

/**
 * puratan_server_get_request_id:
 * @msg: a request being answered
 *
 * Returns: (transfer none) (nullable): the request's id, as sent back in
 *   `X-Request-Id` and written to the access log
 */
const char *
puratan_server_get_request_id (SoupServerMessage *msg)
{
  PuratanRequestState *state = request_state (msg);

  return state != NULL ? state->request_id : NULL;
}

/* Returns (transfer none) the key that signs access tokens. */
const guint8 *
puratan_server_get_token_key (PuratanServer *self)
{
  return self->token_key;
}

/**
 * puratan_server_set_token_key_file:
 * @self: a server
 * @path: the key file, made (mode 0600) when missing
 * @error: return location for a #GError
 *
 * Signs and checks access tokens with the key in @path instead of the one
 * in the data directory; tokens signed with the old key are refused from
 * now on.
 *
 * Returns: %TRUE when the key was read or made; %FALSE with @error set
 *   (see puratan_token_key_load_or_create()) and the old key kept
 */
gboolean
puratan_server_set_token_key_file (PuratanServer *self, const char *path, GError **error)
{
  guint8 key[PURATAN_TOKEN_KEY_SIZE];

  g_return_val_if_fail (PURATAN_IS_SERVER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!puratan_token_key_load_or_create (path, key, error))
    return FALSE;
  memcpy (self->token_key, key, sizeof key);
  sodium_memzero (key, sizeof key);
  return TRUE;
}

/**
 * puratan_server_get_auth_settings:
 * @self: a server
 *
 * Returns: (transfer none): how the server signs people in
 */
const PuratanServerAuthSettings *
puratan_server_get_auth_settings (PuratanServer *self)
{
  g_return_val_if_fail (PURATAN_IS_SERVER (self), NULL);

  return &self->auth;
}

/**
 * puratan_server_set_auth_settings:
 * @self: a server
 * @settings: token lifetimes (at least one second each), TOTP issuer and
 *   sign-in throttling (valid by puratan_throttle_policy_validate())
 *
 * Applies to requests that start from now on.
 */
void
puratan_server_set_auth_settings (PuratanServer *self, const PuratanServerAuthSettings *settings)
{
  g_return_if_fail (PURATAN_IS_SERVER (self));
  g_return_if_fail (settings != NULL && settings->totp_issuer != NULL);
  g_return_if_fail (settings->access_lifetime > 0 && settings->refresh_lifetime > 0);
  g_return_if_fail (puratan_throttle_policy_validate (&settings->throttle, NULL));

  g_free (self->totp_issuer);
  self->totp_issuer = g_strdup (settings->totp_issuer);
  self->auth = *settings;
  self->auth.totp_issuer = self->totp_issuer;
}

/**
 * puratan_server_foreach_route:
 * @self: a server
 * @func: (scope call): called with each route's method and pattern
 * @user_data: data for @func
 *
 * Walks the routes the server serves, in the order they were added.
 */
void
puratan_server_foreach_route (PuratanServer *self, PuratanRouteFunc func, gpointer user_data)
{
  g_return_if_fail (PURATAN_IS_SERVER (self));

  puratan_router_foreach (self->router, func, user_data);
}
