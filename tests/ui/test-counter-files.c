/* test-counter-files.c: files attached at the Counter are stored, preflighted and linked
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-application.h"
#include "puratan-counter-view-private.h"
#include "puratan-preflight.h"
#include "puratan-window.h"

/* Runs the main loop until the Counter's workers have reported back. */
static void
wait_for_counter (PuratanCounterView *view)
{
  while (puratan_counter_view_is_busy (view))
    g_main_context_iteration (NULL, TRUE);
}

static void
document_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Writes the receipt or the job ticket into the documents folder and waits for it. */
static char *
save_document_and_wait (PuratanCounterView *view, gboolean receipt, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  puratan_counter_view_save_document_async (view, receipt, NULL, NULL, document_written_cb,
                                            &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return puratan_counter_view_save_document_finish (result, error);
}

static char *temp_dir;
static char *corpus_dir;
static char *database_path;
static gboolean timed_out;

/* Number of images pdfimages lists in @pdf: Poppler's own view of what the file holds. */
static guint
count_pdf_images (const char *pdf)
{
  const char *argv[] = { "pdfimages", "-list", pdf, NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  int status = 0;
  guint images = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (out, "\n", -1);
  /* Two header lines, then one line per image. */
  for (guint i = 2; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      images++;
  return images;
}

static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (
      file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr (GFile) child = g_file_get_child (file, g_file_info_get_name (info));
      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

static gboolean
give_up_cb (gpointer user_data)
{
  timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the view has stored and checked every file, for at most 3 minutes,
 * which only a hung worker reaches. */
static void
wait_for_files (PuratanCounterView *view)
{
  guint bound = g_timeout_add_seconds (180, give_up_cb, NULL);

  while (puratan_counter_view_files_busy (view) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (bound);
}

static char *
sha256_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
attach (PuratanCounterView *view, const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  puratan_counter_view_attach_file (view, file);
}

/* The row and the store agree on the file. */
static void
assert_stored (PuratanDatabase *database, PuratanCounterView *view, guint index, const char *path)
{
  g_autofree char *sha256 = sha256_of (path);
  g_autofree char *stored = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (puratan_counter_view_get_file_sha256 (view, index), ==, sha256);
  stored = puratan_file_store_get_path (database, sha256, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (stored, G_FILE_TEST_IS_REGULAR));
}

static GtkWidget *
find_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
check_files (PuratanWindow *window, PuratanDatabase *database)
{
  PuratanShopSettings shop = { (char *) "Puratan Printers", (char *) "12 Station Road, Pune",
                               (char *) "27AAPFU0939F1ZV", NULL, (char *) "puratan@okaxis" };
  AdwViewStack *stack = puratan_window_get_stack (window);
  g_autofree char *artwork = g_build_filename (corpus_dir, "pdfjs", "issue6127.pdf", NULL);
  g_autofree char *locked =
      g_build_filename (corpus_dir, "malformed", "pdfium-encrypted_hello_world_r6.pdf", NULL);
  g_autofree char *notes = g_build_filename (temp_dir, "notes.txt", NULL);
  g_autoptr (PuratanPreflightProfile) profile = NULL;
  g_autoptr (PuratanPreflightReport) report = NULL;
  g_autoptr (PuratanPreflightReport) no_report = NULL;
  g_autoptr (PuratanCustomer) customer = puratan_customer_new ("Asha Traders");
  g_autoptr (GPtrArray) linked = NULL;
  g_autofree char *ticket = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) locked_error = NULL;
  g_autofree char *expected = NULL;
  const PuratanPreflightFinding *first = NULL;
  PuratanCounterView *view;
  GPtrArray *findings;
  guint problems;

  g_assert_true (g_file_set_contents (notes, "Name in gold foil, please.\n", -1, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "counter"));
  view = PURATAN_COUNTER_VIEW (adw_view_stack_get_child_by_name (stack, "counter"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.new-order", NULL));
  wait_for_counter (view);

  /* Business cards from the catalog: checked against preflight's "business-cards" product. */
  g_assert_nonnull (view->catalog);
  for (guint i = 0; i < puratan_catalog_get_n_products (view->catalog); i++)
    if (g_strcmp0 (puratan_catalog_get_product_id (view->catalog, i), "business-cards") == 0)
      adw_combo_row_set_selected (view->catalog_row, i + 1);
  g_assert_cmpstr (puratan_counter_view_selected_product (view), ==, "business-cards");

  attach (view, artwork);
  attach (view, locked);
  attach (view, notes);
  g_assert_cmpuint (puratan_counter_view_get_n_files (view), ==, 3);
  wait_for_files (view);

  /* The artwork: the problem count and first problem are the preflight layer's own. */
  profile = puratan_preflight_profile_for_product ("business-cards", NULL, &error);
  g_assert_no_error (error);
  report = puratan_preflight_run (artwork, profile, NULL, &error);
  g_assert_no_error (error);
  problems = puratan_preflight_report_count (report, PURATAN_PREFLIGHT_SEVERITY_ERROR);
  g_assert_cmpuint (problems, >, 0);
  findings = puratan_preflight_report_get_findings (report);
  for (guint i = 0; i < findings->len && first == NULL; i++)
    if (((PuratanPreflightFinding *) findings->pdata[i])->severity ==
        PURATAN_PREFLIGHT_SEVERITY_ERROR)
      first = findings->pdata[i];
  expected = g_strdup_printf (
      problems == 1 ? "%u problem must be fixed" : "%u problems must be fixed", problems);
  g_assert_cmpstr (puratan_counter_view_get_file_status (view, 0), ==, expected);
  g_assert_cmpstr (adw_action_row_get_subtitle (puratan_counter_view_get_file_row (view, 0)), ==,
                   first->message);
  assert_stored (database, view, 0, artwork);

  /* The encrypted PDF is stored, and the row says why it cannot be checked. */
  no_report = puratan_preflight_run (locked, profile, NULL, &locked_error);
  g_assert_error (locked_error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_ENCRYPTED);
  g_assert_cmpstr (puratan_counter_view_get_file_status (view, 1), ==, "Cannot be checked");
  g_assert_cmpstr (adw_action_row_get_subtitle (puratan_counter_view_get_file_row (view, 1)), ==,
                   locked_error->message);
  assert_stored (database, view, 1, locked);

  /* Not a PDF: stored and listed, never preflighted. */
  g_assert_cmpstr (puratan_counter_view_get_file_status (view, 2), ==, "Stored");
  g_assert_cmpstr (adw_action_row_get_subtitle (puratan_counter_view_get_file_row (view, 2)), ==,
                   "");
  assert_stored (database, view, 2, notes);

  /* Placing the order links every file to it in the same transaction. */
  g_assert_true (puratan_customer_insert (database, customer, &error));
  g_assert_no_error (error);
  puratan_counter_view_select_customer (view, g_steal_pointer (&customer));
  gtk_spin_button_set_value (view->quantity_spin, 500);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.place-order", NULL));
  wait_for_counter (view);
  g_assert_nonnull (puratan_counter_view_get_order (view));
  linked = puratan_file_store_list_for_order (database, puratan_counter_view_get_order (view)->id,
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 3);
  g_assert_cmpstr (((PuratanOrderFile *) linked->pdata[0])->name, ==, "issue6127.pdf");
  g_assert_cmpstr (((PuratanOrderFile *) linked->pdata[0])->media_type, ==, "application/pdf");
  g_assert_cmpstr (((PuratanOrderFile *) linked->pdata[0])->role, ==, "artwork");
  g_assert_cmpstr (((PuratanOrderFile *) linked->pdata[2])->media_type, ==, "text/plain");
  g_assert_cmpstr (((PuratanOrderFile *) linked->pdata[2])->role, ==, "other");

  /* The job ticket shows a thumbnail of the artwork: the first page of the PDF that opens
   * (the encrypted one is passed over). The ticket's only image is that thumbnail; the QR
   * code of the order id is drawn as vector shapes. */
  g_assert_true (puratan_shop_settings_save (database, &shop, &error));
  ticket = save_document_and_wait (view, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_images (ticket), ==, 1);

  /* A new order starts with no files, and a file not yet linked can be removed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.new-order", NULL));
  g_assert_cmpuint (puratan_counter_view_get_n_files (view), ==, 0);
  attach (view, notes);
  wait_for_files (view);
  g_assert_cmpstr (puratan_counter_view_get_file_status (view, 0), ==, "Stored");
  g_signal_emit_by_name (find_button (GTK_WIDGET (puratan_counter_view_get_file_row (view, 0))),
                         "clicked");
  g_assert_cmpuint (puratan_counter_view_get_n_files (view), ==, 0);
}

static void
activate_cb (GApplication *app, gpointer user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  PuratanWindow *window;

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = PURATAN_WINDOW (windows->data);
  while (puratan_application_is_opening_database (PURATAN_APPLICATION (app)))
    g_main_context_iteration (NULL, TRUE);
  check_files (window, puratan_application_get_database (PURATAN_APPLICATION (app)));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_attach_files (void)
{
  g_autoptr (PuratanApplication) app = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  database_path = g_build_filename (g_get_user_data_dir (), "shop.sqlite3", NULL);
  app = puratan_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  puratan_application_set_database_path (app, database_path);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_free (database_path);
}

int
main (int argc, char **argv)
{
  g_autoptr (GFile) dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  int status;

  temp_dir = g_dir_make_tmp ("puratan-counter-files-XXXXXX", NULL);
  g_assert_nonnull (temp_dir);
  data = g_build_filename (temp_dir, "data", NULL);
  config = g_build_filename (temp_dir, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  corpus_dir = g_strdup (g_getenv ("PURATAN_CORPUS_DIR"));

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/studio/counter-files/attach-store-preflight", test_attach_files);
  status = corpus_dir != NULL && g_file_test (corpus_dir, G_FILE_TEST_IS_DIR) ? g_test_run () : 77;
  if (status == 77)
    g_printerr ("PURATAN_CORPUS_DIR does not name the PDF corpus\n");

  dir = g_file_new_for_path (temp_dir);
  remove_tree (dir);
  g_free (temp_dir);
  g_free (corpus_dir);
  return status;
}
