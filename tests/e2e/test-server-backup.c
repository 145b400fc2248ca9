/* test-server-backup.c: end-to-end test of `puratan-server backup` and `restore`
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real server takes orders and payments over HTTP from one thread, and a
 * second writer (as a counter workstation on the same database would) stores
 * files and attaches them, while `puratan-server backup` runs. The archive is
 * restored into an empty directory, a server is started on it, and every
 * order, payment and file committed before the backup began is there. A
 * non-empty directory and damaged archives are refused and leave nothing.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "e2e-api.h"
#include "e2e-server.h"
#include "e2e-util.h"
#include "puratan-store.h"

typedef struct
{
  char *order_id;
  char *payment_id;
  char *sha256;
} Record;

static void
record_free (Record *record)
{
  g_free (record->order_id);
  g_free (record->payment_id);
  g_free (record->sha256);
  g_free (record);
}

typedef struct
{
  Server http;
  const char *token;
  char *database_path;
  char *scratch;
  GMutex lock;
  GPtrArray *records;
  gint stop;
} Load;

static char *
pay_cash (Server *server, const char *token, const char *order, guint i)
{
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) payment = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/orders/%s/payments", order);
  g_autofree char *key = g_strdup_printf ("backup-pay-%u", i);
  const char *json =
      "{\"method\":\"cash\",\"amount\":{\"amount_minor\":10000,\"currency\":\"INR\"}}";

  api_call (server, &reply, "POST", path, token, json, key, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 201);
  payment = reply_object (&reply);
  return g_strdup (json_object_get_string_member (payment, "id"));
}

/* Writes orders, payments and files until told to stop. A record is added only once all
 * three are committed. */
static gpointer
load_thread (gpointer user_data)
{
  Load *load = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = puratan_database_open (load->database_path, &error);

  g_assert_no_error (error);
  for (guint i = 0; !g_atomic_int_get (&load->stop); i++)
    {
      Record *record = g_new0 (Record, 1);
      g_autofree char *customer = g_strdup_printf ("Customer %u", i);
      g_autofree char *key = g_strdup_printf ("backup-order-%u", i);
      g_autofree char *status = NULL;
      g_autofree char *content = g_strdup_printf ("%%PDF-1.4\n%% artwork %u of the load\n", i);
      g_autofree char *source = g_strdup_printf ("%s/art-%u.pdf", load->scratch, i);
      g_autofree char *name = g_strdup_printf ("art-%u.pdf", i);

      record->order_id = api_draft_order (&load->http, load->token, customer, key);
      status = api_transition (&load->http, load->token, record->order_id, "place");
      g_assert_cmpstr (status, ==, "placed");
      record->payment_id = pay_cash (&load->http, load->token, record->order_id, i);
      g_assert_true (g_file_set_contents (source, content, -1, &error));
      record->sha256 = puratan_file_store_import (database, source, "application/pdf", &error);
      g_assert_no_error (error);
      g_assert_true (puratan_file_store_attach (database, record->order_id, record->sha256, name,
                                                "artwork", &error));
      g_assert_no_error (error);

      g_mutex_lock (&load->lock);
      g_ptr_array_add (load->records, record);
      g_mutex_unlock (&load->lock);
    }
  return NULL;
}

static guint
n_records (Load *load)
{
  guint n;

  g_mutex_lock (&load->lock);
  n = load->records->len;
  g_mutex_unlock (&load->lock);
  return n;
}

static void
run_server_command (E2eRun *run, const char *command, const char *archive, const char *data_dir)
{
  const char *argv[] = {
    e2e_program ("PURATAN_SERVER"), command, archive, "--data-dir", data_dir, NULL
  };

  e2e_run (run, argv);
}

static gboolean
is_empty_or_missing (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);

  return dir == NULL || g_dir_read_name (dir) == NULL;
}

/* Restoring @archive into a new directory fails with @says, and leaves no directory. */
static void
assert_refused (const char *archive, const char *says)
{
  g_autofree char *target = g_build_filename (g_get_user_data_dir (), "refused", NULL);
  g_auto (E2eRun) run = { 0 };

  run_server_command (&run, "restore", archive, target);
  g_assert_cmpint (run.exit_status, ==, 1);
  g_test_message ("%s", run.err);
  g_assert_nonnull (strstr (run.err, says));
  g_assert_true (is_empty_or_missing (target));
}

static void
test_damaged_archives (const char *archive)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autofree char *truncated = g_build_filename (g_get_user_data_dir (), "truncated.tar", NULL);
  g_autofree char *flipped = g_build_filename (g_get_user_data_dir (), "flipped.tar", NULL);
  g_autofree char *foreign = g_build_filename (g_get_user_data_dir (), "foreign.tar", NULL);
  g_autoptr (GError) error = NULL;

  g_file_get_contents (archive, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8192);

  /* Cut off before its end: the last files and the end marker are missing. */
  g_assert_true (g_file_set_contents (truncated, data, length - 1536, &error));
  assert_refused (truncated, "damaged or incomplete");

  /* One byte changed inside the database entry, which starts after two header blocks and
   * the manifest's block. */
  data[3 * 512 + 4000] ^= 0x20;
  g_assert_true (g_file_set_contents (flipped, data, length, &error));
  assert_refused (flipped, "does not match its SHA-256");

  g_assert_true (g_file_set_contents (foreign, "not an archive at all\n", -1, &error));
  assert_refused (foreign, "damaged or incomplete");
}

static void
test_backup_under_load (void)
{
  g_auto (Server) server = { 0 };
  g_auto (E2eRun) backup = { 0 };
  g_auto (E2eRun) restore = { 0 };
  g_auto (E2eRun) refused = { 0 };
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autofree char *token = NULL;
  g_autofree char *archive = g_build_filename (g_get_user_data_dir (), "shop-backup.tar", NULL);
  g_autofree char *original = NULL;
  g_autofree char *log = NULL;
  g_autofree char *restored_db_path = NULL;
  g_autoptr (PuratanDatabase) restored = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GThread) thread = NULL;
  Load load = { 0 };
  guint before, after;

  server_start (&server, NULL);
  token = api_sign_in (&server, "counter@example.in", "counter");

  load.http.url = server.url;
  load.http.session = soup_session_new ();
  load.token = token;
  load.database_path = g_build_filename (server.data_dir, "shop.sqlite3", NULL);
  load.scratch = g_build_filename (g_get_user_data_dir (), "scratch", NULL);
  g_assert_cmpint (g_mkdir_with_parents (load.scratch, 0700), ==, 0);
  g_mutex_init (&load.lock);
  load.records = records;
  thread = g_thread_new ("load", load_thread, &load);

  while (n_records (&load) < 5)
    g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  /* Everything recorded now was committed before the backup began. */
  before = n_records (&load);
  run_server_command (&backup, "backup", archive, server.data_dir);
  after = n_records (&load);
  g_test_message ("%u records before the backup, %u more while it ran", before, after - before);
  g_test_message ("backup: %s%s", backup.out, backup.err);
  g_assert_cmpint (backup.exit_status, ==, 0);
  g_assert_nonnull (strstr (backup.out, "Backed up the database"));

  g_atomic_int_set (&load.stop, 1);
  g_thread_join (g_steal_pointer (&thread));
  g_clear_object (&load.http.session);
  log = server_stop (&server, SIGTERM);

  /* A second backup to the same name is refused: nothing is overwritten. */
  {
    g_auto (E2eRun) again = { 0 };

    run_server_command (&again, "backup", archive, server.data_dir);
    g_assert_cmpint (again.exit_status, ==, 1);
    g_assert_nonnull (strstr (again.err, "already exists"));
  }

  /* Restoring over data is refused. */
  run_server_command (&refused, "restore", archive, server.data_dir);
  g_assert_cmpint (refused.exit_status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "is not empty"));

  test_damaged_archives (archive);

  /* Restore into an empty data directory where the server looks for its data. */
  original = g_strconcat (server.data_dir, "-original", NULL);
  g_assert_cmpint (g_rename (server.data_dir, original), ==, 0);
  g_assert_cmpint (g_mkdir (server.data_dir, 0700), ==, 0);
  run_server_command (&restore, "restore", archive, server.data_dir);
  g_assert_cmpint (restore.exit_status, ==, 0);
  g_assert_nonnull (strstr (restore.out, "Restored the database"));

  {
    g_auto (Server) again = { 0 };
    g_autoptr (JsonObject) login = NULL;
    const char *new_token;

    server_start (&again, NULL);
    g_assert_cmpstr (again.data_dir, ==, server.data_dir);
    login = server_login (&again, "counter@example.in", E2E_PASSWORD, NULL);
    new_token = json_object_get_string_member (login, "access_token");
    for (guint i = 0; i < before; i++)
      {
        Record *record = records->pdata[i];
        g_auto (Reply) reply = { 0 };
        g_autofree char *order_path = g_strdup_printf ("/api/v1/orders/%s", record->order_id);
        g_autofree char *payments_path = g_strconcat (order_path, "/payments", NULL);
        g_autofree char *payments = NULL;

        api_call (&again, &reply, "GET", order_path, new_token, NULL, NULL, NULL);
        g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
        api_call (&again, &reply, "GET", payments_path, new_token, NULL, NULL, NULL);
        g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
        payments = g_strndup (g_bytes_get_data (reply.body, NULL), g_bytes_get_size (reply.body));
        g_assert_nonnull (strstr (payments, record->payment_id));
      }
    g_free (server_stop (&again, SIGTERM));
  }

  /* Every file of those orders is in the restored store, byte for byte. */
  restored_db_path = g_build_filename (server.data_dir, "shop.sqlite3", NULL);
  restored = puratan_database_open (restored_db_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < before; i++)
    {
      Record *record = records->pdata[i];
      g_autoptr (GPtrArray) files =
          puratan_file_store_list_for_order (restored, record->order_id, &error);
      g_autofree char *path = NULL;
      g_autofree char *content = NULL;
      g_autofree char *sha256 = NULL;
      gsize length;

      g_assert_no_error (error);
      g_assert_cmpuint (files->len, ==, 1);
      g_assert_cmpstr (((PuratanOrderFile *) files->pdata[0])->sha256, ==, record->sha256);
      path = puratan_file_store_get_path (restored, record->sha256, &error);
      g_assert_no_error (error);
      g_file_get_contents (path, &content, &length, &error);
      g_assert_no_error (error);
      sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) content, length);
      g_assert_cmpstr (sha256, ==, record->sha256);
    }

  g_mutex_clear (&load.lock);
  g_free (load.database_path);
  g_free (load.scratch);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/server/backup/under-load", test_backup_under_load);

  return g_test_run ();
}
