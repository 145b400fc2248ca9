/* puratan-catalog-product.c: reading and checking one product of the catalog
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-catalog-private.h"

#include "puratan-catalog-read-private.h"
#include "puratan-error.h"

static gboolean invalid (GError **error, const char *where, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError **error, const char *where, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, "%s: %s", where, message);
  return FALSE;
}

static gboolean
read_sizes (JsonObject *o, const char *where, PuratanProduct *product, GError **error)
{
  static const char *const allowed[] = { "id", "label", "width", "height", NULL };
  JsonArray *array;

  if (!puratan_read_array (o, "sizes", where, FALSE, &array, error))
    return FALSE;
  product->sizes =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_catalog_size_choice_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *s;
      const char *id, *label;
      PuratanSizeChoice *size;
      g_autofree char *inner = g_strdup_printf ("%s: “sizes[%u]”", where, i);

      if (!puratan_read_element_object (array, i, where, "sizes", &s, error) ||
          !puratan_read_members (s, inner, allowed, error) ||
          !puratan_read_string (s, "id", inner, &id, error) ||
          !puratan_read_string (s, "label", inner, &label, error))
        return FALSE;
      size = g_new0 (PuratanSizeChoice, 1);
      g_ptr_array_add (product->sizes, size);
      size->id = g_strdup (id);
      size->label = g_strdup (label);
      if (!puratan_read_length (s, "width", inner, &size->trim.width_um, error) ||
          !puratan_read_length (s, "height", inner, &size->trim.height_um, error))
        return FALSE;
      if (size->trim.width_um == 0 || size->trim.height_um == 0)
        return invalid (error, inner, "a size needs a width and height above zero");
      for (guint j = 0; j < i; j++)
        if (g_str_equal (((PuratanSizeChoice *) g_ptr_array_index (product->sizes, j))->id, id))
          return invalid (error, where, "two sizes have the id “%s”", id);
    }
  if (product->sizes->len == 0)
    return invalid (error, where, "“sizes” must list at least one size");
  return TRUE;
}

static gboolean
read_refs (JsonObject *o,
           const char *member,
           const char *where,
           gboolean optional,
           GPtrArray *from,
           const char *kind,
           GPtrArray **out,
           GError **error)
{
  g_auto (GStrv) ids = NULL;

  if (!puratan_read_strv (o, member, where, optional, &ids, error))
    return FALSE;
  *out = g_ptr_array_new ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      gpointer record = NULL;

      for (guint j = 0; j < from->len && record == NULL; j++)
        if (g_str_equal (*(char **) g_ptr_array_index (from, j), ids[i]))
          record = g_ptr_array_index (from, j);
      if (record == NULL)
        return invalid (error, where, "field “%s” names %s “%s”, which the catalog does not have",
                        member, kind, ids[i]);
      if (g_ptr_array_find (*out, record, NULL))
        return invalid (error, where, "field “%s” names “%s” twice", member, ids[i]);
      g_ptr_array_add (*out, record);
    }
  if ((*out)->len == 0 && !optional)
    return invalid (error, where, "field “%s” must name at least one %s", member, kind);
  return TRUE;
}

static gboolean
read_sides (JsonObject *o, const char *where, PuratanProduct *product, GError **error)
{
  g_auto (GStrv) ids = NULL;

  if (!puratan_read_strv (o, "sides", where, FALSE, &ids, error))
    return FALSE;
  product->sides = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_catalog_sides_free);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      PuratanSides *sides;
      const char *s = ids[i];

      if (!(s[0] >= '1' && s[0] <= '6' && s[1] == '/' && s[2] >= '0' && s[2] <= '6' && s[3] == 0))
        return invalid (error, where,
                        "“sides[%u]” is “%s”; write colours front/back such as 4/0, 4/4 or 1/0", i,
                        s);
      sides = g_new0 (PuratanSides, 1);
      sides->id = g_strdup (s);
      sides->front = s[0] - '0';
      sides->back = s[2] - '0';
      g_ptr_array_add (product->sides, sides);
    }
  if (product->sides->len == 0)
    return invalid (error, where, "field “sides” must list at least one choice such as 4/0");
  return TRUE;
}

static gboolean
read_numbers (JsonObject *o, const char *where, PuratanProduct *product, GError **error)
{
  static const char *const range_members[] = { "min", "max", NULL };
  static const char *const pages_members[] = { "min", "max", "step", NULL };
  static const char *const markup_members[] = { "paper_bp", "press_bp", "finishing_bp", NULL };
  JsonObject *quantity, *pages, *markup;
  g_autofree char *q_where = g_strdup_printf ("%s: “quantity”", where);
  g_autofree char *p_where = g_strdup_printf ("%s: “pages”", where);
  g_autofree char *m_where = g_strdup_printf ("%s: “markup”", where);

  if (!puratan_read_object (o, "quantity", where, FALSE, &quantity, error) ||
      !puratan_read_members (quantity, q_where, range_members, error) ||
      !puratan_read_int (quantity, "min", q_where, 1, PURATAN_MAX_QUANTITY, &product->quantity_min,
                         error) ||
      !puratan_read_int (quantity, "max", q_where, product->quantity_min, PURATAN_MAX_QUANTITY,
                         &product->quantity_max, error) ||
      !puratan_read_object (o, "pages", where, TRUE, &pages, error) ||
      !puratan_read_object (o, "markup", where, FALSE, &markup, error) ||
      !puratan_read_members (markup, m_where, markup_members, error) ||
      !puratan_read_int (markup, "paper_bp", m_where, 0, PURATAN_MAX_BP, &product->markup_paper_bp,
                         error) ||
      !puratan_read_int (markup, "press_bp", m_where, 0, PURATAN_MAX_BP, &product->markup_press_bp,
                         error) ||
      !puratan_read_int (markup, "finishing_bp", m_where, 0, PURATAN_MAX_BP,
                         &product->markup_finishing_bp, error) ||
      !puratan_read_int (o, "minimum_paise", where, 0, PURATAN_MAX_PAISE, &product->minimum,
                         error) ||
      !puratan_read_length (o, "bleed", where, &product->bleed_um, error) ||
      !puratan_read_length (o, "gutter", where, &product->gutter_um, error))
    return FALSE;
  product->has_pages = pages != NULL;
  if (pages != NULL && (!puratan_read_members (pages, p_where, pages_members, error) ||
                        !puratan_read_int (pages, "min", p_where, 4, PURATAN_MAX_PAGES,
                                           &product->pages_min, error) ||
                        !puratan_read_int (pages, "max", p_where, product->pages_min,
                                           PURATAN_MAX_PAGES, &product->pages_max, error) ||
                        !puratan_read_int (pages, "step", p_where, 1, PURATAN_MAX_PAGES,
                                           &product->pages_step, error)))
    return FALSE;
  return TRUE;
}

/* Every size must fit every press the product may go on, and every stock
 * must give at least one press sheet per parent sheet. */
static gboolean
check_fit (const PuratanProduct *product, const char *where, GError **error)
{
  for (guint p = 0; p < product->presses->len; p++)
    {
      const PuratanPress *press = g_ptr_array_index (product->presses, p);

      for (guint s = 0; s < product->sizes->len; s++)
        {
          const PuratanSizeChoice *size = g_ptr_array_index (product->sizes, s);
          PuratanImpositionSpec spec = {
            .piece = size->trim,
            .bleed_um = product->bleed_um,
            .gutter_um = product->gutter_um,
            .sheet = press->sheet,
            .gripper_um = press->gripper_um,
            .margin_um = press->margin_um,
          };
          PuratanImposition imposition;
          g_autoptr (GError) local_error = NULL;

          /* A booklet is printed as spreads of two pages side by side. */
          if (product->has_pages)
            spec.piece.width_um *= 2;
          if (!puratan_impose (&spec, &imposition, &local_error))
            return invalid (error, where, "size “%s” does not fit press “%s”: %s", size->id,
                            press->id, local_error->message);
        }
      for (guint s = 0; s < product->stocks->len; s++)
        {
          const PuratanStock *stock = g_ptr_array_index (product->stocks, s);

          if (puratan_parent_sheet_cuts (stock->parent, press->sheet, NULL) == 0)
            return invalid (error, where, "stock “%s” is too small to cut a sheet for press “%s”",
                            stock->id, press->id);
        }
    }
  return TRUE;
}

static gboolean
read_constraints (JsonObject *o,
                  const char *where,
                  PuratanCatalog *catalog,
                  PuratanProduct *product,
                  GError **error)
{
  JsonArray *array;

  product->constraints = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_constraint_free);
  if (!puratan_read_array (o, "constraints", where, TRUE, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *c;
      PuratanConstraint *constraint;
      g_autofree char *inner = g_strdup_printf ("%s: “constraints[%u]”", where, i);
      GHashTableIter iter;
      gpointer key;

      if (!puratan_read_element_object (array, i, where, "constraints", &c, error) ||
          !puratan_catalog_read_constraint (c, inner, &constraint, error))
        return FALSE;
      g_ptr_array_add (product->constraints, constraint);
      if (!puratan_catalog_is_option_key (catalog, constraint->key))
        return invalid (error, inner, "requires “%s”, which is no option", constraint->key);
      g_hash_table_iter_init (&iter, constraint->when);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!puratan_catalog_is_option_key (catalog, key))
          return invalid (error, inner, "applies when “%s” is set, which is no option",
                          (char *) key);
    }
  return TRUE;
}

static gboolean
read_defaults (JsonObject *o, const char *where, PuratanProduct *product, GError **error)
{
  JsonObject *defaults;
  g_autoptr (GList) members = NULL;
  g_autofree char *inner = g_strdup_printf ("%s: “defaults”", where);

  product->defaults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!puratan_read_object (o, "defaults", where, FALSE, &defaults, error))
    return FALSE;
  members = json_object_get_members (defaults);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *value;

      if (!puratan_read_string (defaults, l->data, inner, &value, error))
        return FALSE;
      g_hash_table_insert (product->defaults, g_strdup (l->data), g_strdup (value));
    }
  return TRUE;
}

/**
 * puratan_catalog_read_product:
 * @catalog: the catalog being loaded (stocks, presses, finishing and rules read)
 * @object: the product's JSON object
 * @file: the file's name, for errors
 * @index: the product's index in "products", for errors before its id is known
 * @product: the zero-filled record to fill; on failure the caller frees it
 * @error: return location for an error
 *
 * Reads one product and checks its references, sizes and fit.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_catalog_read_product (PuratanCatalog *catalog,
                              JsonObject *object,
                              const char *file,
                              guint index,
                              PuratanProduct *product,
                              GError **error)
{
  static const char *const allowed[] = {
    "id",     "name",      "category",      "sizes",    "stocks",      "presses",
    "sides",  "finishing", "required",      "pages",    "quantity",    "bleed",
    "gutter", "markup",    "minimum_paise", "defaults", "constraints", NULL,
  };
  const char *id, *name, *category;
  g_autofree char *where = g_strdup_printf ("%s: products[%u]", file, index);

  if (!puratan_read_string (object, "id", where, &id, error))
    return FALSE;
  g_free (where);
  where = g_strdup_printf ("%s: product “%s”", file, id);
  product->id = g_strdup (id);
  if (!puratan_read_members (object, where, allowed, error) ||
      !puratan_read_string (object, "name", where, &name, error) ||
      !puratan_read_string (object, "category", where, &category, error))
    return FALSE;
  product->name = g_strdup (name);
  product->category = g_strdup (category);
  if (puratan_catalog_find_tax (catalog, category) == NULL)
    return invalid (error, where, "field “category” is “%s”, which has no GST rate in the rules",
                    category);
  if (!read_sizes (object, where, product, error) ||
      !read_refs (object, "stocks", where, FALSE, catalog->stocks, "stock", &product->stocks,
                  error) ||
      !read_refs (object, "presses", where, FALSE, catalog->presses, "press", &product->presses,
                  error) ||
      !read_refs (object, "finishing", where, TRUE, catalog->finishing, "finishing",
                  &product->finishing, error) ||
      !read_sides (object, where, product, error) ||
      !puratan_read_strv (object, "required", where, TRUE, &product->required, error) ||
      !read_numbers (object, where, product, error) ||
      !read_constraints (object, where, catalog, product, error) ||
      !read_defaults (object, where, product, error) || !check_fit (product, where, error))
    return FALSE;
  if (product->finishing->len > PURATAN_MAX_FINISHING)
    return invalid (error, where, "offers %u finishing choices; at most %d are allowed",
                    product->finishing->len, PURATAN_MAX_FINISHING);
  for (guint i = 0; product->required[i] != NULL; i++)
    {
      gboolean offered = FALSE;

      for (guint j = 0; j < product->finishing->len; j++)
        offered |=
            g_str_equal (((PuratanFinishing *) g_ptr_array_index (product->finishing, j))->option,
                         product->required[i]);
      if (!offered)
        return invalid (error, where, "“required” names “%s”, which no finishing offers",
                        product->required[i]);
    }
  return TRUE;
}
