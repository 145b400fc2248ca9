/* test-preflight-view.c: the Preflight view on real PDFs from the shared corpus
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "puratan-preflight-view.h"

/* Generous, for AddressSanitizer on a busy machine; a check takes well under a second. */
#define WAIT_LIMIT_SECONDS 120

static const char *corpus_dir;

typedef struct
{
  GtkWindow *window;
  PuratanPreflightView *view;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->view = PURATAN_PREFLIGHT_VIEW (puratan_preflight_view_new ());
  gtk_window_set_default_size (fixture->window, 1100, 760);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the view has nothing in flight, for a bounded time. */
static void
wait_until_idle (PuratanPreflightView *view)
{
  g_autoptr (GTimer) timer = g_timer_new ();
  guint source = g_timeout_add (20, wake_up_cb, NULL);

  while (puratan_preflight_view_is_busy (view))
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_timer_elapsed (timer, NULL) > WAIT_LIMIT_SECONDS)
        g_error ("The preflight view was still busy after %d s", WAIT_LIMIT_SECONDS);
    }
  g_source_remove (source);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GFile *
corpus_file (const char *name)
{
  g_autofree char *path = g_build_filename (corpus_dir, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_file_new_for_path (path);
}

/* Depth first, the first widget of @type (drawn or not) for which @match says yes. */
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
label_has_text (GtkWidget *widget, gconstpointer text)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
         gtk_widget_is_drawable (widget);
}

static gboolean
label_starts_with (GtkWidget *widget, gconstpointer text)
{
  return g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), text);
}

static gboolean
row_has_check (GtkWidget *widget, gconstpointer check_id)
{
  return g_strcmp0 (g_object_get_data (G_OBJECT (widget), "check-id"), check_id) == 0;
}

/* The page a stack shows once any transition is over. */
static gboolean
status_page_is_drawn (GtkWidget *widget, gconstpointer data)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return gtk_widget_is_drawable (widget) && GTK_IS_STACK (parent) &&
         gtk_stack_get_visible_child (GTK_STACK (parent)) == widget;
}

static gboolean
any_widget (GtkWidget *widget, gconstpointer data)
{
  return TRUE;
}

static void
assert_count_shown (PuratanPreflightView *view, guint n, const char *one, const char *many)
{
  g_autofree char *text = g_strdup_printf ("%u %s", n, n == 1 ? one : many);

  g_assert_nonnull (find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, label_has_text, text));
}

static void
test_empty_state (Fixture *fixture, gconstpointer data)
{
  GtkWidget *page =
      find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_STATUS_PAGE, status_page_is_drawn, NULL);

  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "No PDF to Check");
  g_assert_null (puratan_preflight_view_get_report (fixture->view));
  g_assert_false (puratan_preflight_view_is_busy (fixture->view));
}

static void
test_report (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file = corpus_file ("pdfjs/issue6127.pdf");
  g_autoptr (PuratanPreflightProfile) profile = NULL;
  g_autoptr (PuratanPreflightReport) expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  PuratanPreflightReport *shown;
  GtkWidget *row;
  GtkWidget *list;
  GtkWidget *picture;
  GdkPaintable *paintable;

  if (file == NULL)
    {
      g_test_skip ("The shared corpus is not there");
      return;
    }
  path = g_file_get_path (file);
  profile = puratan_preflight_profile_load_builtin ("gwg-sheetcmyk", &error);
  g_assert_no_error (error);
  expected = puratan_preflight_run (path, profile, NULL, &error);
  g_assert_no_error (error);

  puratan_preflight_view_open_file (fixture->view, file);
  g_assert_true (puratan_preflight_view_is_busy (fixture->view));
  wait_until_idle (fixture->view);

  shown = puratan_preflight_view_get_report (fixture->view);
  g_assert_nonnull (shown);
  g_assert_cmpstr (puratan_preflight_report_get_profile_id (shown), ==, "gwg-sheetcmyk");
  for (PuratanPreflightSeverity s = PURATAN_PREFLIGHT_SEVERITY_INFO;
       s <= PURATAN_PREFLIGHT_SEVERITY_ERROR; s++)
    g_assert_cmpuint (puratan_preflight_report_count (shown, s), ==,
                      puratan_preflight_report_count (expected, s));
  g_assert_cmpuint (puratan_preflight_report_count (expected, PURATAN_PREFLIGHT_SEVERITY_ERROR), >,
                    0);

  /* The summary says the same as the layer, and the verdict follows from it. */
  assert_count_shown (fixture->view,
                      puratan_preflight_report_count (expected, PURATAN_PREFLIGHT_SEVERITY_ERROR),
                      "error", "errors");
  assert_count_shown (fixture->view,
                      puratan_preflight_report_count (expected, PURATAN_PREFLIGHT_SEVERITY_WARNING),
                      "warning", "warnings");
  assert_count_shown (fixture->view,
                      puratan_preflight_report_count (expected, PURATAN_PREFLIGHT_SEVERITY_INFO),
                      "note", "notes");
  {
    guint errors = puratan_preflight_report_count (expected, PURATAN_PREFLIGHT_SEVERITY_ERROR);
    g_autofree char *verdict =
        g_strdup_printf ("%u Problem%s Must Be Fixed", errors, errors == 1 ? "" : "s");

    g_assert_nonnull (
        find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL, label_has_text, verdict));
  }

  {
    g_autofree char *details = g_strdup_printf ("issue6127.pdf · %u pages · GWG 2022 SheetCMYK",
                                                puratan_preflight_report_get_n_pages (expected));
    GtkWidget *label =
        find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_LABEL, label_starts_with, details);

    g_assert_nonnull (label);
  }

  /* One row per finding, or one per group of a check's many findings; the unembedded fonts
   * are among them. */
  list = find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_LIST_BOX, any_widget, NULL);
  g_assert_nonnull (list);
  {
    guint listed = 0;

    for (GtkListBoxRow *top = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0); top != NULL;
         top = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list),
                                              gtk_list_box_row_get_index (top) + 1))
      listed += MAX (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (top), "group-size")), 1);
    g_assert_cmpuint (listed, ==, puratan_preflight_report_get_findings (expected)->len);
  }
  row = find_widget (list, ADW_TYPE_ACTION_ROW, row_has_check, "fonts-embedded");
  g_assert_nonnull (row);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "finding")), >, 0);

  /* Selecting it shows its page, annotated. */
  if (gtk_widget_get_parent (row) == list)
    gtk_list_box_select_row (GTK_LIST_BOX (list), GTK_LIST_BOX_ROW (row));
  else
    g_signal_emit_by_name (row, "activated");
  wait_until_idle (fixture->view);
  picture = find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_PICTURE, any_widget, NULL);
  g_assert_nonnull (picture);
  g_assert_true (gtk_widget_is_drawable (picture));
  paintable = gtk_picture_get_paintable (GTK_PICTURE (picture));
  g_assert_nonnull (paintable);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), >, 0);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), >, 0);
}

/* Choosing another profile checks the open file again against it. */
static void
test_product_profile (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file = corpus_file ("pdfjs/issue6127.pdf");
  g_autoptr (PuratanPreflightProfile) profile = NULL;
  g_autoptr (PuratanPreflightReport) expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  PuratanPreflightReport *shown;
  GtkWidget *dropdown;
  GListModel *model;
  guint card = GTK_INVALID_LIST_POSITION;

  if (file == NULL)
    {
      g_test_skip ("The shared corpus is not there");
      return;
    }
  path = g_file_get_path (file);
  profile = puratan_preflight_profile_for_product ("business-cards", NULL, &error);
  g_assert_no_error (error);
  expected = puratan_preflight_run (path, profile, NULL, &error);
  g_assert_no_error (error);

  puratan_preflight_view_open_file (fixture->view, file);
  wait_until_idle (fixture->view);
  g_assert_cmpuint (puratan_preflight_report_count_check (
                        puratan_preflight_view_get_report (fixture->view), "page-size"),
                    ==, 0);

  dropdown = find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_DROP_DOWN, any_widget, NULL);
  g_assert_nonnull (dropdown);
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "Business card"))
      card = i;
  g_assert_cmpuint (card, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), card);
  g_assert_true (puratan_preflight_view_is_busy (fixture->view));
  wait_until_idle (fixture->view);

  /* An A4 form is not a business card. */
  shown = puratan_preflight_view_get_report (fixture->view);
  g_assert_nonnull (shown);
  g_assert_cmpuint (puratan_preflight_report_count_check (shown, "page-size"), >, 0);
  for (PuratanPreflightSeverity s = PURATAN_PREFLIGHT_SEVERITY_INFO;
       s <= PURATAN_PREFLIGHT_SEVERITY_ERROR; s++)
    g_assert_cmpuint (puratan_preflight_report_count (shown, s), ==,
                      puratan_preflight_report_count (expected, s));
}

static void
assert_error_shown (Fixture *fixture, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr (PuratanPreflightProfile) profile = NULL;
  g_autoptr (PuratanPreflightReport) report = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *page;

  profile = puratan_preflight_profile_load_builtin ("gwg-sheetcmyk", NULL);
  report = puratan_preflight_run (path, profile, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, PURATAN_PREFLIGHT_ERROR, error->code);

  puratan_preflight_view_open_file (fixture->view, file);
  wait_until_idle (fixture->view);

  g_assert_null (puratan_preflight_view_get_report (fixture->view));
  page = find_widget (GTK_WIDGET (fixture->view), ADW_TYPE_STATUS_PAGE, status_page_is_drawn, NULL);
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), ==, error->message);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), !=, "No PDF to Check");
}

static void
test_malformed (Fixture *fixture, gconstpointer data)
{
  static const char *const names[] = { "malformed/pdfium-encrypted_hello_world_r6.pdf",
                                       "malformed/pdfium-trailer_unterminated.pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GFile) file = corpus_file (names[i]);

      if (file == NULL)
        {
          g_test_skip ("The shared corpus is not there");
          return;
        }
      assert_error_shown (fixture, file);
    }
}

static void
test_not_a_pdf (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("puratan-preflight-XXXXXX.pdf", &path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  g_close (fd, NULL);
  g_assert_true (g_file_set_contents (path, "Dear printer, please print this.\n", -1, &error));
  file = g_file_new_for_path (path);
  assert_error_shown (fixture, file);
  g_unlink (path);
}

static void
test_reopen_and_dispose (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) first = corpus_file ("malformed/pdfium-encrypted_hello_world_r6.pdf");
  g_autoptr (GFile) second = corpus_file ("pdfjs/issue6127.pdf");
  PuratanPreflightReport *shown;

  if (first == NULL || second == NULL)
    {
      g_test_skip ("The shared corpus is not there");
      return;
    }

  /* The first check is dropped: only the second file's report is shown. */
  puratan_preflight_view_open_file (fixture->view, first);
  puratan_preflight_view_open_file (fixture->view, second);
  wait_until_idle (fixture->view);
  shown = puratan_preflight_view_get_report (fixture->view);
  g_assert_nonnull (shown);
  g_assert_cmpstr (puratan_preflight_report_get_file (shown), ==, "issue6127.pdf");

  /* A check still running when the view goes away must not reach it. The loop runs on
   * for a while after, so that the dropped result arrives while the test still lives. */
  puratan_preflight_view_open_file (fixture->view, second);
  g_assert_true (puratan_preflight_view_is_busy (fixture->view));
  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  {
    g_autoptr (GTimer) timer = g_timer_new ();
    guint source = g_timeout_add (20, wake_up_cb, NULL);

    while (g_timer_elapsed (timer, NULL) < 3)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (source);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  corpus_dir = g_getenv ("PURATAN_CORPUS_DIR");
  if (corpus_dir == NULL)
    corpus_dir = "corpus";

  g_test_add ("/studio/preflight-view/empty-state", Fixture, NULL, fixture_set_up, test_empty_state,
              fixture_tear_down);
  g_test_add ("/studio/preflight-view/report", Fixture, NULL, fixture_set_up, test_report,
              fixture_tear_down);
  g_test_add ("/studio/preflight-view/product-profile", Fixture, NULL, fixture_set_up,
              test_product_profile, fixture_tear_down);
  g_test_add ("/studio/preflight-view/malformed", Fixture, NULL, fixture_set_up, test_malformed,
              fixture_tear_down);
  g_test_add ("/studio/preflight-view/not-a-pdf", Fixture, NULL, fixture_set_up, test_not_a_pdf,
              fixture_tear_down);
  g_test_add ("/studio/preflight-view/reopen-and-dispose", Fixture, NULL, fixture_set_up,
              test_reopen_and_dispose, fixture_tear_down);

  return g_test_run ();
}
