/* test-orders.c: audited workflow steps, payments and the UPI QR on a real database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-orders.h"

typedef struct
{
  PuratanDatabase *database;
  PuratanCustomer *customer;
  PuratanOrder *order;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanOrderLine) line = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_data_dir (), "shop.sqlite3", NULL);
  fixture->database = puratan_database_open (path, &error);
  g_assert_no_error (error);
  fixture->customer = puratan_customer_new ("Asha Traders");
  g_assert_true (puratan_customer_insert (fixture->database, fixture->customer, &error));
  fixture->order = puratan_orders_create (fixture->database, fixture->customer->id, "2026-12-01",
                                          NULL, "meera", PURATAN_ROLE_COUNTER, &error);
  g_assert_no_error (error);
  /* 500 visiting cards: 500.00 + 18 % GST = 590.00 */
  line = puratan_order_line_new ("Visiting cards", "4911", 500, 100, 50000, 1800, 9000,
                                 "{\"product\":\"cards\"}");
  g_assert_true (puratan_order_add_line (fixture->database, fixture->order, line, &error));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_pointer (&fixture->order, puratan_order_free);
  g_clear_pointer (&fixture->customer, puratan_customer_free);
  g_clear_object (&fixture->database);
}

/* Takes a step as @role and returns the new state, asserting success. */
static void
step (Fixture *fixture, PuratanOrderAction action, PuratanRole role, const char *want)
{
  g_autoptr (GError) error = NULL;
  PuratanOrder *next =
      puratan_orders_transition (fixture->database, fixture->order->id, fixture->order->version,
                                 action, "user", role, "because", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (next->status, ==, want);
  g_assert_cmpint (next->version, ==, fixture->order->version + 1);
  puratan_order_free (fixture->order);
  fixture->order = next;
}

static void
attach_artwork (Fixture *fixture)
{
  g_autofree char *art = g_build_filename (g_get_user_data_dir (), "art.pdf", NULL);
  g_autofree char *sha = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (art, "%PDF-1.4", -1, NULL));
  sha = puratan_file_store_import (fixture->database, art, "application/pdf", &error);
  g_assert_no_error (error);
  g_assert_true (puratan_file_store_attach (fixture->database, fixture->order->id, sha, "art.pdf",
                                            "artwork", &error));
}

static PuratanPayment *
pay_cash (Fixture *fixture, gint64 amount, gint64 tendered, GError **error)
{
  g_autoptr (PuratanPayment) attempt =
      puratan_payment_new (fixture->order->id, "payment", "cash", amount, "meera", NULL);

  attempt->tendered_paise = tendered;
  return puratan_payments_take (fixture->database, attempt, PURATAN_ROLE_COUNTER, NULL, error);
}

static void
test_happy_path_is_audited (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (PuratanPayment) payment = NULL;
  PuratanOrder *refused;

  step (fixture, PURATAN_ORDER_ACTION_PLACE, PURATAN_ROLE_COUNTER, "placed");
  step (fixture, PURATAN_ORDER_ACTION_REQUEST_FILES, PURATAN_ROLE_COUNTER, "awaiting_files");
  attach_artwork (fixture);
  step (fixture, PURATAN_ORDER_ACTION_SUBMIT_FILES, PURATAN_ROLE_CUSTOMER, "preflight");
  step (fixture, PURATAN_ORDER_ACTION_PREFLIGHT_FAIL, PURATAN_ROLE_DESIGNER, "needs_fix");
  step (fixture, PURATAN_ORDER_ACTION_SUBMIT_FILES, PURATAN_ROLE_CUSTOMER, "preflight");
  step (fixture, PURATAN_ORDER_ACTION_PREFLIGHT_PASS, PURATAN_ROLE_DESIGNER, "preflight_ok");
  step (fixture, PURATAN_ORDER_ACTION_SEND_PROOF, PURATAN_ROLE_DESIGNER, "proof_sent");
  step (fixture, PURATAN_ORDER_ACTION_APPROVE_PROOF, PURATAN_ROLE_CUSTOMER, "proof_approved");

  /* Approved but unpaid: production refuses, and nothing changes. */
  refused = puratan_orders_transition (
      fixture->database, fixture->order->id, fixture->order->version,
      PURATAN_ORDER_ACTION_START_PRODUCTION, "ravi", PURATAN_ROLE_PRODUCTION, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, PURATAN_WORKFLOW_ERROR, PURATAN_WORKFLOW_ERROR_NOT_PAID);
  g_clear_error (&error);

  payment = pay_cash (fixture, 59000, 60000, &error);
  g_assert_no_error (error);
  step (fixture, PURATAN_ORDER_ACTION_START_PRODUCTION, PURATAN_ROLE_PRODUCTION, "in_production");
  step (fixture, PURATAN_ORDER_ACTION_HOLD, PURATAN_ROLE_PRODUCTION, "on_hold");
  g_assert_cmpstr (fixture->order->resume_status, ==, "in_production");
  step (fixture, PURATAN_ORDER_ACTION_RESUME, PURATAN_ROLE_PRODUCTION, "in_production");
  g_assert_null (fixture->order->resume_status);
  step (fixture, PURATAN_ORDER_ACTION_MARK_READY, PURATAN_ROLE_PRODUCTION, "ready");
  step (fixture, PURATAN_ORDER_ACTION_PICK_UP, PURATAN_ROLE_COUNTER, "delivered");
  g_assert_cmpstr (fixture->order->delivery, ==, "picked_up");
  step (fixture, PURATAN_ORDER_ACTION_CLOSE, PURATAN_ROLE_COUNTER, "closed");

  history = puratan_audit_list (fixture->database, "order", fixture->order->id, &error);
  g_assert_no_error (error);
  /* create + 14 steps */
  g_assert_cmpuint (history->len, ==, 15);
  {
    PuratanAuditEntry *first = history->pdata[0];
    PuratanAuditEntry *approve = history->pdata[8];
    PuratanAuditEntry *last = history->pdata[14];
    g_assert_cmpstr (first->action, ==, "create");
    g_assert_cmpstr (first->actor, ==, "meera");
    g_assert_cmpstr (approve->action, ==, "approve_proof");
    g_assert_cmpstr (approve->role, ==, "customer");
    g_assert_cmpstr (approve->from_state, ==, "proof_sent");
    g_assert_cmpstr (approve->to_state, ==, "proof_approved");
    g_assert_cmpstr (approve->reason, ==, "because");
    g_assert_true (g_str_has_suffix (approve->at, "Z"));
    g_assert_cmpstr (last->to_state, ==, "closed");
  }
}

static void
test_refusals_change_nothing (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 version = fixture->order->version;
  PuratanOrder *result;

  result = puratan_orders_transition (fixture->database, fixture->order->id, version,
                                      PURATAN_ORDER_ACTION_SHIP, "x", PURATAN_ROLE_ADMIN, NULL,
                                      NULL, &error);
  g_assert_null (result);
  g_assert_error (error, PURATAN_WORKFLOW_ERROR, PURATAN_WORKFLOW_ERROR_INVALID_TRANSITION);
  g_assert_nonnull (strstr (error->message, "Cannot ship an order that is draft"));
  g_clear_error (&error);

  result = puratan_orders_transition (fixture->database, fixture->order->id, version,
                                      PURATAN_ORDER_ACTION_PLACE, "x", PURATAN_ROLE_PRODUCTION,
                                      NULL, NULL, &error);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  result = puratan_orders_transition (fixture->database, fixture->order->id, version - 1,
                                      PURATAN_ORDER_ACTION_PLACE, "x", PURATAN_ROLE_COUNTER, NULL,
                                      NULL, &error);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT);
  g_clear_error (&error);

  result = puratan_orders_transition (fixture->database, "no-such-order", PURATAN_ANY_VERSION,
                                      PURATAN_ORDER_ACTION_PLACE, "x", PURATAN_ROLE_COUNTER, NULL,
                                      NULL, &error);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  result = puratan_order_get (fixture->database, fixture->order->id, &error);
  g_assert_cmpstr (result->status, ==, "draft");
  g_assert_cmpint (result->version, ==, version);
  puratan_order_free (result);
  {
    g_autoptr (GPtrArray) history =
        puratan_audit_list (fixture->database, "order", fixture->order->id, NULL);
    g_assert_cmpuint (history->len, ==, 1);
  }
}

static void
test_credit_approval (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  PuratanOrder *approved;

  step (fixture, PURATAN_ORDER_ACTION_PLACE, PURATAN_ROLE_COUNTER, "placed");
  g_assert_null (puratan_orders_approve_credit (fixture->database, fixture->order->id,
                                                PURATAN_ANY_VERSION, "meera", PURATAN_ROLE_COUNTER,
                                                "regular", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_null (puratan_orders_approve_credit (fixture->database, fixture->order->id,
                                                PURATAN_ANY_VERSION, "boss", PURATAN_ROLE_ADMIN, "",
                                                &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  approved =
      puratan_orders_approve_credit (fixture->database, fixture->order->id, fixture->order->version,
                                     "boss", PURATAN_ROLE_ADMIN, "monthly account", &error);
  g_assert_no_error (error);
  g_assert_true (approved->credit_approved);
  g_assert_cmpstr (approved->status, ==, "placed");
  puratan_order_free (fixture->order);
  fixture->order = approved;
}

static void
test_cancel_refunds_everything (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPayment) part = NULL;
  g_autoptr (GPtrArray) payments = NULL;
  PuratanOrder *result;

  step (fixture, PURATAN_ORDER_ACTION_PLACE, PURATAN_ROLE_COUNTER, "placed");
  part = pay_cash (fixture, 20000, 20000, &error);
  g_assert_no_error (error);

  /* A paid order needs to know how to refund. */
  result = puratan_orders_transition (fixture->database, fixture->order->id, PURATAN_ANY_VERSION,
                                      PURATAN_ORDER_ACTION_CANCEL, "meera", PURATAN_ROLE_COUNTER,
                                      "customer changed mind", NULL, &error);
  g_assert_null (result);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  result = puratan_orders_transition (fixture->database, fixture->order->id, PURATAN_ANY_VERSION,
                                      PURATAN_ORDER_ACTION_CANCEL, "meera", PURATAN_ROLE_COUNTER,
                                      "customer changed mind", "cash", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->status, ==, "cancelled");
  g_assert_cmpint (result->paid_paise, ==, 0);
  puratan_order_free (result);

  payments = puratan_payment_list_for_order (fixture->database, fixture->order->id, &error);
  g_assert_cmpuint (payments->len, ==, 2);
  g_assert_cmpstr (((PuratanPayment *) payments->pdata[1])->kind, ==, "refund");
  g_assert_cmpint (((PuratanPayment *) payments->pdata[1])->amount_paise, ==, 20000);
}

static void
test_payment_arithmetic (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPayment) attempt = NULL;
  g_autoptr (PuratanPayment) first = NULL;
  g_autoptr (PuratanPayment) again = NULL;
  g_autoptr (PuratanPayment) refund = NULL;
  PuratanOrder *read;
  gint64 applied, change;
  gboolean duplicate = FALSE;

  /* 590.00 due, a 200 note: partial, no change. Then 500 for the rest: 110.00 change. */
  g_assert_true (puratan_cash_apply (59000, 20000, &applied, &change, &error));
  g_assert_cmpint (applied, ==, 20000);
  g_assert_cmpint (change, ==, 0);
  attempt = puratan_payment_new (fixture->order->id, "payment", "cash", applied, "meera", NULL);
  attempt->tendered_paise = 20000;
  first =
      puratan_payments_take (fixture->database, attempt, PURATAN_ROLE_COUNTER, &duplicate, &error);
  g_assert_no_error (error);
  g_assert_false (duplicate);
  /* The till app crashed before showing the receipt; the retry must not charge again. */
  again =
      puratan_payments_take (fixture->database, attempt, PURATAN_ROLE_COUNTER, &duplicate, &error);
  g_assert_true (duplicate);
  g_assert_cmpstr (again->id, ==, first->id);

  g_assert_true (puratan_cash_apply (39000, 50000, &applied, &change, &error));
  g_assert_cmpint (applied, ==, 39000);
  g_assert_cmpint (change, ==, 11000);
  g_clear_pointer (&attempt, puratan_payment_free);
  attempt = puratan_payment_new (fixture->order->id, "payment", "upi", applied, "meera", NULL);
  attempt->reference = g_strdup ("432198765012");
  g_clear_pointer (&again, puratan_payment_free);
  again = puratan_payments_take (fixture->database, attempt, PURATAN_ROLE_CUSTOMER, NULL, &error);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  again = puratan_payments_take (fixture->database, attempt, PURATAN_ROLE_COUNTER, NULL, &error);
  g_assert_no_error (error);

  read = puratan_order_get (fixture->database, fixture->order->id, &error);
  g_assert_cmpint (read->paid_paise, ==, read->total_paise);
  puratan_order_free (read);

  g_clear_pointer (&attempt, puratan_payment_free);
  attempt = puratan_payment_new (fixture->order->id, "refund", "cash", 59001, "meera", NULL);
  g_assert_null (puratan_payments_refund (fixture->database, attempt, PURATAN_ROLE_COUNTER,
                                          "overcharged", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  attempt->amount_paise = 5000;
  g_assert_null (
      puratan_payments_refund (fixture->database, attempt, PURATAN_ROLE_COUNTER, NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  refund = puratan_payments_refund (fixture->database, attempt, PURATAN_ROLE_COUNTER,
                                    "smudged batch", &error);
  g_assert_no_error (error);
  read = puratan_order_get (fixture->database, fixture->order->id, &error);
  g_assert_cmpint (read->paid_paise, ==, 54000);
  puratan_order_free (read);

  g_assert_false (puratan_cash_apply (0, 100, &applied, &change, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (puratan_cash_apply (100, -5, &applied, &change, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
}

static void
test_upi_uri (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = puratan_upi_uri ("puratan.printers@okaxis", "Puratan Printers & Co", 59005,
                                          "ORDER-000042 cards", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==,
                   "upi://pay?pa=puratan.printers@okaxis&pn=Puratan%20Printers%20%26%20Co"
                   "&am=590.05&cu=INR&tn=ORDER-000042%20cards");

  g_assert_null (puratan_upi_uri ("not-an-address", "Shop", 100, "x", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (puratan_upi_uri ("a@b&am=1", "Shop", 100, "x", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (puratan_upi_uri ("shop@okaxis", "Shop", 0, "x", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
}

static void
test_upi_qr_decodes (void)
{
  g_autofree char *uri = puratan_upi_uri ("shop@okaxis", "Puratan", 12345, "ORDER-000007", NULL);
  g_autofree char *png = NULL;
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;
  int status = -1;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  png = g_build_filename (g_get_user_data_dir (), "upi.png", NULL);
  g_assert_true (puratan_qr_write_png (uri, png, 6, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));

  g_assert_false (puratan_qr_write_png ("", png, 6, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  if (zbarimg == NULL)
    {
      g_test_skip ("zbarimg (zbar-tools) is not installed; the QR was not decoded");
      return;
    }
  {
    const char *argv[] = { zbarimg, "--quiet", "--raw", png, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 NULL, &status, &error));
  }
  g_assert_no_error (error);
  expected = g_strdup_printf ("%s\n", uri);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_line_from_snapshot (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanOrderLine) line = NULL;
  const char *good = "{\"product\":\"Flyers A5\",\"hsn_sac\":\"4911\",\"quantity\":1000,"
                     "\"unit_price_paise\":350,\"line_total_paise\":350001,\"tax_rate_bp\":1800,"
                     "\"tax_paise\":63000,\"stock\":\"130 gsm gloss\"}";
  const char *const bad[] = {
    "not json",
    "[1]",
    "{\"product\":\"x\"}",
    "{\"product\":\"x\",\"hsn_sac\":\"4911\",\"quantity\":0,\"unit_price_paise\":1,"
    "\"line_total_paise\":1,\"tax_rate_bp\":0,\"tax_paise\":0}",
    "{\"product\":\"x\",\"hsn_sac\":\"4911\",\"quantity\":1,\"unit_price_paise\":1,"
    "\"line_total_paise\":10000,\"tax_rate_bp\":1800,\"tax_paise\":1}",
    "{\"product\":\"x\",\"hsn_sac\":\"4911\",\"quantity\":1.5,\"unit_price_paise\":1,"
    "\"line_total_paise\":1,\"tax_rate_bp\":0,\"tax_paise\":0}",
  };

  line = puratan_order_line_from_snapshot (good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line->product, ==, "Flyers A5");
  g_assert_cmpint (line->quantity, ==, 1000);
  g_assert_cmpint (line->line_total_paise, ==, 350001);
  g_assert_cmpint (line->tax_paise, ==, 63000);
  g_assert_cmpstr (line->snapshot, ==, good);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (puratan_order_line_from_snapshot (bad[i], &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == PURATAN_ERROR);
      g_clear_error (&error);
    }
}

/* A live quote from the seed catalog becomes a frozen order line that matches it exactly. */
static void
test_line_from_quote (Fixture *fixture, gconstpointer data)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "catalog", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (PuratanQuote) quote = NULL;
  g_autoptr (PuratanOrderLine) line = NULL;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (JsonNode) snapshot = NULL;
  PuratanQuoteRequest request = { .number = "PQ-TEST-7", .customer_name = "Asha Traders" };
  PuratanCatalog *catalog;
  PuratanJob *job;
  gint64 quantity = 500;
  const PuratanQuoteLine *quoted;

  catalog = puratan_catalog_load_dir (dir, &error);
  g_assert_no_error (error);
  g_hash_table_insert (options, (gpointer) "lamination", (gpointer) "matt");
  job = puratan_job_new (catalog, "business-cards", options, &error);
  g_assert_no_error (error);
  g_date_clear (&request.date, 1);
  g_date_set_dmy (&request.date, 25, G_DATE_NOVEMBER, 2026);
  quote = puratan_quote_new (catalog, &request, &job, &quantity, 1, &error);
  g_assert_no_error (error);
  quoted = quote->lines->pdata[0];

  g_assert_null (puratan_order_line_from_quote (quote, 1, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  line = puratan_order_line_from_quote (quote, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (line->quantity, ==, 500);
  g_assert_cmpint (line->line_total_paise, ==, quoted->taxable.minor);
  g_assert_cmpint (line->tax_paise, ==,
                   quoted->cgst.minor + quoted->sgst.minor + quoted->igst.minor);
  g_assert_cmpint (line->tax_rate_bp, ==, quoted->gst_bp);
  g_assert_cmpstr (line->hsn_sac, ==, quoted->hsn);
  snapshot = json_from_string (line->snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (snapshot), "quote_number"),
                   ==, "PQ-TEST-7");
  g_assert_true (json_object_has_member (json_node_get_object (snapshot), "quote_line"));

  g_assert_true (puratan_order_add_line (fixture->database, fixture->order, line, &error));
  order = puratan_order_get (fixture->database, fixture->order->id, &error);
  g_assert_cmpint (order->total_paise, ==, 59000 + quoted->total.minor);

  puratan_job_free (job);
  puratan_catalog_unref (catalog);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/orders/service/happy-path-audited", Fixture, NULL, fixture_set_up,
              test_happy_path_is_audited, fixture_tear_down);
  g_test_add ("/orders/service/refusals-change-nothing", Fixture, NULL, fixture_set_up,
              test_refusals_change_nothing, fixture_tear_down);
  g_test_add ("/orders/service/credit-approval", Fixture, NULL, fixture_set_up,
              test_credit_approval, fixture_tear_down);
  g_test_add ("/orders/service/cancel-refunds", Fixture, NULL, fixture_set_up,
              test_cancel_refunds_everything, fixture_tear_down);
  g_test_add ("/orders/payments/arithmetic", Fixture, NULL, fixture_set_up, test_payment_arithmetic,
              fixture_tear_down);
  g_test_add_func ("/orders/payments/upi-uri", test_upi_uri);
  g_test_add_func ("/orders/lines/from-snapshot", test_line_from_snapshot);
  g_test_add ("/orders/lines/from-quote", Fixture, NULL, fixture_set_up, test_line_from_quote,
              fixture_tear_down);
  g_test_add_func ("/orders/payments/upi-qr-decodes", test_upi_qr_decodes);

  return g_test_run ();
}
