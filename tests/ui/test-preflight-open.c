/* test-preflight-open.c: `puratan-studio FILE.pdf` and the Preflight view's grouped findings
 *
 * A PDF with 50 low-resolution images on 10 pages is named on the command line: it opens
 * in the Preflight view, its 50 image findings are one group that expands, the chosen
 * finding's box is the highlighted one on the drawn page, and the report saves as a PDF.
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>

#include "puratan-application.h"
#include "puratan-preflight-view-private.h"
#include "puratan-test-tmpdir.h"
#include "puratan-window.h"

#define N_PAGES  10
#define PER_PAGE 5
#define PAGE_W   400
#define PAGE_H   300
#define BOX      60

static char *temp_dir;
static char *pdf_path;
static gboolean checked;

/* Writes a PDF whose every page places one 4 × 4 grey image five times at 60 pt: about
 * 5 ppi, far below what print needs. */
static void
write_low_res_pdf (const char *path)
{
  g_autoptr (GString) pdf = g_string_new ("%PDF-1.4\n");
  g_autoptr (GArray) offsets = g_array_new (FALSE, TRUE, sizeof (gsize));
  guint n_objects = 4 + 2 * N_PAGES; /* 0 to 3 + 2 × N_PAGES */
  g_autoptr (GString) kids = g_string_new (NULL);
  gsize xref;

  g_array_set_size (offsets, n_objects);
  for (guint p = 0; p < N_PAGES; p++)
    g_string_append_printf (kids, "%u 0 R ", 4 + 2 * p);

  g_array_index (offsets, gsize, 1) = pdf->len;
  g_string_append (pdf, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
  g_array_index (offsets, gsize, 2) = pdf->len;
  g_string_append_printf (pdf, "2 0 obj << /Type /Pages /Kids [%s] /Count %u >> endobj\n",
                          kids->str, N_PAGES);
  g_array_index (offsets, gsize, 3) = pdf->len;
  g_string_append (pdf, "3 0 obj << /Type /XObject /Subtype /Image /Width 4 /Height 4 "
                        "/ColorSpace /DeviceGray /BitsPerComponent 8 /Length 16 >>\nstream\n");
  for (guint i = 0; i < 16; i++)
    g_string_append_c (pdf, (char) 0x80);
  g_string_append (pdf, "\nendstream endobj\n");
  for (guint p = 0; p < N_PAGES; p++)
    {
      g_autoptr (GString) content = g_string_new (NULL);

      for (guint i = 0; i < PER_PAGE; i++)
        g_string_append_printf (content, "q %d 0 0 %d %u %u cm /Im Do Q\n", BOX, BOX, 10 + 75 * i,
                                40 + 40 * (i % 2));
      g_array_index (offsets, gsize, 4 + 2 * p) = pdf->len;
      g_string_append_printf (pdf,
                              "%u 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                              "/Resources << /XObject << /Im 3 0 R >> >> /Contents %u 0 R >> "
                              "endobj\n",
                              4 + 2 * p, PAGE_W, PAGE_H, 5 + 2 * p);
      g_array_index (offsets, gsize, 5 + 2 * p) = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj << /Length %zu >>\nstream\n%sendstream endobj\n",
                              5 + 2 * p, content->len, content->str);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", n_objects);
  for (guint i = 1; i < n_objects; i++)
    g_string_append_printf (pdf, "%010zu 00000 n \n", g_array_index (offsets, gsize, i));
  g_string_append_printf (pdf, "trailer << /Size %u /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                          n_objects, xref);
  g_assert_true (g_file_set_contents (path, pdf->str, (gssize) pdf->len, NULL));
}

static void
wait_until_idle (PuratanPreflightView *view)
{
  for (guint i = 0; i < 60000 && puratan_preflight_view_is_busy (view); i++)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_false (puratan_preflight_view_is_busy (view));
}

static GtkWidget *
image_group (PuratanPreflightView *view)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (view->findings_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_EXPANDER_ROW (row) &&
        g_strcmp0 (g_object_get_data (G_OBJECT (row), "check-id"), "image-resolution") == 0)
      return row;
  return NULL;
}

static void
collect_members (GtkWidget *widget, GPtrArray *members)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child) && g_object_get_data (G_OBJECT (child), "finding") != NULL)
        g_ptr_array_add (members, child);
      else
        collect_members (child, members);
    }
}

/* The colour of the drawn page at the middle of the left edge of @finding's box. */
static void
edge_pixel (cairo_surface_t *png, const PuratanPreflightFinding *finding, guint8 rgb[3])
{
  double scale = 100.0 / 72.0;
  int x = (int) lround (finding->bbox[0] * scale);
  int y = (int) lround ((PAGE_H - (finding->bbox[1] + finding->bbox[3]) / 2) * scale);
  const guint8 *data = cairo_image_surface_get_data (png);
  guint32 pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (png));
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (y, <, cairo_image_surface_get_height (png));
  pixel = *(const guint32 *) (data + y * cairo_image_surface_get_stride (png) + x * 4);
  rgb[0] = (pixel >> 16) & 0xff;
  rgb[1] = (pixel >> 8) & 0xff;
  rgb[2] = pixel & 0xff;
}

/* Drawn as the highlight is: the severity's colour, opaque (red or orange, no blue). */
static gboolean
is_highlighted (const guint8 rgb[3])
{
  return rgb[0] > 180 && rgb[2] < 80;
}

static void
check_opened_file (PuratanWindow *window)
{
  AdwViewStack *stack = puratan_window_get_stack (window);
  PuratanPreflightView *view;
  GPtrArray *findings;
  g_autoptr (GPtrArray) members = g_ptr_array_new ();
  g_autofree char *title = NULL;
  g_autofree char *report = g_build_filename (temp_dir, "customer-report.pdf", NULL);
  g_autoptr (GFile) report_file = g_file_new_for_path (report);
  const PuratanPreflightFinding *chosen;
  const PuratanPreflightFinding *other = NULL;
  cairo_surface_t *png;
  GtkWidget *group;
  int index;
  guint8 rgb[3];

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "preflight");
  view = PURATAN_PREFLIGHT_VIEW (adw_view_stack_get_child_by_name (stack, "preflight"));
  wait_until_idle (view);
  g_assert_nonnull (puratan_preflight_view_get_report (view));
  findings = puratan_preflight_report_get_findings (puratan_preflight_view_get_report (view));
  g_assert_cmpuint (puratan_preflight_report_count_check (puratan_preflight_view_get_report (view),
                                                          "image-resolution"),
                    ==, N_PAGES * PER_PAGE);

  /* The 50 findings are one row, which says how many and on how many pages. */
  group = image_group (view);
  g_assert_nonnull (group);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (group), "group-size")), ==,
                    N_PAGES * PER_PAGE);
  title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (group)));
  g_assert_nonnull (strstr (title, "50 on 10 pages"));
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (group)));
  g_signal_emit_by_name (view->findings_list, "row-activated", group);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (group)));
  collect_members (group, members);
  g_assert_cmpuint (members->len, ==, N_PAGES * PER_PAGE);

  /* Choosing one draws its page with its box highlighted and the others dimmed. */
  g_signal_emit_by_name (members->pdata[12], "activated");
  wait_until_idle (view);
  index = puratan_preflight_view_get_selected_finding (view);
  g_assert_cmpint (index, ==,
                   (int) GPOINTER_TO_UINT (g_object_get_data (members->pdata[12], "finding")) - 1);
  chosen = g_ptr_array_index (findings, index);
  for (guint i = 0; i < findings->len && other == NULL; i++)
    {
      const PuratanPreflightFinding *f = g_ptr_array_index (findings, i);
      if (f != chosen && f->page == chosen->page && f->has_bbox &&
          g_str_equal (f->check_id, "image-resolution"))
        other = f;
    }
  g_assert_true (chosen->has_bbox);
  g_assert_nonnull (other);
  g_assert_nonnull (puratan_preflight_view_get_preview_file (view));
  png = cairo_image_surface_create_from_png (puratan_preflight_view_get_preview_file (view));
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  edge_pixel (png, chosen, rgb);
  g_assert_true (is_highlighted (rgb));
  edge_pixel (png, other, rgb);
  g_assert_false (is_highlighted (rgb));
  cairo_surface_destroy (png);

  /* Zoomed in, the page is drawn larger than the pane and scrolls. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "preflight.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "preflight.zoom-in", NULL));
  g_assert_false (gtk_picture_get_can_shrink (view->picture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "preflight.zoom-fit", NULL));
  g_assert_true (gtk_picture_get_can_shrink (view->picture));

  /* The report saves as a PDF a customer can read. */
  puratan_preflight_view_save_report (view, report_file);
  wait_until_idle (view);
  {
    const char *argv[] = { "pdftotext", report, "-", NULL };
    g_autofree char *text = NULL;
    int status = -1;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text,
                                 NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (text, "Preflight report"));
    g_assert_nonnull (strstr (text, "Page 1 of 10"));
    g_assert_nonnull (strstr (text, "Page 10 of 10"));
    g_assert_nonnull (strstr (text, "ppi"));
  }
  checked = TRUE;
}

static void
open_cb (GApplication *app, GFile **files, int n_files, const char *hint, gpointer user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_cmpint (n_files, ==, 1);
  g_assert_nonnull (window);
  check_opened_file (PURATAN_WINDOW (window));
  gtk_window_destroy (window);
}

static void
test_open_from_command_line (void)
{
  g_autoptr (PuratanApplication) app = puratan_application_new ();
  g_autofree char *database = g_build_filename (temp_dir, "shop.sqlite3", NULL);
  char *argv[] = { (char *) "puratan-studio", (char *) "--database", database, pdf_path, NULL };

  write_low_res_pdf (pdf_path);
  g_signal_connect_after (app, "open", G_CALLBACK (open_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);
  g_assert_true (checked);
}

int
main (int argc, char **argv)
{
  int status;

  temp_dir = puratan_test_use_private_tmpdir ();
  pdf_path = g_build_filename (temp_dir, "fifty-small-images.pdf", NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/studio/preflight/open-from-command-line", test_open_from_command_line);
  status = g_test_run ();
  puratan_test_remove_tree (temp_dir);
  g_free (pdf_path);
  g_free (temp_dir);
  return status;
}
