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
            GError **error)
{
  const PuratanDocPage *page = puratan_document_get_page (pdf->doc, index);
  double margin = puratan_pdf_marks_margin (options);
  double inset = margin + page->bleed;
  double mw = page->width + 2 * inset, mh = page->height + 2 * inset;
  g_autoptr (GString) content = g_string_sized_new (4096);
  g_autoptr (GString) dict = g_string_new ("<< /Type /Page");
  guint contents, number;

  puratan_pdf_ops (content, (const double[6]){ 1, 0, 0, -1, inset, mh - inset }, 6, "cm");
  if (!puratan_pdf_draw_items (pdf, content, page->items, error))
    return FALSE;
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

static gboolean
export_pages (PuratanPdf *pdf, const PuratanPdfOptions *options, GDateTime *date, GError **error)
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
    if (!write_page (pdf, options, i, pages, resources, slug, kids, error))
      return FALSE;
  if (!puratan_pdf_fonts_write (pdf, error))
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
  PuratanPdfOptions defaults;
  PuratanPdf pdf;
  g_autoptr (GDateTime) date = NULL;
  gboolean ok;
  GBytes *bytes = NULL;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      puratan_pdf_options_init (&defaults);
      options = &defaults;
    }
  date = options->date != NULL ? g_date_time_to_utc (options->date) : g_date_time_new_now_utc ();
  pdf_init (&pdf, document, options->standard);
  ok = puratan_pdf_color_init (&pdf, options, error) && export_pages (&pdf, options, date, error);
  if (ok)
    {
      gsize len = pdf.out->len;
      bytes = g_bytes_new_take (g_string_free (g_steal_pointer (&pdf.out), FALSE), len);
    }
  pdf_clear (&pdf);
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
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  bytes = puratan_pdf_export (document, options, error);
  if (bytes == NULL)
    return FALSE;
  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot write the PDF: %s",
                   local->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  PuratanDocument *copy;
  PuratanPdfOptions options;
  char *press;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->copy);
  g_clear_pointer (&job->options.date, g_date_time_unref);
  g_free (job->press);
  g_free (job);
}

static void
export_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  GBytes *pdf = puratan_pdf_export (job->copy, &job->options, &error);

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
 * Exports as puratan_pdf_export() does, on a worker thread.
 */
void
puratan_pdf_export_async (PuratanDocument *document,
                          const PuratanPdfOptions *options,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (PURATAN_IS_DOCUMENT (document));

  job = g_new0 (ExportJob, 1);
  job->copy = puratan_document_dup (document);
  puratan_pdf_options_init (&job->options);
  if (options != NULL)
    {
      job->options = *options;
      job->press = g_strdup (options->press);
      job->options.press = job->press;
      job->options.date = options->date != NULL ? g_date_time_ref (options->date) : NULL;
    }
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_pdf_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
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
