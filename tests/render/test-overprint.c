/* test-overprint.c: the print PDF's overprint rules, read back with qpdf and Ghostscript
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small 100 % black text and black hairlines overprint on export (GWG 2022), die lines
 * always do, the design's setting turns the black rule off, and an item the designer set to
 * overprint overprints either way. Each case is one page holding one item, so a page's
 * graphics states are that item's; qpdf's C API reads them as any PDF reader would.
 */
#include "puratan-test-tmpdir.h"
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <string.h>
#include <tiffio.h>

#include "puratan-render.h"

#define CASE_BLACK_10      0
#define CASE_BLACK_14      1
#define CASE_RICH_BLACK_10 2
#define CASE_STROKE_HALF   3
#define CASE_STROKE_2      4
#define CASE_CUT_LINE      5
#define CASE_SPOT_LINE     6
#define CASE_SCALED_14     7
#define N_CASES            8

typedef struct
{
  gboolean op_fill;   /* some graphics state on the page sets /op true */
  gboolean op_stroke; /* some graphics state on the page sets /OP true */
  gboolean opm;       /* every overprinting state has /OPM 1 */
} PageOverprint;

static void
add_swatch (PuratanDocument *doc,
            const char *name,
            PuratanDocColorModel model,
            double c,
            double m,
            double y,
            double k)
{
  const double values[4] = { c, m, y, k };
  g_autoptr (PuratanDocSwatch) swatch = puratan_doc_swatch_new (name, model, values);
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_document_add_swatch (doc, swatch, &error));
  g_assert_no_error (error);
}

static void
add_text (PuratanDocument *doc, guint page, double size, const char *swatch)
{
  PuratanDocItem *text = puratan_doc_item_new (PURATAN_DOC_ITEM_TEXT);
  g_autoptr (GError) error = NULL;

  text->id = g_strdup_printf ("text-%u", page);
  text->text = g_strdup ("HOLD");
  text->font_size = size;
  text->font_weight = 700;
  text->width = 150;
  text->height = 40;
  puratan_doc_item_set_fill (text, swatch, 1.0);
  puratan_doc_item_set_position (text, 20, 30);
  g_assert_nonnull (puratan_document_add_item (doc, page, text, &error));
  g_assert_no_error (error);
}

static void
add_line (PuratanDocument *doc, guint page, double width, const char *swatch)
{
  PuratanDocItem *line = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);
  g_autoptr (GError) error = NULL;

  line->id = g_strdup_printf ("line-%u", page);
  line->shape = PURATAN_DOC_SHAPE_ELLIPSE;
  line->width = 80;
  line->height = 60;
  line->stroke_width = width;
  puratan_doc_item_set_stroke (line, swatch, 1.0);
  puratan_doc_item_set_position (line, 60, 20);
  g_assert_nonnull (puratan_document_add_item (doc, page, line, &error));
  g_assert_no_error (error);
}

/* One page per case, in the order of the CASE_ numbers. */
static PuratanDocument *
make_cases (void)
{
  PuratanDocument *doc = puratan_document_new ();
  g_autoptr (GError) error = NULL;

  add_swatch (doc, "Rich Black", PURATAN_DOC_COLOR_CMYK, 0.6, 0.4, 0.4, 1);
  add_swatch (doc, "CutContour", PURATAN_DOC_COLOR_SPOT, 0, 1, 0, 0);
  add_swatch (doc, "Gold 871", PURATAN_DOC_COLOR_SPOT, 0, 0.2, 0.6, 0.1);
  for (guint i = 0; i < N_CASES; i++)
    g_assert_cmpuint (puratan_document_add_page (doc, 200, 100, 9, 9, &error), ==, i);
  add_text (doc, CASE_BLACK_10, 10, "Black");
  add_text (doc, CASE_BLACK_14, 14, "Black");
  add_text (doc, CASE_RICH_BLACK_10, 10, "Rich Black");
  add_line (doc, CASE_STROKE_HALF, 0.5, "Black");
  add_line (doc, CASE_STROKE_2, 2, "Black");
  add_line (doc, CASE_CUT_LINE, 2, "CutContour");
  add_line (doc, CASE_SPOT_LINE, 2, "Gold 871");
  /* 14 pt text drawn at half size prints at 7 pt: sizes are judged as printed. */
  add_text (doc, CASE_SCALED_14, 14, "Black");
  {
    PuratanDocItem *item = puratan_document_edit_item (doc, CASE_SCALED_14, "text-7", &error);
    g_assert_no_error (error);
    item->transform[0] = item->transform[3] = 0.5;
  }
  return doc;
}

static char *
export_to_file (PuratanDocument *doc, const char *name)
{
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 11, 25, 12, 0, 0);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr (GError) error = NULL;
  PuratanPdfOptions options;

  puratan_pdf_options_init (&options);
  options.date = date;
  g_assert_true (puratan_pdf_export_to_file (doc, &options, path, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static gboolean
state_flag (qpdf_data q, qpdf_oh state, const char *key)
{
  qpdf_oh value = qpdf_oh_get_key (q, state, key);
  return qpdf_oh_is_bool (q, value) && qpdf_oh_get_bool_value (q, value);
}

/* Reads which overprint each page's content sets: every "/Name gs" of the page's content,
 * looked up in its resources' ExtGState. */
static void
read_overprint (const char *path, PageOverprint *pages, guint n_pages)
{
  qpdf_data q = qpdf_init ();
  g_autoptr (GRegex) gs = g_regex_new ("/([A-Za-z0-9]+)\\s+gs\\b", 0, 0, NULL);

  g_assert_cmpint (qpdf_read (q, path, NULL) & QPDF_ERRORS, ==, 0);
  g_assert_cmpint (qpdf_get_num_pages (q), ==, (int) n_pages);
  for (guint i = 0; i < n_pages; i++)
    {
      qpdf_oh page = qpdf_get_page_n (q, i);
      qpdf_oh states = qpdf_oh_get_key (q, qpdf_oh_get_key (q, page, "/Resources"), "/ExtGState");
      unsigned char *data = NULL;
      size_t length = 0;
      g_autofree char *content = NULL;
      g_autoptr (GMatchInfo) match = NULL;

      g_assert_cmpint (qpdf_oh_get_page_content_data (q, page, &data, &length), ==, QPDF_SUCCESS);
      content = g_strndup ((const char *) data, length);
      free (data);
      pages[i] = (PageOverprint){ FALSE, FALSE, TRUE };
      g_regex_match (gs, content, 0, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *name = g_match_info_fetch (match, 1);
          g_autofree char *key = g_strconcat ("/", name, NULL);
          qpdf_oh state = qpdf_oh_get_key (q, states, key);
          qpdf_oh opm = qpdf_oh_get_key (q, state, "/OPM");
          gboolean op_fill, op_stroke;

          g_assert_true (qpdf_oh_is_dictionary (q, state));
          op_stroke = state_flag (q, state, "/OP");
          /* An absent /op takes the value of /OP (ISO 32000-1, 8.4.5). */
          op_fill = qpdf_oh_has_key (q, state, "/op") ? state_flag (q, state, "/op") : op_stroke;
          pages[i].op_fill |= op_fill;
          pages[i].op_stroke |= op_stroke;
          if (op_fill || op_stroke)
            pages[i].opm &= qpdf_oh_is_integer (q, opm) && qpdf_oh_get_int_value (q, opm) == 1;
        }
    }
  qpdf_cleanup (&q);
}

static void
assert_page (const PageOverprint *pages, guint page, gboolean op_fill, gboolean op_stroke)
{
  g_test_message ("page %u: op %d, OP %d, OPM 1 %d", page + 1, pages[page].op_fill,
                  pages[page].op_stroke, pages[page].opm);
  g_assert_cmpint (pages[page].op_fill, ==, op_fill);
  g_assert_cmpint (pages[page].op_stroke, ==, op_stroke);
  g_assert_true (pages[page].opm);
}

static void
test_rules (void)
{
  g_autoptr (PuratanDocument) doc = make_cases ();
  g_autofree char *path = export_to_file (doc, "overprint-rules.pdf");
  PageOverprint pages[N_CASES];

  g_assert_true (puratan_document_get_overprint_black (doc));
  read_overprint (path, pages, N_CASES);
  /* Black text under 12 pt overprints (fill, and its stroke if it had one). */
  assert_page (pages, CASE_BLACK_10, TRUE, TRUE);
  assert_page (pages, CASE_BLACK_14, FALSE, FALSE);
  assert_page (pages, CASE_RICH_BLACK_10, FALSE, FALSE);
  /* A black hairline overprints its stroke only: a fill under it would still knock out. */
  assert_page (pages, CASE_STROKE_HALF, FALSE, TRUE);
  assert_page (pages, CASE_STROKE_2, FALSE, FALSE);
  /* A die line overprints at any width; an ordinary spot knocks out as designed. */
  assert_page (pages, CASE_CUT_LINE, FALSE, TRUE);
  assert_page (pages, CASE_SPOT_LINE, FALSE, FALSE);
  assert_page (pages, CASE_SCALED_14, TRUE, TRUE);
  g_unlink (path);
}

static void
test_setting_off (void)
{
  g_autoptr (PuratanDocument) doc = make_cases ();
  g_autofree char *path = NULL;
  PageOverprint pages[N_CASES];

  puratan_document_set_overprint_black (doc, FALSE);
  path = export_to_file (doc, "overprint-off.pdf");
  read_overprint (path, pages, N_CASES);
  for (guint i = 0; i < N_CASES; i++)
    if (i != CASE_CUT_LINE)
      assert_page (pages, i, FALSE, FALSE);
  /* The die line is not black: the setting leaves it overprinting. */
  assert_page (pages, CASE_CUT_LINE, FALSE, TRUE);
  g_unlink (path);
}

/* What the designer set on an item wins over the setting and the size rule. */
static void
test_designer_wins (void)
{
  g_autoptr (PuratanDocument) doc = make_cases ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  PageOverprint pages[N_CASES];
  PuratanDocItem *item;

  puratan_document_set_overprint_black (doc, FALSE);
  item = puratan_document_edit_item (doc, CASE_BLACK_14, "text-1", &error);
  g_assert_no_error (error);
  item->overprint = TRUE;
  item = puratan_document_edit_item (doc, CASE_STROKE_2, "line-4", &error);
  g_assert_no_error (error);
  item->overprint = TRUE;
  path = export_to_file (doc, "overprint-designer.pdf");
  read_overprint (path, pages, N_CASES);
  assert_page (pages, CASE_BLACK_10, FALSE, FALSE);
  assert_page (pages, CASE_BLACK_14, TRUE, TRUE);
  assert_page (pages, CASE_STROKE_2, TRUE, TRUE);
  g_unlink (path);
}

/* Ink (0..255 per pixel) summed over columns [x0, x1) and rows [y0, y1) of a tiffsep plate. */
static guint64
plate_ink (const char *dir, const char *plate, guint x0, guint x1, guint y0, guint y1)
{
  g_autofree char *name = g_strdup_printf ("page(%s).tif", plate);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  TIFF *tiff = TIFFOpen (path, "r");
  guint32 width = 0, height = 0;
  guint16 photometric = PHOTOMETRIC_MINISBLACK, bits = 0;
  g_autofree guint8 *row = NULL;
  guint64 ink = 0;

  g_assert_nonnull (tiff);
  TIFFGetField (tiff, TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField (tiff, TIFFTAG_IMAGELENGTH, &height);
  TIFFGetField (tiff, TIFFTAG_PHOTOMETRIC, &photometric);
  TIFFGetField (tiff, TIFFTAG_BITSPERSAMPLE, &bits);
  g_assert_cmpuint (bits, ==, 8);
  row = g_malloc (TIFFScanlineSize (tiff));
  for (guint32 y = 0; y < MIN (y1, height); y++)
    {
      g_assert_cmpint (TIFFReadScanline (tiff, row, y, 0), ==, 1);
      for (guint32 x = x0; y >= y0 && x < MIN (x1, width); x++)
        ink += photometric == PHOTOMETRIC_MINISWHITE ? row[x] : 255 - row[x];
    }
  TIFFClose (tiff);
  return ink;
}

static gboolean
run_tool (const char *const *argv)
{
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err,
                     &status, &error))
    {
      g_test_message ("cannot run %s: %s", argv[0], error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("%s failed: %s", argv[0], err);
  return g_spawn_check_wait_status (status, NULL);
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

/* 10 pt black text on a cyan field, separated by Ghostscript at 144 dpi: the 218 × 118 pt
 * page is 436 × 236 px; the text lies in columns 50..260 and rows 60..120. */
static void
assert_black_plate_only (gboolean overprint_black)
{
  g_autoptr (PuratanDocument) doc = puratan_document_new ();
  g_autoptr (GError) error = NULL;
  PuratanDocItem *field = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);
  g_autofree char *path = NULL;
  g_autofree char *dir = g_dir_make_tmp ("overprint-sep-XXXXXX", NULL);
  g_autofree char *output = g_strdup_printf ("-sOutputFile=%s/page.tif", dir);
  const char *gs[] = { "gs",    "-q",   "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep",
                       "-r144", output, NULL,        NULL };
  guint64 cyan_full = 0, cyan_text, black_text, magenta, yellow;

  add_swatch (doc, "Cyan", PURATAN_DOC_COLOR_CMYK, 1, 0, 0, 0);
  g_assert_cmpuint (puratan_document_add_page (doc, 200, 100, 9, 9, &error), ==, 0);
  field->id = g_strdup ("field");
  field->width = 218;
  field->height = 118;
  puratan_doc_item_set_fill (field, "Cyan", 1.0);
  puratan_doc_item_set_position (field, -9, -9);
  g_assert_nonnull (puratan_document_add_item (doc, 0, field, &error));
  add_text (doc, 0, 10, "Black");
  puratan_document_set_overprint_black (doc, overprint_black);
  path = export_to_file (doc, "overprint-plates.pdf");
  gs[8] = path;
  g_assert_true (run_tool (gs));

  cyan_full = plate_ink (dir, "Cyan", 0, 436, 0, 236);
  cyan_text = plate_ink (dir, "Cyan", 50, 260, 60, 120);
  black_text = plate_ink (dir, "Black", 50, 260, 60, 120);
  magenta = plate_ink (dir, "Magenta", 0, 436, 0, 236);
  yellow = plate_ink (dir, "Yellow", 0, 436, 0, 236);
  g_test_message (
      "overprint %d: cyan %" G_GUINT64_FORMAT " of %u, under the text %" G_GUINT64_FORMAT
      " of %u; black under the text %" G_GUINT64_FORMAT,
      overprint_black, cyan_full, 436 * 236 * 255, cyan_text, 210 * 60 * 255, black_text);
  /* The text is drawn, in black ink alone. */
  g_assert_cmpuint (black_text, >, 255 * 100);
  g_assert_cmpuint (magenta, ==, 0);
  g_assert_cmpuint (yellow, ==, 0);
  if (overprint_black)
    /* Overprinting: the cyan under the text is untouched, so the text is on no plate but
     * Black, not even as a hole in the cyan. */
    g_assert_cmpuint (cyan_full, ==, (guint64) 436 * 236 * 255);
  else
    /* Knocking out: the text is cut out of the cyan. */
    g_assert_cmpuint (cyan_text, <, (guint64) 210 * 60 * 255 - 255 * 100);
  remove_dir (dir);
  g_unlink (path);
}

static void
test_black_plate (void)
{
  assert_black_plate_only (TRUE);
}

static void
test_black_plate_setting_off (void)
{
  assert_black_plate_only (FALSE);
}

int
main (int argc, char **argv)
{
  g_autofree char *tmpdir = puratan_test_use_private_tmpdir ();
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/overprint/rules", test_rules);
  g_test_add_func ("/render/overprint/setting-off", test_setting_off);
  g_test_add_func ("/render/overprint/designer-wins", test_designer_wins);
  g_test_add_func ("/render/overprint/black-plate", test_black_plate);
  g_test_add_func ("/render/overprint/black-plate-setting-off", test_black_plate_setting_off);
  status = g_test_run ();
  puratan_test_remove_tree (tmpdir);
  return status;
}
