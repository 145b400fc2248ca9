/* test-change-feed.c: the change feed, idempotency keys, order pages and guarded edits
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "puratan-core.h"
#include "puratan-database-private.h"
#include "puratan-migration-private.h"
#include "puratan-store.h"

#define HASH     "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"
#define SNAPSHOT "{\"product\":\"visiting-cards\"}"
#define SHA_A    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

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

static PuratanOrder *
make_order (PuratanDatabase *database, const char *name)
{
  g_autoptr (PuratanCustomer) customer = puratan_customer_new (name);
  g_autoptr (PuratanOrderLine) line = NULL;
  g_autoptr (GError) error = NULL;
  PuratanOrder *order;

  g_assert_true (puratan_customer_insert (database, customer, &error));
  order = puratan_order_create (database, customer->id, NULL, NULL, &error);
  g_assert_no_error (error);
  line = puratan_order_line_new ("Visiting cards", "4911", 500, 100, 50000, 1800, 9000, SNAPSHOT);
  g_assert_true (puratan_order_add_line (database, order, line, &error));
  g_assert_no_error (error);
  return order;
}

static void
test_feed_follows_commits (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanOrder) first = make_order (database, "Asha Prints");
  g_autoptr (PuratanOrder) second = make_order (database, "Bhavna Traders");
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) theirs = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (PuratanPayment) payment = NULL;
  g_autoptr (PuratanPayment) stored = NULL;
  g_autoptr (GError) error = NULL;
  PuratanChange *last;
  gint64 seq = 0, before, next = -1;
  gboolean more = TRUE;

  all = puratan_change_list (database, 0, NULL, 100, &next, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >=, 2);
  for (guint i = 0; i < all->len; i++)
    {
      PuratanChange *change = all->pdata[i];

      g_assert_cmpint (change->seq, >, seq);
      seq = change->seq;
      g_assert_cmpstr (change->entity, ==, "order");
    }
  /* The last row of an order is the order as committed, with its line's total. */
  last = all->pdata[all->len - 1];
  g_assert_cmpstr (last->entity_id, ==, second->id);
  g_assert_nonnull (strstr (last->data, "\"amount_minor\":59000"));
  /* The cursor after the page is the last row read, which an order's first row stands for. */
  g_assert_cmpint (puratan_change_last_seq (database, &error), ==, next);
  g_assert_cmpint (next, >=, seq);
  g_assert_false (more);

  /* A customer's own rows only. */
  theirs = puratan_change_list (database, 0, first->customer_id, 100, &next, &more, &error);
  for (guint i = 0; i < theirs->len; i++)
    g_assert_cmpstr (((PuratanChange *) theirs->pdata[i])->entity_id, ==, first->id);

  /* A payment is a row of its own; a failed one writes none. */
  before = puratan_change_last_seq (database, &error);
  payment = puratan_payment_new (first->id, "payment", "cash", 1000, "tester", &error);
  stored = puratan_payment_record (database, payment, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&payment, puratan_payment_free);
  payment = puratan_payment_new (first->id, "payment", "cash", 10000000, "tester", &error);
  g_assert_null (puratan_payment_record (database, payment, NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  after = puratan_change_list (database, before, NULL, 100, &next, &more, &error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (((PuratanChange *) after->pdata[0])->entity, ==, "payment");
  g_assert_cmpstr (((PuratanChange *) after->pdata[0])->entity_id, ==, stored->id);
  g_assert_cmpstr (((PuratanChange *) after->pdata[0])->customer_id, ==, first->customer_id);
}

/* Applies pages of @limit rows from the start; returns the records by "entity id" and sets
 * @cursor to the last next_seq and @n_changes to how many changes the pages held. */
static GHashTable *
replay (PuratanDatabase *database, guint limit, gint64 *cursor, guint *n_changes)
{
  GHashTable *records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GError) error = NULL;
  gboolean more = TRUE;
  gint64 last_seq = 0;

  *cursor = 0;
  *n_changes = 0;
  while (more)
    {
      g_autoptr (GPtrArray) page =
          puratan_change_list (database, *cursor, NULL, limit, cursor, &more, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, limit);
      for (guint i = 0; i < page->len; i++)
        {
          PuratanChange *change = page->pdata[i];

          g_assert_cmpint (change->seq, >, last_seq);
          last_seq = change->seq;
          g_hash_table_insert (records, g_strconcat (change->entity, " ", change->entity_id, NULL),
                               g_strdup (change->data));
        }
      *n_changes += page->len;
    }
  return records;
}

static void
test_feed_folds_orders_in_a_page (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanOrder) order = make_order (database, "Asha Prints");
  g_autoptr (PuratanOrderLine) line =
      puratan_order_line_new ("Letterheads", "4911", 1000, 100, 80000, 1800, 14400, SNAPSHOT);
  g_autoptr (PuratanPayment) payment = NULL;
  g_autoptr (PuratanPayment) stored = NULL;
  g_autoptr (GPtrArray) page = NULL;
  g_autoptr (GHashTable) every_row = NULL;
  g_autoptr (GHashTable) folded = NULL;
  g_autoptr (GHashTable) in_threes = NULL;
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 next = 0, rows_cursor, folded_cursor, threes_cursor;
  guint n_rows, n_folded, n_threes;
  gboolean more = TRUE;
  PuratanChange *first, *second;

  /* The order's rows, then a payment, then another row of the order. */
  payment = puratan_payment_new (order->id, "payment", "cash", 1000, "tester", &error);
  stored = puratan_payment_record (database, payment, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (puratan_order_add_line (database, order, line, &error));
  g_assert_no_error (error);

  page = puratan_change_list (database, 0, NULL, 100, &next, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpint (next, ==, puratan_change_last_seq (database, &error));
  g_assert_false (more);
  /* One change for the order, where its first row stood, with its last record; the payment
   * after it. */
  g_assert_cmpuint (page->len, ==, 2);
  first = page->pdata[0];
  second = page->pdata[1];
  g_assert_cmpstr (first->entity, ==, "order");
  g_assert_cmpstr (first->entity_id, ==, order->id);
  g_assert_nonnull (strstr (first->data, "Letterheads"));
  g_assert_nonnull (strstr (first->data, "Visiting cards"));
  g_assert_cmpstr (second->entity, ==, "payment");
  g_assert_cmpstr (second->entity_id, ==, stored->id);
  g_assert_cmpint (second->seq, >, first->seq);

  /* A page of one row folds nothing: every row, then the same state as folded pages. */
  every_row = replay (database, 1, &rows_cursor, &n_rows);
  folded = replay (database, 100, &folded_cursor, &n_folded);
  in_threes = replay (database, 3, &threes_cursor, &n_threes);
  g_assert_cmpuint (n_rows, >, n_folded);
  g_assert_cmpuint (n_folded, ==, 2);
  g_assert_cmpint (rows_cursor, ==, folded_cursor);
  g_assert_cmpint (rows_cursor, ==, threes_cursor);
  g_assert_cmpuint (g_hash_table_size (every_row), ==, g_hash_table_size (folded));
  g_assert_cmpuint (g_hash_table_size (every_row), ==, g_hash_table_size (in_threes));
  g_hash_table_iter_init (&iter, every_row);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_assert_cmpstr (value, ==, g_hash_table_lookup (folded, key));
      g_assert_cmpstr (value, ==, g_hash_table_lookup (in_threes, key));
    }

  /* Past the end: nothing, and the cursor stays. */
  g_clear_pointer (&page, g_ptr_array_unref);
  page = puratan_change_list (database, rows_cursor, NULL, 100, &next, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 0);
  g_assert_cmpint (next, ==, rows_cursor);
  g_assert_false (more);
}

/* A database from before schema step 13, whose order rows held the order as it was then:
 * after the step they mark places only, and the feed reads the order whole. */
static void
test_feed_reads_orders_of_older_rows (void)
{
  gsize n_steps = 0;
  const PuratanMigration *steps = puratan_migrations_builtin (&n_steps);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "step-12.sqlite3", NULL);
  g_autoptr (PuratanDatabase) old = NULL;
  g_autoptr (PuratanDatabase) current = NULL;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (GPtrArray) page = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 next = 0;
  gboolean more = TRUE;
  PuratanChange *change;

  g_assert_cmpuint (n_steps, >=, 13);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  old = puratan_database_open_with_migrations (path, steps, 12, &error);
  g_assert_no_error (error);
  order = make_order (old, "Asha Prints");
  g_clear_object (&old);

  current = puratan_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (puratan_database_get_handle (current),
                                       "SELECT count(*) FROM changes WHERE entity = 'order'"
                                       " AND data != 'null'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);

  page = puratan_change_list (current, 0, NULL, 100, &next, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  change = page->pdata[0];
  g_assert_cmpstr (change->entity_id, ==, order->id);
  g_assert_nonnull (strstr (change->data, "\"customer_name\":\"Asha Prints\""));
  g_assert_nonnull (strstr (change->data, "\"amount_minor\":59000"));
  g_assert_nonnull (strstr (change->data, "Visiting cards"));
}

static void
test_idempotency_states (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanAccount) account =
      puratan_account_insert (database, "counter@example.in", HASH, "counter", NULL);
  g_autoptr (PuratanStoredAnswer) answer = NULL;
  g_autoptr (GError) error = NULL;
  PuratanStoredAnswer given = { 201, (char *) "{\"id\":\"x\"}", (char *) "/api/v1/orders/x" };

  g_assert_nonnull (account);
  g_assert_cmpint (puratan_idempotency_begin (database, account->id, "k1", SHA_A, NULL, &error), ==,
                   PURATAN_IDEMPOTENCY_NEW);
  g_assert_no_error (error);
  g_assert_cmpint (puratan_idempotency_begin (database, account->id, "k1", SHA_A, NULL, &error), ==,
                   PURATAN_IDEMPOTENCY_RUNNING);
  g_assert_cmpint (puratan_idempotency_begin (database, account->id, "k1", SHA_B, NULL, &error), ==,
                   PURATAN_IDEMPOTENCY_MISMATCH);
  g_assert_true (puratan_idempotency_finish (database, account->id, "k1", &given, &error));
  g_assert_cmpint (puratan_idempotency_begin (database, account->id, "k1", SHA_A, &answer, &error),
                   ==, PURATAN_IDEMPOTENCY_DONE);
  g_assert_cmpuint (answer->status, ==, 201);
  g_assert_cmpstr (answer->response, ==, given.response);
  g_assert_cmpstr (answer->location, ==, given.location);
  /* A done key is never finished twice. */
  g_assert_false (puratan_idempotency_finish (database, account->id, "k1", &given, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Running keys are released at start-up; done ones stay. */
  g_assert_cmpint (puratan_idempotency_begin (database, account->id, "k2", SHA_A, NULL, &error), ==,
                   PURATAN_IDEMPOTENCY_NEW);
  g_assert_true (puratan_idempotency_release_running (database, &error));
  g_assert_cmpint (puratan_idempotency_begin (database, account->id, "k2", SHA_B, NULL, &error), ==,
                   PURATAN_IDEMPOTENCY_NEW);
  g_assert_true (puratan_idempotency_release (database, account->id, "k2", &error));
  g_assert_cmpint (puratan_idempotency_begin (database, account->id, "k1", SHA_B, NULL, &error), ==,
                   PURATAN_IDEMPOTENCY_MISMATCH);
}

static void
test_pages_and_guarded_edits (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanAccount) account =
      puratan_account_insert (database, "asha@example.in", HASH, "customer", NULL);
  g_autoptr (PuratanOrder) stale = NULL;
  g_autoptr (PuratanOrder) fresh = NULL;
  g_autoptr (PuratanOrder) read = NULL;
  g_autoptr (GPtrArray) page = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *again = NULL;
  gint64 cursor = 0;
  guint seen = 0;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %d", i);
      puratan_order_free (make_order (database, name));
    }
  /* Pages of two, newest first, until an empty page. */
  do
    {
      g_clear_pointer (&page, g_ptr_array_unref);
      page = puratan_order_list_page (database, NULL, NULL, NULL, cursor, 2, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++, seen++)
        {
          gint64 number = ((PuratanOrder *) page->pdata[i])->number;

          g_assert_true (cursor == 0 || number < cursor);
          cursor = number;
        }
    }
  while (page->len > 0);
  g_assert_cmpuint (seen, ==, 5);

  /* Two editors read version N; the second edit is refused and changes nothing. */
  stale = puratan_order_get_by_number (database, 1, &error);
  fresh = puratan_order_get_by_number (database, 1, &error);
  g_assert_true (puratan_order_save_details (database, fresh, "2027-01-31", "gloss", &error));
  g_assert_no_error (error);
  g_assert_false (puratan_order_save_details (database, stale, NULL, "matt", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (puratan_order_save_details (database, fresh, "2027-02-30", "x", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  read = puratan_order_get_by_number (database, 1, &error);
  g_assert_cmpstr (read->notes, ==, "gloss");
  g_assert_cmpstr (read->due_date, ==, "2027-01-31");
  g_assert_cmpint (read->version, ==, fresh->version);

  /* An account's customer record is made once. */
  g_assert_null (puratan_account_customer_get (database, account->id, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  customer =
      puratan_account_customer_ensure (database, account->id, "asha", account->email, &error);
  g_assert_no_error (error);
  again = puratan_account_customer_ensure (database, account->id, "asha", account->email, &error);
  g_assert_cmpstr (customer, ==, again);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/changes/follow-commits", test_feed_follows_commits);
  g_test_add_func ("/store/changes/folded-pages", test_feed_folds_orders_in_a_page);
  g_test_add_func ("/store/changes/older-rows", test_feed_reads_orders_of_older_rows);
  g_test_add_func ("/store/idempotency/states", test_idempotency_states);
  g_test_add_func ("/store/orders/pages-and-guarded-edits", test_pages_and_guarded_edits);

  return g_test_run ();
}
