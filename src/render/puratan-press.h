/* puratan-press.h: press conditions the shop prints to
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PuratanPress:
 * @name: short name used on the command line ("fogra39")
 * @profile_file: ICC file name inside the profile folder
 * @condition: the OutputConditionIdentifier written into PDF/X ("FOGRA39")
 * @description: what the press condition is, for people
 */
typedef struct
{
  const char *name;
  const char *profile_file;
  const char *condition;
  const char *description;
} PuratanPress;

const PuratanPress *puratan_press_lookup (const char *name);
const PuratanPress *puratan_press_get_default (void);
char *puratan_press_default_profile_dir (void);
GBytes *
puratan_press_load_profile (const PuratanPress *press, const char *profile_dir, GError **error);

G_END_DECLS
