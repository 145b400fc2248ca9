/* puratan-restore.c: restoring a backup archive into an empty data directory
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A restore never mixes a backup with other data: the data directory must be empty or
 * not exist yet. Every entry is checked as it is written (the database against the
 * manifest's SHA-256 and size, each stored file against the hash that is its name), the
 * archive must hold exactly the manifest's entries in order and end with its end marker,
 * and the restored database must pass SQLite's integrity check and name only files the
 * archive held. Anything less is refused with %PURATAN_ERROR_CORRUPT, and whatever the
 * restore wrote is removed again, leaving the directory as it found it.
 */
#include "puratan-backup-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "puratan-core.h"
#include "puratan-migration-private.h"

static gboolean corrupt (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
corrupt (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
               "The backup archive is damaged or incomplete: %s", what);
  return FALSE;
}

/* Removes everything inside @path (but not @path). */
static void
remove_contents (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        {
          remove_contents (child);
          g_rmdir (child);
        }
      else
        g_unlink (child);
    }
}

/* Makes sure @data_dir is an empty directory, creating it when missing. */
static gboolean
prepare_data_dir (const char *data_dir, gboolean *created, GError **error)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GError) local_error = NULL;

  *created = FALSE;
  if (!g_file_test (data_dir, G_FILE_TEST_EXISTS))
    {
      if (g_mkdir_with_parents (data_dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                       "Cannot create the data directory “%s”: %s", data_dir,
                       g_strerror (saved_errno));
          return FALSE;
        }
      *created = TRUE;
      return TRUE;
    }
  dir = g_dir_open (data_dir, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                   "Cannot use “%s” as the data directory: %s", data_dir, local_error->message);
      return FALSE;
    }
  if (g_dir_read_name (dir) != NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The data directory “%s” is not empty; a backup is restored only into an empty "
                   "or new directory, so that it never mixes with other data",
                   data_dir);
      return FALSE;
    }
  return TRUE;
}

static GKeyFile *
read_manifest (FILE *in, GError **error)
{
  g_autoptr (GKeyFile) manifest = g_key_file_new ();
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) parse_error = NULL;
  guint64 size;

  if (!puratan_backup_read_header (in, &name, &size, error))
    return NULL;
  if (name == NULL || strcmp (name, PURATAN_BACKUP_MANIFEST_NAME) != 0 || size > 64 * 1024)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                   "This is not a Puratan backup archive: it does not start with its manifest");
      return NULL;
    }
  text = g_malloc0 (size + 1);
  if (fread (text, 1, size, in) != size || !puratan_backup_skip_padding (in, size, error))
    {
      if (error != NULL && *error == NULL)
        corrupt (error, "it ends inside its manifest");
      return NULL;
    }
  if (!g_key_file_load_from_data (manifest, text, size, G_KEY_FILE_NONE, &parse_error))
    {
      corrupt (error, "its manifest cannot be read (%s)", parse_error->message);
      return NULL;
    }
  if (g_key_file_get_integer (manifest, "backup", "format", NULL) != PURATAN_BACKUP_FORMAT)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_UNSUPPORTED_VERSION,
                   "The backup archive has a format this version of Puratan cannot read");
      return NULL;
    }
  return g_steal_pointer (&manifest);
}

/* Writes the current entry of @size bytes to @path under a temporary name, checks it has
 * @sha256, and moves it into place. */
static gboolean
restore_entry (FILE *in, const char *path, guint64 size, const char *sha256, GError **error)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  FILE *out;
  gboolean ok;

  if (g_mkdir_with_parents (dir, 0700) != 0 || (out = g_fopen (partial, "wbx")) == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot write “%s”: %s", path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  ok = puratan_backup_copy_entry (in, out, size, checksum, error) &&
       puratan_backup_skip_padding (in, size, error);
  if (ok && (fflush (out) != 0 || fsync (fileno (out)) != 0))
    {
      int saved_errno = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot write “%s”: %s", path,
                   g_strerror (saved_errno));
      ok = FALSE;
    }
  fclose (out);
  if (ok && strcmp (g_checksum_get_string (checksum), sha256) != 0)
    ok = corrupt (error, "“%s” does not match its SHA-256", path);
  if (ok && g_rename (partial, path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot write “%s”: %s", path,
                   g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (partial);
  return ok;
}

/* Checks the restored database: SQLite's integrity check passes and every stored file it
 * names was in the archive (@restored holds their hashes). */
static gboolean
check_database (const char *path, GHashTable *restored, int *schema_version, GError **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  guint named = 0;
  int rc;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      corrupt (error, "its database cannot be read (%s)", db != NULL ? sqlite3_errmsg (db) : "");
      goto out;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      corrupt (error, "its database fails SQLite’s integrity check");
      goto out;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      corrupt (error, "its database has no schema version");
      goto out;
    }
  *schema_version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT sha256 FROM files", -1, &stmt, NULL) != SQLITE_OK)
    {
      corrupt (error, "its database has no table of stored files (%s)", sqlite3_errmsg (db));
      goto out;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sha256 = (const char *) sqlite3_column_text (stmt, 0);

      if (sha256 == NULL || !g_hash_table_contains (restored, sha256))
        {
          corrupt (error, "its database names a stored file the archive does not hold");
          goto out;
        }
      named++;
    }
  ok = rc == SQLITE_DONE;
  if (!ok)
    corrupt (error, "its database cannot be read (%s)", sqlite3_errmsg (db));

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

static gboolean
restore_stream (FILE *in,
                const char *data_dir,
                const char *database_name,
                PuratanBackupSummary *summary,
                GError **error)
{
  g_autoptr (GKeyFile) manifest = NULL;
  g_autoptr (GHashTable) restored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *database_sha256 = NULL;
  g_autofree char *name = NULL;
  g_autofree char *database_path = g_build_filename (data_dir, database_name, NULL);
  guint64 database_size, n_files, size;
  int schema_version = 0;

  manifest = read_manifest (in, error);
  if (manifest == NULL)
    return FALSE;
  database_sha256 = g_key_file_get_string (manifest, "backup", "database-sha256", NULL);
  database_size = g_key_file_get_uint64 (manifest, "backup", "database-size", NULL);
  n_files = g_key_file_get_uint64 (manifest, "backup", "files", NULL);
  if (!puratan_backup_is_sha256 (database_sha256))
    return corrupt (error, "its manifest has no database hash");

  if (!puratan_backup_read_header (in, &name, &size, error))
    return FALSE;
  if (name == NULL || strcmp (name, PURATAN_BACKUP_DATABASE_NAME) != 0 || size != database_size)
    return corrupt (error, "its database is missing or not the size its manifest says");
  if (!restore_entry (in, database_path, size, database_sha256, error))
    return FALSE;
  summary->n_bytes = size;

  for (;;)
    {
      g_clear_pointer (&name, g_free);
      if (!puratan_backup_read_header (in, &name, &size, error))
        return FALSE;
      if (name == NULL)
        break;
      {
        const char *sha256 = name + strlen ("files/ab/");
        g_autofree char *path = NULL;

        if (!g_str_has_prefix (name, "files/") || strlen (name) != strlen ("files/ab/") + 64 ||
            name[8] != '/' || !puratan_backup_is_sha256 (sha256) || name[6] != sha256[0] ||
            name[7] != sha256[1] || g_hash_table_contains (restored, sha256))
          return corrupt (error, "it holds an unexpected entry “%s”", name);
        path = g_build_filename (data_dir, "files", (char[]){ sha256[0], sha256[1], '\0' }, sha256,
                                 NULL);
        if (!restore_entry (in, path, size, sha256, error))
          return FALSE;
        g_hash_table_add (restored, g_strdup (sha256));
        summary->n_bytes += size;
      }
    }
  if (fgetc (in) != EOF)
    return corrupt (error, "it holds data after its end marker");
  if (g_hash_table_size (restored) != n_files)
    return corrupt (error, "it holds %u stored files where its manifest says %" G_GUINT64_FORMAT,
                    g_hash_table_size (restored), n_files);
  if (!check_database (database_path, restored, &schema_version, error))
    return FALSE;
  if (schema_version > puratan_database_get_latest_schema_version ())
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_UNSUPPORTED_VERSION,
                   "The backup comes from a newer version of Puratan (schema %d, this version "
                   "knows up to %d)",
                   schema_version, puratan_database_get_latest_schema_version ());
      return FALSE;
    }
  summary->schema_version = schema_version;
  summary->n_files = (guint) n_files;
  return TRUE;
}

/**
 * puratan_backup_restore:
 * @archive_path: an archive written by puratan_backup_write()
 * @data_dir: the data directory to restore into; must be empty or not exist
 * @database_name: the database's file name inside @data_dir
 * @summary: (out) (optional): what the archive held
 * @error: return location for a #GError
 *
 * Restores a backup: the database as @database_name and the stored files under `files/` in
 * @data_dir, checking every byte against the archive's hashes. On failure nothing the
 * restore wrote is left behind. Blocking.
 *
 * Returns: %TRUE when @data_dir holds the restored data; %FALSE with @error set:
 *   %PURATAN_ERROR_INVALID_INPUT when @data_dir is not empty, %PURATAN_ERROR_CORRUPT for a
 *   damaged, truncated or foreign archive, %PURATAN_ERROR_UNSUPPORTED_VERSION for one from
 *   a newer version, %PURATAN_ERROR_IO when something cannot be read or written
 */
gboolean
puratan_backup_restore (const char *archive_path,
                        const char *data_dir,
                        const char *database_name,
                        PuratanBackupSummary *summary,
                        GError **error)
{
  PuratanBackupSummary local = { 0 };
  gboolean created, ok;
  FILE *in;

  g_return_val_if_fail (archive_path != NULL, FALSE);
  g_return_val_if_fail (data_dir != NULL, FALSE);
  g_return_val_if_fail (database_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  in = g_fopen (archive_path, "rb");
  if (in == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                   "Cannot read the backup archive “%s”: %s", archive_path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (!prepare_data_dir (data_dir, &created, error))
    {
      fclose (in);
      return FALSE;
    }
  ok = restore_stream (in, data_dir, database_name, &local, error);
  fclose (in);
  if (!ok)
    {
      remove_contents (data_dir);
      if (created)
        g_rmdir (data_dir);
      return FALSE;
    }
  if (summary != NULL)
    *summary = local;
  return TRUE;
}
