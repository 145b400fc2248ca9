/* puratan-server-auth.c: who may call a route, and the session routes
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before any handler runs, puratan_server_authorize() looks the route up in
 * the auth layer's permission table. A public route goes ahead. Any other
 * needs `Authorization: Bearer TOKEN`: the token's signature and expiry are
 * checked, then its session in the store (so a signed-out or revoked
 * session's tokens stop working at once, and the account's current role is
 * used), then the role against the table. Failures are 401 with a
 * `WWW-Authenticate` challenge (no, bad, expired or revoked token) or 403
 * (the role may not, or an admin has not used a second factor). The
 * token itself never reaches a log.
 */
#include "puratan-server-private.h"

#include <string.h>

#include "puratan-core.h"

#define CHALLENGE "Bearer realm=\"puratan\""

/* Seconds since the Unix epoch: token times are whole seconds. */
gint64
puratan_server_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * puratan_server_respond_unauthorized:
 * @msg: the request
 * @oauth_error: (nullable): the RFC 6750 error code ("invalid_token",
 *   "invalid_request"), or %NULL when no token was sent
 * @code: (nullable): the problem's `code` member (see
 *   puratan_server_respond_problem_code())
 * @detail: what to do, for the person reading it
 *
 * Answers 401 with a `WWW-Authenticate: Bearer` challenge.
 */
void
puratan_server_respond_unauthorized (SoupServerMessage *msg,
                                     const char *oauth_error,
                                     const char *code,
                                     const char *detail)
{
  g_autofree char *challenge = NULL;

  if (oauth_error != NULL)
    challenge = g_strdup_printf (CHALLENGE ", error=\"%s\"", oauth_error);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "WWW-Authenticate",
                                challenge != NULL ? challenge : CHALLENGE);
  puratan_server_respond_problem_code (msg, SOUP_STATUS_UNAUTHORIZED, code, detail);
}

/* Finds the access token in the Authorization header, or answers 401. */
static const char *
bearer_token (SoupServerMessage *msg)
{
  const char *header =
      soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");

  if (header == NULL)
    {
      puratan_server_respond_unauthorized (
          msg, NULL, "token_missing",
          "This resource needs a signed-in account: send an access token from "
          "POST /api/v1/auth/login as “Authorization: Bearer TOKEN”.");
      return NULL;
    }
  if (g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    {
      puratan_server_respond_unauthorized (
          msg, "invalid_request", NULL,
          "The Authorization header must hold the word “Bearer”, a space and an access token.");
      return NULL;
    }
  header += 7;
  while (*header == ' ')
    header++;
  return header;
}

/* Checks the token and its session; returns (transfer full) the principal,
 * or NULL after answering. */
static PuratanPrincipal *
authenticate (PuratanServer *self, SoupServerMessage *msg)
{
  g_autoptr (PuratanAccessClaims) claims = NULL;
  g_autoptr (PuratanAuthSession) session = NULL;
  g_autoptr (GError) error = NULL;
  PuratanPrincipal *principal;
  const char *token = bearer_token (msg);
  PuratanRole role;

  if (token == NULL)
    return NULL;
  claims = puratan_access_token_verify (puratan_server_get_token_key (self), token,
                                        puratan_server_now (), &error);
  if (claims == NULL)
    {
      puratan_server_respond_unauthorized (
          msg, "invalid_token",
          g_error_matches (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOKEN_EXPIRED)
              ? "token_expired"
              : "token_invalid",
          error->message);
      return NULL;
    }
  /* On a request loop, the loop's own connection (a read of committed rows). */
  session = puratan_auth_session_get_active (puratan_server_loop_database (self), claims->family_id,
                                             claims->account_id, &error);
  if (session == NULL && g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND))
    {
      puratan_server_respond_unauthorized (
          msg, "invalid_token", "session_ended",
          "The session of this access token has ended (signed out, or revoked because a "
          "refresh token was used twice); sign in again.");
      return NULL;
    }
  if (session == NULL || !puratan_role_from_string (session->role, &role, &error))
    {
      puratan_server_respond_error (msg, error);
      return NULL;
    }

  principal = g_new0 (PuratanPrincipal, 1);
  principal->account_id = g_steal_pointer (&session->account_id);
  principal->session_id = g_steal_pointer (&session->id);
  principal->role = role;
  principal->second_factor = session->second_factor;
  return principal;
}

/* Decides whether @msg may reach the handler of the route @method @pattern;
 * when not, it has been answered. Records the principal for the handler. */
gboolean
puratan_server_authorize (PuratanServer *self,
                          SoupServerMessage *msg,
                          const char *method,
                          const char *pattern)
{
  const PuratanPermission *permission = puratan_permission_lookup (method, pattern);
  g_autoptr (PuratanPrincipal) principal = NULL;
  g_autofree char *detail = NULL;

  if (puratan_permission_check (permission, FALSE, PURATAN_ROLE_CUSTOMER, FALSE) ==
      PURATAN_ACCESS_GRANTED)
    return TRUE;

  principal = authenticate (self, msg);
  if (principal == NULL)
    return FALSE;

  switch (puratan_permission_check (permission, TRUE, principal->role, principal->second_factor))
    {
      case PURATAN_ACCESS_GRANTED:
        puratan_server_set_principal (msg, g_steal_pointer (&principal));
        return TRUE;
      case PURATAN_ACCESS_NEEDS_SECOND_FACTOR:
        puratan_server_respond_problem (
            msg, SOUP_STATUS_FORBIDDEN, NULL, NULL,
            "Admin accounts must sign in with two-factor authentication: enrol an authenticator "
            "app (POST /api/v1/auth/totp, then POST /api/v1/auth/totp/confirm) and sign in "
            "again with its code.");
        return FALSE;
      case PURATAN_ACCESS_NEEDS_SIGN_IN:
      case PURATAN_ACCESS_FORBIDDEN:
      default:
        detail = g_strdup_printf ("Accounts with the role “%s” may not use this resource.",
                                  puratan_role_to_string (principal->role));
        puratan_server_respond_problem (msg, SOUP_STATUS_FORBIDDEN, NULL, NULL, detail);
        return FALSE;
    }
}

/**
 * puratan_server_read_json:
 * @msg: a request whose body should be a JSON object
 *
 * Returns: (transfer full) (nullable): the body's object, or %NULL after
 *   answering 415 (not `application/json`) or 400 (not one JSON object)
 */
JsonObject *
puratan_server_read_json (SoupServerMessage *msg)
{
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *detail = NULL;
  const char *type =
      soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);
  JsonObject *object;

  if (type == NULL || g_ascii_strcasecmp (type, PURATAN_SERVER_JSON_TYPE) != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Accept-Post",
                                    PURATAN_SERVER_JSON_TYPE);
      puratan_server_respond_problem (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, NULL, NULL,
                                      "Send the request body as application/json.");
      return NULL;
    }
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  object = puratan_json_parse_object_bytes (body, &error);
  if (object == NULL)
    {
      detail = g_strdup_printf ("The request body is not a JSON object: %s", error->message);
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL, detail);
    }
  return object;
}

/**
 * puratan_server_add_token_members:
 * @builder: a builder inside an object
 * @self: the server
 * @account_id: the account
 * @session_id: the session
 * @role: the account's role
 * @second_factor: whether the session was opened with a TOTP code
 * @refresh_token: the session's current refresh token
 * @now: the current Unix time
 *
 * Signs an access token and adds the members of a token answer:
 * `access_token`, `token_type`, `expires_in`, `refresh_token`,
 * `refresh_expires_in`.
 */
void
puratan_server_add_token_members (JsonBuilder *builder,
                                  PuratanServer *self,
                                  const char *account_id,
                                  const char *session_id,
                                  PuratanRole role,
                                  gboolean second_factor,
                                  const char *refresh_token,
                                  gint64 now)
{
  const PuratanServerAuthSettings *settings = puratan_server_get_auth_settings (self);
  PuratanAccessClaims claims = {
    .account_id = (char *) account_id,
    .family_id = (char *) session_id,
    .role = role,
    .second_factor = second_factor,
    .issued_at = now,
    .expires_at = now + settings->access_lifetime,
  };
  g_autofree char *access =
      puratan_access_token_sign (puratan_server_get_token_key (self), &claims);

  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, access);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "Bearer");
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, settings->access_lifetime);
  json_builder_set_member_name (builder, "refresh_token");
  json_builder_add_string_value (builder, refresh_token);
  json_builder_set_member_name (builder, "refresh_expires_in");
  json_builder_add_int_value (builder, settings->refresh_lifetime);
  json_builder_set_member_name (builder, "second_factor");
  json_builder_add_boolean_value (builder, second_factor);
}

static void
refresh_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_autoptr (JsonObject) body = puratan_server_read_json (msg);
  g_autoptr (PuratanAuthSession) session = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *old_hash = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *fresh_hash = NULL;
  PuratanRefreshOutcome outcome;
  const char *token = NULL;
  gint64 now = puratan_server_now ();
  PuratanRole role;

  if (body == NULL)
    return;
  if (!puratan_json_get_string (body, "refresh_token", &token, &error) ||
      strlen (token) > PURATAN_ACCESS_TOKEN_MAX_LENGTH)
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "Send {\"refresh_token\": TOKEN} with the refresh token "
                                      "from the last sign-in or refresh.");
      return;
    }
  fresh = puratan_refresh_token_new (&error);
  if (fresh == NULL)
    {
      puratan_server_respond_error (msg, error);
      return;
    }
  old_hash = puratan_token_hash (token);
  fresh_hash = puratan_token_hash (fresh);
  if (!puratan_auth_session_rotate (puratan_server_get_database (self), old_hash, fresh_hash, now,
                                    now + puratan_server_get_auth_settings (self)->refresh_lifetime,
                                    puratan_server_get_auth_settings (self)->refresh_retry_grace,
                                    &outcome, &session, &error))
    {
      puratan_server_respond_error (msg, error);
      return;
    }

  switch (outcome)
    {
      case PURATAN_REFRESH_ROTATED:
        break;
      case PURATAN_REFRESH_RETRIED:
        /* The answer to the last refresh was lost; its unused successor no longer counts. */
        g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "ACCOUNT_ID", session->account_id,
                          "SESSION_ID", session->id, "MESSAGE",
                          "A refresh was retried before its successor was used; a new one is "
                          "issued in its place");
        break;
      case PURATAN_REFRESH_REUSED:
        g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "ACCOUNT_ID", session->account_id,
                          "SESSION_ID", session->id, "MESSAGE",
                          "A spent refresh token was presented again; the session is revoked");
        puratan_server_respond_unauthorized (
            msg, "invalid_token", "refresh_token_reused",
            "This refresh token was used before, so a copy of it may be in other hands: the "
            "session has been ended on every device. Sign in again.");
        return;
      case PURATAN_REFRESH_REVOKED:
        puratan_server_respond_unauthorized (msg, "invalid_token", "session_ended",
                                             "The session of this refresh token has ended; sign "
                                             "in again.");
        return;
      case PURATAN_REFRESH_EXPIRED:
        puratan_server_respond_unauthorized (msg, "invalid_token", "refresh_token_expired",
                                             "The refresh token has expired; sign in again.");
        return;
      case PURATAN_REFRESH_UNKNOWN:
      default:
        puratan_server_respond_unauthorized (msg, "invalid_token", "refresh_token_invalid",
                                             "The refresh token is not valid; sign in again.");
        return;
    }

  if (!puratan_role_from_string (session->role, &role, &error))
    {
      puratan_server_respond_error (msg, error);
      return;
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  puratan_server_add_token_members (builder, self, session->account_id, session->id, role,
                                    session->second_factor, fresh, now);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  puratan_server_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
logout_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  const PuratanPrincipal *principal = puratan_server_get_principal (msg);
  g_autoptr (GError) error = NULL;

  if (!puratan_auth_session_revoke (puratan_server_get_database (self), principal->session_id,
                                    puratan_server_now (), &error))
    {
      puratan_server_respond_error (msg, error);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
me_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  const PuratanPrincipal *principal = puratan_server_get_principal (msg);
  PuratanDatabase *database = puratan_server_get_database (self);
  g_autoptr (PuratanAccount) account = NULL;
  g_autoptr (PuratanAccountTotp) totp = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;

  account = puratan_account_get (database, principal->account_id, &error);
  if (account == NULL)
    {
      puratan_server_respond_error (msg, error);
      return;
    }
  totp = puratan_account_totp_get (database, principal->account_id, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, account->id);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, account->email);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, account->role);
  json_builder_set_member_name (builder, "totp");
  json_builder_add_string_value (builder, totp == NULL      ? "none"
                                          : totp->confirmed ? "enabled"
                                                            : "pending");
  json_builder_set_member_name (builder, "second_factor");
  json_builder_add_boolean_value (builder, principal->second_factor);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  puratan_server_respond_json (msg, SOUP_STATUS_OK, root);
}

/* Adds the session routes: refresh, logout, me; login and registration
 * are in puratan-server-login.c. */
void
puratan_server_add_session_routes (PuratanServer *self)
{
  puratan_server_add_route (self, "POST", "/api/v1/auth/refresh", refresh_cb, self);
  puratan_server_add_route (self, "POST", "/api/v1/auth/logout", logout_cb, self);
  puratan_server_add_route (self, "GET", "/api/v1/auth/me", me_cb, self);
}
