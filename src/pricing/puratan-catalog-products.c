/* puratan-catalog-products.c: reading stocks, presses, finishing and products
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-catalog-private.h"

#include <string.h>

#include "puratan-catalog-read-private.h"
#include "puratan-error.h"

/* Option keys with a meaning of their own; finishing options may not use them. */
static const char *const reserved_keys[] = {
  "size", "stock", "sides", "pages", "turnaround", "quantity", NULL,
};

static void
stock_free (PuratanStock *stock)
{
  g_free (stock->id);
  g_free (stock->name);
  g_free (stock->finish);
  g_free (stock);
}

static void
press_free (PuratanPress *press)
{
  g_free (press->id);
  g_free (press->name);
  g_free (press);
}

static void
finishing_free (PuratanFinishing *finishing)
{
  g_free (finishing->id);
  g_free (finishing->option);
  g_free (finishing->value);
  g_free (finishing->label);
  g_free (finishing);
}

static void
size_choice_free (PuratanSizeChoice *size)
{
  g_free (size->id);
  g_free (size->label);
  g_free (size);
}

static void
sides_free (PuratanSides *sides)
{
  g_free (sides->id);
  g_free (sides);
}

static void
product_free (PuratanProduct *product)
{
  g_free (product->id);
  g_free (product->name);
  g_free (product->category);
  g_clear_pointer (&product->sizes, g_ptr_array_unref);
  g_clear_pointer (&product->stocks, g_ptr_array_unref);
  g_clear_pointer (&product->presses, g_ptr_array_unref);
  g_clear_pointer (&product->sides, g_ptr_array_unref);
  g_clear_pointer (&product->finishing, g_ptr_array_unref);
  g_strfreev (product->required);
  g_clear_pointer (&product->defaults, g_hash_table_unref);
  g_clear_pointer (&product->constraints, g_ptr_array_unref);
  g_free (product);
}

static gboolean
duplicate (GError **error, const char *file, const char *kind, const char *id)
{
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
               "%s: there are two %s with the id “%s”", file, kind, id);
  return FALSE;
}

static gpointer
find_by_id (GPtrArray *array, const char *id)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (*(char **) g_ptr_array_index (array, i), id) == 0)
      return g_ptr_array_index (array, i);
  return NULL;
}

typedef gboolean (*ReadFunc) (
    JsonObject *o, const char *file, guint i, gpointer record, GError **error);

static gboolean
read_stock (JsonObject *o, const char *file, guint i, gpointer record, GError **error)
{
  PuratanStock *stock = record;
  static const char *const allowed[] = {
    "id", "name", "gsm", "finish", "parent_sheet", "cost_per_parent_paise", NULL,
  };
  const char *id, *name, *finish;
  g_autofree char *where = g_strdup_printf ("%s: stocks[%u]", file, i);

  if (!puratan_read_string (o, "id", where, &id, error))
    return FALSE;
  g_free (where);
  where = g_strdup_printf ("%s: stock “%s”", file, id);
  if (!puratan_read_members (o, where, allowed, error) ||
      !puratan_read_string (o, "name", where, &name, error) ||
      !puratan_read_string (o, "finish", where, &finish, error) ||
      !puratan_read_int (o, "gsm", where, 30, 2000, &stock->gsm, error) ||
      !puratan_read_size (o, "parent_sheet", where, &stock->parent, error) ||
      !puratan_read_int (o, "cost_per_parent_paise", where, 1, PURATAN_MAX_PAISE,
                         &stock->cost_per_parent, error))
    return FALSE;
  stock->id = g_strdup (id);
  stock->name = g_strdup (name);
  stock->finish = g_strdup (finish);
  return TRUE;
}

static gboolean
read_press (JsonObject *o, const char *file, guint i, gpointer record, GError **error)
{
  PuratanPress *press = record;
  static const char *const digital[] = {
    "id",
    "name",
    "process",
    "sheet",
    "gripper",
    "margin",
    "makeready_sheets",
    "run_spoilage_bp",
    "click_colour_paise",
    "click_mono_paise",
    NULL,
  };
  static const char *const offset[] = {
    "id",
    "name",
    "process",
    "sheet",
    "gripper",
    "margin",
    "makeready_sheets",
    "run_spoilage_bp",
    "plate_paise",
    "makeready_per_plate_paise",
    "hourly_paise",
    "impressions_per_hour",
    NULL,
  };
  const char *id, *name, *process;
  g_autofree char *where = g_strdup_printf ("%s: presses[%u]", file, i);
  gboolean ok;

  if (!puratan_read_string (o, "id", where, &id, error))
    return FALSE;
  g_free (where);
  where = g_strdup_printf ("%s: press “%s”", file, id);
  if (!puratan_read_string (o, "process", where, &process, error))
    return FALSE;
  if (g_str_equal (process, "digital"))
    press->process = PURATAN_PROCESS_DIGITAL;
  else if (g_str_equal (process, "offset"))
    press->process = PURATAN_PROCESS_OFFSET;
  else
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s: field “process” is “%s”; it must be “digital” or “offset”", where, process);
      return FALSE;
    }
  if (!puratan_read_members (o, where, press->process == PURATAN_PROCESS_DIGITAL ? digital : offset,
                             error) ||
      !puratan_read_string (o, "name", where, &name, error) ||
      !puratan_read_size (o, "sheet", where, &press->sheet, error) ||
      !puratan_read_length (o, "gripper", where, &press->gripper_um, error) ||
      !puratan_read_length (o, "margin", where, &press->margin_um, error) ||
      !puratan_read_int (o, "makeready_sheets", where, 0, 10000, &press->makeready_sheets, error) ||
      !puratan_read_int (o, "run_spoilage_bp", where, 0, 5000, &press->run_spoilage_bp, error))
    return FALSE;
  if (press->process == PURATAN_PROCESS_DIGITAL)
    ok = puratan_read_int (o, "click_colour_paise", where, 0, PURATAN_MAX_PAISE,
                           &press->click_colour, error) &&
         puratan_read_int (o, "click_mono_paise", where, 0, PURATAN_MAX_PAISE, &press->click_mono,
                           error);
  else
    ok = puratan_read_int (o, "plate_paise", where, 0, PURATAN_MAX_PAISE, &press->plate, error) &&
         puratan_read_int (o, "makeready_per_plate_paise", where, 0, PURATAN_MAX_PAISE,
                           &press->makeready_per_plate, error) &&
         puratan_read_int (o, "hourly_paise", where, 0, PURATAN_MAX_PAISE, &press->hourly, error) &&
         puratan_read_int (o, "impressions_per_hour", where, 1, 100000,
                           &press->impressions_per_hour, error);
  if (!ok)
    return FALSE;
  press->id = g_strdup (id);
  press->name = g_strdup (name);
  return TRUE;
}

static gboolean
read_finishing (JsonObject *o, const char *file, guint i, gpointer record, GError **error)
{
  PuratanFinishing *f = record;
  static const char *const allowed[] = {
    "id", "option", "value", "label", "basis", "setup_paise", "rate_per_1000_paise", NULL,
  };
  static const char *const bases[] = { "unit", "piece", "sheet", "sheet_side", NULL };
  const char *id, *option, *value, *label, *basis;
  g_autofree char *where = g_strdup_printf ("%s: finishing[%u]", file, i);

  if (!puratan_read_string (o, "id", where, &id, error))
    return FALSE;
  g_free (where);
  where = g_strdup_printf ("%s: finishing “%s”", file, id);
  if (!puratan_read_members (o, where, allowed, error) ||
      !puratan_read_string (o, "option", where, &option, error) ||
      !puratan_read_string (o, "value", where, &value, error) ||
      !puratan_read_string (o, "label", where, &label, error) ||
      !puratan_read_string (o, "basis", where, &basis, error) ||
      !puratan_read_int (o, "setup_paise", where, 0, PURATAN_MAX_PAISE, &f->setup, error) ||
      !puratan_read_int (o, "rate_per_1000_paise", where, 0, PURATAN_MAX_PAISE, &f->rate_per_1000,
                         error))
    return FALSE;
  if (g_strv_contains (reserved_keys, option) || g_str_equal (value, "none"))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s: option “%s” with value “%s” is reserved; pick another name", where, option,
                   value);
      return FALSE;
    }
  f->basis = PURATAN_BASIS_UNIT;
  while (bases[f->basis] != NULL && !g_str_equal (bases[f->basis], basis))
    f->basis++;
  if (bases[f->basis] == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s: field “basis” is “%s”; it must be unit, piece, sheet or sheet_side", where,
                   basis);
      return FALSE;
    }
  f->id = g_strdup (id);
  f->option = g_strdup (option);
  f->value = g_strdup (value);
  f->label = g_strdup (label);
  return TRUE;
}

/**
 * puratan_catalog_is_option_key:
 * @catalog: a catalog whose finishing is loaded
 * @key: an option key
 *
 * Returns: whether @key is a built-in option, "quantity" or a finishing option
 */
gboolean
puratan_catalog_is_option_key (const PuratanCatalog *catalog, const char *key)
{
  if (g_strv_contains (reserved_keys, key))
    return TRUE;
  for (guint i = 0; i < catalog->finishing->len; i++)
    if (g_str_equal (((PuratanFinishing *) g_ptr_array_index (catalog->finishing, i))->option, key))
      return TRUE;
  return FALSE;
}

static gboolean
read_list (JsonObject *root,
           const char *member,
           const char *file,
           gsize record_size,
           ReadFunc read,
           GDestroyNotify free_func,
           GPtrArray **out,
           GError **error)
{
  JsonArray *array;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (free_func);

  if (!puratan_read_array (root, member, file, FALSE, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o;
      gpointer record;

      if (!puratan_read_element_object (array, i, file, member, &o, error))
        return FALSE;
      record = g_malloc0 (record_size);
      if (!read (o, file, i, record, error))
        {
          free_func (record);
          return FALSE;
        }
      if (find_by_id (list, *(char **) record) != NULL)
        {
          g_autofree char *id = g_strdup (*(char **) record);

          free_func (record);
          return duplicate (error, file, member, id);
        }
      g_ptr_array_add (list, record);
    }
  if (list->len == 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s: “%s” must list at least one entry", file, member);
      return FALSE;
    }
  *out = g_steal_pointer (&list);
  return TRUE;
}

/**
 * puratan_catalog_read_products:
 * @catalog: the catalog being loaded, with its rules already read
 * @root: the catalog file's top-level object
 * @file: the file's name, for errors
 * @error: return location for an error
 *
 * Reads stocks, presses, finishing and products, checking every reference.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_catalog_read_products (PuratanCatalog *catalog,
                               JsonObject *root,
                               const char *file,
                               GError **error)
{
  static const char *const allowed[] = {
    "version", "stocks", "presses", "finishing", "products", NULL,
  };
  gint64 version;
  JsonArray *array;

  if (!puratan_read_members (root, file, allowed, error) ||
      !puratan_read_int (root, "version", file, 1, 1, &version, error) ||
      !read_list (root, "stocks", file, sizeof (PuratanStock), read_stock,
                  (GDestroyNotify) stock_free, &catalog->stocks, error) ||
      !read_list (root, "presses", file, sizeof (PuratanPress), read_press,
                  (GDestroyNotify) press_free, &catalog->presses, error) ||
      !read_list (root, "finishing", file, sizeof (PuratanFinishing), read_finishing,
                  (GDestroyNotify) finishing_free, &catalog->finishing, error))
    return FALSE;

  for (guint i = 0; i < catalog->finishing->len; i++)
    for (guint j = 0; j < i; j++)
      {
        PuratanFinishing *a = g_ptr_array_index (catalog->finishing, i);
        PuratanFinishing *b = g_ptr_array_index (catalog->finishing, j);

        if (g_str_equal (a->option, b->option) && g_str_equal (a->value, b->value))
          {
            g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                         "%s: finishing “%s” and “%s” both claim %s=%s", file, b->id, a->id,
                         a->option, a->value);
            return FALSE;
          }
      }

  if (!puratan_read_array (root, "products", file, FALSE, &array, error))
    return FALSE;
  catalog->products = g_ptr_array_new_with_free_func ((GDestroyNotify) product_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o;
      PuratanProduct *product;

      if (!puratan_read_element_object (array, i, file, "products", &o, error))
        return FALSE;
      product = g_new0 (PuratanProduct, 1);
      g_ptr_array_add (catalog->products, product);
      if (!puratan_catalog_read_product (catalog, o, file, i, product, error))
        return FALSE;
      if (puratan_catalog_find_product (catalog, product->id) != product)
        return duplicate (error, file, "products", product->id);
    }
  if (catalog->products->len == 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s: “products” must list at least one product", file);
      return FALSE;
    }
  for (guint i = 0; i < catalog->constraints->len; i++)
    {
      PuratanConstraint *c = g_ptr_array_index (catalog->constraints, i);

      if (!puratan_catalog_is_option_key (catalog, c->key))
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "rules file: constraints[%u] requires “%s”, which is no option of the "
                       "catalog",
                       i, c->key);
          return FALSE;
        }
    }
  return TRUE;
}

void
puratan_catalog_size_choice_free (PuratanSizeChoice *size)
{
  size_choice_free (size);
}

void
puratan_catalog_sides_free (PuratanSides *sides)
{
  sides_free (sides);
}
