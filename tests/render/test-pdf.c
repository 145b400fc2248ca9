/* test-pdf.c: the print PDF, checked with Ghostscript, qpdf and Poppler's tools
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <string.h>

#include <glib/gstdio.h>
#include <tiffio.h>

#include "puratan-core.h"
#include "render-fixtures.h"

static GDateTime *
fixed_date (void)
{
  return g_date_time_new_utc (2026, 3, 14, 10, 30, 0);
}

static GBytes *
export_pdf (PuratanDocument *doc, PuratanPdfStandard standard, gboolean marks)
{
  g_autoptr (GDateTime) date = fixed_date ();
  g_autoptr (GError) error = NULL;
  PuratanPdfOptions options;
  GBytes *pdf;

  puratan_pdf_options_init (&options);
  options.standard = standard;
  options.marks = marks;
  options.date = date;
  pdf = puratan_pdf_export (doc, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  return pdf;
}

/* Uncompressed, readable form of a PDF, rewritten by qpdf. */
static GBytes *
qdf_bytes (const char *path)
{
  g_autofree char *qdf = g_strconcat (path, ".qdf", NULL);
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (fixture_run (NULL, "qpdf", "--qdf", "--object-streams=disable", path, qdf, NULL));
  g_assert_true (g_file_get_contents (qdf, &contents, &length, NULL));
  g_unlink (qdf);
  return g_bytes_new_take (contents, length);
}

/* Whether binary data (which may hold NUL bytes) contains a string. */
static gboolean
contains (GBytes *data, const char *needle)
{
  return memmem (g_bytes_get_data (data, NULL), g_bytes_get_size (data), needle, strlen (needle)) !=
         NULL;
}

static void
assert_qpdf_clean (const char *path)
{
  g_autofree char *out = NULL;

  g_assert_true (fixture_run (&out, "qpdf", "--check", path, NULL));
  g_assert_nonnull (strstr (out, "No syntax or stream encoding errors"));
}

static void
test_pdf_structure (void)
{
  g_autoptr (PuratanDocument) doc = fixture_separation_design ();
  g_autoptr (GBytes) pdf = export_pdf (doc, PURATAN_PDF_X4, FALSE);
  g_autofree char *path = fixture_write_temp (pdf, "structure.pdf");
  g_autoptr (GBytes) text = qdf_bytes (path);

  assert_qpdf_clean (path);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF-1.6"));
  g_assert_true (contains (text, "0 0 0 1 k"));
  g_assert_false (contains (text, " Tr"));
  g_assert_true (contains (pdf, "/Separation /Gold#20871 /DeviceCMYK"));
  g_assert_true (contains (pdf, "/C1 [0 0.2 0.6 0.1]"));
  g_assert_true (contains (pdf, "/TrimBox [9 9 209 109]"));
  g_assert_true (contains (pdf, "/BleedBox [0 0 218 118]"));
  g_assert_true (contains (pdf, "/MediaBox [0 0 218 118]"));
  g_assert_true (contains (text, "/OutputConditionIdentifier (FOGRA39)"));
  g_assert_true (contains (text, "/RegistryName (http://www.color.org)"));
  g_assert_true (contains (text, "/S /GTS_PDFX"));
  g_assert_true (contains (text, "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"));
  g_assert_true (contains (text, "/Trapped /False"));
  g_assert_false (contains (pdf, "/Transparency"));
  g_assert_false (contains (text, "DeviceRGB"));
  g_unlink (path);
}

/* Sum of ink (0..255 per pixel) in columns [x0, x1) of a tiffsep plate. */
static guint64
plate_ink (const char *dir, const char *plate, guint x0, guint x1)
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
  for (guint32 y = 0; y < height; y++)
    {
      g_assert_cmpint (TIFFReadScanline (tiff, row, y, 0), ==, 1);
      for (guint32 x = x0; x < MIN (x1, width); x++)
        ink += photometric == PHOTOMETRIC_MINISWHITE ? row[x] : 255 - row[x];
    }
  TIFFClose (tiff);
  return ink;
}

static void assert_fonts_embedded_and_subset (const char *path);

static void
assert_separations (PuratanDocument *doc)
{
  g_autoptr (GBytes) pdf = export_pdf (doc, PURATAN_PDF_X4, FALSE);
  g_autofree char *path = fixture_write_temp (pdf, "separations.pdf");
  g_autofree char *dir = g_dir_make_tmp ("puratan-sep-XXXXXX", NULL);
  g_autofree char *output = g_strdup_printf ("-sOutputFile=%s/page.tif", dir);
  /* At 36 dpi the 218 pt page is 109 px wide: text in columns 7..55, the spot box in 70..99. */
  const char *process[] = { "Cyan", "Magenta", "Yellow" };

  g_assert_true (fixture_run (NULL, "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER",
                              "-sDEVICE=tiffsep", "-r36", output, path, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (process); i++)
    {
      g_test_message ("%s plate ink: %" G_GUINT64_FORMAT, process[i],
                      plate_ink (dir, process[i], 0, 109));
      g_assert_cmpuint (plate_ink (dir, process[i], 0, 109), ==, 0);
    }
  g_assert_cmpuint (plate_ink (dir, "Black", 0, 60), >, 255 * 50);
  g_assert_cmpuint (plate_ink (dir, "Black", 65, 109), ==, 0);
  g_assert_cmpuint (plate_ink (dir, "Gold 871", 65, 109), >, 255 * 500);
  g_assert_cmpuint (plate_ink (dir, "Gold 871", 0, 60), ==, 0);

  {
    g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
  }
  g_rmdir (dir);
  g_unlink (path);
}

static void
test_pdf_separations (void)
{
  g_autoptr (PuratanDocument) doc = fixture_separation_design ();

  assert_separations (doc);
}

/* The separation design placed as a PDF page into another design: its text stays text and
 * its spot keeps its own plate, so the placed page stayed vector. */
static void
test_pdf_placed (void)
{
  g_autoptr (PuratanDocument) artwork = fixture_separation_design ();
  g_autoptr (GBytes) placed = export_pdf (artwork, PURATAN_PDF_X4, FALSE);
  g_autoptr (PuratanDocument) doc = puratan_document_new ();
  g_autoptr (GError) error = NULL;
  PuratanDocItem *item = puratan_doc_item_new (PURATAN_DOC_ITEM_PDF);
  g_autofree char *text = NULL;

  g_assert_cmpuint (puratan_document_add_page (doc, 200, 100, 9, 9, &error), ==, 0);
  item->asset = g_strdup (puratan_document_add_asset (doc, placed, &error));
  /* The placed page is 218 × 118 pt with its bleed; place it so its trim meets ours. */
  item->width = 218;
  item->height = 118;
  puratan_doc_item_set_position (item, -9, -9);
  g_assert_nonnull (puratan_document_add_item (doc, 0, item, &error));
  g_assert_no_error (error);
  assert_separations (doc);

  {
    g_autoptr (GBytes) pdf = export_pdf (doc, PURATAN_PDF_X4, FALSE);
    g_autofree char *path = fixture_write_temp (pdf, "placed.pdf");
    assert_qpdf_clean (path);
    assert_fonts_embedded_and_subset (path);
    g_assert_true (fixture_run (&text, "pdftotext", path, "-", NULL));
    g_assert_nonnull (strstr (text, "BLACK"));
    g_assert_true (contains (pdf, "/Subtype /Form"));
    g_unlink (path);
  }

  puratan_document_edit_item (doc, 0, item->id, &error)->pdf_page = 3;
  g_assert_null (puratan_pdf_export (doc, NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A file that only claims to be a PDF. */
  {
    g_autoptr (GBytes) junk = g_bytes_new_static ("%PDF-1.4\nthis is not a PDF\n", 27);
    PuratanDocItem *bad = puratan_doc_item_new (PURATAN_DOC_ITEM_PDF);
    bad->asset = g_strdup (puratan_document_add_asset (doc, junk, &error));
    g_assert_nonnull (puratan_document_add_item (doc, 0, bad, &error));
    puratan_document_edit_item (doc, 0, item->id, &error)->pdf_page = 0;
    g_assert_null (puratan_pdf_export (doc, NULL, &error));
    g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT);
  }
}

static void
assert_fonts_embedded_and_subset (const char *path)
{
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;
  guint fonts = 0;

  g_assert_true (fixture_run (&out, "pdffonts", path, NULL));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto (GStrv) cols = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr (GPtrArray) words = g_ptr_array_new ();
      if (*lines[i] == '\0')
        continue;
      for (guint c = 0; cols[c] != NULL; c++)
        if (*cols[c] != '\0')
          g_ptr_array_add (words, cols[c]);
      g_test_message ("pdffonts: %s", lines[i]);
      g_assert_cmpuint (words->len, >=, 7);
      /* name … emb sub uni object generation */
      g_assert_cmpstr (words->pdata[words->len - 5], ==, "yes");
      g_assert_cmpstr (words->pdata[words->len - 4], ==, "yes");
      g_assert_cmpstr (words->pdata[words->len - 3], ==, "yes");
      g_assert_cmpint (((char *) words->pdata[0])[6], ==, '+');
      fonts++;
    }
  g_assert_cmpuint (fonts, >, 0);
}

static void
test_pdf_hindi_card (void)
{
  g_autoptr (PuratanDocument) doc = fixture_hindi_card ();
  g_autoptr (GBytes) pdf = export_pdf (doc, PURATAN_PDF_X4, TRUE);
  g_autofree char *path = fixture_write_temp (pdf, "hindi-card.pdf");
  g_autofree char *text = NULL;
  g_autofree char *nfc = NULL;

  assert_qpdf_clean (path);
  assert_fonts_embedded_and_subset (path);
  /* The template's black text overprints. */
  g_assert_true (contains (pdf, "<< /Type /ExtGState /OP true /op true /OPM 1 >>"));
  g_assert_true (fixture_run (&text, "pdftotext", "-enc", "UTF-8", path, "-", NULL));
  g_test_message ("pdftotext: %s", text);
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_assert_nonnull (strstr (nfc, HINDI_NAME));
  g_assert_nonnull (strstr (nfc, HINDI_ROLE));
  g_assert_nonnull (strstr (nfc, "asha@puratan.example"));
  g_unlink (path);
}

/* Every Indic script Noto covers, shaped and extracted back as the same text. */
static void
test_pdf_indic_scripts (void)
{
  const char *lines[] = { "தமிழ் கொடி", "বাংলা কিছু", "ગુજરાતી", "ਪੰਜਾਬੀ",
                          "తెలుగు",     "ಕನ್ನಡ",      "മലയാളം", "ଓଡ଼ିଆ" };
  g_autoptr (PuratanDocument) doc = puratan_document_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *nfc = NULL;

  g_assert_cmpuint (puratan_document_add_page (doc, 400, 220, 0, 0, &error), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      PuratanDocItem *item = puratan_doc_item_new (PURATAN_DOC_ITEM_TEXT);
      item->text = g_strdup (lines[i]);
      item->font_size = 14;
      item->width = 380;
      puratan_doc_item_set_fill (item, "Black", 1.0);
      puratan_doc_item_set_position (item, 5, 5 + i * 26);
      g_assert_nonnull (puratan_document_add_item (doc, 0, item, &error));
    }
  pdf = export_pdf (doc, PURATAN_PDF_X4, FALSE);
  path = fixture_write_temp (pdf, "indic.pdf");
  assert_fonts_embedded_and_subset (path);
  g_assert_true (fixture_run (&text, "pdftotext", "-enc", "UTF-8", path, "-", NULL));
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *expected = g_utf8_normalize (lines[i], -1, G_NORMALIZE_NFC);
      g_assert_nonnull (strstr (nfc, expected));
    }
  g_unlink (path);
}

static void
test_pdf_templates (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = puratan_template_list (TEMPLATE_DIR, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      PuratanTemplateInfo *info = list->pdata[i];
      g_autoptr (PuratanDocument) doc =
          puratan_template_instantiate (TEMPLATE_DIR, info->name, &error);
      g_autoptr (GBytes) x4 = export_pdf (doc, PURATAN_PDF_X4, TRUE);
      g_autoptr (GBytes) x1a = export_pdf (doc, PURATAN_PDF_X1A, FALSE);
      g_autofree char *path4 = fixture_write_temp (x4, "template-x4.pdf");
      g_autofree char *path1 = fixture_write_temp (x1a, "template-x1a.pdf");

      g_test_message ("%s: X-4 %" G_GSIZE_FORMAT " bytes, X-1a %" G_GSIZE_FORMAT " bytes",
                      info->name, g_bytes_get_size (x4), g_bytes_get_size (x1a));
      assert_qpdf_clean (path4);
      assert_qpdf_clean (path1);
      assert_fonts_embedded_and_subset (path4);
      g_assert_true (g_str_has_prefix (g_bytes_get_data (x1a, NULL), "%PDF-1.3"));
      g_unlink (path4);
      g_unlink (path1);
    }
}

static void
test_pdf_deterministic (void)
{
  g_autoptr (PuratanDocument) doc = fixture_hindi_card ();
  g_autoptr (GBytes) first = export_pdf (doc, PURATAN_PDF_X4, TRUE);
  g_autoptr (GBytes) second = export_pdf (doc, PURATAN_PDF_X4, TRUE);
  g_autoptr (GBytes) x1a = export_pdf (doc, PURATAN_PDF_X1A, TRUE);

  g_assert_true (g_bytes_equal (first, second));
  g_assert_false (g_bytes_equal (first, x1a));
}

static void
test_pdf_outlined_text (void)
{
  g_autoptr (PuratanDocument) doc = fixture_separation_design ();
  g_autoptr (GError) error = NULL;
  PuratanDocItem *text = puratan_document_edit_item (doc, 0, "black-text", &error);
  g_autoptr (GBytes) pdf = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GBytes) qdf = NULL;

  puratan_doc_item_set_fill (text, NULL, 1.0);
  puratan_doc_item_set_stroke (text, "Gold 871", 1.0);
  text->stroke_width = 0.75;
  pdf = export_pdf (doc, PURATAN_PDF_X4, FALSE);
  path = fixture_write_temp (pdf, "outlined.pdf");
  qdf = qdf_bytes (path);
  assert_qpdf_clean (path);
  g_assert_true (contains (qdf, "/CS0 CS 1 SCN"));
  g_assert_true (contains (qdf, "0.75 w 1 Tr"));
  g_unlink (path);
}

/* A font with PostScript (CFF) outlines: OpenType in PDF/X-4, refused in PDF/X-1a. */
static void
test_pdf_cff_font (void)
{
  g_autoptr (PuratanDocument) doc = fixture_separation_design ();
  g_autoptr (GError) error = NULL;
  PuratanDocItem *text = puratan_document_edit_item (doc, 0, "black-text", &error);
  g_autoptr (GBytes) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *extracted = NULL;
  PuratanPdfOptions options;

  g_free (text->font_family);
  text->font_family = g_strdup ("Nimbus Sans");
  g_free (text->text);
  text->text = g_strdup ("Office");
  pdf = export_pdf (doc, PURATAN_PDF_X4, FALSE);
  path = fixture_write_temp (pdf, "cff.pdf");
  assert_qpdf_clean (path);
  assert_fonts_embedded_and_subset (path);
  g_assert_true (fixture_run (&fonts, "pdffonts", path, NULL));
  g_assert_nonnull (strstr (fonts, "NimbusSans"));
  g_assert_nonnull (strstr (fonts, "CID Type 0C (OT)"));
  g_assert_true (fixture_run (&extracted, "pdftotext", path, "-", NULL));
  g_assert_nonnull (strstr (extracted, "Office"));
  g_unlink (path);

  puratan_pdf_options_init (&options);
  options.standard = PURATAN_PDF_X1A;
  g_assert_null (puratan_pdf_export (doc, &options, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "PDF/X-1a"));
}

/* An RGB swatch is ICC-tagged in PDF/X-4 and becomes press CMYK in PDF/X-1a. */
static void
test_pdf_rgb_swatch (void)
{
  g_autoptr (PuratanDocument) doc = fixture_separation_design ();
  g_autoptr (GError) error = NULL;
  const double orange[4] = { 1.0, 0.5, 0.0, 0 };
  g_autoptr (PuratanDocSwatch) rgb =
      puratan_doc_swatch_new ("Web orange", PURATAN_DOC_COLOR_RGB, orange);
  g_autoptr (GBytes) x4 = NULL;
  g_autoptr (GBytes) x1a = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GBytes) qdf = NULL;

  g_assert_true (puratan_document_add_swatch (doc, rgb, &error));
  puratan_doc_item_set_fill (puratan_document_edit_item (doc, 0, "spot-box", &error), "Web orange",
                             1.0);
  {
    const double mid[4] = { 0.4, 0, 0, 0 };
    g_autoptr (PuratanDocSwatch) gray =
        puratan_doc_swatch_new ("Gray 60", PURATAN_DOC_COLOR_GRAY, mid);
    PuratanDocItem *rule = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);
    g_assert_true (puratan_document_add_swatch (doc, gray, &error));
    puratan_doc_item_set_fill (rule, "Gray 60", 1.0);
    g_assert_nonnull (puratan_document_add_item (doc, 0, rule, &error));
  }
  x4 = export_pdf (doc, PURATAN_PDF_X4, FALSE);
  path = fixture_write_temp (x4, "rgb-x4.pdf");
  qdf = qdf_bytes (path);
  g_assert_true (contains (qdf, "/CSrgb cs 1 0.5 0 sc"));
  g_assert_true (contains (qdf, "\n0.4 g\n"));
  g_assert_true (contains (x4, "/ICCBased"));
  g_unlink (path);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&qdf, g_bytes_unref);

  x1a = export_pdf (doc, PURATAN_PDF_X1A, FALSE);
  path = fixture_write_temp (x1a, "rgb-x1a.pdf");
  qdf = qdf_bytes (path);
  assert_qpdf_clean (path);
  g_assert_false (contains (x1a, "/ICCBased"));
  g_assert_false (contains (qdf, " sc\n"));
  g_assert_false (contains (qdf, "DeviceRGB"));
  g_assert_true (contains (qdf, "\n0.4 g\n"));
  g_unlink (path);
}

static void
on_exported (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_pdf_async (void)
{
  g_autoptr (PuratanDocument) doc = fixture_hindi_card ();
  g_autoptr (GDateTime) date = fixed_date ();
  g_autoptr (GBytes) expected = export_pdf (doc, PURATAN_PDF_X4, TRUE);
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GError) error = NULL;
  GAsyncResult *result = NULL;
  PuratanPdfOptions options;

  puratan_pdf_options_init (&options);
  options.marks = TRUE;
  options.date = date;
  puratan_pdf_export_async (doc, &options, NULL, on_exported, &result);
  /* The export works on a copy: this change is not in it. */
  g_assert_true (puratan_document_remove_item (doc, 0, "name", &error));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  pdf = puratan_pdf_export_finish (result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (pdf, expected));
}

static void
test_pdf_images (void)
{
  g_autoptr (PuratanDocument) doc = fixture_separation_design ();
  g_autoptr (GBytes) jpeg = fixture_jpeg (64, 48);
  g_autoptr (GBytes) png = fixture_png (40, 40, TRUE);
  g_autoptr (GError) error = NULL;
  PuratanDocItem *photo = puratan_doc_item_new (PURATAN_DOC_ITEM_IMAGE);
  PuratanDocItem *logo = puratan_doc_item_new (PURATAN_DOC_ITEM_IMAGE);

  photo->asset = g_strdup (puratan_document_add_asset (doc, jpeg, &error));
  photo->width = 64;
  photo->height = 30;
  g_assert_nonnull (puratan_document_add_item (doc, 0, photo, &error));
  logo->asset = g_strdup (puratan_document_add_asset (doc, png, &error));
  logo->fit = PURATAN_DOC_FIT_FIT;
  g_assert_nonnull (puratan_document_add_item (doc, 0, logo, &error));
  g_assert_no_error (error);

  {
    g_autoptr (GBytes) pdf = export_pdf (doc, PURATAN_PDF_X4, FALSE);
    g_autofree char *path = fixture_write_temp (pdf, "images-x4.pdf");
    assert_qpdf_clean (path);
    /* The JPEG's bytes are inside the PDF unchanged. */
    g_assert_nonnull (memmem (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                              g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg)));
    g_assert_true (contains (pdf, "/Filter /DCTDecode"));
    g_assert_true (contains (pdf, "/SMask"));
    g_assert_true (contains (pdf, "/ICCBased"));
    g_assert_true (contains (pdf, "/Group << /Type /Group /S /Transparency /CS /DeviceCMYK >>"));
    g_unlink (path);
  }
  {
    g_autoptr (GBytes) pdf = export_pdf (doc, PURATAN_PDF_X1A, FALSE);
    g_autofree char *path = fixture_write_temp (pdf, "images-x1a.pdf");
    assert_qpdf_clean (path);
    g_assert_false (contains (pdf, "/DCTDecode"));
    g_assert_false (contains (pdf, "/SMask"));
    g_assert_false (contains (pdf, "/ICCBased"));
    g_assert_false (contains (pdf, "/Transparency"));
    g_assert_true (contains (pdf, "/ColorSpace /DeviceCMYK"));
    g_unlink (path);
  }
}

static void
test_pdf_refusals (void)
{
  g_autoptr (PuratanDocument) doc = fixture_separation_design ();
  g_autoptr (GError) error = NULL;
  PuratanPdfOptions options;

  puratan_pdf_options_init (&options);
  options.press = "newsprint-9000";
  g_assert_null (puratan_pdf_export (doc, &options, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  puratan_pdf_options_init (&options);
  options.press = "/nonexistent/press.icc";
  g_assert_null (puratan_pdf_export (doc, &options, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  puratan_document_edit_item (doc, 0, "spot-box", &error)->opacity = 0.5;
  puratan_pdf_options_init (&options);
  options.standard = PURATAN_PDF_X1A;
  g_assert_null (puratan_pdf_export (doc, &options, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "PDF/X-1a"));
  g_clear_error (&error);
  options.standard = PURATAN_PDF_X4;
  {
    g_autoptr (GBytes) pdf = puratan_pdf_export (doc, &options, &error);
    g_assert_no_error (error);
    g_assert_true (contains (pdf, "/ca 0.5"));
  }

  {
    g_autoptr (PuratanDocument) empty = puratan_document_new ();
    g_assert_null (puratan_pdf_export (empty, NULL, &error));
    g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  }
}

/* An 8 × 8 TIFF of 100 % K in CMYK, or of black in grayscale, as bytes. */
static GBytes *
black_tiff (gboolean cmyk)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "black.tif", NULL);
  TIFF *tiff = TIFFOpen (path, "w");
  guint8 row[8 * 4];
  char *contents = NULL;
  gsize length = 0;

  g_assert_nonnull (tiff);
  TIFFSetField (tiff, TIFFTAG_IMAGEWIDTH, 8);
  TIFFSetField (tiff, TIFFTAG_IMAGELENGTH, 8);
  TIFFSetField (tiff, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField (tiff, TIFFTAG_SAMPLESPERPIXEL, cmyk ? 4 : 1);
  TIFFSetField (tiff, TIFFTAG_PHOTOMETRIC, cmyk ? PHOTOMETRIC_SEPARATED : PHOTOMETRIC_MINISBLACK);
  TIFFSetField (tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField (tiff, TIFFTAG_ROWSPERSTRIP, 8);
  for (int i = 0; i < 8 * 4; i++)
    row[i] = cmyk ? (i % 4 == 3 ? 255 : 0) : 0;
  for (int y = 0; y < 8; y++)
    g_assert_cmpint (TIFFWriteScanline (tiff, row, y, 0), ==, 1);
  TIFFClose (tiff);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_unlink (path);
  return g_bytes_new_take (contents, length);
}

static void
test_pdf_device_tiffs (void)
{
  for (int cmyk = 0; cmyk < 2; cmyk++)
    {
      g_autoptr (PuratanDocument) doc = puratan_document_new ();
      g_autoptr (GBytes) tif = black_tiff (cmyk);
      g_autoptr (GError) error = NULL;
      PuratanDocItem *image = puratan_doc_item_new (PURATAN_DOC_ITEM_IMAGE);
      g_autoptr (GBytes) pdf = NULL;
      g_autofree char *path = NULL;
      g_autofree char *dir = g_dir_make_tmp ("puratan-tif-XXXXXX", NULL);
      g_autofree char *output = g_strdup_printf ("-sOutputFile=%s/page.tif", dir);
      const char *plates[] = { "Cyan", "Magenta", "Yellow", "Black" };

      g_assert_cmpuint (puratan_document_add_page (doc, 72, 72, 0, 0, &error), ==, 0);
      image->asset = g_strdup (puratan_document_add_asset (doc, tif, &error));
      g_assert_no_error (error);
      image->width = image->height = 72;
      g_assert_nonnull (puratan_document_add_item (doc, 0, image, &error));
      pdf = export_pdf (doc, PURATAN_PDF_X4, FALSE);
      g_assert_true (contains (pdf, cmyk ? "/ColorSpace /DeviceCMYK" : "/ColorSpace /DeviceGray"));
      path = fixture_write_temp (pdf, "tiff.pdf");
      assert_qpdf_clean (path);
      g_assert_true (fixture_run (NULL, "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER",
                                  "-sDEVICE=tiffsep", "-r36", output, path, NULL));
      for (guint i = 0; i < 3; i++)
        g_assert_cmpuint (plate_ink (dir, plates[i], 0, 36), ==, 0);
      g_assert_cmpuint (plate_ink (dir, plates[3], 0, 36), >=, 255 * 36 * 30);
      {
        g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
        const char *name;
        while ((name = g_dir_read_name (handle)) != NULL)
          {
            g_autofree char *file = g_build_filename (dir, name, NULL);
            g_unlink (file);
          }
      }
      g_rmdir (dir);
      g_unlink (path);
    }
}

void
fixture_add_pdf_tests (void)
{
  g_test_add_func ("/render/pdf/device-tiffs", test_pdf_device_tiffs);
  g_test_add_func ("/render/pdf/structure", test_pdf_structure);
  g_test_add_func ("/render/pdf/separations", test_pdf_separations);
  g_test_add_func ("/render/pdf/placed", test_pdf_placed);
  g_test_add_func ("/render/pdf/hindi-card", test_pdf_hindi_card);
  g_test_add_func ("/render/pdf/indic-scripts", test_pdf_indic_scripts);
  g_test_add_func ("/render/pdf/templates", test_pdf_templates);
  g_test_add_func ("/render/pdf/deterministic", test_pdf_deterministic);
  g_test_add_func ("/render/pdf/async", test_pdf_async);
  g_test_add_func ("/render/pdf/outlined-text", test_pdf_outlined_text);
  g_test_add_func ("/render/pdf/rgb-swatch", test_pdf_rgb_swatch);
  g_test_add_func ("/render/pdf/cff-font", test_pdf_cff_font);
  g_test_add_func ("/render/pdf/images", test_pdf_images);
  g_test_add_func ("/render/pdf/refusals", test_pdf_refusals);
}
