/* puratan-press-condition.c: a CMYK profile paired with a paper and an ink limit
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-press-condition.h"

#include "puratan-color-error.h"
#include "puratan-icc-profile-private.h"

#define CONDITIONS_FILE "press-conditions.ini"

G_DEFINE_BOXED_TYPE (PuratanPressCondition,
                     puratan_press_condition,
                     puratan_press_condition_copy,
                     puratan_press_condition_free)

/**
 * puratan_press_condition_new:
 * @id: stable identifier
 * @name: name shown to people
 * @profile_path: path of the CMYK output profile
 * @paper: (nullable): the paper, or %NULL if unknown
 * @ink_limit: total ink limit in percent, 0 to 400
 *
 * Returns: (transfer full): a new press condition
 */
PuratanPressCondition *
puratan_press_condition_new (
    const char *id, const char *name, const char *profile_path, const char *paper, double ink_limit)
{
  PuratanPressCondition *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (profile_path != NULL, NULL);
  g_return_val_if_fail (ink_limit >= 0.0 && ink_limit <= 400.0, NULL);

  self = g_new0 (PuratanPressCondition, 1);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->profile_path = g_strdup (profile_path);
  self->paper = g_strdup (paper != NULL ? paper : "unspecified paper");
  self->ink_limit = ink_limit;
  return self;
}

/**
 * puratan_press_condition_copy:
 * @self: a press condition
 *
 * Returns: (transfer full): a deep copy of @self
 */
PuratanPressCondition *
puratan_press_condition_copy (const PuratanPressCondition *self)
{
  PuratanPressCondition *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = puratan_press_condition_new (self->id, self->name, self->profile_path, self->paper,
                                      self->ink_limit);
  copy->is_default = self->is_default;
  return copy;
}

/**
 * puratan_press_condition_free:
 * @self: (nullable): a press condition
 *
 * Frees @self and its strings.
 */
void
puratan_press_condition_free (PuratanPressCondition *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->name);
  g_free (self->profile_path);
  g_free (self->paper);
  g_free (self);
}

static PuratanPressCondition *
read_group (GKeyFile *keys, const char *dir, const char *group, GError **error)
{
  g_autofree char *name = g_key_file_get_string (keys, group, "Name", error);
  g_autofree char *profile = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *path = NULL;
  PuratanPressCondition *self;
  g_autoptr (GError) local_error = NULL;
  double limit;

  if (name == NULL)
    return NULL;
  profile = g_key_file_get_string (keys, group, "Profile", error);
  if (profile == NULL)
    return NULL;
  limit = g_key_file_get_double (keys, group, "InkLimit", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (limit <= 0.0 || limit > 400.0)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "press condition “%s” has an ink limit of %g %%, outside 1 to 400 %%", group,
                   limit);
      return NULL;
    }
  paper = g_key_file_get_string (keys, group, "Paper", NULL);
  path = g_path_is_absolute (profile) ? g_strdup (profile) : g_build_filename (dir, profile, NULL);

  self = puratan_press_condition_new (group, name, path, paper, limit);
  self->is_default = g_key_file_get_boolean (keys, group, "Default", NULL);
  return self;
}

/**
 * puratan_press_condition_list:
 * @error: return location for a #GError
 *
 * Reads the press conditions shipped in `press-conditions.ini` beside the bundled
 * profiles (see puratan_icc_bundled_dir()).
 *
 * Returns: (transfer full) (element-type PuratanPressCondition) (nullable): the press
 *   conditions in file order, or %NULL with @error set
 */
GPtrArray *
puratan_press_condition_list (GError **error)
{
  g_autofree char *dir = puratan_icc_bundled_dir ();
  g_autofree char *path = g_build_filename (dir, CONDITIONS_FILE, NULL);
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autoptr (GPtrArray) list = NULL;
  g_auto (GStrv) groups = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "Cannot read the press conditions in %s: ", path);
      return NULL;
    }

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_press_condition_free);
  groups = g_key_file_get_groups (keys, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      PuratanPressCondition *condition = read_group (keys, dir, groups[i], error);

      if (condition == NULL)
        {
          g_prefix_error (error, "Cannot read the press conditions in %s: ", path);
          return NULL;
        }
      g_ptr_array_add (list, condition);
    }
  return g_steal_pointer (&list);
}

/**
 * puratan_press_condition_get_default:
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the shop's default press condition (the one marked
 *   Default, else the first), or %NULL with @error set
 */
PuratanPressCondition *
puratan_press_condition_get_default (GError **error)
{
  g_autoptr (GPtrArray) list = puratan_press_condition_list (error);

  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      PuratanPressCondition *condition = g_ptr_array_index (list, i);
      if (condition->is_default)
        return puratan_press_condition_copy (condition);
    }
  if (list->len == 0)
    {
      g_set_error_literal (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_UNKNOWN_PRESS,
                           "No press conditions are installed");
      return NULL;
    }
  return puratan_press_condition_copy (g_ptr_array_index (list, 0));
}

static PuratanPressCondition *
from_profile_file (const char *path, GError **error)
{
  g_autoptr (PuratanIccProfile) profile = puratan_icc_profile_new_from_file (path, error);
  g_autoptr (PuratanLcms) lcms = NULL;
  g_autofree char *base = NULL;
  cmsHPROFILE handle;
  double limit;

  if (profile == NULL ||
      !puratan_icc_profile_check_role (profile, PURATAN_PROFILE_ROLE_PRESS, error))
    return NULL;

  /* A profile on its own says nothing of the ink limit; estimate it from its darkest
   * colour, as Little CMS's total area coverage detection does. */
  lcms = puratan_lcms_new ();
  handle = puratan_icc_profile_open (profile, lcms, error);
  if (handle == NULL)
    return NULL;
  limit = CLAMP (cmsDetectTAC (handle), 100.0, 400.0);
  cmsCloseProfile (handle);

  base = g_path_get_basename (path);
  return puratan_press_condition_new (base, puratan_icc_profile_get_description (profile), path,
                                      NULL, limit);
}

/**
 * puratan_press_condition_lookup:
 * @name_or_file: a press condition's id or name (case does not matter), or the path of a
 *   CMYK output profile
 * @error: return location for a #GError
 *
 * Finds a shipped press condition, or makes one from a profile file; the ink limit of
 * the latter is estimated from the profile. An unknown name gives
 * %PURATAN_COLOR_ERROR_UNKNOWN_PRESS listing the known ids.
 *
 * Returns: (transfer full) (nullable): the press condition, or %NULL with @error set
 */
PuratanPressCondition *
puratan_press_condition_lookup (const char *name_or_file, GError **error)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GString) known = g_string_new (NULL);

  g_return_val_if_fail (name_or_file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  list = puratan_press_condition_list (error);
  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      PuratanPressCondition *condition = g_ptr_array_index (list, i);

      if (g_ascii_strcasecmp (condition->id, name_or_file) == 0 ||
          g_utf8_collate (condition->name, name_or_file) == 0)
        return puratan_press_condition_copy (condition);
      g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", condition->id);
    }

  if (g_file_test (name_or_file, G_FILE_TEST_IS_REGULAR))
    return from_profile_file (name_or_file, error);

  g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_UNKNOWN_PRESS,
               "No press condition is called “%s”, and no such profile file exists; known press "
               "conditions: %s",
               name_or_file, known->str);
  return NULL;
}

/**
 * puratan_press_condition_load_profile:
 * @self: a press condition
 * @error: return location for a #GError
 *
 * Loads and validates the condition's profile, which must be a CMYK output profile.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error set
 */
PuratanIccProfile *
puratan_press_condition_load_profile (const PuratanPressCondition *self, GError **error)
{
  g_autoptr (PuratanIccProfile) profile = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  profile = puratan_icc_profile_new_from_file (self->profile_path, error);
  if (profile == NULL ||
      !puratan_icc_profile_check_role (profile, PURATAN_PROFILE_ROLE_PRESS, error))
    return NULL;
  return g_steal_pointer (&profile);
}
