/* puratan-press-condition.h: a CMYK profile paired with a paper and an ink limit
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-icc-profile.h"

G_BEGIN_DECLS

/**
 * PuratanPressCondition:
 * @id: stable identifier, such as "fogra39-coated"
 * @name: name shown to people, such as "Sheet-fed coated (FOGRA39), 320 %"
 * @profile_path: absolute path of the CMYK output profile
 * @paper: the paper the condition is characterised on
 * @ink_limit: total ink limit in percent (sum of C, M, Y and K), 0 to 400
 * @is_default: whether this is the shop's default press condition
 *
 * The unit the rest of Puratan Studio speaks in when it means "how this will print".
 */
typedef struct
{
  char *id;
  char *name;
  char *profile_path;
  char *paper;
  double ink_limit;
  gboolean is_default;
} PuratanPressCondition;

#define PURATAN_TYPE_PRESS_CONDITION (puratan_press_condition_get_type ())

GType puratan_press_condition_get_type (void);
PuratanPressCondition *puratan_press_condition_new (const char *id,
                                                    const char *name,
                                                    const char *profile_path,
                                                    const char *paper,
                                                    double ink_limit);
PuratanPressCondition *puratan_press_condition_copy (const PuratanPressCondition *self);
void puratan_press_condition_free (PuratanPressCondition *self);

GPtrArray *puratan_press_condition_list (GError **error);
PuratanPressCondition *puratan_press_condition_get_default (GError **error);
PuratanPressCondition *puratan_press_condition_lookup (const char *name_or_file, GError **error);
PuratanIccProfile *puratan_press_condition_load_profile (const PuratanPressCondition *self,
                                                         GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanPressCondition, puratan_press_condition_free)

G_END_DECLS
