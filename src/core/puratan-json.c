/* puratan-json.c
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-json.h"

#include "puratan-error.h"
#include "puratan-json-private.h"

#include <string.h>

static JsonNode *
parse_checked (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                           "The JSON document is not valid UTF-8 text");
      return NULL;
    }

  /* The lexical check first: json-glib recurses once per nesting level and
   * would exhaust the stack on hostile input before reporting anything. */
  if (!puratan_json_check_depth (data, length, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE, "Malformed JSON: %s",
                   local_error->message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                           "Malformed JSON: the document is empty");
      return NULL;
    }

  /* json-glib 1.6 accepts more than RFC 8259 allows (comments, hex numbers,
   * text after the value) and wraps integers that do not fit 64 bits. */
  if (!puratan_json_check_strict (data, length, error))
    {
      json_node_unref (root);
      return NULL;
    }

  return root;
}

/**
 * puratan_json_parse:
 * @data: (array length=length): UTF-8 JSON text
 * @length: length of @data in bytes, or -1 if it is NUL-terminated
 * @error: return location for a #GError
 *
 * Parses one strict RFC 8259 JSON document. Malformed text, an empty
 * document, a nesting deeper than 512 levels, comments, trailing text and
 * integers outside the 64-bit range fail with %PURATAN_ERROR_PARSE and a
 * message naming the line, column and reason.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL on error
 */
JsonNode *
puratan_json_parse (const char *data, gssize length, GError **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  return parse_checked (data, length < 0 ? strlen (data) : (gsize) length, error);
}

/**
 * puratan_json_parse_bytes:
 * @bytes: UTF-8 JSON text, not necessarily NUL-terminated
 * @error: return location for a #GError
 *
 * Like puratan_json_parse() for a #GBytes, such as a request body.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL on error
 */
JsonNode *
puratan_json_parse_bytes (GBytes *bytes, GError **error)
{
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  return parse_checked (data != NULL ? data : "", size, error);
}

static JsonObject *
expect_object (JsonNode *root, GError **error)
{
  g_autoptr (JsonNode) owned = root;

  if (owned == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (owned))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "Expected a JSON object at the top level, found %s",
                   puratan_json_describe_node (owned));
      return NULL;
    }
  return json_object_ref (json_node_get_object (owned));
}

/**
 * puratan_json_parse_object:
 * @data: (array length=length): UTF-8 JSON text
 * @length: length of @data in bytes, or -1 if it is NUL-terminated
 * @error: return location for a #GError
 *
 * Parses like puratan_json_parse() and requires the root to be an object;
 * any other root fails with %PURATAN_ERROR_INVALID_INPUT.
 *
 * Returns: (transfer full) (nullable): the root object, or %NULL on error
 */
JsonObject *
puratan_json_parse_object (const char *data, gssize length, GError **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return expect_object (puratan_json_parse (data, length, error), error);
}

/**
 * puratan_json_parse_object_bytes:
 * @bytes: UTF-8 JSON text
 * @error: return location for a #GError
 *
 * Like puratan_json_parse_object() for a #GBytes.
 *
 * Returns: (transfer full) (nullable): the root object, or %NULL on error
 */
JsonObject *
puratan_json_parse_object_bytes (GBytes *bytes, GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return expect_object (puratan_json_parse_bytes (bytes, error), error);
}

/**
 * puratan_json_parse_array:
 * @data: (array length=length): UTF-8 JSON text
 * @length: length of @data in bytes, or -1 if it is NUL-terminated
 * @error: return location for a #GError
 *
 * Parses like puratan_json_parse() and requires the root to be an array;
 * any other root fails with %PURATAN_ERROR_INVALID_INPUT.
 *
 * Returns: (transfer full) (nullable): the root array, or %NULL on error
 */
JsonArray *
puratan_json_parse_array (const char *data, gssize length, GError **error)
{
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = puratan_json_parse (data, length, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "Expected a JSON array at the top level, found %s",
                   puratan_json_describe_node (root));
      return NULL;
    }
  return json_array_ref (json_node_get_array (root));
}

/**
 * puratan_json_to_string:
 * @node: a JSON node
 * @pretty: whether to indent with two spaces and break lines
 *
 * Serialises @node. Compact output has no whitespace at all.
 *
 * Returns: (transfer full): the JSON text
 */
char *
puratan_json_to_string (JsonNode *node, gboolean pretty)
{
  g_autoptr (JsonGenerator) generator = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

/**
 * puratan_json_object_to_string:
 * @object: a JSON object
 * @pretty: whether to indent with two spaces and break lines
 *
 * Serialises @object; see puratan_json_to_string().
 *
 * Returns: (transfer full): the JSON text
 */
char *
puratan_json_object_to_string (JsonObject *object, gboolean pretty)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  node = json_node_init_object (json_node_alloc (), object);
  return puratan_json_to_string (node, pretty);
}
