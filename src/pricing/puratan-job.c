/* puratan-job.c: resolving and checking a product's options
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-job-private.h"

#include <string.h>

#include "puratan-error.h"

static gboolean invalid (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, message);
  return FALSE;
}

static gpointer
find_id (GPtrArray *array, const char *id)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (*(char **) g_ptr_array_index (array, i), id) == 0)
      return g_ptr_array_index (array, i);
  return NULL;
}

static char *
list_ids (GPtrArray *array)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < array->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "",
                            *(char **) g_ptr_array_index (array, i));
  return g_string_free (out, FALSE);
}

static gboolean
is_finishing_key (const PuratanProduct *product, const char *key)
{
  for (guint i = 0; i < product->finishing->len; i++)
    if (g_str_equal (((PuratanFinishing *) g_ptr_array_index (product->finishing, i))->option, key))
      return TRUE;
  return FALSE;
}

static gboolean
resolve_choice (
    PuratanJob *job, const char *key, GPtrArray *from, gconstpointer *out, GError **error)
{
  const char *value = g_hash_table_lookup (job->options, key);
  g_autofree char *choices = list_ids (from);

  if (value == NULL)
    return invalid (error, "%s: choose a %s (%s)", job->product->name, key, choices);
  *out = find_id (from, value);
  if (*out == NULL)
    return invalid (error, "%s: %s “%s” is not offered; choose one of %s", job->product->name, key,
                    value, choices);
  return TRUE;
}

static gboolean
resolve_pages (PuratanJob *job, GError **error)
{
  const PuratanProduct *p = job->product;
  const char *text = g_hash_table_lookup (job->options, "pages");
  char *end = NULL;

  if (!p->has_pages)
    {
      job->pages = 0;
      job->pieces_per_copy = 1;
      return TRUE;
    }
  if (text != NULL && g_ascii_isdigit (*text))
    job->pages = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || *end != '\0' || job->pages < p->pages_min || job->pages > p->pages_max ||
      (job->pages - p->pages_min) % p->pages_step != 0)
    return invalid (error,
                    "%s: pages is “%s”; give a page count from %" G_GINT64_FORMAT
                    " to %" G_GINT64_FORMAT " in steps of %" G_GINT64_FORMAT,
                    p->name, text != NULL ? text : "not set", p->pages_min, p->pages_max,
                    p->pages_step);
  /* Pages are printed four to a spread (two each side), rounding up. */
  job->pieces_per_copy = (job->pages + 3) / 4;
  return TRUE;
}

static gboolean
resolve_finishing (PuratanJob *job, GError **error)
{
  const PuratanProduct *p = job->product;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, job->options);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const PuratanFinishing *match = NULL;
      g_autoptr (GString) choices = g_string_new ("none");

      if (!is_finishing_key (p, key))
        continue;
      for (guint i = 0; i < p->finishing->len; i++)
        {
          const PuratanFinishing *f = g_ptr_array_index (p->finishing, i);

          if (!g_str_equal (f->option, key))
            continue;
          g_string_append_printf (choices, ", %s", f->value);
          if (g_str_equal (f->value, value))
            match = f;
        }
      if (g_str_equal (value, "none"))
        {
          if (g_strv_contains ((const char *const *) p->required, key))
            return invalid (error, "%s need a %s; choose one of %s", p->name, (char *) key,
                            choices->str + strlen ("none, "));
          continue;
        }
      if (match == NULL)
        return invalid (error, "%s: %s “%s” is not offered; choose one of %s", p->name,
                        (char *) key, (char *) value, choices->str);
      job->finishing[job->n_finishing++] = match;
    }
  for (guint i = 0; p->required[i] != NULL; i++)
    if (g_hash_table_lookup (job->options, p->required[i]) == NULL)
      return invalid (error, "%s need a %s", p->name, p->required[i]);
  return TRUE;
}

static gboolean
refers_to_quantity (const PuratanConstraint *c)
{
  return g_str_equal (c->key, "quantity") || g_hash_table_contains (c->when, "quantity");
}

static gboolean
check_constraints (const PuratanJob *job,
                   GHashTable *options,
                   gboolean with_quantity,
                   GError **error)
{
  GPtrArray *lists[] = { job->product->constraints, job->catalog->constraints };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const PuratanConstraint *c = g_ptr_array_index (lists[l], i);

        if (refers_to_quantity (c) == with_quantity &&
            !puratan_constraint_check (c, options, job->product->name, error))
          return FALSE;
      }
  return TRUE;
}

static gboolean
plan_routes (PuratanJob *job, GError **error)
{
  const PuratanProduct *p = job->product;

  job->n_routes = p->presses->len;
  job->routes = g_new0 (PuratanRoute, job->n_routes);
  for (guint i = 0; i < job->n_routes; i++)
    {
      PuratanRoute *route = &job->routes[i];
      PuratanImpositionSpec spec = {
        .piece = job->size->trim,
        .bleed_um = p->bleed_um,
        .gutter_um = p->gutter_um,
      };

      route->press = g_ptr_array_index (p->presses, i);
      spec.sheet = route->press->sheet;
      spec.gripper_um = route->press->gripper_um;
      spec.margin_um = route->press->margin_um;
      if (p->has_pages)
        spec.piece.width_um *= 2;
      if (!puratan_impose (&spec, &route->imposition, error))
        return FALSE;
      route->cuts = puratan_parent_sheet_cuts (job->stock->parent, route->press->sheet, NULL);
      if (route->cuts == 0)
        return invalid (error, "%s: stock “%s” cannot be cut for press “%s”", p->name,
                        job->stock->id, route->press->id);
    }
  return TRUE;
}

/**
 * puratan_job_new:
 * @catalog: a catalog
 * @product_id: the product's id
 * @options: (nullable) (element-type utf8 utf8): option key → value; missing
 *   options take the product's defaults and "turnaround" defaults to "standard"
 * @error: return location for a %PURATAN_ERROR_INVALID_INPUT or
 *   %PURATAN_ERROR_NOT_FOUND error
 *
 * Resolves a product's options, checks every constraint that does not
 * depend on the quantity and imposes the piece on each press the product
 * may use. Errors name the product, the option and the allowed choices.
 *
 * Returns: (transfer full) (nullable): the job, or %NULL with @error set
 */
PuratanJob *
puratan_job_new (PuratanCatalog *catalog,
                 const char *product_id,
                 GHashTable *options,
                 GError **error)
{
  g_autoptr (PuratanJob) job = NULL;
  const PuratanProduct *product;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (product_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  product = puratan_catalog_find_product (catalog, product_id);
  if (product == NULL)
    {
      g_autofree char *ids = list_ids (catalog->products);

      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "There is no product “%s”; products are %s", product_id, ids);
      return NULL;
    }
  job = g_new0 (PuratanJob, 1);
  job->catalog = puratan_catalog_ref (catalog);
  job->product = product;
  job->options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (job->options, g_strdup ("turnaround"), g_strdup ("standard"));
  for (guint i = 0; i < product->finishing->len; i++)
    g_hash_table_insert (
        job->options,
        g_strdup (((PuratanFinishing *) g_ptr_array_index (product->finishing, i))->option),
        g_strdup ("none"));
  g_hash_table_iter_init (&iter, product->defaults);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (job->options, g_strdup (key), g_strdup (value));
  if (options != NULL)
    {
      g_hash_table_iter_init (&iter, options);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (g_str_equal (key, "quantity") ||
              (!g_hash_table_contains (job->options, key) && !g_str_equal (key, "size") &&
               !g_str_equal (key, "stock") && !g_str_equal (key, "sides") &&
               !(g_str_equal (key, "pages") && product->has_pages)))
            {
              invalid (error, "%s have no option “%s”; see `puratan catalog` for the options",
                       product->name, (char *) key);
              return NULL;
            }
          g_hash_table_insert (job->options, g_strdup (key), g_strdup (value));
        }
    }
  if (!resolve_choice (job, "size", product->sizes, (gconstpointer *) &job->size, error) ||
      !resolve_choice (job, "stock", product->stocks, (gconstpointer *) &job->stock, error) ||
      !resolve_choice (job, "sides", product->sides, (gconstpointer *) &job->sides, error) ||
      !resolve_choice (job, "turnaround", catalog->turnarounds, (gconstpointer *) &job->turnaround,
                       error) ||
      !resolve_pages (job, error) || !resolve_finishing (job, error) ||
      !check_constraints (job, job->options, FALSE, error) || !plan_routes (job, error))
    return NULL;
  return g_steal_pointer (&job);
}

/**
 * puratan_job_free:
 * @job: (transfer full): a job
 *
 * Frees a job and drops its reference on the catalog.
 */
void
puratan_job_free (PuratanJob *job)
{
  g_return_if_fail (job != NULL);
  g_clear_pointer (&job->options, g_hash_table_unref);
  g_clear_pointer (&job->catalog, puratan_catalog_unref);
  g_free (job->routes);
  g_free (job);
}

/**
 * puratan_job_get_product_id:
 * @job: a job
 *
 * Returns: (transfer none): the product's id
 */
const char *
puratan_job_get_product_id (const PuratanJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);
  return job->product->id;
}

/**
 * puratan_job_get_product_name:
 * @job: a job
 *
 * Returns: (transfer none): the product's display name
 */
const char *
puratan_job_get_product_name (const PuratanJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);
  return job->product->name;
}

/**
 * puratan_job_get_category:
 * @job: a job
 *
 * Returns: (transfer none): the product's tax category id
 */
const char *
puratan_job_get_category (const PuratanJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);
  return job->product->category;
}

/**
 * puratan_job_get_quantity_max:
 * @job: a job
 *
 * Returns: the largest quantity the product is sold in
 */
gint64
puratan_job_get_quantity_max (const PuratanJob *job)
{
  g_return_val_if_fail (job != NULL, 0);
  return job->product->quantity_max;
}

/**
 * puratan_job_get_options:
 * @job: a job
 *
 * Returns: (transfer none) (element-type utf8 utf8): every option with its resolved value
 */
GHashTable *
puratan_job_get_options (const PuratanJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);
  return job->options;
}

/**
 * puratan_job_describe_options:
 * @job: a job
 *
 * Returns: (transfer full): the options as "key=value" pairs in key order, comma separated
 */
char *
puratan_job_describe_options (const PuratanJob *job)
{
  g_autoptr (GList) keys = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (job != NULL, NULL);
  keys = g_list_sort (g_hash_table_get_keys (job->options), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    g_string_append_printf (out, "%s%s=%s", out->len > 0 ? ", " : "", (char *) l->data,
                            (char *) g_hash_table_lookup (job->options, l->data));
  return g_string_free (out, FALSE);
}

static int
key_rank (const char *key)
{
  static const char *const first[] = { "size", "stock", "sides", "pages", "turnaround" };

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    if (g_str_equal (key, first[i]))
      return (int) i;
  return G_N_ELEMENTS (first);
}

static int
compare_keys (gconstpointer a, gconstpointer b)
{
  int ra = key_rank (a), rb = key_rank (b);

  return ra != rb ? ra - rb : g_strcmp0 (a, b);
}

/**
 * puratan_job_describe_options_for_people:
 * @job: a job
 *
 * Describes the job's options with the names puratan_catalog_get_option_title() and
 * puratan_catalog_get_choice_label() give them, for quotes, receipts, job tickets and order
 * details: "Size: 90 × 55 mm; Stock: Art card 350 gsm matt; Printed sides: Full colour, both
 * sides; Turnaround: Standard, 3 working days; Lamination: Matt lamination; Spot UV". Size,
 * stock, sides, pages and turnaround come first, then the finishing options in key order;
 * finishing left at "none" is not listed, and a finishing option named after its one choice
 * ("Spot UV") is named once.
 *
 * Returns: (transfer full): the description
 */
char *
puratan_job_describe_options_for_people (const PuratanJob *job)
{
  g_autoptr (GList) keys = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (job != NULL, NULL);
  keys = g_list_sort (g_hash_table_get_keys (job->options), compare_keys);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *value = g_hash_table_lookup (job->options, key);
      g_autofree char *title = NULL;
      g_autofree char *label = NULL;

      if (key_rank (key) == 5 && g_str_equal (value, "none"))
        continue;
      /* A job holds only options and choices its product offers, so each has a name; the key
       * and the value stand in only for a catalog that broke that promise. */
      title = puratan_catalog_get_option_title (job->catalog, job->product->id, key, NULL);
      label = puratan_catalog_get_choice_label (job->catalog, job->product->id, key, value, NULL);
      if (out->len > 0)
        g_string_append (out, "; ");
      if (title != NULL && label != NULL && g_str_equal (title, label))
        g_string_append (out, label);
      else
        g_string_append_printf (out, "%s: %s", title != NULL ? title : key,
                                label != NULL ? label : value);
    }
  return g_string_free (out, FALSE);
}

/**
 * puratan_job_check_quantity:
 * @job: a job
 * @quantity: the number of copies asked for
 * @error: return location for a %PURATAN_ERROR_INVALID_INPUT error
 *
 * Checks the product's quantity range and every constraint that involves
 * the quantity (such as a cap on same-day work).
 *
 * Returns: %TRUE when the job can be made in that quantity
 */
gboolean
puratan_job_check_quantity (const PuratanJob *job, gint64 quantity, GError **error)
{
  g_autoptr (GHashTable) options = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (job != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (quantity < job->product->quantity_min || quantity > job->product->quantity_max)
    return invalid (error,
                    "%s are made in quantities of %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
                    "; %" G_GINT64_FORMAT " was asked for",
                    job->product->name, job->product->quantity_min, job->product->quantity_max,
                    quantity);
  options = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, job->options);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (options, key, value);
  g_hash_table_insert (options, (gpointer) "quantity",
                       g_strdup_printf ("%" G_GINT64_FORMAT, quantity));
  if (!check_constraints (job, options, TRUE, error))
    {
      g_free (g_hash_table_lookup (options, "quantity"));
      return FALSE;
    }
  g_free (g_hash_table_lookup (options, "quantity"));
  return TRUE;
}
