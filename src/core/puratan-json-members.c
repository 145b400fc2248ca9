/* puratan-json-members.c: typed, validating access to object members
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-json.h"

#include "puratan-error.h"
#include "puratan-json-private.h"

typedef enum
{
  KIND_STRING,
  KIND_INT,
  KIND_BOOL,
  KIND_OBJECT,
  KIND_ARRAY,
} Kind;

static const char *const kind_names[] = {
  "a string", "an integer", "true or false", "an object", "an array",
};

const char *
puratan_json_describe_node (JsonNode *node)
{
  GType type;

  switch (json_node_get_node_type (node))
    {
      case JSON_NODE_OBJECT:
        return "an object";
      case JSON_NODE_ARRAY:
        return "an array";
      case JSON_NODE_NULL:
        return "null";
      case JSON_NODE_VALUE:
      default:
        break;
    }

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return "a string";
  if (type == G_TYPE_INT64)
    return "an integer";
  if (type == G_TYPE_DOUBLE)
    return "a number with a fraction or exponent";
  if (type == G_TYPE_BOOLEAN)
    return "a boolean";
  return "a value of an unknown kind";
}

static gboolean
node_is (JsonNode *node, Kind kind)
{
  switch (kind)
    {
      case KIND_OBJECT:
        return JSON_NODE_HOLDS_OBJECT (node);
      case KIND_ARRAY:
        return JSON_NODE_HOLDS_ARRAY (node);
      case KIND_STRING:
        return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
      case KIND_INT:
        return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
      case KIND_BOOL:
        return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
      default:
        g_assert_not_reached ();
    }
}

/* Finds @member and checks its type. Sets *out_node to NULL when the member
 * is absent or null and @optional is TRUE. */
static gboolean
lookup (JsonObject *object,
        const char *member,
        Kind kind,
        gboolean optional,
        JsonNode **out_node,
        GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out_node = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (optional)
        return TRUE;
      if (node == NULL)
        g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                     "The member “%s” is missing; it must be %s", member, kind_names[kind]);
      else
        g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                     "The member “%s” is null; it must be %s", member, kind_names[kind]);
      return FALSE;
    }

  if (!node_is (node, kind))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The member “%s” must be %s, not %s", member, kind_names[kind],
                   puratan_json_describe_node (node));
      return FALSE;
    }

  *out_node = node;
  return TRUE;
}

#define CHECK_ARGS(out)                                            \
  G_STMT_START                                                     \
  {                                                                \
    g_return_val_if_fail (object != NULL, FALSE);                  \
    g_return_val_if_fail (member != NULL, FALSE);                  \
    g_return_val_if_fail ((out) != NULL, FALSE);                   \
    g_return_val_if_fail (error == NULL || *error == NULL, FALSE); \
  }                                                                \
  G_STMT_END

/**
 * puratan_json_get_string:
 * @object: a JSON object
 * @member: the member name
 * @out: (out) (transfer none): return location for the string, owned by @object
 * @error: return location for a #GError
 *
 * Reads a required string member. A missing or null member, or one of
 * another type, fails with %PURATAN_ERROR_INVALID_INPUT naming the member
 * and the expected type.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_json_get_string (JsonObject *object, const char *member, const char **out, GError **error)
{
  JsonNode *node;

  CHECK_ARGS (out);
  if (!lookup (object, member, KIND_STRING, FALSE, &node, error))
    return FALSE;
  *out = json_node_get_string (node);
  return TRUE;
}

/**
 * puratan_json_get_int:
 * @object: a JSON object
 * @member: the member name
 * @out: (out): return location for the value
 * @error: return location for a #GError
 *
 * Reads a required integer member. Numbers with a fraction or an exponent
 * (such as `1.0` or `1e3`), strings and booleans are refused with
 * %PURATAN_ERROR_INVALID_INPUT; nothing is converted.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_json_get_int (JsonObject *object, const char *member, gint64 *out, GError **error)
{
  JsonNode *node;

  CHECK_ARGS (out);
  if (!lookup (object, member, KIND_INT, FALSE, &node, error))
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

/**
 * puratan_json_get_int_in_range:
 * @object: a JSON object
 * @member: the member name
 * @min: smallest allowed value
 * @max: largest allowed value
 * @out: (out): return location for the value
 * @error: return location for a #GError
 *
 * Like puratan_json_get_int() and also requires @min ≤ value ≤ @max; a
 * value outside fails with %PURATAN_ERROR_INVALID_INPUT stating the range.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_json_get_int_in_range (
    JsonObject *object, const char *member, gint64 min, gint64 max, gint64 *out, GError **error)
{
  gint64 value;

  CHECK_ARGS (out);
  g_return_val_if_fail (min <= max, FALSE);

  if (!puratan_json_get_int (object, member, &value, error))
    return FALSE;
  if (value < min || value > max)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The member “%s” is %" G_GINT64_FORMAT "; it must be between %" G_GINT64_FORMAT
                   " and %" G_GINT64_FORMAT,
                   member, value, min, max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/**
 * puratan_json_get_bool:
 * @object: a JSON object
 * @member: the member name
 * @out: (out): return location for the value
 * @error: return location for a #GError
 *
 * Reads a required boolean member; `0`, `1` and strings are refused.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_json_get_bool (JsonObject *object, const char *member, gboolean *out, GError **error)
{
  JsonNode *node;

  CHECK_ARGS (out);
  if (!lookup (object, member, KIND_BOOL, FALSE, &node, error))
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

/**
 * puratan_json_get_object:
 * @object: a JSON object
 * @member: the member name
 * @out: (out) (transfer none): return location for the member object, owned by @object
 * @error: return location for a #GError
 *
 * Reads a required object member.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_json_get_object (JsonObject *object, const char *member, JsonObject **out, GError **error)
{
  JsonNode *node;

  CHECK_ARGS (out);
  if (!lookup (object, member, KIND_OBJECT, FALSE, &node, error))
    return FALSE;
  *out = json_node_get_object (node);
  return TRUE;
}

/**
 * puratan_json_get_array:
 * @object: a JSON object
 * @member: the member name
 * @out: (out) (transfer none): return location for the member array, owned by @object
 * @error: return location for a #GError
 *
 * Reads a required array member.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_json_get_array (JsonObject *object, const char *member, JsonArray **out, GError **error)
{
  JsonNode *node;

  CHECK_ARGS (out);
  if (!lookup (object, member, KIND_ARRAY, FALSE, &node, error))
    return FALSE;
  *out = json_node_get_array (node);
  return TRUE;
}

/**
 * puratan_json_get_optional_string:
 * @object: a JSON object
 * @member: the member name
 * @default_value: (nullable): the value to give when the member is absent or null
 * @out: (out) (transfer none) (nullable): return location for the string
 * @error: return location for a #GError
 *
 * Reads an optional string member. Absent or null gives @default_value;
 * a member of another type is still an error.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_json_get_optional_string (JsonObject *object,
                                  const char *member,
                                  const char *default_value,
                                  const char **out,
                                  GError **error)
{
  JsonNode *node;

  CHECK_ARGS (out);
  if (!lookup (object, member, KIND_STRING, TRUE, &node, error))
    return FALSE;
  *out = node != NULL ? json_node_get_string (node) : default_value;
  return TRUE;
}

/**
 * puratan_json_get_optional_int:
 * @object: a JSON object
 * @member: the member name
 * @default_value: the value to give when the member is absent or null
 * @out: (out): return location for the value
 * @error: return location for a #GError
 *
 * Reads an optional integer member; see puratan_json_get_int().
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_json_get_optional_int (
    JsonObject *object, const char *member, gint64 default_value, gint64 *out, GError **error)
{
  JsonNode *node;

  CHECK_ARGS (out);
  if (!lookup (object, member, KIND_INT, TRUE, &node, error))
    return FALSE;
  *out = node != NULL ? json_node_get_int (node) : default_value;
  return TRUE;
}

/**
 * puratan_json_get_optional_bool:
 * @object: a JSON object
 * @member: the member name
 * @default_value: the value to give when the member is absent or null
 * @out: (out): return location for the value
 * @error: return location for a #GError
 *
 * Reads an optional boolean member; see puratan_json_get_bool().
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_json_get_optional_bool (
    JsonObject *object, const char *member, gboolean default_value, gboolean *out, GError **error)
{
  JsonNode *node;

  CHECK_ARGS (out);
  if (!lookup (object, member, KIND_BOOL, TRUE, &node, error))
    return FALSE;
  *out = node != NULL ? json_node_get_boolean (node) : default_value;
  return TRUE;
}

/**
 * puratan_json_get_optional_object:
 * @object: a JSON object
 * @member: the member name
 * @out: (out) (transfer none) (nullable): return location for the member
 *   object, or %NULL when it is absent or null
 * @error: return location for a #GError
 *
 * Reads an optional object member.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_json_get_optional_object (JsonObject *object,
                                  const char *member,
                                  JsonObject **out,
                                  GError **error)
{
  JsonNode *node;

  CHECK_ARGS (out);
  if (!lookup (object, member, KIND_OBJECT, TRUE, &node, error))
    return FALSE;
  *out = node != NULL ? json_node_get_object (node) : NULL;
  return TRUE;
}

/**
 * puratan_json_get_optional_array:
 * @object: a JSON object
 * @member: the member name
 * @out: (out) (transfer none) (nullable): return location for the member
 *   array, or %NULL when it is absent or null
 * @error: return location for a #GError
 *
 * Reads an optional array member.
 *
 * Returns: %TRUE on success
 */
gboolean
puratan_json_get_optional_array (JsonObject *object,
                                 const char *member,
                                 JsonArray **out,
                                 GError **error)
{
  JsonNode *node;

  CHECK_ARGS (out);
  if (!lookup (object, member, KIND_ARRAY, TRUE, &node, error))
    return FALSE;
  *out = node != NULL ? json_node_get_array (node) : NULL;
  return TRUE;
}
