/* puratan-sync-http.c: blocking JSON requests to the shop's server over libcurl
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-sync-http.h"
#include "puratan-sync-curl.h"

#include <curl/curl.h>
#include <string.h>

#include "puratan-core.h"
#include "puratan-sync-error.h"

/* Answers above this are refused: the API's pages are far smaller. */
#define MAX_BODY (16 * 1024 * 1024)

/* One easy handle, reused so the connection to the server stays open between requests.
 * A PuratanSyncHttp belongs to one thread at a time (the engine's worker). */
struct _PuratanSyncHttp
{
  CURL *curl;
  char *url;
};

typedef struct
{
  GByteArray *body;
  PuratanSyncResponse *response;
  gboolean too_big;
  /* The last answer's head was read to its end (puratan_sync_curl_headers_end()). */
  gboolean head_ended;
} Transfer;

/**
 * puratan_sync_response_free:
 * @response: (nullable): an answer
 */
void
puratan_sync_response_free (PuratanSyncResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->etag);
  g_free (response->location);
  g_free (response->content_type);
  g_free (response);
}

static size_t
write_cb (char *data, size_t size, size_t n, void *user_data)
{
  Transfer *transfer = user_data;

  if (transfer->body->len + size * n > MAX_BODY)
    {
      transfer->too_big = TRUE;
      return 0;
    }
  g_byte_array_append (transfer->body, (const guint8 *) data, size * n);
  return size * n;
}

/**
 * puratan_sync_curl_header_value:
 * @line: a header line as libcurl hands it over (not nul-terminated)
 * @length: its length
 * @name: the header wanted, any case
 *
 * Returns: (transfer full) (nullable): the header's value without surrounding space, or %NULL
 *   when @line is another header
 */
char *
puratan_sync_curl_header_value (const char *line, size_t length, const char *name)
{
  size_t name_length = strlen (name);

  if (length <= name_length + 1 || g_ascii_strncasecmp (line, name, name_length) != 0 ||
      line[name_length] != ':')
    return NULL;
  return g_strstrip (g_strndup (line + name_length + 1, length - name_length - 1));
}

/* Whether @line, one line of an answer's head as libcurl hands it over, is the empty line
 * that ends the head. libcurl takes a head cut off by a closed connection, at the end of a
 * line, for a whole answer (a 204 has no body to miss), so the clients check that they saw
 * this line: without it, headers such as Upload-Offset may be missing. */
gboolean
puratan_sync_curl_headers_end (const char *line, size_t length)
{
  return (length == 2 && line[0] == '\r' && line[1] == '\n') || (length == 1 && line[0] == '\n');
}

static size_t
header_cb (char *data, size_t size, size_t n, void *user_data)
{
  Transfer *transfer = user_data;
  PuratanSyncResponse *response = transfer->response;
  size_t length = size * n;
  char *value;

  /* A new status line (after a 100 Continue, say) starts the headers again. */
  if (length > 5 && strncmp (data, "HTTP/", 5) == 0)
    {
      transfer->head_ended = FALSE;
      g_clear_pointer (&response->etag, g_free);
      g_clear_pointer (&response->location, g_free);
      g_clear_pointer (&response->content_type, g_free);
      response->retry_after = -1;
      response->replayed = FALSE;
    }
  else if (puratan_sync_curl_headers_end (data, length))
    transfer->head_ended = TRUE;
  else if ((value = puratan_sync_curl_header_value (data, length, "ETag")) != NULL)
    {
      char *start = value;
      if (g_str_has_prefix (start, "W/"))
        start += 2;
      if (start[0] == '"' && strlen (start) >= 2 && start[strlen (start) - 1] == '"')
        response->etag = g_strndup (start + 1, strlen (start) - 2);
      else
        response->etag = g_strdup (start);
      g_free (value);
    }
  else if ((value = puratan_sync_curl_header_value (data, length, "Location")) != NULL)
    response->location = value;
  else if ((value = puratan_sync_curl_header_value (data, length, "Content-Type")) != NULL)
    {
      char *semicolon = strchr (value, ';');
      if (semicolon != NULL)
        *semicolon = '\0';
      response->content_type = g_strstrip (value);
    }
  else if ((value = puratan_sync_curl_header_value (data, length, "Retry-After")) != NULL)
    {
      guint64 seconds = 0;
      if (g_ascii_string_to_unsigned (value, 10, 0, 86400, &seconds, NULL))
        response->retry_after = (gint64) seconds;
      g_free (value);
    }
  else if ((value = puratan_sync_curl_header_value (data, length, "Idempotent-Replayed")) != NULL)
    {
      response->replayed = g_ascii_strcasecmp (value, "true") == 0;
      g_free (value);
    }
  return length;
}

static int
cancelled_cb (
    void *cancellable, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
  return cancellable != NULL && g_cancellable_is_cancelled (cancellable) ? 1 : 0;
}

/**
 * puratan_sync_curl_prepare:
 * @curl: an easy handle, kept alive between requests for its connection
 * @url: where the request goes
 * @timeout_seconds: the most the whole request may take
 * @take_body: takes the answer's body, with @transfer
 * @take_header: takes each header line, with @transfer
 * @transfer: the caller's state for the two callbacks
 * @cancellable: (nullable): once cancelled, the request is aborted
 *
 * Resets @curl and sets what every request of the sync layer shares: HTTP or HTTPS only, no
 * signals, 10 s to connect, 30 s without a byte counted as a lost connection, and the
 * callbacks.
 */
void
puratan_sync_curl_prepare (CURL *curl,
                           const char *url,
                           long timeout_seconds,
                           curl_write_callback take_body,
                           curl_write_callback take_header,
                           void *transfer,
                           GCancellable *cancellable)
{
  curl_easy_reset (curl);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, 30L);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, timeout_seconds);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, take_body);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, transfer);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, take_header);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, transfer);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, cancelled_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, cancellable);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
}

static gsize curl_initialised = 0;

/**
 * puratan_sync_http_new:
 * @server_url: the server's base URL, `http://` or `https://`, such as
 *   `https://shop.example.in/` (the API is under `api/v1/` of it)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a client, or %NULL with
 *   %PURATAN_SYNC_ERROR_INVALID_URL
 */
PuratanSyncHttp *
puratan_sync_http_new (const char *server_url, GError **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) parse_error = NULL;
  PuratanSyncHttp *http;
  const char *scheme;

  g_return_val_if_fail (server_url != NULL, NULL);

  uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, &parse_error);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_INVALID_URL,
                   "“%s” is not a server address; give one such as https://shop.example.in/",
                   server_url);
      return NULL;
    }
  if (g_once_init_enter (&curl_initialised))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&curl_initialised, 1);
    }

  http = g_new0 (PuratanSyncHttp, 1);
  http->curl = curl_easy_init ();
  http->url = g_str_has_suffix (server_url, "/") ? g_strndup (server_url, strlen (server_url) - 1)
                                                 : g_strdup (server_url);
  return http;
}

/**
 * puratan_sync_http_free:
 * @http: (nullable): a client
 */
void
puratan_sync_http_free (PuratanSyncHttp *http)
{
  if (http == NULL)
    return;
  curl_easy_cleanup (http->curl);
  g_free (http->url);
  g_free (http);
}

/**
 * puratan_sync_http_get_url:
 * @http: a client
 *
 * Returns: (transfer none): the server's base URL, without a trailing slash
 */
const char *
puratan_sync_http_get_url (PuratanSyncHttp *http)
{
  return http->url;
}

/**
 * puratan_sync_http_request:
 * @http: a client
 * @method: "GET", "POST" or "PATCH"
 * @path: the path from the server's root, starting with "/"
 * @access_token: (nullable): sent as `Authorization: Bearer`
 * @idempotency_key: (nullable): sent as `Idempotency-Key`
 * @if_match: (nullable): a version, sent as `If-Match: "VERSION"`
 * @json_body: (nullable): the request body, `application/json`
 * @cancellable: (nullable): stops the request
 * @error: return location for a #GError
 *
 * Sends one request and waits for the whole answer; blocks, so it runs on a worker thread.
 * Any answer, whatever its status, is returned; only a request that got no answer fails,
 * with %PURATAN_SYNC_ERROR_OFFLINE (connection refused, reset, timed out, or the answer cut
 * short), %PURATAN_SYNC_ERROR_PROTOCOL (an answer over 16 MB) or
 * %PURATAN_SYNC_ERROR_CANCELLED.
 *
 * Returns: (transfer full) (nullable): the answer, or %NULL with @error set
 */
PuratanSyncResponse *
puratan_sync_http_request (PuratanSyncHttp *http,
                           const char *method,
                           const char *path,
                           const char *access_token,
                           const char *idempotency_key,
                           const char *if_match,
                           const char *json_body,
                           GCancellable *cancellable,
                           GError **error)
{
  g_autoptr (PuratanSyncResponse) response = g_new0 (PuratanSyncResponse, 1);
  g_autoptr (GByteArray) body = g_byte_array_new ();
  g_autofree char *url = g_strconcat (http->url, path, NULL);
  g_autofree char *authorization = NULL;
  g_autofree char *key = NULL;
  g_autofree char *match = NULL;
  struct curl_slist *headers = NULL;
  Transfer transfer = { body, response, FALSE };
  CURLcode code;
  long status = 0;

  g_return_val_if_fail (http != NULL && method != NULL && path != NULL && path[0] == '/', NULL);

  response->retry_after = -1;
  puratan_sync_curl_prepare (http->curl, url, 120L, write_cb, header_cb, &transfer, cancellable);
  curl_easy_setopt (http->curl, CURLOPT_CUSTOMREQUEST, method);

  headers = curl_slist_append (headers, "Accept: application/json");
  /* The server answers small bodies at once; no 100 Continue round trip. */
  headers = curl_slist_append (headers, "Expect:");
  if (access_token != NULL)
    {
      authorization = g_strconcat ("Authorization: Bearer ", access_token, NULL);
      headers = curl_slist_append (headers, authorization);
    }
  if (idempotency_key != NULL)
    {
      key = g_strconcat ("Idempotency-Key: ", idempotency_key, NULL);
      headers = curl_slist_append (headers, key);
    }
  if (if_match != NULL)
    {
      match = g_strdup_printf ("If-Match: \"%s\"", if_match);
      headers = curl_slist_append (headers, match);
    }
  if (json_body != NULL)
    {
      headers = curl_slist_append (headers, "Content-Type: application/json");
      curl_easy_setopt (http->curl, CURLOPT_POSTFIELDS, json_body);
      curl_easy_setopt (http->curl, CURLOPT_POSTFIELDSIZE, (long) strlen (json_body));
    }
  curl_easy_setopt (http->curl, CURLOPT_HTTPHEADER, headers);

  code = curl_easy_perform (http->curl);
  curl_easy_getinfo (http->curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_setopt (http->curl, CURLOPT_HTTPHEADER, NULL);
  curl_slist_free_all (headers);

  if (code == CURLE_ABORTED_BY_CALLBACK)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_CANCELLED,
                   "The request to %s was stopped", http->url);
      return NULL;
    }
  if (transfer.too_big)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_PROTOCOL,
                   "The server's answer to %s %s is over %d MB", method, path,
                   MAX_BODY / (1024 * 1024));
      return NULL;
    }
  if (code != CURLE_OK || status < 100)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_OFFLINE,
                   "The server at %s did not answer: %s", http->url, curl_easy_strerror (code));
      return NULL;
    }
  if (!transfer.head_ended)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_OFFLINE,
                   "The connection to %s broke in the middle of the answer's headers", http->url);
      return NULL;
    }
  response->status = (guint) status;
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&body));
  return g_steal_pointer (&response);
}

/**
 * puratan_sync_response_object:
 * @response: an answer
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the body as a JSON object (strictly parsed), or %NULL
 *   with %PURATAN_SYNC_ERROR_OFFLINE for a success answer (it was cut short) and
 *   %PURATAN_SYNC_ERROR_PROTOCOL for any other
 */
JsonObject *
puratan_sync_response_object (PuratanSyncResponse *response, GError **error)
{
  g_autoptr (GError) parse_error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (response->body, &length);
  JsonObject *object;

  object = puratan_json_parse_object (data != NULL ? data : "", (gssize) length, &parse_error);
  /* An answer cut short by a broken connection can look whole when the server delimits it
   * by closing: a success whose body does not parse counts as an answer not received, so
   * the request is sent again (under its idempotency key). */
  if (object == NULL)
    g_set_error (error, PURATAN_SYNC_ERROR,
                 response->status >= 200 && response->status < 300 ? PURATAN_SYNC_ERROR_OFFLINE
                                                                   : PURATAN_SYNC_ERROR_PROTOCOL,
                 "The server answered %u with a body that is not a JSON object: %s",
                 response->status, parse_error->message);
  return object;
}

/**
 * puratan_sync_response_problem:
 * @response: an answer with an error status
 * @code: (out) (optional) (transfer full) (nullable): the problem's `code` member
 *
 * Returns: (transfer full): the problem document's `detail`, or a sentence naming the status
 *   when the answer is not a problem document
 */
char *
puratan_sync_response_problem (PuratanSyncResponse *response, char **code)
{
  g_autoptr (JsonObject) problem = NULL;
  const char *detail = NULL;

  if (code != NULL)
    *code = NULL;
  problem = puratan_sync_response_object (response, NULL);
  if (problem != NULL && code != NULL && json_object_has_member (problem, "code") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (problem, "code")) &&
      json_object_get_member (problem, "code") != NULL &&
      json_node_get_value_type (json_object_get_member (problem, "code")) == G_TYPE_STRING)
    *code = g_strdup (json_object_get_string_member (problem, "code"));
  if (problem != NULL && json_object_has_member (problem, "detail") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (problem, "detail")) &&
      json_node_get_value_type (json_object_get_member (problem, "detail")) == G_TYPE_STRING)
    detail = json_object_get_string_member (problem, "detail");
  if (detail != NULL && detail[0] != '\0')
    return g_strdup (detail);
  return g_strdup_printf ("The server answered HTTP %u", response->status);
}

/**
 * puratan_sync_response_check:
 * @response: an answer
 * @error: return location for a #GError
 *
 * Turns an error status into the error the engine acts on: 429 and 503 (and 409 for an
 * idempotency key still in use) are %PURATAN_SYNC_ERROR_BUSY, 5xx
 * %PURATAN_SYNC_ERROR_OFFLINE (the server failed; try later), 401
 * %PURATAN_SYNC_ERROR_NOT_SIGNED_IN, other 4xx %PURATAN_SYNC_ERROR_REFUSED, each with the
 * server's problem detail as the message.
 *
 * Returns: %TRUE for a 2xx answer
 */
gboolean
puratan_sync_response_check (PuratanSyncResponse *response, GError **error)
{
  g_autofree char *code = NULL;
  g_autofree char *detail = NULL;
  int kind;

  if (response->status >= 200 && response->status < 300)
    return TRUE;
  detail = puratan_sync_response_problem (response, &code);
  if (response->status == 429 || response->status == 503 ||
      (response->status == 409 && g_strcmp0 (code, "idempotency_key_in_use") == 0))
    kind = PURATAN_SYNC_ERROR_BUSY;
  else if (response->status >= 500)
    kind = PURATAN_SYNC_ERROR_OFFLINE;
  else if (response->status == 401)
    kind = PURATAN_SYNC_ERROR_NOT_SIGNED_IN;
  else
    kind = PURATAN_SYNC_ERROR_REFUSED;
  g_set_error_literal (error, PURATAN_SYNC_ERROR, kind, detail);
  return FALSE;
}
