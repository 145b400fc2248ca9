/* puratan-backup.c: one-file online backups of the database and its file store
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A backup is one ustar archive (puratan-backup-tar.c): a manifest, a snapshot of the
 * database, and the content of every stored file the snapshot names. The snapshot is
 * made with `VACUUM INTO`, which reads the database in one read transaction: in WAL mode
 * writers go on meanwhile and the snapshot is the database as of that transaction's
 * start. Stored files are content-addressed and immutable, and a file's content is in
 * place before the row naming it commits (puratan_file_store_import()), so every file
 * the snapshot names can be copied after it, however long that takes. The manifest
 * records the snapshot's SHA-256 and size and the number of files; each file's name is
 * its SHA-256, so a restore checks every byte it writes.
 */
#include "puratan-backup-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "puratan-core.h"
#include "puratan-store-private.h"

typedef struct
{
  char *sha256;
  guint64 size;
} StoredFile;

static void
stored_file_clear (StoredFile *file)
{
  g_free (file->sha256);
}

/* Sets @error to "WHAT “PATH”: REASON" from errno. */
static gboolean
io_error (const char *what, const char *path, GError **error)
{
  int saved_errno = errno;

  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "%s “%s”: %s", what, path,
               g_strerror (saved_errno));
  return FALSE;
}

/* Snapshot: VACUUM INTO a new file, which must not exist. */
static gboolean
snapshot (PuratanDatabase *database, const char *path, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (database, "VACUUM INTO ?", error);

  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, path);
  return puratan_store_step_done (database, stmt, "snapshot the database", error);
}

/* Reads the stored files (sha256, size) and the schema version the snapshot at @path
 * names, through its own read-only connection. */
static GArray *
snapshot_files (const char *path, int *schema_version, GError **error)
{
  g_autoptr (GArray) files = g_array_new (FALSE, TRUE, sizeof (StoredFile));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_array_set_clear_func (files, (GDestroyNotify) stored_file_clear);
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    goto failed;
  *schema_version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (sqlite3_prepare_v2 (db, "SELECT sha256, size FROM files ORDER BY sha256", -1, &stmt, NULL) !=
      SQLITE_OK)
    goto failed;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StoredFile file = { g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                          (guint64) sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (files, file);
      if (!puratan_backup_is_sha256 (file.sha256))
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                       "The database names a stored file by a malformed hash");
          sqlite3_finalize (stmt);
          sqlite3_close (db);
          return NULL;
        }
    }
  if (rc != SQLITE_DONE)
    goto failed;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_steal_pointer (&files);

failed:
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot read the database snapshot: %s",
               db != NULL ? sqlite3_errmsg (db) : "out of memory");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return NULL;
}

static char *
file_sha256 (const char *path, guint64 *size, GError **error)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (256 * 1024);
  FILE *in = g_fopen (path, "rb");
  gsize n;

  if (in == NULL)
    {
      io_error ("Cannot read", path, error);
      return NULL;
    }
  *size = 0;
  while ((n = fread (buffer, 1, 256 * 1024, in)) > 0)
    {
      g_checksum_update (checksum, buffer, n);
      *size += n;
    }
  if (ferror (in))
    {
      io_error ("Cannot read", path, error);
      fclose (in);
      return NULL;
    }
  fclose (in);
  return g_strdup (g_checksum_get_string (checksum));
}

/* Appends the entry @name holding the file at @path, which must be @size bytes and, when
 * @sha256 is set, have that hash. */
static gboolean
append_file (
    FILE *out, const char *name, const char *path, guint64 size, const char *sha256, GError **error)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  FILE *in = g_fopen (path, "rb");
  gboolean ok;

  if (in == NULL)
    return io_error ("Cannot read the stored file", path, error);
  ok = puratan_backup_write_header (out, name, size, error) &&
       puratan_backup_copy_entry (in, out, size, checksum, error);
  fclose (in);
  if (!ok)
    {
      /* A short stored file reads as a damaged archive; say what is really wrong. */
      if (g_error_matches (*error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT))
        {
          g_clear_error (error);
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                       "The stored file “%s” is shorter than the database says", path);
        }
      return FALSE;
    }
  if (sha256 != NULL && strcmp (g_checksum_get_string (checksum), sha256) != 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                   "The stored file “%s” does not match its SHA-256; the file store is damaged",
                   path);
      return FALSE;
    }
  return puratan_backup_write_padding (out, size, error);
}

static gboolean
write_archive (FILE *out,
               const char *snapshot_path,
               const char *data_dir,
               GArray *files,
               PuratanBackupSummary *summary,
               GError **error)
{
  g_autoptr (GKeyFile) manifest = g_key_file_new ();
  g_autofree char *manifest_text = NULL;
  g_autofree char *database_sha256 = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  guint64 database_size = 0;
  gsize manifest_length;

  database_sha256 = file_sha256 (snapshot_path, &database_size, error);
  if (database_sha256 == NULL)
    return FALSE;
  summary->n_bytes = database_size;
  g_key_file_set_integer (manifest, "backup", "format", PURATAN_BACKUP_FORMAT);
  g_key_file_set_string (manifest, "backup", "created", created);
  g_key_file_set_integer (manifest, "backup", "schema-version", summary->schema_version);
  g_key_file_set_string (manifest, "backup", "database-sha256", database_sha256);
  g_key_file_set_uint64 (manifest, "backup", "database-size", database_size);
  g_key_file_set_uint64 (manifest, "backup", "files", files->len);
  manifest_text = g_key_file_to_data (manifest, &manifest_length, NULL);

  if (!puratan_backup_write_header (out, PURATAN_BACKUP_MANIFEST_NAME, manifest_length, error))
    return FALSE;
  if (fwrite (manifest_text, 1, manifest_length, out) != manifest_length)
    return io_error ("Cannot write the backup archive", "manifest", error);
  if (!puratan_backup_write_padding (out, manifest_length, error) ||
      !append_file (out, PURATAN_BACKUP_DATABASE_NAME, snapshot_path, database_size, NULL, error))
    return FALSE;

  for (guint i = 0; i < files->len; i++)
    {
      StoredFile *file = &g_array_index (files, StoredFile, i);
      char prefix[3] = { file->sha256[0], file->sha256[1], '\0' };
      g_autofree char *name = g_build_path ("/", "files", prefix, file->sha256, NULL);
      g_autofree char *path = g_build_filename (data_dir, "files", prefix, file->sha256, NULL);

      if (!append_file (out, name, path, file->size, file->sha256, error))
        return FALSE;
      summary->n_bytes += file->size;
    }
  summary->n_files = files->len;
  return puratan_backup_write_end (out, error);
}

/**
 * puratan_backup_write:
 * @database: an open database, which others may go on writing meanwhile
 * @archive_path: the archive to create; must not exist yet
 * @summary: (out) (optional): what the archive holds
 * @error: return location for a #GError
 *
 * Writes a consistent backup of @database and of the stored files it names (the file store
 * beside it) into one archive file, while the database stays in use: the archive holds the
 * database as of the moment the snapshot began, and every file that snapshot names. The
 * archive is written under a temporary name, flushed to disk and renamed into place only
 * when complete. Blocking.
 *
 * Returns: %TRUE when @archive_path holds the complete backup; %FALSE with @error set:
 *   %PURATAN_ERROR_INVALID_INPUT when @archive_path exists, %PURATAN_ERROR_CORRUPT when a
 *   stored file is missing its bytes or does not match its hash, %PURATAN_ERROR_IO when
 *   something cannot be read or written
 */
gboolean
puratan_backup_write (PuratanDatabase *database,
                      const char *archive_path,
                      PuratanBackupSummary *summary,
                      GError **error)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *snapshot_path = NULL;
  g_autoptr (GArray) files = NULL;
  PuratanBackupSummary local = { 0 };
  FILE *out = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (archive_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*archive_path == '\0' || g_file_test (archive_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” already exists or is empty; give a new file name for the backup",
                   archive_path);
      return FALSE;
    }
  data_dir = g_path_get_dirname (puratan_database_get_path (database));
  partial = g_strconcat (archive_path, ".partial", NULL);
  snapshot_path = g_strconcat (archive_path, ".database-partial", NULL);
  g_unlink (partial);
  g_unlink (snapshot_path);

  if (!snapshot (database, snapshot_path, error))
    goto out;
  files = snapshot_files (snapshot_path, &local.schema_version, error);
  if (files == NULL)
    goto out;
  out = g_fopen (partial, "wbx");
  if (out == NULL)
    {
      io_error ("Cannot create the backup archive", partial, error);
      goto out;
    }
  if (!write_archive (out, snapshot_path, data_dir, files, &local, error))
    goto out;
  if (fflush (out) != 0 || fsync (fileno (out)) != 0)
    {
      io_error ("Cannot write the backup archive", partial, error);
      goto out;
    }
  if (fclose (out) != 0)
    {
      out = NULL;
      io_error ("Cannot write the backup archive", partial, error);
      goto out;
    }
  out = NULL;
  if (g_rename (partial, archive_path) != 0)
    {
      io_error ("Cannot move the backup archive to", archive_path, error);
      goto out;
    }
  ok = TRUE;
  if (summary != NULL)
    *summary = local;

out:
  if (out != NULL)
    fclose (out);
  if (!ok)
    g_unlink (partial);
  g_unlink (snapshot_path);
  return ok;
}
