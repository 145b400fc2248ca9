/* puratan-catalog.c: loading, lifetime and look-ups of the catalog
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-catalog-private.h"

#include "puratan-error.h"
#include "puratan-job.h"
#include "puratan-json.h"

G_DEFINE_BOXED_TYPE (PuratanCatalog, puratan_catalog, puratan_catalog_ref, puratan_catalog_unref)

/**
 * puratan_catalog_new_empty:
 *
 * Creates a catalog with no records, for the loaders to fill.
 *
 * Returns: (transfer full): a new catalog
 */
PuratanCatalog *
puratan_catalog_new_empty (void)
{
  PuratanCatalog *catalog = g_new0 (PuratanCatalog, 1);

  g_atomic_ref_count_init (&catalog->ref_count);
  g_date_clear (&catalog->rates_date, 1);
  return catalog;
}

/**
 * puratan_catalog_ref:
 * @catalog: a catalog
 *
 * Returns: (transfer full): @catalog with one more reference
 */
PuratanCatalog *
puratan_catalog_ref (PuratanCatalog *catalog)
{
  g_return_val_if_fail (catalog != NULL, NULL);
  g_atomic_ref_count_inc (&catalog->ref_count);
  return catalog;
}

static void
shop_clear (PuratanShop *shop)
{
  g_free (shop->name);
  g_strfreev (shop->address);
  g_free (shop->state);
  g_free (shop->gstin);
  g_free (shop->phone);
  g_free (shop->email);
  g_free (shop->quote_prefix);
}

/**
 * puratan_catalog_unref:
 * @catalog: (transfer full): a catalog
 *
 * Drops a reference; the last one frees the catalog.
 */
void
puratan_catalog_unref (PuratanCatalog *catalog)
{
  g_return_if_fail (catalog != NULL);
  if (!g_atomic_ref_count_dec (&catalog->ref_count))
    return;
  /* Products borrow stocks, presses and finishing: free them first. */
  g_clear_pointer (&catalog->products, g_ptr_array_unref);
  g_clear_pointer (&catalog->stocks, g_ptr_array_unref);
  g_clear_pointer (&catalog->presses, g_ptr_array_unref);
  g_clear_pointer (&catalog->finishing, g_ptr_array_unref);
  g_clear_pointer (&catalog->tax_categories, g_ptr_array_unref);
  g_clear_pointer (&catalog->turnarounds, g_ptr_array_unref);
  g_clear_pointer (&catalog->tiers, g_ptr_array_unref);
  g_clear_pointer (&catalog->volume_breaks, g_ptr_array_unref);
  g_clear_pointer (&catalog->coupons, g_ptr_array_unref);
  g_clear_pointer (&catalog->constraints, g_ptr_array_unref);
  g_clear_pointer (&catalog->rates, g_ptr_array_unref);
  shop_clear (&catalog->shop);
  g_free (catalog);
}

/* Reads @path through the project's strict JSON gate into @out_root. */
static JsonObject *
parse_file (const char *path, JsonNode **out_root, GError **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                     "There is no catalog file at “%s”", path);
      else
        g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "%s: %s", path, local_error->message);
      return NULL;
    }
  *out_root = puratan_json_parse (contents, (gssize) length, &local_error);
  if (*out_root == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE, "%s: %s", base, local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (*out_root))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                   "%s: the file must hold one JSON object", base);
      return NULL;
    }
  return json_node_get_object (*out_root);
}

/**
 * puratan_catalog_load:
 * @catalog_path: the catalog file (stocks, presses, finishing, products)
 * @rules_path: the rules file (shop, tax, turnarounds, tiers, discounts, coupons, rates)
 * @error: return location for an error
 *
 * Loads and validates both files strictly. Any mistake (bad JSON, a missing
 * or misspelt field, a value out of range, a reference to an unknown record)
 * fails the whole load with one error naming the file, the record and the
 * field; nothing is loaded half-way.
 *
 * Returns: (transfer full) (nullable): the catalog, or %NULL with @error set
 */
PuratanCatalog *
puratan_catalog_load (const char *catalog_path, const char *rules_path, GError **error)
{
  g_autoptr (JsonNode) catalog_node = NULL;
  g_autoptr (JsonNode) rules_node = NULL;
  g_autoptr (PuratanCatalog) catalog = NULL;
  g_autofree char *catalog_base = NULL;
  g_autofree char *rules_base = NULL;
  JsonObject *catalog_root, *rules_root;

  g_return_val_if_fail (catalog_path != NULL, NULL);
  g_return_val_if_fail (rules_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  catalog_root = parse_file (catalog_path, &catalog_node, error);
  if (catalog_root == NULL)
    return NULL;
  rules_root = parse_file (rules_path, &rules_node, error);
  if (rules_root == NULL)
    return NULL;

  catalog_base = g_path_get_basename (catalog_path);
  rules_base = g_path_get_basename (rules_path);
  catalog = puratan_catalog_new_empty ();
  /* Rules first: products refer to tax categories and turnarounds. */
  if (!puratan_catalog_read_rules (catalog, rules_root, rules_base, error) ||
      !puratan_catalog_read_products (catalog, catalog_root, catalog_base, error))
    return NULL;
  /* Every product's defaults must make a valid job on their own. */
  for (guint i = 0; i < catalog->products->len; i++)
    {
      const PuratanProduct *product = g_ptr_array_index (catalog->products, i);
      g_autoptr (GError) local_error = NULL;
      g_autoptr (PuratanJob) job = puratan_job_new (catalog, product->id, NULL, &local_error);

      if (job == NULL)
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "%s: product “%s”: its defaults are not a valid choice: %s", catalog_base,
                       product->id, local_error->message);
          return NULL;
        }
    }
  return g_steal_pointer (&catalog);
}

/**
 * puratan_catalog_load_dir:
 * @directory: a folder holding catalog.json and rules.json
 * @error: return location for an error
 *
 * Loads the catalog of a folder with puratan_catalog_load().
 *
 * Returns: (transfer full) (nullable): the catalog, or %NULL with @error set
 */
PuratanCatalog *
puratan_catalog_load_dir (const char *directory, GError **error)
{
  g_autofree char *catalog_path = NULL;
  g_autofree char *rules_path = NULL;

  g_return_val_if_fail (directory != NULL, NULL);

  catalog_path = g_build_filename (directory, "catalog.json", NULL);
  rules_path = g_build_filename (directory, "rules.json", NULL);
  return puratan_catalog_load (catalog_path, rules_path, error);
}

/**
 * puratan_catalog_get_n_products:
 * @catalog: a catalog
 *
 * Returns: the number of products
 */
guint
puratan_catalog_get_n_products (const PuratanCatalog *catalog)
{
  g_return_val_if_fail (catalog != NULL, 0);
  return catalog->products->len;
}

/**
 * puratan_catalog_get_product_id:
 * @catalog: a catalog
 * @index: below puratan_catalog_get_n_products()
 *
 * Returns: (transfer none): the product's id, as given to `puratan quote --product`
 */
const char *
puratan_catalog_get_product_id (const PuratanCatalog *catalog, guint index)
{
  g_return_val_if_fail (catalog != NULL && index < catalog->products->len, NULL);
  return ((PuratanProduct *) g_ptr_array_index (catalog->products, index))->id;
}

/**
 * puratan_catalog_get_product_name:
 * @catalog: a catalog
 * @index: below puratan_catalog_get_n_products()
 *
 * Returns: (transfer none): the product's display name
 */
const char *
puratan_catalog_get_product_name (const PuratanCatalog *catalog, guint index)
{
  g_return_val_if_fail (catalog != NULL && index < catalog->products->len, NULL);
  return ((PuratanProduct *) g_ptr_array_index (catalog->products, index))->name;
}

#define DEFINE_FIND(fn, Type, array, field)                                   \
  const Type *fn (const PuratanCatalog *catalog, const char *key)             \
  {                                                                           \
    for (guint i = 0; catalog->array != NULL && i < catalog->array->len; i++) \
      {                                                                       \
        const Type *item = g_ptr_array_index (catalog->array, i);             \
        if (g_strcmp0 (item->field, key) == 0)                                \
          return item;                                                        \
      }                                                                       \
    return NULL;                                                              \
  }

DEFINE_FIND (puratan_catalog_find_product, PuratanProduct, products, id)
DEFINE_FIND (puratan_catalog_find_tax, PuratanTaxCategory, tax_categories, id)
DEFINE_FIND (puratan_catalog_find_turnaround, PuratanTurnaround, turnarounds, id)
DEFINE_FIND (puratan_catalog_find_tier, PuratanTier, tiers, id)
DEFINE_FIND (puratan_catalog_find_coupon, PuratanCoupon, coupons, code)
