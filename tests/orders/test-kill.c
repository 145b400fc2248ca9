/* test-kill.c: SIGKILL the writer at random moments; no committed sale may be lost
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "puratan-core.h"
#include "puratan-database-private.h"
#include "puratan-orders.h"

#define N_KILLS 200

static const char *writer_path;

static gint64
count_where (sqlite3 *db, const char *sql, const char *id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (id != NULL)
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

/* Reads what the writer printed until @deadline (monotonic µs), or to EOF when 0. */
static void
drain (int fd, GString *out, gint64 deadline)
{
  char buffer[4096];

  for (;;)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      int timeout = -1;
      ssize_t n;

      if (deadline > 0)
        {
          gint64 left = deadline - g_get_monotonic_time ();
          if (left <= 0)
            return;
          timeout = (int) MAX (1, left / 1000);
        }
      if (poll (&pfd, 1, timeout) <= 0)
        continue;
      n = read (fd, buffer, sizeof buffer);
      if (n <= 0)
        return;
      g_string_append_len (out, buffer, n);
    }
}

static void
check_after_kill (const char *path, GHashTable *committed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = puratan_database_open (path, &error);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer id;

  g_assert_no_error (error);
  db = puratan_database_get_handle (database);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (count_where (db, "SELECT count(*) FROM pragma_foreign_key_check", NULL), ==, 0);

  g_assert_cmpint (
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM orders WHERE id = ?", -1, &stmt, NULL), ==,
      SQLITE_OK);
  g_hash_table_iter_init (&iter, committed);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 1);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  /* A sale is all or nothing: every stored order has its line, payment and outbox rows. */
  g_assert_cmpint (count_where (db,
                                "SELECT count(*) FROM orders o WHERE"
                                " (SELECT count(*) FROM order_lines WHERE order_id = o.id) != 1"
                                " OR (SELECT count(*) FROM payments WHERE order_id = o.id) != 1",
                                NULL),
                   ==, 0);
  g_assert_cmpint (count_where (db, "SELECT count(*) FROM outbox WHERE entity = 'payment'", NULL),
                   ==, count_where (db, "SELECT count(*) FROM payments", NULL));
}

static void
test_kill_at_random (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GHashTable) committed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint total_reported = 0;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_data_dir (), "shop.sqlite3", NULL);

  for (guint round = 0; round < N_KILLS; round++)
    {
      const char *argv[] = { writer_path, path, NULL };
      g_autoptr (GError) error = NULL;
      g_autoptr (GString) out = g_string_new (NULL);
      g_auto (GStrv) lines = NULL;
      GPid pid;
      int out_fd = -1;
      int status = 0;
      gint64 deadline;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL,
                                               &out_fd, NULL, &error));
      g_assert_no_error (error);

      deadline = g_get_monotonic_time () + g_test_rand_int_range (5, 61) * 1000;
      drain (out_fd, out, deadline);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      drain (out_fd, out, 0);
      close (out_fd);
      /* Killed, or it failed on its own: that would be a bug worth seeing. */
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

      /* A line cut short by the kill was not fully reported; only whole lines count. */
      lines = g_strsplit (out->str, "\n", -1);
      for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
        {
          g_assert_cmpuint (strlen (lines[i]), ==, 36);
          g_assert_true (g_hash_table_add (committed, g_strdup (lines[i])));
          total_reported++;
        }
      check_after_kill (path, committed);
    }
  g_test_message ("%u kills, %u sales reported committed and all found", N_KILLS, total_reported);
  g_assert_cmpuint (g_hash_table_size (committed), ==, total_reported);
  g_assert_cmpuint (total_reported, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s KILL-WRITER\n", argv[0]);
      return 2;
    }
  writer_path = argv[1];
  g_test_add_func ("/orders/durability/sigkill-200-times", test_kill_at_random);

  return g_test_run ();
}
