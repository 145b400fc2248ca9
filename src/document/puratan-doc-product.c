/* puratan-doc-product.c: the product a design is made for, and its print settings
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A design names its catalog product by the one id the catalog, the templates, the
 * preflight specifications, orders and the API share ("business-cards"), with the option
 * choices it is made for (size → "eu"). The document layer does not read the catalog: it
 * keeps the ids and checks only their shape; the layers that price or check a design look
 * them up. The overprint-black setting tells the PDF writer whether small 100 % black text
 * and hairlines overprint on export (docs/file-format.md).
 */
#include "puratan-core.h"
#include "puratan-document-private.h"

#define MAX_ID_LENGTH 64
#define MAX_OPTIONS   32

/* Catalog ids: lower-case letters, digits and hyphens, as in "business-cards". */
static gboolean
is_product_id (const char *s)
{
  gsize n = strlen (s);

  if (n == 0 || n > MAX_ID_LENGTH)
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_islower (*s) && !g_ascii_isdigit (*s) && *s != '-')
      return FALSE;
  return TRUE;
}

/* Option choices are catalog ids too, but some are sizes and counts: "4/4", "3x6ft", "16". */
static gboolean
is_choice_id (const char *s)
{
  gsize n = strlen (s);

  if (n == 0 || n > MAX_ID_LENGTH)
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isalnum (*s) && strchr ("-_./+", *s) == NULL)
      return FALSE;
  return TRUE;
}

static GHashTable *
options_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
puratan_document_product_init (PuratanDocument *self)
{
  self->product = NULL;
  self->product_options = options_new ();
  self->overprint_black = TRUE;
}

void
puratan_document_product_clear (PuratanDocument *self)
{
  g_clear_pointer (&self->product, g_free);
  g_clear_pointer (&self->product_options, g_hash_table_unref);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Adds "product", "product_options" (keys sorted, so output is deterministic) and
 * "overprint_black" to the design object @o. */
void
puratan_document_product_to_json (PuratanDocument *self, JsonObject *o)
{
  JsonObject *options = json_object_new ();
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  if (self->product != NULL)
    json_object_set_string_member (o, "product", self->product);
  else
    json_object_set_null_member (o, "product");
  keys = g_hash_table_get_keys_as_array (self->product_options, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    json_object_set_string_member (options, keys[i],
                                   g_hash_table_lookup (self->product_options, keys[i]));
  json_object_set_object_member (o, "product_options", options);
  json_object_set_boolean_member (o, "overprint_black", self->overprint_black);
}

static gboolean
product_fail (GError **error, const char *message)
{
  g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_PARSE, message);
  return FALSE;
}

/* Reads the members written by puratan_document_product_to_json() from @o into @staged.
 * Each is optional: a design from before they existed has no product and overprints black. */
gboolean
puratan_document_product_from_json (PuratanDocument *staged, JsonObject *o, GError **error)
{
  JsonNode *product = json_object_get_member (o, "product");
  JsonNode *options = json_object_get_member (o, "product_options");
  JsonNode *overprint = json_object_get_member (o, "overprint_black");

  if (product != NULL && !JSON_NODE_HOLDS_NULL (product))
    {
      const char *id;
      if (!JSON_NODE_HOLDS_VALUE (product) || json_node_get_value_type (product) != G_TYPE_STRING)
        return product_fail (error, "“product” must be a catalog product id such as "
                                    "“business-cards”, or null");
      id = json_node_get_string (product);
      if (!is_product_id (id))
        {
          g_autofree char *shown =
              g_utf8_make_valid (id, (gssize) MIN (strlen (id), MAX_ID_LENGTH));
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                       "“product” is “%s”; a catalog product id is 1 to 64 lower-case letters, "
                       "digits and hyphens, such as “business-cards”",
                       shown);
          return FALSE;
        }
      staged->product = g_strdup (id);
    }
  if (options != NULL && !JSON_NODE_HOLDS_NULL (options))
    {
      JsonObject *map;
      g_autoptr (GList) keys = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (options))
        return product_fail (error, "“product_options” must be an object of option → choice, "
                                    "such as {\"size\": \"a5\"}");
      map = json_node_get_object (options);
      if (json_object_get_size (map) > 0 && staged->product == NULL)
        return product_fail (error, "“product_options” are given but no “product”; name the "
                                    "catalog product the options belong to");
      if (json_object_get_size (map) > MAX_OPTIONS)
        return product_fail (error, "“product_options” has more than 32 options");
      keys = json_object_get_members (map);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          const char *key = l->data;
          JsonNode *value = json_object_get_member (map, key);
          const char *choice;

          if (!is_product_id (key))
            {
              g_autofree char *shown =
                  g_utf8_make_valid (key, (gssize) MIN (strlen (key), MAX_ID_LENGTH));
              g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                           "“product_options” has the option “%s”; an option is 1 to 64 "
                           "lower-case letters, digits and hyphens, such as “size”",
                           shown);
              return FALSE;
            }
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING ||
              !is_choice_id ((choice = json_node_get_string (value))))
            {
              g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                           "The product option “%s” must be a choice id such as “a5” or “4/4” "
                           "(1 to 64 letters, digits and - _ . / +)",
                           key);
              return FALSE;
            }
          g_hash_table_insert (staged->product_options, g_strdup (key), g_strdup (choice));
        }
    }
  if (overprint != NULL && (!JSON_NODE_HOLDS_VALUE (overprint) ||
                            json_node_get_value_type (overprint) != G_TYPE_BOOLEAN))
    return product_fail (error, "“overprint_black” must be true or false");
  staged->overprint_black = overprint != NULL ? json_node_get_boolean (overprint) : TRUE;
  return TRUE;
}

/* Moves the product members of @staged into @self (after a successful load). */
void
puratan_document_product_take (PuratanDocument *self, PuratanDocument *staged)
{
  g_free (self->product);
  self->product = g_steal_pointer (&staged->product);
  g_hash_table_unref (self->product_options);
  self->product_options = g_steal_pointer (&staged->product_options);
  staged->product_options = options_new ();
  self->overprint_black = staged->overprint_black;
}

/**
 * puratan_document_get_product:
 * @self: a #PuratanDocument
 *
 * Returns: (transfer none) (nullable): the catalog product id the design is made for
 *   ("business-cards"), or %NULL for a design not tied to a product
 */
const char *
puratan_document_get_product (PuratanDocument *self)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  return self->product;
}

/**
 * puratan_document_set_product:
 * @self: a #PuratanDocument
 * @id: (nullable): a catalog product id (lower-case letters, digits and hyphens), or %NULL
 *
 * Ties the design to a catalog product as one undo step. Choosing another product (or
 * none) drops the option choices, which belong to the old product. The id is not looked
 * up in the catalog here; callers offer ids from the catalog.
 */
void
puratan_document_set_product (PuratanDocument *self, const char *id)
{
  g_return_if_fail (PURATAN_IS_DOCUMENT (self));
  g_return_if_fail (id == NULL || is_product_id (id));

  if (g_strcmp0 (self->product, id) == 0)
    return;
  puratan_document_record_structure (self);
  g_free (self->product);
  self->product = g_strdup (id);
  g_hash_table_remove_all (self->product_options);
  puratan_document_emit_changed (self);
}

/**
 * puratan_document_get_product_option:
 * @self: a #PuratanDocument
 * @key: an option key such as "size"
 *
 * Returns: (transfer none) (nullable): the chosen choice id, or %NULL when not chosen
 */
const char *
puratan_document_get_product_option (PuratanDocument *self, const char *key)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return g_hash_table_lookup (self->product_options, key);
}

/**
 * puratan_document_set_product_option:
 * @self: a #PuratanDocument with a product
 * @key: an option key (lower-case letters, digits and hyphens)
 * @choice: (nullable): a choice id, or %NULL to forget the choice
 *
 * Records an option choice of the design's product as one undo step.
 */
void
puratan_document_set_product_option (PuratanDocument *self, const char *key, const char *choice)
{
  g_return_if_fail (PURATAN_IS_DOCUMENT (self));
  g_return_if_fail (self->product != NULL);
  g_return_if_fail (key != NULL && is_product_id (key));
  g_return_if_fail (choice == NULL || is_choice_id (choice));

  if (g_strcmp0 (g_hash_table_lookup (self->product_options, key), choice) == 0)
    return;
  g_return_if_fail (choice == NULL || g_hash_table_contains (self->product_options, key) ||
                    g_hash_table_size (self->product_options) < MAX_OPTIONS);
  puratan_document_record_structure (self);
  if (choice == NULL)
    g_hash_table_remove (self->product_options, key);
  else
    g_hash_table_insert (self->product_options, g_strdup (key), g_strdup (choice));
  puratan_document_emit_changed (self);
}

/**
 * puratan_document_get_product_options:
 * @self: a #PuratanDocument
 *
 * Returns: (transfer none) (element-type utf8 utf8): option key → choice id; valid until
 *   the next change of the design
 */
GHashTable *
puratan_document_get_product_options (PuratanDocument *self)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), NULL);
  return self->product_options;
}

/**
 * puratan_document_get_overprint_black:
 * @self: a #PuratanDocument
 *
 * Returns: whether export makes 100 % black text under 12 pt and 100 % black strokes under
 *   1 pt overprint (on unless turned off)
 */
gboolean
puratan_document_get_overprint_black (PuratanDocument *self)
{
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (self), TRUE);
  return self->overprint_black;
}

/**
 * puratan_document_set_overprint_black:
 * @self: a #PuratanDocument
 * @overprint: the new setting
 *
 * Changes the overprint-black setting as one undo step. Items the designer set to
 * overprint themselves overprint either way.
 */
void
puratan_document_set_overprint_black (PuratanDocument *self, gboolean overprint)
{
  g_return_if_fail (PURATAN_IS_DOCUMENT (self));

  overprint = !!overprint;
  if (self->overprint_black == overprint)
    return;
  puratan_document_record_structure (self);
  self->overprint_black = overprint;
  puratan_document_emit_changed (self);
}
