/* puratan-catalog-labels.c: the names people read for a product's options and choices
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Option keys and choice ids ("stock", "art-350-matt") are for programs; a customer
 * chooses "Art card 350 gsm matt". Names come from the catalog where it has them (sizes,
 * stocks, turnarounds, finishing) and are made from the choice where it does not
 * (printed sides, page counts).
 *
 * This file is the one place that names options and choices for people. Everything that
 * shows them reads it: PuratanOptionDomain's title and labels (the Counter's and the Quote
 * panel's rows), puratan_job_describe_options_for_people() (quote lines, receipts, job
 * tickets and order details) and the stock named on a quote line. Both functions return a
 * new string, or %NULL with a %PURATAN_ERROR_NOT_FOUND error for anything the product does
 * not offer: an unknown name is never shown as if the catalog had given it.
 */
#include "puratan-catalog-private.h"

#include "puratan-error.h"

static const PuratanProduct *
product_or_error (const PuratanCatalog *catalog, const char *product_id, GError **error)
{
  const PuratanProduct *p = puratan_catalog_find_product (catalog, product_id);

  if (p == NULL)
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "The catalog has no product “%s”",
                 product_id);
  return p;
}

static GPtrArray *
finishing_values (const PuratanProduct *p, const char *key)
{
  GPtrArray *values = g_ptr_array_new ();

  for (guint i = 0; i < p->finishing->len; i++)
    {
      const PuratanFinishing *f = g_ptr_array_index (p->finishing, i);

      if (g_str_equal (f->option, key))
        g_ptr_array_add (values, (gpointer) f);
    }
  return values;
}

/**
 * puratan_catalog_get_option_title:
 * @catalog: a catalog
 * @product_id: a product's id
 * @key: one of the product's option keys
 * @error: return location for a %PURATAN_ERROR_NOT_FOUND error
 *
 * Names an option of a product for people, as the Counter's and the Quote panel's rows
 * and the descriptions of a job's options title it.
 *
 * Returns: (transfer full) (nullable): what the option is called: "Size", "Stock",
 *   "Printed sides", "Pages" (for a product with a page count), "Turnaround", or for a
 *   finishing option the name of its one choice ("Spot UV") or its key as a word
 *   ("Lamination"); %NULL with @error for an unknown product or an option the product
 *   does not have
 */
char *
puratan_catalog_get_option_title (const PuratanCatalog *catalog,
                                  const char *product_id,
                                  const char *key,
                                  GError **error)
{
  static const struct
  {
    const char *key;
    const char *title;
  } fixed[] = { { "size", "Size" },
                { "stock", "Stock" },
                { "sides", "Printed sides" },
                { "pages", "Pages" },
                { "turnaround", "Turnaround" } };
  const PuratanProduct *p;
  g_autoptr (GPtrArray) values = NULL;
  char *title;

  g_return_val_if_fail (catalog != NULL && product_id != NULL && key != NULL, NULL);

  p = product_or_error (catalog, product_id, error);
  if (p == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (g_str_equal (key, fixed[i].key) && (p->has_pages || !g_str_equal (key, "pages")))
      return g_strdup (fixed[i].title);
  values = finishing_values (p, key);
  if (values->len == 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "%s have no option “%s”", p->name,
                   key);
      return NULL;
    }
  if (values->len == 1)
    return g_strdup (((const PuratanFinishing *) values->pdata[0])->label);
  title = g_strdelimit (g_strdup (key), "-_", ' ');
  title[0] = g_ascii_toupper (title[0]);
  return title;
}

static char *
sides_label (gint64 front, gint64 back)
{
  const char *ink = front >= 4 ? "Full colour" : front == 1 ? "One colour" : NULL;

  if (ink == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT " colours front, %" G_GINT64_FORMAT " back", front,
                            back);
  if (back == 0)
    return g_strdup_printf ("%s, one side", ink);
  if (back == front)
    return g_strdup_printf ("%s, both sides", ink);
  return g_strdup_printf ("%s front, %" G_GINT64_FORMAT "-colour back", ink, back);
}

/**
 * puratan_catalog_get_choice_label:
 * @catalog: a catalog
 * @product_id: a product's id
 * @key: one of the product's option keys
 * @value: a choice of that option, as puratan_catalog_get_option_domains() lists them
 * @error: return location for a %PURATAN_ERROR_NOT_FOUND error
 *
 * Returns: (transfer full) (nullable): the choice as a customer reads it: the size's
 *   label, the stock's or turnaround's name, the finishing's label, "None", "Full colour,
 *   both sides" for sides "4/4", "16 pages"; %NULL with @error for an unknown product,
 *   option or choice
 */
char *
puratan_catalog_get_choice_label (const PuratanCatalog *catalog,
                                  const char *product_id,
                                  const char *key,
                                  const char *value,
                                  GError **error)
{
  const PuratanProduct *p;

  g_return_val_if_fail (catalog != NULL && product_id != NULL, NULL);
  g_return_val_if_fail (key != NULL && value != NULL, NULL);

  p = product_or_error (catalog, product_id, error);
  if (p == NULL)
    return NULL;
  if (g_str_equal (key, "size"))
    {
      for (guint i = 0; i < p->sizes->len; i++)
        {
          const PuratanSizeChoice *s = g_ptr_array_index (p->sizes, i);
          if (g_str_equal (s->id, value))
            return g_strdup (s->label);
        }
    }
  else if (g_str_equal (key, "stock"))
    {
      for (guint i = 0; i < p->stocks->len; i++)
        {
          const PuratanStock *s = g_ptr_array_index (p->stocks, i);
          if (g_str_equal (s->id, value))
            return g_strdup (s->name);
        }
    }
  else if (g_str_equal (key, "sides"))
    {
      for (guint i = 0; i < p->sides->len; i++)
        {
          const PuratanSides *s = g_ptr_array_index (p->sides, i);
          if (g_str_equal (s->id, value))
            return sides_label (s->front, s->back);
        }
    }
  else if (g_str_equal (key, "pages") && p->has_pages)
    {
      char *end = NULL;
      gint64 n = g_ascii_strtoll (value, &end, 10);

      /* Only the page counts puratan_catalog_get_option_domains() lists. */
      if (end != value && *end == '\0' && n >= p->pages_min && n <= p->pages_max &&
          (n - p->pages_min) % p->pages_step == 0)
        return g_strdup_printf ("%" G_GINT64_FORMAT " pages", n);
    }
  else if (g_str_equal (key, "turnaround"))
    {
      const PuratanTurnaround *t = puratan_catalog_find_turnaround (catalog, value);
      if (t != NULL)
        return g_strdup (t->label);
    }
  else
    {
      g_autoptr (GPtrArray) values = finishing_values (p, key);

      if (values->len > 0 && g_str_equal (value, "none") &&
          !g_strv_contains ((const char *const *) p->required, key))
        return g_strdup ("None");
      for (guint i = 0; i < values->len; i++)
        {
          const PuratanFinishing *f = values->pdata[i];
          if (g_str_equal (f->value, value))
            return g_strdup (f->label);
        }
    }
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
               "%s have no choice “%s” for the option “%s”", p->name, value, key);
  return NULL;
}

/**
 * puratan_catalog_get_quantity_range:
 * @catalog: a catalog
 * @product_id: a product's id
 * @min: (out) (optional): the fewest copies the shop makes
 * @max: (out) (optional): the most copies
 * @error: return location for a %PURATAN_ERROR_NOT_FOUND error
 *
 * Returns: %TRUE, or %FALSE with @error for an unknown product
 */
gboolean
puratan_catalog_get_quantity_range (
    const PuratanCatalog *catalog, const char *product_id, gint64 *min, gint64 *max, GError **error)
{
  const PuratanProduct *p;

  g_return_val_if_fail (catalog != NULL && product_id != NULL, FALSE);

  p = product_or_error (catalog, product_id, error);
  if (p == NULL)
    return FALSE;
  if (min != NULL)
    *min = p->quantity_min;
  if (max != NULL)
    *max = p->quantity_max;
  return TRUE;
}
