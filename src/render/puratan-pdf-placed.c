/* puratan-pdf-placed.c: placed PDF pages as Form XObjects that stay vector
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The placed file is read with libqpdf. A page becomes a Form XObject whose content is the
 * page's content and whose resources are copied object by object (fonts, images, colour
 * spaces, patterns, nested forms), so text stays text, curves stay curves and spot
 * colours keep their plates. Streams other than the page content are copied with their
 * filters untouched.
 */
#include <qpdf/qpdf-c.h>

#include "puratan-core.h"
#include "puratan-pdf-private.h"

typedef struct
{
  qpdf_data q;
  GBytes *data;       /* kept alive: qpdf reads from it */
  GHashTable *copied; /* "id gen" → our object number */
  GQueue pending;     /* objects to write: PendingObject */
  GHashTable *forms;  /* page index → FormInfo */
} PlacedSource;

typedef struct
{
  guint number;
  int id;
  int generation;
} PendingObject;

typedef struct
{
  char *resource;
  double bbox[4];
} FormInfo;

static void
form_info_free (FormInfo *form)
{
  g_free (form->resource);
  g_free (form);
}

void
puratan_pdf_placed_free (gpointer data)
{
  PlacedSource *source = data;

  if (source == NULL)
    return;
  qpdf_cleanup (&source->q);
  g_bytes_unref (source->data);
  g_hash_table_unref (source->copied);
  g_queue_clear_full (&source->pending, g_free);
  g_hash_table_unref (source->forms);
  g_free (source);
}

static void
copy_value (PuratanPdf *pdf, PlacedSource *source, qpdf_oh oh, gboolean top, GString *s);

static void
copy_reference (PuratanPdf *pdf, PlacedSource *source, qpdf_oh oh, GString *s)
{
  int id = qpdf_oh_get_object_id (source->q, oh);
  int generation = qpdf_oh_get_generation (source->q, oh);
  g_autofree char *key = g_strdup_printf ("%d %d", id, generation);
  gpointer number = g_hash_table_lookup (source->copied, key);

  if (number == NULL)
    {
      PendingObject *pending = g_new0 (PendingObject, 1);
      pending->number = puratan_pdf_alloc (pdf);
      pending->id = id;
      pending->generation = generation;
      number = GUINT_TO_POINTER (pending->number);
      g_hash_table_insert (source->copied, g_steal_pointer (&key), number);
      g_queue_push_tail (&source->pending, pending);
    }
  g_string_append_printf (s, "%u 0 R", GPOINTER_TO_UINT (number));
}

static void
copy_dictionary (
    PuratanPdf *pdf, PlacedSource *source, qpdf_oh dict, gboolean skip_length, GString *s)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  qpdf_oh_begin_dict_key_iter (source->q, dict);
  while (qpdf_oh_dict_more_keys (source->q))
    g_ptr_array_add (keys, g_strdup (qpdf_oh_dict_next_key (source->q)));
  g_string_append (s, "<<");
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      if (skip_length && g_str_equal (key, "/Length"))
        continue;
      g_string_append_c (s, ' ');
      puratan_pdf_name (s, key + 1);
      g_string_append_c (s, ' ');
      copy_value (pdf, source, qpdf_oh_get_key (source->q, dict, key), FALSE, s);
    }
  g_string_append (s, " >>");
}

static void
copy_value (PuratanPdf *pdf, PlacedSource *source, qpdf_oh oh, gboolean top, GString *s)
{
  if (!top && qpdf_oh_is_indirect (source->q, oh))
    {
      copy_reference (pdf, source, oh, s);
      return;
    }
  switch (qpdf_oh_get_type_code (source->q, oh))
    {
      case ot_array:
        g_string_append_c (s, '[');
        for (int i = 0; i < qpdf_oh_get_array_n_items (source->q, oh); i++)
          {
            if (i > 0)
              g_string_append_c (s, ' ');
            copy_value (pdf, source, qpdf_oh_get_array_item (source->q, oh, i), FALSE, s);
          }
        g_string_append_c (s, ']');
        break;
      case ot_dictionary:
        copy_dictionary (pdf, source, oh, FALSE, s);
        break;
      case ot_null:
      case ot_boolean:
      case ot_integer:
      case ot_real:
      case ot_string:
      case ot_name:
        g_string_append (s, qpdf_oh_unparse (source->q, oh));
        break;
      default:
        /* A stream can only be reached through a reference; anything else is damage. */
        g_string_append (s, "null");
        break;
    }
}

/* Writes every object reached from the copied forms, with stream data as stored. */
static void
drain (PuratanPdf *pdf, PlacedSource *source)
{
  PendingObject *pending;

  while ((pending = g_queue_pop_head (&source->pending)) != NULL)
    {
      qpdf_oh oh = qpdf_get_object_by_id (source->q, pending->id, pending->generation);
      g_autoptr (GString) s = g_string_new (NULL);

      if (qpdf_oh_is_stream (source->q, oh))
        {
          unsigned char *data = NULL;
          size_t length = 0;
          QPDF_BOOL filtered = 0;

          qpdf_oh_get_stream_data (source->q, oh, qpdf_dl_none, &filtered, &data, &length);
          copy_dictionary (pdf, source, qpdf_oh_get_dict (source->q, oh), TRUE, s);
          g_string_truncate (s, s->len - 2);
          puratan_pdf_begin (pdf, pending->number);
          g_string_append_printf (pdf->out, "%s /Length %" G_GSIZE_FORMAT " >>\nstream\n", s->str,
                                  (gsize) length);
          g_string_append_len (pdf->out, (const char *) data, length);
          g_string_append (pdf->out, "\nendstream");
          puratan_pdf_end (pdf);
          free (data);
        }
      else
        {
          copy_value (pdf, source, oh, TRUE, s);
          puratan_pdf_object (pdf, pending->number, "%s", s->str);
        }
      g_free (pending);
    }
}

static PlacedSource *
open_source (PuratanPdf *pdf, const PuratanDocAsset *asset, const char *item_id, GError **error)
{
  PlacedSource *source = g_hash_table_lookup (pdf->placed, asset->hash);
  gsize size = 0;
  const char *data;

  if (source != NULL)
    return source;
  source = g_new0 (PlacedSource, 1);
  source->q = qpdf_init ();
  source->data = g_bytes_ref (asset->data);
  source->copied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  source->forms =
      g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) form_info_free);
  g_queue_init (&source->pending);
  qpdf_silence_errors (source->q);
  qpdf_set_suppress_warnings (source->q, 1);
  data = g_bytes_get_data (asset->data, &size);
  if ((qpdf_read_memory (source->q, asset->hash, data, size, NULL) & QPDF_ERRORS) != 0 ||
      qpdf_is_encrypted (source->q) ||
      (qpdf_push_inherited_attributes_to_page (source->q) & QPDF_ERRORS) != 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                   "The PDF placed as “%s” is damaged or encrypted and cannot be printed; place "
                   "an unprotected copy",
                   item_id);
      puratan_pdf_placed_free (source);
      return NULL;
    }
  g_hash_table_insert (pdf->placed, g_strdup (asset->hash), source);
  return source;
}

static gboolean
page_box (PlacedSource *source, qpdf_oh page, double box[4])
{
  qpdf_oh array = qpdf_oh_get_key (source->q, page, "/CropBox");

  if (!qpdf_oh_is_array (source->q, array))
    array = qpdf_oh_get_key (source->q, page, "/MediaBox");
  if (!qpdf_oh_is_array (source->q, array) || qpdf_oh_get_array_n_items (source->q, array) != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    box[i] = qpdf_oh_get_numeric_value (source->q, qpdf_oh_get_array_item (source->q, array, i));
  return box[2] - box[0] > 0 && box[3] - box[1] > 0;
}

static FormInfo *
page_form (PuratanPdf *pdf, PlacedSource *source, const PuratanDocItem *item, GError **error)
{
  FormInfo *form = g_hash_table_lookup (source->forms, GINT_TO_POINTER (item->pdf_page));
  qpdf_oh page;
  unsigned char *content = NULL;
  size_t length = 0;
  g_autoptr (GString) dict = g_string_new ("/Type /XObject /Subtype /Form /BBox [");
  guint number;

  if (form != NULL)
    return form;
  if (item->pdf_page < 0 || item->pdf_page >= qpdf_get_num_pages (source->q))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "Item “%s” places page %d of a PDF that has %d pages", item->id,
                   item->pdf_page + 1, qpdf_get_num_pages (source->q));
      return NULL;
    }
  form = g_new0 (FormInfo, 1);
  page = qpdf_get_page_n (source->q, item->pdf_page);
  if (!page_box (source, page, form->bbox) ||
      (qpdf_oh_get_page_content_data (source->q, page, &content, &length) & QPDF_ERRORS) != 0)
    {
      free (content);
      form_info_free (form);
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                   "Page %d of the PDF placed as “%s” is damaged", item->pdf_page + 1, item->id);
      return NULL;
    }
  for (int i = 0; i < 4; i++)
    {
      puratan_pdf_num (dict, form->bbox[i]);
      g_string_append (dict, i < 3 ? " " : "] /Resources ");
    }
  copy_value (pdf, source, qpdf_oh_get_key (source->q, page, "/Resources"), FALSE, dict);
  number = puratan_pdf_alloc (pdf);
  puratan_pdf_stream (pdf, number, dict->str, content, length, TRUE);
  free (content);
  drain (pdf, source);

  form->resource = g_strdup_printf ("Fm%u", pdf->n_forms++);
  g_string_append_printf (pdf->res_images, "/%s %u 0 R\n", form->resource, number);
  g_hash_table_insert (source->forms, GINT_TO_POINTER (item->pdf_page), form);
  return form;
}

/**
 * puratan_pdf_draw_placed:
 * @pdf: the writer
 * @content: the content stream in item space
 * @item: a placed PDF item
 * @error: return location for a #GError
 *
 * Draws the placed page's crop box scaled to the item's frame and clipped to it.
 *
 * Returns: %TRUE, or %FALSE with @error set for a damaged, encrypted or missing page
 */
gboolean
puratan_pdf_draw_placed (PuratanPdf *pdf,
                         GString *content,
                         const PuratanDocItem *item,
                         GError **error)
{
  const PuratanDocAsset *asset = puratan_document_lookup_asset (pdf->doc, item->asset);
  PlacedSource *source;
  FormInfo *form;
  double sx, sy;

  if (asset == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "Item “%s” places a PDF missing from the design", item->id);
      return FALSE;
    }
  source = open_source (pdf, asset, item->id, error);
  if (source == NULL || (form = page_form (pdf, source, item, error)) == NULL)
    return FALSE;
  sx = item->width / (form->bbox[2] - form->bbox[0]);
  sy = item->height / (form->bbox[3] - form->bbox[1]);
  g_string_append (content, "q\n");
  puratan_pdf_ops (content, (const double[4]){ 0, 0, item->width, item->height }, 4, "re W n");
  puratan_pdf_ops (
      content,
      (const double[6]){ sx, 0, 0, -sy, -form->bbox[0] * sx, item->height + form->bbox[1] * sy }, 6,
      "cm");
  g_string_append_printf (content, "/%s Do\nQ\n", form->resource);
  return TRUE;
}
