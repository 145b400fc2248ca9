/* test-sync.c: workstations and the real server agree, whatever the network does
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts the real puratan-server on 127.0.0.1 behind a small TCP proxy (the
 * workstations' fixed address: it reaches the server when it runs, refuses connections when
 * it does not, and cuts connections or drops answers when told), gives each workstation its
 * own SQLite file, writes orders into it through the orders layer as the Counter does, and
 * syncs with the real `puratan sync` program. Tokens live in a private gnome-keyring in the
 * test's own D-Bus session (tests/e2e/sync-keyring.sh).
 */
#include <signal.h>
#include <string.h>

#include "puratan-orders.h"
#include "test-sync.h"

/* Every order the server has, by its notes ("TAG-i"), with its payment count. */
static GHashTable *
server_orders (Server *server, const char *token)
{
  GHashTable *orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;

  do
    {
      g_auto (Reply) reply = { 0 };
      g_autoptr (JsonObject) page = NULL;
      g_autofree char *path = cursor == NULL
                                  ? g_strdup ("/api/v1/orders?limit=200")
                                  : g_strdup_printf ("/api/v1/orders?limit=200&cursor=%s", cursor);
      JsonArray *list;

      api_call (server, &reply, "GET", path, token, NULL, NULL, NULL);
      g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
      page = reply_object (&reply);
      list = json_object_get_array_member (page, "orders");
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *order = json_array_get_object_element (list, i);
          const char *notes = json_object_get_string_member (order, "notes");
          gsize seen = GPOINTER_TO_SIZE (g_hash_table_lookup (orders, notes));

          g_hash_table_insert (orders, g_strdup (notes), GSIZE_TO_POINTER (seen + 1));
        }
      g_clear_pointer (&cursor, g_free);
      if (!json_object_get_null_member (page, "next_cursor"))
        cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
    }
  while (cursor != NULL);
  return orders;
}

/* Checks that the server has each order TAG-0 … TAG-(n-1) exactly once, and, when @paid,
 * exactly one payment on each. */
void
assert_exactly_once (Server *server, const char *token, const char *tag, guint n, gboolean paid)
{
  g_autoptr (GHashTable) orders = server_orders (server, token);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *notes = g_strdup_printf ("%s-%u", tag, i);
      g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (orders, notes)), ==, 1);
    }
  if (!paid)
    return;
  {
    /* Payments: the change feed lists every one; count them per order. */
    g_autoptr (GHashTable) by_order = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr (GHashTable) notes_of =
        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    g_autofree char *since = g_strdup ("0");
    gboolean more = TRUE;

    while (more)
      {
        g_auto (Reply) reply = { 0 };
        g_autoptr (JsonObject) page = NULL;
        g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%s&limit=1000", since);
        JsonArray *changes;

        api_call (server, &reply, "GET", path, token, NULL, NULL, NULL);
        g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
        page = reply_object (&reply);
        changes = json_object_get_array_member (page, "changes");
        for (guint i = 0; i < json_array_get_length (changes); i++)
          {
            JsonObject *change = json_array_get_object_element (changes, i);
            JsonObject *data = json_object_get_object_member (change, "data");
            const char *entity = json_object_get_string_member (change, "entity");

            if (g_str_equal (entity, "order"))
              g_hash_table_insert (notes_of, g_strdup (json_object_get_string_member (data, "id")),
                                   g_strdup (json_object_get_string_member (data, "notes")));
            else if (g_str_equal (entity, "payment"))
              {
                const char *notes = g_hash_table_lookup (
                    notes_of, json_object_get_string_member (data, "order_id"));
                gsize seen = GPOINTER_TO_SIZE (g_hash_table_lookup (by_order, notes));
                g_assert_nonnull (notes);
                g_hash_table_insert (by_order, g_strdup (notes), GSIZE_TO_POINTER (seen + 1));
              }
          }
        g_free (since);
        since = g_strdup (json_object_get_string_member (page, "next_cursor"));
        more = json_object_get_boolean_member (page, "has_more");
      }
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *notes = g_strdup_printf ("%s-%u", tag, i);
        g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (by_order, notes)), ==, 1);
      }
  }
}

void
rig_start_with (Rig *rig, const char *const *server_args)
{
  server_start (&rig->server, server_args);
  rig->proxy = sync_proxy_new ();
  sync_proxy_set_upstream (rig->proxy, rig->server.url);
  rig->url = sync_proxy_url (rig->proxy);
  rig->checker = api_sign_in (&rig->server, "checker@example.in", "counter");
}

void
rig_start (Rig *rig)
{
  rig_start_with (rig, NULL);
}

/* Drops the checking session's kept-alive connection after a long sync: the server stops
 * reading a connection left idle past its idle timeout (30 s) without closing it, so a
 * request sent on it would wait for the session's own timeout. */
void
rig_reconnect (Rig *rig)
{
  soup_session_abort (rig->server.session);
}

void
rig_clear (Rig *rig)
{
  g_clear_pointer (&rig->proxy, sync_proxy_free);
  g_clear_pointer (&rig->url, g_free);
  g_clear_pointer (&rig->checker, g_free);
  server_clear (&rig->server);
}

SyncShop *
new_shop (Rig *rig, const char *name, const char *email)
{
  SyncShop *shop = g_new0 (SyncShop, 1);

  sync_shop_init (shop, name, rig->url);
  server_create_user (&rig->server, email, "counter", E2E_PASSWORD);
  sync_shop_sign_in (shop, email, E2E_PASSWORD);
  return shop;
}

void
free_shop (SyncShop *shop)
{
  sync_shop_clear (shop);
  g_free (shop);
}

static void
wait_ok (GSubprocess *process)
{
  g_autoptr (GError) error = NULL;

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

/* Two counters work while the server is down; once it is back, every order and payment is
 * on the server once, and each workstation has the other's orders too. */
static void
test_offline_orders (void)
{
  g_auto (Rig) rig = { 0 };
  g_autoptr (SyncShop) a = NULL;
  g_autoptr (SyncShop) b = NULL;
  g_autoptr (GSubprocess) run_a = NULL;
  g_autoptr (GSubprocess) run_b = NULL;

  rig_start (&rig);
  a = new_shop (&rig, "shop-a", "asha@example.in");
  b = new_shop (&rig, "shop-b", "bala@example.in");

  g_free (server_stop (&rig.server, SIGTERM));
  sync_proxy_set_upstream (rig.proxy, NULL);
  sync_shop_create_orders (a, "A", 6, TRUE);
  sync_shop_create_orders (b, "B", 6, TRUE);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL"), >,
                   0);

  /* Both engines try while the server is down, and back off. */
  run_a = sync_shop_spawn_run (a);
  run_b = sync_shop_spawn_run (b);
  g_usleep (1500 * 1000);
  /* Still waiting for the server, not given up. */
  g_assert_nonnull (g_subprocess_get_identifier (run_a));
  g_assert_nonnull (g_subprocess_get_identifier (run_b));
  server_clear (&rig.server);
  server_start (&rig.server, NULL);
  sync_proxy_set_upstream (rig.proxy, rig.server.url);
  wait_ok (run_a);
  wait_ok (run_b);
  /* Once more each, to read what the other sent after its own read. */
  sync_shop_run (a);
  sync_shop_run (b);

  assert_exactly_once (&rig.server, rig.checker, "A", 6, TRUE);
  assert_exactly_once (&rig.server, rig.checker, "B", 6, TRUE);
  for (guint i = 0; i < 2; i++)
    {
      SyncShop *shop = i == 0 ? a : b;
      g_assert_cmpint (sync_shop_count (shop, "SELECT count(*) FROM orders"), ==, 12);
      g_assert_cmpint (sync_shop_count (shop, "SELECT count(*) FROM payments"), ==, 12);
      g_assert_cmpint (sync_shop_count (shop, "SELECT count(*) FROM orders WHERE notes GLOB 'A-*'"),
                       ==, 6);
      g_assert_cmpint (
          sync_shop_count (shop, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL"), ==, 0);
      g_assert_cmpint (
          sync_shop_count (shop, "SELECT count(*) FROM outbox WHERE outcome = 'refused'"), ==, 0);
    }
}

/* The proxy cuts connections at random points during a sync of 500 orders and a 50 MB
 * file attached to one of them: every order arrives once, and the file whole. */
static void
test_cut_network (void)
{
  g_auto (Rig) rig = { 0 };
  g_autoptr (SyncShop) a = NULL;
  g_autofree char *sha256 = NULL;

  rig_start (&rig);
  a = new_shop (&rig, "shop-cut", "cara@example.in");
  sync_shop_create_orders (a, "C", 500, TRUE);
  sha256 = sync_shop_attach_file (a, "C-7", "poster.pdf", 50 * MIB, NULL);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL"
                                       " AND operation = 'attach_file'"),
                   ==, 1);
  sync_proxy_set_mode (rig.proxy, SYNC_PROXY_CUT, 0.9);
  sync_shop_run (a);
  g_test_message ("connections cut: %u", sync_proxy_get_cuts (rig.proxy));
  g_assert_cmpuint (sync_proxy_get_cuts (rig.proxy), >, 0);
  sync_proxy_set_mode (rig.proxy, SYNC_PROXY_PASS, 0);
  rig_reconnect (&rig);
  assert_exactly_once (&rig.server, rig.checker, "C", 500, TRUE);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM orders"), ==, 500);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM payments"), ==, 500);
  /* The file: once on its order, with the same SHA-256 as here; the upload is answered. */
  g_assert_cmpuint (assert_server_file (&rig, a, "C-7", sha256, "poster.pdf"), ==, 1);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL"), ==,
                   0);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM outbox WHERE outcome = 'refused'"), ==,
                   0);
}

/* The server commits, the answer never arrives; the retry gets the stored answer. */
static void
test_lost_answers (void)
{
  g_auto (Rig) rig = { 0 };
  g_autoptr (SyncShop) a = NULL;
  g_autofree char *status = NULL;

  rig_start (&rig);
  a = new_shop (&rig, "shop-lost", "dev@example.in");
  sync_shop_create_orders (a, "L", 40, TRUE);
  sync_proxy_set_mode (rig.proxy, SYNC_PROXY_DROP_ANSWERS, 0.25);
  sync_shop_run (a);
  g_test_message ("answers dropped: %u", sync_proxy_get_cuts (rig.proxy));
  g_assert_cmpuint (sync_proxy_get_cuts (rig.proxy), >, 0);
  sync_proxy_set_mode (rig.proxy, SYNC_PROXY_PASS, 0);
  assert_exactly_once (&rig.server, rig.checker, "L", 40, TRUE);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM orders"), ==, 40);
  /* The sync log tells the stored answers apart. */
  g_assert_cmpint (
      sync_shop_cli (a, NULL, &status, "status", "--database", a->database, "--log", "1000", NULL),
      ==, 0);
  g_assert_nonnull (strstr (status, "Waiting: 0"));
}

/* The engine is killed with SIGKILL mid-sync, up to 50 times, and started again each time.
 * A kill counts only when changes were still waiting and the engine died of it; on a fast
 * machine the outbox may empty before the fiftieth. */
static void
test_restart (void)
{
  g_auto (Rig) rig = { 0 };
  g_autoptr (SyncShop) a = NULL;
  g_autoptr (GRand) rand = g_rand_new ();
  gint64 before, after;
  guint mid_sync_kills = 0;

  rig_start (&rig);
  a = new_shop (&rig, "shop-kill", "esha@example.in");
  sync_shop_create_orders (a, "K", 400, TRUE);
  before = sync_shop_count (a, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL");
  after = before;
  for (guint i = 0; i < 50 && after > 0; i++)
    {
      g_autoptr (GSubprocess) run = sync_shop_spawn_run (a);
      g_autoptr (GError) error = NULL;

      g_usleep (g_rand_int_range (rand, 20, 150) * 1000);
      g_subprocess_send_signal (run, SIGKILL);
      g_subprocess_wait (run, NULL, &error);
      g_assert_no_error (error);
      if (g_subprocess_get_if_signaled (run))
        mid_sync_kills++;
      after = sync_shop_count (a, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL");
    }
  g_test_message ("changes waiting: %" G_GINT64_FORMAT " before, %" G_GINT64_FORMAT
                  " after %u kills mid-sync",
                  before, after, mid_sync_kills);
  /* The kills fell mid-sync: the engine died with changes waiting, and some went. */
  g_assert_cmpuint (mid_sync_kills, >, 0);
  g_assert_cmpint (after, <, before);
  sync_shop_run (a);
  assert_exactly_once (&rig.server, rig.checker, "K", 400, TRUE);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM orders"), ==, 400);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM payments"), ==, 400);
}

/* The answer to a token refresh is lost: the engine retries with the token it has, and the
 * server, seeing the successor never used, answers with a new pair instead of ending the
 * session. Access tokens here live 61 s, so each run refreshes first. */
static void
test_lost_refresh (void)
{
  g_auto (Rig) rig = { 0 };
  g_autoptr (SyncShop) a = NULL;
  g_autofree char *config = g_build_filename (g_get_user_config_dir (), "server.conf", NULL);
  g_autofree char *log = NULL;
  const char *args[] = { "--config", config, NULL };

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (config, "[auth]\naccess-token-lifetime=61\n", -1, NULL));
  rig_start_with (&rig, args);
  a = new_shop (&rig, "shop-refresh", "kiran@example.in");
  sync_shop_create_orders (a, "F", 3, TRUE);
  /* Past the refresh margin of the access token signed in with. */
  g_usleep (1500 * 1000);
  sync_proxy_set_mode (rig.proxy, SYNC_PROXY_DROP_REFRESH, 0);
  sync_proxy_drop_refreshes (rig.proxy, 1);
  sync_shop_run (a);
  g_assert_cmpuint (sync_proxy_get_cuts (rig.proxy), ==, 1);
  sync_proxy_set_mode (rig.proxy, SYNC_PROXY_PASS, 0);
  assert_exactly_once (&rig.server, rig.checker, "F", 3, TRUE);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL"), ==,
                   0);
  /* The session lives on: another run signs nothing in again. */
  sync_shop_create_orders (a, "G", 1, FALSE);
  sync_shop_run (a);
  assert_exactly_once (&rig.server, rig.checker, "G", 1, FALSE);
  /* The server gathers informational log lines for up to 100 ms before writing them. */
  for (guint i = 0; i < 100; i++)
    {
      g_clear_pointer (&log, g_free);
      g_assert_true (g_file_get_contents (rig.server.log_path, &log, NULL, NULL));
      if (strstr (log, "A refresh was retried before its successor was used") != NULL)
        break;
      g_usleep (50 * 1000);
    }
  g_assert_nonnull (strstr (log, "A refresh was retried before its successor was used"));
  g_assert_null (strstr (log, "presented again"));
}

static gboolean
file_contains (const char *path, const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  gsize n = strlen (needle);

  for (gsize i = 0; n <= length && i <= length - n; i++)
    if (memcmp (contents + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Looks for @needle in every file below @dir. */
static guint
tree_contains (const char *dir, const char *needle)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint found = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        found += tree_contains (path, needle);
      else if (file_contains (path, needle))
        found++;
    }
  return found;
}

/* The tokens are in the keyring and nowhere on disk in clear, before and after a rotation. */
static void
test_keyring (void)
{
  g_auto (Rig) rig = { 0 };
  g_autoptr (SyncShop) a = NULL;
  g_autoptr (PuratanSyncCredentialStore) store = puratan_sync_keyring_new ();
  g_autoptr (PuratanSyncTokens) tokens = NULL;
  g_autoptr (PuratanSyncHttp) http = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *old_refresh = NULL;
  g_autofree char *shop_url = NULL;

  rig_start (&rig);
  a = new_shop (&rig, "shop-keyring", "farah@example.in");
  sync_shop_create_orders (a, "T", 3, TRUE);
  sync_shop_run (a);

  http = puratan_sync_http_new (rig.url, &error);
  g_assert_no_error (error);
  tokens =
      puratan_sync_credential_store_load (store, puratan_sync_http_get_url (http), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tokens);
  g_assert_cmpstr (tokens->role, ==, "counter");
  g_assert_cmpstr (tokens->email, ==, "farah@example.in");
  g_assert_cmpuint (strlen (tokens->refresh_token), >, 20);

  /* A rotation keeps the new pair in the keyring. */
  old_refresh = g_strdup (tokens->refresh_token);
  g_assert_true (puratan_sync_refresh (http, store, tokens, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tokens->refresh_token, !=, old_refresh);
  {
    g_autoptr (PuratanSyncTokens) kept =
        puratan_sync_credential_store_load (store, puratan_sync_http_get_url (http), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kept->refresh_token, ==, tokens->refresh_token);
    g_assert_cmpstr (kept->access_token, ==, tokens->access_token);
  }
  sync_shop_create_orders (a, "U", 1, FALSE);
  sync_shop_run (a);
  assert_exactly_once (&rig.server, rig.checker, "U", 1, FALSE);

  /* Nothing of them on disk: the workstation's data, its settings and its caches. */
  for (guint i = 0; i < 2; i++)
    {
      const char *secret = i == 0 ? old_refresh : tokens->refresh_token;
      g_assert_cmpuint (tree_contains (a->dir, secret), ==, 0);
      g_assert_cmpuint (tree_contains (g_get_user_config_dir (), secret), ==, 0);
      g_assert_cmpuint (tree_contains (g_get_user_cache_dir (), secret), ==, 0);
    }
  g_assert_cmpuint (tree_contains (a->dir, tokens->access_token), ==, 0);
  g_assert_cmpuint (tree_contains (g_get_user_config_dir (), tokens->access_token), ==, 0);
  /* The check itself finds what it looks for: the database holds the orders' notes. */
  g_assert_cmpuint (tree_contains (a->dir, "Customer U"), >, 0);

  /* Signing out forgets them. */
  g_assert_cmpint (sync_shop_cli (a, NULL, NULL, "sign-out", "--server", rig.url, NULL), ==, 0);
  g_clear_pointer (&tokens, puratan_sync_tokens_free);
  tokens =
      puratan_sync_credential_store_load (store, puratan_sync_http_get_url (http), NULL, &error);
  g_assert_no_error (error);
  g_assert_null (tokens);
  shop_url = g_strdup (a->server_url);
  g_assert_cmpint (
      sync_shop_cli (a, NULL, NULL, "run", "--server", shop_url, "--database", a->database, NULL),
      ==, 1);
}

/* An order edited on both sides: kept as a conflict, then the chosen version wins on both. */
static void
test_conflict (void)
{
  g_auto (Rig) rig = { 0 };
  g_autoptr (SyncShop) a = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autofree char *first_id = NULL;

  rig_start (&rig);
  a = new_shop (&rig, "shop-conflict", "gita@example.in");
  sync_shop_create_orders (a, "X", 2, FALSE);
  sync_shop_run (a);
  database = puratan_database_open (a->database, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *server_id = NULL;
      g_autofree char *local_id = NULL;
      g_autofree char *path = NULL;
      g_autofree char *if_match = NULL;
      g_autofree char *notes = g_strdup_printf ("X-%u", i);
      g_autoptr (PuratanOrder) order = NULL;
      g_autoptr (GPtrArray) local = puratan_order_list (database, NULL, NULL, NULL, 10, &error);
      gint64 version = 0;
      g_auto (Reply) reply = { 0 };

      g_assert_no_error (error);
      for (guint j = 0; j < local->len; j++)
        if (g_str_equal (((PuratanOrder *) local->pdata[j])->notes, notes))
          local_id = g_strdup (((PuratanOrder *) local->pdata[j])->id);
      g_assert_nonnull (local_id);
      g_assert_true (
          puratan_sync_link_lookup (database, "order", local_id, &server_id, &version, &error));
      g_assert_nonnull (server_id);
      /* Someone changes the order on the server… */
      path = g_strconcat ("/api/v1/orders/", server_id, NULL);
      if_match = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", version);
      api_call (&rig.server, &reply, "PATCH", path, rig.checker, "{\"notes\":\"theirs\"}", NULL,
                if_match);
      g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
      /* …while the counter changes it here. */
      order = puratan_order_get (database, local_id, &error);
      g_assert_no_error (error);
      g_assert_true (puratan_order_save_details (database, order, "2027-03-01", "mine", &error));
      g_assert_no_error (error);
      if (i == 0)
        first_id = g_steal_pointer (&local_id);
    }
  sync_shop_run (a);

  conflicts = puratan_sync_conflict_list (database, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 2);
  /* Neither side was overwritten. */
  {
    g_autoptr (GHashTable) orders = server_orders (&rig.server, rig.checker);
    g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (orders, "theirs")), ==, 2);
  }
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM orders WHERE notes = 'mine'"), ==, 2);

  /* Keep mine on the first, take theirs on the second. */
  for (guint i = 0; i < 2; i++)
    {
      PuratanSyncConflict *conflict = conflicts->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, conflict->id);
      gboolean mine = g_str_equal (conflict->order_id, first_id);

      g_assert_cmpint (sync_shop_cli (a, NULL, NULL, "resolve", "--server", rig.url, "--database",
                                      a->database, "--conflict", id, "--keep",
                                      mine ? "mine" : "theirs", NULL),
                       ==, 0);
    }
  {
    g_autoptr (GHashTable) orders = server_orders (&rig.server, rig.checker);
    g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (orders, "theirs")), ==, 1);
    g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (orders, "mine")), ==, 1);
  }
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM orders WHERE notes = 'mine'"), ==, 1);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM orders WHERE notes = 'theirs'"), ==,
                   1);
  g_assert_cmpint (
      sync_shop_count (a, "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL"), ==, 0);
  /* A resolved conflict cannot be resolved again. */
  g_assert_cmpint (sync_shop_cli (a, NULL, NULL, "resolve", "--server", rig.url, "--database",
                                  a->database, "--conflict", "1", "--keep", "theirs", NULL),
                   ==, 1);
}

typedef struct
{
  guint syncing;
  guint online;
} Seen;

static void
state_cb (GObject *engine, GParamSpec *pspec, gpointer data)
{
  Seen *seen = data;
  PuratanSyncState state = puratan_sync_engine_get_state (PURATAN_SYNC_ENGINE (engine));

  if (state == PURATAN_SYNC_STATE_SYNCING)
    seen->syncing++;
  else if (state == PURATAN_SYNC_STATE_ONLINE)
    seen->online++;
}

/* Iterates the main loop until @sql counts @n rows, for at most @seconds. */
static gboolean
wait_for_count (SyncShop *shop, const char *sql, gint64 n, guint seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (sync_shop_count (shop, sql) == n)
        return TRUE;
      g_usleep (50 * 1000);
    }
  return FALSE;
}

/* The engine on its worker thread: its status on the caller's main loop, and a status change
 * made on the server arriving through the events socket (the engine does not poll here). */
static void
test_engine_events (void)
{
  g_auto (Rig) rig = { 0 };
  g_autoptr (SyncShop) a = NULL;
  g_autoptr (PuratanSyncCredentialStore) store = puratan_sync_keyring_new ();
  g_autoptr (PuratanSyncEngine) engine = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) orders = NULL;
  g_autofree char *server_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *role = NULL;
  g_auto (Reply) reply = { 0 };
  Seen seen = { 0 };
  gint64 end;

  rig_start (&rig);
  a = new_shop (&rig, "shop-engine", "hari@example.in");
  sync_shop_create_orders (a, "E", 2, TRUE);
  engine = puratan_sync_engine_new (a->database, rig.url, store, &error);
  g_assert_no_error (error);
  g_signal_connect (engine, "notify::state", G_CALLBACK (state_cb), &seen);
  /* No polling: only the events socket can bring the server's change below. */
  puratan_sync_engine_set_poll_interval (engine, 0);
  puratan_sync_engine_start (engine);

  /* In step: nothing waiting; then the socket's opening wakes a second cycle. */
  end = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  while (g_get_monotonic_time () < end && seen.online < 2)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_assert_cmpuint (seen.online, >=, 2);
  g_assert_cmpuint (seen.syncing, >=, 2);
  g_assert_cmpint (puratan_sync_engine_get_pending (engine), ==, 0);
  role = puratan_sync_engine_dup_role (engine);
  g_assert_cmpstr (role, ==, "counter");
  assert_exactly_once (&rig.server, rig.checker, "E", 2, TRUE);

  /* Production moves an order on the server; the workstation hears of it at once. */
  database = puratan_database_open (a->database, &error);
  g_assert_no_error (error);
  orders = puratan_order_list (database, NULL, NULL, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_true (puratan_sync_link_lookup (
      database, "order", ((PuratanOrder *) orders->pdata[0])->id, &server_id, NULL, &error));
  g_assert_nonnull (server_id);
  path = g_strdup_printf ("/api/v1/orders/%s/transitions", server_id);
  api_call (&rig.server, &reply, "POST", path, rig.checker, "{\"action\":\"request_files\"}", NULL,
            NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  if (!wait_for_count (a, "SELECT count(*) FROM orders WHERE status = 'awaiting_files'", 1, 30))
    {
      g_autofree char *status = NULL;
      sync_shop_cli (a, NULL, &status, "status", "--database", a->database, "--log", "50", NULL);
      g_test_message ("%s", status);
      g_assert_not_reached ();
    }

  /* A change made here goes at once when asked. */
  sync_shop_create_orders (a, "F", 1, FALSE);
  puratan_sync_engine_sync_now (engine);
  g_assert_true (wait_for_count (a, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL", 0, 30));
  assert_exactly_once (&rig.server, rig.checker, "F", 1, FALSE);

  /* The session ends on the server (signed out from elsewhere): the engine withdraws the
   * role at its next cycle, so the views offer nothing more. */
  {
    g_autoptr (PuratanSyncTokens) tokens = puratan_sync_credential_store_load (
        store, puratan_sync_engine_get_server_url (engine), NULL, &error);
    g_auto (Reply) logout = { 0 };

    g_assert_no_error (error);
    g_assert_nonnull (tokens);
    api_call (&rig.server, &logout, "POST", "/api/v1/auth/logout", tokens->access_token, NULL, NULL,
              NULL);
    g_assert_cmpuint (soup_message_get_status (logout.msg), ==, 204);
  }
  puratan_sync_engine_sync_now (engine);
  end = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  do
    {
      g_clear_pointer (&role, g_free);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
      role = puratan_sync_engine_dup_role (engine);
    }
  while (role != NULL && g_get_monotonic_time () < end);
  g_assert_null (role);
  puratan_sync_engine_stop (engine);
}

/* An empty install pulls whole orders: the lines, totals and customer names the first
 * install has, as the first shows them. */
static void
test_pulled_orders_whole (void)
{
  g_auto (Rig) rig = { 0 };
  g_autoptr (SyncShop) a = NULL;
  g_autoptr (SyncShop) b = NULL;
  const char *same[] = {
    "SELECT count(*) FROM orders WHERE notes GLOB 'W-*' AND status = 'placed'",
    "SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " WHERE o.notes GLOB 'W-*'",
    "SELECT sum(l.line_total_paise + l.tax_paise) FROM order_lines l JOIN orders o"
    " ON o.id = l.order_id WHERE o.notes GLOB 'W-*'",
    "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id"
    " WHERE o.notes GLOB 'W-*' AND c.name = 'Customer W'",
    "SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.notes GLOB 'W-*'",
  };

  rig_start (&rig);
  a = new_shop (&rig, "shop-whole-a", "ira@example.in");
  b = new_shop (&rig, "shop-whole-b", "jai@example.in");
  sync_shop_create_orders (a, "W", 3, TRUE);
  sync_shop_run (a);
  sync_shop_run (b);

  g_assert_cmpint (sync_shop_count (a, same[1]), ==, 3);
  g_assert_cmpint (sync_shop_count (a, same[2]), >, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (same); i++)
    g_assert_cmpint (sync_shop_count (b, same[i]), ==, sync_shop_count (a, same[i]));
  /* Pulled lines say where they came from, and queue nothing for the server. */
  g_assert_cmpint (sync_shop_count (b, "SELECT count(*) FROM order_lines"
                                       " WHERE json_extract (snapshot, '$.source') = 'server'"),
                   ==, 3);
  g_assert_cmpint (sync_shop_count (b, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL"), ==,
                   0);
}

/* A paid order cancelled at the counter is cancelled on the server too, refunded there by
 * the method the counter chose. */
static void
test_paid_cancel (void)
{
  g_auto (Rig) rig = { 0 };
  g_autoptr (SyncShop) a = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (GPtrArray) orders = NULL;
  g_autoptr (PuratanOrder) cancelled = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *server_id = NULL;
  g_autofree char *path = NULL;
  g_auto (Reply) reply = { 0 };
  g_autoptr (JsonObject) order = NULL;
  g_autoptr (JsonObject) payments = NULL;
  JsonArray *list;
  guint refunds = 0;

  rig_start (&rig);
  a = new_shop (&rig, "shop-cancel", "kavi@example.in");
  sync_shop_create_orders (a, "R", 1, TRUE);
  sync_shop_run (a);

  database = puratan_database_open (a->database, &error);
  g_assert_no_error (error);
  orders = puratan_order_list (database, NULL, NULL, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 1);
  cancelled =
      puratan_orders_transition (database, ((PuratanOrder *) orders->pdata[0])->id,
                                 PURATAN_ANY_VERSION, PURATAN_ORDER_ACTION_CANCEL, "counter",
                                 PURATAN_ROLE_COUNTER, "changed their mind", "upi", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cancelled->status, ==, "cancelled");
  sync_shop_run (a);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM outbox WHERE outcome = 'refused'"), ==,
                   0);
  g_assert_cmpint (sync_shop_count (a, "SELECT count(*) FROM outbox WHERE pushed_at IS NULL"), ==,
                   0);

  g_assert_true (
      puratan_sync_link_lookup (database, "order", cancelled->id, &server_id, NULL, &error));
  g_assert_nonnull (server_id);
  path = g_strconcat ("/api/v1/orders/", server_id, NULL);
  api_call (&rig.server, &reply, "GET", path, rig.checker, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  order = reply_object (&reply);
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "cancelled");
  reply_clear (&reply);
  g_free (path);
  path = g_strdup_printf ("/api/v1/orders/%s/payments", server_id);
  api_call (&rig.server, &reply, "GET", path, rig.checker, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  payments = reply_object (&reply);
  list = json_object_get_array_member (payments, "payments");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *payment = json_array_get_object_element (list, i);
      if (g_str_equal (json_object_get_string_member (payment, "kind"), "refund"))
        {
          g_assert_cmpstr (json_object_get_string_member (payment, "method"), ==, "upi");
          refunds++;
        }
    }
  g_assert_cmpuint (refunds, ==, 1);
}

/* A server address that is not one is refused before anything is sent. */
static void
test_bad_input (void)
{
  g_autoptr (GError) error = NULL;
  const char *bad[] = { "ftp://shop.example.in/",
                        "shop.example.in",
                        "http://",
                        "",
                        "http://user:pw@shop.example.in/",
                        "http://shop.example.in/?a=b" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (PuratanSyncHttp) http = puratan_sync_http_new (bad[i], &error);
      g_assert_null (http);
      g_assert_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_INVALID_URL);
      g_clear_error (&error);
    }
}

/* Answers one connection with the start of a head, cut off at the end of a line. */
static gpointer
cut_head_thread (gpointer data)
{
  GSocket *listener = data;
  g_autoptr (GSocket) client = g_socket_accept (listener, NULL, NULL);
  const char *head = "HTTP/1.1 204 No Content\r\nTus-Resumable: 1.0.0\r\n";
  char request[4096];

  g_assert_nonnull (client);
  g_assert_cmpint (g_socket_receive (client, request, sizeof request, NULL, NULL), >, 0);
  g_assert_cmpint (g_socket_send (client, head, strlen (head), NULL, NULL), ==,
                   (gssize) strlen (head));
  g_socket_close (client, NULL);
  return NULL;
}

/* An answer whose head is cut off (libcurl takes it for whole) is a broken connection, to
 * be retried, never an answer without its headers. */
static void
test_answer_cut_in_head (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocket) listener =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (PuratanSyncHttp) http = NULL;
  g_autoptr (PuratanSyncResponse) response = NULL;
  g_autofree char *url = NULL;
  GThread *thread;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (listener, any, TRUE, &error));
  g_assert_true (g_socket_listen (listener, &error));
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  thread = g_thread_new ("cut-head", cut_head_thread, listener);
  http = puratan_sync_http_new (url, &error);
  g_assert_no_error (error);
  response = puratan_sync_http_request (http, "PATCH", "/api/v1/orders/x", "token", NULL, "\"1\"",
                                        "{}", NULL, &error);
  g_thread_join (thread);
  g_assert_null (response);
  g_assert_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_OFFLINE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("needs the private keyring session of tests/e2e/sync-keyring.sh");
      return 0;
    }
  g_test_add_func ("/sync/bad-input", test_bad_input);
  g_test_add_func ("/sync/answer-cut-in-head", test_answer_cut_in_head);
  g_test_add_func ("/sync/offline-orders", test_offline_orders);
  g_test_add_func ("/sync/keyring", test_keyring);
  g_test_add_func ("/sync/conflict", test_conflict);
  g_test_add_func ("/sync/engine-events", test_engine_events);
  g_test_add_func ("/sync/lost-answers", test_lost_answers);
  g_test_add_func ("/sync/cut-network", test_cut_network);
  g_test_add_func ("/sync/restart", test_restart);
  g_test_add_func ("/sync/pulled-orders-whole", test_pulled_orders_whole);
  g_test_add_func ("/sync/paid-cancel", test_paid_cancel);
  add_sync_upload_tests ();
  g_test_add_func ("/sync/lost-refresh", test_lost_refresh);
  return g_test_run ();
}
