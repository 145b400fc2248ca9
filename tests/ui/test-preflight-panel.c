/* test-preflight-panel.c: the Design view's preflight panel on designs with known problems
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-design-check.h"
#include "puratan-preflight-panel.h"
#include "puratan-test-tmpdir.h"

/* Generous, for AddressSanitizer on a busy machine; a check takes well under a second. */
#define WAIT_LIMIT_SECONDS 120

/* Where the low-resolution photo sits on the card, in points from the trim's top left. */
#define PHOTO_X    100.0
#define PHOTO_Y    40.0
#define PHOTO_SIZE 60.0

typedef struct
{
  GtkWindow *window;
  PuratanPreflightPanel *panel;
  PuratanSelection *selection;
  PuratanDocument *document;
  char *photo_id;
} Fixture;

/* A 20 × 20 pixel photo: placed 60 pt wide it prints at 24 ppi. */
static GBytes *
tiny_photo (void)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 20, 20);
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x996633ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

/* The shop's business card with a photo far too small for print. */
static PuratanDocument *
card_with_tiny_photo (char **photo_id)
{
  g_autofree char *dir = puratan_template_default_dir ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = tiny_photo ();
  PuratanDocument *doc = puratan_template_instantiate (dir, "business-card", &error);
  PuratanDocItem *photo;
  const char *hash;

  g_assert_no_error (error);
  hash = puratan_document_add_asset (doc, png, &error);
  g_assert_no_error (error);
  photo = puratan_doc_item_new (PURATAN_DOC_ITEM_IMAGE);
  photo->asset = g_strdup (hash);
  photo->layer = g_strdup ("artwork");
  photo->width = PHOTO_SIZE;
  photo->height = PHOTO_SIZE;
  photo->fit = PURATAN_DOC_FIT_STRETCH;
  puratan_doc_item_set_position (photo, PHOTO_X, PHOTO_Y);
  *photo_id = g_strdup (puratan_document_add_item (doc, 0, photo, &error));
  g_assert_no_error (error);
  return doc;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->panel = PURATAN_PREFLIGHT_PANEL (puratan_preflight_panel_new ());
  fixture->selection = puratan_selection_new ();
  fixture->document = card_with_tiny_photo (&fixture->photo_id);
  gtk_window_set_default_size (fixture->window, 360, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->panel));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->selection);
  g_clear_object (&fixture->document);
  g_free (fixture->photo_id);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the panel's checking is @checking, for a bounded time. */
static void
wait_for_checking (PuratanPreflightPanel *panel, gboolean checking)
{
  g_autoptr (GTimer) timer = g_timer_new ();
  guint source = g_timeout_add (20, wake_up_cb, NULL);

  while (puratan_preflight_panel_get_checking (panel) != checking)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_timer_elapsed (timer, NULL) > WAIT_LIMIT_SECONDS)
        g_error ("The panel's checking was not %d after %d s", checking, WAIT_LIMIT_SECONDS);
    }
  g_source_remove (source);
}

/* Depth first, the first widget of @type for which @match says yes. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType type,
             gboolean (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
finding_row_has_check (GtkWidget *widget, gconstpointer check_id)
{
  return g_object_get_data (G_OBJECT (widget), "finding") != NULL &&
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), "check-id"), check_id) == 0;
}

static gboolean
label_has_text (GtkWidget *widget, gconstpointer text)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
         gtk_widget_is_drawable (widget);
}

typedef struct
{
  guint n;
  guint page;
  double x, y, w, h;
  char *item_id;
} Activation;

static void
finding_activated_cb (PuratanPreflightPanel *panel,
                      guint page,
                      double x,
                      double y,
                      double w,
                      double h,
                      const char *item_id,
                      Activation *seen)
{
  seen->n++;
  seen->page = page;
  seen->x = x;
  seen->y = y;
  seen->w = w;
  seen->h = h;
  g_free (seen->item_id);
  seen->item_id = g_strdup (item_id);
}

/* The photo is found too coarse, and its finding leads to it on the page. */
static void
test_findings (Fixture *fixture, gconstpointer data)
{
  PuratanPreflightReport *report;
  const PuratanPreflightFinding *finding;
  GtkWidget *row;
  Activation seen = { 0 };
  g_autofree char *status = NULL;
  guint errors, warnings;

  g_assert_false (puratan_preflight_panel_get_checking (fixture->panel));
  puratan_selection_set_document (fixture->selection, fixture->document);
  puratan_preflight_panel_set_selection (fixture->panel, fixture->selection);
  g_assert_true (puratan_preflight_panel_get_checking (fixture->panel));
  g_assert_nonnull (
      find_widget (GTK_WIDGET (fixture->panel), GTK_TYPE_LABEL, label_has_text, "Checking…"));
  wait_for_checking (fixture->panel, FALSE);

  report = puratan_preflight_panel_get_report (fixture->panel);
  g_assert_nonnull (report);
  finding = puratan_preflight_report_find (report, "image-resolution", 1);
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, PURATAN_PREFLIGHT_SEVERITY_ERROR);
  g_assert_true (finding->has_bbox);

  /* The header badge's numbers are the report's. */
  errors = puratan_preflight_report_count (report, PURATAN_PREFLIGHT_SEVERITY_ERROR);
  warnings = puratan_preflight_report_count (report, PURATAN_PREFLIGHT_SEVERITY_WARNING);
  g_assert_cmpuint (errors, >=, 1);
  g_assert_cmpuint (puratan_preflight_panel_get_n_errors (fixture->panel), ==, errors);
  g_assert_cmpuint (puratan_preflight_panel_get_n_warnings (fixture->panel), ==, warnings);
  status = g_strdup_printf ("%u error%s · %u warning%s", errors, errors == 1 ? "" : "s", warnings,
                            warnings == 1 ? "" : "s");
  g_assert_nonnull (
      find_widget (GTK_WIDGET (fixture->panel), GTK_TYPE_LABEL, label_has_text, status));

  /* Activating the finding names the photo and its box on the design's page. */
  row = find_widget (GTK_WIDGET (fixture->panel), ADW_TYPE_ACTION_ROW, finding_row_has_check,
                     "image-resolution");
  g_assert_nonnull (row);
  g_signal_connect (fixture->panel, "finding-activated", G_CALLBACK (finding_activated_cb), &seen);
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpuint (seen.n, ==, 1);
  g_assert_cmpuint (seen.page, ==, 0);
  g_assert_cmpfloat_with_epsilon (seen.x, PHOTO_X, 0.5);
  g_assert_cmpfloat_with_epsilon (seen.y, PHOTO_Y, 0.5);
  g_assert_cmpfloat_with_epsilon (seen.w, PHOTO_SIZE, 0.5);
  g_assert_cmpfloat_with_epsilon (seen.h, PHOTO_SIZE, 0.5);
  g_assert_cmpstr (seen.item_id, ==, fixture->photo_id);
  g_free (seen.item_id);
}

/* An edit is checked again once it settles; the fixed problem is gone. */
static void
test_recheck (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  PuratanPreflightReport *report;
  guint errors;

  puratan_selection_set_document (fixture->selection, fixture->document);
  puratan_preflight_panel_set_selection (fixture->panel, fixture->selection);
  wait_for_checking (fixture->panel, FALSE);
  report = puratan_preflight_panel_get_report (fixture->panel);
  g_assert_cmpuint (puratan_preflight_report_count_check (report, "image-resolution"), ==, 1);
  errors = puratan_preflight_panel_get_n_errors (fixture->panel);

  /* Several edits in a row make one check, after the last. */
  g_assert_true (
      puratan_document_move_item (fixture->document, 0, fixture->photo_id, 1, 0, &error));
  g_assert_true (puratan_document_remove_item (fixture->document, 0, fixture->photo_id, &error));
  g_assert_no_error (error);
  g_assert_false (puratan_preflight_panel_get_checking (fixture->panel));
  wait_for_checking (fixture->panel, TRUE);
  wait_for_checking (fixture->panel, FALSE);

  report = puratan_preflight_panel_get_report (fixture->panel);
  g_assert_nonnull (report);
  g_assert_cmpuint (puratan_preflight_report_count_check (report, "image-resolution"), ==, 0);
  g_assert_cmpuint (puratan_preflight_panel_get_n_errors (fixture->panel), <, errors);
  g_assert_null (find_widget (GTK_WIDGET (fixture->panel), ADW_TYPE_ACTION_ROW,
                              finding_row_has_check, "image-resolution"));
}

/* The product's own specification: a business card is not an A4 flyer. */
static void
test_product (Fixture *fixture, gconstpointer data)
{
  PuratanPreflightReport *report;

  puratan_selection_set_document (fixture->selection, fixture->document);
  puratan_preflight_panel_set_product (fixture->panel, "business-cards");
  puratan_preflight_panel_set_selection (fixture->panel, fixture->selection);
  wait_for_checking (fixture->panel, FALSE);
  report = puratan_preflight_panel_get_report (fixture->panel);
  g_assert_cmpuint (puratan_preflight_report_count_check (report, "page-size"), ==, 0);

  puratan_preflight_panel_set_product (fixture->panel, "flyers");
  g_assert_true (puratan_preflight_panel_get_checking (fixture->panel));
  wait_for_checking (fixture->panel, FALSE);
  report = puratan_preflight_panel_get_report (fixture->panel);
  g_assert_cmpuint (puratan_preflight_report_count_check (report, "page-size"), >, 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->panel), ADW_TYPE_ACTION_ROW,
                                 finding_row_has_check, "page-size"));

  /* A product with no preflight specification is checked against the shop default. */
  puratan_preflight_panel_set_product (fixture->panel, "no-such-product");
  wait_for_checking (fixture->panel, FALSE);
  report = puratan_preflight_panel_get_report (fixture->panel);
  g_assert_nonnull (report);
  g_assert_cmpstr (puratan_preflight_report_get_profile_id (report), ==,
                   PURATAN_PREFLIGHT_SHOP_DEFAULT_PROFILE);
}

static gboolean
status_page_is_drawn (GtkWidget *widget, gconstpointer data)
{
  return gtk_widget_is_drawable (widget);
}

/* A design that cannot be checked says why. */
static void
test_check_fails (Fixture *fixture, gconstpointer data)
{
  g_autoptr (PuratanDocument) empty = puratan_document_new ();
  GtkWidget *page;

  puratan_selection_set_document (fixture->selection, empty);
  puratan_preflight_panel_set_selection (fixture->panel, fixture->selection);
  wait_for_checking (fixture->panel, FALSE);
  g_assert_null (puratan_preflight_panel_get_report (fixture->panel));
  g_assert_cmpuint (puratan_preflight_panel_get_n_errors (fixture->panel), ==, 0);
  page =
      find_widget (GTK_WIDGET (fixture->panel), ADW_TYPE_STATUS_PAGE, status_page_is_drawn, NULL);
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==,
                   "The Design Could Not Be Checked");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), ==,
                   "The design cannot be exported for checking: The design has no pages to "
                   "export");

  /* No design: nothing to check. */
  puratan_selection_set_document (fixture->selection, NULL);
  g_assert_false (puratan_preflight_panel_get_checking (fixture->panel));
  page =
      find_widget (GTK_WIDGET (fixture->panel), ADW_TYPE_STATUS_PAGE, status_page_is_drawn, NULL);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "No Design");
}

/* A check still running when the panel goes away must not reach it. */
static void
test_dispose_while_checking (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GTimer) timer = g_timer_new ();
  guint source;

  puratan_selection_set_document (fixture->selection, fixture->document);
  puratan_preflight_panel_set_selection (fixture->panel, fixture->selection);
  g_assert_true (puratan_preflight_panel_get_checking (fixture->panel));
  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  /* Edits after the panel is gone start nothing. */
  g_assert_true (puratan_document_remove_item (fixture->document, 0, fixture->photo_id, NULL));
  source = g_timeout_add (20, wake_up_cb, NULL);
  while (g_timer_elapsed (timer, NULL) < 3)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);
}

typedef struct
{
  guint n;
  GError *error;
  PuratanPreflightReport *report;
  PuratanDocument *checked;
} CheckOutcome;

static void
checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CheckOutcome *outcome = user_data;

  outcome->n++;
  outcome->report = puratan_design_check_run_finish (PURATAN_DESIGN_CHECK (source), result,
                                                     &outcome->checked, &outcome->error);
}

static void
wait_for_outcome (CheckOutcome *outcome)
{
  g_autoptr (GTimer) timer = g_timer_new ();

  while (outcome->n == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_timer_elapsed (timer, NULL) > WAIT_LIMIT_SECONDS)
        g_error ("No check result after %d s", WAIT_LIMIT_SECONDS);
    }
}

static void
check_outcome_clear (CheckOutcome *outcome)
{
  g_clear_error (&outcome->error);
  g_clear_pointer (&outcome->report, puratan_preflight_report_unref);
  g_clear_object (&outcome->checked);
}

/* A newer check replaces the older, and the caller's cancellable stops one. */
static void
test_check_replaced (void)
{
  g_autofree char *photo_id = NULL;
  g_autoptr (PuratanDocument) doc = card_with_tiny_photo (&photo_id);
  g_autoptr (PuratanDesignCheck) check = puratan_design_check_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  CheckOutcome older = { 0 }, newer = { 0 }, stopped = { 0 };
  const PuratanPreflightFinding *finding;
  const char *item_id = NULL;
  double x = 0, y = 0, w = 0, h = 0;

  puratan_design_check_run_async (check, doc, NULL, NULL, checked_cb, &older);
  g_assert_true (puratan_design_check_is_running (check));
  puratan_design_check_run_async (check, doc, "business-cards", NULL, checked_cb, &newer);
  wait_for_outcome (&older);
  wait_for_outcome (&newer);
  g_assert_error (older.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (older.report);
  g_assert_no_error (newer.error);
  g_assert_nonnull (newer.report);
  g_assert_false (puratan_design_check_is_running (check));

  /* The checked copy locates the finding; findings about the whole file have no place. */
  finding = puratan_preflight_report_find (newer.report, "image-resolution", 1);
  g_assert_nonnull (finding);
  g_assert_true (puratan_design_check_locate (newer.checked, finding, &x, &y, &w, &h, &item_id));
  g_assert_cmpstr (item_id, ==, photo_id);
  g_assert_cmpfloat_with_epsilon (x, PHOTO_X, 0.5);
  g_assert_cmpfloat_with_epsilon (y, PHOTO_Y, 0.5);
  finding = puratan_preflight_report_find (newer.report, "output-intent", 0);
  g_assert_nonnull (finding);
  g_assert_false (
      puratan_design_check_locate (newer.checked, finding, NULL, NULL, NULL, NULL, NULL));

  g_cancellable_cancel (cancellable);
  puratan_design_check_run_async (check, doc, NULL, cancellable, checked_cb, &stopped);
  wait_for_outcome (&stopped);
  g_assert_error (stopped.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  check_outcome_clear (&older);
  check_outcome_clear (&newer);
  check_outcome_clear (&stopped);
}

int
main (int argc, char *argv[])
{
  g_autofree char *tmpdir = puratan_test_use_private_tmpdir ();
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/studio/preflight-panel/findings", Fixture, NULL, fixture_set_up, test_findings,
              fixture_tear_down);
  g_test_add ("/studio/preflight-panel/recheck", Fixture, NULL, fixture_set_up, test_recheck,
              fixture_tear_down);
  g_test_add ("/studio/preflight-panel/product", Fixture, NULL, fixture_set_up, test_product,
              fixture_tear_down);
  g_test_add ("/studio/preflight-panel/check-fails", Fixture, NULL, fixture_set_up,
              test_check_fails, fixture_tear_down);
  g_test_add ("/studio/preflight-panel/dispose-while-checking", Fixture, NULL, fixture_set_up,
              test_dispose_while_checking, fixture_tear_down);
  g_test_add_func ("/studio/design-check/replaced", test_check_replaced);
  status = g_test_run ();
  puratan_test_remove_tree (tmpdir);
  return status;
}
