/* puratan-pdf-export.c: the print PDF: pages, PDF/X keys, output intent and metadata
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "puratan-core.h"
#include "puratan-pdf-private.h"

/**
 * puratan_pdf_options_init:
 * @options: options to reset
 *
 * Sets the defaults: PDF/X-4, no marks, the shop's default press condition, the current date.
 */
void
puratan_pdf_options_init (PuratanPdfOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->standard = PURATAN_PDF_X4;
}

static void
string_free (GString *s)
{
  g_string_free (s, TRUE);
}

static void
pdf_clear (PuratanPdf *pdf)
{
  puratan_pdf_color_clear (pdf);
  g_clear_pointer (&pdf->out, string_free);
  g_clear_pointer (&pdf->offsets, g_array_unref);
  g_clear_pointer (&pdf->res_fonts, string_free);
  g_clear_pointer (&pdf->res_spaces, string_free);
  g_clear_pointer (&pdf->res_states, string_free);
  g_clear_pointer (&pdf->res_images, string_free);
  g_clear_pointer (&pdf->spaces, g_hash_table_unref);
  g_clear_pointer (&pdf->states, g_hash_table_unref);
  g_clear_pointer (&pdf->images, g_hash_table_unref);
  g_clear_pointer (&pdf->placed, g_hash_table_unref);
  g_clear_pointer (&pdf->masked, g_hash_table_unref);
  g_clear_pointer (&pdf->fonts, g_ptr_array_unref);
  g_clear_pointer (&pdf->font_index, g_hash_table_unref);
  g_clear_object (&pdf->text);
}

static void
free_string (gpointer p)
{
  g_free (p);
}

static void
pdf_init (PuratanPdf *pdf, PuratanDocument *doc, PuratanPdfStandard standard)
{
  memset (pdf, 0, sizeof *pdf);
  pdf->doc = doc;
  pdf->standard = standard;
  pdf->out = g_string_sized_new (64 * 1024);
  pdf->offsets = g_array_new (FALSE, TRUE, sizeof (gsize));
  g_array_set_size (pdf->offsets, 1);
  pdf->res_fonts = g_string_new (NULL);
  pdf->res_spaces = g_string_new (NULL);
  pdf->res_states = g_string_new (NULL);
  pdf->res_images = g_string_new (NULL);
  pdf->spaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_string);
  pdf->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_string);
  pdf->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_string);
  pdf->placed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, puratan_pdf_placed_free);
  pdf->masked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pdf->fonts = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_pdf_font_free);
  pdf->font_index = g_hash_table_new (g_direct_hash, g_direct_equal);
  pdf->text = puratan_render_text_context_new ();
}

/* How far an export has come, and whether it should go on. The steps are one per page, one
 * for the fonts and one for the output; the caller reports the last. */
typedef struct
{
  GCancellable *cancellable;
  PuratanPdfProgressFunc func;
  gpointer data;
  guint n_steps;
} Progress;

static void
progress_report (Progress *progress, double steps_done)
{
  if (progress->func != NULL && progress->n_steps > 0)
    progress->func (MIN (steps_done / progress->n_steps, 1.0), progress->data);
}

/* Returns FALSE with G_IO_ERROR_CANCELLED once the export is cancelled. */
static gboolean
progress_go_on (Progress *progress, GError **error)
{
  return !g_cancellable_set_error_if_cancelled (progress->cancellable, error);
}

static void
box (GString *s, const char *key, double x0, double y0, double x1, double y1)
{
  const double v[4] = { x0, y0, x1, y1 };

  g_string_append_printf (s, " /%s [", key);
  for (int i = 0; i < 4; i++)
    {
      puratan_pdf_num (s, v[i]);
      g_string_append (s, i < 3 ? " " : "]");
    }
}

static gboolean
write_page (PuratanPdf *pdf,
            const PuratanPdfOptions *options,
            guint index,
            guint parent,
            guint resources,
            const char *slug,
            GString *kids,
            Progress *progress,
            GError **error)
{
  const PuratanDocPage *page = puratan_document_get_page (pdf->doc, index);
  double margin = puratan_pdf_marks_margin (options);
  double inset = margin + page->bleed;
  double mw = page->width + 2 * inset, mh = page->height + 2 * inset;
  g_autoptr (GString) content = g_string_sized_new (4096);
  g_autoptr (GString) dict = g_string_new ("<< /Type /Page");
  g_autoptr (GPtrArray) one = g_ptr_array_sized_new (1);
  guint contents, number;

  puratan_pdf_ops (content, (const double[6]){ 1, 0, 0, -1, inset, mh - inset }, 6, "cm");
  /* Item by item, so that a cancel need not wait for a page full of images to be encoded. */
  for (guint i = 0; i < page->items->len; i++)
    {
      if (!progress_go_on (progress, error))
        return FALSE;
      g_ptr_array_set_size (one, 0);
      g_ptr_array_add (one, page->items->pdata[i]);
      if (!puratan_pdf_draw_items (pdf, content, one, error))
        return FALSE;
    }
  if (options->marks && !puratan_pdf_draw_marks (pdf, content, page, index + 1, slug, error))
    return FALSE;

  contents = puratan_pdf_alloc (pdf);
  puratan_pdf_stream (pdf, contents, NULL, (const guint8 *) content->str, content->len, TRUE);
  number = puratan_pdf_alloc (pdf);
  g_string_append_printf (dict, " /Parent %u 0 R", parent);
  box (dict, "MediaBox", 0, 0, mw, mh);
  box (dict, "BleedBox", margin, margin, mw - margin, mh - margin);
  box (dict, "TrimBox", inset, inset, mw - inset, mh - inset);
  /* Transparency blends in the press's CMYK, as the output intent describes it. */
  if (pdf->page_transparent)
    g_string_append (dict, " /Group << /Type /Group /S /Transparency /CS /DeviceCMYK >>");
  g_string_append_printf (dict, " /Resources %u 0 R /Contents %u 0 R >>", resources, contents);
  puratan_pdf_object (pdf, number, "%s", dict->str);
  g_string_append_printf (kids, "%u 0 R ", number);
  return TRUE;
}

static void
write_resources (PuratanPdf *pdf, guint number)
{
  g_autoptr (GString) s = g_string_new ("<< /ProcSet [/PDF /Text /ImageB /ImageC]");

  if (pdf->srgb_space != 0 && strstr (pdf->res_spaces->str, "/CSrgb") == NULL)
    g_string_append_printf (pdf->res_spaces, "/CSrgb %u 0 R\n", pdf->srgb_space);
  g_string_append_printf (s, "\n/Font << %s>>", pdf->res_fonts->str);
  g_string_append_printf (s, "\n/ColorSpace << %s>>", pdf->res_spaces->str);
  g_string_append_printf (s, "\n/ExtGState << %s>>", pdf->res_states->str);
  g_string_append_printf (s, "\n/XObject << %s>> >>", pdf->res_images->str);
  puratan_pdf_object (pdf, number, "%s", s->str);
}

static char *
xml_escape (const char *text)
{
  return g_markup_escape_text (text, -1);
}

static void
write_metadata (PuratanPdf *pdf, guint number, const char *title, GDateTime *date, const char *id)
{
  g_autofree char *when = g_date_time_format (date, "%Y-%m-%dT%H:%M:%S+00:00");
  g_autofree char *escaped = xml_escape (title);
  g_autofree char *uuid =
      g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", id, id + 8, id + 12, id + 16, id + 20);
  g_autoptr (GString) x = g_string_new ("<?xpacket begin=\"\xEF\xBB\xBF\" "
                                        "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");

  g_string_append (
      x, "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
         "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
         "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" "
         "xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\" "
         "xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\" "
         "xmlns:pdfx=\"http://ns.adobe.com/pdfx/1.3/\">\n"
         "<dc:format>application/pdf</dc:format>\n");
  g_string_append_printf (x,
                          "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li>"
                          "</rdf:Alt></dc:title>\n"
                          "<xmp:CreateDate>%s</xmp:CreateDate>\n"
                          "<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                          "<xmp:MetadataDate>%s</xmp:MetadataDate>\n"
                          "<xmp:CreatorTool>Puratan Studio " PACKAGE_VERSION "</xmp:CreatorTool>\n"
                          "<pdf:Producer>Puratan Studio " PACKAGE_VERSION "</pdf:Producer>\n"
                          "<pdf:Trapped>False</pdf:Trapped>\n"
                          "<xmpMM:DocumentID>uuid:%s</xmpMM:DocumentID>\n"
                          "<xmpMM:InstanceID>uuid:%s</xmpMM:InstanceID>\n"
                          "<xmpMM:VersionID>1</xmpMM:VersionID>\n"
                          "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n",
                          escaped, when, when, when, uuid, uuid);
  if (pdf->standard == PURATAN_PDF_X4)
    g_string_append (x, "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n");
  else
    g_string_append (x, "<pdfx:GTS_PDFXVersion>PDF/X-1:2001</pdfx:GTS_PDFXVersion>\n"
                        "<pdfx:GTS_PDFXConformance>PDF/X-1a:2001</pdfx:GTS_PDFXConformance>\n");
  g_string_append (x, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
  puratan_pdf_stream (pdf, number, "/Type /Metadata /Subtype /XML", (const guint8 *) x->str, x->len,
                      FALSE);
}

static void
write_info (PuratanPdf *pdf, guint number, const char *title, GDateTime *date)
{
  g_autofree char *when = g_date_time_format (date, "D:%Y%m%d%H%M%S+00'00'");
  g_autoptr (GString) s = g_string_new ("<< /Title ");

  puratan_pdf_string (s, title);
  g_string_append_printf (s,
                          " /Creator (Puratan Studio %s) /Producer (Puratan Studio %s) "
                          "/CreationDate (%s) /ModDate (%s) /Trapped /False",
                          PACKAGE_VERSION, PACKAGE_VERSION, when, when);
  if (pdf->standard == PURATAN_PDF_X1A)
    g_string_append (s, " /GTS_PDFXVersion (PDF/X-1:2001) /GTS_PDFXConformance (PDF/X-1a:2001)");
  g_string_append (s, " >>");
  puratan_pdf_object (pdf, number, "%s", s->str);
}

static void
finish (PuratanPdf *pdf, guint root, guint info, const char *id)
{
  gsize xref = pdf->out->len;

  g_string_append_printf (pdf->out, "xref\n0 %u\n0000000000 65535 f \n", pdf->offsets->len);
  for (guint i = 1; i < pdf->offsets->len; i++)
    g_string_append_printf (pdf->out, "%010" G_GSIZE_FORMAT " 00000 n \n",
                            g_array_index (pdf->offsets, gsize, i));
  g_string_append_printf (pdf->out,
                          "trailer\n<< /Size %u /Root %u 0 R /Info %u 0 R /ID [<%.32s> <%.32s>] "
                          ">>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          pdf->offsets->len, root, info, id, id, xref);
}

/* Subsets and writes the fonts one at a time: puratan_pdf_fonts_write() writes those in
 * pdf->fonts, so handing it each font alone lets a cancel stop between them and lets the
 * progress move on with each. */
static gboolean
write_fonts (PuratanPdf *pdf, guint n_pages, Progress *progress, GError **error)
{
  g_autoptr (GPtrArray) all = g_steal_pointer (&pdf->fonts);
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < all->len; i++)
    {
      ok = progress_go_on (progress, error);
      if (!ok)
        break;
      pdf->fonts = g_ptr_array_new ();
      g_ptr_array_add (pdf->fonts, all->pdata[i]);
      ok = puratan_pdf_fonts_write (pdf, error);
      g_clear_pointer (&pdf->fonts, g_ptr_array_unref);
      if (ok)
        progress_report (progress, n_pages + (double) (i + 1) / all->len);
    }
  pdf->fonts = g_steal_pointer (&all);
  if (ok && pdf->fonts->len == 0)
    progress_report (progress, n_pages + 1);
  return ok;
}

static gboolean
export_pages (PuratanPdf *pdf,
              const PuratanPdfOptions *options,
              GDateTime *date,
              Progress *progress,
              GError **error)
{
  guint n = puratan_document_get_n_pages (pdf->doc);
  guint catalog = puratan_pdf_alloc (pdf), pages = puratan_pdf_alloc (pdf);
  guint resources = puratan_pdf_alloc (pdf), info = puratan_pdf_alloc (pdf);
  guint metadata = puratan_pdf_alloc (pdf), icc = puratan_pdf_alloc (pdf);
  const char *title = puratan_document_get_title (pdf->doc);
  g_autoptr (GString) kids = g_string_new (NULL);
  g_autoptr (GString) intent = g_string_new (NULL);
  g_autofree char *json = puratan_document_to_json (pdf->doc);
  g_autofree char *stamp = g_date_time_format (date, "%Y-%m-%d %H:%M UTC");
  g_autofree char *slug = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *id = NULL;
  gsize icc_size = 0;
  const guint8 *icc_data = g_bytes_get_data (pdf->press_icc, &icc_size);

  if (n == 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "The design has no pages to export");
      return FALSE;
    }
  slug = g_strdup_printf ("%s  ·  %s  ·  %s  ·  %s", title,
                          pdf->standard == PURATAN_PDF_X4 ? "PDF/X-4" : "PDF/X-1a",
                          pdf->press->characterisation != NULL ? pdf->press->characterisation
                                                               : pdf->press->condition->id,
                          stamp);
  seed = g_strdup_printf ("%s\n%d\n%s\n%d\n%s", json, pdf->standard, pdf->press->condition->id,
                          options->marks, stamp);
  id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);

  g_string_append (pdf->out, pdf->standard == PURATAN_PDF_X4 ? "%PDF-1.6\n" : "%PDF-1.3\n");
  g_string_append (pdf->out, "%\xE2\xE3\xCF\xD3\n");
  for (guint i = 0; i < n; i++)
    {
      if (!write_page (pdf, options, i, pages, resources, slug, kids, progress, error))
        return FALSE;
      progress_report (progress, i + 1);
    }
  if (!write_fonts (pdf, n, progress, error) || !progress_go_on (progress, error))
    return FALSE;
  write_resources (pdf, resources);
  puratan_pdf_object (pdf, pages, "<< /Type /Pages /Kids [%s] /Count %u >>", kids->str, n);
  puratan_pdf_stream (pdf, icc, "/N 4", icc_data, icc_size, TRUE);
  /* A registered characterisation is named by its identifier in the ICC registry; any other
   * press condition is "Custom" and described by its embedded profile. */
  g_string_append (intent, "<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier ");
  puratan_pdf_string (intent, pdf->press->characterisation != NULL ? pdf->press->characterisation
                                                                   : "Custom");
  if (pdf->press->characterisation != NULL)
    g_string_append (intent, " /RegistryName (http://www.color.org)");
  g_string_append (intent, " /OutputCondition ");
  puratan_pdf_string (intent, pdf->press->condition->name);
  g_string_append (intent, " /Info ");
  puratan_pdf_string (intent, pdf->press->condition->name);
  g_string_append_printf (intent, " /DestOutputProfile %u 0 R >>", icc);
  write_metadata (pdf, metadata, title, date, id);
  write_info (pdf, info, title, date);
  puratan_pdf_object (pdf, catalog,
                      "<< /Type /Catalog /Pages %u 0 R /Metadata %u 0 R /OutputIntents [%s] >>",
                      pages, metadata, intent->str);
  finish (pdf, catalog, info, id);
  return TRUE;
}

/**
 * puratan_pdf_export:
 * @document: the design
 * @options: (nullable): export options; %NULL for the defaults
 * @error: return location for a #GError
 *
 * Writes the design as a print-ready PDF/X file: one PDF page per design page with
 * MediaBox, BleedBox and TrimBox, colours written as designed, fonts subset and embedded,
 * the press profile as output intent, and XMP metadata. The same design, options and
 * date give the same bytes. Blocking and CPU-bound: run it in a worker thread.
 *
 * Errors: %PURATAN_ERROR_NOT_FOUND for an unknown press condition,
 * %PURATAN_ERROR_CORRUPT for an unusable press profile,
 * %PURATAN_ERROR_INVALID_INPUT for content the standard forbids (transparency in X-1a,
 * fonts with PostScript outlines, characters no font covers), %PURATAN_ERROR_CORRUPT for a
 * damaged or encrypted placed PDF.
 *
 * Returns: (transfer full) (nullable): the PDF file's bytes, or %NULL with @error set
 */
GBytes *
puratan_pdf_export (PuratanDocument *document, const PuratanPdfOptions *options, GError **error)
{
  return puratan_pdf_export_full (document, options, NULL, NULL, NULL, error);
}

/* Exports up to the last step, which the caller reports when its output is done. */
static GBytes *
export_bytes (PuratanDocument *document,
              const PuratanPdfOptions *options,
              Progress *progress,
              GError **error)
{
  PuratanPdfOptions defaults;
  PuratanPdf pdf;
  g_autoptr (GDateTime) date = NULL;
  gboolean ok;
  GBytes *bytes = NULL;

  if (options == NULL)
    {
      puratan_pdf_options_init (&defaults);
      options = &defaults;
    }
  progress->n_steps = puratan_document_get_n_pages (document) + 2;
  if (!progress_go_on (progress, error))
    return NULL;
  progress_report (progress, 0);
  date = options->date != NULL ? g_date_time_to_utc (options->date) : g_date_time_new_now_utc ();
  pdf_init (&pdf, document, options->standard);
  ok = puratan_pdf_color_init (&pdf, options, error) &&
       export_pages (&pdf, options, date, progress, error);
  if (ok)
    {
      gsize len = pdf.out->len;
      bytes = g_bytes_new_take (g_string_free (g_steal_pointer (&pdf.out), FALSE), len);
    }
  pdf_clear (&pdf);
  return bytes;
}

/**
 * puratan_pdf_export_full:
 * @document: the design
 * @options: (nullable): export options; %NULL for the defaults
 * @cancellable: (nullable): a #GCancellable, checked before each item, each font and the end
 * @progress: (nullable) (scope call): told how far the export has come, on the calling thread
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Exports as puratan_pdf_export() does, reporting progress after each page and each font, and
 * 1.0 once the bytes are complete. A cancelled export stops at the next item or font and
 * fails with %G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full) (nullable): the PDF file's bytes, or %NULL with @error set
 */
GBytes *
puratan_pdf_export_full (PuratanDocument *document,
                         const PuratanPdfOptions *options,
                         GCancellable *cancellable,
                         PuratanPdfProgressFunc progress,
                         gpointer progress_data,
                         GError **error)
{
  Progress state = { cancellable, progress, progress_data, 0 };
  GBytes *bytes;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = export_bytes (document, options, &state, error);
  if (bytes != NULL)
    progress_report (&state, state.n_steps);
  return bytes;
}

/**
 * puratan_pdf_export_to_file:
 * @document: the design
 * @options: (nullable): export options
 * @path: the PDF file to write; replaced atomically
 * @error: return location for a #GError
 *
 * Exports as puratan_pdf_export() does and writes the file.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
puratan_pdf_export_to_file (PuratanDocument *document,
                            const PuratanPdfOptions *options,
                            const char *path,
                            GError **error)
{
  return puratan_pdf_export_to_file_full (document, options, path, NULL, NULL, NULL, error);
}

/* Writes @bytes to @path through a temporary file renamed into place. */
static gboolean
write_file (GBytes *bytes, const char *path, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot write the PDF: %s",
                   local->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_pdf_export_to_file_full:
 * @document: the design
 * @options: (nullable): export options
 * @path: the PDF file to write; replaced atomically
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable) (scope call): told how far the export has come, on the calling thread
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Exports as puratan_pdf_export_full() does and writes the file; progress reaches 1.0 once
 * the file is in place. The cancellable is checked last just before the file is written, so
 * a cancelled export leaves @path as it was.
 *
 * Returns: %TRUE, or %FALSE with @error set (%PURATAN_ERROR_IO when the file cannot be
 *   written, %G_IO_ERROR_CANCELLED when cancelled)
 */
gboolean
puratan_pdf_export_to_file_full (PuratanDocument *document,
                                 const PuratanPdfOptions *options,
                                 const char *path,
                                 GCancellable *cancellable,
                                 PuratanPdfProgressFunc progress,
                                 gpointer progress_data,
                                 GError **error)
{
  Progress state = { cancellable, progress, progress_data, 0 };
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = export_bytes (document, options, &state, error);
  if (bytes == NULL || !progress_go_on (&state, error) || !write_file (bytes, path, error))
    return FALSE;
  progress_report (&state, state.n_steps);
  return TRUE;
}

typedef struct
{
  PuratanDocument *copy;
  PuratanPdfOptions options;
  char *press;
  char *path; /* the file to write, or NULL for bytes */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->copy);
  g_clear_pointer (&job->options.date, g_date_time_unref);
  g_free (job->press);
  g_free (job->path);
  g_free (job);
}

static ExportJob *
export_job_new (PuratanDocument *document, const PuratanPdfOptions *options)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->copy = puratan_document_dup (document);
  puratan_pdf_options_init (&job->options);
  if (options != NULL)
    {
      job->options = *options;
      job->press = g_strdup (options->press);
      job->options.press = job->press;
      job->options.date = options->date != NULL ? g_date_time_ref (options->date) : NULL;
    }
  return job;
}

static void
export_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  GBytes *pdf = puratan_pdf_export_full (job->copy, &job->options, cancellable, NULL, NULL, &error);

  if (pdf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pdf, (GDestroyNotify) g_bytes_unref);
}

/**
 * puratan_pdf_export_async:
 * @document: the design; copied at the call, so editing may go on meanwhile
 * @options: (nullable): export options, copied
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Exports as puratan_pdf_export_full() does, on a worker thread.
 */
void
puratan_pdf_export_async (PuratanDocument *document,
                          const PuratanPdfOptions *options,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PURATAN_IS_DOCUMENT (document));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_pdf_export_async);
  g_task_set_task_data (task, export_job_new (document, options), (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}

/**
 * puratan_pdf_export_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the PDF file's bytes, or %NULL with @error set
 */
GBytes *
puratan_pdf_export_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Progress of an export to a file, carried from the worker to the caller's main context.
 * At most one report is on its way at a time: before it sends the next, the worker waits
 * until the caller has had the last one. A cancel made in the progress function is
 * therefore always seen before the file is written, and the reports never lag behind. */
typedef struct
{
  GMutex lock;
  GCond delivered;
  gboolean pending; /* a report is on its way to the main context */
  gboolean done;    /* the caller has its result: no more reports */
  double fraction;
  GMainContext *context; /* the caller's */
  GCancellable *cancellable;
  PuratanPdfProgressFunc func;
  gpointer data;
  GDestroyNotify notify;
  GAsyncReadyCallback callback;
  gpointer user_data;
} Relay;

static Relay *
relay_ref (Relay *relay)
{
  return g_atomic_rc_box_acquire (relay);
}

static void
relay_clear (Relay *relay)
{
  g_mutex_clear (&relay->lock);
  g_cond_clear (&relay->delivered);
  g_clear_pointer (&relay->context, g_main_context_unref);
  g_clear_object (&relay->cancellable);
}

static void
relay_unref (Relay *relay)
{
  g_atomic_rc_box_release_full (relay, (GDestroyNotify) relay_clear);
}

/* On the caller's main context. */
static gboolean
relay_deliver (gpointer user_data)
{
  Relay *relay = user_data;
  double fraction;

  g_mutex_lock (&relay->lock);
  fraction = relay->fraction;
  g_mutex_unlock (&relay->lock);
  if (!relay->done && relay->func != NULL)
    relay->func (fraction, relay->data);
  g_mutex_lock (&relay->lock);
  relay->pending = FALSE;
  g_cond_broadcast (&relay->delivered);
  g_mutex_unlock (&relay->lock);
  return G_SOURCE_REMOVE;
}

/* On the worker: waits until the last report has been delivered or the export cancelled.
 * The wait wakes up now and then to look at the cancellable. */
static void
relay_wait (Relay *relay)
{
  g_mutex_lock (&relay->lock);
  while (relay->pending && !g_cancellable_is_cancelled (relay->cancellable))
    g_cond_wait_until (&relay->delivered, &relay->lock,
                       g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND);
  g_mutex_unlock (&relay->lock);
}

/* On the worker: the progress function given to the export. */
static void
relay_report (double fraction, gpointer user_data)
{
  Relay *relay = user_data;
  GSource *source;

  if (relay->func == NULL)
    return;
  relay_wait (relay);
  g_mutex_lock (&relay->lock);
  relay->fraction = fraction;
  relay->pending = TRUE;
  g_mutex_unlock (&relay->lock);
  /* Always through a source: g_main_context_invoke() would run it here, on the worker, when
   * the caller's context is the global default and nobody holds it at that moment. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, relay_deliver, relay_ref (relay), (GDestroyNotify) relay_unref);
  g_source_set_static_name (source, "[puratan] pdf export progress");
  g_source_attach (source, relay->context);
  g_source_unref (source);
}

typedef struct
{
  ExportJob *job;
  Relay *relay;
} FileJob;

static void
file_job_free (FileJob *job)
{
  export_job_free (job->job);
  relay_unref (job->relay);
  g_free (job);
}

static void
export_file_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  FileJob *job = task_data;
  Progress state = { cancellable, relay_report, job->relay, 0 };
  g_autoptr (GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = export_bytes (job->job->copy, &job->job->options, &state, &error);
  if (bytes != NULL)
    relay_wait (job->relay);
  if (bytes == NULL || !progress_go_on (&state, &error) ||
      !write_file (bytes, job->job->path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  progress_report (&state, state.n_steps);
  g_task_return_boolean (task, TRUE);
}

/* On the caller's main context: no report reaches the caller after its callback. */
static void
export_file_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Relay *relay = user_data;
  GAsyncReadyCallback callback = relay->callback;
  gpointer callback_data = relay->user_data;

  relay->done = TRUE;
  if (relay->notify != NULL)
    g_clear_pointer (&relay->data, relay->notify);
  if (callback != NULL)
    callback (source, result, callback_data);
}

/**
 * puratan_pdf_export_to_file_async:
 * @document: the design; copied at the call, so editing may go on meanwhile
 * @options: (nullable): export options, copied
 * @file: the PDF file to write, which must have a local path; replaced atomically
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable) (scope notified): told how far the export has come, on the caller's
 *   thread-default main context
 * @progress_data: data for @progress
 * @progress_notify: (nullable): frees @progress_data, on the caller's main context, just
 *   before @callback runs
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Exports as puratan_pdf_export_to_file_full() does, on a worker thread. Progress is reported
 * in step with the work: the worker does not send a report before the last one has been
 * delivered, and waits for the last before it writes the file, so a cancel made in @progress
 * always leaves the file unwritten, and @callback then fails with %G_IO_ERROR_CANCELLED. The
 * caller's main context must keep running (as for any asynchronous call) for the export to
 * finish.
 */
void
puratan_pdf_export_to_file_async (PuratanDocument *document,
                                  const PuratanPdfOptions *options,
                                  GFile *file,
                                  GCancellable *cancellable,
                                  PuratanPdfProgressFunc progress,
                                  gpointer progress_data,
                                  GDestroyNotify progress_notify,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;
  FileJob *job;
  Relay *relay;

  g_return_if_fail (PURATAN_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  relay = g_atomic_rc_box_new0 (Relay);
  g_mutex_init (&relay->lock);
  g_cond_init (&relay->delivered);
  relay->context = g_main_context_ref_thread_default ();
  relay->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  relay->func = progress;
  relay->data = progress_data;
  relay->notify = progress_notify;
  relay->callback = callback;
  relay->user_data = user_data;

  /* The relay is the task's callback data and, through the job, its task data. */
  task = g_task_new (NULL, cancellable, export_file_done, relay);
  g_task_set_source_tag (task, puratan_pdf_export_to_file_async);
  /* The file is either written or not: a cancel after it was written does not undo that. */
  g_task_set_check_cancellable (task, FALSE);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_task_set_task_data (task, relay_ref (relay), (GDestroyNotify) relay_unref);
      g_task_return_new_error (task, PURATAN_ERROR, PURATAN_ERROR_IO,
                               "Cannot write the PDF to %s: only files on this computer can be "
                               "written",
                               uri);
      relay_unref (relay);
      return;
    }
  job = g_new0 (FileJob, 1);
  job->job = export_job_new (document, options);
  job->job->path = g_steal_pointer (&path);
  job->relay = relay;
  g_task_set_task_data (task, job, (GDestroyNotify) file_job_free);
  g_task_run_in_thread (task, export_file_in_thread);
}

/**
 * puratan_pdf_export_to_file_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was written, or %FALSE with @error set
 */
gboolean
puratan_pdf_export_to_file_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
