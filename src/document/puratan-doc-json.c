/* puratan-doc-json.c: JSON form of the design model values
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading validates every member: a document from disk or a template is untrusted input.
 */
#include <math.h>

#include "puratan-core.h"
#include "puratan-doc-json-private.h"

static const char *const color_models[] = { "cmyk", "rgb", "gray", "spot", NULL };
static const char *const item_kinds[] = { "text", "image", "shape", "pdf", "group", NULL };
static const char *const shape_kinds[] = { "rect", "ellipse", "line", "path", NULL };
static const char *const aligns[] = { "left", "center", "right", "justify", NULL };
static const char *const fits[] = { "fill", "fit", "stretch", "none", NULL };

#define MAX_GROUP_DEPTH 32

static gboolean
fail (GError **error, const char *where, const char *member, const char *rule)
{
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE, "%s: “%s” %s", where, member, rule);
  return FALSE;
}

static gboolean
read_double (JsonObject *o,
             const char *member,
             double fallback,
             double min,
             double max,
             double *out,
             const char *where,
             GError **error)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
                                        json_node_get_value_type (node) != G_TYPE_INT64))
    return fail (error, where, member, "must be a number");
  *out = json_node_get_double (node);
  if (!isfinite (*out) || *out < min || *out > max)
    {
      g_autofree char *rule = g_strdup_printf ("must be between %g and %g", min, max);
      return fail (error, where, member, rule);
    }
  return TRUE;
}

static gboolean
read_bool (JsonObject *o,
           const char *member,
           gboolean fallback,
           gboolean *out,
           const char *where,
           GError **error)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (error, where, member, "must be true or false");
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Reads an optional string; *out stays NULL when absent. */
static gboolean
read_string (JsonObject *o, const char *member, char **out, const char *where, GError **error)
{
  JsonNode *node = json_object_get_member (o, member);

  g_clear_pointer (out, g_free);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, where, member, "must be a string");
  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    return fail (error, where, member, "is not valid UTF-8");
  *out = json_node_dup_string (node);
  return TRUE;
}

static gboolean
read_enum (JsonObject *o,
           const char *member,
           const char *const *names,
           int fallback,
           int *out,
           const char *where,
           GError **error)
{
  g_autofree char *value = NULL;

  if (!read_string (o, member, &value, where, error))
    return FALSE;
  *out = fallback;
  if (value == NULL)
    return TRUE;
  for (int i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], value))
      {
        *out = i;
        return TRUE;
      }
  {
    g_autofree char *list = g_strjoinv (", ", (char **) names);
    g_autofree char *rule = g_strdup_printf ("must be one of %s, not “%s”", list, value);
    return fail (error, where, member, rule);
  }
}

static gboolean
read_numbers (JsonObject *o,
              const char *member,
              double *out,
              guint n,
              double min,
              double max,
              const char *where,
              GError **error)
{
  JsonNode *node = json_object_get_member (o, member);
  JsonArray *array;
  g_autofree char *rule = g_strdup_printf ("must be a list of %u numbers", n);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) != n)
    return fail (error, where, member, rule);
  array = json_node_get_array (node);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (element) ||
          (json_node_get_value_type (element) != G_TYPE_DOUBLE &&
           json_node_get_value_type (element) != G_TYPE_INT64))
        return fail (error, where, member, rule);
      out[i] = json_node_get_double (element);
      if (!isfinite (out[i]) || out[i] < min || out[i] > max)
        {
          g_autofree char *range =
              g_strdup_printf ("must hold numbers between %g and %g", min, max);
          return fail (error, where, member, range);
        }
    }
  return TRUE;
}

static JsonNode *
numbers_node (const double *values, guint n)
{
  JsonArray *array = json_array_sized_new (n);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < n; i++)
    json_array_add_double_element (array, values[i]);
  json_node_take_array (node, array);
  return node;
}

static JsonObject *
object_of (JsonNode *node, const char *where, GError **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE, "%s must be a JSON object", where);
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonNode *
object_node (JsonObject *o)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, o);
  return node;
}

JsonNode *
puratan_doc_swatch_to_json (const PuratanDocSwatch *swatch)
{
  JsonObject *o = json_object_new ();
  guint n = swatch->model == PURATAN_DOC_COLOR_GRAY  ? 1
            : swatch->model == PURATAN_DOC_COLOR_RGB ? 3
                                                     : 4;

  json_object_set_string_member (o, "name", swatch->name);
  json_object_set_string_member (o, "model", color_models[swatch->model]);
  json_object_set_member (o, "values", numbers_node (swatch->values, n));
  return object_node (o);
}

PuratanDocSwatch *
puratan_doc_swatch_from_json (JsonNode *node, GError **error)
{
  JsonObject *o = object_of (node, "A swatch", error);
  g_autofree char *name = NULL;
  int model = 0;
  double values[4] = { 0 };
  guint n;

  if (o == NULL || !read_string (o, "name", &name, "A swatch", error))
    return NULL;
  if (name == NULL || *name == '\0' || strlen (name) > 127)
    {
      fail (error, "A swatch", "name", "must be 1 to 127 characters");
      return NULL;
    }
  if (!read_enum (o, "model", color_models, -1, &model, name, error))
    return NULL;
  if (model < 0)
    {
      fail (error, name, "model", "is required");
      return NULL;
    }
  n = model == PURATAN_DOC_COLOR_GRAY ? 1 : model == PURATAN_DOC_COLOR_RGB ? 3 : 4;
  if (json_object_get_member (o, "values") == NULL)
    {
      fail (error, name, "values", "is required");
      return NULL;
    }
  if (!read_numbers (o, "values", values, n, 0.0, 1.0, name, error))
    return NULL;
  return puratan_doc_swatch_new (name, model, values);
}

JsonNode *
puratan_doc_layer_to_json (const PuratanDocLayer *layer)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", layer->id);
  json_object_set_string_member (o, "name", layer->name);
  json_object_set_boolean_member (o, "visible", layer->visible);
  json_object_set_boolean_member (o, "locked", layer->locked);
  json_object_set_boolean_member (o, "printable", layer->printable);
  return object_node (o);
}

PuratanDocLayer *
puratan_doc_layer_from_json (JsonNode *node, GError **error)
{
  JsonObject *o = object_of (node, "A layer", error);
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autoptr (PuratanDocLayer) layer = NULL;

  if (o == NULL || !read_string (o, "id", &id, "A layer", error) ||
      !read_string (o, "name", &name, "A layer", error))
    return NULL;
  if (id == NULL || *id == '\0')
    {
      fail (error, "A layer", "id", "is required");
      return NULL;
    }
  layer = puratan_doc_layer_new (id, name != NULL ? name : id);
  if (!read_bool (o, "visible", TRUE, &layer->visible, id, error) ||
      !read_bool (o, "locked", FALSE, &layer->locked, id, error) ||
      !read_bool (o, "printable", TRUE, &layer->printable, id, error))
    return NULL;
  return g_steal_pointer (&layer);
}

static JsonNode *
paint_node (const PuratanDocPaint *paint)
{
  JsonObject *o;

  if (paint->swatch == NULL)
    return json_node_new (JSON_NODE_NULL);
  o = json_object_new ();
  json_object_set_string_member (o, "swatch", paint->swatch);
  json_object_set_double_member (o, "tint", paint->tint);
  return object_node (o);
}

static gboolean
read_paint (JsonObject *parent,
            const char *member,
            PuratanDocPaint *paint,
            const char *where,
            GError **error)
{
  JsonNode *node = json_object_get_member (parent, member);
  JsonObject *o;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, where, member, "must be null or an object with “swatch” and “tint”");
  o = json_node_get_object (node);
  if (!read_string (o, "swatch", &paint->swatch, where, error) ||
      !read_double (o, "tint", 1.0, 0.0, 1.0, &paint->tint, where, error))
    return FALSE;
  if (paint->swatch == NULL)
    return fail (error, where, member, "needs a “swatch”");
  return TRUE;
}

static JsonNode *
item_to_json (const PuratanDocItem *item)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", item->id);
  json_object_set_string_member (o, "kind", item_kinds[item->kind]);
  if (item->layer != NULL)
    json_object_set_string_member (o, "layer", item->layer);
  json_object_set_member (o, "transform", numbers_node (item->transform, 6));
  json_object_set_double_member (o, "width", item->width);
  json_object_set_double_member (o, "height", item->height);
  json_object_set_member (o, "fill", paint_node (&item->fill));
  json_object_set_member (o, "stroke", paint_node (&item->stroke));
  json_object_set_double_member (o, "stroke_width", item->stroke_width);
  json_object_set_double_member (o, "opacity", item->opacity);
  json_object_set_boolean_member (o, "overprint", item->overprint);
  json_object_set_boolean_member (o, "locked", item->locked);
  json_object_set_boolean_member (o, "visible", item->visible);

  switch (item->kind)
    {
      case PURATAN_DOC_ITEM_TEXT:
        json_object_set_string_member (o, "text", item->text != NULL ? item->text : "");
        json_object_set_string_member (o, "font_family", item->font_family);
        json_object_set_int_member (o, "font_weight", item->font_weight);
        json_object_set_boolean_member (o, "italic", item->italic);
        json_object_set_double_member (o, "font_size", item->font_size);
        json_object_set_string_member (o, "align", aligns[item->align]);
        json_object_set_double_member (o, "leading", item->leading);
        json_object_set_double_member (o, "tracking", item->tracking);
        break;
      case PURATAN_DOC_ITEM_IMAGE:
        json_object_set_string_member (o, "asset", item->asset);
        json_object_set_string_member (o, "fit", fits[item->fit]);
        json_object_set_member (o, "crop", numbers_node (item->crop, 4));
        break;
      case PURATAN_DOC_ITEM_PDF:
        json_object_set_string_member (o, "asset", item->asset);
        json_object_set_int_member (o, "pdf_page", item->pdf_page);
        break;
      case PURATAN_DOC_ITEM_SHAPE:
        json_object_set_string_member (o, "shape", shape_kinds[item->shape]);
        json_object_set_double_member (o, "corner_radius", item->corner_radius);
        if (item->path != NULL)
          json_object_set_string_member (o, "path", item->path);
        break;
      case PURATAN_DOC_ITEM_GROUP:
        {
          JsonArray *children = json_array_new ();
          for (guint i = 0; i < item->children->len; i++)
            json_array_add_element (children, item_to_json (item->children->pdata[i]));
          json_object_set_array_member (o, "children", children);
        }
        break;
      default:
        g_assert_not_reached ();
    }
  return object_node (o);
}

static gboolean is_asset_hash (const char *s);

static PuratanDocItem *
item_from_json (JsonNode *node, const char *page_where, guint depth, GError **error)
{
  JsonObject *o = object_of (node, page_where, error);
  g_autoptr (PuratanDocItem) item = NULL;
  g_autofree char *id = NULL;
  g_autofree char *where = NULL;
  int kind = -1;
  int value = 0;
  double number = 0;

  if (o == NULL || !read_string (o, "id", &id, page_where, error))
    return NULL;
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    {
      fail (error, page_where, "id", "of every item must be 1 to 64 characters");
      return NULL;
    }
  where = g_strdup_printf ("%s, item “%s”", page_where, id);
  if (!read_enum (o, "kind", item_kinds, -1, &kind, where, error))
    return NULL;
  if (kind < 0)
    {
      fail (error, where, "kind", "is required");
      return NULL;
    }
  item = puratan_doc_item_new (kind);
  item->id = g_steal_pointer (&id);
  if (!read_string (o, "layer", &item->layer, where, error) ||
      !read_numbers (o, "transform", item->transform, 6, -1e6, 1e6, where, error) ||
      !read_double (o, "width", 100, 0, 1e6, &item->width, where, error) ||
      !read_double (o, "height", 100, 0, 1e6, &item->height, where, error) ||
      !read_paint (o, "fill", &item->fill, where, error) ||
      !read_paint (o, "stroke", &item->stroke, where, error) ||
      !read_double (o, "stroke_width", 0, 0, 1000, &item->stroke_width, where, error) ||
      !read_double (o, "opacity", 1, 0, 1, &item->opacity, where, error) ||
      !read_bool (o, "overprint", FALSE, &item->overprint, where, error) ||
      !read_bool (o, "locked", FALSE, &item->locked, where, error) ||
      !read_bool (o, "visible", TRUE, &item->visible, where, error))
    return NULL;

  switch (kind)
    {
      case PURATAN_DOC_ITEM_TEXT:
        if (!read_string (o, "text", &item->text, where, error) ||
            !read_string (o, "font_family", &item->font_family, where, error) ||
            !read_double (o, "font_weight", 400, 100, 1000, &number, where, error) ||
            !read_bool (o, "italic", FALSE, &item->italic, where, error) ||
            !read_double (o, "font_size", 10, 0.5, 2000, &item->font_size, where, error) ||
            !read_enum (o, "align", aligns, 0, &value, where, error) ||
            !read_double (o, "leading", 0, 0, 4000, &item->leading, where, error) ||
            !read_double (o, "tracking", 0, -1000, 10000, &item->tracking, where, error))
          return NULL;
        item->font_weight = (int) number;
        item->align = value;
        if (item->font_family == NULL)
          item->font_family = g_strdup ("Noto Sans");
        break;
      case PURATAN_DOC_ITEM_IMAGE:
      case PURATAN_DOC_ITEM_PDF:
        if (!read_string (o, "asset", &item->asset, where, error))
          return NULL;
        if (item->asset == NULL || !is_asset_hash (item->asset))
          {
            fail (error, where, "asset", "must be the SHA-256 of an asset in lower-case hex");
            return NULL;
          }
        if (!read_enum (o, "fit", fits, 0, &value, where, error) ||
            !read_numbers (o, "crop", item->crop, 4, 0, 1e6, where, error) ||
            !read_double (o, "pdf_page", 0, 0, 1e6, &number, where, error))
          return NULL;
        item->fit = value;
        item->pdf_page = (int) number;
        break;
      case PURATAN_DOC_ITEM_SHAPE:
        if (!read_enum (o, "shape", shape_kinds, 0, &value, where, error) ||
            !read_double (o, "corner_radius", 0, 0, 1e6, &item->corner_radius, where, error) ||
            !read_string (o, "path", &item->path, where, error))
          return NULL;
        item->shape = value;
        if (item->shape == PURATAN_DOC_SHAPE_PATH && item->path == NULL)
          {
            fail (error, where, "path", "is required for a path shape");
            return NULL;
          }
        break;
      case PURATAN_DOC_ITEM_GROUP:
        {
          JsonNode *children = json_object_get_member (o, "children");
          if (depth >= MAX_GROUP_DEPTH)
            {
              fail (error, where, "children", "nest deeper than 32 groups");
              return NULL;
            }
          if (children == NULL || !JSON_NODE_HOLDS_ARRAY (children))
            {
              fail (error, where, "children", "must be a list of items");
              return NULL;
            }
          for (guint i = 0; i < json_array_get_length (json_node_get_array (children)); i++)
            {
              JsonNode *child = json_array_get_element (json_node_get_array (children), i);
              PuratanDocItem *c = item_from_json (child, where, depth + 1, error);
              if (c == NULL)
                return NULL;
              g_ptr_array_add (item->children, c);
            }
        }
        break;
      default:
        g_assert_not_reached ();
    }
  return g_steal_pointer (&item);
}

static gboolean
is_asset_hash (const char *s)
{
  if (strlen (s) != 64)
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s) && !(*s >= 'a' && *s <= 'f'))
      return FALSE;
  return TRUE;
}

JsonNode *
puratan_doc_page_to_json (const PuratanDocPage *page)
{
  JsonObject *o = json_object_new ();
  JsonArray *items = json_array_new ();

  json_object_set_double_member (o, "width", page->width);
  json_object_set_double_member (o, "height", page->height);
  json_object_set_double_member (o, "bleed", page->bleed);
  json_object_set_double_member (o, "safe", page->safe);
  json_object_set_member (o, "guides_x",
                          numbers_node ((double *) page->guides_x->data, page->guides_x->len));
  json_object_set_member (o, "guides_y",
                          numbers_node ((double *) page->guides_y->data, page->guides_y->len));
  for (guint i = 0; i < page->items->len; i++)
    json_array_add_element (items, item_to_json (page->items->pdata[i]));
  json_object_set_array_member (o, "items", items);
  return object_node (o);
}

static gboolean
read_guides (JsonObject *o, const char *member, GArray *out, const char *where, GError **error)
{
  JsonNode *node = json_object_get_member (o, member);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) > 1000)
    return fail (error, where, member, "must be a list of at most 1000 positions");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      double v;
      if (!JSON_NODE_HOLDS_VALUE (element) ||
          (json_node_get_value_type (element) != G_TYPE_DOUBLE &&
           json_node_get_value_type (element) != G_TYPE_INT64))
        return fail (error, where, member, "must hold numbers");
      v = json_node_get_double (element);
      if (!isfinite (v))
        return fail (error, where, member, "must hold finite numbers");
      g_array_append_val (out, v);
    }
  return TRUE;
}

PuratanDocPage *
puratan_doc_page_from_json (JsonNode *node, guint page_number, GError **error)
{
  g_autofree char *where = g_strdup_printf ("Page %u", page_number);
  JsonObject *o = object_of (node, where, error);
  g_autoptr (PuratanDocPage) page = NULL;
  double w, h, bleed, safe;
  JsonNode *items;

  if (o == NULL || !read_double (o, "width", 0, 1, PURATAN_DOC_MAX_EDGE_PT, &w, where, error) ||
      !read_double (o, "height", 0, 1, PURATAN_DOC_MAX_EDGE_PT, &h, where, error) ||
      !read_double (o, "bleed", 0, 0, 1000, &bleed, where, error) ||
      !read_double (o, "safe", 0, 0, 1000, &safe, where, error))
    return NULL;
  if (w < 1 || h < 1)
    {
      fail (error, where, "width and height", "are required");
      return NULL;
    }
  page = puratan_doc_page_new (w, h, bleed, safe);
  if (!read_guides (o, "guides_x", page->guides_x, where, error) ||
      !read_guides (o, "guides_y", page->guides_y, where, error))
    return NULL;
  items = json_object_get_member (o, "items");
  if (items != NULL && !JSON_NODE_HOLDS_ARRAY (items))
    {
      fail (error, where, "items", "must be a list");
      return NULL;
    }
  for (guint i = 0; items != NULL && i < json_array_get_length (json_node_get_array (items)); i++)
    {
      PuratanDocItem *item =
          item_from_json (json_array_get_element (json_node_get_array (items), i), where, 0, error);
      if (item == NULL)
        return NULL;
      g_ptr_array_add (page->items, item);
    }
  return g_steal_pointer (&page);
}
