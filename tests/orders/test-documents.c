/* test-documents.c: the invoice's GST fields and the job ticket, read back with pdftotext
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <cairo.h>

#include "puratan-core.h"
#include "puratan-orders.h"

static const PuratanSeller shop = {
  "Puratan Printers",
  "12 Station Road, Pune 411001",
  "27AAPFU0939F1ZV",
  "020 2555 0101",
};

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

/* An order for @customer with two lines: 1,000.00 at 18 % and 250.01 at 12 % (odd paise). */
static PuratanOrder *
make_order (PuratanDatabase *database, PuratanCustomer *customer)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (PuratanOrderLine) cards = NULL;
  g_autoptr (PuratanOrderLine) flyers = NULL;
  g_autoptr (PuratanPayment) payment = NULL;

  g_assert_true (puratan_customer_insert (database, customer, &error));
  g_assert_no_error (error);
  order = puratan_orders_create (database, customer->id, "2026-12-05", "Deliver before noon",
                                 "meera", PURATAN_ROLE_COUNTER, &error);
  cards = puratan_order_line_new ("Visiting cards", "4911", 1000, 100, 100000, 1800, 18000,
                                  "{\"stock\":\"350 gsm matt art card\","
                                  "\"finishing\":\"matt lamination, rounded corners\"}");
  g_free (cards->description);
  cards->description = g_strdup ("90 x 54 mm, 4+4");
  g_assert_true (puratan_order_add_line (database, order, cards, &error));
  flyers = puratan_order_line_new ("Design service", "998391", 1, 25001, 25001, 1200, 3001, "{}");
  g_assert_true (puratan_order_add_line (database, order, flyers, &error));
  payment = puratan_payment_new (order->id, "payment", "upi", 50000, "meera", NULL);
  payment->reference = g_strdup ("UPI998877");
  payment->business_date = g_strdup ("2026-11-25");
  {
    g_autoptr (PuratanPayment) stored =
        puratan_payments_take (database, payment, PURATAN_ROLE_COUNTER, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (stored);
  }
  g_clear_pointer (&order, puratan_order_free);
  {
    PuratanOrder *read = puratan_order_get_by_number (database, 1, &error);
    g_assert_no_error (error);
    return read;
  }
}

static char *
pdf_text (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
assert_contains (const char *text, const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, text);
}

static void
test_invoice_other_state (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanCustomer) customer = puratan_customer_new ("Tumkur Traders");
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (GPtrArray) payments = NULL;
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "invoice.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  customer->gstin = g_strdup ("29AABCT1332L1ZA");
  order = make_order (database, customer);
  payments = puratan_payment_list_for_order (database, order->id, &error);
  g_assert_true (puratan_invoice_write_pdf (&shop, PURATAN_INVOICE_TAX_INVOICE, order, customer,
                                            payments, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);

  assert_contains (text, "TAX INVOICE");
  assert_contains (text, "GSTIN: 27AAPFU0939F1ZV");
  assert_contains (text, "GSTIN: 29AABCT1332L1ZA");
  assert_contains (text, "Place of supply: Karnataka (29)");
  assert_contains (text, "Invoice no.: ORDER-000001");
  assert_contains (text, "HSN/SAC");
  assert_contains (text, "4911");
  assert_contains (text, "998391");
  assert_contains (text, "18.00");
  assert_contains (text, "12.00");
  /* Another state: all IGST, no CGST/SGST. 180.00 + 30.01 */
  assert_contains (text, "IGST");
  assert_contains (text, "210.01");
  g_assert_null (strstr (text, "CGST"));
  assert_contains (text, "1,250.01");
  assert_contains (text, "1,460.02");
  assert_contains (text, "960.02");
  assert_contains (text, "UPI998877");
}

static void
test_receipt_same_state (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanCustomer) customer = puratan_customer_new ("Walk-in Asha");
  g_autoptr (PuratanOrder) order = NULL;
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "receipt.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  gint64 cgst, sgst, igst;

  order = make_order (database, customer);
  g_assert_true (puratan_invoice_write_pdf (&shop, PURATAN_INVOICE_RECEIPT, order, customer, NULL,
                                            pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  assert_contains (text, "RECEIPT");
  assert_contains (text, "Place of supply: Maharashtra (27)");
  /* Same state: 210.01 splits into CGST 105.00 and SGST 105.01 (line by line). */
  assert_contains (text, "CGST");
  assert_contains (text, "SGST");
  assert_contains (text, "105.00");
  assert_contains (text, "105.01");
  g_assert_null (strstr (text, "IGST"));

  puratan_order_tax_split (3001, TRUE, &cgst, &sgst, &igst);
  g_assert_cmpint (cgst, ==, 1500);
  g_assert_cmpint (sgst, ==, 1501);
  g_assert_cmpint (igst, ==, 0);
  puratan_order_tax_split (3001, FALSE, &cgst, &sgst, &igst);
  g_assert_cmpint (igst, ==, 3001);
  g_assert_cmpint (cgst + sgst, ==, 0);
  g_assert_cmpstr (puratan_gst_state_name ("27"), ==, "Maharashtra");
  g_assert_null (puratan_gst_state_name ("99"));
}

static void
test_invoice_refuses_bad_input (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanCustomer) customer = puratan_customer_new ("Asha");
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (PuratanOrder) empty = NULL;
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "x.pdf", NULL);
  PuratanSeller unregistered = shop;
  g_autoptr (GError) error = NULL;

  order = make_order (database, customer);
  unregistered.gstin = "27AAPFU0939F1ZZ";
  g_assert_false (puratan_invoice_write_pdf (&unregistered, PURATAN_INVOICE_TAX_INVOICE, order,
                                             customer, NULL, pdf, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  empty = puratan_orders_create (database, customer->id, NULL, NULL, "meera", PURATAN_ROLE_COUNTER,
                                 &error);
  g_assert_false (puratan_invoice_write_pdf (&shop, PURATAN_INVOICE_TAX_INVOICE, empty, customer,
                                             NULL, pdf, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_false (puratan_invoice_write_pdf (&shop, PURATAN_INVOICE_TAX_INVOICE, order, customer,
                                             NULL, "/nonexistent/dir/x.pdf", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_IO);
}

static void
test_job_ticket (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanCustomer) customer = puratan_customer_new ("Asha");
  g_autoptr (PuratanOrder) order = NULL;
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "ticket.pdf", NULL);
  g_autofree char *thumb = g_build_filename (g_get_user_data_dir (), "thumb.png", NULL);
  g_autofree char *bad = g_build_filename (g_get_user_data_dir (), "bad.png", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  cairo_surface_t *art = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 90, 54);
  cairo_t *cr = cairo_create (art);

  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (art, thumb), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (art);

  customer->phone = g_strdup ("9820012345");
  order = make_order (database, customer);
  g_assert_true (puratan_job_ticket_write_pdf (&shop, order, customer, thumb, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  assert_contains (text, "JOB TICKET ORDER-000001");
  assert_contains (text, "Due: 2026-12-05");
  assert_contains (text, "Visiting cards");
  assert_contains (text, "Specs: 90 x 54 mm, 4+4");
  assert_contains (text, "Quantity: 1000");
  assert_contains (text, "Stock: 350 gsm matt art card");
  assert_contains (text, "Finishing: matt lamination, rounded corners");
  assert_contains (text, "Deliver before noon");
  assert_contains (text, "Artwork");
  assert_contains (text, order->id);

  /* The QR code scans back to the order id. */
  {
    g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
    g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
    g_autofree char *prefix = g_build_filename (g_get_user_data_dir (), "ticket", NULL);
    g_autofree char *png = g_strdup_printf ("%s.png", prefix);
    g_autofree char *out = NULL;
    g_autofree char *want = g_strdup_printf ("%s\n", order->id);

    if (zbarimg == NULL || pdftoppm == NULL)
      g_test_message ("zbarimg or pdftoppm missing: the ticket's QR code was not scanned");
    else
      {
        const char *render[] = { pdftoppm, "-png", "-r", "150", "-singlefile", pdf, prefix, NULL };
        const char *scan[] = { zbarimg, "--quiet", "--raw", png, NULL };
        g_assert_true (g_spawn_sync (NULL, (char **) render, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                     NULL, NULL, NULL, &error));
        g_assert_true (g_spawn_sync (NULL, (char **) scan, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                     NULL, NULL, &error));
        g_assert_no_error (error);
        g_assert_cmpstr (out, ==, want);
      }
  }

  g_assert_true (g_file_set_contents (bad, "not a png", -1, NULL));
  g_assert_false (puratan_job_ticket_write_pdf (&shop, order, customer, bad, pdf, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
}

/* The shop's state is kept with its details and must agree with its GSTIN; a refused save
 * leaves what was saved before. */
static void
test_shop_state (void)
{
  g_autoptr (PuratanDatabase) database = open_fresh ();
  g_autoptr (PuratanShopSettings) loaded = NULL;
  g_autoptr (GError) error = NULL;
  PuratanShopSettings details = { (char *) "Puratan Printers", (char *) "12 Station Road, Pune",
                                  (char *) "27AAPFU0939F1ZV",  (char *) "020 2555 0101",
                                  (char *) "puratan@okaxis",   (char *) "27" };

  g_assert_true (puratan_shop_settings_save (database, &details, &error));
  g_assert_no_error (error);

  details.state = (char *) "29";
  g_assert_false (puratan_shop_settings_save (database, &details, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Maharashtra"));
  g_assert_nonnull (strstr (error->message, "Karnataka"));
  g_clear_error (&error);

  details.state = (char *) "99";
  g_assert_false (puratan_shop_settings_save (database, &details, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "99"));
  g_clear_error (&error);

  loaded = puratan_shop_settings_load (database, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->state, ==, "27");
  g_assert_cmpstr (loaded->upi_vpa, ==, "puratan@okaxis");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/orders/documents/invoice-other-state", test_invoice_other_state);
  g_test_add_func ("/orders/documents/receipt-same-state", test_receipt_same_state);
  g_test_add_func ("/orders/documents/invoice-bad-input", test_invoice_refuses_bad_input);
  g_test_add_func ("/orders/documents/job-ticket", test_job_ticket);
  g_test_add_func ("/orders/documents/shop-state", test_shop_state);

  return g_test_run ();
}
