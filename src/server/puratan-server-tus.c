/* puratan-server-tus.c: resumable uploads by the tus 1.0 protocol
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * /api/v1/uploads speaks tus 1.0.0 core with the creation, checksum (sha256), termination
 * and expiration extensions. An upload belongs to the account that created it and to one
 * order that account may see; its bytes go to a partial file "tus/ID.part" in the data
 * directory as they arrive (got_chunk_cb in puratan-server.c writes them straight to it, as
 * for preflight uploads), so nothing the size of an upload is ever held in memory.
 *
 * A PATCH is checked once its headers are read (puratan_server_tus_begin_patch()): the
 * sender must own the upload, give its current offset and no other PATCH of it may be
 * running. Without Upload-Checksum the bytes that arrived count even when the connection
 * breaks, so the client resumes from the offset HEAD reports; with it a chunk counts only
 * whole and matching, and is otherwise cut off again (460 Checksum Mismatch). The last byte
 * completes the upload on a worker: the file goes into the store's content-addressed files
 * under its SHA-256 and is attached to the order, and then it is preflighted against the
 * order's product (puratan-server-upload-check.c). An upload left unfinished is removed
 * once it is older than the server's upload expiry (puratan_server_set_upload_expiry()),
 * unless a PATCH is writing to it; answers give that time in Upload-Expires.
 */
#include "puratan-server-tus-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "puratan-core.h"
#include "puratan-server-response.h"
#include "puratan-store.h"

#define TUS_VERSION      "1.0.0"
#define TUS_EXTENSIONS   "creation,checksum,termination,expiration"
#define TUS_CONTENT_TYPE "application/offset+octet-stream"
#define UPLOADS_PATH     "/api/v1/uploads/"
#define TUS_DIR          "tus"
/* The longest Upload-Metadata header taken, and the most pairs in it. */
#define MAX_METADATA_BYTES 4096
#define MAX_METADATA_PAIRS 16
/* The most expired uploads one sweep removes, and the longest time between sweeps. */
#define REAP_BATCH       100
#define REAP_MAX_SECONDS 3600

/* The SHA-256 of an upload's first @covered bytes. */
typedef struct
{
  PuratanTusHashState *state;
  gint64 covered;
} PuratanTusHash;

static void
tus_hash_free (PuratanTusHash *hash)
{
  g_free (hash->state);
  g_free (hash);
}

struct _PuratanTusWrite
{
  PuratanServer *server;
  char *id;
  char *path;
  gint64 start;
  gint64 length;
  gint64 written;
  /* When the upload was created (for its Upload-Expires). */
  char *created_at;
  /* Whether the PATCH carried Upload-Checksum, the SHA-256 it gave and the one its bytes
   * have (known once hashing is finished). */
  gboolean has_checksum;
  guint8 expected[PURATAN_TUS_DIGEST_SIZE];
  guint8 digest[PURATAN_TUS_DIGEST_SIZE];
  /* The whole upload's SHA-256 up to start + written, when known from its start (complete
   * once hashing is finished). */
  PuratanTusHashState *whole;
  /* Hashes the bytes as they arrive, until finish_hashing(). */
  PuratanTusHasher *hasher;
  gboolean settled;
};

static PuratanRequestState *
request_state (SoupServerMessage *msg)
{
  return g_object_get_qdata (G_OBJECT (msg), puratan_server_request_state_quark ());
}

/* Waits for the bytes received so far to be hashed; write->digest and write->whole then
 * hold their hashes. */
static void
finish_hashing (PuratanTusWrite *write)
{
  if (write->hasher == NULL)
    return;
  puratan_tus_hasher_finish (g_steal_pointer (&write->hasher), write->digest, write->whole);
}

/* Frees @write, waiting for its hashing thread to end. */
void
puratan_server_tus_write_free (PuratanTusWrite *write)
{
  finish_hashing (write);
  g_free (write->id);
  g_free (write->path);
  g_free (write->created_at);
  g_free (write->whole);
  g_free (write);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanTusWrite, puratan_server_tus_write_free)

/* Returns (transfer full) the partial file of upload @id. */
static char *
part_path (PuratanServer *self, const char *id)
{
  g_autofree char *name = g_strconcat (id, ".part", NULL);

  return g_build_filename (self->data_dir, TUS_DIR, name, NULL);
}

static void
set_tus_headers (SoupServerMessage *msg)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Tus-Resumable",
                                TUS_VERSION);
}

/* Gives an unfinished upload created at @created_at the time it expires, as Upload-Expires
 * (an HTTP date), when the server lets uploads expire. */
static void
set_expires_header (PuratanServer *self, SoupServerMessage *msg, const char *created_at)
{
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (GDateTime) expires = NULL;
  g_autofree char *text = NULL;

  if (self->upload_expiry == 0 || created_at == NULL ||
      (created = g_date_time_new_from_iso8601 (created_at, NULL)) == NULL)
    return;
  expires = g_date_time_add_seconds (created, self->upload_expiry);
  text = soup_date_time_to_string (expires, SOUP_DATE_HTTP);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Upload-Expires",
                                text);
}

/* Removes upload @id (neither complete nor being written) and its partial file. */
static gboolean
remove_upload (PuratanServer *self, const char *id, GError **error)
{
  g_autofree char *path = part_path (self, id);

  if (!puratan_upload_delete (self->database, id, error))
    return FALSE;
  g_hash_table_remove (self->tus_hashes, id);
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                      "Cannot remove the upload file “%s”: %s", path, g_strerror (errno));
  return TRUE;
}

static void
respond_tus_problem (SoupServerMessage *msg, guint status, const char *code, const char *detail)
{
  puratan_server_respond_problem_code (msg, status, code, detail);
  set_tus_headers (msg);
}

/* Checks the request's Tus-Resumable; answers 412 with the versions known otherwise. */
static gboolean
check_resumable (SoupServerMessage *msg)
{
  const char *value =
      soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Tus-Resumable");

  if (g_strcmp0 (value, TUS_VERSION) == 0)
    return TRUE;
  respond_tus_problem (msg, SOUP_STATUS_PRECONDITION_FAILED, "tus_version",
                       "This server speaks tus 1.0.0: send “Tus-Resumable: 1.0.0”.");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Tus-Version",
                                TUS_VERSION);
  return FALSE;
}

/* Reads a header of decimal digits (no sign, no spaces) into *out. */
static gboolean
read_count (SoupServerMessage *msg, const char *name, gint64 *out)
{
  const char *value =
      soup_message_headers_get_one (soup_server_message_get_request_headers (msg), name);
  guint64 number = 0;

  if (value == NULL || value[0] == '\0' || strlen (value) > 19 ||
      strspn (value, "0123456789") != strlen (value) ||
      !g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT64, &number, NULL))
    return FALSE;
  *out = (gint64) number;
  return TRUE;
}

/* Finds upload @id for the request's sender. Returns (transfer full) it, or NULL after
 * answering 404: another account's upload is answered as if it did not exist. */
static PuratanUpload *
own_upload (PuratanServer *self, SoupServerMessage *msg, const char *id)
{
  const PuratanPrincipal *principal = puratan_server_get_principal (msg);
  g_autoptr (PuratanUpload) upload = NULL;
  g_autoptr (GError) error = NULL;

  if (principal != NULL && puratan_server_is_uuid (id))
    upload = puratan_upload_get (self->database, id, &error);
  if (upload != NULL && strcmp (upload->account_id, principal->account_id) == 0)
    return g_steal_pointer (&upload);
  if (error != NULL && !g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND))
    {
      puratan_server_respond_error (msg, error);
      set_tus_headers (msg);
      return NULL;
    }
  respond_tus_problem (msg, SOUP_STATUS_NOT_FOUND, "upload_not_found",
                       "There is no upload with this id.");
  return NULL;
}

static gboolean
is_base64 (const char *text)
{
  return strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") ==
             strlen (text) &&
         strlen (text) % 4 == 0;
}

/* Decodes one Upload-Metadata value. Returns (transfer full) it, NULL when it is not base64
 * of UTF-8 text without control characters. */
static char *
decode_value (const char *encoded)
{
  g_autofree guchar *raw = NULL;
  gsize size = 0;

  if (!is_base64 (encoded))
    return NULL;
  raw = g_base64_decode (encoded, &size);
  if (raw == NULL || memchr (raw, '\0', size) != NULL ||
      !g_utf8_validate_len ((char *) raw, size, NULL))
    return NULL;
  for (gsize i = 0; i < size; i++)
    if (raw[i] < 0x20 || raw[i] == 0x7f)
      return NULL;
  return g_strndup ((char *) raw, size);
}

/* Whether @name may name a file: 1 to 255 bytes, no folder separators, not "." or "..". */
static gboolean
is_file_name (const char *name)
{
  gsize length = strlen (name);

  return length >= 1 && length <= 255 && strpbrk (name, "/\\") == NULL && strcmp (name, ".") != 0 &&
         strcmp (name, "..") != 0;
}

/* Parses Upload-Metadata into @order_id and @name (transfer full). Returns FALSE with
 * @detail (static) set when it is missing or malformed. */
static gboolean
parse_metadata (const char *header, char **order_id, char **name, const char **detail)
{
  g_auto (GStrv) pairs = NULL;
  g_autofree char *order = NULL;
  g_autofree char *file = NULL;

  *detail = "Upload-Metadata must carry order_id and filename, each base64 of UTF-8 text "
            "(“order_id BASE64,filename BASE64”), in at most 4096 bytes.";
  if (header == NULL || strlen (header) > MAX_METADATA_BYTES)
    return FALSE;
  pairs = g_strsplit (header, ",", MAX_METADATA_PAIRS + 1);
  if (g_strv_length (pairs) > MAX_METADATA_PAIRS)
    return FALSE;
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (g_strstrip (pairs[i]), " ", 3);
      char **slot = NULL;

      if (parts[0] == NULL || parts[0][0] == '\0' || (parts[1] != NULL && parts[2] != NULL))
        return FALSE;
      if (strcmp (parts[0], "order_id") == 0)
        slot = &order;
      else if (strcmp (parts[0], "filename") == 0)
        slot = &file;
      else
        continue; /* tus lets clients send keys of their own; they are not kept */
      if (*slot != NULL || parts[1] == NULL || (*slot = decode_value (parts[1])) == NULL)
        return FALSE;
    }
  if (order == NULL || file == NULL)
    return FALSE;
  if (!puratan_server_is_uuid (order))
    {
      *detail = "The order_id in Upload-Metadata is not an order id.";
      return FALSE;
    }
  if (!is_file_name (file))
    {
      *detail = "The filename in Upload-Metadata must be 1 to 255 bytes with no “/” or “\\” "
                "and not “.” or “..”.";
      return FALSE;
    }
  *order_id = g_steal_pointer (&order);
  *name = g_steal_pointer (&file);
  return TRUE;
}

static void
options_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *max = g_strdup_printf ("%" G_GSIZE_FORMAT, self->max_upload_size);

  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
  set_tus_headers (msg);
  soup_message_headers_replace (headers, "Tus-Version", TUS_VERSION);
  soup_message_headers_replace (headers, "Tus-Extension", TUS_EXTENSIONS);
  soup_message_headers_replace (headers, "Tus-Max-Size", max);
  soup_message_headers_replace (headers, "Tus-Checksum-Algorithm", "sha256");
  soup_message_headers_replace (headers, "Allow", "OPTIONS, POST");
}

static void
create_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const PuratanPrincipal *principal = puratan_server_get_principal (msg);
  g_autoptr (PuratanUpload) upload = g_new0 (PuratanUpload, 1);
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (GHashTable) order_params = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *location = NULL;
  const char *detail = NULL;
  int fd;

  if (!check_resumable (msg))
    return;
  if (soup_message_headers_get_one (headers, "Upload-Defer-Length") != NULL ||
      !read_count (msg, "Upload-Length", &upload->length))
    {
      respond_tus_problem (msg, SOUP_STATUS_BAD_REQUEST, "upload_length",
                           "Upload-Length must give the upload's size in bytes (decimal "
                           "digits); deferred lengths are not supported.");
      return;
    }
  if ((guint64) upload->length > self->max_upload_size)
    {
      g_autofree char *text =
          g_strdup_printf ("The upload is larger than the limit of %" G_GSIZE_FORMAT " bytes.",
                           self->max_upload_size);
      respond_tus_problem (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "upload_too_large", text);
      return;
    }
  if (!parse_metadata (soup_message_headers_get_one (headers, "Upload-Metadata"), &upload->order_id,
                       &upload->name, &detail))
    {
      respond_tus_problem (msg, SOUP_STATUS_BAD_REQUEST, "upload_metadata", detail);
      return;
    }
  order_params = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (order_params, (gpointer) "id", upload->order_id);
  order = puratan_server_visible_order (self, msg, order_params);
  if (order == NULL)
    {
      set_tus_headers (msg);
      return;
    }

  upload->account_id = g_strdup (principal->account_id);
  dir = g_build_filename (self->data_dir, TUS_DIR, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !puratan_upload_insert (self->database, upload, &error))
    {
      if (error == NULL)
        g_set_error (&error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot create “%s”: %s", dir,
                     g_strerror (errno));
      puratan_server_respond_error (msg, error);
      set_tus_headers (msg);
      return;
    }
  path = part_path (self, upload->id);
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0 || close (fd) != 0)
    {
      g_autoptr (GError) ignored = NULL;

      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                        "Cannot create the upload file “%s”: %s", path, g_strerror (errno));
      puratan_upload_delete (self->database, upload->id, &ignored);
      respond_tus_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL,
                           "The server could not store the upload.");
      return;
    }
  location = g_strconcat (UPLOADS_PATH, upload->id, NULL);
  soup_server_message_set_status (msg, SOUP_STATUS_CREATED, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                location);
  set_tus_headers (msg);
  set_expires_header (self, msg, upload->created_at);
}

/* HEAD gives the tus offset; GET the upload as JSON, with its stored file and check. */
static void
status_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr (PuratanUpload) upload = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) root = NULL;
  char number[32];

  if (strcmp (soup_server_message_get_method (msg), "HEAD") == 0 && !check_resumable (msg))
    return;
  upload = own_upload (self, msg, g_hash_table_lookup (params, "id"));
  if (upload == NULL)
    return;
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, upload->received);
  soup_message_headers_replace (headers, "Upload-Offset", number);
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, upload->length);
  soup_message_headers_replace (headers, "Upload-Length", number);
  set_tus_headers (msg);
  if (upload->sha256 == NULL)
    set_expires_header (self, msg, upload->created_at);
  if (strcmp (soup_server_message_get_method (msg), "HEAD") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      return;
    }
  builder = json_builder_new ();
  puratan_server_add_upload (builder, upload);
  root = json_builder_get_root (builder);
  puratan_server_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
respond_offset (SoupServerMessage *msg, gint64 offset)
{
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, offset);
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Upload-Offset",
                                number);
  set_tus_headers (msg);
}

/* Called once a PATCH's headers are read, before its body. Returns FALSE after answering
 * the request; otherwise the request state holds the write and the open partial file. */
gboolean
puratan_server_tus_begin_patch (PuratanServer *self, SoupServerMessage *msg, GHashTable *params)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  PuratanRequestState *state = request_state (msg);
  const char *content_type = soup_message_headers_get_one (headers, "Content-Type");
  const char *checksum = soup_message_headers_get_one (headers, "Upload-Checksum");
  g_autoptr (PuratanUpload) upload = NULL;
  g_autoptr (PuratanTusWrite) write = NULL;
  gint64 offset = 0;
  int fd;

  if (state == NULL || !check_resumable (msg))
    return FALSE;
  upload = own_upload (self, msg, g_hash_table_lookup (params, "id"));
  if (upload == NULL)
    return FALSE;
  if (g_strcmp0 (content_type, TUS_CONTENT_TYPE) != 0)
    {
      respond_tus_problem (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "content_type",
                           "A PATCH body must be sent as application/offset+octet-stream.");
      return FALSE;
    }
  if (upload->sha256 != NULL)
    {
      /* Done already: a client whose answer to the last PATCH was lost learns so. */
      if (!read_count (msg, "Upload-Offset", &offset) || offset != upload->length)
        respond_tus_problem (msg, SOUP_STATUS_CONFLICT, "upload_offset_mismatch",
                             "The upload is complete; there is nothing more to send.");
      else
        respond_offset (msg, upload->length);
      return FALSE;
    }
  if (!read_count (msg, "Upload-Offset", &offset))
    {
      respond_tus_problem (msg, SOUP_STATUS_BAD_REQUEST, "upload_offset",
                           "Upload-Offset must give the offset in bytes (decimal digits).");
      return FALSE;
    }
  if (offset != upload->received || g_hash_table_contains (self->tus_writing, upload->id))
    {
      respond_tus_problem (msg, SOUP_STATUS_CONFLICT, "upload_offset_mismatch",
                           "Upload-Offset is not the upload's offset, or another PATCH of it "
                           "is running; ask HEAD for the offset and send from there.");
      return FALSE;
    }

  write = g_new0 (PuratanTusWrite, 1);
  write->server = self;
  write->id = g_strdup (upload->id);
  write->path = part_path (self, upload->id);
  write->start = offset;
  write->length = upload->length;
  write->created_at = g_strdup (upload->created_at);
  if (checksum != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (checksum, " ", 3);
      g_autofree guchar *digest = NULL;
      gsize size = 0;

      if (g_strv_length (parts) == 2 && strcmp (parts[0], "sha256") == 0 &&
          strlen (parts[1]) == 44 && is_base64 (parts[1]))
        digest = g_base64_decode (parts[1], &size);
      if (digest == NULL || size != sizeof write->expected)
        {
          respond_tus_problem (msg, SOUP_STATUS_BAD_REQUEST, "upload_checksum",
                               "Upload-Checksum must be “sha256 BASE64” with the chunk's "
                               "SHA-256; no other algorithm is supported.");
          return FALSE;
        }
      memcpy (write->expected, digest, sizeof write->expected);
      write->has_checksum = TRUE;
    }

  fd = g_open (write->path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0 || ftruncate (fd, offset) != 0 || lseek (fd, offset, SEEK_SET) != offset)
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                        "Cannot open the upload file “%s”: %s", write->path, g_strerror (errno));
      if (fd >= 0)
        close (fd);
      respond_tus_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL,
                           "The server could not store the upload.");
      return FALSE;
    }
  {
    PuratanTusHash *hash = g_hash_table_lookup (self->tus_hashes, upload->id);

    if (hash != NULL && hash->covered == offset)
      write->whole = g_memdup2 (hash->state, sizeof *hash->state);
    else if (offset == 0)
      write->whole = puratan_tus_hash_state_new ();
  }
  if (write->has_checksum || write->whole != NULL)
    write->hasher = puratan_tus_hasher_new (write->has_checksum, write->whole);
  g_hash_table_add (self->tus_writing, g_strdup (upload->id));
  /* The body goes to the file only, never also into memory. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  state->upload_fd = fd;
  state->tus = g_steal_pointer (&write);
  return TRUE;
}

/* The most body bytes @write may take: what is left of the upload. */
gsize
puratan_server_tus_limit (PuratanTusWrite *write)
{
  return (gsize) (write->length - write->start);
}

/* Notes @chunk written to the partial file, and hashes it. */
void
puratan_server_tus_chunk (PuratanTusWrite *write, GBytes *chunk)
{
  write->written += (gint64) g_bytes_get_size (chunk);
  if (write->hasher != NULL)
    puratan_tus_hasher_feed (write->hasher, chunk);
}

/* Settles @write: the partial file keeps @keep bytes, the upload's offset says so and the
 * upload is free for the next PATCH. */
static gboolean
settle (PuratanTusWrite *write, gint64 keep, GError **error)
{
  PuratanServer *self = write->server;

  write->settled = TRUE;
  finish_hashing (write);
  g_hash_table_remove (self->tus_writing, write->id);
  if (write->whole != NULL && keep == write->start + write->written)
    {
      PuratanTusHash *hash = g_new0 (PuratanTusHash, 1);

      hash->state = g_steal_pointer (&write->whole);
      hash->covered = keep;
      g_hash_table_replace (self->tus_hashes, g_strdup (write->id), hash);
    }
  if (truncate (write->path, (off_t) keep) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot cut the upload file “%s”: %s", write->path, g_strerror (saved_errno));
      return FALSE;
    }
  return keep == write->start ||
         puratan_upload_set_received (self->database, write->id, keep, error);
}

/* Called when a request ends, answered or not. A PATCH that did not reach its handler
 * (the connection broke, or the body was refused) keeps what arrived unless it carried a
 * checksum, which a part of a chunk cannot meet. */
void
puratan_server_tus_request_done (PuratanServer *self, SoupServerMessage *msg)
{
  PuratanRequestState *state = request_state (msg);
  g_autoptr (PuratanTusWrite) write = NULL;
  g_autoptr (GError) error = NULL;

  if (state == NULL || state->tus == NULL)
    return;
  write = g_steal_pointer (&state->tus);
  if (!write->settled &&
      !settle (write, write->has_checksum ? write->start : write->start + write->written, &error))
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                      "Cannot keep an interrupted upload's progress: %s", error->message);
}

static void
patch_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  PuratanRequestState *state = request_state (msg);
  PuratanTusWrite *write = state != NULL ? state->tus : NULL;
  g_autoptr (GError) error = NULL;
  gint64 offset;

  if (write == NULL || soup_server_message_get_status (msg) != 0)
    return;
  if (state->upload_fd >= 0 && close (state->upload_fd) != 0)
    g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errno),
                 "Cannot write the upload file: %s", g_strerror (errno));
  state->upload_fd = -1;
  if (error != NULL)
    {
      settle (write, write->start, NULL);
      puratan_server_respond_error (msg, error);
      set_tus_headers (msg);
      return;
    }
  if (write->has_checksum)
    {
      finish_hashing (write);
      if (memcmp (write->digest, write->expected, sizeof write->digest) != 0)
        {
          settle (write, write->start, NULL);
          respond_tus_problem (msg, PURATAN_SERVER_STATUS_CHECKSUM_MISMATCH, "checksum_mismatch",
                               "The chunk's SHA-256 is not the one in Upload-Checksum; it was "
                               "not stored. Send it again from the same offset.");
          soup_server_message_set_status (msg, PURATAN_SERVER_STATUS_CHECKSUM_MISMATCH,
                                          "Checksum Mismatch");
          return;
        }
    }
  offset = write->start + write->written;
  if (!settle (write, offset, &error))
    {
      puratan_server_respond_error (msg, error);
      set_tus_headers (msg);
      return;
    }
  if (offset == write->length)
    {
      /* The upload stays locked until its file is stored (puratan_server_tus_unlock()). */
      PuratanTusHash *hash = g_hash_table_lookup (self->tus_hashes, write->id);
      g_autofree char *sha256 = NULL;

      if (hash != NULL && hash->covered == offset)
        sha256 = puratan_tus_hash_state_hex (hash->state);
      g_hash_table_remove (self->tus_hashes, write->id);
      g_hash_table_add (self->tus_writing, g_strdup (write->id));
      puratan_server_tus_complete (self, msg, write->id, write->path, offset, sha256);
      return;
    }
  respond_offset (msg, offset);
  set_expires_header (self, msg, write->created_at);
}

/* Answers a PATCH that completed its upload, once the file is stored (called back by
 * puratan_server_tus_complete()). */
void
puratan_server_tus_respond_complete (SoupServerMessage *msg, gint64 offset, const GError *error)
{
  if (error != NULL)
    {
      puratan_server_respond_error (msg, error);
      set_tus_headers (msg);
      return;
    }
  respond_offset (msg, offset);
}

static void
terminate_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_autoptr (PuratanUpload) upload = NULL;
  g_autoptr (GError) error = NULL;

  if (!check_resumable (msg))
    return;
  upload = own_upload (self, msg, g_hash_table_lookup (params, "id"));
  if (upload == NULL)
    return;
  if (g_hash_table_contains (self->tus_writing, upload->id))
    {
      respond_tus_problem (msg, SOUP_STATUS_CONFLICT, "upload_busy",
                           "A PATCH of this upload is still running.");
      return;
    }
  if (!remove_upload (self, upload->id, &error))
    {
      puratan_server_respond_error (msg, error);
      set_tus_headers (msg);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
  set_tus_headers (msg);
}

/* Lets PATCH and DELETE at upload @id again once its completion is over. */
void
puratan_server_tus_unlock (PuratanServer *self, const char *id)
{
  g_hash_table_remove (self->tus_writing, id);
}

/* Removes the unfinished uploads past the expiry, except one a PATCH is writing (it is
 * removed by a later sweep, once that PATCH is over, unless it completed the upload). */
static gboolean
reap_expired_cb (gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GError) error = NULL;

  ids = puratan_upload_list_unfinished (self->database, self->upload_expiry, REAP_BATCH, &error);
  if (ids == NULL)
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                        "Cannot look for expired uploads: %s", error->message);
      return G_SOURCE_CONTINUE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = ids->pdata[i];

      if (g_hash_table_contains (self->tus_writing, id))
        continue;
      if (!remove_upload (self, id, &error))
        {
          g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                            "Cannot remove the expired upload %s: %s", id, error->message);
          g_clear_error (&error);
          continue;
        }
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "MESSAGE",
                        "Removed the upload %s, unfinished %u seconds after its creation", id,
                        self->upload_expiry);
    }
  return G_SOURCE_CONTINUE;
}

/**
 * puratan_server_set_upload_expiry:
 * @self: a server
 * @seconds: how long after its creation an unfinished upload is kept; 0 keeps it for ever
 *
 * Unfinished uploads older than @seconds are removed, with their bytes, by a sweep on the
 * calling thread's main context every quarter of @seconds (at least once a second and at
 * most an hour apart); answers about an unfinished upload give the time it expires in
 * Upload-Expires (the tus expiration extension). A client that comes back later meets 404
 * and starts a new upload.
 */
void
puratan_server_set_upload_expiry (PuratanServer *self, guint seconds)
{
  g_return_if_fail (PURATAN_IS_SERVER (self));

  if (self->upload_reaper != NULL)
    {
      g_source_destroy (self->upload_reaper);
      g_clear_pointer (&self->upload_reaper, g_source_unref);
    }
  self->upload_expiry = seconds;
  if (seconds == 0)
    return;
  self->upload_reaper = g_timeout_source_new_seconds (CLAMP (seconds / 4, 1, REAP_MAX_SECONDS));
  g_source_set_callback (self->upload_reaper, reap_expired_cb, self, NULL);
  g_source_set_static_name (self->upload_reaper, "[puratan] expired uploads");
  g_source_attach (self->upload_reaper, g_main_context_get_thread_default ());
}

/* Adds the tus routes. */
void
puratan_server_add_upload_routes (PuratanServer *self)
{
  self->tus_writing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tus_hashes =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) tus_hash_free);
  puratan_server_set_upload_expiry (self, PURATAN_SERVER_DEFAULT_UPLOAD_EXPIRY);
  puratan_server_add_route (self, "OPTIONS", "/api/v1/uploads", options_cb, self);
  puratan_server_add_route (self, "POST", "/api/v1/uploads", create_cb, self);
  puratan_server_add_route (self, "GET", "/api/v1/uploads/{id}", status_cb, self);
  puratan_server_add_route_full (self, "PATCH", "/api/v1/uploads/{id}", PURATAN_ROUTE_RESUMABLE,
                                 patch_cb, self);
  puratan_server_add_route (self, "DELETE", "/api/v1/uploads/{id}", terminate_cb, self);
}
