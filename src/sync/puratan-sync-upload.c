/* puratan-sync-upload.c: attached files sent to the server by tus, resuming where it stopped
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each `attach_file` outbox entry whose order is on the server becomes one tus upload to
 * /api/v1/uploads: created with Upload-Length and Upload-Metadata (the server's order id
 * and the file name), its address kept in the database at once (sync_uploads), then sent
 * in chunks, each with its SHA-256 in Upload-Checksum so the server keeps only whole,
 * undamaged chunks. After any failure, and after a restart, the engine asks HEAD for the
 * server's offset and goes on from there. The entry leaves the outbox only once the server
 * confirmed the final offset and holds the file under the same SHA-256 as the local store.
 *
 * A refusal (a 4xx; or 460, a damaged chunk, MAX_MISMATCHES times) is recorded with the
 * server's detail and not tried again; the orders' own changes never wait for a file.
 * Files are read and hashed here, on the engine's worker.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "puratan-core.h"
#include "puratan-sync-error.h"
#include "puratan-sync-private.h"
#include "puratan-sync-tus.h"

/* Bytes per PATCH: a chunk lost with its connection costs at most this much again. */
#define CHUNK_SIZE (1024 * 1024)
/* Damaged chunks (460) of one upload before it is refused. */
#define MAX_MISMATCHES 3
/* Lost connections in a row tried again at once, before the engine's backoff takes over. */
#define MAX_QUICK_RETRIES 3
/* 409s in a row for one chunk before the engine backs off. */
#define MAX_CONFLICTS 3
/* Uploads of one file the server may lose in one pass before it counts as a failure. */
#define MAX_FORGOTTEN 2
/* An access token closer than this to its expiry is refreshed before use. */
#define REFRESH_MARGIN_SECONDS 60
#define UPLOADS_PATH           "/api/v1/uploads/"
#define STATUS_MISMATCH        460

typedef struct
{
  PuratanSyncRun *run;
  PuratanSyncTus *tus;
  PuratanSyncUpload *upload;
  guint chunks;
  /* 409s in a row for the current chunk. */
  guint conflicts;
  /* Uploads of the current file the server no longer had. */
  guint forgotten;
} Sending;

/* Sends one tus request with a fresh access token, once more after a 401. Busy and
 * server-failure answers fail (with the run's Retry-After noted); others are returned. */
static PuratanSyncTusAnswer *
send_request (Sending *sending,
              const char *method,
              const char *path,
              const char *const *headers,
              const guint8 *body,
              gsize length,
              GError **error)
{
  PuratanSyncRun *run = sending->run;
  g_autoptr (PuratanSyncTusAnswer) answer = NULL;

  for (int attempt = 0; attempt < 2; attempt++)
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      if (run->tokens == NULL)
        {
          g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_NOT_SIGNED_IN,
                       "Not signed in to %s; sign in first", puratan_sync_http_get_url (run->http));
          return NULL;
        }
      if ((attempt > 0 || run->tokens->access_expires_at - REFRESH_MARGIN_SECONDS <= now) &&
          !puratan_sync_refresh (run->http, run->store, run->tokens, run->cancellable, error))
        return NULL;
      g_clear_pointer (&answer, puratan_sync_tus_answer_free);
      answer = puratan_sync_tus_request (sending->tus, method, path, run->tokens->access_token,
                                         headers, body, length, run->cancellable, error);
      if (answer == NULL)
        return NULL;
      if (answer->response->status != 401)
        break;
    }
  if (answer->response->status == 401 || answer->response->status == 429 ||
      answer->response->status >= 500)
    {
      run->retry_after = answer->response->retry_after;
      puratan_sync_response_check (answer->response, error);
      return NULL;
    }
  return g_steal_pointer (&answer);
}

static void
run_busy (Sending *sending, PuratanSyncTusAnswer *answer, GError **error)
{
  g_autofree char *detail = puratan_sync_response_problem (answer->response, NULL);

  g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_BUSY, "%s", detail);
}

/* Records the upload's entry as answered: sent, or refused with @detail. */
static gboolean
finish (
    Sending *sending, PuratanSyncOutcome outcome, guint status, const char *detail, GError **error)
{
  PuratanSyncUpload *upload = sending->upload;
  const char *const keys[] = { upload->idempotency_key, NULL };
  PuratanSyncAnswer answer = { keys, outcome, "file", upload->sha256 };

  answer.status = status;
  answer.detail = detail;
  if (outcome == PURATAN_SYNC_OUTCOME_REFUSED)
    g_message ("The server refused the file %s (%s): %s", upload->name, upload->sha256, detail);
  return puratan_sync_record_answer (sending->run->database, &answer, error);
}

/* Records a 4xx answer as the server's refusal of the file. Any other answer the protocol
 * does not expect here fails with %PURATAN_SYNC_ERROR_PROTOCOL and refuses nothing. */
static gboolean
refuse_answer (Sending *sending, PuratanSyncTusAnswer *answer, GError **error)
{
  g_autofree char *detail = puratan_sync_response_problem (answer->response, NULL);

  if (answer->response->status < 400 || answer->response->status >= 500)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_PROTOCOL,
                   "The server answered an upload of %s with HTTP %u", sending->upload->name,
                   answer->response->status);
      return FALSE;
    }
  return finish (sending, PURATAN_SYNC_OUTCOME_REFUSED, answer->response->status, detail, error);
}

/* Forgets an upload the server no longer has, so that a new one is made; a server that
 * keeps losing them is a protocol failure rather than a loop. */
static gboolean
forget (Sending *sending, GError **error)
{
  PuratanSyncUpload *upload = sending->upload;

  if (++sending->forgotten > MAX_FORGOTTEN)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_PROTOCOL,
                   "The server lost the upload of %s %u times", upload->name, sending->forgotten);
      return FALSE;
    }
  if (!puratan_sync_upload_set_url (sending->run->database, upload->idempotency_key, NULL, error))
    return FALSE;
  g_clear_pointer (&upload->url, g_free);
  return TRUE;
}

/* Creates the upload on the server and keeps its address. Returns FALSE with @error unset
 * when the server refused it (recorded). */
static gboolean
create (Sending *sending, GError **error)
{
  PuratanSyncUpload *upload = sending->upload;
  g_autofree char *order =
      g_base64_encode ((const guchar *) upload->server_order_id, strlen (upload->server_order_id));
  g_autofree char *name = g_base64_encode ((const guchar *) upload->name, strlen (upload->name));
  g_autofree char *length = g_strdup_printf ("Upload-Length: %" G_GINT64_FORMAT, upload->size);
  g_autofree char *metadata =
      g_strdup_printf ("Upload-Metadata: order_id %s,filename %s", order, name);
  const char *headers[] = { length, metadata, NULL };
  g_autoptr (PuratanSyncTusAnswer) answer = NULL;
  const char *location;

  answer = send_request (sending, "POST", "/api/v1/uploads", headers, NULL, 0, error);
  if (answer == NULL)
    return FALSE;
  if (answer->response->status != 201)
    {
      if (answer->response->status == 409 || answer->response->status == 412)
        return puratan_sync_response_check (answer->response, error);
      return refuse_answer (sending, answer, error) && FALSE;
    }
  location = answer->response->location;
  /* The server names its uploads under its own path; an address anywhere else is not one. */
  if (location != NULL && g_str_has_prefix (location, "http"))
    {
      const char *base = puratan_sync_http_get_url (sending->run->http);
      location = g_str_has_prefix (location, base) ? location + strlen (base) : NULL;
    }
  if (location == NULL || !g_str_has_prefix (location, UPLOADS_PATH) || strlen (location) > 512 ||
      strpbrk (location, "?#") != NULL)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_PROTOCOL,
                   "The server made an upload without a usable address (%s)",
                   location != NULL ? location : "none");
      return FALSE;
    }
  if (!puratan_sync_upload_set_url (sending->run->database, upload->idempotency_key, location,
                                    error))
    return FALSE;
  g_free (upload->url);
  upload->url = g_strdup (location);
  return TRUE;
}

/* Asks the server how far the upload got. Returns the offset; -1 with @error set, or -1
 * with @error unset when the upload is gone (its address is forgotten). */
static gint64
server_offset (Sending *sending, GError **error)
{
  PuratanSyncUpload *upload = sending->upload;
  g_autoptr (PuratanSyncTusAnswer) answer =
      send_request (sending, "HEAD", upload->url, NULL, NULL, 0, error);

  if (answer == NULL)
    return -1;
  if (answer->response->status == 404 || answer->response->status == 410 ||
      (answer->response->status == 200 && answer->length != upload->size))
    {
      /* Gone (or not this file's): a new one is made. */
      forget (sending, error);
      return -1;
    }
  if (answer->response->status != 200 || answer->offset < 0 || answer->offset > upload->size)
    {
      if (puratan_sync_response_check (answer->response, error))
        g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_PROTOCOL,
                     "The server gave no usable Upload-Offset for %s", upload->url);
      return -1;
    }
  return answer->offset;
}

/* Reads @length bytes at @offset of the file into @buffer. */
static gboolean
read_at (int fd, const char *path, gint64 offset, guint8 *buffer, gsize length, GError **error)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = pread (fd, buffer + done, length - done, (off_t) offset + (off_t) done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot read “%s”: %s", path,
                       n < 0 ? g_strerror (errno) : "the file is shorter than the store says");
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

typedef enum
{
  STEP_DONE,    /* the chunk was taken; the offset moved on */
  STEP_AGAIN,   /* ask the server's offset and go on from there */
  STEP_STOPPED, /* recorded as refused, or the upload is gone: leave this file */
  STEP_FAILED,  /* error set */
} Step;

/* Sends the chunk at *offset. */
static Step
send_chunk (Sending *sending, int fd, gint64 *offset, guint8 *buffer, GError **error)
{
  PuratanSyncUpload *upload = sending->upload;
  gsize length = (gsize) MIN ((gint64) CHUNK_SIZE, upload->size - *offset);
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (PuratanSyncTusAnswer) answer = NULL;
  g_autofree char *digest64 = NULL;
  g_autofree char *offset_header = NULL;
  g_autofree char *checksum_header = NULL;
  const char *headers[4];
  guint8 digest[32];
  gsize digest_length = sizeof digest;
  guint status;

  if (length > 0 && !read_at (fd, upload->path, *offset, buffer, length, error))
    return STEP_FAILED;
  g_checksum_update (sum, buffer, (gssize) length);
  g_checksum_get_digest (sum, digest, &digest_length);
  digest64 = g_base64_encode (digest, digest_length);
  offset_header = g_strdup_printf ("Upload-Offset: %" G_GINT64_FORMAT, *offset);
  checksum_header = g_strconcat ("Upload-Checksum: sha256 ", digest64, NULL);
  headers[0] = "Content-Type: application/offset+octet-stream";
  headers[1] = offset_header;
  headers[2] = checksum_header;
  headers[3] = NULL;
  answer = send_request (sending, "PATCH", upload->url, headers, buffer, length, error);
  if (answer == NULL)
    return STEP_FAILED;
  status = answer->response->status;
  if (status == 204 || status == 200)
    {
      /* A chunk counts whole or not at all: an answer that does not move the offset on would
       * have the engine send the same chunk for ever. */
      if (answer->offset > upload->size ||
          (length > 0 ? answer->offset <= *offset : answer->offset < *offset))
        {
          g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_PROTOCOL,
                       "The server answered a chunk of %s with no usable Upload-Offset",
                       upload->url);
          return STEP_FAILED;
        }
      *offset = answer->offset;
      sending->chunks++;
      sending->conflicts = 0;
      return STEP_DONE;
    }
  if (status == STATUS_MISMATCH)
    {
      gint64 mismatches =
          puratan_sync_upload_add_mismatch (sending->run->database, upload->idempotency_key, error);
      if (mismatches < 0)
        return STEP_FAILED;
      if (mismatches < MAX_MISMATCHES)
        return STEP_AGAIN;
      return refuse_answer (sending, answer, error) ? STEP_STOPPED : STEP_FAILED;
    }
  if (status == 409)
    {
      /* Not the server's offset (ask again), or a cut request of this upload still holds it:
       * after a few, the engine's backoff gives the server time to let it go. */
      if (++sending->conflicts <= MAX_CONFLICTS)
        return STEP_AGAIN;
      sending->conflicts = 0;
      run_busy (sending, answer, error);
      return STEP_FAILED;
    }
  if (status == 404 || status == 410)
    return forget (sending, error) ? STEP_AGAIN : STEP_FAILED;
  return refuse_answer (sending, answer, error) ? STEP_STOPPED : STEP_FAILED;
}

/* Confirms the finished upload: the server holds the file under the local SHA-256. */
static Step
confirm (Sending *sending, gint64 resumed_from, GError **error)
{
  PuratanSyncUpload *upload = sending->upload;
  g_autoptr (PuratanSyncResponse) response = NULL;
  g_autoptr (JsonObject) record = NULL;
  g_autofree char *detail = NULL;
  const char *sha256;

  response = puratan_sync_run_request (sending->run, "GET", upload->url, NULL, NULL, NULL, error);
  if (response == NULL)
    return STEP_FAILED;
  if (response->status == 404)
    return forget (sending, error) ? STEP_AGAIN : STEP_FAILED;
  if (!puratan_sync_response_check (response, error) ||
      (record = puratan_sync_response_object (response, error)) == NULL)
    return STEP_FAILED;
  sha256 = json_object_get_string_member_with_default (record, "sha256", NULL);
  /* Every byte is there but the file is not stored yet (its store failed, or the last
   * answer was lost while it ran): an empty PATCH at the final offset stores it. */
  if (sha256 == NULL)
    return STEP_AGAIN;
  if (g_strcmp0 (sha256, upload->sha256) != 0)
    {
      detail = g_strdup_printf ("The server stored %s with the SHA-256 %s, not %s: the file "
                                "on this workstation does not match its record in the store",
                                upload->name, sha256, upload->sha256);
      return finish (sending, PURATAN_SYNC_OUTCOME_REFUSED, response->status, detail, error)
                 ? STEP_STOPPED
                 : STEP_FAILED;
    }
  if (resumed_from > 0)
    detail = g_strdup_printf ("%s uploaded (%" G_GINT64_FORMAT
                              " bytes, resumed from byte %" G_GINT64_FORMAT " the server had)",
                              upload->name, upload->size, resumed_from);
  else
    detail =
        g_strdup_printf ("%s uploaded (%" G_GINT64_FORMAT " bytes)", upload->name, upload->size);
  return finish (sending, PURATAN_SYNC_OUTCOME_SENT, 200, detail, error) ? STEP_DONE : STEP_FAILED;
}

/* Asks the server to store an upload whose bytes are all there: an empty PATCH at the final
 * offset. */
static Step
finalize (Sending *sending, GError **error)
{
  PuratanSyncUpload *upload = sending->upload;
  g_autoptr (PuratanSyncTusAnswer) answer = NULL;
  g_autofree char *offset_header =
      g_strdup_printf ("Upload-Offset: %" G_GINT64_FORMAT, upload->size);
  const char *headers[] = { "Content-Type: application/offset+octet-stream", offset_header, NULL };

  answer = send_request (sending, "PATCH", upload->url, headers, NULL, 0, error);
  if (answer == NULL)
    return STEP_FAILED;
  if (answer->response->status < 300)
    return STEP_AGAIN;
  if (answer->response->status == 409)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_BUSY,
                   "The server is still storing %s", upload->name);
      return STEP_FAILED;
    }
  return refuse_answer (sending, answer, error) ? STEP_STOPPED : STEP_FAILED;
}

/* Sends one file, from the server's offset to its end. Returns FALSE with @error set when
 * the server cannot be reached (the next cycle goes on from its offset). */
static gboolean
send_file (Sending *sending, int fd, GError **error)
{
  PuratanSyncUpload *upload = sending->upload;
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  gint64 offset = -1;
  gint64 resumed_from = -1;
  guint quick_retries = 0;
  guint finalized = 0;

  for (;;)
    {
      g_autoptr (GError) step_error = NULL;
      Step step = STEP_FAILED;

      if (upload->url == NULL)
        {
          if (!create (sending, &step_error) && step_error == NULL)
            return TRUE; /* refused, and recorded */
          if (step_error == NULL)
            offset = 0;
        }
      else if (offset < 0)
        {
          offset = server_offset (sending, &step_error);
          if (offset < 0 && step_error == NULL)
            continue; /* gone: made again */
        }
      if (step_error == NULL && resumed_from < 0)
        resumed_from = offset;
      if (step_error != NULL)
        step = STEP_FAILED;
      else if (offset < upload->size)
        step = send_chunk (sending, fd, &offset, buffer, &step_error);
      else
        {
          step = confirm (sending, resumed_from, &step_error);
          if (step == STEP_DONE)
            return TRUE;
          if (step == STEP_AGAIN && upload->url == NULL)
            ; /* gone: made again */
          else if (step == STEP_AGAIN && finalized++ < 2)
            step = finalize (sending, &step_error);
          else if (step == STEP_AGAIN)
            {
              g_set_error (&step_error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_BUSY,
                           "The server has every byte of %s but has not stored it yet",
                           upload->name);
              step = STEP_FAILED;
            }
        }
      switch (step)
        {
          case STEP_DONE:
            quick_retries = 0;
            break;
          case STEP_AGAIN:
            offset = -1;
            break;
          case STEP_STOPPED:
            return TRUE;
          case STEP_FAILED:
          default:
            offset = -1;
            if (g_error_matches (step_error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_OFFLINE) &&
                ++quick_retries <= MAX_QUICK_RETRIES)
              break;
            g_propagate_error (error, g_steal_pointer (&step_error));
            return FALSE;
        }
    }
}

/* Sends one file if it can go: its order on the server and its content in the store. */
static gboolean
upload_one (Sending *sending, GError **error)
{
  PuratanSyncUpload *upload = sending->upload;
  gboolean ok;
  int fd;

  if (upload->server_order_id == NULL)
    {
      if (upload->order_waiting)
        return TRUE; /* goes once its order is on the server */
      return finish (sending, PURATAN_SYNC_OUTCOME_REFUSED, 0,
                     "The order is not on the server: the server refused its creation", error);
    }
  if (upload->size < 0 || upload->path == NULL)
    return finish (sending, PURATAN_SYNC_OUTCOME_REFUSED, 0,
                   "The file is no longer in this workstation's store", error);
  fd = g_open (upload->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    {
      g_autofree char *detail =
          g_strdup_printf ("Cannot read %s from the store: %s", upload->name, g_strerror (errno));
      return finish (sending, PURATAN_SYNC_OUTCOME_REFUSED, 0, detail, error);
    }
  ok = send_file (sending, fd, error);
  close (fd);
  return ok;
}

/**
 * puratan_sync_run_upload:
 * @run: the run
 * @uploaded: (out): how many chunks the server took (progress, for the backoff)
 * @error: return location for a #GError
 *
 * Uploads every attached file whose order is on the server, oldest first, each resuming
 * from the server's offset. Refusals are recorded and passed over.
 *
 * Returns: %TRUE when every file that can go now has gone (or was refused)
 */
gboolean
puratan_sync_run_upload (PuratanSyncRun *run, guint *uploaded, GError **error)
{
  g_autoptr (GPtrArray) uploads = NULL;
  g_autoptr (PuratanSyncTus) tus = NULL;
  Sending sending = { run };
  gboolean ok = TRUE;

  *uploaded = 0;
  if (puratan_sync_upload_settle_files (run->database, error) < 0)
    return FALSE;
  uploads = puratan_sync_upload_list_waiting (run->database, error);
  if (uploads == NULL)
    return FALSE;
  tus = puratan_sync_tus_new (puratan_sync_http_get_url (run->http));
  sending.tus = tus;
  for (guint i = 0; ok && i < uploads->len; i++)
    {
      sending.upload = uploads->pdata[i];
      sending.conflicts = 0;
      sending.forgotten = 0;
      ok = upload_one (&sending, error);
    }
  *uploaded = sending.chunks;
  return ok;
}
