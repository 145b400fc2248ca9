/* puratan-gamut.c: how far outside the press gamut a colour lies
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The criterion follows Little CMS's gamut check: take the colour to Lab, to the press
 * (relative colorimetric) and back, twice. If the first round trip moves the colour by
 * more than a threshold (1 ΔE for matrix profiles, 5 for table-based ones) while the
 * second does not, the colour is out by the excess; if both move it, the ratio of the two
 * decides (perceptual tables move even printable colours a little).
 */
#include "puratan-gamut-private.h"

#include <math.h>
#include <string.h>

#include "puratan-color-error.h"
#include "puratan-icc-profile-private.h"

#define BATCH 1024

typedef struct
{
  cmsHTRANSFORM to_lab;
  cmsHTRANSFORM forward;
  cmsHTRANSFORM reverse;
  double threshold;
  const guint16 *rgb;   /* RGB input, taken to Lab by to_lab */
  const cmsCIELab *lab; /* Lab input, used as it is when to_lab is NULL */
  guint8 *measure;
  gsize first;
  gsize last;
} Slice;

static guint8
judge (double de1, double de2, double threshold)
{
  double out;

  if (de1 < threshold)
    return 0;
  if (de2 < threshold)
    out = de1 - threshold;
  else
    {
      double ratio = de2 == 0.0 ? de1 : de1 / de2;
      if (ratio <= threshold)
        return 0;
      out = ratio - threshold;
    }
  return (guint8) CLAMP (floor (out + 0.5), 0.0, 255.0);
}

static gpointer
measure_slice (gpointer data)
{
  Slice *slice = data;
  cmsCIELab lab_in[BATCH], lab_once[BATCH], lab_twice[BATCH];
  guint16 cmyk[BATCH * 4];

  for (gsize start = slice->first; start < slice->last; start += BATCH)
    {
      cmsUInt32Number len = (cmsUInt32Number) MIN (BATCH, slice->last - start);

      if (slice->to_lab != NULL)
        cmsDoTransform (slice->to_lab, slice->rgb + 3 * start, lab_in, len);
      else
        memcpy (lab_in, slice->lab + start, len * sizeof (cmsCIELab));
      cmsDoTransform (slice->forward, lab_in, cmyk, len);
      cmsDoTransform (slice->reverse, cmyk, lab_once, len);
      cmsDoTransform (slice->forward, lab_once, cmyk, len);
      cmsDoTransform (slice->reverse, cmyk, lab_twice, len);
      for (cmsUInt32Number i = 0; i < len; i++)
        slice->measure[start + i] =
            judge (cmsDeltaE (&lab_in[i], &lab_once[i]), cmsDeltaE (&lab_once[i], &lab_twice[i]),
                   slice->threshold);
    }
  return NULL;
}

/* Measures @n colours, 16-bit RGB in @working (@rgb) or, with @working %NULL, Lab (@lab). */
static gboolean
measure_colours (PuratanIccProfile *working,
                 PuratanIccProfile *press,
                 PuratanRenderingIntent intent,
                 gboolean black_point_compensation,
                 const guint16 *rgb,
                 const cmsCIELab *lab_input,
                 gsize n,
                 guint8 *measure,
                 GError **error)
{
  g_autoptr (PuratanLcms) lcms = puratan_lcms_new ();
  cmsContext context = puratan_lcms_context (lcms);
  cmsHPROFILE working_handle = NULL, press_handle, lab;
  Slice slices[2] = { { 0 } };
  GThread *helper;
  gboolean ok;

  if (working != NULL)
    {
      working_handle = puratan_icc_profile_open (working, lcms, error);
      if (working_handle == NULL)
        return FALSE;
    }
  press_handle = puratan_icc_profile_open (press, lcms, error);
  if (press_handle == NULL)
    {
      if (working_handle != NULL)
        cmsCloseProfile (working_handle);
      return FALSE;
    }
  lab = cmsCreateLab4ProfileTHR (context, NULL);

  /* Without the one-pixel cache a transform may be shared by threads. */
  if (working_handle != NULL)
    slices[0].to_lab = cmsCreateTransformTHR (
        context, working_handle, TYPE_RGB_16, lab, TYPE_Lab_DBL, (cmsUInt32Number) intent,
        cmsFLAGS_NOCACHE | (black_point_compensation ? cmsFLAGS_BLACKPOINTCOMPENSATION : 0));
  slices[0].forward = cmsCreateTransformTHR (context, lab, TYPE_Lab_DBL, press_handle, TYPE_CMYK_16,
                                             INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_NOCACHE);
  slices[0].reverse = cmsCreateTransformTHR (context, press_handle, TYPE_CMYK_16, lab, TYPE_Lab_DBL,
                                             INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_NOCACHE);
  slices[0].threshold = cmsIsMatrixShaper (press_handle) ? 1.0 : 5.0;
  ok = (working_handle == NULL || slices[0].to_lab != NULL) && slices[0].forward != NULL &&
       slices[0].reverse != NULL;

  if (ok)
    {
      slices[0].rgb = rgb;
      slices[0].lab = lab_input;
      slices[0].measure = measure;
      slices[0].first = 0;
      slices[0].last = n / 2;
      slices[1] = slices[0];
      slices[1].first = n / 2;
      slices[1].last = n;
      helper = g_thread_new ("puratan-gamut", measure_slice, &slices[1]);
      measure_slice (&slices[0]);
      g_thread_join (helper);
    }
  else
    puratan_lcms_set_error (lcms, error, PURATAN_COLOR_ERROR_TRANSFORM,
                            "Cannot build the gamut check for the press profile");

  if (slices[0].to_lab != NULL)
    cmsDeleteTransform (slices[0].to_lab);
  if (slices[0].forward != NULL)
    cmsDeleteTransform (slices[0].forward);
  if (slices[0].reverse != NULL)
    cmsDeleteTransform (slices[0].reverse);
  cmsCloseProfile (lab);
  cmsCloseProfile (press_handle);
  if (working_handle != NULL)
    cmsCloseProfile (working_handle);
  return ok;
}

gboolean
puratan_gamut_measure (PuratanIccProfile *working,
                       PuratanIccProfile *press,
                       PuratanRenderingIntent intent,
                       gboolean black_point_compensation,
                       const guint16 *rgb,
                       gsize n,
                       guint8 *measure_out,
                       GError **error)
{
  return measure_colours (working, press, intent, black_point_compensation, rgb, NULL, n,
                          measure_out, error);
}

gboolean
puratan_gamut_measure_lab (
    PuratanIccProfile *press, const cmsCIELab *lab, gsize n, guint8 *measure_out, GError **error)
{
  return measure_colours (NULL, press, PURATAN_INTENT_RELATIVE, FALSE, NULL, lab, n, measure_out,
                          error);
}
