/* puratan-sync-tus.c: tus 1.0 requests (creation, offset, chunks) over libcurl
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON client (puratan-sync-http.c) sends JSON bodies and reads JSON answers; tus needs
 * binary bodies, its own headers and the Upload-Offset of the answer, so uploads have a
 * client of their own, with its own connection. It blocks: it runs on the engine's worker.
 */
#include "puratan-sync-tus.h"

#include <curl/curl.h>
#include <string.h>

#include "puratan-sync-curl.h"
#include "puratan-sync-error.h"

/* tus answers are headers and, on refusal, a small problem document. */
#define MAX_BODY (64 * 1024)

struct _PuratanSyncTus
{
  CURL *curl;
  char *url;
};

typedef struct
{
  GByteArray *body;
  PuratanSyncTusAnswer *answer;
  /* The last answer's head was read to its end (puratan_sync_curl_headers_end()). */
  gboolean head_ended;
} Transfer;

/**
 * puratan_sync_tus_answer_free:
 * @answer: (nullable): an answer
 */
void
puratan_sync_tus_answer_free (PuratanSyncTusAnswer *answer)
{
  if (answer == NULL)
    return;
  puratan_sync_response_free (answer->response);
  g_free (answer);
}

/**
 * puratan_sync_tus_new:
 * @base_url: the server's base URL without a trailing slash
 *   (puratan_sync_http_get_url())
 *
 * Returns: (transfer full): a client
 */
PuratanSyncTus *
puratan_sync_tus_new (const char *base_url)
{
  PuratanSyncTus *tus = g_new0 (PuratanSyncTus, 1);

  /* curl_global_init() ran when the run's JSON client was made. */
  tus->curl = curl_easy_init ();
  tus->url = g_strdup (base_url);
  return tus;
}

/**
 * puratan_sync_tus_free:
 * @tus: (nullable): a client
 */
void
puratan_sync_tus_free (PuratanSyncTus *tus)
{
  if (tus == NULL)
    return;
  curl_easy_cleanup (tus->curl);
  g_free (tus->url);
  g_free (tus);
}

static size_t
write_cb (char *data, size_t size, size_t n, void *user_data)
{
  Transfer *transfer = user_data;

  /* A longer answer is cut to its start: only its problem detail is read. */
  if (transfer->body->len < MAX_BODY)
    g_byte_array_append (transfer->body, (const guint8 *) data,
                         MIN (size * n, MAX_BODY - transfer->body->len));
  return size * n;
}

/* A header of decimal digits, -1 when it is anything else. */
static gint64
count_value (char *value)
{
  guint64 number = 0;

  if (value == NULL || value[0] == '\0' || strspn (value, "0123456789") != strlen (value) ||
      !g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT64, &number, NULL))
    number = (guint64) -1;
  g_free (value);
  return (gint64) number;
}

static size_t
header_cb (char *data, size_t size, size_t n, void *user_data)
{
  Transfer *transfer = user_data;
  PuratanSyncTusAnswer *answer = transfer->answer;
  PuratanSyncResponse *response = answer->response;
  size_t length = size * n;
  char *value;

  if (length > 5 && strncmp (data, "HTTP/", 5) == 0)
    {
      transfer->head_ended = FALSE;
      g_clear_pointer (&response->location, g_free);
      g_clear_pointer (&response->content_type, g_free);
      response->retry_after = -1;
      answer->offset = -1;
      answer->length = -1;
    }
  else if (puratan_sync_curl_headers_end (data, length))
    transfer->head_ended = TRUE;
  else if ((value = puratan_sync_curl_header_value (data, length, "Location")) != NULL)
    response->location = value;
  else if ((value = puratan_sync_curl_header_value (data, length, "Content-Type")) != NULL)
    {
      char *semicolon = strchr (value, ';');
      if (semicolon != NULL)
        *semicolon = '\0';
      response->content_type = g_strstrip (value);
    }
  else if ((value = puratan_sync_curl_header_value (data, length, "Upload-Offset")) != NULL)
    answer->offset = count_value (value);
  else if ((value = puratan_sync_curl_header_value (data, length, "Upload-Length")) != NULL)
    answer->length = count_value (value);
  else if ((value = puratan_sync_curl_header_value (data, length, "Retry-After")) != NULL)
    {
      gint64 seconds = count_value (value);
      response->retry_after = seconds >= 0 && seconds <= 86400 ? seconds : -1;
    }
  return length;
}

/**
 * puratan_sync_tus_request:
 * @tus: a client
 * @method: "POST", "HEAD", "GET", "PATCH" or "DELETE"
 * @path: the path from the server's root, starting with "/"
 * @access_token: sent as `Authorization: Bearer`
 * @headers: (array zero-terminated=1) (nullable): more headers, "Name: value"
 * @body: (array length=body_length) (nullable): the body (PATCH's bytes)
 * @body_length: its length
 * @cancellable: (nullable): stops the request
 * @error: return location for a #GError
 *
 * Sends one tus request (with `Tus-Resumable: 1.0.0`) and waits for its answer, whatever
 * its status. Only a request that got no answer fails, with %PURATAN_SYNC_ERROR_OFFLINE or
 * %PURATAN_SYNC_ERROR_CANCELLED.
 *
 * Returns: (transfer full) (nullable): the answer
 */
PuratanSyncTusAnswer *
puratan_sync_tus_request (PuratanSyncTus *tus,
                          const char *method,
                          const char *path,
                          const char *access_token,
                          const char *const *headers,
                          const guint8 *body,
                          gsize body_length,
                          GCancellable *cancellable,
                          GError **error)
{
  g_autoptr (PuratanSyncTusAnswer) answer = g_new0 (PuratanSyncTusAnswer, 1);
  g_autoptr (GByteArray) received = g_byte_array_new ();
  g_autofree char *url = g_strconcat (tus->url, path, NULL);
  g_autofree char *authorization = g_strconcat ("Authorization: Bearer ", access_token, NULL);
  struct curl_slist *list = NULL;
  Transfer transfer = { received, answer, FALSE };
  gboolean head = g_str_equal (method, "HEAD");
  CURLcode code;
  long status = 0;

  g_return_val_if_fail (tus != NULL && path != NULL && path[0] == '/', NULL);

  answer->response = g_new0 (PuratanSyncResponse, 1);
  answer->response->retry_after = -1;
  answer->offset = -1;
  answer->length = -1;
  /* A connection that stalls for 30 s counts as lost; the chunk goes again from the
   * server's offset. */
  puratan_sync_curl_prepare (tus->curl, url, 300L, write_cb, header_cb, &transfer, cancellable);
  if (head)
    curl_easy_setopt (tus->curl, CURLOPT_NOBODY, 1L);
  else
    curl_easy_setopt (tus->curl, CURLOPT_CUSTOMREQUEST, method);

  list = curl_slist_append (list, "Tus-Resumable: 1.0.0");
  /* A chunk waits for the server's go-ahead: a PATCH refused on its headers (an offset that
   * is not the server's, an upload still locked by a cut request) costs no bytes. */
  list = curl_slist_append (list, body_length > 0 ? "Expect: 100-continue" : "Expect:");
  list = curl_slist_append (list, authorization);
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    list = curl_slist_append (list, headers[i]);
  if (g_str_equal (method, "POST") || g_str_equal (method, "PATCH"))
    {
      curl_easy_setopt (tus->curl, CURLOPT_POSTFIELDS, body != NULL ? (const char *) body : "");
      curl_easy_setopt (tus->curl, CURLOPT_POSTFIELDSIZE_LARGE,
                        (curl_off_t) (body != NULL ? body_length : 0));
    }
  curl_easy_setopt (tus->curl, CURLOPT_HTTPHEADER, list);

  code = curl_easy_perform (tus->curl);
  curl_easy_getinfo (tus->curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_setopt (tus->curl, CURLOPT_HTTPHEADER, NULL);
  curl_slist_free_all (list);
  /* The secret leaves no copy behind in freed memory. */
  memset (authorization, 0, strlen (authorization));

  if (code == CURLE_ABORTED_BY_CALLBACK)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_CANCELLED,
                   "The upload to %s was stopped", tus->url);
      return NULL;
    }
  /* A 100 Continue followed by a broken connection is no answer either, nor is a head cut
   * off (an answer whose Upload-Offset may be missing). */
  if (code != CURLE_OK || status < 200)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_OFFLINE,
                   "The server at %s did not answer the upload: %s", tus->url,
                   curl_easy_strerror (code));
      return NULL;
    }
  if (!transfer.head_ended)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_OFFLINE,
                   "The connection to %s broke in the middle of the upload answer's headers",
                   tus->url);
      return NULL;
    }
  answer->response->status = (guint) status;
  answer->response->body = g_byte_array_free_to_bytes (g_steal_pointer (&received));
  return g_steal_pointer (&answer);
}
