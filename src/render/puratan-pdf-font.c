/* puratan-pdf-font.c: fonts subset with HarfBuzz and embedded as CID fonts
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each TrueType face becomes a Type0 font with a CIDFontType2 descendant, its subset in
 * FontFile2, and a ToUnicode CMap. CIDs are handed out per (glyph, text) pair and mapped
 * to glyphs by a CIDToGIDMap, so one glyph used for two different texts (a Devanagari
 * conjunct part, say) still copies out as the right text in both places.
 *
 * In PDF/X-4, an OpenType face with PostScript (CFF) outlines becomes a CIDFontType0 with
 * its subset in FontFile3/OpenType. There CIDs are glyph ids (a name-keyed CFF has no other
 * mapping), so a glyph copies out as the first text it was used for; multi-glyph clusters
 * still carry ActualText. PDF/X-1a (PDF 1.3) cannot embed OpenType, and CID-keyed CFF
 * (CJK) fonts would need their charset mapped; both are refused with a clear error.
 */
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include "puratan-core.h"
#include "puratan-pdf-private.h"

struct _PuratanPdfFont
{
  hb_face_t *face;
  hb_font_t *metrics; /* scaled to units per em */
  guint upem;
  guint type0; /* object number */
  char *resource;
  gboolean cff;     /* PostScript outlines: CID = glyph id */
  GHashTable *cids; /* TrueType: "glyph\x1ftext" → CID; CFF: "glyph" → CID */
  GArray *gids;     /* guint per entry; for TrueType the entry index is the CID */
  GPtrArray *texts; /* UTF-8 per entry */
};

/* The CID of entry @i. */
static guint
entry_cid (PuratanPdfFont *font, guint i)
{
  return font->cff ? g_array_index (font->gids, guint, i) : i;
}

void
puratan_pdf_font_free (PuratanPdfFont *font)
{
  if (font == NULL)
    return;
  hb_font_destroy (font->metrics);
  hb_face_destroy (font->face);
  g_free (font->resource);
  g_hash_table_unref (font->cids);
  g_array_unref (font->gids);
  g_ptr_array_unref (font->texts);
  g_free (font);
}

/* Reads a CFF INDEX at @offset; returns the offset past it and the first item's bounds. */
static gsize
cff_index (const guint8 *p, gsize n, gsize offset, gsize *first, gsize *first_end)
{
  guint count, size;
  gsize data;
  guint32 off[2] = { 0, 0 };

  if (offset + 3 > n)
    return 0;
  count = (p[offset] << 8) | p[offset + 1];
  if (count == 0)
    return offset + 2;
  size = p[offset + 2];
  if (size < 1 || size > 4 || offset + 3 + (gsize) (count + 1) * size > n)
    return 0;
  for (int k = 0; k < 2; k++)
    for (guint b = 0; b < size; b++)
      off[k] = (off[k] << 8) | p[offset + 3 + k * size + b];
  data = offset + 3 + (gsize) (count + 1) * size - 1;
  *first = data + off[0];
  *first_end = data + off[1];
  {
    guint32 last = 0;
    for (guint b = 0; b < size; b++)
      last = (last << 8) | p[offset + 3 + count * size + b];
    return data + last;
  }
}

/* Whether a CFF table is CID-keyed: its Top DICT has the ROS operator (12 30). Unreadable
 * tables count as CID-keyed, which refuses them. */
static gboolean
cff_is_cid_keyed (hb_face_t *face)
{
  hb_blob_t *blob = hb_face_reference_table (face, HB_TAG ('C', 'F', 'F', ' '));
  unsigned int n = 0;
  const guint8 *p = (const guint8 *) hb_blob_get_data (blob, &n);
  gsize first = 0, end = 0, next;
  gboolean cid_keyed = TRUE;

  if (n < 4)
    goto out;
  next = cff_index (p, n, p[2], &first, &end); /* Name INDEX */
  if (next == 0 || cff_index (p, n, next, &first, &end) == 0 || end > n || first > end)
    goto out;
  cid_keyed = FALSE;
  for (gsize i = first; i < end;)
    {
      guint8 b = p[i];
      if (b == 12)
        {
          if (i + 1 < end && p[i + 1] == 30)
            cid_keyed = TRUE;
          i += 2;
        }
      else if (b <= 21)
        i++;
      else if (b == 28)
        i += 3;
      else if (b == 29)
        i += 5;
      else if (b == 30)
        {
          for (i++; i < end && (p[i] & 0x0f) != 0x0f && (p[i] & 0xf0) != 0xf0; i++)
            ;
          i++;
        }
      else if (b >= 247 && b <= 254)
        i += 2;
      else
        i++;
    }

out:
  hb_blob_destroy (blob);
  return cid_keyed;
}

static gboolean
has_table (hb_face_t *face, hb_tag_t tag)
{
  hb_blob_t *blob = hb_face_reference_table (face, tag);
  gboolean present = hb_blob_get_length (blob) > 0;

  hb_blob_destroy (blob);
  return present;
}

/**
 * puratan_pdf_font_for:
 * @pdf: the writer
 * @font: a font Pango chose for a run of text
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the PDF font for @font's face, registered on first
 *   use, or %NULL with %PURATAN_ERROR_INVALID_INPUT for a face it cannot embed
 */
PuratanPdfFont *
puratan_pdf_font_for (PuratanPdf *pdf, PangoFont *font, GError **error)
{
  hb_face_t *face = hb_font_get_face (pango_font_get_hb_font (font));
  PuratanPdfFont *pf = g_hash_table_lookup (pdf->font_index, face);
  guint notdef = 0;
  gboolean cff;

  if (pf != NULL)
    return pf;
  cff = !has_table (face, HB_TAG ('g', 'l', 'y', 'f'));
  if (cff && (!has_table (face, HB_TAG ('C', 'F', 'F', ' ')) || pdf->standard != PURATAN_PDF_X4 ||
              cff_is_cid_keyed (face)))
    {
      g_autoptr (PangoFontDescription) desc = pango_font_describe (font);
      g_autofree char *name = pango_font_description_to_string (desc);
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   pdf->standard == PURATAN_PDF_X4 || !has_table (face, HB_TAG ('C', 'F', 'F', ' '))
                       ? "The font “%s” has outlines the print PDF writer cannot embed (CFF2 or "
                         "CID-keyed CFF); choose a TrueType font such as Noto Sans"
                       : "The font “%s” has PostScript outlines, which PDF/X-1a cannot embed; "
                         "export as PDF/X-4 or choose a TrueType font such as Noto Sans",
                   name);
      return NULL;
    }
  pf = g_new0 (PuratanPdfFont, 1);
  pf->cff = cff;
  pf->face = hb_face_reference (face);
  pf->upem = hb_face_get_upem (face);
  pf->metrics = hb_font_create (face);
  pf->type0 = puratan_pdf_alloc (pdf);
  pf->resource = g_strdup_printf ("F%u", pdf->fonts->len);
  pf->cids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pf->gids = g_array_new (FALSE, FALSE, sizeof (guint));
  pf->texts = g_ptr_array_new_with_free_func (g_free);
  g_array_append_val (pf->gids, notdef); /* CID 0 is .notdef */
  g_ptr_array_add (pf->texts, g_strdup (""));
  g_ptr_array_add (pdf->fonts, pf);
  g_hash_table_insert (pdf->font_index, face, pf);
  g_string_append_printf (pdf->res_fonts, "/%s %u 0 R\n", pf->resource, pf->type0);
  return pf;
}

const char *
puratan_pdf_font_resource (PuratanPdfFont *font)
{
  return font->resource;
}

/* The advance of a glyph in thousandths of the font size. */
static double
advance (PuratanPdfFont *font, guint glyph)
{
  return hb_font_get_glyph_h_advance (font->metrics, glyph) * 1000.0 / font->upem;
}

/**
 * puratan_pdf_font_cid:
 * @font: a PDF font
 * @glyph: a glyph id of its face
 * @text: the text the glyph stands for
 * @length: bytes of @text, or -1
 *
 * Returns: the CID to show @glyph with, copying out as @text
 */
guint
puratan_pdf_font_cid (PuratanPdfFont *font, guint glyph, const char *text, gssize length)
{
  g_autofree char *utf8 = g_strndup (text, length < 0 ? strlen (text) : (gsize) length);
  g_autofree char *key =
      font->cff ? g_strdup_printf ("%u", glyph) : g_strdup_printf ("%u\x1f%s", glyph, utf8);
  gpointer found;
  guint cid;

  if (glyph == 0)
    return 0;
  if (g_hash_table_lookup_extended (font->cids, key, NULL, &found))
    return GPOINTER_TO_UINT (found);
  cid = font->cff ? glyph : font->gids->len;
  if (cid > 0xfffe)
    return 0;
  g_array_append_val (font->gids, glyph);
  g_ptr_array_add (font->texts, g_steal_pointer (&utf8));
  g_hash_table_insert (font->cids, g_steal_pointer (&key), GUINT_TO_POINTER (cid));
  return cid;
}

/* The advance of the glyph behind a CID, in thousandths of the font size. */
double
puratan_pdf_font_advance (PuratanPdfFont *font, guint cid)
{
  return advance (font, font->cff ? cid : g_array_index (font->gids, guint, cid));
}

static char *
postscript_name (PuratanPdfFont *font)
{
  char buffer[64];
  unsigned int size = sizeof buffer;
  GString *name = g_string_new (NULL);

  if (hb_ot_name_get_utf8 (font->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size,
                           buffer) == 0)
    g_strlcpy (buffer, "Font", sizeof buffer);
  for (const char *p = buffer; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || *p == '-')
      g_string_append_c (name, *p);
  if (name->len == 0)
    g_string_append (name, "Font");
  return g_string_free (name, FALSE);
}

static void
write_to_unicode (PuratanPdf *pdf, PuratanPdfFont *font, guint number)
{
  g_autoptr (GString) cmap =
      g_string_new ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  guint n = font->texts->len - 1;

  for (guint start = 1; start <= n; start += 100)
    {
      guint count = MIN (100, n - start + 1);
      g_string_append_printf (cmap, "%u beginbfchar\n", count);
      for (guint i = start; i < start + count; i++)
        {
          glong units = 0;
          g_autofree gunichar2 *utf16 =
              g_utf8_to_utf16 (font->texts->pdata[i], -1, NULL, &units, NULL);
          g_string_append_printf (cmap, "<%04X> <", entry_cid (font, i));
          if (units == 0)
            g_string_append (cmap, "FFFD");
          for (glong u = 0; u < units && u < 256; u++)
            g_string_append_printf (cmap, "%04X", utf16[u]);
          g_string_append (cmap, ">\n");
        }
      g_string_append (cmap, "endbfchar\n");
    }
  g_string_append (cmap, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  puratan_pdf_stream (pdf, number, NULL, (const guint8 *) cmap->str, cmap->len, TRUE);
}

static gboolean
write_font (PuratanPdf *pdf, PuratanPdfFont *font, GError **error)
{
  hb_subset_input_t *input = hb_subset_input_create_or_fail ();
  hb_face_t *subset;
  hb_blob_t *blob;
  unsigned int size = 0;
  const char *data;
  g_autofree char *ps = postscript_name (font);
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char tag[7];
  guint file = puratan_pdf_alloc (pdf), descriptor = puratan_pdf_alloc (pdf);
  guint cidfont = puratan_pdf_alloc (pdf), to_unicode = puratan_pdf_alloc (pdf);
  guint map = font->cff ? 0 : puratan_pdf_alloc (pdf);
  g_autoptr (GString) widths = g_string_new ("[");
  g_autoptr (GByteArray) cid_to_gid = g_byte_array_new ();
  hb_font_extents_t extents = { 0 };
  hb_blob_t *head;
  const guint8 *h;
  int bbox[4] = { 0, -200, 1000, 900 };
  g_autofree char *dictionary = NULL;

  if (input == NULL)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                           "Out of memory subsetting fonts");
      return FALSE;
    }
  for (guint cid = 0; cid < font->gids->len; cid++)
    {
      guint gid = g_array_index (font->gids, guint, cid);
      guint8 pair[2] = { gid >> 8, gid & 0xff };
      hb_set_add (hb_subset_input_glyph_set (input), gid);
      g_checksum_update (checksum, pair, 2);
      g_byte_array_append (cid_to_gid, pair, 2);
    }
  hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);
  subset = hb_subset_or_fail (font->face, input);
  hb_subset_input_destroy (input);
  if (subset == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The font “%s” cannot be subset for embedding; choose another font", ps);
      return FALSE;
    }
  blob = hb_face_reference_blob (subset);
  data = hb_blob_get_data (blob, &size);
  g_checksum_update (checksum, (const guchar *) ps, -1);
  {
    const char *digest = g_checksum_get_string (checksum);
    for (int i = 0; i < 6; i++)
      tag[i] = 'A' + (g_ascii_xdigit_value (digest[i * 2]) * 16 +
                      g_ascii_xdigit_value (digest[i * 2 + 1])) %
                         26;
    tag[6] = '\0';
  }
  dictionary = font->cff ? g_strdup ("/Subtype /OpenType") : g_strdup_printf ("/Length1 %u", size);
  puratan_pdf_stream (pdf, file, dictionary, (const guint8 *) data, size, TRUE);
  hb_blob_destroy (blob);
  hb_face_destroy (subset);

  hb_font_get_h_extents (font->metrics, &extents);
  head = hb_face_reference_table (font->face, HB_TAG ('h', 'e', 'a', 'd'));
  h = (const guint8 *) hb_blob_get_data (head, &size);
  if (size >= 44)
    for (int i = 0; i < 4; i++)
      bbox[i] = (gint16) ((h[36 + 2 * i] << 8) | h[37 + 2 * i]) * 1000 / (int) font->upem;
  hb_blob_destroy (head);

  puratan_pdf_object (pdf, descriptor,
                      "<< /Type /FontDescriptor /FontName /%s+%s /Flags 4 /FontBBox [%d %d %d %d] "
                      "/ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80 "
                      "/FontFile%d %u 0 R >>",
                      tag, ps, bbox[0], bbox[1], bbox[2], bbox[3],
                      (int) (extents.ascender * 1000 / (int) font->upem),
                      (int) (extents.descender * 1000 / (int) font->upem),
                      (int) (extents.ascender * 1000 / (int) font->upem), font->cff ? 3 : 2, file);
  for (guint i = 1; i < font->gids->len; i++)
    {
      g_string_append_printf (widths, "%u [", entry_cid (font, i));
      puratan_pdf_num (widths, advance (font, g_array_index (font->gids, guint, i)));
      g_string_append (widths, "] ");
    }
  g_string_append (widths, "]");
  if (font->cff)
    puratan_pdf_object (pdf, cidfont,
                        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /%s+%s "
                        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 "
                        ">> /FontDescriptor %u 0 R /DW 0 /W %s >>",
                        tag, ps, descriptor, widths->str);
  else
    {
      puratan_pdf_stream (pdf, map, NULL, cid_to_gid->data, cid_to_gid->len, TRUE);
      puratan_pdf_object (pdf, cidfont,
                          "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s+%s "
                          "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 "
                          ">> /FontDescriptor %u 0 R /DW 0 /W %s /CIDToGIDMap %u 0 R >>",
                          tag, ps, descriptor, widths->str, map);
    }
  write_to_unicode (pdf, font, to_unicode);
  puratan_pdf_object (pdf, font->type0,
                      "<< /Type /Font /Subtype /Type0 /BaseFont /%s+%s /Encoding /Identity-H "
                      "/DescendantFonts [%u 0 R] /ToUnicode %u 0 R >>",
                      tag, ps, cidfont, to_unicode);
  return TRUE;
}

/**
 * puratan_pdf_fonts_write:
 * @pdf: the writer
 * @error: return location for a #GError
 *
 * Subsets and writes every font the pages used. Call once, after the last page.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
puratan_pdf_fonts_write (PuratanPdf *pdf, GError **error)
{
  for (guint i = 0; i < pdf->fonts->len; i++)
    if (!write_font (pdf, pdf->fonts->pdata[i], error))
      return FALSE;
  return TRUE;
}
