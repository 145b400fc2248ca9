/* puratan-job-ticket.c: the production floor's job ticket as PDF
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-document-private.h"
#include "puratan-qr.h"
#include "puratan-workflow.h"

#define QR_SIZE        110.0
#define THUMBNAIL_SIZE 160.0

/* Reads a text member of the quote snapshot, e.g. "stock" or "finishing". */
static char *
snapshot_text (const char *snapshot, const char *member)
{
  g_autoptr (JsonNode) root = json_from_string (snapshot, NULL);
  JsonObject *object;
  JsonNode *node;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gboolean
draw_thumbnail (cairo_t *cr, const char *png, double x, double y, GError **error)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);
  double width, height, scale;

  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The artwork thumbnail “%s” is not a readable PNG: %s", png,
                   cairo_status_to_string (cairo_surface_status (image)));
      cairo_surface_destroy (image);
      return FALSE;
    }
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  scale = MIN (THUMBNAIL_SIZE / MAX (width, 1), THUMBNAIL_SIZE / MAX (height, 1));
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_rectangle (cr, x, y, width * scale, height * scale);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
  cairo_surface_destroy (image);
  return TRUE;
}

/**
 * puratan_job_ticket_write_pdf:
 * @shop: the shop, for the header
 * @order: the order with its lines
 * @customer: the order's customer
 * @thumbnail_png: (nullable): a PNG preview of the artwork
 * @path: the PDF to write
 * @error: return location for a #GError
 *
 * Writes the A4 ticket that travels with the job on the production floor: order number and
 * due date, a QR code of the order id to scan at each station, the customer, and per line
 * the product, specs, quantity, stock and finishing (the quote's "stock" and "finishing"),
 * with the artwork thumbnail when one is given.
 *
 * Returns: %TRUE when written
 */
gboolean
puratan_job_ticket_write_pdf (const PuratanSeller *shop,
                              const PuratanOrder *order,
                              const PuratanCustomer *customer,
                              const char *thumbnail_png,
                              const char *path,
                              GError **error)
{
  g_autofree char *number = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *who = NULL;
  cairo_surface_t *surface = NULL;
  cairo_t *cr;
  double y = MARGIN;

  g_return_val_if_fail (shop != NULL && order != NULL && customer != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (order->lines == NULL || order->lines->len == 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "Order %" G_GINT64_FORMAT " has no lines to produce", order->number);
      return FALSE;
    }
  cr = puratan_doc_begin (path, &surface, error);
  if (cr == NULL)
    return FALSE;

  number = puratan_order_format_number (order->number);
  heading = g_strdup_printf ("JOB TICKET %s", number);
  if (!puratan_qr_draw (cr, order->id, PAGE_WIDTH - MARGIN - QR_SIZE, MARGIN, QR_SIZE, error))
    {
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      return FALSE;
    }
  y += puratan_doc_text (cr, MARGIN, y, 380, "Sans Bold 18", TEXT_LEFT, heading);
  who = g_strdup_printf ("Due: %s\nCustomer: %s%s%s\nStatus: %s\n%s",
                         order->due_date != NULL ? order->due_date : "not set", customer->name,
                         customer->phone != NULL ? ", " : "",
                         customer->phone != NULL ? customer->phone : "",
                         puratan_order_status_label (order->status), shop->name);
  y += puratan_doc_text (cr, MARGIN, y + 6, 380, "Sans 11", TEXT_LEFT, who);
  y = MAX (y + 12, MARGIN + QR_SIZE + 8);
  puratan_doc_text (cr, PAGE_WIDTH - MARGIN - 200, MARGIN + QR_SIZE, 200, "Monospace 6", TEXT_RIGHT,
                    order->id);
  puratan_doc_rule (cr, y);
  y += 8;

  for (guint i = 0; i < order->lines->len; i++)
    {
      PuratanOrderLine *line = order->lines->pdata[i];
      g_autofree char *stock = snapshot_text (line->snapshot, "stock");
      g_autofree char *finishing = snapshot_text (line->snapshot, "finishing");
      g_autofree char *text = g_strdup_printf (
          "%" G_GINT64_FORMAT ". %s\nSpecs: %s\nQuantity: %" G_GINT64_FORMAT
          "\nStock: %s\nFinishing: %s",
          line->position, line->product, *line->description != '\0' ? line->description : "—",
          line->quantity, stock != NULL ? stock : "as quoted",
          finishing != NULL ? finishing : "none");

      y += puratan_doc_text (cr, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, "Sans 11", TEXT_LEFT, text);
      y += 10;
    }
  if (order->notes != NULL && *order->notes != '\0')
    {
      g_autofree char *notes = g_strdup_printf ("Notes: %s", order->notes);
      y += puratan_doc_text (cr, MARGIN, y, PAGE_WIDTH - 2 * MARGIN, "Sans 10", TEXT_LEFT, notes);
      y += 10;
    }
  if (thumbnail_png != NULL)
    {
      puratan_doc_text (cr, MARGIN, y, 200, "Sans Bold 9", TEXT_LEFT, "Artwork");
      if (!draw_thumbnail (cr, thumbnail_png, MARGIN, y + 14, error))
        {
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          return FALSE;
        }
    }
  return puratan_doc_finish (cr, surface, path, error);
}
