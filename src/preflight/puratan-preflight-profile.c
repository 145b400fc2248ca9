/* puratan-preflight-profile.c: what a PDF is checked against
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A profile is a JSON file (schema in docs/preflight-report.md): one rule per check id
 * with a severity and the check's thresholds. The GWG 2022 variants and the product
 * profiles are compiled in as resources; users may load their own files. Profiles are
 * immutable once loaded and may be shared between threads.
 */
#include "puratan-preflight-profile-private.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "puratan-error.h"
#include "puratan-preflight-resources.h"

#define RESOURCE_PREFIX "/in/puratan/Studio/preflight/"

typedef enum
{
  SETTING_NUMBER,
  SETTING_BOOL,
  SETTING_STRINGS,
} SettingType;

typedef struct
{
  const char *check;
  const char *key;
  SettingType type;
} Setting;

static const char *const check_ids[] = {
  "pdf-syntax",         "encryption",       "page-count",
  "page-size",          "page-boxes",       "bleed",
  "fonts-embedded",     "image-resolution", "color-space",
  "output-intent",      "pdfx-version",     "spot-colors",
  "total-ink-coverage", "line-width",       "text-size",
  "white-overprint",    "black-overprint",  "rich-black-text",
  "transparency",       "empty-page",       NULL,
};

static const Setting settings[] = {
  { "page-size", "tolerance-mm", SETTING_NUMBER },
  { "image-resolution", "error-below-ppi", SETTING_NUMBER },
  { "image-resolution", "warning-below-ppi", SETTING_NUMBER },
  { "image-resolution", "error-below-ppi-1bit", SETTING_NUMBER },
  { "image-resolution", "warning-below-ppi-1bit", SETTING_NUMBER },
  { "color-space", "allow-rgb", SETTING_BOOL },
  { "color-space", "allow-lab", SETTING_BOOL },
  { "pdfx-version", "accepted", SETTING_STRINGS },
  { "spot-colors", "max-spots", SETTING_NUMBER },
  { "spot-colors", "technical-spots", SETTING_STRINGS },
  { "total-ink-coverage", "max-percent", SETTING_NUMBER },
  { "total-ink-coverage", "area-mm", SETTING_NUMBER },
  { "line-width", "multi-ink-min-pt", SETTING_NUMBER },
  { "line-width", "single-ink-min-pt", SETTING_NUMBER },
  { "text-size", "multi-ink-min-pt", SETTING_NUMBER },
  { "text-size", "white-min-pt", SETTING_NUMBER },
  { "black-overprint", "below-pt", SETTING_NUMBER },
  { "rich-black-text", "below-pt", SETTING_NUMBER },
};

static void
profile_clear (PuratanPreflightProfile *self)
{
  g_free (self->id);
  g_free (self->name);
  g_free (self->press_condition);
  g_free (self->product_id);
  g_free (self->press);
  g_clear_pointer (&self->sizes, g_array_unref);
  g_clear_pointer (&self->technical_spots, g_strfreev);
  g_clear_pointer (&self->checks, json_object_unref);
}

static void
size_clear (gpointer data)
{
  g_free (((PuratanPreflightSize *) data)->id);
}

PuratanPreflightProfile *
puratan_preflight_profile_new (void)
{
  PuratanPreflightProfile *self = g_atomic_rc_box_new0 (PuratanPreflightProfile);
  self->checks = json_object_new ();
  self->sizes = g_array_new (FALSE, TRUE, sizeof (PuratanPreflightSize));
  g_array_set_clear_func (self->sizes, size_clear);
  self->bleed_mm = 3.0;
  self->pages_min = 1;
  self->pages_multiple = 1;
  return self;
}

/**
 * puratan_preflight_severity_to_string:
 * @severity: a severity
 *
 * Returns: (transfer none): "off", "info", "warning" or "error"
 */
const char *
puratan_preflight_severity_to_string (PuratanPreflightSeverity severity)
{
  static const char *const names[] = { "off", "info", "warning", "error" };
  g_return_val_if_fail (severity <= PURATAN_PREFLIGHT_SEVERITY_ERROR, "off");
  return names[severity];
}

/**
 * puratan_preflight_check_ids:
 *
 * Returns: (transfer none) (array zero-terminated=1): the stable ids of every check
 */
const char *const *
puratan_preflight_check_ids (void)
{
  return check_ids;
}

/* A static library drops unreferenced objects, so the resource bundle is pulled in and
 * registered here rather than left to its constructor. */
static void
ensure_resources (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      GResource *bundle = puratan_preflight_get_resource ();
      if (!g_resources_get_info (RESOURCE_PREFIX "profiles/gwg-sheetcmyk.json", 0, NULL, NULL,
                                 NULL))
        g_resources_register (bundle);
      g_once_init_leave (&done, 1);
    }
}

static int
compare_names (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static char **
list_resource_dir (const char *dir)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, dir, "/", NULL);
  g_auto (GStrv) names = NULL;

  ensure_resources ();
  names = g_resources_enumerate_children (path, 0, NULL);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **out;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".json"))
      {
        g_autofree char *id = g_strndup (names[i], strlen (names[i]) - 5);
        g_strv_builder_add (builder, id);
      }
  out = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  qsort (out, g_strv_length (out), sizeof (char *), compare_names);
  return out;
}

/**
 * puratan_preflight_profile_list_builtin:
 *
 * Returns: (transfer full): ids of the built-in profiles, e.g. "gwg-sheetcmyk"
 */
char **
puratan_preflight_profile_list_builtin (void)
{
  return list_resource_dir ("profiles");
}

/**
 * puratan_preflight_product_list:
 *
 * Returns: (transfer full): ids of the built-in product specifications, which are catalog
 *   product ids such as "business-cards"
 */
char **
puratan_preflight_product_list (void)
{
  return list_resource_dir ("products");
}

static gboolean
is_check_id (const char *id)
{
  return g_strv_contains (check_ids, id);
}

static const Setting *
find_setting (const char *check, const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
    if (g_str_equal (settings[i].check, check) && g_str_equal (settings[i].key, key))
      return &settings[i];
  return NULL;
}

static char *
settings_of (const char *check)
{
  GString *s = g_string_new ("\"severity\"");
  for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
    if (g_str_equal (settings[i].check, check))
      g_string_append_printf (s, ", \"%s\"", settings[i].key);
  return g_string_free (s, FALSE);
}

static gboolean
parse_severity (const char *text, PuratanPreflightSeverity *out)
{
  for (int i = 0; i <= PURATAN_PREFLIGHT_SEVERITY_ERROR; i++)
    if (g_str_equal (text, puratan_preflight_severity_to_string (i)))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
validate_rule (const char *source, const char *check, JsonNode *node, GError **error)
{
  JsonObject *rule;
  g_autoptr (GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s: the rule for check \"%s\" must be an object like "
                   "{\"severity\": \"error\"}",
                   source, check);
      return FALSE;
    }
  rule = json_node_get_object (node);
  members = json_object_get_members (rule);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (rule, key);
      const Setting *setting;

      if (g_str_equal (key, "severity"))
        {
          PuratanPreflightSeverity sev;
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING ||
              !parse_severity (json_node_get_string (value), &sev))
            {
              g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "%s: check \"%s\" has an invalid severity; use \"off\", \"info\", "
                           "\"warning\" or \"error\"",
                           source, check);
              return FALSE;
            }
          continue;
        }
      setting = find_setting (check, key);
      if (setting == NULL)
        {
          g_autofree char *known = settings_of (check);
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "%s: check \"%s\" has no setting \"%s\"; its settings are %s", source, check,
                       key, known);
          return FALSE;
        }
      if (setting->type == SETTING_NUMBER && (!JSON_NODE_HOLDS_VALUE (value) ||
                                              (json_node_get_value_type (value) != G_TYPE_INT64 &&
                                               json_node_get_value_type (value) != G_TYPE_DOUBLE) ||
                                              json_node_get_double (value) < 0))
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "%s: \"%s\" of check \"%s\" must be a number of zero or more", source, key,
                       check);
          return FALSE;
        }
      if (setting->type == SETTING_BOOL &&
          (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN))
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "%s: \"%s\" of check \"%s\" must be true or false", source, key, check);
          return FALSE;
        }
      if (setting->type == SETTING_STRINGS)
        {
          gboolean ok = JSON_NODE_HOLDS_ARRAY (value);
          for (guint i = 0; ok && i < json_array_get_length (json_node_get_array (value)); i++)
            {
              JsonNode *item = json_array_get_element (json_node_get_array (value), i);
              ok = JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING;
            }
          if (!ok)
            {
              g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "%s: \"%s\" of check \"%s\" must be a list of texts", source, key,
                           check);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Copies the members of @rule over the rule of @check in @self. */
static void
merge_rule (PuratanPreflightProfile *self, const char *check, JsonObject *rule)
{
  JsonObject *target;
  g_autoptr (GList) members = json_object_get_members (rule);

  if (!json_object_has_member (self->checks, check))
    json_object_set_object_member (self->checks, check, json_object_new ());
  target = json_object_get_object_member (self->checks, check);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (target, l->data,
                            json_node_copy (json_object_get_member (rule, l->data)));
}

JsonObject *
puratan_preflight_parse_object (
    const char *data, gssize length, const char *source, const char *format, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  JsonNode *root;
  JsonObject *obj;

  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE, "%s is not valid JSON: %s", source,
                   local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s must hold one JSON object", source);
      return NULL;
    }
  obj = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (obj, "format", ""), format) != 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s: \"format\" must be \"%s\"", source, format);
      return NULL;
    }
  if (json_object_get_int_member_with_default (obj, "version", 0) != 1)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_UNSUPPORTED_VERSION,
                   "%s: \"version\" must be 1; this file is from another version of Puratan "
                   "Studio",
                   source);
      return NULL;
    }
  return json_object_ref (obj);
}

GBytes *
puratan_preflight_lookup_resource (const char *dir, const char *id)
{
  g_autofree char *path = NULL;

  ensure_resources ();
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return NULL;
  path = g_strconcat (RESOURCE_PREFIX, dir, "/", id, ".json", NULL);
  return g_resources_lookup_data (path, 0, NULL);
}

/**
 * puratan_preflight_profile_load_data:
 * @data: JSON text of a profile
 * @length: length of @data, or -1 when it is nul-terminated
 * @source: name of the file or resource, used in error messages
 * @error: return location for a %PURATAN_ERROR
 *
 * Parses and validates a profile. A profile may name a built-in profile in "inherits";
 * its rules then override that profile's rules one setting at a time. Checks a profile
 * does not mention do not run.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with an error naming the
 *   file and the exact problem
 */
PuratanPreflightProfile *
puratan_preflight_profile_load_data (const char *data,
                                     gssize length,
                                     const char *source,
                                     GError **error)
{
  g_autoptr (JsonObject) obj = NULL;
  g_autoptr (PuratanPreflightProfile) self = NULL;
  JsonObject *checks;
  const char *inherits, *id;
  g_autoptr (GList) members = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  obj = puratan_preflight_parse_object (data, length, source, "puratan-preflight-profile", error);
  if (obj == NULL)
    return NULL;

  id = json_object_get_string_member_with_default (obj, "id", NULL);
  if (id == NULL || *id == '\0')
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s: the profile needs an \"id\", a short name like \"my-shop\"", source);
      return NULL;
    }
  if (!json_object_has_member (obj, "checks") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "checks")))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s: the profile needs a \"checks\" object with one rule per check id", source);
      return NULL;
    }

  inherits = json_object_get_string_member_with_default (obj, "inherits", NULL);
  if (inherits != NULL)
    {
      g_autoptr (PuratanPreflightProfile) base = NULL;
      g_autoptr (GBytes) bytes = puratan_preflight_lookup_resource ("profiles", inherits);
      if (bytes == NULL)
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                       "%s: it inherits \"%s\", which is not a built-in profile", source, inherits);
          return NULL;
        }
      base = puratan_preflight_profile_load_data (
          g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), inherits, error);
      if (base == NULL)
        return NULL;
      self = puratan_preflight_profile_new ();
      /* The base is private to this call, so its rules can be taken over and changed. */
      json_object_unref (self->checks);
      self->checks = json_object_ref (base->checks);
      self->press_condition = g_strdup (base->press_condition);
    }
  else
    self = puratan_preflight_profile_new ();

  checks = json_object_get_object_member (obj, "checks");
  members = json_object_get_members (checks);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *check = l->data;
      if (!is_check_id (check))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) check_ids);
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "%s: \"%s\" is not a check; the checks are %s", source, check, known);
          return NULL;
        }
      if (!validate_rule (source, check, json_object_get_member (checks, check), error))
        return NULL;
      merge_rule (self, check, json_object_get_object_member (checks, check));
    }

  self->id = g_strdup (id);
  self->name = g_strdup (json_object_get_string_member_with_default (obj, "name", id));
  if (json_object_has_member (obj, "press-condition"))
    {
      g_free (self->press_condition);
      self->press_condition =
          g_strdup (json_object_get_string_member_with_default (obj, "press-condition", NULL));
    }
  return g_steal_pointer (&self);
}

/**
 * puratan_preflight_profile_load_builtin:
 * @id: a built-in profile id such as "gwg-sheetcmyk"
 * @error: return location for a %PURATAN_ERROR
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with
 *   %PURATAN_ERROR_NOT_FOUND naming the known profiles
 */
PuratanPreflightProfile *
puratan_preflight_profile_load_builtin (const char *id, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  bytes = puratan_preflight_lookup_resource ("profiles", id);
  if (bytes == NULL)
    {
      g_auto (GStrv) known = puratan_preflight_profile_list_builtin ();
      g_autofree char *list = g_strjoinv (", ", known);
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "There is no preflight profile \"%s\"; the built-in profiles are %s", id, list);
      return NULL;
    }
  return puratan_preflight_profile_load_data (g_bytes_get_data (bytes, NULL),
                                              (gssize) g_bytes_get_size (bytes), id, error);
}

/**
 * puratan_preflight_profile_load_file:
 * @path: a profile file written by a user
 * @error: return location for a %PURATAN_ERROR
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with an error that names
 *   @path and what is wrong in it
 */
PuratanPreflightProfile *
puratan_preflight_profile_load_file (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, PURATAN_ERROR,
                   g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                       ? PURATAN_ERROR_NOT_FOUND
                       : PURATAN_ERROR_IO,
                   "The profile file cannot be read: %s", local->message);
      return NULL;
    }
  if (length > 1024 * 1024)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "%s is larger than 1 MB; a preflight profile is a small JSON file", path);
      return NULL;
    }
  return puratan_preflight_profile_load_data (data, (gssize) length, path, error);
}

/**
 * puratan_preflight_profile_lookup:
 * @name_or_path: a built-in profile id, or the path of a profile file
 * @error: return location for a %PURATAN_ERROR
 *
 * Anything containing a '/' or ending in ".json" is read as a file.
 *
 * Returns: (transfer full) (nullable): the profile
 */
PuratanPreflightProfile *
puratan_preflight_profile_lookup (const char *name_or_path, GError **error)
{
  g_return_val_if_fail (name_or_path != NULL, NULL);

  if (strchr (name_or_path, '/') != NULL || g_str_has_suffix (name_or_path, ".json"))
    return puratan_preflight_profile_load_file (name_or_path, error);
  return puratan_preflight_profile_load_builtin (name_or_path, error);
}

/* Returns (transfer full) a new reference to @self. */
PuratanPreflightProfile *
puratan_preflight_profile_ref (PuratanPreflightProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

/* Drops a reference; the profile is freed with the last one. */
void
puratan_preflight_profile_unref (PuratanPreflightProfile *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) profile_clear);
}

/* Returns (transfer none) the profile id. */
const char *
puratan_preflight_profile_get_id (PuratanPreflightProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

/* Returns (transfer none) the human name of the profile. */
const char *
puratan_preflight_profile_get_name (PuratanPreflightProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

/* Returns (transfer none) (nullable) the press condition, e.g. "FOGRA51". */
const char *
puratan_preflight_profile_get_press_condition (PuratanPreflightProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->press_condition;
}

/* Returns (transfer none) (nullable) the product id when the profile is for a product. */
const char *
puratan_preflight_profile_get_product_id (PuratanPreflightProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->product_id;
}

static JsonObject *
rule_of (PuratanPreflightProfile *self, const char *check_id)
{
  JsonNode *node = json_object_get_member (self->checks, check_id);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * puratan_preflight_profile_get_severity:
 * @profile: a profile
 * @check_id: a check id
 *
 * Returns: the severity of a failed check; %PURATAN_PREFLIGHT_SEVERITY_OFF when the
 *   profile does not run it
 */
PuratanPreflightSeverity
puratan_preflight_profile_get_severity (PuratanPreflightProfile *self, const char *check_id)
{
  JsonObject *rule;
  PuratanPreflightSeverity sev = PURATAN_PREFLIGHT_SEVERITY_OFF;

  g_return_val_if_fail (self != NULL, PURATAN_PREFLIGHT_SEVERITY_OFF);
  g_return_val_if_fail (check_id != NULL, PURATAN_PREFLIGHT_SEVERITY_OFF);

  rule = rule_of (self, check_id);
  if (rule != NULL)
    parse_severity (json_object_get_string_member_with_default (rule, "severity", "off"), &sev);
  return sev;
}

/* Returns the number setting @key of @check_id, or @fallback when it is not set. */
double
puratan_preflight_profile_get_number (PuratanPreflightProfile *self,
                                      const char *check_id,
                                      const char *key,
                                      double fallback)
{
  JsonObject *rule;

  g_return_val_if_fail (self != NULL, fallback);
  rule = rule_of (self, check_id);
  return rule != NULL ? json_object_get_double_member_with_default (rule, key, fallback) : fallback;
}

/* Returns the true/false setting @key of @check_id, or @fallback when it is not set. */
gboolean
puratan_preflight_profile_get_bool (PuratanPreflightProfile *self,
                                    const char *check_id,
                                    const char *key,
                                    gboolean fallback)
{
  JsonObject *rule;

  g_return_val_if_fail (self != NULL, fallback);
  rule = rule_of (self, check_id);
  return rule != NULL ? json_object_get_boolean_member_with_default (rule, key, fallback)
                      : fallback;
}

/* Returns whether the list setting @key of @check_id contains @value; an absent list accepts all.
 */
gboolean
puratan_preflight_profile_accepts (PuratanPreflightProfile *self,
                                   const char *check_id,
                                   const char *key,
                                   const char *value)
{
  JsonObject *rule;
  JsonArray *list;

  g_return_val_if_fail (self != NULL, FALSE);
  rule = rule_of (self, check_id);
  if (rule == NULL || !json_object_has_member (rule, key))
    return TRUE;
  list = json_object_get_array_member (rule, key);
  for (guint i = 0; value != NULL && i < json_array_get_length (list); i++)
    if (g_str_equal (json_array_get_string_element (list, i), value))
      return TRUE;
  return FALSE;
}
