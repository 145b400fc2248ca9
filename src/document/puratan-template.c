/* puratan-template.c: the shop's product templates
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A template is a design JSON file named NAME.json in the template folder.
 */
#include "config.h"

#include "puratan-core.h"
#include "puratan-template.h"

/**
 * puratan_template_info_free:
 * @info: (nullable): a template description
 *
 * Frees @info.
 */
void
puratan_template_info_free (PuratanTemplateInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->title);
  g_free (info->path);
  g_free (info->product);
  g_free (info);
}

/**
 * puratan_template_default_dir:
 *
 * Returns: (transfer full): the shipped templates folder
 *   (see puratan_data_dir_get_path())
 */
char *
puratan_template_default_dir (void)
{
  return puratan_data_dir_get_path ("templates");
}

static gboolean
valid_name (const char *name)
{
  if (*name == '\0' || strlen (name) > 64)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static int
compare_info (gconstpointer a, gconstpointer b)
{
  const PuratanTemplateInfo *x = *(PuratanTemplateInfo *const *) a;
  const PuratanTemplateInfo *y = *(PuratanTemplateInfo *const *) b;

  return strcmp (x->name, y->name);
}

/**
 * puratan_template_list:
 * @dir: the template folder
 * @error: return location for a #GError
 *
 * Reads every template in @dir; a template that does not load is an error naming the file.
 *
 * Returns: (transfer full) (element-type PuratanTemplateInfo) (nullable): templates sorted
 *   by name, or %NULL with @error set
 */
GPtrArray *
puratan_template_list (const char *dir, GError **error)
{
  g_autoptr (GPtrArray) list =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_template_info_free);
  g_autoptr (GDir) handle = NULL;
  g_autoptr (GError) local = NULL;
  const char *entry;

  g_return_val_if_fail (dir != NULL, NULL);

  handle = g_dir_open (dir, 0, &local);
  if (handle == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "Cannot read the template folder: %s", local->message);
      return NULL;
    }
  while ((entry = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *name = NULL;
      PuratanTemplateInfo *info;
      g_autoptr (PuratanDocument) doc = NULL;

      if (!g_str_has_suffix (entry, ".json"))
        continue;
      name = g_strndup (entry, strlen (entry) - 5);
      doc = puratan_template_instantiate (dir, name, error);
      if (doc == NULL)
        return NULL;
      info = g_new0 (PuratanTemplateInfo, 1);
      info->name = g_steal_pointer (&name);
      info->title = g_strdup (puratan_document_get_title (doc));
      info->path = g_build_filename (dir, entry, NULL);
      info->product = g_strdup (puratan_document_get_product (doc));
      g_ptr_array_add (list, info);
    }
  g_ptr_array_sort (list, compare_info);
  return g_steal_pointer (&list);
}

/**
 * puratan_template_instantiate:
 * @dir: the template folder
 * @name: a template name: letters, digits and hyphens
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a new design from the template, or %NULL with
 *   %PURATAN_ERROR_NOT_FOUND for an unknown name or the error of a broken template
 */
PuratanDocument *
puratan_template_instantiate (const char *dir, const char *name, GError **error)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) local = NULL;
  gsize length = 0;
  PuratanDocument *doc;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!valid_name (name))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” is not a template name; run “puratan templates” to list them", name);
      return NULL;
    }
  file = g_strconcat (name, ".json", NULL);
  path = g_build_filename (dir, file, NULL);
  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "There is no template “%s”; run “puratan templates” to list them", name);
      return NULL;
    }
  doc = puratan_document_new_from_json (contents, length, &local);
  if (doc == NULL)
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT, "The template “%s” is broken: %s",
                 name, local->message);
  return doc;
}
