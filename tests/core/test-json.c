/* test-json.c: strict JSON parsing and typed member access
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"

#include <string.h>

static const char *const order_json = "{\n"
                                      "  \"id\": \"3f2504e0-4f89-41d3-9a0c-0305e82c3301\",\n"
                                      "  \"quantity\": 500,\n"
                                      "  \"rush\": true,\n"
                                      "  \"price\": 12.5,\n"
                                      "  \"note\": null,\n"
                                      "  \"customer\": { \"name\": \"Asha\" },\n"
                                      "  \"lines\": [1, 2, 3]\n"
                                      "}";

static void
assert_message_contains (const GError *error, const char *part)
{
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, part);
}

static void
test_parse_ok (void)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (JsonArray) array = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;

  node = puratan_json_parse ("  [1, \"two\", {\"three\": 3}, -0.5e-3, true, null]  ", -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));

  object = puratan_json_parse_object (order_json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (object), ==, 7);
  g_clear_pointer (&object, json_object_unref);

  /* A body need not be NUL-terminated. */
  bytes = g_bytes_new ("{\"a\": 1}trailing", 8);
  object = puratan_json_parse_object_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (object, "a"), ==, 1);

  array = puratan_json_parse_array ("[\"\\u00e9\\n\"]", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "é\n");

  /* Parsed objects can be changed by the caller. */
  json_object_set_int_member (object, "b", 2);
  g_assert_cmpint (json_object_get_int_member (object, "b"), ==, 2);
}

typedef struct
{
  const char *json;
  const char *reason;
} BadDocument;

static void
test_parse_malformed (void)
{
  static const BadDocument cases[] = {
    { "", "empty" },
    { "   \n ", "empty" },
    { "{\"a\": 1", "1:" },
    { "{\"a\": 1,\n \"b\": [1, 2,\n }", "3:" },
    { "{\"a\": }", "Malformed JSON" },
    { "[1, 2,]", "Malformed JSON" },
    { "{a: 1}", "Malformed JSON" },
    { "nul", "Malformed JSON" },
    { "{\"a\": 1} {\"b\": 2}", "after the end of the JSON value" },
    { "[1] [2]", "after the end of the JSON value" },
    { "{\"a\": 1 /* note */}", "comments are not allowed" },
    { "{'a': 1}", "double quotes" },
    { "{\"a\": 0x10}", "not a valid JSON number" },
    { "{\"a\": 012}", "not a valid JSON number" },
    { "{\"a\": 99999999999999999999}", "does not fit in 64 bits" },
    { "{\"a\": 9223372036854775808}", "line 1, column 7: the integer 9223372036854775808" },
    { "{\"a\": -9223372036854775809}", "does not fit in 64 bits" },
    { "[1e999]", "too large" },
    { "[\"a\tb\"]", "must be escaped" },
    { "[\"\\u0000\"]", "NUL characters" },
    { "[\"\\q\"]", "not a valid escape" },
    { "[\"\xff\"]", "not valid UTF-8" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = puratan_json_parse (cases[i].json, -1, &error);
      g_autofree char *escaped = g_strescape (cases[i].json, NULL);

      g_assert_null (node);
      g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
      g_test_message ("%s → %s", escaped, error->message);
      assert_message_contains (error, cases[i].reason);
    }
}

static void
test_parse_deep (void)
{
  g_autoptr (GString) deep = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  node = puratan_json_parse (deep->str, (gssize) deep->len, &error);
  g_assert_null (node);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
  assert_message_contains (error, "nested more than");
  g_clear_error (&error);

  g_string_truncate (deep, 0);
  for (guint i = 0; i < 500; i++)
    g_string_append (deep, "{\"a\":[");
  g_string_append (deep, "1");
  g_assert_null (puratan_json_parse (deep->str, -1, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
  assert_message_contains (error, "nested more than 512");
  g_clear_error (&error);

  g_string_truncate (deep, 0);
  for (guint i = 0; i < 200; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 200; i++)
    g_string_append_c (deep, ']');
  node = puratan_json_parse (deep->str, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
}

static void
test_root_type (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_bytes_new_static ("\"text\"", 6);

  g_assert_null (puratan_json_parse_object ("[1, 2]", -1, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  assert_message_contains (error, "found an array");
  g_clear_error (&error);
  g_assert_null (puratan_json_parse_object_bytes (bytes, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  assert_message_contains (error, "found a string");
  g_clear_error (&error);
  g_assert_null (puratan_json_parse_array ("{}", -1, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (puratan_json_parse_object ("{", -1, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
}

static void
test_members (void)
{
  g_autoptr (JsonObject) order = puratan_json_parse_object (order_json, -1, NULL);
  g_autoptr (GError) error = NULL;
  const char *text = NULL;
  gint64 number = 0;
  gboolean flag = FALSE;
  JsonObject *customer = NULL;
  JsonArray *lines = NULL;

  g_assert_true (puratan_json_get_string (order, "id", &text, &error));
  g_assert_cmpstr (text, ==, "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
  g_assert_true (puratan_json_get_int (order, "quantity", &number, &error));
  g_assert_cmpint (number, ==, 500);
  g_assert_true (puratan_json_get_int_in_range (order, "quantity", 1, 500, &number, &error));
  g_assert_true (puratan_json_get_bool (order, "rush", &flag, &error));
  g_assert_true (flag);
  g_assert_true (puratan_json_get_object (order, "customer", &customer, &error));
  g_assert_true (puratan_json_get_string (customer, "name", &text, &error));
  g_assert_cmpstr (text, ==, "Asha");
  g_assert_true (puratan_json_get_array (order, "lines", &lines, &error));
  g_assert_cmpuint (json_array_get_length (lines), ==, 3);
  g_assert_no_error (error);

  g_assert_true (puratan_json_get_optional_string (order, "note", "none", &text, &error));
  g_assert_cmpstr (text, ==, "none");
  g_assert_true (puratan_json_get_optional_string (order, "absent", NULL, &text, &error));
  g_assert_null (text);
  g_assert_true (puratan_json_get_optional_string (order, "id", NULL, &text, &error));
  g_assert_nonnull (text);
  g_assert_true (puratan_json_get_optional_int (order, "copies", 1, &number, &error));
  g_assert_cmpint (number, ==, 1);
  g_assert_true (puratan_json_get_optional_int (order, "quantity", 1, &number, &error));
  g_assert_cmpint (number, ==, 500);
  g_assert_true (puratan_json_get_optional_bool (order, "proof", TRUE, &flag, &error));
  g_assert_true (flag);
  g_assert_true (puratan_json_get_optional_object (order, "shipping", &customer, &error));
  g_assert_null (customer);
  g_assert_true (puratan_json_get_optional_array (order, "note", &lines, &error));
  g_assert_null (lines);
  g_assert_no_error (error);
}

typedef struct
{
  int kind;
  const char *member;
  const char *message;
} BadMember;

enum
{
  STRING,
  INT,
  BOOL,
  OBJECT,
  ARRAY,
  OPT_STRING,
  OPT_INT,
  OPT_BOOL,
  OPT_OBJECT,
  OPT_ARRAY,
  RANGE,
};

static gboolean
get_member (JsonObject *object, int kind, const char *member, GError **error)
{
  const char *s;
  gint64 i;
  gboolean b;
  JsonObject *o;
  JsonArray *a;

  switch (kind)
    {
      case STRING:
        return puratan_json_get_string (object, member, &s, error);
      case INT:
        return puratan_json_get_int (object, member, &i, error);
      case BOOL:
        return puratan_json_get_bool (object, member, &b, error);
      case OBJECT:
        return puratan_json_get_object (object, member, &o, error);
      case ARRAY:
        return puratan_json_get_array (object, member, &a, error);
      case OPT_STRING:
        return puratan_json_get_optional_string (object, member, NULL, &s, error);
      case OPT_INT:
        return puratan_json_get_optional_int (object, member, 0, &i, error);
      case OPT_BOOL:
        return puratan_json_get_optional_bool (object, member, FALSE, &b, error);
      case OPT_OBJECT:
        return puratan_json_get_optional_object (object, member, &o, error);
      case OPT_ARRAY:
        return puratan_json_get_optional_array (object, member, &a, error);
      case RANGE:
        return puratan_json_get_int_in_range (object, member, 1, 100, &i, error);
      default:
        g_assert_not_reached ();
    }
}

static void
test_members_invalid (void)
{
  static const BadMember cases[] = {
    { STRING, "missing", "“missing” is missing; it must be a string" },
    { STRING, "note", "“note” is null; it must be a string" },
    { STRING, "quantity", "“quantity” must be a string, not an integer" },
    { INT, "price", "“price” must be an integer, not a number with a fraction" },
    { INT, "id", "“id” must be an integer, not a string" },
    { INT, "rush", "must be an integer, not a boolean" },
    { BOOL, "quantity", "“quantity” must be true or false, not an integer" },
    { OBJECT, "lines", "“lines” must be an object, not an array" },
    { ARRAY, "customer", "“customer” must be an array, not an object" },
    { ARRAY, "missing", "is missing; it must be an array" },
    { OPT_STRING, "quantity", "must be a string" },
    { OPT_INT, "id", "must be an integer" },
    { OPT_BOOL, "id", "must be true or false" },
    { OPT_OBJECT, "lines", "must be an object" },
    { OPT_ARRAY, "rush", "must be an array" },
    { RANGE, "quantity", "“quantity” is 500; it must be between 1 and 100" },
    { RANGE, "price", "must be an integer" },
  };
  g_autoptr (JsonObject) order = puratan_json_parse_object (order_json, -1, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (get_member (order, cases[i].kind, cases[i].member, &error));
      g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
      assert_message_contains (error, cases[i].message);
    }
}

static void
test_to_string (void)
{
  g_autoptr (JsonObject) object =
      puratan_json_parse_object ("{ \"b\" : [1, 2], \"a\": \"x\" }", -1, NULL);
  g_autofree char *compact = puratan_json_object_to_string (object, FALSE);
  g_autofree char *pretty = puratan_json_object_to_string (object, TRUE);
  g_autoptr (JsonNode) again = NULL;

  g_assert_cmpstr (compact, ==, "{\"b\":[1,2],\"a\":\"x\"}");
  g_assert_cmpstr (pretty, ==, "{\n  \"b\" : [\n    1,\n    2\n  ],\n  \"a\" : \"x\"\n}");
  again = puratan_json_parse (pretty, -1, NULL);
  g_assert_nonnull (again);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json/parse-ok", test_parse_ok);
  g_test_add_func ("/core/json/parse-malformed", test_parse_malformed);
  g_test_add_func ("/core/json/parse-deep", test_parse_deep);
  g_test_add_func ("/core/json/root-type", test_root_type);
  g_test_add_func ("/core/json/members", test_members);
  g_test_add_func ("/core/json/members-invalid", test_members_invalid);
  g_test_add_func ("/core/json/to-string", test_to_string);

  return g_test_run ();
}
