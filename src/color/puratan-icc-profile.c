/* puratan-icc-profile.c: validated ICC profiles
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-icc-profile-private.h"

#include "puratan-color-error.h"
#include "puratan-core.h"

#define ICC_HEADER_SIZE    128
#define ICC_TAG_ENTRY_SIZE 12

struct _PuratanIccProfile
{
  GObject parent_instance;

  GBytes *data;
  char *path;
  char *display_name;
  char *description;
  char *copyright;
  PuratanProfileClass profile_class;
  PuratanColorModel model;
  double version;
  PuratanProfileOrigin origin;
};

G_DEFINE_FINAL_TYPE (PuratanIccProfile, puratan_icc_profile, G_TYPE_OBJECT)

static void
puratan_icc_profile_finalize (GObject *object)
{
  PuratanIccProfile *self = PURATAN_ICC_PROFILE (object);

  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->copyright, g_free);

  G_OBJECT_CLASS (puratan_icc_profile_parent_class)->finalize (object);
}

static void
puratan_icc_profile_class_init (PuratanIccProfileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = puratan_icc_profile_finalize;
}

static void
puratan_icc_profile_init (PuratanIccProfile *self)
{
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Checks the header and tag table by hand so that damage gets a precise message. */
static gboolean
check_structure (const guint8 *bytes, gsize len, const char *name, GError **error)
{
  guint32 declared, count;

  if (len < ICC_HEADER_SIZE + 4)
    {
      g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_TRUNCATED,
                   "“%s” is only %" G_GSIZE_FORMAT " bytes long: an ICC profile needs at least "
                   "a 128-byte header and a tag table",
                   name, len);
      return FALSE;
    }
  if (memcmp (bytes + 36, "acsp", 4) != 0)
    {
      g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_CORRUPT,
                   "“%s” is not an ICC profile: its header lacks the “acsp” signature", name);
      return FALSE;
    }

  declared = read_be32 (bytes);
  if (declared > len)
    {
      g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_TRUNCATED,
                   "“%s” is truncated: it is %" G_GSIZE_FORMAT " bytes long but its header "
                   "declares %u bytes; copy the profile again from its source",
                   name, len, declared);
      return FALSE;
    }
  if (declared < ICC_HEADER_SIZE + 4)
    {
      g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_CORRUPT,
                   "“%s” is damaged: its header declares an impossible size of %u bytes", name,
                   declared);
      return FALSE;
    }

  count = read_be32 (bytes + ICC_HEADER_SIZE);
  if (count > (declared - ICC_HEADER_SIZE - 4) / ICC_TAG_ENTRY_SIZE)
    {
      g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_CORRUPT,
                   "“%s” is damaged: its tag table claims %u tags, more than the file holds", name,
                   count);
      return FALSE;
    }
  for (guint32 i = 0; i < count; i++)
    {
      const guint8 *entry = bytes + ICC_HEADER_SIZE + 4 + i * ICC_TAG_ENTRY_SIZE;
      guint64 offset = read_be32 (entry + 4);
      guint64 size = read_be32 (entry + 8);

      if (offset + size > declared)
        {
          g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_CORRUPT,
                       "“%s” is damaged: tag “%.4s” lies outside the profile", name, entry);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
map_class (cmsProfileClassSignature sig, PuratanProfileClass *out)
{
  switch ((guint32) sig)
    {
      case cmsSigInputClass:
        *out = PURATAN_PROFILE_CLASS_INPUT;
        return TRUE;
      case cmsSigDisplayClass:
        *out = PURATAN_PROFILE_CLASS_DISPLAY;
        return TRUE;
      case cmsSigOutputClass:
        *out = PURATAN_PROFILE_CLASS_OUTPUT;
        return TRUE;
      case cmsSigLinkClass:
        *out = PURATAN_PROFILE_CLASS_LINK;
        return TRUE;
      case cmsSigAbstractClass:
        *out = PURATAN_PROFILE_CLASS_ABSTRACT;
        return TRUE;
      case cmsSigColorSpaceClass:
        *out = PURATAN_PROFILE_CLASS_COLOR_SPACE;
        return TRUE;
      case cmsSigNamedColorClass:
        *out = PURATAN_PROFILE_CLASS_NAMED_COLOR;
        return TRUE;
      default:
        return FALSE;
    }
}

static PuratanColorModel
map_model (cmsColorSpaceSignature sig)
{
  switch ((guint32) sig)
    {
      case cmsSigRgbData:
        return PURATAN_COLOR_MODEL_RGB;
      case cmsSigCmykData:
        return PURATAN_COLOR_MODEL_CMYK;
      case cmsSigGrayData:
        return PURATAN_COLOR_MODEL_GRAY;
      case cmsSigLabData:
        return PURATAN_COLOR_MODEL_LAB;
      case cmsSigXYZData:
        return PURATAN_COLOR_MODEL_XYZ;
      default:
        return PURATAN_COLOR_MODEL_OTHER;
    }
}

static char *
read_info (cmsHPROFILE profile, cmsInfoType type)
{
  cmsUInt32Number len = cmsGetProfileInfo (profile, type, "en", "US", NULL, 0);
  g_autofree wchar_t *wide = NULL;
  char *text;

  G_STATIC_ASSERT (sizeof (wchar_t) == sizeof (gunichar));

  if (len == 0)
    return NULL;
  wide = g_malloc0 (len + sizeof (wchar_t));
  cmsGetProfileInfo (profile, type, "en", "US", wide, len);
  text = g_ucs4_to_utf8 ((const gunichar *) wide, -1, NULL, NULL, NULL);
  if (text != NULL)
    g_strstrip (text);
  return text;
}

/* Reads the colour tables a device profile needs, so damaged tags fail now and not later. */
static gboolean
exercise_tables (cmsHPROFILE profile,
                 PuratanLcms *lcms,
                 PuratanColorModel model,
                 PuratanProfileClass profile_class,
                 const char *name,
                 GError **error)
{
  cmsContext context = puratan_lcms_context (lcms);
  cmsUInt32Number format;
  cmsHPROFILE lab;
  cmsHTRANSFORM forward, backward = NULL;
  gboolean ok;

  switch (model)
    {
      case PURATAN_COLOR_MODEL_RGB:
        format = TYPE_RGB_FLT;
        break;
      case PURATAN_COLOR_MODEL_CMYK:
        format = TYPE_CMYK_FLT;
        break;
      case PURATAN_COLOR_MODEL_GRAY:
        format = TYPE_GRAY_FLT;
        break;
      default:
        return TRUE;
    }
  if (profile_class == PURATAN_PROFILE_CLASS_LINK ||
      profile_class == PURATAN_PROFILE_CLASS_ABSTRACT ||
      profile_class == PURATAN_PROFILE_CLASS_NAMED_COLOR)
    return TRUE;

  lab = cmsCreateLab4ProfileTHR (context, NULL);
  forward = cmsCreateTransformTHR (context, profile, format, lab, TYPE_Lab_FLT,
                                   INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_NOOPTIMIZE);
  if (forward != NULL && profile_class == PURATAN_PROFILE_CLASS_OUTPUT)
    backward = cmsCreateTransformTHR (context, lab, TYPE_Lab_FLT, profile, format,
                                      INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_NOOPTIMIZE);
  ok = forward != NULL && (profile_class != PURATAN_PROFILE_CLASS_OUTPUT || backward != NULL);
  if (!ok)
    {
      g_autofree char *prefix =
          g_strdup_printf ("“%s” is damaged: its colour tables cannot be read", name);
      puratan_lcms_set_error (lcms, error, PURATAN_COLOR_ERROR_CORRUPT, prefix);
    }
  if (forward != NULL)
    cmsDeleteTransform (forward);
  if (backward != NULL)
    cmsDeleteTransform (backward);
  cmsCloseProfile (lab);
  return ok;
}

static gboolean
load (PuratanIccProfile *self, GError **error)
{
  g_autoptr (PuratanLcms) lcms = puratan_lcms_new ();
  gsize len;
  const guint8 *bytes = g_bytes_get_data (self->data, &len);
  cmsHPROFILE profile;
  gboolean ok;

  if (!check_structure (bytes, len, self->display_name, error))
    return FALSE;

  profile = puratan_icc_profile_open (self, lcms, error);
  if (profile == NULL)
    return FALSE;

  ok = map_class (cmsGetDeviceClass (profile), &self->profile_class);
  if (!ok)
    g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_CORRUPT,
                 "“%s” is damaged: its device class is not one ICC defines", self->display_name);
  else
    {
      self->model = map_model (cmsGetColorSpace (profile));
      self->version = cmsGetProfileVersion (profile);
      self->description = read_info (profile, cmsInfoDescription);
      self->copyright = read_info (profile, cmsInfoCopyright);
      if (self->description == NULL || self->description[0] == '\0')
        {
          g_free (self->description);
          self->description = g_strdup (self->display_name);
        }
      ok = exercise_tables (profile, lcms, self->model, self->profile_class, self->display_name,
                            error);
    }
  cmsCloseProfile (profile);
  return ok;
}

cmsHPROFILE
puratan_icc_profile_open (PuratanIccProfile *self, PuratanLcms *lcms, GError **error)
{
  gsize len;
  const guint8 *bytes = g_bytes_get_data (self->data, &len);
  cmsHPROFILE profile;

  profile = cmsOpenProfileFromMemTHR (puratan_lcms_context (lcms), bytes, len);
  if (profile == NULL)
    {
      g_autofree char *prefix =
          g_strdup_printf ("“%s” is not a readable ICC profile", self->display_name);
      puratan_lcms_set_error (lcms, error, PURATAN_COLOR_ERROR_CORRUPT, prefix);
    }
  return profile;
}

void
puratan_icc_profile_set_origin (PuratanIccProfile *self, PuratanProfileOrigin origin)
{
  self->origin = origin;
}

/**
 * puratan_icc_profile_new_from_bytes:
 * @data: the bytes of an ICC profile
 * @display_name: how to name the profile in error messages (a file name)
 * @error: return location for a #GError
 *
 * Validates and describes the profile in @data. A truncated file gives
 * %PURATAN_COLOR_ERROR_TRUNCATED; anything that is not an ICC profile, or whose header,
 * tag table or colour tables are damaged, gives %PURATAN_COLOR_ERROR_CORRUPT.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error set
 */
PuratanIccProfile *
puratan_icc_profile_new_from_bytes (GBytes *data, const char *display_name, GError **error)
{
  g_autoptr (PuratanIccProfile) self = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PURATAN_TYPE_ICC_PROFILE, NULL);
  self->data = g_bytes_ref (data);
  self->display_name = g_strdup (display_name);
  if (!load (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * puratan_icc_profile_new_display_from_data:
 * @icc: the bytes of an ICC profile a system reports for a monitor
 * @error: return location for a #GError
 *
 * Validates @icc as puratan_icc_profile_new_from_bytes() does, naming it “display profile”
 * in messages, and checks that it can serve as a display space, as
 * puratan_icc_profile_check_role() does for %PURATAN_PROFILE_ROLE_RGB: an RGB profile of a
 * device or colour-space class. A profile of another colour space, such as a CMYK press
 * profile, gives %PURATAN_COLOR_ERROR_WRONG_COLOR_SPACE; an RGB device link or abstract
 * profile gives %PURATAN_COLOR_ERROR_WRONG_CLASS; truncated or damaged data gives
 * %PURATAN_COLOR_ERROR_TRUNCATED or %PURATAN_COLOR_ERROR_CORRUPT.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error set
 */
PuratanIccProfile *
puratan_icc_profile_new_display_from_data (GBytes *icc, GError **error)
{
  g_autoptr (PuratanIccProfile) self = NULL;

  g_return_val_if_fail (icc != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = puratan_icc_profile_new_from_bytes (icc, "display profile", error);
  if (self == NULL)
    return NULL;
  if (!puratan_icc_profile_check_role (self, PURATAN_PROFILE_ROLE_RGB, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * puratan_icc_profile_new_from_file:
 * @path: path of an ICC file (.icc or .icm)
 * @error: return location for a #GError
 *
 * Reads and validates the profile at @path, as puratan_icc_profile_new_from_bytes() does.
 * A missing or unreadable file gives a %G_FILE_ERROR.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error set
 */
PuratanIccProfile *
puratan_icc_profile_new_from_file (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *base = NULL;
  g_autoptr (GBytes) bytes = NULL;
  PuratanIccProfile *self;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  base = g_path_get_basename (path);
  self = puratan_icc_profile_new_from_bytes (bytes, base, error);
  if (self != NULL)
    self->path = g_strdup (path);
  return self;
}

/**
 * puratan_icc_bundled_dir:
 *
 * The folder of the profiles and press conditions shipped with Puratan Studio:
 * the `icc` folder of puratan_data_dir_get_path().
 *
 * Returns: (transfer full): the folder path
 */
char *
puratan_icc_bundled_dir (void)
{
  return puratan_data_dir_get_path ("icc");
}

/**
 * puratan_icc_profile_new_bundled:
 * @file_name: file name of a bundled profile, such as "FOGRA39L_coated.icc"
 * @error: return location for a #GError
 *
 * Loads a profile shipped with Puratan Studio from puratan_icc_bundled_dir().
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error set
 */
PuratanIccProfile *
puratan_icc_profile_new_bundled (const char *file_name, GError **error)
{
  g_autofree char *dir = puratan_icc_bundled_dir ();
  g_autofree char *path = NULL;
  PuratanIccProfile *self;

  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_build_filename (dir, file_name, NULL);
  self = puratan_icc_profile_new_from_file (path, error);
  if (self != NULL)
    self->origin = PURATAN_PROFILE_ORIGIN_BUNDLED;
  return self;
}

/**
 * puratan_icc_profile_new_srgb:
 *
 * Builds the standard sRGB profile in memory. It never fails, so it serves as the
 * display profile when none is known.
 *
 * Returns: (transfer full): the sRGB profile
 */
PuratanIccProfile *
puratan_icc_profile_new_srgb (void)
{
  g_autoptr (PuratanLcms) lcms = puratan_lcms_new ();
  cmsHPROFILE srgb = cmsCreate_sRGBProfileTHR (puratan_lcms_context (lcms));
  cmsUInt32Number len = 0;
  g_autofree guint8 *buffer = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  PuratanIccProfile *self;

  g_assert (srgb != NULL);
  cmsMD5computeID (srgb);
  cmsSaveProfileToMem (srgb, NULL, &len);
  buffer = g_malloc (len);
  cmsSaveProfileToMem (srgb, buffer, &len);
  cmsCloseProfile (srgb);

  bytes = g_bytes_new_take (g_steal_pointer (&buffer), len);
  self = puratan_icc_profile_new_from_bytes (bytes, "sRGB", &error);
  g_assert_no_error (error);
  return self;
}

/**
 * puratan_icc_profile_check_role:
 * @self: a profile
 * @role: the use the caller has for it
 * @error: return location for a #GError
 *
 * Checks that @self can serve @role. A press needs an output-class CMYK profile; a
 * working or display space needs an RGB profile of a device or colour-space class. A
 * mismatch gives %PURATAN_COLOR_ERROR_WRONG_CLASS or %PURATAN_COLOR_ERROR_WRONG_COLOR_SPACE.
 *
 * Returns: %TRUE if the profile fits the role
 */
gboolean
puratan_icc_profile_check_role (PuratanIccProfile *self, PuratanProfileRole role, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_ICC_PROFILE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (role)
    {
      case PURATAN_PROFILE_ROLE_PRESS:
        if (self->profile_class != PURATAN_PROFILE_CLASS_OUTPUT)
          {
            g_set_error (
                error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_WRONG_CLASS,
                "“%s” is a %s profile; a press condition needs an output (printer) profile",
                self->description, puratan_profile_class_to_string (self->profile_class));
            return FALSE;
          }
        if (self->model != PURATAN_COLOR_MODEL_CMYK)
          {
            g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_WRONG_COLOR_SPACE,
                         "“%s” describes %s colour; a press condition needs a CMYK profile",
                         self->description, puratan_color_model_to_string (self->model));
            return FALSE;
          }
        return TRUE;
      case PURATAN_PROFILE_ROLE_RGB:
        if (self->model != PURATAN_COLOR_MODEL_RGB)
          {
            g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_WRONG_COLOR_SPACE,
                         "“%s” describes %s colour; a working or display space must be RGB",
                         self->description, puratan_color_model_to_string (self->model));
            return FALSE;
          }
        if (self->profile_class == PURATAN_PROFILE_CLASS_LINK ||
            self->profile_class == PURATAN_PROFILE_CLASS_ABSTRACT ||
            self->profile_class == PURATAN_PROFILE_CLASS_NAMED_COLOR)
          {
            g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_WRONG_CLASS,
                         "“%s” is a %s profile; a working or display space needs a device or "
                         "colour-space profile",
                         self->description, puratan_profile_class_to_string (self->profile_class));
            return FALSE;
          }
        return TRUE;
      case PURATAN_PROFILE_ROLE_ANY:
      default:
        return TRUE;
    }
}

/**
 * puratan_icc_profile_get_description:
 * @self: a profile
 *
 * Returns: (transfer none): the profile's description, or its file name if it has none
 */
const char *
puratan_icc_profile_get_description (PuratanIccProfile *self)
{
  g_return_val_if_fail (PURATAN_IS_ICC_PROFILE (self), NULL);
  return self->description;
}

/**
 * puratan_icc_profile_get_copyright:
 * @self: a profile
 *
 * Returns: (transfer none) (nullable): the copyright text, or %NULL if the profile has none
 */
const char *
puratan_icc_profile_get_copyright (PuratanIccProfile *self)
{
  g_return_val_if_fail (PURATAN_IS_ICC_PROFILE (self), NULL);
  return self->copyright;
}

/**
 * puratan_icc_profile_get_path:
 * @self: a profile
 *
 * Returns: (transfer none) (nullable): the file the profile was read from, or %NULL
 */
const char *
puratan_icc_profile_get_path (PuratanIccProfile *self)
{
  g_return_val_if_fail (PURATAN_IS_ICC_PROFILE (self), NULL);
  return self->path;
}

/**
 * puratan_icc_profile_get_class:
 * @self: a profile
 *
 * Returns: the ICC device class
 */
PuratanProfileClass
puratan_icc_profile_get_class (PuratanIccProfile *self)
{
  g_return_val_if_fail (PURATAN_IS_ICC_PROFILE (self), PURATAN_PROFILE_CLASS_INPUT);
  return self->profile_class;
}

/**
 * puratan_icc_profile_get_color_model:
 * @self: a profile
 *
 * Returns: the data colour space
 */
PuratanColorModel
puratan_icc_profile_get_color_model (PuratanIccProfile *self)
{
  g_return_val_if_fail (PURATAN_IS_ICC_PROFILE (self), PURATAN_COLOR_MODEL_OTHER);
  return self->model;
}

/**
 * puratan_icc_profile_get_version:
 * @self: a profile
 *
 * Returns: the ICC version, such as 2.1 or 4.3
 */
double
puratan_icc_profile_get_version (PuratanIccProfile *self)
{
  g_return_val_if_fail (PURATAN_IS_ICC_PROFILE (self), 0.0);
  return self->version;
}

/**
 * puratan_icc_profile_get_origin:
 * @self: a profile
 *
 * Returns: where the profile was found
 */
PuratanProfileOrigin
puratan_icc_profile_get_origin (PuratanIccProfile *self)
{
  g_return_val_if_fail (PURATAN_IS_ICC_PROFILE (self), PURATAN_PROFILE_ORIGIN_FILE);
  return self->origin;
}

/**
 * puratan_icc_profile_get_bytes:
 * @self: a profile
 *
 * Returns: (transfer none): the profile's bytes, as embedded in a PDF output intent
 */
GBytes *
puratan_icc_profile_get_bytes (PuratanIccProfile *self)
{
  g_return_val_if_fail (PURATAN_IS_ICC_PROFILE (self), NULL);
  return self->data;
}

/**
 * puratan_profile_class_to_string:
 * @profile_class: a device class
 *
 * Returns: (transfer none): a lower-case English name for @profile_class
 */
const char *
puratan_profile_class_to_string (PuratanProfileClass profile_class)
{
  static const char *const names[] = {
    "input", "display", "output", "device link", "abstract", "colour space", "named colour",
  };

  g_return_val_if_fail ((guint) profile_class < G_N_ELEMENTS (names), "unknown");
  return names[profile_class];
}

/**
 * puratan_color_model_to_string:
 * @model: a colour model
 *
 * Returns: (transfer none): a short name for @model, such as "CMYK"
 */
const char *
puratan_color_model_to_string (PuratanColorModel model)
{
  static const char *const names[] = { "RGB", "CMYK", "gray", "Lab", "XYZ", "other" };

  g_return_val_if_fail ((guint) model < G_N_ELEMENTS (names), "unknown");
  return names[model];
}

/**
 * puratan_profile_origin_to_string:
 * @origin: where a profile was found
 *
 * Returns: (transfer none): a short name for @origin, such as "bundled"
 */
const char *
puratan_profile_origin_to_string (PuratanProfileOrigin origin)
{
  static const char *const names[] = { "file", "bundled", "system", "user" };

  g_return_val_if_fail ((guint) origin < G_N_ELEMENTS (names), "unknown");
  return names[origin];
}
