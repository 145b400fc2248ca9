/* puratan-icc-profile.h: validated ICC profiles
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * PuratanProfileClass:
 * @PURATAN_PROFILE_CLASS_INPUT: scanner or camera ('scnr')
 * @PURATAN_PROFILE_CLASS_DISPLAY: monitor ('mntr')
 * @PURATAN_PROFILE_CLASS_OUTPUT: printer or press ('prtr')
 * @PURATAN_PROFILE_CLASS_LINK: device link ('link')
 * @PURATAN_PROFILE_CLASS_ABSTRACT: abstract ('abst')
 * @PURATAN_PROFILE_CLASS_COLOR_SPACE: colour space, such as a working RGB ('spac')
 * @PURATAN_PROFILE_CLASS_NAMED_COLOR: named colour list ('nmcl')
 *
 * The ICC device class of a profile.
 */
typedef enum
{
  PURATAN_PROFILE_CLASS_INPUT,
  PURATAN_PROFILE_CLASS_DISPLAY,
  PURATAN_PROFILE_CLASS_OUTPUT,
  PURATAN_PROFILE_CLASS_LINK,
  PURATAN_PROFILE_CLASS_ABSTRACT,
  PURATAN_PROFILE_CLASS_COLOR_SPACE,
  PURATAN_PROFILE_CLASS_NAMED_COLOR,
} PuratanProfileClass;

/**
 * PuratanColorModel:
 * @PURATAN_COLOR_MODEL_RGB: three channels, red, green and blue
 * @PURATAN_COLOR_MODEL_CMYK: four process inks
 * @PURATAN_COLOR_MODEL_GRAY: one channel
 * @PURATAN_COLOR_MODEL_LAB: CIE L*a*b*
 * @PURATAN_COLOR_MODEL_XYZ: CIE XYZ
 * @PURATAN_COLOR_MODEL_OTHER: any other ICC data colour space
 *
 * The data colour space of a profile.
 */
typedef enum
{
  PURATAN_COLOR_MODEL_RGB,
  PURATAN_COLOR_MODEL_CMYK,
  PURATAN_COLOR_MODEL_GRAY,
  PURATAN_COLOR_MODEL_LAB,
  PURATAN_COLOR_MODEL_XYZ,
  PURATAN_COLOR_MODEL_OTHER,
} PuratanColorModel;

/**
 * PuratanProfileRole:
 * @PURATAN_PROFILE_ROLE_ANY: any valid profile
 * @PURATAN_PROFILE_ROLE_PRESS: a CMYK output profile that can be printed to and proofed
 * @PURATAN_PROFILE_ROLE_RGB: an RGB display, input or colour-space profile (working or
 *   display space)
 *
 * What a profile is going to be used for; see puratan_icc_profile_check_role().
 */
typedef enum
{
  PURATAN_PROFILE_ROLE_ANY,
  PURATAN_PROFILE_ROLE_PRESS,
  PURATAN_PROFILE_ROLE_RGB,
} PuratanProfileRole;

/**
 * PuratanProfileOrigin:
 * @PURATAN_PROFILE_ORIGIN_FILE: a file the user picked, or built in memory
 * @PURATAN_PROFILE_ORIGIN_BUNDLED: shipped with Puratan Studio
 * @PURATAN_PROFILE_ORIGIN_SYSTEM: installed on the system (/usr/share/color/icc)
 * @PURATAN_PROFILE_ORIGIN_USER: in the user's own profile folders
 *
 * Where a profile was found.
 */
typedef enum
{
  PURATAN_PROFILE_ORIGIN_FILE,
  PURATAN_PROFILE_ORIGIN_BUNDLED,
  PURATAN_PROFILE_ORIGIN_SYSTEM,
  PURATAN_PROFILE_ORIGIN_USER,
} PuratanProfileOrigin;

#define PURATAN_TYPE_ICC_PROFILE (puratan_icc_profile_get_type ())

G_DECLARE_FINAL_TYPE (PuratanIccProfile, puratan_icc_profile, PURATAN, ICC_PROFILE, GObject)

PuratanIccProfile *
puratan_icc_profile_new_from_bytes (GBytes *data, const char *display_name, GError **error);
PuratanIccProfile *puratan_icc_profile_new_display_from_data (GBytes *icc, GError **error);
PuratanIccProfile *puratan_icc_profile_new_from_file (const char *path, GError **error);
PuratanIccProfile *puratan_icc_profile_new_bundled (const char *file_name, GError **error);
PuratanIccProfile *puratan_icc_profile_new_srgb (void);

gboolean
puratan_icc_profile_check_role (PuratanIccProfile *self, PuratanProfileRole role, GError **error);

const char *puratan_icc_profile_get_description (PuratanIccProfile *self);
const char *puratan_icc_profile_get_copyright (PuratanIccProfile *self);
const char *puratan_icc_profile_get_path (PuratanIccProfile *self);
PuratanProfileClass puratan_icc_profile_get_class (PuratanIccProfile *self);
PuratanColorModel puratan_icc_profile_get_color_model (PuratanIccProfile *self);
double puratan_icc_profile_get_version (PuratanIccProfile *self);
PuratanProfileOrigin puratan_icc_profile_get_origin (PuratanIccProfile *self);
GBytes *puratan_icc_profile_get_bytes (PuratanIccProfile *self);

const char *puratan_profile_class_to_string (PuratanProfileClass profile_class);
const char *puratan_color_model_to_string (PuratanColorModel model);
const char *puratan_profile_origin_to_string (PuratanProfileOrigin origin);

char *puratan_icc_bundled_dir (void);
GPtrArray *puratan_icc_profile_list_installed (void);

G_END_DECLS
