/* puratan-catalog-describe.c: the catalog's products and options for people and programs
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-catalog-private.h"

#include "puratan-error.h"
#include "puratan-job.h"

/**
 * puratan_option_domain_free:
 * @domain: (transfer full): a domain
 *
 * Frees an option domain.
 */
void
puratan_option_domain_free (PuratanOptionDomain *domain)
{
  g_return_if_fail (domain != NULL);
  g_free (domain->key);
  g_strfreev (domain->values);
  g_free (domain->default_value);
  g_strfreev (domain->labels);
  g_free (domain->title);
  g_free (domain);
}

/**
 * puratan_catalog_get_turnaround_days:
 * @catalog: a catalog
 * @turnaround_id: a turnaround's id, such as "standard"
 *
 * Returns: the working days the turnaround promises (0 for same day), or -1 when the catalog
 *   has no such turnaround
 */
gint64
puratan_catalog_get_turnaround_days (PuratanCatalog *catalog, const char *turnaround_id)
{
  const PuratanTurnaround *t;

  g_return_val_if_fail (catalog != NULL && turnaround_id != NULL, -1);

  t = puratan_catalog_find_turnaround (catalog, turnaround_id);
  return t != NULL ? t->working_days : -1;
}

static void
add_domain (GPtrArray *domains,
            const PuratanCatalog *catalog,
            const PuratanProduct *p,
            const char *key,
            GStrvBuilder *builder,
            GHashTable *resolved)
{
  PuratanOptionDomain *domain = g_new0 (PuratanOptionDomain, 1);
  g_autoptr (GStrvBuilder) labels = g_strv_builder_new ();

  /* Every value listed here is one the product offers, so each has a name; the key and the
   * value stand in only for a catalog that broke that promise. */
  domain->key = g_strdup (key);
  domain->title = puratan_catalog_get_option_title (catalog, p->id, key, NULL);
  if (domain->title == NULL)
    domain->title = g_strdup (key);
  domain->values = g_strv_builder_end (builder);
  for (guint i = 0; domain->values[i] != NULL; i++)
    {
      g_autofree char *label =
          puratan_catalog_get_choice_label (catalog, p->id, key, domain->values[i], NULL);

      g_strv_builder_add (labels, label != NULL ? label : domain->values[i]);
    }
  domain->labels = g_strv_builder_end (labels);
  domain->default_value = g_strdup (g_hash_table_lookup (resolved, key));
  g_ptr_array_add (domains, domain);
}

static void
add_ids (GPtrArray *domains,
         const PuratanCatalog *catalog,
         const PuratanProduct *p,
         const char *key,
         GPtrArray *records,
         GHashTable *resolved)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < records->len; i++)
    g_strv_builder_add (builder, *(char **) g_ptr_array_index (records, i));
  add_domain (domains, catalog, p, key, builder, resolved);
}

/**
 * puratan_catalog_get_option_domains:
 * @catalog: a catalog
 * @product_id: a product's id
 * @error: return location for a %PURATAN_ERROR_NOT_FOUND error
 *
 * Lists every option of a product with all its values: size, stock, sides,
 * pages (when the product has them), turnaround and each finishing option
 * ("none" first unless the option is required). Not every combination is
 * valid: constraints between options still apply.
 *
 * Returns: (transfer full) (element-type PuratanOptionDomain) (nullable): the domains
 */
GPtrArray *
puratan_catalog_get_option_domains (PuratanCatalog *catalog, const char *product_id, GError **error)
{
  const PuratanProduct *p;
  g_autoptr (GPtrArray) domains = NULL;
  g_autoptr (PuratanJob) job = NULL;
  g_autoptr (GStrvBuilder) pages = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *resolved;

  g_return_val_if_fail (catalog != NULL && product_id != NULL, NULL);

  job = puratan_job_new (catalog, product_id, NULL, error);
  if (job == NULL)
    return NULL;
  p = puratan_catalog_find_product (catalog, product_id);
  resolved = puratan_job_get_options (job);
  domains = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_option_domain_free);
  add_ids (domains, catalog, p, "size", p->sizes, resolved);
  add_ids (domains, catalog, p, "stock", p->stocks, resolved);
  add_ids (domains, catalog, p, "sides", p->sides, resolved);
  if (p->has_pages)
    {
      for (gint64 n = p->pages_min; n <= p->pages_max; n += p->pages_step)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, n);

          g_strv_builder_add (pages, text);
        }
      add_domain (domains, catalog, p, "pages", pages, resolved);
    }
  add_ids (domains, catalog, p, "turnaround", catalog->turnarounds, resolved);
  for (guint i = 0; i < p->finishing->len; i++)
    {
      const PuratanFinishing *f = g_ptr_array_index (p->finishing, i);
      g_autoptr (GStrvBuilder) builder = NULL;

      if (!g_hash_table_add (seen, f->option))
        continue;
      builder = g_strv_builder_new ();
      if (!g_strv_contains ((const char *const *) p->required, f->option))
        g_strv_builder_add (builder, "none");
      for (guint j = i; j < p->finishing->len; j++)
        {
          const PuratanFinishing *g = g_ptr_array_index (p->finishing, j);

          if (g_str_equal (g->option, f->option))
            g_strv_builder_add (builder, g->value);
        }
      add_domain (domains, catalog, p, f->option, builder, resolved);
    }
  return g_steal_pointer (&domains);
}

static void
add_product_json (JsonBuilder *b, PuratanCatalog *catalog, const PuratanProduct *p)
{
  g_autoptr (GPtrArray) domains = puratan_catalog_get_option_domains (catalog, p->id, NULL);
  const PuratanTaxCategory *tax = puratan_catalog_find_tax (catalog, p->category);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, p->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, p->name);
  json_builder_set_member_name (b, "category");
  json_builder_add_string_value (b, p->category);
  json_builder_set_member_name (b, "hsn");
  json_builder_add_string_value (b, tax->hsn);
  json_builder_set_member_name (b, "gst_bp");
  json_builder_add_int_value (b, tax->gst_bp);
  json_builder_set_member_name (b, "quantity_min");
  json_builder_add_int_value (b, p->quantity_min);
  json_builder_set_member_name (b, "quantity_max");
  json_builder_add_int_value (b, p->quantity_max);
  json_builder_set_member_name (b, "options");
  json_builder_begin_array (b);
  for (guint i = 0; domains != NULL && i < domains->len; i++)
    {
      const PuratanOptionDomain *d = g_ptr_array_index (domains, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, d->key);
      json_builder_set_member_name (b, "default");
      json_builder_add_string_value (b, d->default_value);
      json_builder_set_member_name (b, "values");
      json_builder_begin_array (b);
      for (guint j = 0; d->values[j] != NULL; j++)
        json_builder_add_string_value (b, d->values[j]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_labelled (JsonBuilder *b, const char *member, GPtrArray *records)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < records->len; i++)
    {
      char **strings = g_ptr_array_index (records, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, strings[0]);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, strings[1]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/**
 * puratan_catalog_to_json:
 * @catalog: a catalog
 *
 * Describes the products with their options, the customer tiers and the
 * turnarounds as JSON (what `puratan catalog --format json` prints). Costs,
 * markups and coupon codes are not included.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
puratan_catalog_to_json (const PuratanCatalog *catalog)
{
  g_autoptr (JsonBuilder) b = json_builder_new_immutable ();

  g_return_val_if_fail (catalog != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "shop");
  json_builder_add_string_value (b, catalog->shop.name);
  json_builder_set_member_name (b, "products");
  json_builder_begin_array (b);
  for (guint i = 0; i < catalog->products->len; i++)
    add_product_json (b, (PuratanCatalog *) catalog, g_ptr_array_index (catalog->products, i));
  json_builder_end_array (b);
  add_labelled (b, "tiers", catalog->tiers);
  add_labelled (b, "turnarounds", catalog->turnarounds);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * puratan_catalog_describe:
 * @catalog: a catalog
 *
 * Describes the products and their options as text for a person at a
 * terminal (what `puratan catalog` prints).
 *
 * Returns: (transfer full): the text
 */
char *
puratan_catalog_describe (const PuratanCatalog *catalog)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (catalog != NULL, NULL);

  for (guint i = 0; i < catalog->products->len; i++)
    {
      const PuratanProduct *p = g_ptr_array_index (catalog->products, i);
      g_autoptr (GPtrArray) domains =
          puratan_catalog_get_option_domains ((PuratanCatalog *) catalog, p->id, NULL);

      g_string_append_printf (out, "%s (%s), %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " copies\n",
                              p->name, p->id, p->quantity_min, p->quantity_max);
      for (guint j = 0; domains != NULL && j < domains->len; j++)
        {
          const PuratanOptionDomain *d = g_ptr_array_index (domains, j);
          g_autofree char *values = g_strjoinv (", ", d->values);

          g_string_append_printf (out, "  %-11s %s (default %s)\n", d->key, values,
                                  d->default_value);
        }
    }
  g_string_append (out, "Customer tiers:");
  for (guint i = 0; i < catalog->tiers->len; i++)
    g_string_append_printf (out, "%s %s", i > 0 ? "," : "",
                            ((PuratanTier *) g_ptr_array_index (catalog->tiers, i))->id);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}
