/* puratan-server-idempotency.c: requests sent with an Idempotency-Key
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The IETF draft "The Idempotency-Key HTTP Header Field": a client that may send a request
 * twice (its answer was lost) names it with a key. The server keeps the answer it gave under
 * the key and the sender's account, with the SHA-256 of the method, path and body:
 *
 * - the same key and the same request get the stored answer again, and nothing is done twice;
 * - the same key with another request gets 422;
 * - a request whose key belongs to a request still being answered gets 409. The key is taken
 *   when the request's headers are read (early, before its body), so a second request with
 *   the key that arrives while the first is still sending its body, or is being worked on,
 *   is refused; the store's 'running' state says the same across server processes.
 *
 * The work and the stored answer commit in one transaction: a key is done exactly when its
 * work is.
 */
#include "puratan-server-tus-private.h"

#include <string.h>

#include "puratan-core.h"
#include "puratan-server-response.h"

static PuratanRequestState *
request_state (SoupServerMessage *msg)
{
  return g_object_get_qdata (G_OBJECT (msg), puratan_server_request_state_quark ());
}

/* 1 to 255 printable ASCII characters, without quotes or backslashes. */
static gboolean
key_chars_valid (const char *key, gsize length)
{
  if (length == 0 || length > PURATAN_SERVER_MAX_IDEMPOTENCY_KEY)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (key[i] < 0x20 || key[i] > 0x7e || key[i] == '"' || key[i] == '\\')
      return FALSE;
  return TRUE;
}

/* The key as sent: a Structured Field string ("…", as the draft writes it) or bare; NULL when
 * missing, empty, too long or holding anything but printable ASCII. */
char *
puratan_server_idempotency_key (SoupServerMessage *msg, gboolean *present)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Idempotency-Key");
  gsize length;

  *present = header != NULL;
  if (header == NULL)
    return NULL;
  length = strlen (header);
  if (length >= 2 && header[0] == '"' && header[length - 1] == '"')
    {
      header++;
      length -= 2;
    }
  if (!key_chars_valid (header, length))
    return NULL;
  return g_strndup (header, length);
}

/* Whether @key (a change's key in a batch) is one puratan_server_idempotency_key() takes. */
gboolean
puratan_server_idempotency_key_valid (const char *key)
{
  return key != NULL && key_chars_valid (key, strlen (key));
}

static char *
inflight_name (const char *account_id, const char *key)
{
  return g_strconcat (account_id, "\n", key, NULL);
}

/* Called once a request's headers are read. Authorises requests to upload and idempotent
 * routes before their bodies arrive, and takes an idempotent request's key: a key taken by
 * a request still running is answered 409 here. Returns whether the route takes uploads;
 * when @refused is set the request has been answered. */
gboolean
puratan_server_early_route (PuratanServer *self,
                            SoupServerMessage *msg,
                            const char *raw_path,
                            gboolean *refused)
{
  g_auto (PuratanRouteMatch) match = { 0 };
  const char *method = soup_server_message_get_method (msg);
  PuratanRequestState *state = request_state (msg);
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  gboolean present;

  *refused = FALSE;
  if (puratan_router_match (self->router, method, raw_path, &match) != PURATAN_ROUTE_FOUND ||
      (match.flags & (PURATAN_ROUTE_UPLOAD | PURATAN_ROUTE_IDEMPOTENT | PURATAN_ROUTE_RESUMABLE)) ==
          0)
    return FALSE;
  *refused = !puratan_server_authorize (self, msg, method, match.pattern);
  if (!*refused && (match.flags & PURATAN_ROUTE_RESUMABLE) != 0)
    {
      /* A tus PATCH writes into its upload's own file (puratan-server-tus.c). */
      *refused = !puratan_server_tus_begin_patch (self, msg, match.params);
      return FALSE;
    }
  if (*refused || (match.flags & PURATAN_ROUTE_IDEMPOTENT) == 0 || state == NULL ||
      state->principal == NULL)
    return (match.flags & PURATAN_ROUTE_UPLOAD) != 0;

  key = puratan_server_idempotency_key (msg, &present);
  if (key == NULL)
    return FALSE; /* the handler explains what is wrong with the header */
  name = inflight_name (state->principal->account_id, key);
  if (g_hash_table_contains (self->inflight_keys, name))
    {
      puratan_server_respond_problem_code (
          msg, SOUP_STATUS_CONFLICT, "idempotency_key_in_use",
          "A request with this Idempotency-Key is still being answered; wait for its answer, "
          "or send this one again later to get it.");
      *refused = TRUE;
      return FALSE;
    }
  g_hash_table_add (self->inflight_keys, g_strdup (name));
  state->inflight_key = g_steal_pointer (&name);
  return FALSE;
}

/* Gives back the key a request took in puratan_server_early_route(). */
void
puratan_server_idempotency_request_done (PuratanServer *self, SoupServerMessage *msg)
{
  PuratanRequestState *state = request_state (msg);

  if (state == NULL || state->inflight_key == NULL)
    return;
  g_hash_table_remove (self->inflight_keys, state->inflight_key);
  g_clear_pointer (&state->inflight_key, g_free);
}

/* The SHA-256 a request is told apart by: its method, path and body. */
char *
puratan_server_idempotency_hash (const char *method,
                                 const char *path,
                                 const void *body,
                                 gsize length)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) method, (gssize) strlen (method));
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) path, (gssize) strlen (path));
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, body, (gssize) length);
  return g_strdup (g_checksum_get_string (checksum));
}

static char *
request_hash (SoupServerMessage *msg)
{
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  return puratan_server_idempotency_hash (soup_server_message_get_method (msg),
                                          g_uri_get_path (soup_server_message_get_uri (msg)),
                                          g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
respond_stored (SoupServerMessage *msg, const PuratanStoredAnswer *answer)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (answer->location != NULL)
    soup_message_headers_replace (headers, "Location", answer->location);
  puratan_server_respond_text (msg, answer->status,
                               answer->status >= 400 ? PURATAN_SERVER_PROBLEM_TYPE
                                                     : PURATAN_SERVER_JSON_TYPE,
                               answer->response != NULL ? answer->response : "");
}

typedef struct
{
  PuratanIdempotentWork work;
  gpointer data;
  const char *account_id;
  const char *key;
  PuratanStoredAnswer answer;
} Run;

static gboolean
run_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Run *run = user_data;

  return run->work (database, run->data, &run->answer, error) &&
         puratan_idempotency_finish (database, run->account_id, run->key, &run->answer, error);
}

/**
 * puratan_server_run_idempotent:
 * @self: the server
 * @msg: a request to an idempotent route, whose body has been checked already
 * @work: (scope call): the request's work
 * @data: its parsed request
 *
 * Answers @msg under the semantics of its `Idempotency-Key` (see above): 400 without a
 * usable key, the stored answer for a repeat, 422 for a key reused with another request, 409
 * while the key's first request runs, and otherwise the answer of @work, stored with it.
 */
void
puratan_server_run_idempotent (PuratanServer *self,
                               SoupServerMessage *msg,
                               PuratanIdempotentWork work,
                               gpointer data)
{
  const PuratanPrincipal *principal = puratan_server_get_principal (msg);
  PuratanDatabase *database = puratan_server_get_database (self);
  g_autoptr (PuratanStoredAnswer) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  gboolean present;
  Run run = { work, data, NULL, NULL, { 0 } };

  key = puratan_server_idempotency_key (msg, &present);
  if (key == NULL)
    {
      puratan_server_respond_problem_code (
          msg, SOUP_STATUS_BAD_REQUEST,
          present ? "idempotency_key_invalid" : "idempotency_key_missing",
          present ? "The Idempotency-Key must be 1 to 255 printable ASCII characters, such as a "
                    "UUID, optionally in double quotes."
                  : "This request needs an Idempotency-Key header with a fresh unique value "
                    "(a UUID), the same when the request is sent again.");
      return;
    }
  hash = request_hash (msg);
  switch (puratan_idempotency_begin (database, principal->account_id, key, hash, &stored, &error))
    {
      case PURATAN_IDEMPOTENCY_DONE:
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Idempotent-Replayed", "true");
        respond_stored (msg, stored);
        return;
      case PURATAN_IDEMPOTENCY_MISMATCH:
        puratan_server_respond_problem_code (
            msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "idempotency_key_reused",
            "This Idempotency-Key was used before for a different request; use a new key for "
            "a new request.");
        return;
      case PURATAN_IDEMPOTENCY_RUNNING:
        puratan_server_respond_problem_code (
            msg, SOUP_STATUS_CONFLICT, "idempotency_key_in_use",
            "A request with this Idempotency-Key is still being answered; send this one again "
            "later to get its answer.");
        return;
      case PURATAN_IDEMPOTENCY_NEW:
      default:
        if (error != NULL)
          {
            puratan_server_respond_error (msg, error);
            return;
          }
        break;
    }

  run.account_id = principal->account_id;
  run.key = key;
  if (puratan_database_run_in_transaction (database, run_in_transaction, &run, &error))
    {
      respond_stored (msg, &run.answer);
    }
  else
    {
      g_autoptr (GError) store_error = NULL;
      g_autoptr (GBytes) body = NULL;

      puratan_server_respond_api_error (msg, error);
      g_clear_pointer (&run.answer.response, g_free);
      g_clear_pointer (&run.answer.location, g_free);
      run.answer.status = soup_server_message_get_status (msg);
      if (run.answer.status >= 500)
        puratan_idempotency_release (database, principal->account_id, key, &store_error);
      else
        {
          /* A refusal is the request's answer too: the same request is refused again. */
          body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
          run.answer.response = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
          puratan_idempotency_finish (database, principal->account_id, key, &run.answer,
                                      &store_error);
        }
      if (store_error != NULL)
        g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                          "Cannot settle an idempotency key: %s", store_error->message);
    }
  g_free (run.answer.response);
  g_free (run.answer.location);
}

/* A problem document as text, for an answer kept or given without a message of its own. */
char *
puratan_server_problem_text (guint status, const char *code, const char *detail)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "about:blank");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, soup_status_get_phrase (status));
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, detail);
  if (code != NULL)
    {
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, code);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return puratan_json_to_string (root, FALSE);
}

static void
set_problem (PuratanStoredAnswer *answer, guint status, const char *code, const char *detail)
{
  answer->status = status;
  answer->response = puratan_server_problem_text (status, code, detail);
  answer->location = NULL;
}

/**
 * puratan_server_run_idempotent_item:
 * @self: the server
 * @principal: the sender
 * @key: the change's Idempotency-Key, already checked
 * @hash: the change's request hash (puratan_server_idempotency_hash() of the request it
 *   stands for)
 * @work: (scope call): the change's work
 * @data: its parsed request
 * @answer: (out caller-allocates): its answer, to free with its members
 * @replayed: (out): whether @answer is the one stored before
 * @error: return location for a server error
 *
 * One change of a batch, inside the caller's transaction, under the same semantics as
 * puratan_server_run_idempotent(): the stored answer for a key done before, 422 for a key
 * reused with another request, 409 while another request holds the key, and otherwise the
 * answer of @work, stored with it (a refusal too). The work runs in a savepoint of its own,
 * so a refused change leaves nothing behind.
 *
 * Returns: %FALSE only for a server error: the caller's transaction must be rolled back
 */
gboolean
puratan_server_run_idempotent_item (PuratanServer *self,
                                    const PuratanPrincipal *principal,
                                    const char *key,
                                    const char *hash,
                                    PuratanIdempotentWork work,
                                    gpointer data,
                                    PuratanStoredAnswer *answer,
                                    gboolean *replayed,
                                    GError **error)
{
  PuratanDatabase *database = puratan_server_get_database (self);
  g_autoptr (PuratanStoredAnswer) stored = NULL;
  g_autoptr (GError) work_error = NULL;
  g_autofree char *name = inflight_name (principal->account_id, key);
  GError *begin_error = NULL;
  Run run = { work, data, principal->account_id, key, { 0 } };
  const char *code = NULL;
  guint status;

  *replayed = FALSE;
  memset (answer, 0, sizeof *answer);
  if (g_hash_table_contains (self->inflight_keys, name))
    {
      set_problem (answer, SOUP_STATUS_CONFLICT, "idempotency_key_in_use",
                   "A request with this Idempotency-Key is still being answered; send this "
                   "change again later to get its answer.");
      return TRUE;
    }
  switch (
      puratan_idempotency_begin (database, principal->account_id, key, hash, &stored, &begin_error))
    {
      case PURATAN_IDEMPOTENCY_DONE:
        *replayed = TRUE;
        *answer = *stored;
        memset (stored, 0, sizeof *stored);
        return TRUE;
      case PURATAN_IDEMPOTENCY_MISMATCH:
        set_problem (answer, SOUP_STATUS_UNPROCESSABLE_ENTITY, "idempotency_key_reused",
                     "This Idempotency-Key was used before for a different request; use a new "
                     "key for a new request.");
        return TRUE;
      case PURATAN_IDEMPOTENCY_RUNNING:
        set_problem (answer, SOUP_STATUS_CONFLICT, "idempotency_key_in_use",
                     "A request with this Idempotency-Key is still being answered; send this "
                     "change again later to get its answer.");
        return TRUE;
      case PURATAN_IDEMPOTENCY_NEW:
      default:
        if (begin_error != NULL)
          {
            g_propagate_error (error, begin_error);
            return FALSE;
          }
        break;
    }

  if (puratan_database_run_in_transaction (database, run_in_transaction, &run, &work_error))
    {
      *answer = run.answer;
      return TRUE;
    }
  g_clear_pointer (&run.answer.response, g_free);
  g_clear_pointer (&run.answer.location, g_free);
  status = puratan_server_api_error_status (work_error, &code);
  if (status >= 500)
    {
      g_propagate_error (error, g_steal_pointer (&work_error));
      return FALSE;
    }
  /* A refusal is the change's answer too: the same change is refused again. */
  set_problem (answer, status, code, work_error->message);
  if (!puratan_idempotency_finish (database, principal->account_id, key, answer, error))
    {
      g_clear_pointer (&answer->response, g_free);
      return FALSE;
    }
  return TRUE;
}
