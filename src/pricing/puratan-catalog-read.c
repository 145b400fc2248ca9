/* puratan-catalog-read.c: strict readers for the catalog's JSON files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-catalog-read-private.h"

#include <stdio.h>
#include <string.h>

#include "puratan-catalog-private.h"
#include "puratan-error.h"

static gboolean
fail (GError **error, const char *where, const char *member, const char *what)
{
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, "%s: field “%s” %s", where,
               member, what);
  return FALSE;
}

/**
 * puratan_read_members:
 * @object: the object to check
 * @where: the place named in an error
 * @allowed: %NULL-terminated member names the object may have
 * @error: return location for an error
 *
 * Refuses members that are not in @allowed, so a misspelt key is an error
 * rather than a silently ignored setting.
 *
 * Returns: %TRUE when every member is allowed
 */
gboolean
puratan_read_members (JsonObject *object,
                      const char *where,
                      const char *const *allowed,
                      GError **error)
{
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      return fail (error, where, l->data, "is not known here (misspelt?)");
  return TRUE;
}

/**
 * puratan_read_optional_string:
 * @object: the object to read
 * @member: the member's name
 * @where: the place named in an error
 * @out: (out) (transfer none) (nullable): the string, %NULL when absent
 * @error: return location for an error
 *
 * Reads a non-empty string member that may be absent.
 *
 * Returns: %TRUE unless the member is present and not a non-empty string
 */
gboolean
puratan_read_optional_string (
    JsonObject *object, const char *member, const char *where, const char **out, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    return fail (error, where, member, "must be a non-empty string");
  *out = json_node_get_string (node);
  return TRUE;
}

/**
 * puratan_read_string:
 * @object: the object to read
 * @member: the member's name
 * @where: the place named in an error
 * @out: (out) (transfer none): the string
 * @error: return location for an error
 *
 * Reads a required non-empty string member.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_read_string (
    JsonObject *object, const char *member, const char *where, const char **out, GError **error)
{
  if (!puratan_read_optional_string (object, member, where, out, error))
    return FALSE;
  if (*out == NULL)
    return fail (error, where, member, "is missing");
  return TRUE;
}

/**
 * puratan_read_optional_int:
 * @object: the object to read
 * @member: the member's name
 * @where: the place named in an error
 * @min: smallest allowed value
 * @max: largest allowed value
 * @default_value: the value when the member is absent
 * @out: (out): the value
 * @error: return location for an error
 *
 * Reads a JSON integer (not a fraction, not a string) in [@min, @max].
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_read_optional_int (JsonObject *object,
                           const char *member,
                           const char *where,
                           gint64 min,
                           gint64 max,
                           gint64 default_value,
                           gint64 *out,
                           GError **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL)
    {
      *out = default_value;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, where, member, "must be a whole number");
  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s: field “%s” is %" G_GINT64_FORMAT "; it must be from %" G_GINT64_FORMAT
                   " to %" G_GINT64_FORMAT,
                   where, member, value, min, max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/**
 * puratan_read_int:
 * @object: the object to read
 * @member: the member's name
 * @where: the place named in an error
 * @min: smallest allowed value
 * @max: largest allowed value
 * @out: (out): the value
 * @error: return location for an error
 *
 * Reads a required JSON integer in [@min, @max].
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_read_int (JsonObject *object,
                  const char *member,
                  const char *where,
                  gint64 min,
                  gint64 max,
                  gint64 *out,
                  GError **error)
{
  if (!json_object_has_member (object, member))
    return fail (error, where, member, "is missing");
  return puratan_read_optional_int (object, member, where, min, max, 0, out, error);
}

/**
 * puratan_parse_decimal:
 * @text: digits with at most one decimal point, no sign
 * @max_decimals: how many digits after the point are allowed (at most 9)
 * @out_scaled: (out): the value × 10^@max_decimals, exactly
 *
 * Parses a non-negative decimal exactly, without floating point.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_parse_decimal (const char *text, guint max_decimals, gint64 *out_scaled)
{
  gint64 value = 0;
  guint decimals = 0;
  gboolean point = FALSE, digits = FALSE;

  g_return_val_if_fail (max_decimals <= 9, FALSE);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '.' && !point)
        {
          point = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p) || (point && decimals == max_decimals))
        return FALSE;
      if (value > (G_MAXINT64 / 100))
        return FALSE;
      value = value * 10 + (*p - '0');
      digits = TRUE;
      if (point)
        decimals++;
    }
  if (!digits)
    return FALSE;
  for (; decimals < max_decimals; decimals++)
    {
      if (value > G_MAXINT64 / 100)
        return FALSE;
      value *= 10;
    }
  *out_scaled = value;
  return TRUE;
}

/**
 * puratan_parse_length:
 * @text: a length such as "90mm", "3.5in", "0.125in" or "0"
 * @out_um: (out): the length in micrometres, rounded to the nearest one
 *
 * Parses a length with a unit (mm or in; a bare 0 needs none).
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_parse_length (const char *text, gint64 *out_um)
{
  gsize len = strlen (text);
  g_autofree char *number = NULL;
  gint64 scaled;

  if (g_strcmp0 (text, "0") == 0)
    {
      *out_um = 0;
      return TRUE;
    }
  if (len < 3)
    return FALSE;
  number = g_strndup (text, len - 2);
  if (!puratan_parse_decimal (number, 4, &scaled) || scaled > G_GINT64_CONSTANT (1000000000))
    return FALSE;
  /* scaled is the length × 10⁴ in the unit. */
  if (g_str_has_suffix (text, "mm"))
    *out_um = (scaled + 5) / 10;
  else if (g_str_has_suffix (text, "in"))
    *out_um = (scaled * PURATAN_UM_PER_INCH + 5000) / 10000;
  else
    return FALSE;
  return TRUE;
}

/**
 * puratan_read_length:
 * @object: the object to read
 * @member: the member's name
 * @where: the place named in an error
 * @out_um: (out): the length in micrometres
 * @error: return location for an error
 *
 * Reads a required length string (see puratan_parse_length()) up to 10 m.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_read_length (
    JsonObject *object, const char *member, const char *where, gint64 *out_um, GError **error)
{
  const char *text;

  if (!puratan_read_string (object, member, where, &text, error))
    return FALSE;
  if (!puratan_parse_length (text, out_um) || *out_um > PURATAN_MAX_LENGTH_UM)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s: field “%s” is “%s”; write a length up to 10 m such as “90mm” or “3.5in”",
                   where, member, text);
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_read_size:
 * @object: the object to read
 * @member: the member holding {"width": …, "height": …}
 * @where: the place named in an error
 * @out: (out): the size
 * @error: return location for an error
 *
 * Reads a size whose width and height are positive lengths.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_read_size (JsonObject *object,
                   const char *member,
                   const char *where,
                   PuratanSheetSize *out,
                   GError **error)
{
  static const char *const allowed[] = { "width", "height", NULL };
  JsonObject *size;
  g_autofree char *inner = g_strdup_printf ("%s: “%s”", where, member);

  if (!puratan_read_object (object, member, where, FALSE, &size, error) ||
      !puratan_read_members (size, inner, allowed, error) ||
      !puratan_read_length (size, "width", inner, &out->width_um, error) ||
      !puratan_read_length (size, "height", inner, &out->height_um, error))
    return FALSE;
  if (out->width_um == 0 || out->height_um == 0)
    return fail (error, where, member, "must have a width and height above zero");
  return TRUE;
}

static gboolean
read_node (JsonObject *object,
           const char *member,
           const char *where,
           gboolean optional,
           JsonNodeType type,
           JsonNode **out,
           GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return optional ? TRUE : fail (error, where, member, "is missing");
  if (JSON_NODE_TYPE (node) != type)
    return fail (error, where, member,
                 type == JSON_NODE_ARRAY ? "must be an array" : "must be an object");
  *out = node;
  return TRUE;
}

/**
 * puratan_read_array:
 * @object: the object to read
 * @member: the member's name
 * @where: the place named in an error
 * @optional: whether the member may be absent
 * @out: (out) (transfer none) (nullable): the array, %NULL when absent
 * @error: return location for an error
 *
 * Reads an array member.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_read_array (JsonObject *object,
                    const char *member,
                    const char *where,
                    gboolean optional,
                    JsonArray **out,
                    GError **error)
{
  JsonNode *node;

  if (!read_node (object, member, where, optional, JSON_NODE_ARRAY, &node, error))
    return FALSE;
  *out = node != NULL ? json_node_get_array (node) : NULL;
  return TRUE;
}

/**
 * puratan_read_object:
 * @object: the object to read
 * @member: the member's name
 * @where: the place named in an error
 * @optional: whether the member may be absent
 * @out: (out) (transfer none) (nullable): the object, %NULL when absent
 * @error: return location for an error
 *
 * Reads an object member.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_read_object (JsonObject *object,
                     const char *member,
                     const char *where,
                     gboolean optional,
                     JsonObject **out,
                     GError **error)
{
  JsonNode *node;

  if (!read_node (object, member, where, optional, JSON_NODE_OBJECT, &node, error))
    return FALSE;
  *out = node != NULL ? json_node_get_object (node) : NULL;
  return TRUE;
}

/**
 * puratan_read_element_object:
 * @array: the array
 * @index: the element's index
 * @where: the place named in an error
 * @member: the array's member name, for the error
 * @out: (out) (transfer none): the element
 * @error: return location for an error
 *
 * Reads an array element that must be an object.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_read_element_object (JsonArray *array,
                             guint index,
                             const char *where,
                             const char *member,
                             JsonObject **out,
                             GError **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s: “%s[%u]” must be an object", where, member, index);
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}

/**
 * puratan_read_strv:
 * @object: the object to read
 * @member: the member's name
 * @where: the place named in an error
 * @optional: whether the member may be absent (then @out is an empty vector)
 * @out: (out) (transfer full): the strings
 * @error: return location for an error
 *
 * Reads an array of non-empty strings.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_read_strv (JsonObject *object,
                   const char *member,
                   const char *where,
                   gboolean optional,
                   GStrv *out,
                   GError **error)
{
  JsonArray *array;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (!puratan_read_array (object, member, where, optional, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          *json_node_get_string (node) == '\0')
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "%s: “%s[%u]” must be a non-empty string", where, member, i);
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/**
 * puratan_parse_date:
 * @text: a date as YYYY-MM-DD
 * @out: (out): the date
 *
 * Parses a calendar date strictly.
 *
 * Returns: %TRUE when @text is a valid date
 */
gboolean
puratan_parse_date (const char *text, GDate *out)
{
  guint y, m, d;
  char tail;

  if (strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 ||
      text[4] != '-' || text[7] != '-' || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

/**
 * puratan_read_date:
 * @object: the object to read
 * @member: the member's name
 * @where: the place named in an error
 * @out: (out): the date
 * @error: return location for an error
 *
 * Reads a required YYYY-MM-DD date.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_read_date (
    JsonObject *object, const char *member, const char *where, GDate *out, GError **error)
{
  const char *text;

  if (!puratan_read_string (object, member, where, &text, error))
    return FALSE;
  if (!puratan_parse_date (text, out))
    return fail (error, where, member, "must be a date written YYYY-MM-DD");
  return TRUE;
}
