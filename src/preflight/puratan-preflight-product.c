/* puratan-preflight-product.c: a catalog product's preflight specification
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A product specification (data/preflight/products/ID.json, schema in
 * docs/preflight-report.md) is keyed by the catalog's product id: the catalog, the
 * templates, orders and the API name a product the same way, so there is no mapping to
 * keep. It adds to a profile what the product owns: its finished sizes (one per catalog
 * size option), bleed, page-count rule, press condition and the technical spots (die
 * lines) it accepts by name.
 */
#include <math.h>
#include <string.h>

#include "puratan-error.h"
#include "puratan-preflight-profile-private.h"

static gboolean
spec_fail (GError **error, const char *source, const char *rule)
{
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, "%s: %s", source, rule);
  return FALSE;
}

static gboolean
read_trim (JsonNode *node, double *w, double *h)
{
  JsonArray *trim;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  trim = json_node_get_array (node);
  if (json_array_get_length (trim) != 2)
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *e = json_array_get_element (trim, i);
      if (!JSON_NODE_HOLDS_VALUE (e) || (json_node_get_value_type (e) != G_TYPE_INT64 &&
                                         json_node_get_value_type (e) != G_TYPE_DOUBLE))
        return FALSE;
    }
  *w = json_array_get_double_element (trim, 0);
  *h = json_array_get_double_element (trim, 1);
  return isfinite (*w) && isfinite (*h) && *w > 0 && *h > 0 && *w <= 10000 && *h <= 10000;
}

static void
add_size (PuratanPreflightProfile *self, const char *id, double w, double h)
{
  PuratanPreflightSize size = { g_strdup (id), w, h };
  g_array_append_val (self->sizes, size);
}

/* Reads "sizes" ([{"id", "trim-mm"}]) or, for a one-size product, "trim-mm". */
static gboolean
read_sizes (PuratanPreflightProfile *self, JsonObject *obj, const char *source, GError **error)
{
  JsonNode *sizes = json_object_get_member (obj, "sizes");
  double w, h;

  if (json_object_has_member (obj, "trim-mm"))
    {
      if (!read_trim (json_object_get_member (obj, "trim-mm"), &w, &h))
        return spec_fail (error, source, "\"trim-mm\" must be [width, height] in millimetres");
      add_size (self, "", w, h);
    }
  if (sizes == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (sizes) || json_array_get_length (json_node_get_array (sizes)) == 0 ||
      json_array_get_length (json_node_get_array (sizes)) > 64)
    return spec_fail (error, source,
                      "\"sizes\" must be a list of 1 to 64 sizes like "
                      "{\"id\": \"a5\", \"trim-mm\": [148, 210]}");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (sizes)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (sizes), i);
      JsonObject *size = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *id = size != NULL ? json_object_get_member (size, "id") : NULL;

      if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) ||
          json_node_get_value_type (id) != G_TYPE_STRING || *json_node_get_string (id) == '\0' ||
          !read_trim (json_object_get_member (size, "trim-mm"), &w, &h))
        return spec_fail (error, source,
                          "every size needs an \"id\" (the catalog's size option) and "
                          "\"trim-mm\": [width, height] in millimetres");
      add_size (self, json_node_get_string (id), w, h);
    }
  return TRUE;
}

static gboolean
read_strings (JsonObject *obj, const char *member, char ***out)
{
  JsonNode *node = json_object_get_member (obj, member);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *list;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *e = json_array_get_element (list, i);
      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING ||
          *json_node_get_string (e) == '\0')
        return FALSE;
      g_strv_builder_add (builder, json_node_get_string (e));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_product (PuratanPreflightProfile *self, JsonObject *obj, const char *source, GError **error)
{
  JsonObject *pages;
  double bleed;

  if (!read_sizes (self, obj, source, error))
    return FALSE;
  bleed = json_object_get_double_member_with_default (obj, "bleed-mm", 3.0);
  if (bleed < 0 || bleed > 50)
    return spec_fail (error, source, "\"bleed-mm\" must be between 0 and 50 millimetres");
  self->bleed_mm = bleed;
  pages = json_object_has_member (obj, "pages") &&
                  JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "pages"))
              ? json_object_get_object_member (obj, "pages")
              : NULL;
  if (pages != NULL)
    {
      gint64 min = json_object_get_int_member_with_default (pages, "min", 1);
      gint64 max = json_object_get_int_member_with_default (pages, "max", 0);
      gint64 mult = json_object_get_int_member_with_default (pages, "multiple-of", 1);
      if (min < 1 || max < 0 || (max > 0 && max < min) || mult < 1 || max > 100000 ||
          min > 100000 || mult > 1000)
        return spec_fail (error, source,
                          "\"pages\" needs min ≥ 1, max ≥ min (or 0 for no limit) and "
                          "multiple-of ≥ 1");
      self->pages_min = (guint) min;
      self->pages_max = (guint) max;
      self->pages_multiple = (guint) mult;
    }
  if (json_object_has_member (obj, "press-condition"))
    {
      g_free (self->press_condition);
      self->press_condition =
          g_strdup (json_object_get_string_member_with_default (obj, "press-condition", NULL));
    }
  g_free (self->press);
  self->press = g_strdup (json_object_get_string_member_with_default (obj, "press", NULL));
  if (!read_strings (obj, "technical-spots", &self->technical_spots))
    return spec_fail (error, source,
                      "\"technical-spots\" must be a list of spot colour names, such as "
                      "[\"CutContour\"]");
  return TRUE;
}

/* Keeps only the size @size_id; an unknown size is an error listing the product's sizes. */
static gboolean
keep_size (PuratanPreflightProfile *self, const char *size_id, GError **error)
{
  g_autoptr (GString) known = g_string_new (NULL);

  for (guint i = 0; i < self->sizes->len; i++)
    {
      PuratanPreflightSize *size = &g_array_index (self->sizes, PuratanPreflightSize, i);
      if (g_str_equal (size->id, size_id))
        {
          PuratanPreflightSize keep = { g_strdup (size->id), size->width_mm, size->height_mm };
          g_array_set_size (self->sizes, 0);
          g_array_append_val (self->sizes, keep);
          return TRUE;
        }
      g_string_append_printf (known, "%s%s (%g × %g mm)", i > 0 ? ", " : "", size->id,
                              size->width_mm, size->height_mm);
    }
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
               "The product “%s” has no size “%s”; its sizes are %s", self->product_id, size_id,
               known->len > 0 ? known->str : "not listed");
  return FALSE;
}

/**
 * puratan_preflight_profile_for_product_size:
 * @product_id: a catalog product id such as "business-cards"
 * @size_id: (nullable): the catalog size option ("eu"); %NULL accepts every size of the product
 * @profile_name_or_path: (nullable): a profile to use instead of the product's own
 * @error: return location for a %PURATAN_ERROR
 *
 * Loads the product's profile (or @profile_name_or_path) and adds the product's sizes,
 * bleed, page count rule, press condition and technical spots to it.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with %PURATAN_ERROR_NOT_FOUND
 *   naming the known products (or the product's sizes)
 */
PuratanPreflightProfile *
puratan_preflight_profile_for_product_size (const char *product_id,
                                            const char *size_id,
                                            const char *profile_name_or_path,
                                            GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonObject) obj = NULL;
  g_autoptr (PuratanPreflightProfile) self = NULL;

  g_return_val_if_fail (product_id != NULL, NULL);

  bytes = puratan_preflight_lookup_resource ("products", product_id);
  if (bytes == NULL)
    {
      g_auto (GStrv) known = puratan_preflight_product_list ();
      g_autofree char *list = g_strjoinv (", ", known);
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "There is no product \"%s\"; the products are %s", product_id, list);
      return NULL;
    }
  obj = puratan_preflight_parse_object (g_bytes_get_data (bytes, NULL),
                                        (gssize) g_bytes_get_size (bytes), product_id,
                                        "puratan-preflight-product", error);
  if (obj == NULL)
    return NULL;
  if (profile_name_or_path == NULL)
    profile_name_or_path = json_object_get_string_member_with_default (
        obj, "profile", PURATAN_PREFLIGHT_SHOP_DEFAULT_PROFILE);
  self = puratan_preflight_profile_lookup (profile_name_or_path, error);
  if (self == NULL || !read_product (self, obj, product_id, error))
    return NULL;
  self->product_id = g_strdup (product_id);
  if (size_id != NULL && !keep_size (self, size_id, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * puratan_preflight_profile_for_product:
 * @product_id: a catalog product id such as "business-cards"
 * @profile_name_or_path: (nullable): a profile to use instead of the product's own
 * @error: return location for a %PURATAN_ERROR
 *
 * As puratan_preflight_profile_for_product_size() for every size of the product.
 *
 * Returns: (transfer full) (nullable): the profile
 */
PuratanPreflightProfile *
puratan_preflight_profile_for_product (const char *product_id,
                                       const char *profile_name_or_path,
                                       GError **error)
{
  return puratan_preflight_profile_for_product_size (product_id, NULL, profile_name_or_path, error);
}

/**
 * puratan_preflight_profile_for_job:
 * @product_id: (nullable): the catalog product of the job, %NULL for a custom job
 * @size_id: (nullable): the job's size option, %NULL when not chosen
 * @error: return location for a %PURATAN_ERROR
 *
 * The one rule for what a job's file is checked against, shared by the Counter, the
 * Design view and the command line: the product's own specification (the catalog id is
 * its key), narrowed to the chosen size when the product has it; a custom job or a
 * product without a specification is checked against the shop's default profile
 * (GWG 2022 SheetCMYK).
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error set when even
 *   the default profile cannot be loaded
 */
PuratanPreflightProfile *
puratan_preflight_profile_for_job (const char *product_id, const char *size_id, GError **error)
{
  g_autoptr (PuratanPreflightProfile) product = NULL;

  if (product_id != NULL)
    {
      product = puratan_preflight_profile_for_product_size (product_id, NULL, NULL, NULL);
      if (product != NULL && size_id != NULL)
        {
          g_autoptr (PuratanPreflightProfile) sized =
              puratan_preflight_profile_for_product_size (product_id, size_id, NULL, NULL);
          if (sized != NULL)
            return g_steal_pointer (&sized);
        }
      if (product != NULL)
        return g_steal_pointer (&product);
    }
  return puratan_preflight_profile_load_builtin (PURATAN_PREFLIGHT_SHOP_DEFAULT_PROFILE, error);
}

/**
 * puratan_preflight_profile_get_trim:
 * @profile: a profile
 * @width_mm: (out) (optional): trim width of the product's first size
 * @height_mm: (out) (optional): trim height
 *
 * Returns: %FALSE when the profile is not for a product with sizes
 */
gboolean
puratan_preflight_profile_get_trim (PuratanPreflightProfile *self,
                                    double *width_mm,
                                    double *height_mm)
{
  return puratan_preflight_profile_get_size (self, 0, NULL, width_mm, height_mm);
}

/* Returns how many finished sizes a page may have (0: any size). */
guint
puratan_preflight_profile_get_n_sizes (PuratanPreflightProfile *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->sizes->len;
}

/**
 * puratan_preflight_profile_get_size:
 * @profile: a profile
 * @index: a size index
 * @id: (out) (optional) (transfer none): the catalog size option id ("" when unnamed)
 * @width_mm: (out) (optional): trim width in millimetres
 * @height_mm: (out) (optional): trim height in millimetres
 *
 * Returns: %FALSE when @index is past the last size
 */
gboolean
puratan_preflight_profile_get_size (PuratanPreflightProfile *self,
                                    guint index,
                                    const char **id,
                                    double *width_mm,
                                    double *height_mm)
{
  PuratanPreflightSize *size;

  g_return_val_if_fail (self != NULL, FALSE);
  if (index >= self->sizes->len)
    {
      if (width_mm != NULL)
        *width_mm = 0;
      if (height_mm != NULL)
        *height_mm = 0;
      return FALSE;
    }
  size = &g_array_index (self->sizes, PuratanPreflightSize, index);
  if (id != NULL)
    *id = size->id;
  if (width_mm != NULL)
    *width_mm = size->width_mm;
  if (height_mm != NULL)
    *height_mm = size->height_mm;
  return TRUE;
}

/* Returns (transfer none) (nullable) the shop's press condition id to export for, e.g.
 * "fogra39-coated"; %NULL when the profile names none. */
const char *
puratan_preflight_profile_get_press (PuratanPreflightProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->press;
}

/* Returns whether @name is a technical spot (a die line) the product or profile accepts:
 * named in the product's "technical-spots" or the spot-colors rule's "technical-spots". */
gboolean
puratan_preflight_profile_is_technical_spot (PuratanPreflightProfile *self, const char *name)
{
  JsonNode *rule;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->technical_spots != NULL &&
      g_strv_contains ((const char *const *) self->technical_spots, name))
    return TRUE;
  rule = json_object_get_member (self->checks, "spot-colors");
  if (rule != NULL && JSON_NODE_HOLDS_OBJECT (rule) &&
      json_object_has_member (json_node_get_object (rule), "technical-spots"))
    {
      JsonArray *list =
          json_object_get_array_member (json_node_get_object (rule), "technical-spots");
      for (guint i = 0; i < json_array_get_length (list); i++)
        if (g_str_equal (json_array_get_string_element (list, i), name))
          return TRUE;
    }
  return FALSE;
}

/* Returns the bleed the product needs on each side, in millimetres (3 by default). */
double
puratan_preflight_profile_get_bleed (PuratanPreflightProfile *self)
{
  g_return_val_if_fail (self != NULL, 3.0);
  return self->bleed_mm;
}

/* Gives the page count rule: @min pages, @max (0: no limit), a multiple of @multiple_of. */
void
puratan_preflight_profile_get_page_rule (PuratanPreflightProfile *self,
                                         guint *min,
                                         guint *max,
                                         guint *multiple_of)
{
  g_return_if_fail (self != NULL);
  if (min != NULL)
    *min = self->pages_min;
  if (max != NULL)
    *max = self->pages_max;
  if (multiple_of != NULL)
    *multiple_of = self->pages_multiple;
}
