/* puratan-pdf-reader.c: the PDF structure reader
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built on qpdf's C API (qpdf-c.h): it repairs damaged cross-reference tables, decodes
 * every standard stream filter and reports damage as warnings we can show. One reader
 * is used by one thread at a time; object handles are released after every page so that
 * memory does not grow with the page count.
 */
#include "puratan-pdf-reader-private.h"
#include "puratan-content-scan-private.h"
#include "puratan-preflight-error.h"

#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEPT_WARNINGS 20

struct _PuratanPdfReader
{
  qpdf_data q;
  PuratanDocFacts *doc;
};

static void
drain_warnings (PuratanPdfReader *self)
{
  while (qpdf_more_warnings (self->q))
    {
      qpdf_error w = qpdf_next_warning (self->q);
      self->doc->n_warnings++;
      if (self->doc->warnings->len < MAX_KEPT_WARNINGS)
        g_ptr_array_add (self->doc->warnings,
                         g_utf8_make_valid (qpdf_get_error_full_text (self->q, w), -1));
    }
}

/* qpdf keeps its last error until it is fetched; fetching clears it. */
static void
clear_error (qpdf_data q)
{
  if (qpdf_has_error (q))
    qpdf_get_error (q);
}

static char *
dup_text (qpdf_data q, qpdf_oh oh)
{
  if (qpdf_oh_is_string (q, oh))
    return g_utf8_make_valid (qpdf_oh_get_utf8_value (q, oh), -1);
  if (qpdf_oh_is_name (q, oh))
    return g_utf8_make_valid (qpdf_oh_get_name (q, oh) + 1, -1);
  return NULL;
}

/* Finds the value of @key (GTS_PDFXVersion, GTS_PDFXConformance) in XMP, written as an
 * attribute or as an element. */
static char *
xmp_pdfx_value (const char *xmp, gsize len, const char *key)
{
  const char *end = xmp + len;
  const char *p = xmp;

  while ((p = g_strstr_len (p, end - p, key)) != NULL)
    {
      const char *v = p + strlen (key);
      const char *stop;
      while (v < end && (*v == ' ' || *v == '='))
        v++;
      if (v < end && (*v == '"' || *v == '\'' || *v == '>'))
        {
          char close = *v == '>' ? '<' : *v;
          v++;
          stop = memchr (v, close, (size_t) (end - v));
          if (stop != NULL && stop > v && stop - v < 64)
            return g_utf8_make_valid (v, stop - v);
        }
      p += strlen (key);
    }
  return NULL;
}

static void
read_doc_facts (PuratanPdfReader *self)
{
  qpdf_data q = self->q;
  PuratanDocFacts *doc = self->doc;
  qpdf_oh root = qpdf_get_root (q);
  qpdf_oh intents, meta;
  const char *info_version;

  doc->pdf_version = g_strdup (qpdf_get_pdf_version (q));
  doc->encrypted = qpdf_is_encrypted (q);

  /* PDF/X-1a:2001 names its version "PDF/X-1:2001" and its conformance level
   * "PDF/X-1a:2001"; where a conformance level is given, it is the standard the file claims. */
  info_version = qpdf_get_info_key (q, "/GTS_PDFXConformance");
  if (info_version == NULL || *info_version == '\0')
    info_version = qpdf_get_info_key (q, "/GTS_PDFXVersion");
  if (info_version != NULL && *info_version != '\0')
    doc->pdfx_version = g_utf8_make_valid (info_version, -1);

  meta = qpdf_oh_get_key_if_dict (q, root, "/Metadata");
  if (qpdf_oh_is_stream (q, meta))
    {
      unsigned char *buf = NULL;
      size_t len = 0;
      QPDF_BOOL filtered = 0;
      if (!(qpdf_oh_get_stream_data (q, meta, qpdf_dl_generalized, &filtered, &buf, &len) &
            QPDF_ERRORS) &&
          filtered && buf != NULL)
        {
          doc->xmp_has_pdfx_ns =
              g_strstr_len ((const char *) buf, (gssize) len, "www.npes.org/pdfx/ns/id/") != NULL;
          if (doc->pdfx_version == NULL)
            doc->pdfx_version = xmp_pdfx_value ((const char *) buf, len, "GTS_PDFXConformance");
          if (doc->pdfx_version == NULL)
            doc->pdfx_version = xmp_pdfx_value ((const char *) buf, len, "GTS_PDFXVersion");
        }
      free (buf);
    }

  intents = qpdf_oh_get_key_if_dict (q, root, "/OutputIntents");
  for (int i = 0;
       qpdf_oh_is_array (q, intents) && i < qpdf_oh_get_array_n_items (q, intents) && i < 16; i++)
    {
      qpdf_oh oi = qpdf_oh_get_array_item (q, intents, i);
      qpdf_oh profile;
      PuratanOutputIntent *intent;

      if (!qpdf_oh_is_dictionary (q, oi))
        continue;
      intent = g_new0 (PuratanOutputIntent, 1);
      intent->subtype = dup_text (q, qpdf_oh_get_key (q, oi, "/S"));
      intent->condition = dup_text (q, qpdf_oh_get_key (q, oi, "/OutputConditionIdentifier"));
      intent->info = dup_text (q, qpdf_oh_get_key (q, oi, "/Info"));
      profile = qpdf_oh_get_key (q, oi, "/DestOutputProfile");
      if (qpdf_oh_is_stream (q, profile))
        intent->profile_channels =
            puratan_oh_int (q, qpdf_oh_get_key_if_dict (q, qpdf_oh_get_dict (q, profile), "/N"), 0);
      g_ptr_array_add (doc->output_intents, intent);
    }
}

/**
 * puratan_pdf_reader_open:
 * @path: a PDF file
 * @error: return location for a #PURATAN_PREFLIGHT_ERROR
 *
 * Opens @path and reads its document-level facts. Damage qpdf can repair is kept as
 * warnings; a file that needs a password or cannot be repaired is an error.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with @error set
 */
PuratanPdfReader *
puratan_pdf_reader_open (const char *path, GError **error)
{
  g_autoptr (PuratanPdfReader) self = NULL;
  int pages;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_UNREADABLE,
                   "The file %s does not exist or is not a regular file", path);
      return NULL;
    }

  self = g_new0 (PuratanPdfReader, 1);
  self->q = qpdf_init ();
  self->doc = g_new0 (PuratanDocFacts, 1);
  self->doc->output_intents =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_output_intent_free);
  self->doc->warnings = g_ptr_array_new_with_free_func (g_free);
  qpdf_silence_errors (self->q);
  qpdf_set_suppress_warnings (self->q, 1);

  if (qpdf_read (self->q, path, NULL) & QPDF_ERRORS)
    {
      qpdf_error e = qpdf_get_error (self->q);
      const char *detail = e ? qpdf_get_error_message_detail (self->q, e) : "unknown damage";
      g_autofree char *clean = g_utf8_make_valid (detail, -1);

      if (e != NULL && qpdf_get_error_code (self->q, e) == qpdf_e_password)
        g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_ENCRYPTED,
                     "The PDF is protected with a password, so it cannot be checked or printed; "
                     "save it again without a password");
      else if (e != NULL && qpdf_get_error_code (self->q, e) == qpdf_e_system)
        g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_UNREADABLE,
                     "The file %s cannot be read: %s", path, clean);
      else
        g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_DAMAGED,
                     "The file is not a PDF or is too damaged to check (%s); export it again "
                     "from the design program",
                     clean);
      return NULL;
    }

  pages = qpdf_get_num_pages (self->q);
  if (qpdf_has_error (self->q) || pages <= 0)
    {
      clear_error (self->q);
      g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_DAMAGED,
                   "The PDF has no readable pages; export it again from the design program");
      return NULL;
    }
  self->doc->n_pages = (guint) pages;
  read_doc_facts (self);
  drain_warnings (self);
  clear_error (self->q);
  qpdf_oh_release_all (self->q);
  return g_steal_pointer (&self);
}

/* Returns (transfer none) the document-level facts. */
const PuratanDocFacts *
puratan_pdf_reader_get_doc_facts (PuratanPdfReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->doc;
}

static qpdf_oh
inherited (qpdf_data q, qpdf_oh page, const char *key)
{
  qpdf_oh node = page;
  for (int i = 0; i < 32 && qpdf_oh_is_dictionary (q, node); i++)
    {
      qpdf_oh v = qpdf_oh_get_key (q, node, key);
      if (!qpdf_oh_is_null (q, v))
        return v;
      node = qpdf_oh_get_key (q, node, "/Parent");
    }
  return qpdf_oh_new_null (q);
}

static gboolean
read_box (qpdf_data q, qpdf_oh box, PuratanRect *out)
{
  double v[4];

  if (!qpdf_oh_is_array (q, box) || qpdf_oh_get_array_n_items (q, box) != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      qpdf_oh item = qpdf_oh_get_array_item (q, box, i);
      if (!qpdf_oh_is_number (q, item))
        return FALSE;
      v[i] = qpdf_oh_get_numeric_value (q, item);
    }
  out->x0 = MIN (v[0], v[2]);
  out->x1 = MAX (v[0], v[2]);
  out->y0 = MIN (v[1], v[3]);
  out->y1 = MAX (v[1], v[3]);
  return out->x1 - out->x0 > 0.01 && out->y1 - out->y0 > 0.01;
}

static void
read_geometry (qpdf_data q, qpdf_oh page, PuratanRect *media, int *rotate)
{
  if (!read_box (q, inherited (q, page, "/MediaBox"), media))
    *media = (PuratanRect){ 0, 0, 612, 792 };
  *rotate = puratan_oh_int (q, inherited (q, page, "/Rotate"), 0);
}

/**
 * puratan_pdf_reader_page_geometry:
 * @reader: the reader
 * @number: page number, 1-based
 * @bleed: (out): the area that will be printed: the BleedBox, which defaults to the
 *   CropBox and then the MediaBox, clipped to the MediaBox
 * @rotate: (out): the /Rotate value
 *
 * Reads only the geometry of a page, without its content.
 */
void
puratan_pdf_reader_page_geometry (PuratanPdfReader *self,
                                  guint number,
                                  PuratanRect *bleed,
                                  int *rotate)
{
  qpdf_oh page;
  PuratanRect media, box;

  g_return_if_fail (self != NULL);
  g_return_if_fail (number >= 1 && number <= self->doc->n_pages);

  clear_error (self->q);
  page = qpdf_get_page_n (self->q, number - 1);
  read_geometry (self->q, page, &media, rotate);
  if (!read_box (self->q, qpdf_oh_get_key (self->q, page, "/BleedBox"), &box) &&
      !read_box (self->q, inherited (self->q, page, "/CropBox"), &box))
    box = media;
  *bleed = (PuratanRect){ MAX (box.x0, media.x0), MAX (box.y0, media.y0), MIN (box.x1, media.x1),
                          MIN (box.y1, media.y1) };
  if (bleed->x1 - bleed->x0 < 1 || bleed->y1 - bleed->y0 < 1)
    *bleed = media;
  clear_error (self->q);
  qpdf_oh_release_all (self->q);
}

/**
 * puratan_pdf_reader_scan_page:
 * @reader: the reader
 * @number: page number, 1-based, at most the page count
 * @limits: thresholds for lines and text
 *
 * Reads the boxes and the content of one page.
 *
 * Returns: (transfer full): the page's facts; damage is recorded in them, never fatal
 */
PuratanPageFacts *
puratan_pdf_reader_scan_page (PuratanPdfReader *self, guint number, const PuratanScanLimits *limits)
{
  PuratanPageFacts *facts;
  qpdf_data q;
  qpdf_oh page;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (number >= 1 && number <= self->doc->n_pages, NULL);

  q = self->q;
  facts = puratan_page_facts_new (number);
  clear_error (q);
  page = qpdf_get_page_n (q, number - 1);
  if (qpdf_has_error (q) || !qpdf_oh_is_dictionary (q, page))
    {
      facts->scan_failed = TRUE;
      facts->scan_problem = g_strdup ("the page object is missing or damaged");
      return facts;
    }

  read_geometry (q, page, &facts->media, &facts->rotate);
  facts->has_crop = read_box (q, inherited (q, page, "/CropBox"), &facts->crop);
  if (!facts->has_crop)
    facts->crop = facts->media;
  facts->has_bleed = read_box (q, qpdf_oh_get_key (q, page, "/BleedBox"), &facts->bleed);
  facts->has_trim = read_box (q, qpdf_oh_get_key (q, page, "/TrimBox"), &facts->trim);

  puratan_content_scan_page (q, page, limits, facts);
  drain_warnings (self);
  clear_error (q);
  qpdf_oh_release_all (q);
  return facts;
}

void
puratan_pdf_reader_free (PuratanPdfReader *self)
{
  if (self == NULL)
    return;
  qpdf_cleanup (&self->q);
  puratan_doc_facts_free (self->doc);
  g_free (self);
}
