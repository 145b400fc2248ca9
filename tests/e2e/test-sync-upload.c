/* test-sync-upload.c: attached files go up by tus, whatever the network and the process do
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rig of test-sync.c: the real server behind the proxy, a workstation's SQLite file with
 * orders written as the Counter does, its files taken into its store and attached, and the
 * real `puratan sync` program, killed with SIGKILL when the test says.
 */
#include <signal.h>
#include <string.h>

#include "test-sync.h"

/* Counts with a fixed query (no user input) in the SQLite file at @path. */
static gint64
count_in (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Returns (transfer full) the text a fixed query finds first in the SQLite file at @path. */
static char *
text_in (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static char *
server_database (Rig *rig)
{
  return g_build_filename (rig->server.data_dir, "shop.sqlite3", NULL);
}

/* The server's id of the shop's order with @notes. */
static char *
server_order_of (SyncShop *shop, const char *notes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = puratan_database_open (shop->database, &error);
  g_autoptr (GPtrArray) orders = NULL;
  char *server_id = NULL;

  g_assert_no_error (error);
  orders = puratan_order_list (database, NULL, NULL, NULL, 100000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < orders->len; i++)
    {
      PuratanOrder *order = orders->pdata[i];
      if (g_strcmp0 (order->notes, notes) == 0)
        g_assert_true (
            puratan_sync_link_lookup (database, "order", order->id, &server_id, NULL, &error));
    }
  g_assert_no_error (error);
  g_assert_nonnull (server_id);
  return server_id;
}

/* How many files the server lists on the shop's order @notes; with @sha256, checks that
 * it is one of them under @name and that the bytes the server stored hash to it. */
guint
assert_server_file (
    Rig *rig, SyncShop *shop, const char *notes, const char *sha256, const char *name)
{
  g_autofree char *order = server_order_of (shop, notes);
  g_autofree char *path = g_strdup_printf ("/api/v1/orders/%s/files", order);
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) page = NULL;
  JsonArray *files;
  guint found = 0;

  api_call (&rig->server, &reply, "GET", path, rig->checker, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  page = reply_object (&reply);
  files = json_object_get_array_member (page, "files");
  for (guint i = 0; sha256 != NULL && i < json_array_get_length (files); i++)
    {
      JsonObject *file = json_array_get_object_element (files, i);
      if (g_str_equal (json_object_get_string_member (file, "sha256"), sha256))
        {
          char prefix[3] = { sha256[0], sha256[1], '\0' };
          g_autofree char *stored =
              g_build_filename (rig->server.data_dir, "files", prefix, sha256, NULL);
          g_autofree char *stored_sha = sync_sha256_of_file (stored);

          g_assert_cmpstr (json_object_get_string_member (file, "name"), ==, name);
          g_assert_cmpstr (stored_sha, ==, sha256);
          found++;
        }
    }
  if (sha256 != NULL)
    g_assert_cmpuint (found, ==, 1);
  return json_array_get_length (files);
}

/* The engine is killed with SIGKILL in the middle of a 40 MB upload; started again, it asks
 * the server's offset and sends only the rest, to the same upload. */
static void
test_upload_restart (void)
{
  g_auto (Rig) rig = { 0 };
  g_autoptr (SyncShop) a = NULL;
  g_autoptr (GSubprocess) run = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *server_db = NULL;
  g_autofree char *url_before = NULL;
  g_autofree char *url_after = NULL;
  g_autofree char *resumed = NULL;
  const gint64 size = 40 * MIB;
  gint64 received = 0, at_kill;
  guint64 sent_after;
  gint64 end;

  rig_start (&rig);
  server_db = server_database (&rig);
  a = new_shop (&rig, "shop-resume", "ira@example.in");
  sync_shop_create_orders (a, "R", 1, FALSE);
  sha256 = sync_shop_attach_file (a, "R-0", "banner.pdf", (gsize) size, NULL);

  run = sync_shop_spawn_run (a);
  /* Killed once the server has a few chunks of it, well before the end. */
  end = g_get_monotonic_time () + 120 * G_TIME_SPAN_SECOND;
  while (g_get_monotonic_time () < end && g_subprocess_get_identifier (run) != NULL)
    {
      received = count_in (server_db, "SELECT coalesce (max (received), 0) FROM uploads");
      if (received >= 3 * MIB)
        break;
      g_usleep (5 * 1000);
    }
  g_assert_cmpint (received, >=, 3 * MIB);
  g_subprocess_send_signal (run, SIGKILL);
  g_subprocess_wait (run, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (run));
  /* What the dead engine left in the sockets' buffers still drains to the server; then the
   * server settles the cut request, and what it kept is its offset. */
  while (sync_proxy_take_bytes_up (rig.proxy) > 0)
    g_usleep (300 * 1000);
  g_usleep (300 * 1000);
  at_kill = count_in (server_db, "SELECT max (received) FROM uploads");
  g_test_message ("killed with %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " bytes on the server",
                  at_kill, size);
  g_assert_cmpint (at_kill, >=, 3 * MIB);
  g_assert_cmpint (at_kill, <, size);
  g_assert_cmpint (count_in (server_db, "SELECT count(*) FROM uploads WHERE sha256 IS NULL"), ==,
                   1);
  url_before = text_in (a->database, "SELECT url FROM sync_uploads");
  g_assert_nonnull (url_before);

  /* Started again: only what the server lacks goes through the wire. */
  g_assert_cmpuint (sync_proxy_take_bytes_up (rig.proxy), ==, 0);
  sync_shop_run (a);
  sent_after = sync_proxy_take_bytes_up (rig.proxy);
  g_test_message ("sent after the restart: %" G_GUINT64_FORMAT " bytes", sent_after);
  rig_reconnect (&rig);
  g_assert_cmpuint (sent_after, <, (guint64) (size - at_kill + MIB));
  g_assert_cmpuint (sent_after, >=, (guint64) (size - at_kill));
  /* The same upload, not a second one. */
  url_after = text_in (a->database, "SELECT url FROM sync_uploads");
  g_assert_cmpstr (url_after, ==, url_before);
  g_assert_cmpint (count_in (server_db, "SELECT count(*) FROM uploads"), ==, 1);
  resumed = text_in (a->database, "SELECT detail FROM sync_log WHERE entity = 'file'"
                                  " AND direction = 'sent' ORDER BY id DESC");
  g_assert_nonnull (resumed);
  g_assert_nonnull (strstr (resumed, "resumed from byte"));
  g_assert_cmpuint (assert_server_file (&rig, a, "R-0", sha256, "banner.pdf"), ==, 1);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL"), ==,
                   0);
}

/* A link damages every chunk of one file: the server refuses each (460), the engine gives
 * up on that file with the server's detail in the sync log, and the orders and another
 * file go through all the same. */
static void
test_upload_refused (void)
{
  g_auto (Rig) rig = { 0 };
  g_autoptr (SyncShop) a = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *good = NULL;
  g_autofree char *status = NULL;
  g_autofree char *detail = NULL;

  rig_start (&rig);
  a = new_shop (&rig, "shop-damage", "jaya@example.in");
  sync_shop_create_orders (a, "D", 5, TRUE);
  damaged = sync_shop_attach_file (a, "D-2", "damaged.pdf", 3 * MIB, SYNC_PROXY_MARK);
  good = sync_shop_attach_file (a, "D-3", "good.pdf", 200 * 1024, NULL);
  /* The files count among the changes waiting. */
  g_assert_cmpint (
      sync_shop_cli (a, NULL, &status, "status", "--database", a->database, "--log", "0", NULL), ==,
      0);
  g_assert_nonnull (strstr (status, "(files: 2)"));

  sync_proxy_set_mode (rig.proxy, SYNC_PROXY_CORRUPT, 1);
  sync_shop_run (a);
  sync_proxy_set_mode (rig.proxy, SYNC_PROXY_PASS, 0);

  assert_exactly_once (&rig.server, rig.checker, "D", 5, TRUE);
  g_assert_cmpuint (assert_server_file (&rig, a, "D-3", good, "good.pdf"), ==, 1);
  g_assert_cmpuint (assert_server_file (&rig, a, "D-2", NULL, NULL), ==, 0);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL"), ==,
                   0);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM outbox WHERE outcome = 'refused'"), ==,
                   1);
  g_assert_cmpint (sync_shop_count (a, "SELECT mismatches FROM sync_uploads u JOIN outbox o"
                                       " USING (idempotency_key) WHERE o.outcome = 'refused'"),
                   ==, 3);
  detail = text_in (a->database, "SELECT detail FROM sync_log WHERE direction = 'refused'"
                                 " AND entity = 'file' AND status = 460");
  g_assert_nonnull (detail);
  g_test_message ("refused: %s", detail);
  g_assert_nonnull (strstr (detail, "Upload-Checksum"));
  /* Refused for good: another run sends nothing more of it. */
  sync_proxy_take_bytes_up (rig.proxy);
  sync_shop_run (a);
  g_assert_cmpuint (sync_proxy_take_bytes_up (rig.proxy), <, 64 * 1024);
}

/* A file over the server's upload limit is refused at the upload's creation (413): logged
 * with the server's detail, not tried again, and the orders go through. */
static void
test_upload_too_large (void)
{
  g_auto (Rig) rig = { 0 };
  g_autoptr (SyncShop) a = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *server_db = NULL;
  const char *args[] = { "--max-upload-size", "1000000", NULL };

  rig_start_with (&rig, args);
  server_db = g_build_filename (rig.server.data_dir, "shop.sqlite3", NULL);
  a = new_shop (&rig, "shop-large", "lata@example.in");
  sync_shop_create_orders (a, "L", 2, TRUE);
  sha256 = sync_shop_attach_file (a, "L-1", "huge.pdf", 2 * MIB, NULL);
  sync_shop_run (a);

  assert_exactly_once (&rig.server, rig.checker, "L", 2, TRUE);
  g_assert_cmpuint (assert_server_file (&rig, a, "L-1", NULL, NULL), ==, 0);
  g_assert_cmpint (count_in (server_db, "SELECT count(*) FROM uploads"), ==, 0);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL"), ==,
                   0);
  detail = text_in (a->database, "SELECT detail FROM sync_log WHERE direction = 'refused'"
                                 " AND entity = 'file' AND status = 413");
  g_assert_nonnull (detail);
  g_test_message ("refused: %s", detail);
  g_assert_nonnull (strstr (detail, "larger than the limit of 1000000 bytes"));
  /* Refused for good: another run asks nothing more of the server about it. */
  sync_proxy_take_bytes_up (rig.proxy);
  sync_shop_run (a);
  g_assert_cmpuint (sync_proxy_take_bytes_up (rig.proxy), <, 64 * 1024);
  g_assert_cmpint (count_in (server_db, "SELECT count(*) FROM uploads"), ==, 0);
}

void
add_sync_upload_tests (void)
{
  g_test_add_func ("/sync/upload-refused", test_upload_refused);
  g_test_add_func ("/sync/upload-restart", test_upload_restart);
  g_test_add_func ("/sync/upload-too-large", test_upload_too_large);
}
