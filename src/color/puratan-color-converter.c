/* puratan-color-converter.c: converting colour values through profiles
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One converter holds the working RGB profile, the press CMYK profile and a gray profile
 * (D50, gamma 2.2), opened in its own Little CMS context. Each conversion builds a direct
 * floating-point transform between the two spaces, so rendering intents and black-point
 * compensation apply as ICC defines them; a lock keeps the profile handles to one thread.
 */
#include "puratan-color-converter.h"

#include <math.h>
#include <string.h>

#include "puratan-color-error.h"
#include "puratan-gamut-private.h"
#include "puratan-icc-profile-private.h"

struct _PuratanColorConverter
{
  GObject parent_instance;

  PuratanLcms *lcms;
  GMutex lock;
  cmsHPROFILE profiles[4]; /* indexed by PuratanColorKind: CMYK, RGB, gray, Lab */
  PuratanIccProfile *rgb;
  PuratanIccProfile *cmyk;
  PuratanRenderingIntent intent;
  gboolean black_point_compensation;
};

G_DEFINE_FINAL_TYPE (PuratanColorConverter, puratan_color_converter, G_TYPE_OBJECT)

static const cmsUInt32Number formats[4] = { TYPE_CMYK_DBL, TYPE_RGB_DBL, TYPE_GRAY_DBL,
                                            TYPE_Lab_DBL };

static void
puratan_color_converter_finalize (GObject *object)
{
  PuratanColorConverter *self = PURATAN_COLOR_CONVERTER (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->profiles); i++)
    if (self->profiles[i] != NULL)
      cmsCloseProfile (self->profiles[i]);
  g_clear_object (&self->rgb);
  g_clear_object (&self->cmyk);
  g_clear_pointer (&self->lcms, puratan_lcms_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (puratan_color_converter_parent_class)->finalize (object);
}

static void
puratan_color_converter_class_init (PuratanColorConverterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = puratan_color_converter_finalize;
}

static void
puratan_color_converter_init (PuratanColorConverter *self)
{
  g_mutex_init (&self->lock);
  self->lcms = puratan_lcms_new ();
}

/**
 * puratan_color_converter_new:
 * @rgb: (nullable): the working RGB profile; %NULL for sRGB
 * @cmyk: the press CMYK output profile
 * @intent: rendering intent of every conversion
 * @black_point_compensation: whether to map black point to black point
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a converter, or %NULL with @error set when a profile
 *   does not fit its role
 */
PuratanColorConverter *
puratan_color_converter_new (PuratanIccProfile *rgb,
                             PuratanIccProfile *cmyk,
                             PuratanRenderingIntent intent,
                             gboolean black_point_compensation,
                             GError **error)
{
  g_autoptr (PuratanColorConverter) self = NULL;
  cmsContext context;
  cmsToneCurve *gamma;

  g_return_val_if_fail (rgb == NULL || PURATAN_IS_ICC_PROFILE (rgb), NULL);
  g_return_val_if_fail (PURATAN_IS_ICC_PROFILE (cmyk), NULL);
  g_return_val_if_fail ((guint) intent <= PURATAN_INTENT_ABSOLUTE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PURATAN_TYPE_COLOR_CONVERTER, NULL);
  self->rgb = rgb != NULL ? g_object_ref (rgb) : puratan_icc_profile_new_srgb ();
  self->cmyk = g_object_ref (cmyk);
  self->intent = intent;
  self->black_point_compensation = black_point_compensation;

  if (!puratan_icc_profile_check_role (self->rgb, PURATAN_PROFILE_ROLE_RGB, error) ||
      !puratan_icc_profile_check_role (self->cmyk, PURATAN_PROFILE_ROLE_PRESS, error))
    return NULL;

  context = puratan_lcms_context (self->lcms);
  self->profiles[PURATAN_COLOR_CMYK] = puratan_icc_profile_open (self->cmyk, self->lcms, error);
  if (self->profiles[PURATAN_COLOR_CMYK] == NULL)
    return NULL;
  self->profiles[PURATAN_COLOR_RGB] = puratan_icc_profile_open (self->rgb, self->lcms, error);
  if (self->profiles[PURATAN_COLOR_RGB] == NULL)
    return NULL;
  gamma = cmsBuildGamma (context, 2.2);
  self->profiles[PURATAN_COLOR_GRAY] = cmsCreateGrayProfileTHR (context, cmsD50_xyY (), gamma);
  cmsFreeToneCurve (gamma);
  self->profiles[PURATAN_COLOR_LAB] = cmsCreateLab4ProfileTHR (context, NULL);
  return g_steal_pointer (&self);
}

static PuratanColor *
from_values (PuratanColorKind kind, const double *v)
{
  switch (kind)
    {
      case PURATAN_COLOR_CMYK:
        return puratan_color_new_cmyk (CLAMP (v[0], 0, 100), CLAMP (v[1], 0, 100),
                                       CLAMP (v[2], 0, 100), CLAMP (v[3], 0, 100));
      case PURATAN_COLOR_RGB:
        return puratan_color_new_rgb (CLAMP (v[0] * 255, 0, 255), CLAMP (v[1] * 255, 0, 255),
                                      CLAMP (v[2] * 255, 0, 255));
      case PURATAN_COLOR_GRAY:
        return puratan_color_new_gray (CLAMP (v[0] * 100, 0, 100));
      case PURATAN_COLOR_LAB:
      default:
        return puratan_color_new_lab (CLAMP (v[0], 0, 100), CLAMP (v[1], -128, 127),
                                      CLAMP (v[2], -128, 127));
    }
}

static void
to_values (const PuratanColor *color, double *v)
{
  switch (color->kind)
    {
      case PURATAN_COLOR_RGB:
        for (guint i = 0; i < 3; i++)
          v[i] = color->values[i] / 255.0;
        break;
      case PURATAN_COLOR_GRAY:
        v[0] = color->values[0] / 100.0;
        break;
      default:
        memcpy (v, color->values, sizeof color->values);
        break;
    }
}

/**
 * puratan_color_converter_convert:
 * @self: a converter
 * @color: the colour to convert; a spot colour converts through its alternate
 * @target: %PURATAN_COLOR_CMYK, %PURATAN_COLOR_RGB, %PURATAN_COLOR_GRAY or %PURATAN_COLOR_LAB
 * @error: return location for a #GError
 *
 * Converts @color with the converter's intent and black-point compensation. Converting to
 * the colour's own kind returns a copy, untouched (100 % K stays 100 % K).
 *
 * Returns: (transfer full) (nullable): the converted colour, or %NULL with @error set
 */
PuratanColor *
puratan_color_converter_convert (PuratanColorConverter *self,
                                 const PuratanColor *color,
                                 PuratanColorKind target,
                                 GError **error)
{
  double in[4] = { 0 }, out[4] = { 0 };
  cmsHTRANSFORM transform;
  cmsUInt32Number flags = cmsFLAGS_NOCACHE | cmsFLAGS_NOOPTIMIZE;

  g_return_val_if_fail (PURATAN_IS_COLOR_CONVERTER (self), NULL);
  g_return_val_if_fail (color != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (target == PURATAN_COLOR_SPOT)
    {
      g_set_error_literal (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_TRANSFORM,
                           "A process colour cannot be converted to a spot colour");
      return NULL;
    }
  if (color->kind == PURATAN_COLOR_SPOT)
    return puratan_color_converter_convert (self, color->alternate, target, error);
  if (color->kind == target)
    return puratan_color_copy (color);

  if (self->black_point_compensation)
    flags |= cmsFLAGS_BLACKPOINTCOMPENSATION;
  to_values (color, in);

  g_mutex_lock (&self->lock);
  transform = cmsCreateTransformTHR (puratan_lcms_context (self->lcms), self->profiles[color->kind],
                                     formats[color->kind], self->profiles[target], formats[target],
                                     (cmsUInt32Number) self->intent, flags);
  if (transform != NULL)
    {
      cmsDoTransform (transform, in, out, 1);
      cmsDeleteTransform (transform);
    }
  else
    puratan_lcms_set_error (self->lcms, error, PURATAN_COLOR_ERROR_TRANSFORM,
                            "Cannot build the colour conversion");
  g_mutex_unlock (&self->lock);

  if (transform == NULL)
    return NULL;
  for (guint i = 0; i < 4; i++)
    if (!isfinite (out[i]))
      out[i] = 0;
  return from_values (target, out);
}

/**
 * puratan_color_converter_in_gamut:
 * @self: a converter
 * @color: a colour
 * @in_gamut: (out): whether the press can print @color
 * @error: return location for a #GError
 *
 * Checks @color against the press gamut with Little CMS's criterion (see
 * puratan-gamut-private.h). CMYK colours are always in gamut; Lab colours are judged as
 * they are, even outside the RGB working space; RGB and gray ones through the working
 * space with the converter's intent; a spot colour is judged by its alternate.
 *
 * Returns: %TRUE if the check ran; %FALSE with @error set
 */
gboolean
puratan_color_converter_in_gamut (PuratanColorConverter *self,
                                  const PuratanColor *color,
                                  gboolean *in_gamut,
                                  GError **error)
{
  g_autoptr (PuratanColor) rgb = NULL;
  guint16 rgb16[3];
  guint8 excess = 0;

  g_return_val_if_fail (PURATAN_IS_COLOR_CONVERTER (self), FALSE);
  g_return_val_if_fail (color != NULL, FALSE);
  g_return_val_if_fail (in_gamut != NULL, FALSE);

  if (color->kind == PURATAN_COLOR_SPOT)
    return puratan_color_converter_in_gamut (self, color->alternate, in_gamut, error);
  if (color->kind == PURATAN_COLOR_CMYK)
    {
      *in_gamut = TRUE;
      return TRUE;
    }

  if (color->kind == PURATAN_COLOR_LAB)
    {
      cmsCIELab lab = { color->values[0], color->values[1], color->values[2] };

      if (!puratan_gamut_measure_lab (self->cmyk, &lab, 1, &excess, error))
        return FALSE;
      *in_gamut = excess == 0;
      return TRUE;
    }

  rgb = puratan_color_converter_convert (self, color, PURATAN_COLOR_RGB, error);
  if (rgb == NULL)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    rgb16[i] = (guint16) lround (rgb->values[i] * 257.0);
  if (!puratan_gamut_measure (self->rgb, self->cmyk, self->intent, self->black_point_compensation,
                              rgb16, 1, &excess, error))
    return FALSE;
  *in_gamut = excess == 0;
  return TRUE;
}
