/* test-repositories.c: customers, orders, payments, files, audit log and outbox
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "puratan-core.h"
#include "puratan-database-private.h"
#include "puratan-store.h"

#define SNAPSHOT "{\"product\":\"cards\",\"quantity\":500,\"total_paise\":50000}"

static char *
temp_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static PuratanDatabase *
open_fresh (void)
{
  g_autofree char *path = temp_path ("shop.sqlite3");
  g_autoptr (GError) error = NULL;
  PuratanDatabase *database = puratan_database_open (path, &error);

  g_assert_no_error (error);
  return database;
}

static gint64
query_int (PuratanDatabase *database, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (
      sqlite3_prepare_v2 (puratan_database_get_handle (database), sql, -1, &stmt, NULL), ==,
      SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static PuratanCustomer *
add_customer (PuratanDatabase *database, const char *name, const char *phone)
{
  g_autoptr (GError) error = NULL;
  PuratanCustomer *customer = puratan_customer_new (name);

  customer->phone = g_strdup (phone);
  g_assert_true (puratan_customer_insert (database, customer, &error));
  g_assert_no_error (error);
  return customer;
}

/* A draft order with one line of 500.00 + 90.00 GST. */
static PuratanOrder *
add_order (PuratanDatabase *database, const char *customer_id)
{
  g_autoptr (GError) error = NULL;
  PuratanOrder *order = puratan_order_create (database, customer_id, "2026-12-01", "rush", &error);
  g_autoptr (PuratanOrderLine) line = NULL;

  g_assert_no_error (error);
  line = puratan_order_line_new ("Visiting cards", "4911", 500, 100, 50000, 1800, 9000, SNAPSHOT);
  g_assert_true (puratan_order_add_line (database, order, line, &error));
  g_assert_no_error (error);
  return order;
}

static void
test_customers (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanCustomer) asha = add_customer (database, "Asha Traders", "9820012345");
  g_autoptr (PuratanCustomer) ravi = add_customer (database, "Ravi 100%_Prints", "9876500000");
  g_autoptr (PuratanCustomer) stale = NULL;
  g_autoptr (PuratanCustomer) business = puratan_customer_new ("Umbrella Co");
  g_autoptr (PuratanCustomer) bad = puratan_customer_new ("   ");
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (strlen (asha->id), ==, 36);
  g_assert_cmpint (asha->version, ==, 1);
  g_assert_cmpstr (asha->id, !=, ravi->id);

  found = puratan_customer_search (database, "asha", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = puratan_customer_search (database, "98765", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  /* LIKE wildcards typed by the user match only themselves. */
  found = puratan_customer_search (database, "%_", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = puratan_customer_search (database, "", 10, &error);
  g_assert_cmpuint (found->len, ==, 2);

  /* Two clerks edit the same customer: the second save is refused. */
  stale = puratan_customer_get (database, asha->id, &error);
  g_assert_no_error (error);
  g_free (asha->email);
  asha->email = g_strdup ("asha@example.in");
  g_assert_true (puratan_customer_update (database, asha, &error));
  g_assert_cmpint (asha->version, ==, 2);
  g_free (stale->phone);
  stale->phone = g_strdup ("000");
  g_assert_false (puratan_customer_update (database, stale, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_pointer (&stale, puratan_customer_free);
  stale = puratan_customer_get (database, asha->id, &error);
  g_assert_cmpstr (stale->phone, ==, "9820012345");
  g_assert_cmpstr (stale->email, ==, "asha@example.in");

  business->gstin = g_strdup ("27AAPFU0939F1ZV");
  g_assert_true (puratan_customer_insert (database, business, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (business->state_code, ==, "27");

  g_free (business->gstin);
  business->gstin = g_strdup ("27AAPFU0939F1ZW");
  g_assert_false (puratan_customer_update (database, business, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "check character"));
  g_clear_error (&error);

  g_assert_false (puratan_customer_insert (database, bad, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (puratan_customer_get (database, "no-such-id", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);

  /* Three creates and one update, each with its outbox row. */
  g_assert_cmpint (puratan_outbox_count_pending (database, NULL), ==, 4);
}

static void
test_orders (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanCustomer) customer = add_customer (database, "Asha", NULL);
  g_autoptr (PuratanOrder) order = add_order (database, customer->id);
  g_autoptr (PuratanOrder) second = add_order (database, customer->id);
  g_autoptr (PuratanOrder) read = NULL;
  g_autoptr (PuratanOrderLine) late = NULL;
  g_autoptr (PuratanOrderLine) bad = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *number = puratan_order_format_number (order->number);

  g_assert_cmpint (order->number, ==, 1);
  g_assert_cmpint (second->number, ==, 2);
  g_assert_cmpstr (number, ==, "ORDER-000001");
  g_assert_cmpint (order->total_paise, ==, 59000);
  g_assert_cmpint (order->version, ==, 2);

  read = puratan_order_get_by_number (database, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->id, ==, order->id);
  g_assert_cmpint (read->total_paise, ==, 59000);
  g_assert_cmpuint (read->lines->len, ==, 1);
  g_assert_cmpstr (((PuratanOrderLine *) read->lines->pdata[0])->snapshot, ==, SNAPSHOT);

  bad = puratan_order_line_new ("Flyers", "49x1", 1, 1, 1, 1800, 0, "{}");
  g_assert_false (puratan_order_add_line (database, order, bad, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_free (bad->hsn_sac);
  bad->hsn_sac = g_strdup ("4911");
  g_free (bad->snapshot);
  bad->snapshot = g_strdup ("[1, 2");
  g_assert_false (puratan_order_add_line (database, order, bad, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "not valid JSON"));
  g_clear_error (&error);
  g_free (bad->snapshot);
  bad->snapshot = g_strdup ("[1, 2]");
  g_assert_false (puratan_order_add_line (database, order, bad, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "must be a JSON object"));
  g_clear_error (&error);

  /* Placing freezes the lines, in the database itself. */
  g_assert_true (puratan_database_begin (database, &error));
  g_assert_true (puratan_order_save_state (database, order, "placed", NULL, NULL, FALSE, &error));
  g_assert_true (puratan_database_commit (database, &error));
  g_assert_no_error (error);
  late = puratan_order_line_new ("Flyers", "4911", 1, 1, 1, 0, 0, "{}");
  g_free (order->status);
  order->status = g_strdup ("draft");
  g_assert_false (puratan_order_add_line (database, order, late, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "frozen"));
  g_clear_error (&error);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM order_lines"), ==, 2);

  /* A stale state change is refused and changes nothing. */
  g_assert_true (puratan_database_begin (database, &error));
  g_assert_false (
      puratan_order_save_state (database, read, "cancelled", NULL, NULL, FALSE, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT);
  puratan_database_rollback (database);
  g_clear_error (&error);

  list = puratan_order_list (database, "placed", NULL, NULL, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = puratan_order_list (database, NULL, customer->id, "2026-12-01", 50, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = puratan_order_list (database, NULL, NULL, "2026-11-30", 50, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_null (puratan_order_list (database, NULL, NULL, "1st of May", 50, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_null (puratan_order_create (database, "missing-customer", NULL, NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
}

static PuratanPayment *
pay (PuratanDatabase *database,
     const char *order_id,
     const char *kind,
     const char *method,
     gint64 amount,
     GError **error)
{
  g_autoptr (PuratanPayment) attempt =
      puratan_payment_new (order_id, kind, method, amount, "meera", NULL);

  attempt->business_date = g_strdup ("2026-11-25");
  if (g_strcmp0 (method, "upi") == 0 || g_strcmp0 (method, "card") == 0)
    attempt->reference = g_strdup ("REF123456");
  return puratan_payment_record (database, attempt, NULL, error);
}

static void
test_payments (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanCustomer) customer = add_customer (database, "Asha", NULL);
  g_autoptr (PuratanOrder) order = add_order (database, customer->id);
  g_autoptr (PuratanPayment) attempt = NULL;
  g_autoptr (PuratanPayment) first = NULL;
  g_autoptr (PuratanPayment) retry = NULL;
  g_autoptr (PuratanPayment) other = NULL;
  g_autoptr (PuratanOrder) read = NULL;
  g_autoptr (GPtrArray) cash_up = NULL;
  g_autoptr (GError) error = NULL;
  gboolean duplicate = TRUE;

  /* A cash part-payment of 200.00 from a 500 note, retried after a lost reply. */
  attempt = puratan_payment_new (order->id, "payment", "cash", 20000, "meera", &error);
  attempt->tendered_paise = 50000;
  attempt->business_date = g_strdup ("2026-11-25");
  first = puratan_payment_record (database, attempt, &duplicate, &error);
  g_assert_no_error (error);
  g_assert_false (duplicate);
  retry = puratan_payment_record (database, attempt, &duplicate, &error);
  g_assert_no_error (error);
  g_assert_true (duplicate);
  g_assert_cmpstr (retry->id, ==, first->id);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM payments"), ==, 1);

  /* The key cannot be reused for another amount. */
  attempt->amount_paise = 100;
  attempt->tendered_paise = 0;
  g_assert_null (puratan_payment_record (database, attempt, NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT);
  g_clear_error (&error);

  /* 390.00 is due: 400.00 is too much, UPI needs a reference. */
  g_assert_null (pay (database, order->id, "payment", "cash", 39001, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_clear_pointer (&attempt, puratan_payment_free);
  attempt = puratan_payment_new (order->id, "payment", "upi", 100, "meera", &error);
  g_assert_null (puratan_payment_record (database, attempt, NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  other = pay (database, order->id, "payment", "upi", 39000, &error);
  g_assert_no_error (error);
  read = puratan_order_get (database, order->id, &error);
  g_assert_cmpint (read->paid_paise, ==, 59000);
  g_clear_pointer (&other, puratan_payment_free);

  /* Refunds: never more than was paid, and payments are immutable. */
  other = pay (database, order->id, "refund", "cash", 9000, &error);
  g_assert_no_error (error);
  g_clear_pointer (&other, puratan_payment_free);
  g_assert_null (pay (database, order->id, "refund", "upi", 50001, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (
      sqlite3_exec (puratan_database_get_handle (database),
                    "INSERT INTO payments SELECT 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa',"
                    " 'raw-key-123', order_id, 'refund', 'cash', 50001, NULL, NULL,"
                    " 'x', business_date, created_at FROM payments LIMIT 1",
                    NULL, NULL, NULL),
      ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (sqlite3_exec (puratan_database_get_handle (database),
                                 "UPDATE payments SET amount_paise = 1", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_TRIGGER);

  /* Refund to store credit, then spend it. */
  other = pay (database, order->id, "refund", "store_credit", 10000, &error);
  g_assert_no_error (error);
  g_clear_pointer (&other, puratan_payment_free);
  g_clear_pointer (&customer, puratan_customer_free);
  g_assert_cmpint (query_int (database, "SELECT store_credit_paise FROM customers"), ==, 10000);
  other = pay (database, order->id, "payment", "store_credit", 10000, &error);
  g_assert_no_error (error);
  g_clear_pointer (&other, puratan_payment_free);
  g_assert_null (pay (database, order->id, "payment", "store_credit", 1, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  cash_up = puratan_payment_cash_up (database, "2026-11-25", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cash_up->len, ==, 4);
  {
    PuratanCashUpLine *cash = cash_up->pdata[0];
    PuratanCashUpLine *upi = cash_up->pdata[1];
    PuratanCashUpLine *card = cash_up->pdata[2];
    PuratanCashUpLine *credit = cash_up->pdata[3];
    g_assert_cmpstr (cash->method, ==, "cash");
    g_assert_cmpint (cash->payments_paise, ==, 20000);
    g_assert_cmpint (cash->refunds_paise, ==, 9000);
    g_assert_cmpint (cash->net_paise, ==, 11000);
    g_assert_cmpint (upi->payments, ==, 1);
    g_assert_cmpint (upi->net_paise, ==, 39000);
    g_assert_cmpint (card->net_paise, ==, 0);
    g_assert_cmpint (credit->payments_paise, ==, 10000);
    g_assert_cmpint (credit->refunds_paise, ==, 10000);
  }
  g_clear_pointer (&cash_up, g_ptr_array_unref);
  cash_up = puratan_payment_cash_up (database, "2026-11-24", &error);
  g_assert_cmpint (((PuratanCashUpLine *) cash_up->pdata[0])->payments, ==, 0);
}

static void
test_outbox_and_audit (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanCustomer) customer = add_customer (database, "Asha", NULL);
  g_autoptr (PuratanCustomer) clash = puratan_customer_new ("Clash");
  g_autoptr (PuratanAuditEntry) entry = g_new0 (PuratanAuditEntry, 1);
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;
  PuratanOutboxEntry *head;

  pending = puratan_outbox_list_pending (database, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  head = pending->pdata[0];
  g_assert_cmpstr (head->entity, ==, "customer");
  g_assert_cmpstr (head->operation, ==, "create");
  g_assert_cmpstr (head->entity_id, ==, customer->id);
  g_assert_nonnull (strstr (head->payload, "\"name\":\"Asha\""));

  g_assert_true (puratan_outbox_mark_pushed (database, head->idempotency_key, &error));
  g_assert_true (puratan_outbox_mark_pushed (database, head->idempotency_key, &error));
  g_assert_no_error (error);
  g_assert_cmpint (puratan_outbox_count_pending (database, NULL), ==, 0);
  g_assert_false (puratan_outbox_mark_pushed (database, "no-such-key", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A failed change leaves no outbox row behind. */
  clash->gstin = g_strdup ("27AAPFU0939F1ZV");
  g_assert_true (puratan_customer_insert (database, clash, &error));
  g_clear_pointer (&clash->id, g_free);
  g_assert_false (puratan_customer_insert (database, clash, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpint (puratan_outbox_count_pending (database, NULL), ==, 1);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM customers"), ==, 2);

  entry->actor = g_strdup ("meera");
  entry->role = g_strdup ("counter");
  entry->entity = g_strdup ("customer");
  entry->entity_id = g_strdup (customer->id);
  entry->action = g_strdup ("merge");
  entry->reason = g_strdup ("duplicate record");
  g_assert_true (puratan_audit_append (database, entry, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entry->id, >, 0);
  history = puratan_audit_list (database, "customer", customer->id, &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (((PuratanAuditEntry *) history->pdata[0])->reason, ==, "duplicate record");
  g_assert_cmpint (sqlite3_exec (puratan_database_get_handle (database), "DELETE FROM audit_log",
                                 NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_TRIGGER);
}

static gboolean
fail_midway (PuratanDatabase *database, gpointer user_data, GError **error)
{
  PuratanCustomer *customer = user_data;

  g_assert_true (puratan_customer_insert (database, customer, NULL));
  g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, "changed my mind");
  return FALSE;
}

/* The server's database keeps no outbox: the same changes are made, and none is queued. */
static void
test_outbox_off (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanCustomer) customer = NULL;
  g_autoptr (PuratanOrder) order = NULL;

  g_assert_true (puratan_database_get_outbox (database));
  puratan_database_set_outbox (database, FALSE);
  g_assert_false (puratan_database_get_outbox (database));
  customer = add_customer (database, "Asha", NULL);
  order = add_order (database, customer->id);
  g_assert_cmpint (order->total_paise, ==, 59000);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM orders"), ==, 1);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (puratan_outbox_count_pending (database, NULL), ==, 0);
}

static void
test_transaction_rolls_back (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanCustomer) customer = puratan_customer_new ("Nobody");
  g_autoptr (GError) error = NULL;

  g_assert_false (puratan_database_run_in_transaction (database, fail_midway, customer, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM customers"), ==, 0);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM outbox"), ==, 0);
}

static void
test_files (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanCustomer) customer = add_customer (database, "Asha", NULL);
  g_autoptr (PuratanOrder) order = add_order (database, customer->id);
  g_autofree char *source = temp_path ("art.pdf");
  g_autofree char *copy = temp_path ("art copy.pdf");
  g_autofree char *sha = NULL;
  g_autofree char *again = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected =
      g_compute_checksum_for_string (G_CHECKSUM_SHA256, "%PDF-1.4 test", -1);
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (source, "%PDF-1.4 test", -1, NULL));
  g_assert_true (g_file_set_contents (copy, "%PDF-1.4 test", -1, NULL));
  sha = puratan_file_store_import (database, source, "application/pdf", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, expected);
  again = puratan_file_store_import (database, copy, "application/pdf", &error);
  g_assert_cmpstr (again, ==, sha);
  g_assert_cmpint (query_int (database, "SELECT count(*) FROM files"), ==, 1);

  stored = puratan_file_store_get_path (database, sha, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (stored, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "%PDF-1.4 test");

  g_assert_true (
      puratan_file_store_attach (database, order->id, sha, "art.pdf", "artwork", &error));
  files = puratan_file_store_list_for_order (database, order->id, &error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (((PuratanOrderFile *) files->pdata[0])->name, ==, "art.pdf");

  g_assert_false (puratan_file_store_attach (database, order->id, sha, "x", "poster", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (
      puratan_file_store_import (database, "/nonexistent/file.pdf", "application/pdf", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_IO);
  g_clear_error (&error);
  g_assert_null (puratan_file_store_get_path (database, "../../etc/passwd", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
}

static void
test_backup_and_check (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanCustomer) customer = add_customer (database, "Asha", NULL);
  g_autoptr (PuratanOrder) order = add_order (database, customer->id);
  g_autoptr (PuratanDatabase) copy = NULL;
  g_autofree char *backup = temp_path ("backup.sqlite3");
  g_autofree char *partial = g_strconcat (backup, ".partial", NULL);
  g_auto (GStrv) problems = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_database_backup (database, backup, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_false (puratan_database_backup (database, backup, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (puratan_database_backup (database, "/nonexistent/dir/b.sqlite3", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_IO);
  g_clear_error (&error);

  copy = puratan_database_open (backup, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM order_lines"), ==,
                   (gint64) order->lines->len);
  g_assert_true (puratan_database_check (copy, &problems, &error));
  g_assert_cmpuint (g_strv_length (problems), ==, 0);
  g_clear_pointer (&problems, g_strfreev);

  /* An orphan written behind the schema's back is reported. */
  g_assert_cmpint (sqlite3_exec (puratan_database_get_handle (copy),
                                 "PRAGMA foreign_keys = OFF; DELETE FROM customers;"
                                 " PRAGMA foreign_keys = ON;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (puratan_database_check (copy, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), >=, 1);
  g_assert_nonnull (strstr (problems[0], "foreign key"));
}

static void
test_settings (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *name = NULL;

  missing = puratan_settings_get (database, "shop.name", &error);
  g_assert_null (missing);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (puratan_settings_set (database, "shop.name", "Puratan", &error));
  g_assert_true (puratan_settings_set (database, "shop.name", "Puratan Printers", &error));
  g_assert_no_error (error);
  name = puratan_settings_get (database, "shop.name", &error);
  g_assert_cmpstr (name, ==, "Puratan Printers");
  g_assert_false (puratan_settings_set (database, "", "x", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
}

/* Every released schema step, from every earlier version, with data along the way. */
static void
test_migrates_builtin_from_every_version (void)
{
  gsize n_steps = 0;
  const PuratanMigration *steps = puratan_migrations_builtin (&n_steps);

  g_assert_cmpuint (n_steps, >=, 6);
  for (gsize start = 0; start < n_steps; start++)
    {
      g_autofree char *name = g_strdup_printf ("builtin-from-%" G_GSIZE_FORMAT ".sqlite3", start);
      g_autofree char *path = temp_path (name);
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanDatabase) old =
          puratan_database_open_with_migrations (path, steps, start, &error);
      g_autoptr (PuratanDatabase) current = NULL;
      g_autoptr (PuratanCustomer) customer = NULL;

      g_assert_no_error (error);
      if (start >= 2)
        g_assert_cmpint (
            sqlite3_exec (puratan_database_get_handle (old),
                          "INSERT INTO customers (id, name, created_at, updated_at) VALUES"
                          " ('00000000-0000-4000-8000-000000000001', 'Old', 'x', 'x')",
                          NULL, NULL, NULL),
            ==, SQLITE_OK);
      g_clear_object (&old);

      current = puratan_database_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (puratan_database_get_schema_version (current), ==, (int) n_steps);
      g_assert_cmpint (query_int (current, "SELECT count(*) FROM customers"), ==,
                       start >= 2 ? 1 : 0);
      g_assert_cmpint (query_int (current, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
      g_assert_cmpint (query_int (current, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                                           " ('outbox', 'audit_log', 'files', 'payments')"),
                       ==, 4);
      customer = add_customer (current, "New", NULL);
      g_assert_nonnull (customer->id);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/customers/crud", test_customers);
  g_test_add_func ("/store/orders/lines-and-versions", test_orders);
  g_test_add_func ("/store/payments/idempotent-partial-refund", test_payments);
  g_test_add_func ("/store/outbox/with-every-change", test_outbox_and_audit);
  g_test_add_func ("/store/outbox/off-on-the-server", test_outbox_off);
  g_test_add_func ("/store/transaction/rolls-back", test_transaction_rolls_back);
  g_test_add_func ("/store/files/content-addressed", test_files);
  g_test_add_func ("/store/database/backup-and-check", test_backup_and_check);
  g_test_add_func ("/store/settings/get-set", test_settings);
  g_test_add_func ("/store/migrations/builtin-from-every-version",
                   test_migrates_builtin_from_every_version);

  return g_test_run ();
}
