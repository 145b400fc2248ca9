/* puratan-sync-credentials.c: tokens for the shop's server, kept in the keyring
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-sync-credentials.h"

#include <libsecret/secret.h>
#include <string.h>

#include "puratan-core.h"
#include "puratan-sync-error.h"

/**
 * puratan_sync_tokens_free:
 * @tokens: (nullable): tokens
 *
 * Frees the tokens, wiping the secrets first.
 */
void
puratan_sync_tokens_free (PuratanSyncTokens *tokens)
{
  if (tokens == NULL)
    return;
  if (tokens->access_token != NULL)
    memset (tokens->access_token, 0, strlen (tokens->access_token));
  if (tokens->refresh_token != NULL)
    memset (tokens->refresh_token, 0, strlen (tokens->refresh_token));
  g_free (tokens->access_token);
  g_free (tokens->refresh_token);
  g_free (tokens->account_id);
  g_free (tokens->email);
  g_free (tokens->role);
  g_free (tokens);
}

/**
 * puratan_sync_tokens_copy:
 * @tokens: tokens
 *
 * Returns: (transfer full): a copy
 */
PuratanSyncTokens *
puratan_sync_tokens_copy (const PuratanSyncTokens *tokens)
{
  PuratanSyncTokens *copy = g_new0 (PuratanSyncTokens, 1);

  copy->access_token = g_strdup (tokens->access_token);
  copy->refresh_token = g_strdup (tokens->refresh_token);
  copy->access_expires_at = tokens->access_expires_at;
  copy->account_id = g_strdup (tokens->account_id);
  copy->email = g_strdup (tokens->email);
  copy->role = g_strdup (tokens->role);
  copy->second_factor_required = tokens->second_factor_required;
  return copy;
}

G_DEFINE_INTERFACE (PuratanSyncCredentialStore, puratan_sync_credential_store, G_TYPE_OBJECT)

static void
puratan_sync_credential_store_default_init (PuratanSyncCredentialStoreInterface *iface)
{
}

/**
 * puratan_sync_credential_store_load:
 * @self: a store
 * @server_url: the server's base URL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the tokens kept for @server_url; %NULL without @error
 *   when none are kept, %NULL with %PURATAN_SYNC_ERROR_KEYRING when the store failed
 */
PuratanSyncTokens *
puratan_sync_credential_store_load (PuratanSyncCredentialStore *self,
                                    const char *server_url,
                                    GCancellable *cancellable,
                                    GError **error)
{
  g_return_val_if_fail (PURATAN_IS_SYNC_CREDENTIAL_STORE (self), NULL);
  return PURATAN_SYNC_CREDENTIAL_STORE_GET_IFACE (self)->load (self, server_url, cancellable,
                                                               error);
}

/**
 * puratan_sync_credential_store_save:
 * @self: a store
 * @server_url: the server's base URL
 * @tokens: the tokens to keep
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE when kept
 */
gboolean
puratan_sync_credential_store_save (PuratanSyncCredentialStore *self,
                                    const char *server_url,
                                    const PuratanSyncTokens *tokens,
                                    GCancellable *cancellable,
                                    GError **error)
{
  g_return_val_if_fail (PURATAN_IS_SYNC_CREDENTIAL_STORE (self), FALSE);
  return PURATAN_SYNC_CREDENTIAL_STORE_GET_IFACE (self)->save (self, server_url, tokens,
                                                               cancellable, error);
}

/**
 * puratan_sync_credential_store_clear:
 * @self: a store
 * @server_url: the server's base URL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE when no tokens are kept for @server_url any more
 */
gboolean
puratan_sync_credential_store_clear (PuratanSyncCredentialStore *self,
                                     const char *server_url,
                                     GCancellable *cancellable,
                                     GError **error)
{
  g_return_val_if_fail (PURATAN_IS_SYNC_CREDENTIAL_STORE (self), FALSE);
  return PURATAN_SYNC_CREDENTIAL_STORE_GET_IFACE (self)->clear (self, server_url, cancellable,
                                                                error);
}

/* The keyring: libsecret's Secret Service (gnome-keyring, KWallet, or the Secret portal in
 * the Flatpak). One item per server; its secret is the tokens as JSON, so nothing of them is
 * ever in GSettings or a file of ours. */
struct _PuratanSyncKeyring
{
  GObject parent_instance;
};

static const SecretSchema *
keyring_schema (void)
{
  static const SecretSchema schema = {
    "in.puratan.Studio.ServerTokens",
    SECRET_SCHEMA_NONE,
    {
        { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { NULL, 0 },
    },
  };
  return &schema;
}

static void
keyring_failed (GError **error, GError *cause, const char *doing)
{
  g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_KEYRING, "Cannot %s the keyring: %s",
               doing, cause->message);
  g_error_free (cause);
}

static PuratanSyncTokens *
keyring_load (PuratanSyncCredentialStore *store,
              const char *server_url,
              GCancellable *cancellable,
              GError **error)
{
  GError *cause = NULL;
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (PuratanSyncTokens) tokens = g_new0 (PuratanSyncTokens, 1);
  const char *access, *refresh, *account, *email, *role;
  char *secret;

  secret = secret_password_lookup_sync (keyring_schema (), cancellable, &cause, "server",
                                        server_url, NULL);
  if (cause != NULL)
    {
      keyring_failed (error, cause, "read");
      return NULL;
    }
  if (secret == NULL)
    return NULL;
  object = puratan_json_parse_object (secret, -1, NULL);
  secret_password_free (secret);
  if (object == NULL || !puratan_json_get_string (object, "access_token", &access, NULL) ||
      !puratan_json_get_string (object, "refresh_token", &refresh, NULL) ||
      !puratan_json_get_int (object, "access_expires_at", &tokens->access_expires_at, NULL) ||
      !puratan_json_get_string (object, "account_id", &account, NULL) ||
      !puratan_json_get_string (object, "email", &email, NULL) ||
      !puratan_json_get_string (object, "role", &role, NULL) ||
      !puratan_json_get_bool (object, "second_factor_required", &tokens->second_factor_required,
                              NULL))
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_KEYRING,
                   "The keyring's sign-in for %s is damaged; sign in again", server_url);
      return NULL;
    }
  tokens->access_token = g_strdup (access);
  tokens->refresh_token = g_strdup (refresh);
  tokens->account_id = g_strdup (account);
  tokens->email = g_strdup (email);
  tokens->role = g_strdup (role);
  return g_steal_pointer (&tokens);
}

static gboolean
keyring_save (PuratanSyncCredentialStore *store,
              const char *server_url,
              const PuratanSyncTokens *tokens,
              GCancellable *cancellable,
              GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *label = g_strdup_printf ("Puratan Studio sign-in for %s", server_url);
  char *json;
  GError *cause = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, tokens->access_token);
  json_builder_set_member_name (builder, "refresh_token");
  json_builder_add_string_value (builder, tokens->refresh_token);
  json_builder_set_member_name (builder, "access_expires_at");
  json_builder_add_int_value (builder, tokens->access_expires_at);
  json_builder_set_member_name (builder, "account_id");
  json_builder_add_string_value (builder, tokens->account_id);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, tokens->email);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, tokens->role);
  json_builder_set_member_name (builder, "second_factor_required");
  json_builder_add_boolean_value (builder, tokens->second_factor_required);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = puratan_json_to_string (root, FALSE);

  secret_password_store_sync (keyring_schema (), SECRET_COLLECTION_DEFAULT, label, json,
                              cancellable, &cause, "server", server_url, NULL);
  memset (json, 0, strlen (json));
  g_free (json);
  if (cause != NULL)
    {
      keyring_failed (error, cause, "write to");
      return FALSE;
    }
  return TRUE;
}

static gboolean
keyring_clear (PuratanSyncCredentialStore *store,
               const char *server_url,
               GCancellable *cancellable,
               GError **error)
{
  GError *cause = NULL;

  secret_password_clear_sync (keyring_schema (), cancellable, &cause, "server", server_url, NULL);
  if (cause != NULL)
    {
      keyring_failed (error, cause, "clear the sign-in from");
      return FALSE;
    }
  return TRUE;
}

static void
keyring_iface_init (PuratanSyncCredentialStoreInterface *iface)
{
  iface->load = keyring_load;
  iface->save = keyring_save;
  iface->clear = keyring_clear;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PuratanSyncKeyring,
                               puratan_sync_keyring,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PURATAN_TYPE_SYNC_CREDENTIAL_STORE,
                                                      keyring_iface_init))

static void
puratan_sync_keyring_class_init (PuratanSyncKeyringClass *klass)
{
}

static void
puratan_sync_keyring_init (PuratanSyncKeyring *self)
{
}

/**
 * puratan_sync_keyring_new:
 *
 * Returns: (transfer full): the credential store on the session's Secret Service
 */
PuratanSyncCredentialStore *
puratan_sync_keyring_new (void)
{
  return g_object_new (PURATAN_TYPE_SYNC_KEYRING, NULL);
}

/* Reads a token answer (sign-in or refresh) into @tokens. */
static gboolean
read_token_answer (PuratanSyncResponse *response, PuratanSyncTokens *tokens, GError **error)
{
  g_autoptr (JsonObject) object = puratan_sync_response_object (response, error);
  g_autoptr (GError) member_error = NULL;
  const char *access, *refresh;
  gint64 expires_in;

  if (object == NULL)
    return FALSE;
  if (!puratan_json_get_string (object, "access_token", &access, &member_error) ||
      !puratan_json_get_string (object, "refresh_token", &refresh, &member_error) ||
      !puratan_json_get_int_in_range (object, "expires_in", 1, 86400 * 366, &expires_in,
                                      &member_error))
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_PROTOCOL,
                   "The server's token answer is incomplete: %s", member_error->message);
      return FALSE;
    }
  g_free (tokens->access_token);
  tokens->access_token = g_strdup (access);
  g_free (tokens->refresh_token);
  tokens->refresh_token = g_strdup (refresh);
  tokens->access_expires_at = g_get_real_time () / G_USEC_PER_SEC + expires_in;
  if (json_object_has_member (object, "account"))
    {
      JsonObject *account = NULL;
      const char *id, *email, *role;
      gboolean second = FALSE;

      if (!puratan_json_get_object (object, "account", &account, &member_error) ||
          !puratan_json_get_string (account, "id", &id, &member_error) ||
          !puratan_json_get_string (account, "email", &email, &member_error) ||
          !puratan_json_get_string (account, "role", &role, &member_error) ||
          !puratan_json_get_bool (account, "second_factor_required", &second, &member_error))
        {
          g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_PROTOCOL,
                       "The server's sign-in answer is incomplete: %s", member_error->message);
          return FALSE;
        }
      g_free (tokens->account_id);
      tokens->account_id = g_strdup (id);
      g_free (tokens->email);
      tokens->email = g_strdup (email);
      g_free (tokens->role);
      tokens->role = g_strdup (role);
      tokens->second_factor_required = second;
    }
  return TRUE;
}

/**
 * puratan_sync_sign_in:
 * @http: a client for the server
 * @store: where to keep the tokens
 * @email: the account's email address
 * @password: its password
 * @totp_code: (nullable): the authenticator app's code, for accounts with two-factor
 *   authentication
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Signs in with `POST /api/v1/auth/login` and keeps the tokens in @store. Blocks; run it on
 * a worker thread. Errors: %PURATAN_SYNC_ERROR_TOTP_REQUIRED (ask for the code and call
 * again with it), %PURATAN_SYNC_ERROR_TOTP_INVALID, %PURATAN_SYNC_ERROR_BAD_CREDENTIALS,
 * %PURATAN_SYNC_ERROR_BUSY (too many failures: the message says how long to wait),
 * %PURATAN_SYNC_ERROR_OFFLINE, %PURATAN_SYNC_ERROR_KEYRING; messages are the server's.
 *
 * Returns: (transfer full) (nullable): the tokens, or %NULL with @error set
 */
PuratanSyncTokens *
puratan_sync_sign_in (PuratanSyncHttp *http,
                      PuratanSyncCredentialStore *store,
                      const char *email,
                      const char *password,
                      const char *totp_code,
                      GCancellable *cancellable,
                      GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (PuratanSyncResponse) response = NULL;
  g_autoptr (PuratanSyncTokens) tokens = g_new0 (PuratanSyncTokens, 1);
  g_autofree char *body = NULL;

  g_return_val_if_fail (http != NULL && PURATAN_IS_SYNC_CREDENTIAL_STORE (store), NULL);
  g_return_val_if_fail (email != NULL && password != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  if (totp_code != NULL)
    {
      json_builder_set_member_name (builder, "totp_code");
      json_builder_add_string_value (builder, totp_code);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = puratan_json_to_string (root, FALSE);

  response = puratan_sync_http_request (http, "POST", "/api/v1/auth/login", NULL, NULL, NULL, body,
                                        cancellable, error);
  memset (body, 0, strlen (body));
  if (response == NULL)
    return NULL;
  if (response->status == 401)
    {
      g_autofree char *code = NULL;
      g_autofree char *detail = puratan_sync_response_problem (response, &code);
      int kind = g_strcmp0 (code, "totp_required") == 0 ? PURATAN_SYNC_ERROR_TOTP_REQUIRED
                 : g_str_has_prefix (code != NULL ? code : "", "totp_")
                     ? PURATAN_SYNC_ERROR_TOTP_INVALID
                     : PURATAN_SYNC_ERROR_BAD_CREDENTIALS;
      g_set_error_literal (error, PURATAN_SYNC_ERROR, kind, detail);
      return NULL;
    }
  if (!puratan_sync_response_check (response, error) ||
      !read_token_answer (response, tokens, error) ||
      !puratan_sync_credential_store_save (store, puratan_sync_http_get_url (http), tokens,
                                           cancellable, error))
    return NULL;
  return g_steal_pointer (&tokens);
}

/**
 * puratan_sync_refresh:
 * @http: a client for the server
 * @store: where the tokens are kept
 * @tokens: (inout): the tokens; replaced by the new ones on success
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Rotates the tokens with `POST /api/v1/auth/refresh` and keeps the new ones. The server
 * spends the old refresh token; the new one is written to @store before this returns.
 * Errors: %PURATAN_SYNC_ERROR_NOT_SIGNED_IN when the server ended the session (the kept
 * tokens are cleared: sign in again), %PURATAN_SYNC_ERROR_OFFLINE, %PURATAN_SYNC_ERROR_BUSY.
 *
 * Returns: %TRUE when rotated
 */
gboolean
puratan_sync_refresh (PuratanSyncHttp *http,
                      PuratanSyncCredentialStore *store,
                      PuratanSyncTokens *tokens,
                      GCancellable *cancellable,
                      GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (PuratanSyncResponse) response = NULL;
  g_autoptr (PuratanSyncTokens) fresh = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (http != NULL && tokens != NULL, FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "refresh_token");
  json_builder_add_string_value (builder, tokens->refresh_token);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = puratan_json_to_string (root, FALSE);
  response = puratan_sync_http_request (http, "POST", "/api/v1/auth/refresh", NULL, NULL, NULL,
                                        body, cancellable, error);
  memset (body, 0, strlen (body));
  if (response == NULL)
    return FALSE;
  if (response->status == 401 || response->status == 400)
    {
      g_autofree char *detail = puratan_sync_response_problem (response, NULL);
      puratan_sync_credential_store_clear (store, puratan_sync_http_get_url (http), cancellable,
                                           NULL);
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_NOT_SIGNED_IN,
                   "The server ended the sign-in (%s); sign in again", detail);
      return FALSE;
    }
  fresh = puratan_sync_tokens_copy (tokens);
  if (!puratan_sync_response_check (response, error) ||
      !read_token_answer (response, fresh, error) ||
      !puratan_sync_credential_store_save (store, puratan_sync_http_get_url (http), fresh,
                                           cancellable, error))
    return FALSE;
  g_free (tokens->access_token);
  tokens->access_token = g_steal_pointer (&fresh->access_token);
  g_free (tokens->refresh_token);
  tokens->refresh_token = g_steal_pointer (&fresh->refresh_token);
  tokens->access_expires_at = fresh->access_expires_at;
  return TRUE;
}

/**
 * puratan_sync_sign_out:
 * @http: a client for the server
 * @store: where the tokens are kept
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Ends the session on the server (`POST /api/v1/auth/logout`) when it can be reached, and
 * forgets the tokens in any case: signing out works offline too.
 *
 * Returns: %TRUE when the tokens are gone from @store
 */
gboolean
puratan_sync_sign_out (PuratanSyncHttp *http,
                       PuratanSyncCredentialStore *store,
                       GCancellable *cancellable,
                       GError **error)
{
  g_autoptr (PuratanSyncTokens) tokens = NULL;
  const char *url = puratan_sync_http_get_url (http);

  tokens = puratan_sync_credential_store_load (store, url, cancellable, error);
  if (tokens == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (tokens != NULL)
    {
      /* Whatever the answer (or none, offline), the tokens are forgotten below. */
      PuratanSyncResponse *response =
          puratan_sync_http_request (http, "POST", "/api/v1/auth/logout", tokens->access_token,
                                     NULL, NULL, NULL, cancellable, NULL);
      puratan_sync_response_free (response);
    }
  return puratan_sync_credential_store_clear (store, url, cancellable, error);
}
