/* puratan-file-store.c: content-addressed artwork and proof files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "puratan-core.h"
#include "puratan-file-store.h"
#include "puratan-store-private.h"

#define CHUNK_SIZE (256 * 1024)

/**
 * puratan_order_file_free:
 * @file: (nullable): a file entry
 */
void
puratan_order_file_free (PuratanOrderFile *file)
{
  if (file == NULL)
    return;
  g_free (file->sha256);
  g_free (file->name);
  g_free (file->role);
  g_free (file->media_type);
  g_free (file->path);
  g_free (file);
}

/* Contents live beside the database: files/ab/abcdef… */
static char *
content_path (PuratanDatabase *database, const char *sha256)
{
  g_autofree char *dir = g_path_get_dirname (puratan_database_get_path (database));
  char prefix[3] = { sha256[0], sha256[1], '\0' };

  return g_build_filename (dir, "files", prefix, sha256, NULL);
}

static gboolean
is_sha256 (const char *text)
{
  return text != NULL && strlen (text) == 64 && strspn (text, "0123456789abcdef") == 64;
}

/* Copies @source into a temporary file in the store while hashing it. */
static char *
copy_and_hash (GFile *source, GFile *temp, gint64 *size, GError **error)
{
  g_autoptr (GFileInputStream) in = g_file_read (source, NULL, error);
  g_autoptr (GFileOutputStream) out = NULL;
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  gssize n;

  if (in == NULL)
    return NULL;
  out = g_file_replace (temp, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
  if (out == NULL)
    return NULL;
  *size = 0;
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buffer, CHUNK_SIZE, NULL, error)) > 0)
    {
      g_checksum_update (checksum, buffer, n);
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buffer, n, NULL, NULL, error))
        return NULL;
      *size += n;
    }
  if (n < 0 || !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error))
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}

typedef struct
{
  const char *sha256;
  gint64 size;
  const char *media_type;
} FileRow;

static gboolean
insert_row (PuratanDatabase *database, gpointer user_data, GError **error)
{
  FileRow *row = user_data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (JsonBuilder) payload = json_builder_new ();
  g_autofree char *now = puratan_store_now ();

  stmt = puratan_store_prepare (database,
                                "INSERT INTO files (sha256, size, media_type, created_at)"
                                " VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, row->sha256);
  sqlite3_bind_int64 (stmt, 2, row->size);
  puratan_store_bind_text (stmt, 3, row->media_type);
  puratan_store_bind_text (stmt, 4, now);
  if (!puratan_store_step_done (database, stmt, "record the file", error))
    return FALSE;
  if (sqlite3_changes (puratan_database_get_handle (database)) == 0)
    return TRUE;

  json_builder_begin_object (payload);
  json_builder_set_member_name (payload, "sha256");
  json_builder_add_string_value (payload, row->sha256);
  json_builder_set_member_name (payload, "size");
  json_builder_add_int_value (payload, row->size);
  json_builder_set_member_name (payload, "media_type");
  json_builder_add_string_value (payload, row->media_type);
  json_builder_end_object (payload);
  return puratan_outbox_append (database, "file", row->sha256, "upload", payload, error);
}

/**
 * puratan_file_store_import:
 * @database: an open database
 * @source_path: the file to take in
 * @media_type: its media type, e.g. "application/pdf"
 * @error: return location for a #GError
 *
 * Copies a file into the store under its SHA-256, streaming so large PDFs never sit in memory.
 * Importing the same content twice stores it once. Blocking: use a worker thread.
 *
 * Returns: (transfer full) (nullable): the content's SHA-256 (lower-case hex), or %NULL with
 *   @error set (%PURATAN_ERROR_IO when the file cannot be read or stored)
 */
char *
puratan_file_store_import (PuratanDatabase *database,
                           const char *source_path,
                           const char *media_type,
                           GError **error)
{
  g_autoptr (GFile) source = NULL;
  g_autoptr (GFile) temp = NULL;
  g_autoptr (GFile) target = NULL;
  g_autoptr (GError) io_error = NULL;
  g_autoptr (GFile) dir_file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *temp_name = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *final_path = NULL;
  g_autofree char *final_dir = NULL;
  FileRow row;
  gint64 size = 0;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (source_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!puratan_store_check_text ("media type", media_type, TRUE, 127, error))
    return NULL;

  dir = g_path_get_dirname (puratan_database_get_path (database));
  temp_name = puratan_store_new_id (error);
  if (temp_name == NULL)
    return NULL;
  dir_file = g_file_new_build_filename (dir, "files", "incoming", NULL);
  if (g_mkdir_with_parents (g_file_peek_path (dir_file), 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                   "Cannot create the file store in “%s”: %s", dir, g_strerror (saved_errno));
      return NULL;
    }
  source = g_file_new_for_path (source_path);
  temp = g_file_get_child (dir_file, temp_name);
  sha256 = copy_and_hash (source, temp, &size, &io_error);
  if (sha256 == NULL)
    {
      g_file_delete (temp, NULL, NULL);
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot take in “%s”: %s", source_path,
                   io_error->message);
      return NULL;
    }

  final_path = content_path (database, sha256);
  final_dir = g_path_get_dirname (final_path);
  target = g_file_new_for_path (final_path);
  if (g_mkdir_with_parents (final_dir, 0700) != 0 ||
      (!g_file_query_exists (target, NULL) && g_rename (g_file_peek_path (temp), final_path) != 0))
    {
      int saved_errno = errno;
      g_file_delete (temp, NULL, NULL);
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot store “%s”: %s", source_path,
                   g_strerror (saved_errno));
      return NULL;
    }
  /* Already stored: the copy is not needed. */
  g_file_delete (temp, NULL, NULL);

  row = (FileRow){ sha256, size, media_type };
  if (!puratan_database_run_in_transaction (database, insert_row, &row, error))
    return NULL;
  return g_steal_pointer (&sha256);
}

/**
 * puratan_file_store_adopt:
 * @database: an open database
 * @path: a file of the caller's on the same file system as the store (beside the database),
 *   which the store takes over
 * @sha256_known: (nullable): the file's SHA-256 (lower-case hex) when the caller computed it
 *   as it wrote the file; %NULL to have it read and hashed here
 * @media_type: its media type, e.g. "application/pdf"
 * @error: return location for a #GError
 *
 * Stores a file under its SHA-256 by moving it into place rather than copying it, for files
 * the server received itself: it is read once to hash it, made durable, and renamed. Content
 * stored already is kept and @path removed. Blocking: use a worker thread.
 *
 * Returns: (transfer full) (nullable): the content's SHA-256, or %NULL with @error set
 *   (%PURATAN_ERROR_IO); @path is left where it was on failure
 */
char *
puratan_file_store_adopt (PuratanDatabase *database,
                          const char *path,
                          const char *sha256_known,
                          const char *media_type,
                          GError **error)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  g_autofree char *sha256 = NULL;
  g_autofree char *final_path = NULL;
  g_autofree char *final_dir = NULL;
  FileRow row;
  gint64 size = 0;
  gboolean known = sha256_known != NULL && is_sha256 (sha256_known);
  ssize_t n;
  int fd;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!puratan_store_check_text ("media type", media_type, TRUE, 127, error))
    return NULL;
  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot take in “%s”: %s", path,
                   g_strerror (saved_errno));
      return NULL;
    }
  if (known)
    {
      struct stat info;

      n = fstat (fd, &info);
      if (n == 0)
        size = info.st_size;
    }
  else
    {
      while ((n = read (fd, buffer, CHUNK_SIZE)) != 0)
        {
          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            break;
          g_checksum_update (checksum, buffer, n);
          size += n;
        }
    }
  if (n < 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;
      close (fd);
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot take in “%s”: %s", path,
                   g_strerror (saved_errno));
      return NULL;
    }
  close (fd);
  sha256 = g_strdup (known ? sha256_known : g_checksum_get_string (checksum));

  final_path = content_path (database, sha256);
  final_dir = g_path_get_dirname (final_path);
  if (g_mkdir_with_parents (final_dir, 0700) != 0 ||
      (g_file_test (final_path, G_FILE_TEST_EXISTS) ? g_unlink (path)
                                                    : g_rename (path, final_path)) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot store “%s”: %s", path,
                   g_strerror (saved_errno));
      return NULL;
    }
  row = (FileRow){ sha256, size, media_type };
  if (!puratan_database_run_in_transaction (database, insert_row, &row, error))
    return NULL;
  return g_steal_pointer (&sha256);
}

/**
 * puratan_file_store_get_path:
 * @database: an open database
 * @sha256: a stored content's hash
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): where the content is, or %NULL with
 *   %PURATAN_ERROR_NOT_FOUND when it is not in the store
 */
char *
puratan_file_store_get_path (PuratanDatabase *database, const char *sha256, GError **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  if (!is_sha256 (sha256))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” is not a SHA-256 in lower-case hex", sha256);
      return NULL;
    }
  path = content_path (database, sha256);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "The file %s is not on this workstation", sha256);
      return NULL;
    }
  return g_steal_pointer (&path);
}

typedef struct
{
  const char *order_id;
  const char *sha256;
  const char *name;
  const char *role;
} Attach;

static gboolean
attach_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Attach *attach = user_data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (JsonBuilder) payload = json_builder_new ();
  g_autofree char *now = puratan_store_now ();

  stmt = puratan_store_prepare (
      database,
      "INSERT INTO order_files (order_id, sha256, name, role, attached_at)"
      " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET name = excluded.name",
      error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, attach->order_id);
  puratan_store_bind_text (stmt, 2, attach->sha256);
  puratan_store_bind_text (stmt, 3, attach->name);
  puratan_store_bind_text (stmt, 4, attach->role);
  puratan_store_bind_text (stmt, 5, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (puratan_database_get_handle (database)) ==
          SQLITE_CONSTRAINT_FOREIGNKEY)
        {
          g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                               "The order or the file does not exist; import the file first");
          return FALSE;
        }
      return puratan_store_fail (database, "attach the file", error);
    }
  json_builder_begin_object (payload);
  json_builder_set_member_name (payload, "order_id");
  json_builder_add_string_value (payload, attach->order_id);
  json_builder_set_member_name (payload, "sha256");
  json_builder_add_string_value (payload, attach->sha256);
  json_builder_set_member_name (payload, "name");
  json_builder_add_string_value (payload, attach->name);
  json_builder_set_member_name (payload, "role");
  json_builder_add_string_value (payload, attach->role);
  json_builder_end_object (payload);
  return puratan_outbox_append (database, "order", attach->order_id, "attach_file", payload, error);
}

/**
 * puratan_file_store_attach:
 * @database: an open database
 * @order_id: the order
 * @sha256: a file from puratan_file_store_import()
 * @name: the file's name to show
 * @role: "artwork", "proof" or "other"
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file is attached to the order
 */
gboolean
puratan_file_store_attach (PuratanDatabase *database,
                           const char *order_id,
                           const char *sha256,
                           const char *name,
                           const char *role,
                           GError **error)
{
  Attach attach = { order_id, sha256, name, role };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (order_id != NULL && sha256 != NULL, FALSE);

  if (!puratan_store_check_text ("file name", name, TRUE, 255, error))
    return FALSE;
  if (g_strcmp0 (role, "artwork") != 0 && g_strcmp0 (role, "proof") != 0 &&
      g_strcmp0 (role, "other") != 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” is not a file role; use artwork, proof or other", role ? role : "");
      return FALSE;
    }
  return puratan_database_run_in_transaction (database, attach_in_transaction, &attach, error);
}

/**
 * puratan_file_store_list_for_order:
 * @database: an open database
 * @order_id: the order
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PuratanOrderFile) (nullable): the order's files, in
 *   the order they were attached, or %NULL with @error set
 */
GPtrArray *
puratan_file_store_list_for_order (PuratanDatabase *database, const char *order_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) files =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_order_file_free);
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (order_id != NULL, NULL);

  stmt = puratan_store_prepare (database,
                                "SELECT f.sha256, o.name, o.role, f.media_type, f.size"
                                " FROM order_files o JOIN files f USING (sha256)"
                                " WHERE o.order_id = ? ORDER BY o.attached_at, o.rowid",
                                error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PuratanOrderFile *file = g_new0 (PuratanOrderFile, 1);
      file->sha256 = puratan_store_column_text (stmt, 0);
      file->name = puratan_store_column_text (stmt, 1);
      file->role = puratan_store_column_text (stmt, 2);
      file->media_type = puratan_store_column_text (stmt, 3);
      file->size = sqlite3_column_int64 (stmt, 4);
      file->path = content_path (database, file->sha256);
      g_ptr_array_add (files, file);
    }
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "list the order's files", error);
      return NULL;
    }
  return g_steal_pointer (&files);
}
