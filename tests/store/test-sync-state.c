/* test-sync-state.c: answers, links, the feed applied with its cursor, conflicts, the log
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "puratan-core.h"
#include "puratan-store.h"

#define SERVER_ORDER   "5b0e2a8e-7c1d-4f7e-9a55-0c1f3e2d4b6a"
#define SERVER_ORDER_2 "6c1f3b9f-8d2e-4a8f-8b66-1d2a4f3e5c7b"
#define SERVER_CUST    "7d2a4c0a-9e3f-4b9a-9c77-2e3b5a4f6d8c"

static PuratanDatabase *
open_fresh (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  PuratanDatabase *database;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_data_dir (), "shop.sqlite3", NULL);
  database = puratan_database_open (path, &error);
  g_assert_no_error (error);
  return database;
}

static JsonArray *
parse_changes (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static char *
order_change (const char *id, const char *status, gint64 version, const char *notes)
{
  return g_strdup_printf (
      "{\"cursor\":\"1\",\"entity\":\"order\",\"id\":\"%s\",\"operation\":\"upsert\","
      "\"data\":{\"id\":\"%s\",\"number\":7,\"customer_id\":\"" SERVER_CUST "\",\"status\":\"%s\","
      "\"resume_status\":null,\"delivery\":null,\"credit_approved\":false,\"due_date\":null,"
      "\"notes\":\"%s\",\"version\":%" G_GINT64_FORMAT ",\"total\":{\"amount_minor\":100,"
      "\"currency\":\"INR\"},\"created_at\":\"2026-12-06T10:00:00Z\","
      "\"updated_at\":\"2026-12-06T10:00:00Z\"}}",
      id, id, status, notes, version);
}

static gint64
count_orders (PuratanDatabase *database)
{
  g_autoptr (GPtrArray) orders = NULL;
  g_autoptr (GError) error = NULL;

  orders = puratan_order_list (database, NULL, NULL, NULL, 1000, &error);
  g_assert_no_error (error);
  return orders->len;
}

/* A page of the feed and its cursor are applied together; the last row of a version wins;
 * an older version changes nothing. */
static void
test_apply_feed (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (GError) error = NULL;
  g_autofree char *one = order_change (SERVER_ORDER, "draft", 2, "first");
  g_autofree char *two = order_change (SERVER_ORDER, "placed", 2, "first");
  g_autofree char *old = order_change (SERVER_ORDER, "draft", 1, "stale");
  g_autofree char *page = g_strdup_printf ("[%s,%s]", one, two);
  g_autofree char *page_old = g_strdup_printf ("[%s]", old);
  g_autoptr (JsonArray) changes = parse_changes (page);
  g_autoptr (JsonArray) stale = parse_changes (page_old);
  g_autoptr (PuratanOrder) order = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *local = NULL;
  guint applied = 0;

  cursor = puratan_sync_cursor_get (database, &error);
  g_assert_cmpstr (cursor, ==, "0");
  g_assert_true (puratan_sync_apply_changes (database, changes, "42", &applied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (applied, ==, 2);
  g_clear_pointer (&cursor, g_free);
  cursor = puratan_sync_cursor_get (database, &error);
  g_assert_cmpstr (cursor, ==, "42");

  local = puratan_sync_link_local_id (database, "order", SERVER_ORDER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (local, ==, SERVER_ORDER);
  order = puratan_order_get (database, local, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (order->status, ==, "placed");
  g_assert_cmpstr (order->notes, ==, "first");

  g_assert_true (puratan_sync_apply_changes (database, stale, "43", NULL, &error));
  g_clear_pointer (&order, puratan_order_free);
  order = puratan_order_get (database, local, &error);
  g_assert_cmpstr (order->notes, ==, "first");
  g_assert_cmpint (count_orders (database), ==, 1);
  /* Applying a page does not queue anything for the server. */
  g_assert_cmpint (puratan_sync_count_waiting (database, &error), ==, 0);
}

/* A malformed change fails its whole page: no order, no cursor. */
static void
test_apply_bad_input (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (GError) error = NULL;
  g_autofree char *good = order_change (SERVER_ORDER_2, "draft", 1, "kept?");
  const char *bad[] = {
    "{\"entity\":\"order\",\"operation\":\"upsert\",\"data\":{\"id\":\"short\"}}",
    "{\"entity\":\"order\",\"operation\":\"delete\",\"data\":{}}",
    "{\"entity\":\"invoice\",\"operation\":\"upsert\",\"data\":{}}",
    "{\"entity\":\"payment\",\"operation\":\"upsert\",\"data\":{\"id\":\"p\",\"order_id\":\"x\","
    "\"kind\":\"payment\",\"method\":\"cash\",\"amount\":{\"amount_minor\":5,\"currency\":\"INR\"},"
    "\"reference\":null,\"business_date\":\"2026-12-06\",\"created_at\":\"x\"}}",
    "42",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *page = g_strdup_printf ("[%s,%s]", good, bad[i]);
      g_autoptr (JsonArray) changes = parse_changes (page);
      g_autofree char *cursor = NULL;

      g_assert_false (puratan_sync_apply_changes (database, changes, "9", NULL, &error));
      g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
      g_clear_error (&error);
      g_assert_cmpint (count_orders (database), ==, 0);
      cursor = puratan_sync_cursor_get (database, &error);
      g_assert_cmpstr (cursor, ==, "0");
    }
  {
    g_autoptr (JsonArray) empty = json_array_new ();
    g_assert_false (puratan_sync_apply_changes (database, empty, "", NULL, &error));
    g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
  }
}

/* An answer takes the entry out of the queue with its link and a log line; an unknown key
 * changes nothing. */
static void
test_record_answer (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanCustomer) customer = puratan_customer_new ("Asha Prints");
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GPtrArray) log = NULL;
  g_autofree char *server_id = NULL;
  gint64 version = 0;
  PuratanOutboxEntry *entry;

  g_assert_true (puratan_customer_insert (database, customer, &error));
  pending = puratan_outbox_list_pending (database, 10, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  entry = pending->pdata[0];
  {
    const char *const keys[] = { entry->idempotency_key, NULL };
    const char *const unknown[] = { "no-such-key-here", NULL };
    PuratanSyncAnswer answer = { keys,        PURATAN_SYNC_OUTCOME_SENT,
                                 "customer",  customer->id,
                                 SERVER_CUST, 3,
                                 NULL,        NULL,
                                 NULL,        201,
                                 "created" };
    PuratanSyncAnswer wrong = answer;

    wrong.keys = unknown;
    g_assert_false (puratan_sync_record_answer (database, &wrong, &error));
    g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (puratan_sync_count_waiting (database, NULL), ==, 1);
    g_assert_true (puratan_sync_link_lookup (database, "customer", customer->id, &server_id,
                                             &version, &error));
    g_assert_null (server_id);

    g_assert_true (puratan_sync_record_answer (database, &answer, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (puratan_sync_count_waiting (database, NULL), ==, 0);
  g_assert_true (
      puratan_sync_link_lookup (database, "customer", customer->id, &server_id, &version, &error));
  g_assert_cmpstr (server_id, ==, SERVER_CUST);
  g_assert_cmpint (version, ==, 3);
  log = puratan_sync_log_list (database, 10, &error);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (((PuratanSyncLogEntry *) log->pdata[0])->direction, ==, "sent");
  g_assert_cmpuint (((PuratanSyncLogEntry *) log->pdata[0])->status, ==, 201);
}

/* A conflict keeps both sides; the local order keeps its edit while the feed brings the
 * server's; resolving applies the chosen version once. */
static void
test_conflict (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (GError) error = NULL;
  g_autofree char *first = order_change (SERVER_ORDER, "draft", 1, "base");
  g_autofree char *theirs_change = order_change (SERVER_ORDER, "draft", 2, "theirs");
  g_autofree char *page1 = g_strdup_printf ("[%s]", first);
  g_autofree char *page2 = g_strdup_printf ("[%s]", theirs_change);
  g_autoptr (JsonArray) changes1 = parse_changes (page1);
  g_autoptr (JsonArray) changes2 = parse_changes (page2);
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (JsonObject) theirs = NULL;
  PuratanSyncConflict *conflict;

  g_assert_true (puratan_sync_apply_changes (database, changes1, "1", NULL, &error));
  order = puratan_order_get (database, SERVER_ORDER, &error);
  g_assert_true (puratan_order_save_details (database, order, NULL, "mine", &error));
  pending = puratan_outbox_list_pending (database, 10, &error);
  g_assert_cmpuint (pending->len, ==, 1);

  /* The feed's newer version waits while the edit is queued. */
  g_assert_true (puratan_sync_apply_changes (database, changes2, "2", NULL, &error));
  g_clear_pointer (&order, puratan_order_free);
  order = puratan_order_get (database, SERVER_ORDER, &error);
  g_assert_cmpstr (order->notes, ==, "mine");

  g_assert_true (puratan_sync_conflict_add (
      database, ((PuratanOutboxEntry *) pending->pdata[0])->idempotency_key, SERVER_ORDER,
      SERVER_ORDER, "{\"due_date\":null,\"notes\":\"mine\"}", "{\"notes\":\"theirs\"}", 2, "stale",
      &error));
  g_assert_no_error (error);
  g_assert_cmpint (puratan_sync_count_waiting (database, NULL), ==, 0);
  /* Still held while the conflict is open. */
  g_assert_true (puratan_sync_apply_changes (database, changes2, "3", NULL, &error));
  g_clear_pointer (&order, puratan_order_free);
  order = puratan_order_get (database, SERVER_ORDER, &error);
  g_assert_cmpstr (order->notes, ==, "mine");

  open = puratan_sync_conflict_list (database, TRUE, &error);
  g_assert_cmpuint (open->len, ==, 1);
  conflict = open->pdata[0];
  g_assert_cmpint (conflict->server_version, ==, 2);
  theirs = json_object_ref (
      json_object_get_object_member (json_array_get_object_element (changes2, 0), "data"));
  g_assert_true (puratan_sync_conflict_resolve (database, conflict->id, "theirs", theirs, &error));
  g_assert_no_error (error);
  g_clear_pointer (&order, puratan_order_free);
  order = puratan_order_get (database, SERVER_ORDER, &error);
  g_assert_cmpstr (order->notes, ==, "theirs");
  g_assert_false (puratan_sync_conflict_resolve (database, conflict->id, "mine", theirs, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (puratan_sync_conflict_get (database, 999, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/store/sync/apply-feed", test_apply_feed);
  g_test_add_func ("/store/sync/apply-bad-input", test_apply_bad_input);
  g_test_add_func ("/store/sync/record-answer", test_record_answer);
  g_test_add_func ("/store/sync/conflict", test_conflict);
  return g_test_run ();
}
