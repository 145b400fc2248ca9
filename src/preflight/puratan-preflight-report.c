/* puratan-preflight-report.c: what preflight found, for people and programs
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON form follows the schema "puratan-preflight-report/1" documented in
 * docs/preflight-report.md; fields are only ever added to it, never renamed.
 */
#include "puratan-preflight-report-private.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "puratan-error.h"
#include "puratan-json.h"

struct _PuratanPreflightReport
{
  char *file;
  char *profile_id;
  char *profile_name;
  char *product_id;
  guint n_pages;
  double elapsed;
  gboolean incomplete;
  GPtrArray *findings; /* PuratanPreflightFinding */
  GPtrArray *ink;      /* PuratanPreflightPageInk */
};

void
puratan_preflight_finding_free (PuratanPreflightFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->check_id);
  g_free (finding->message);
  g_free (finding);
}

void
puratan_preflight_page_ink_free (PuratanPreflightPageInk *ink)
{
  if (ink == NULL)
    return;
  g_clear_pointer (&ink->channels, g_hash_table_unref);
  g_free (ink->method);
  g_free (ink);
}

static void
report_clear (PuratanPreflightReport *self)
{
  g_free (self->file);
  g_free (self->profile_id);
  g_free (self->profile_name);
  g_free (self->product_id);
  g_ptr_array_unref (self->findings);
  g_ptr_array_unref (self->ink);
}

/* Returns (transfer full) an empty report on @file (its base name is kept) for @profile. */
PuratanPreflightReport *
puratan_preflight_report_new (const char *file, PuratanPreflightProfile *profile)
{
  PuratanPreflightReport *self = g_atomic_rc_box_new0 (PuratanPreflightReport);

  self->file = g_path_get_basename (file);
  self->profile_id = g_strdup (puratan_preflight_profile_get_id (profile));
  self->profile_name = g_strdup (puratan_preflight_profile_get_name (profile));
  self->product_id = g_strdup (puratan_preflight_profile_get_product_id (profile));
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_preflight_finding_free);
  self->ink = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_preflight_page_ink_free);
  return self;
}

/* Adds a finding unless @severity is off. @bbox may be %NULL when it has no place. */
void
puratan_preflight_report_add (PuratanPreflightReport *self,
                              const char *check_id,
                              PuratanPreflightSeverity severity,
                              guint page,
                              const PuratanRect *bbox,
                              const char *format,
                              ...)
{
  PuratanPreflightFinding *f;
  va_list args;

  if (severity == PURATAN_PREFLIGHT_SEVERITY_OFF)
    return;
  f = g_new0 (PuratanPreflightFinding, 1);
  f->check_id = g_strdup (check_id);
  f->severity = severity;
  f->page = page;
  if (bbox != NULL)
    {
      f->has_bbox = TRUE;
      f->bbox[0] = bbox->x0;
      f->bbox[1] = bbox->y0;
      f->bbox[2] = bbox->x1;
      f->bbox[3] = bbox->y1;
    }
  va_start (args, format);
  f->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (self->findings, f);
}

/* Takes ownership of @ink. */
void
puratan_preflight_report_add_ink (PuratanPreflightReport *self, PuratanPreflightPageInk *ink)
{
  g_ptr_array_add (self->ink, ink);
}

void
puratan_preflight_report_set_n_pages (PuratanPreflightReport *self, guint n_pages)
{
  self->n_pages = n_pages;
}

/* Marks the report as partial: part of the file could not be checked. */
void
puratan_preflight_report_set_incomplete (PuratanPreflightReport *self)
{
  self->incomplete = TRUE;
}

static int
compare_findings (gconstpointer a, gconstpointer b)
{
  const PuratanPreflightFinding *fa = *(PuratanPreflightFinding *const *) a;
  const PuratanPreflightFinding *fb = *(PuratanPreflightFinding *const *) b;

  if (fa->page != fb->page)
    return fa->page < fb->page ? -1 : 1;
  if (fa->severity != fb->severity)
    return fa->severity > fb->severity ? -1 : 1;
  return g_strcmp0 (fa->check_id, fb->check_id);
}

static int
compare_ink (gconstpointer a, gconstpointer b)
{
  const PuratanPreflightPageInk *ia = *(PuratanPreflightPageInk *const *) a;
  const PuratanPreflightPageInk *ib = *(PuratanPreflightPageInk *const *) b;
  return ia->page < ib->page ? -1 : ia->page > ib->page;
}

/* Sorts the findings (document first, then by page and severity) and records the time, in
 * whole milliseconds as the JSON holds it, so a report read back reads the same. */
void
puratan_preflight_report_finish (PuratanPreflightReport *self, double elapsed_seconds)
{
  g_ptr_array_sort (self->findings, compare_findings);
  g_ptr_array_sort (self->ink, compare_ink);
  self->elapsed = round (elapsed_seconds * 1000) / 1000;
}

/* Returns (transfer full) a new reference. */
PuratanPreflightReport *
puratan_preflight_report_ref (PuratanPreflightReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

/* Drops a reference; the report is freed with the last one. */
void
puratan_preflight_report_unref (PuratanPreflightReport *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, (GDestroyNotify) report_clear);
}

/* Returns (transfer none) the checked file's base name. */
const char *
puratan_preflight_report_get_file (PuratanPreflightReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->file;
}

/* Returns (transfer none) the id of the profile the file was checked against. */
const char *
puratan_preflight_report_get_profile_id (PuratanPreflightReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->profile_id;
}

/* Returns the page count of the checked file. */
guint
puratan_preflight_report_get_n_pages (PuratanPreflightReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_pages;
}

/* Returns the wall-clock time the check took, in seconds. */
double
puratan_preflight_report_get_elapsed (PuratanPreflightReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->elapsed;
}

/* Returns %FALSE when part of the file could not be checked (see the pdf-syntax findings). */
gboolean
puratan_preflight_report_is_complete (PuratanPreflightReport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return !self->incomplete;
}

/* Returns (transfer none) (element-type PuratanPreflightFinding) the findings, sorted. */
GPtrArray *
puratan_preflight_report_get_findings (PuratanPreflightReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->findings;
}

/* Returns (transfer none) (element-type PuratanPreflightPageInk) ink per measured page. */
GPtrArray *
puratan_preflight_report_get_ink (PuratanPreflightReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->ink;
}

/* Returns how many findings have @severity. */
guint
puratan_preflight_report_count (PuratanPreflightReport *self, PuratanPreflightSeverity severity)
{
  guint n = 0;
  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; i < self->findings->len; i++)
    n += ((PuratanPreflightFinding *) g_ptr_array_index (self->findings, i))->severity == severity;
  return n;
}

/* Returns how many findings come from check @check_id. */
guint
puratan_preflight_report_count_check (PuratanPreflightReport *self, const char *check_id)
{
  guint n = 0;
  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; i < self->findings->len; i++)
    n += g_str_equal (((PuratanPreflightFinding *) g_ptr_array_index (self->findings, i))->check_id,
                      check_id);
  return n;
}

/**
 * puratan_preflight_report_find:
 * @report: a report
 * @check_id: a check id
 * @page: a page number, or G_MAXUINT for any page
 *
 * Returns: (transfer none) (nullable): the first finding of @check_id on @page
 */
const PuratanPreflightFinding *
puratan_preflight_report_find (PuratanPreflightReport *self, const char *check_id, guint page)
{
  g_return_val_if_fail (self != NULL, NULL);
  for (guint i = 0; i < self->findings->len; i++)
    {
      PuratanPreflightFinding *f = g_ptr_array_index (self->findings, i);
      if (g_str_equal (f->check_id, check_id) && (page == G_MAXUINT || f->page == page))
        return f;
    }
  return NULL;
}

static void
add_bbox (JsonBuilder *b, const double bbox[4])
{
  json_builder_set_member_name (b, "bbox");
  json_builder_begin_array (b);
  for (int i = 0; i < 4; i++)
    json_builder_add_double_value (b, round (bbox[i] * 100) / 100);
  json_builder_end_array (b);
}

/**
 * puratan_preflight_report_to_json:
 * @report: a report
 *
 * Returns: (transfer full): the report as JSON, schema "puratan-preflight-report/1"
 */
char *
puratan_preflight_report_to_json (PuratanPreflightReport *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "schema");
  json_builder_add_string_value (b, "puratan-preflight-report/1");
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, self->file);
  json_builder_set_member_name (b, "profile");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, self->profile_id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, self->profile_name);
  json_builder_set_member_name (b, "product");
  if (self->product_id != NULL)
    json_builder_add_string_value (b, self->product_id);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "pages");
  json_builder_add_int_value (b, self->n_pages);
  json_builder_set_member_name (b, "complete");
  json_builder_add_boolean_value (b, !self->incomplete);
  json_builder_set_member_name (b, "elapsed_seconds");
  json_builder_add_double_value (b, self->elapsed);

  json_builder_set_member_name (b, "summary");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "errors");
  json_builder_add_int_value (
      b, puratan_preflight_report_count (self, PURATAN_PREFLIGHT_SEVERITY_ERROR));
  json_builder_set_member_name (b, "warnings");
  json_builder_add_int_value (
      b, puratan_preflight_report_count (self, PURATAN_PREFLIGHT_SEVERITY_WARNING));
  json_builder_set_member_name (b, "info");
  json_builder_add_int_value (
      b, puratan_preflight_report_count (self, PURATAN_PREFLIGHT_SEVERITY_INFO));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->findings->len; i++)
    {
      PuratanPreflightFinding *f = g_ptr_array_index (self->findings, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "check");
      json_builder_add_string_value (b, f->check_id);
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, puratan_preflight_severity_to_string (f->severity));
      json_builder_set_member_name (b, "page");
      if (f->page > 0)
        json_builder_add_int_value (b, f->page);
      else
        json_builder_add_null_value (b);
      if (f->has_bbox)
        add_bbox (b, f->bbox);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, f->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "ink");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->ink->len; i++)
    {
      PuratanPreflightPageInk *ink = g_ptr_array_index (self->ink, i);
      g_autoptr (GList) names = g_hash_table_get_keys (ink->channels);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "page");
      json_builder_add_int_value (b, ink->page);
      json_builder_set_member_name (b, "max_area_percent");
      json_builder_add_double_value (b, round (ink->max_percent * 10) / 10);
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, ink->method != NULL ? ink->method : "ghostscript-cmyk");
      add_bbox (b, ink->bbox);
      json_builder_set_member_name (b, "average_percent");
      json_builder_begin_object (b);
      names = g_list_sort (names, (GCompareFunc) g_strcmp0);
      for (GList *l = names; l != NULL; l = l->next)
        {
          double *avg = g_hash_table_lookup (ink->channels, l->data);
          json_builder_set_member_name (b, l->data);
          json_builder_add_double_value (b, round (*avg * 100) / 100);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

/**
 * puratan_preflight_report_to_text:
 * @report: a report
 *
 * Returns: (transfer full): the report as text a customer can read, one finding a line
 */
char *
puratan_preflight_report_to_text (PuratanPreflightReport *self)
{
  GString *s = g_string_new (NULL);
  guint errors, warnings, infos;

  g_return_val_if_fail (self != NULL, NULL);

  errors = puratan_preflight_report_count (self, PURATAN_PREFLIGHT_SEVERITY_ERROR);
  warnings = puratan_preflight_report_count (self, PURATAN_PREFLIGHT_SEVERITY_WARNING);
  infos = puratan_preflight_report_count (self, PURATAN_PREFLIGHT_SEVERITY_INFO);
  g_string_append_printf (s, "Preflight of %s (%u page%s) against %s", self->file, self->n_pages,
                          self->n_pages == 1 ? "" : "s", self->profile_name);
  if (self->product_id != NULL)
    g_string_append_printf (s, " for product %s", self->product_id);
  g_string_append_printf (s, "\n%u error%s, %u warning%s, %u note%s; checked in %.2f s%s\n\n",
                          errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", infos,
                          infos == 1 ? "" : "s", self->elapsed,
                          self->incomplete ? "; the file is damaged, so the check is partial" : "");
  for (guint i = 0; i < self->findings->len; i++)
    {
      PuratanPreflightFinding *f = g_ptr_array_index (self->findings, i);
      g_autofree char *where =
          f->page > 0 ? g_strdup_printf ("page %u", f->page) : g_strdup ("document");
      g_string_append_printf (s, "%-7s  %-18s  %-9s  %s\n",
                              puratan_preflight_severity_to_string (f->severity), f->check_id,
                              where, f->message);
    }
  if (self->findings->len == 0)
    g_string_append (s, "Nothing to fix: the file is ready to print.\n");
  return g_string_free (s, FALSE);
}

/* Sets @error to the one message every malformed report gets, naming @what. */
static gboolean
bad_report (GError **error, const char *what)
{
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
               "The stored preflight report is damaged: %s is missing or malformed", what);
  return FALSE;
}

/* Reads @node as a finite number into *out. */
static gboolean
read_number (JsonNode *node, double *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *out = json_node_get_double (node);
  return isfinite (*out);
}

/* Reads the optional member "bbox" of @object: four numbers. */
static gboolean
read_bbox (JsonObject *object, gboolean *has_bbox, double bbox[4], GError **error)
{
  JsonArray *array = NULL;

  if (!puratan_json_get_optional_array (object, "bbox", &array, error))
    return FALSE;
  *has_bbox = array != NULL;
  if (array == NULL)
    return TRUE;
  if (json_array_get_length (array) != 4)
    return bad_report (error, "a bbox");
  for (guint i = 0; i < 4; i++)
    if (!read_number (json_array_get_element (array, i), &bbox[i]))
      return bad_report (error, "a bbox");
  return TRUE;
}

static gboolean
read_severity (const char *name, PuratanPreflightSeverity *out)
{
  for (PuratanPreflightSeverity s = PURATAN_PREFLIGHT_SEVERITY_INFO;
       s <= PURATAN_PREFLIGHT_SEVERITY_ERROR; s++)
    if (g_str_equal (name, puratan_preflight_severity_to_string (s)))
      {
        *out = s;
        return TRUE;
      }
  return FALSE;
}

static gboolean
read_finding (PuratanPreflightReport *self, JsonObject *object, GError **error)
{
  g_autoptr (PuratanPreflightFinding) f = g_new0 (PuratanPreflightFinding, 1);
  const char *check_id, *severity, *message;
  gint64 page;

  if (!puratan_json_get_string (object, "check", &check_id, error) ||
      !puratan_json_get_string (object, "severity", &severity, error) ||
      !puratan_json_get_optional_int (object, "page", 0, &page, error) ||
      !puratan_json_get_string (object, "message", &message, error) ||
      !read_bbox (object, &f->has_bbox, f->bbox, error))
    return FALSE;
  if (!read_severity (severity, &f->severity))
    return bad_report (error, "a finding's severity");
  if (page < 0 || page > (gint64) self->n_pages)
    return bad_report (error, "a finding's page");
  f->check_id = g_strdup (check_id);
  f->page = (guint) page;
  f->message = g_strdup (message);
  g_ptr_array_add (self->findings, g_steal_pointer (&f));
  return TRUE;
}

static gboolean
read_ink (PuratanPreflightReport *self, JsonObject *object, GError **error)
{
  PuratanPreflightPageInk *ink = g_new0 (PuratanPreflightPageInk, 1);
  JsonObject *averages;
  const char *method;
  gint64 page;
  gboolean has_bbox = FALSE;
  g_autoptr (GList) names = NULL;

  ink->channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_ptr_array_add (self->ink, ink);
  if (!puratan_json_get_int_in_range (object, "page", 1, self->n_pages, &page, error) ||
      !puratan_json_get_string (object, "method", &method, error) ||
      !puratan_json_get_object (object, "average_percent", &averages, error) ||
      !read_bbox (object, &has_bbox, ink->bbox, error))
    return FALSE;
  if (!has_bbox ||
      !read_number (json_object_get_member (object, "max_area_percent"), &ink->max_percent))
    return bad_report (error, "a page's ink");
  ink->page = (guint) page;
  ink->method = g_str_equal (method, "ghostscript-cmyk") ? NULL : g_strdup (method);
  names = json_object_get_members (averages);
  for (GList *l = names; l != NULL; l = l->next)
    {
      double average;

      if (!read_number (json_object_get_member (averages, l->data), &average))
        return bad_report (error, "a page's average ink");
      g_hash_table_insert (ink->channels, g_strdup (l->data), g_memdup2 (&average, sizeof average));
    }
  return TRUE;
}

/* Reads the members of @root other than the findings and the ink into @self. */
static gboolean
read_head (PuratanPreflightReport *self, JsonObject *root, GError **error)
{
  JsonObject *profile;
  const char *schema, *file, *id, *name, *product;
  gint64 pages;
  gboolean complete;

  if (!puratan_json_get_string (root, "schema", &schema, error))
    return FALSE;
  if (!g_str_equal (schema, "puratan-preflight-report/1"))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_UNSUPPORTED_VERSION,
                   "The preflight report has schema “%s”; this version reads "
                   "puratan-preflight-report/1",
                   schema);
      return FALSE;
    }
  if (!puratan_json_get_string (root, "file", &file, error) ||
      !puratan_json_get_object (root, "profile", &profile, error) ||
      !puratan_json_get_string (profile, "id", &id, error) ||
      !puratan_json_get_string (profile, "name", &name, error) ||
      !puratan_json_get_optional_string (profile, "product", NULL, &product, error) ||
      !puratan_json_get_int_in_range (root, "pages", 0, G_MAXINT, &pages, error) ||
      !puratan_json_get_bool (root, "complete", &complete, error))
    return FALSE;
  if (!read_number (json_object_get_member (root, "elapsed_seconds"), &self->elapsed))
    return bad_report (error, "elapsed_seconds");
  self->file = g_strdup (file);
  self->profile_id = g_strdup (id);
  self->profile_name = g_strdup (name);
  self->product_id = g_strdup (product);
  self->n_pages = (guint) pages;
  self->incomplete = !complete;
  return TRUE;
}

/**
 * puratan_preflight_report_new_from_json:
 * @json: a report as puratan_preflight_report_to_json() writes it
 * @length: the length of @json in bytes, or -1 when it ends with a NUL
 * @error: return location for a #GError
 *
 * Reads back a stored report of schema "puratan-preflight-report/1". Members a later
 * revision of the schema adds are ignored; the summary is counted again from the
 * findings. Writing the result with puratan_preflight_report_to_json() gives @json back.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set:
 *   %PURATAN_ERROR_PARSE when @json is not JSON, %PURATAN_ERROR_UNSUPPORTED_VERSION for
 *   another schema, %PURATAN_ERROR_CORRUPT or %PURATAN_ERROR_INVALID_INPUT when a member
 *   is missing or malformed
 */
PuratanPreflightReport *
puratan_preflight_report_new_from_json (const char *json, gssize length, GError **error)
{
  g_autoptr (PuratanPreflightReport) self = NULL;
  g_autoptr (JsonObject) root = NULL;
  JsonArray *findings, *ink;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = puratan_json_parse_object (json, length, error);
  if (root == NULL)
    return NULL;
  self = g_atomic_rc_box_new0 (PuratanPreflightReport);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_preflight_finding_free);
  self->ink = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_preflight_page_ink_free);
  if (!read_head (self, root, error) ||
      !puratan_json_get_array (root, "findings", &findings, error) ||
      !puratan_json_get_array (root, "ink", &ink, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonNode *node = json_array_get_element (findings, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          bad_report (error, "a finding");
          return NULL;
        }
      if (!read_finding (self, json_node_get_object (node), error))
        return NULL;
    }
  for (guint i = 0; i < json_array_get_length (ink); i++)
    {
      JsonNode *node = json_array_get_element (ink, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          bad_report (error, "a page's ink");
          return NULL;
        }
      if (!read_ink (self, json_node_get_object (node), error))
        return NULL;
    }
  return g_steal_pointer (&self);
}
