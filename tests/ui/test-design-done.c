/* test-design-done.c: the Design view's whole job, from template to print PDF
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The studio runs as main() does and is worked with real input, as a designer would: XTest
 * key and pointer events through the X server (see canvas-input.c), a file dropped from
 * another X client through XDND, the header bar's buttons clicked. Then the design is saved,
 * the studio closed and started again on the file, and the design is checked by the
 * Preflight panel and exported through the export dialog; the PDF is checked by qpdf,
 * pdffonts and Ghostscript's separations, as a press would.
 */
#include "config.h"

#include <X11/keysym.h>
#include <math.h>

#include <glib/gstdio.h>

#include "canvas-input.h"
#include "design-test-fixture.h"
#include "puratan-export-dialog.h"
#include "puratan-preflight-panel.h"
#include "puratan-quote-panel.h"
#include "puratan-shop-dialog.h"

/* Where the photo is dropped on the card, in points from the trim's top left: below the
 * name, clear of it, inside the safe area. */
#define DROP_X 150.0
#define DROP_Y 115.0
/* How far it is then dragged to the right, in widget pixels. */
#define DRAG_PX 60.0

/* The longest wait for work on a worker (placing, preflight, export), generous for a busy
 * machine: a hang fails the test with the step it hung in. */
#define WAIT_MS 120000

/* Resolution of the separations, in dots per inch. */
#define SEPARATION_DPI 150

typedef struct
{
  double x; /* the photo's top-left after the move, in points */
  double y;
} Moved;

static Moved moved;

static gboolean
canvas_ready (gpointer data)
{
  return puratan_canvas_is_ready (data);
}

static gboolean
shop_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (PURATAN_IS_SHOP_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        {
          *(GtkWindow **) data = GTK_WINDOW (toplevel);
          return TRUE;
        }
    }
  return FALSE;
}

/* A fresh studio asks for the shop's details once its database is open; the designer
 * leaves that for later, so the dialog is not over the canvas where the pointer goes. */
static void
dismiss_shop_dialog (void)
{
  GtkWindow *dialog = NULL;

  g_assert_true (input_wait (shop_dialog_shown, &dialog, WAIT_MS));
  gtk_window_close (dialog);
  input_settle ();
}

static GtkWidget *
find_widget (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
click_widget (GtkWidget *widget)
{
  input_click (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
}

/* Types letters and spaces, with Shift held for capitals, as a person types. */
static void
type_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean upper = g_ascii_isupper (*p);

      if (upper)
        input_key (XK_Shift_L, TRUE);
      input_tap (*p == ' ' ? XK_space : (guint) g_ascii_tolower (*p));
      if (upper)
        input_key (XK_Shift_L, FALSE);
    }
}

static const PuratanDocItem *
only_image (PuratanDocument *document)
{
  const PuratanDocPage *page = puratan_document_get_page (document, 0);
  const PuratanDocItem *image = NULL;

  for (guint i = 0; i < page->items->len; i++)
    if (((PuratanDocItem *) page->items->pdata[i])->kind == PURATAN_DOC_ITEM_IMAGE)
      {
        g_assert_null (image);
        image = page->items->pdata[i];
      }
  return image;
}

static gboolean
has_image (gpointer data)
{
  return only_image (data) != NULL;
}

/* Steps 1 to 6 up to closing the saved design. */
static void
check_make_card (Fixture *fixture)
{
  PuratanDesignView *view = fixture->view;
  PuratanCanvas *canvas = puratan_design_view_get_canvas (view);
  PuratanSelection *selection = puratan_design_view_get_selection (view);
  PuratanDocument *document;
  GtkWidget *quote;
  const PuratanDocItem *name;
  const PuratanDocItem *photo;
  g_autofree char *name_id = NULL;
  g_autofree char *photo_id = NULL;
  g_autofree char *photo_path =
      g_test_build_filename (G_TEST_DIST, "ui", "data", "coffee-cmyk.jpg", NULL);
  g_autoptr (GFile) photo_file = g_file_new_for_path (photo_path);
  g_autofree char *photo_uri = g_file_get_uri (photo_file);
  g_autoptr (GError) error = NULL;
  GtkWidget *undo;
  GtkWidget *redo;
  GtkFileChooser *chooser;
  double wx, wy, x0, y0;

  g_test_message ("Step 1");
  /* 1. A new business card from the gallery; the Quote panel prices its product. */
  dismiss_shop_dialog ();
  new_from_gallery (fixture, "business-card");
  document = puratan_design_view_get_document (view);
  g_assert_cmpstr (puratan_document_get_product (document), ==, "business-cards");
  quote = find_widget (GTK_WIDGET (view), PURATAN_TYPE_QUOTE_PANEL);
  g_assert_nonnull (quote);
  g_assert_cmpstr (puratan_quote_panel_get_product (PURATAN_QUOTE_PANEL (quote)), ==,
                   "business-cards");
  g_assert_true (input_wait (canvas_ready, canvas, 30000));
  input_settle ();
  g_assert_true (input_wait (canvas_ready, canvas, 30000));

  g_test_message ("Step 2");
  /* 2. The name, edited in place with the text tool: a click at the end of its line, the
   * old name rubbed out, the new one typed, Escape to finish. */
  name_id = g_strdup (find_text_item (document, TEMPLATE_NAME));
  g_assert_nonnull (name_id);
  name = puratan_document_lookup_item (document, 0, name_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "design.tool", "s", "text"));
  puratan_canvas_page_to_widget (canvas, name->transform[4] + name->width - 10,
                                 name->transform[5] + name->height / 2, &wx, &wy);
  input_click (GTK_WIDGET (canvas), wx, wy);
  g_assert_cmpstr (puratan_canvas_get_editing_item (canvas), ==, name_id);
  input_tap (XK_End);
  for (guint i = 0; i < g_utf8_strlen (TEMPLATE_NAME, -1); i++)
    input_tap (XK_BackSpace);
  type_text (EDITED_NAME);
  input_tap (XK_Escape);
  g_assert_null (puratan_canvas_get_editing_item (canvas));
  g_assert_cmpstr (puratan_document_lookup_item (document, 0, name_id)->text, ==, EDITED_NAME);
  g_assert_true (puratan_design_view_get_modified (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "design.tool", "s", "select"));

  g_test_message ("Step 3");
  /* 3. The photo (separated for the press), dropped on the page from another X client:
   * placed at 300 ppi, centred
   * where it was dropped, and selected. */
  puratan_canvas_page_to_widget (canvas, DROP_X, DROP_Y, &wx, &wy);
  g_assert_true (input_drop_uri (GTK_WIDGET (canvas), wx, wy, photo_uri));
  g_assert_true (input_wait (has_image, document, WAIT_MS));
  iterate_until (has_one_selected, view);
  photo = only_image (document);
  photo_id = g_strdup (photo->id);
  g_assert_cmpstr (puratan_selection_get_item (selection, 0), ==, photo_id);
  g_assert_cmpfloat_with_epsilon (photo->width, 72.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (photo->height, 48.0, 1e-6);
  /* The drop point is where the pointer was, to the nearest whole pixel. */
  g_assert_cmpfloat (fabs (photo->transform[4] + photo->width / 2 - DROP_X), <, 1.0);
  g_assert_cmpfloat (fabs (photo->transform[5] + photo->height / 2 - DROP_Y), <, 1.0);
  g_assert_cmpstr (puratan_document_get_undo_label (document), ==, "Place");

  g_test_message ("Step 4");
  /* 4. Moved to the right by a drag from its middle. */
  x0 = photo->transform[4];
  y0 = photo->transform[5];
  puratan_canvas_page_to_widget (canvas, DROP_X, DROP_Y, &wx, &wy);
  input_drag (GTK_WIDGET (canvas), 1, wx, wy, wx + DRAG_PX, wy);
  photo = puratan_document_lookup_item (document, 0, photo_id);
  {
    double x1, y1;
    double expected;

    puratan_canvas_page_to_widget (canvas, 0, 0, &x1, &y1);
    puratan_canvas_page_to_widget (canvas, 1, 0, &wx, &wy);
    expected = DRAG_PX / (wx - x1); /* points */
    /* Snapping may pull the edges onto a guide a few points away. */
    g_assert_cmpfloat (fabs (photo->transform[4] - x0 - expected), <, 8.0);
    g_assert_cmpfloat (fabs (photo->transform[5] - y0), <, 8.0);
    g_assert_cmpfloat (photo->transform[4], >, x0 + 10);
  }
  moved.x = photo->transform[4];
  moved.y = photo->transform[5];
  g_assert_cmpstr (puratan_document_get_undo_label (document), ==, "Move");
  iterate_idle ();

  g_test_message ("Step 5");
  /* 5. Undo, then redo, with the header bar's buttons. */
  undo = header_button (fixture, "Undo");
  redo = header_button (fixture, "Redo");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (undo), ==, "Undo Move");
  click_widget (undo);
  photo = puratan_document_lookup_item (document, 0, photo_id);
  g_assert_cmpfloat (photo->transform[4], ==, x0);
  g_assert_cmpfloat (photo->transform[5], ==, y0);
  g_assert_true (gtk_widget_get_sensitive (redo));
  click_widget (redo);
  photo = puratan_document_lookup_item (document, 0, photo_id);
  g_assert_cmpfloat (photo->transform[4], ==, moved.x);
  g_assert_cmpfloat (photo->transform[5], ==, moved.y);
  g_assert_false (gtk_widget_get_sensitive (redo));
  g_assert_cmpstr (puratan_document_lookup_item (document, 0, name_id)->text, ==, EDITED_NAME);

  g_test_message ("Step 6");
  /* 6. Saved through the file chooser, then the window closed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "design.save", NULL));
  chooser = wait_for_chooser (GTK_FILE_CHOOSER_ACTION_SAVE);
  {
    g_autoptr (GFile) folder = g_file_new_for_path (fixture->dir);
    FolderWait wait = { chooser, folder };

    iterate_until (chooser_has_file, chooser);
    do
      {
        gtk_file_chooser_set_current_folder (chooser, folder, &error);
        g_assert_no_error (error);
        gtk_file_chooser_set_current_name (chooser, "meera-card");
        iterate_idle ();
      }
    while (!chooser_in_folder (&wait));
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  iterate_until (is_saved, view);
  gtk_window_close (GTK_WINDOW (fixture->window));
  g_assert_null (fixture->window);
}

static gboolean
preflight_done (gpointer data)
{
  PuratanPreflightPanel *panel = data;

  return !puratan_preflight_panel_get_checking (panel) &&
         puratan_preflight_panel_get_report (panel) != NULL;
}

static gboolean
export_dialog_shown (gpointer data)
{
  PuratanExportDialog **dialog = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && *dialog == NULL; i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (PURATAN_IS_EXPORT_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        *dialog = PURATAN_EXPORT_DIALOG (toplevel);
    }
  return *dialog != NULL;
}

static gboolean
export_done (gpointer data)
{
  return !puratan_export_dialog_is_busy (data);
}

static char *
run_tool (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error))
    g_error ("Cannot run %s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed (%s): %s%s", argv[0], error->message, out, err);
  return out;
}

/* How many pixels of @plate (a separation from tiffsep) carry ink inside the box, in
 * points from the trim's top left. */
static guint
inked_pixels (GdkPixbuf *plate, double x, double y, double width, double height)
{
  double scale = SEPARATION_DPI / 72.0;
  int x0 = (int) ceil (x * scale), y0 = (int) ceil (y * scale);
  int x1 = (int) floor ((x + width) * scale), y1 = (int) floor ((y + height) * scale);
  int stride = gdk_pixbuf_get_rowstride (plate);
  int channels = gdk_pixbuf_get_n_channels (plate);
  const guchar *pixels = gdk_pixbuf_read_pixels (plate);
  guint inked = 0;

  g_assert_cmpint (x1, <=, gdk_pixbuf_get_width (plate));
  g_assert_cmpint (y1, <=, gdk_pixbuf_get_height (plate));
  for (int row = y0; row < y1; row++)
    for (int col = x0; col < x1; col++)
      /* Read as an image, ink is dark: a plate prints where its film would be black. */
      inked += pixels[row * stride + col * channels] < 250;
  return inked;
}

static GdkPixbuf *
load_plate (const char *dir, const char *ink)
{
  g_autofree char *name = g_strdup_printf ("card(%s).tif", ink);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  GdkPixbuf *plate = gdk_pixbuf_new_from_file (path, &error);

  g_assert_no_error (error);
  return plate;
}

/* Steps 6 (the edit is there), 7 and 8, on the studio started again on the file. */
static void
check_reopened (Fixture *fixture)
{
  PuratanDesignView *view = fixture->view;
  PuratanDocument *document;
  PuratanPreflightPanel *preflight;
  PuratanExportDialog *dialog = NULL;
  const PuratanDocItem *name;
  const PuratanDocItem *photo;
  GtkWidget *badge;
  GtkWidget *export_button;
  GtkWidget *end = puratan_design_view_get_header_widget (view, GTK_PACK_END);
  g_autofree char *pdf = g_build_filename (fixture->dir, "meera-card.pdf", NULL);
  g_autofree char *tiff = g_build_filename (fixture->dir, "card.tif", NULL);
  g_autofree char *output = NULL;
  g_autoptr (GFile) pdf_file = g_file_new_for_path (pdf);

  g_test_message ("Step 6");
  /* 6. The edit and the move are there. */
  dismiss_shop_dialog ();
  iterate_until (has_document, view);
  document = puratan_design_view_get_document (view);
  g_assert_false (puratan_design_view_get_modified (view));
  g_assert_null (find_text_item (document, TEMPLATE_NAME));
  g_assert_nonnull (find_text_item (document, EDITED_NAME));
  name = puratan_document_lookup_item (document, 0, find_text_item (document, EDITED_NAME));
  photo = only_image (document);
  g_assert_nonnull (photo);
  g_assert_cmpfloat (photo->transform[4], ==, moved.x);
  g_assert_cmpfloat (photo->transform[5], ==, moved.y);

  g_test_message ("Step 7");
  /* 7. The Preflight panel checks the design against its product: no errors, and the
   * header bar's badge says so. */
  preflight =
      PURATAN_PREFLIGHT_PANEL (find_widget (GTK_WIDGET (view), PURATAN_TYPE_PREFLIGHT_PANEL));
  g_assert_nonnull (preflight);
  g_assert_cmpstr (puratan_preflight_panel_get_product (preflight), ==, "business-cards");
  g_assert_true (input_wait (preflight_done, preflight, WAIT_MS));
  {
    GPtrArray *findings =
        puratan_preflight_report_get_findings (puratan_preflight_panel_get_report (preflight));

    for (guint i = 0; i < findings->len; i++)
      {
        const PuratanPreflightFinding *finding = findings->pdata[i];

        g_test_message ("Preflight finding %s (severity %d): %s", finding->check_id,
                        finding->severity, finding->message);
      }
  }
  g_assert_cmpuint (puratan_preflight_panel_get_n_errors (preflight), ==, 0);
  badge = gtk_widget_get_first_child (end);
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_true (g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (badge)), "0 ✕"));

  g_test_message ("Step 8");
  /* 8. Exported as PDF/X-4 through the export dialog, opened from the header bar. */
  export_button = gtk_widget_get_last_child (end);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (export_button)), ==, "Export");
  g_assert_true (gtk_widget_get_sensitive (export_button));
  click_widget (export_button);
  g_assert_true (input_wait (export_dialog_shown, &dialog, WAIT_MS));
  g_assert_true (input_wait (export_done, dialog, WAIT_MS));
  {
    AdwComboRow *standard = ADW_COMBO_ROW (find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW));

    g_assert_nonnull (standard);
    g_assert_cmpuint (adw_combo_row_get_selected (standard), ==, 0); /* PDF/X-4 */
  }
  puratan_export_dialog_set_file (dialog, pdf_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.run", NULL));
  g_assert_true (input_wait (export_done, dialog, WAIT_MS));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* qpdf finds the file sound; its metadata names it PDF/X-4. */
  g_free (run_tool ((const char *const[]){ "qpdf", "--check", pdf, NULL }));
  output = run_tool ((const char *const[]){ "pdfinfo", "-meta", pdf, NULL });
  g_assert_nonnull (strstr (output, "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"));
  g_clear_pointer (&output, g_free);

  /* Every font embedded and subset. */
  output = run_tool ((const char *const[]){ "pdffonts", pdf, NULL });
  {
    g_auto (GStrv) lines = g_strsplit (output, "\n", -1);
    guint fonts = 0;

    g_assert_cmpuint (g_strv_length (lines), >=, 3);
    for (guint i = 2; lines[i] != NULL; i++)
      {
        g_auto (GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
        g_autoptr (GPtrArray) words = g_ptr_array_new ();
        guint n;

        if (*lines[i] == '\0')
          continue;
        for (guint f = 0; fields[f] != NULL; f++)
          if (*fields[f] != '\0')
            g_ptr_array_add (words, fields[f]);
        n = words->len;
        /* … emb sub uni object ID */
        g_assert_cmpuint (n, >=, 6);
        if (g_strcmp0 (words->pdata[n - 5], "yes") != 0 ||
            g_strcmp0 (words->pdata[n - 4], "yes") != 0)
          g_error ("A font is not embedded and subset: %s", lines[i]);
        fonts++;
      }
    g_assert_cmpuint (fonts, >, 0);
  }
  g_clear_pointer (&output, g_free);

  /* Separated by Ghostscript as a press would: the black name is on the Black plate only. */
  {
    g_autofree char *resolution = g_strdup_printf ("-r%d", SEPARATION_DPI);
    g_autofree char *out = g_strdup_printf ("-sOutputFile=%s", tiff);
    static const char *const inks[] = { "Cyan", "Magenta", "Yellow" };
    g_autoptr (GdkPixbuf) black = NULL;
    /* The name's frame, one point in from each edge. */
    double x = name->transform[4] + 1, y = name->transform[5] + 1;
    double width = name->width - 2, height = name->height - 2;

    g_free (run_tool ((const char *const[]){ "gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE",
                                             "-sDEVICE=tiffsep", "-dUseTrimBox", resolution, out,
                                             pdf, NULL }));
    black = load_plate (fixture->dir, "Black");
    g_assert_cmpuint (inked_pixels (black, x, y, width, height), >, 100);
    for (guint i = 0; i < G_N_ELEMENTS (inks); i++)
      {
        g_autoptr (GdkPixbuf) plate = load_plate (fixture->dir, inks[i]);

        g_assert_cmpuint (inked_pixels (plate, x, y, width, height), ==, 0);
        /* The plate is not blank everywhere: the photo is printed on it. */
        g_assert_cmpuint (inked_pixels (plate, photo->transform[4], photo->transform[5],
                                        photo->width, photo->height),
                          >, 100);
      }
  }

  gtk_window_close (GTK_WINDOW (fixture->window));
  g_assert_null (fixture->window);
}

static void
test_done_when (void)
{
  Fixture fixture = { 0 };
  g_autofree char *path = NULL;
  const char *argv[] = { "puratan-studio", NULL, NULL };

  fixture_init (&fixture);
  run_studio (&fixture, NULL, check_make_card);
  path = g_build_filename (fixture.dir, "meera-card.pdesign", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  argv[1] = path;
  run_studio (&fixture, argv, check_reopened);
  fixture_clear (&fixture);
}

int
main (int argc, char *argv[])
{
  design_test_init (&argc, &argv);

  g_test_add_func ("/studio/design/done-when", test_done_when);

  return g_test_run ();
}
