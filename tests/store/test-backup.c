/* test-backup.c: one-file backups of the database and its file store, and checked restores
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "puratan-core.h"
#include "puratan-store.h"

static char *
user_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

/* A database in DIR/shop.sqlite3 holding three stored files of awkward sizes; returns their
 * hashes in @hashes. */
static PuratanDatabase *
make_shop (const char *dir, GPtrArray *hashes)
{
  g_autofree char *path = g_build_filename (dir, "shop.sqlite3", NULL);
  g_autoptr (GError) error = NULL;
  PuratanDatabase *database;
  const gsize sizes[] = { 0, 513, 70000 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  database = puratan_database_open (path, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *source = g_strdup_printf ("%s/source-%" G_GSIZE_FORMAT, dir, i);
      g_autofree char *content = g_malloc (sizes[i] + 1);
      char *sha256;

      for (gsize b = 0; b < sizes[i]; b++)
        content[b] = (char) ('a' + (b * 7 + i) % 26);
      g_assert_true (g_file_set_contents (source, content, (gssize) sizes[i], NULL));
      sha256 = puratan_file_store_import (database, source, "application/pdf", &error);
      g_assert_no_error (error);
      g_ptr_array_add (hashes, sha256);
    }
  return database;
}

static void
assert_restore_fails (const char *archive, int code)
{
  g_autofree char *target = user_path ("refused");
  g_autoptr (GError) error = NULL;

  g_assert_false (puratan_backup_restore (archive, target, "shop.sqlite3", NULL, &error));
  g_assert_error (error, PURATAN_ERROR, code);
  /* Nothing is left behind: the directory the restore made is gone again. */
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

static void
test_round_trip (void)
{
  g_autoptr (GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *shop = user_path ("shop");
  g_autofree char *restored = user_path ("restored");
  g_autofree char *archive = user_path ("backup.tar");
  g_autofree char *restored_db = g_build_filename (restored, "shop.sqlite3", NULL);
  g_autoptr (PuratanDatabase) database = make_shop (shop, hashes);
  g_autoptr (PuratanDatabase) copy = NULL;
  g_autoptr (GError) error = NULL;
  PuratanBackupSummary written, read;

  g_assert_true (puratan_backup_write (database, archive, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written.n_files, ==, 3);
  g_assert_cmpint (written.schema_version, ==, puratan_database_get_schema_version (database));

  /* A second backup never overwrites the first. */
  g_assert_false (puratan_backup_write (database, archive, NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_true (puratan_backup_restore (archive, restored, "shop.sqlite3", &read, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (read.n_files, ==, 3);
  g_assert_cmpuint (read.n_bytes, ==, written.n_bytes);

  copy = puratan_database_open (restored_db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < hashes->len; i++)
    {
      g_autofree char *path = puratan_file_store_get_path (copy, hashes->pdata[i], &error);
      g_autofree char *content = NULL;
      g_autofree char *sha256 = NULL;
      gsize length;

      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &content, &length, NULL));
      sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) content, length);
      g_assert_cmpstr (sha256, ==, hashes->pdata[i]);
    }

  /* Restoring over data is refused, and the data is untouched. */
  g_assert_false (puratan_backup_restore (archive, restored, "shop.sqlite3", NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_true (g_file_test (restored_db, G_FILE_TEST_IS_REGULAR));
}

/* Every cut of the archive, and damage in each of its parts, is refused. */
static void
test_damage_refused (void)
{
  g_autoptr (GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *shop = user_path ("shop");
  g_autofree char *archive = user_path ("backup.tar");
  g_autofree char *damaged = user_path ("damaged.tar");
  g_autoptr (PuratanDatabase) database = make_shop (shop, hashes);
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (puratan_backup_write (database, archive, NULL, &error));
  g_assert_true (g_file_get_contents (archive, &data, &length, NULL));
  g_assert_cmpuint (length % 512, ==, 0);

  {
    /* Cuts inside the first header, the manifest, the database, the middle, the last entry
     * and the end marker. */
    const gsize cuts[] = { 0,          100,           512,           1000,         1536,      4000,
                           length / 2, length - 1536, length - 1024, length - 512, length - 1 };

    for (gsize i = 0; i < G_N_ELEMENTS (cuts); i++)
      {
        g_assert_true (g_file_set_contents (damaged, data, (gssize) cuts[i], NULL));
        assert_restore_fails (damaged, PURATAN_ERROR_CORRUPT);
      }
  }

  /* Garbage after the end marker. */
  {
    g_autoptr (GString) longer = g_string_new_len (data, (gssize) length);

    g_string_append (longer, "extra");
    g_assert_true (g_file_set_contents (damaged, longer->str, (gssize) longer->len, NULL));
    assert_restore_fails (damaged, PURATAN_ERROR_CORRUPT);
  }

  /* One changed byte in the first header's name, its size, the manifest's text, and inside
   * the database's pages. */
  {
    const gsize flips[] = { 3, 130, 520, 3 * 512 + 4000, 3 * 512 + 100000 };

    for (gsize i = 0; i < G_N_ELEMENTS (flips); i++)
      {
        g_autofree char *copy = g_memdup2 (data, length);

        copy[flips[i]] ^= 0x01;
        g_assert_true (g_file_set_contents (damaged, copy, (gssize) length, NULL));
        assert_restore_fails (damaged, PURATAN_ERROR_CORRUPT);
      }
  }
}

/* A stored file whose bytes no longer match its hash stops the backup, which leaves no
 * archive behind. */
static void
test_damaged_store_refused (void)
{
  g_autoptr (GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *shop = user_path ("shop");
  g_autofree char *archive = user_path ("backup.tar");
  g_autofree char *partial = user_path ("backup.tar.partial");
  g_autoptr (PuratanDatabase) database = make_shop (shop, hashes);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = puratan_file_store_get_path (database, hashes->pdata[1], &error);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "tampered", -1, NULL));
  g_assert_false (puratan_backup_write (database, archive, NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT);
  g_assert_false (g_file_test (archive, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/backup/round-trip", test_round_trip);
  g_test_add_func ("/store/backup/damage-refused", test_damage_refused);
  g_test_add_func ("/store/backup/damaged-store-refused", test_damaged_store_refused);

  return g_test_run ();
}
