/* test-pdf-maker.c: small PDFs with one known defect each, for the preflight tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base file is a clean business card for the "business-cards" product (size "eu"): PDF/X-4 with
 * a FOGRA51 output intent, 85 × 55 mm trim with 3 mm bleed, CMYK shapes only. Each defect
 * changes exactly one thing.
 */
#include "test-pdf-maker.h"

#include <string.h>

#define MM(x) ((x) *72.0 / 25.4)

typedef struct
{
  GPtrArray *objects; /* GString bodies, object n at index n-1 */
} Maker;

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

static guint add (Maker *m, const char *format, ...) G_GNUC_PRINTF (2, 3);

static guint
add (Maker *m, const char *format, ...)
{
  va_list args;
  GString *body = g_string_new (NULL);

  va_start (args, format);
  g_string_append_vprintf (body, format, args);
  va_end (args);
  g_ptr_array_add (m->objects, body);
  return m->objects->len;
}

static guint
add_stream (Maker *m, const char *dict, const char *data, gsize len)
{
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "<< %s /Length %" G_GSIZE_FORMAT " >>\nstream\n", dict, len);
  g_string_append_len (body, data, (gssize) len);
  g_string_append (body, "\nendstream");
  g_ptr_array_add (m->objects, body);
  return m->objects->len;
}

static guint
reserve (Maker *m)
{
  g_ptr_array_add (m->objects, g_string_new (NULL));
  return m->objects->len;
}

static void set (Maker *m, guint n, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
set (Maker *m, guint n, const char *format, ...)
{
  va_list args;
  GString *body = g_ptr_array_index (m->objects, n - 1);

  va_start (args, format);
  g_string_vprintf (body, format, args);
  va_end (args);
}

static const char *
content_for (TestDefect defect)
{
  switch (defect)
    {
      case DEFECT_LOW_RES_IMAGE:
        return "q 100 0 0 100 60 40 cm /Im Do Q";
      case DEFECT_WHITE_OVERPRINT:
        return "q /GSop gs 0 0 0 0 k 30 30 40 40 re f Q";
      case DEFECT_HAIRLINE:
        return "0.3 0.3 0 0 K 0.1 w 20 100 m 200 100 l S";
      case DEFECT_RGB:
        return "1 0 0 rg 150 60 20 20 re f";
      case DEFECT_HIGH_INK:
        return "1 1 1 1 k 0 0 400 300 re f";
      case DEFECT_RICH_BLACK_TEXT:
        return "BT /T3 6 Tf 0.6 0.5 0.4 1 k 30 60 Td (aaaa) Tj ET";
      case DEFECT_BLACK_KNOCKOUT_TEXT:
        return "BT /T3 6 Tf 0 0 0 1 k 30 60 Td (aaaa) Tj ET";
      case DEFECT_SMALL_MULTI_INK_TEXT:
        return "BT /T3 6 Tf 0.2 0.8 0 0 k 30 60 Td (aaaa) Tj ET";
      case DEFECT_UNEMBEDDED_FONT:
        return "q /GSop gs BT /F1 14 Tf 0 0 0 1 k 30 60 Td (Hello) Tj ET Q";
      case DEFECT_SPOT:
        return "/CS0 cs 1 scn 150 60 20 20 re f";
      case DEFECT_TRANSPARENCY:
        return "q /GSa gs 0 0.5 0 0 k 150 60 20 20 re f Q";
      case DEFECT_NONE_SLUG_MARKS:
        return "1 1 1 1 k -50 -50 400 48 re f";
      case DEFECT_RGB_BLACK_PAGE:
        return "0 0 0 rg 0 0 400 300 re f";
      case DEFECT_NONE:
      case DEFECT_WRONG_SIZE:
      case DEFECT_NO_BLEED:
      case DEFECT_EMPTY_PAGE:
      case DEFECT_TOO_MANY_PAGES:
      case DEFECT_NO_TRIM_BOX:
      case DEFECT_NO_OUTPUT_INTENT:
      case DEFECT_NO_PDFX_VERSION:
      case DEFECT_BROKEN_XREF:
      default:
        return "";
    }
}

/**
 * test_make_business_card:
 * @dir: where to write
 * @defect: the one thing to get wrong
 *
 * Returns: (transfer full): the path of the new PDF
 */
char *
test_make_business_card (const char *dir, TestDefect defect)
{
  Maker m = { g_ptr_array_new_with_free_func (string_free) };
  double w = MM (85 + 6), h = MM (55 + 6), b = MM (3);
  guint catalog, pages, info, oi, icc, image, t3, glyph, font, sep_fn, content, n_pages;
  guint page_ids[3];
  g_autofree char *name = g_strdup_printf ("card-%d.pdf", (int) defect);
  char *path = g_build_filename (dir, name, NULL);
  GString *out = g_string_new ("%PDF-1.6\n%\xe2\xe3\xcf\xd3\n");
  GString *kids = g_string_new (NULL);
  g_autofree guint64 *offsets = NULL;
  guchar pixels[8 * 8 * 4];
  const char *boxes;
  g_autofree char *box_text = NULL;
  guint64 xref;

  if (defect == DEFECT_WRONG_SIZE)
    {
      w = MM (210);
      h = MM (297);
    }

  catalog = reserve (&m);
  pages = reserve (&m);
  info =
      add (&m, defect == DEFECT_NO_PDFX_VERSION ? "<< /Title (Card) >>"
                                                : "<< /Title (Card) /GTS_PDFXVersion (PDF/X-4) >>");
  icc = add_stream (&m, "/N 4", "icc", 3);
  oi = add (&m,
            "<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (FOGRA51) "
            "/Info (PSO Coated v3) /DestOutputProfile %u 0 R >>",
            icc);
  for (gsize i = 0; i < sizeof pixels; i++)
    pixels[i] = (guchar) (i * 7);
  image = add_stream (&m,
                      "/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceCMYK "
                      "/BitsPerComponent 8",
                      (const char *) pixels, sizeof pixels);
  {
    const char *proc = "1000 0 0 0 1000 1000 d1 0 0 1000 1000 re f";
    glyph = add_stream (&m, "", proc, strlen (proc));
  }
  t3 = add (&m,
            "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 "
            "0.001 0 0] /CharProcs << /sq %u 0 R >> /Encoding << /Type /Encoding /Differences [97 "
            "/sq] >> /FirstChar 97 /LastChar 97 /Widths [1000] /Resources << >> >>",
            glyph);
  font = add (&m, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  sep_fn = add (&m, "<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0 0.8 0.9 0] /N 1 >>");

  {
    g_autofree char *base =
        g_strdup (defect == DEFECT_RGB_BLACK_PAGE
                      ? ""
                      : "0 0 0 1 k 20 20 100 50 re f 0.5 0 0 0 K 1 w 20 80 m 200 80 l S ");
    g_autofree char *stream = g_strconcat (base, content_for (defect), NULL);
    content = add_stream (&m, "", stream, strlen (stream));
  }

  if (defect == DEFECT_NO_BLEED)
    box_text = g_strdup_printf ("/MediaBox [0 0 %.3f %.3f] /TrimBox [0 0 %.3f %.3f]", w - 2 * b,
                                h - 2 * b, w - 2 * b, h - 2 * b);
  else if (defect == DEFECT_NONE_SLUG_MARKS)
    box_text = g_strdup_printf ("/MediaBox [-50 -50 %.3f %.3f] /BleedBox [0 0 %.3f %.3f] /TrimBox "
                                "[%.3f %.3f %.3f %.3f]",
                                w + 50, h + 50, w, h, b, b, w - b, h - b);
  else if (defect == DEFECT_NO_TRIM_BOX)
    box_text = g_strdup_printf ("/MediaBox [0 0 %.3f %.3f]", w, h);
  else
    box_text =
        g_strdup_printf ("/MediaBox [0 0 %.3f %.3f] /BleedBox [0 0 %.3f %.3f] /TrimBox [%.3f "
                         "%.3f %.3f %.3f]",
                         w, h, w, h, b, b, w - b, h - b);
  boxes = box_text;

  n_pages = defect == DEFECT_TOO_MANY_PAGES ? 3 : defect == DEFECT_EMPTY_PAGE ? 2 : 1;
  for (guint i = 0; i < n_pages; i++)
    {
      guint c = content;
      if (defect == DEFECT_EMPTY_PAGE && i == 1)
        c = add_stream (&m, "", " ", 1);
      page_ids[i] = add (
          &m,
          "<< /Type /Page /Parent %u 0 R %s /Contents %u 0 R /Resources << /ExtGState << /GSop << "
          "/OP true /op true /OPM 1 >> /GSa << /ca 0.5 >> >> /XObject << /Im %u 0 R >> /Font << /T3 "
          "%u 0 R /F1 %u 0 R >> /ColorSpace << /CS0 [/Separation /PANTONE#20186#20C /DeviceCMYK %u 0 "
          "R] >> >> >>",
          pages, boxes, c, image, t3, font, sep_fn);
      g_string_append_printf (kids, "%u 0 R ", page_ids[i]);
    }
  set (&m, pages, "<< /Type /Pages /Kids [%s] /Count %u >>", kids->str, n_pages);
  if (defect == DEFECT_NO_OUTPUT_INTENT)
    set (&m, catalog, "<< /Type /Catalog /Pages %u 0 R >>", pages);
  else
    set (&m, catalog, "<< /Type /Catalog /Pages %u 0 R /OutputIntents [%u 0 R] >>", pages, oi);

  offsets = g_new0 (guint64, m.objects->len + 1);
  for (guint i = 0; i < m.objects->len; i++)
    {
      offsets[i + 1] = out->len;
      GString *obj = g_ptr_array_index (m.objects, i);
      g_string_append_printf (out, "%u 0 obj\n", i + 1);
      g_string_append_len (out, obj->str, (gssize) obj->len);
      g_string_append (out, "\nendobj\n");
    }
  xref = out->len;
  g_string_append_printf (out, "xref\n0 %u\n0000000000 65535 f \n", m.objects->len + 1);
  for (guint i = 1; i <= m.objects->len; i++)
    g_string_append_printf (out, "%010" G_GUINT64_FORMAT " 00000 n \n",
                            defect == DEFECT_BROKEN_XREF ? offsets[i] + 3 : offsets[i]);
  g_string_append_printf (
      out,
      "trailer\n<< /Size %u /Root %u 0 R /Info %u 0 R >>\nstartxref\n%" G_GUINT64_FORMAT
      "\n%%%%EOF\n",
      m.objects->len + 1, catalog, info, xref);
  g_assert_true (g_file_set_contents (path, out->str, (gssize) out->len, NULL));
  g_string_free (out, TRUE);
  g_string_free (kids, TRUE);
  g_ptr_array_unref (m.objects);
  return path;
}
