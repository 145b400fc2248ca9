/* puratan-pdf-color.c: colour operators, spot colour spaces and graphics states
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Process CMYK and gray are written exactly as the designer typed them (times the tint),
 * so 100 % K text is "0 0 0 1 k" and lands on the black plate alone. Spots become
 * Separation colour spaces with their CMYK alternate. RGB is tagged with sRGB in
 * PDF/X-4 and converted to the press profile in PDF/X-1a, which allows no RGB.
 */
#include "puratan-core.h"
#include "puratan-pdf-private.h"

gboolean
puratan_pdf_color_init (PuratanPdf *pdf, const PuratanPdfOptions *options, GError **error)
{
  gsize size = 0;
  gconstpointer data;

  pdf->press = puratan_render_press_new (options->press, error);
  if (pdf->press == NULL)
    return FALSE;
  pdf->press_icc = puratan_icc_profile_get_bytes (pdf->press->profile);
  data = g_bytes_get_data (pdf->press_icc, &size);
  pdf->press_profile = cmsOpenProfileFromMem (data, (cmsUInt32Number) size);
  pdf->srgb_profile = cmsCreate_sRGBProfile ();
  if (pdf->press_profile == NULL || pdf->srgb_profile == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                   "The profile of the press condition “%s” cannot be read; reinstall Puratan "
                   "Studio",
                   pdf->press->condition->name);
      return FALSE;
    }
  return TRUE;
}

void
puratan_pdf_color_clear (PuratanPdf *pdf)
{
  g_clear_pointer (&pdf->press_profile, cmsCloseProfile);
  g_clear_pointer (&pdf->srgb_profile, cmsCloseProfile);
  pdf->press_icc = NULL;
  g_clear_pointer (&pdf->press, puratan_render_press_free);
}

/* The sRGB profile as an ICCBased colour space, written once on first use. */
guint
puratan_pdf_srgb_space (PuratanPdf *pdf)
{
  cmsUInt32Number size = 0;
  g_autofree guint8 *icc = NULL;
  guint stream;

  if (pdf->srgb_space != 0)
    return pdf->srgb_space;
  cmsSaveProfileToMem (pdf->srgb_profile, NULL, &size);
  icc = g_malloc (size);
  cmsSaveProfileToMem (pdf->srgb_profile, icc, &size);
  stream = puratan_pdf_alloc (pdf);
  puratan_pdf_stream (pdf, stream, "/N 3 /Alternate /DeviceRGB", icc, size, TRUE);
  pdf->srgb_space = puratan_pdf_alloc (pdf);
  puratan_pdf_object (pdf, pdf->srgb_space, "[/ICCBased %u 0 R]", stream);
  g_string_append_printf (pdf->res_spaces, "/CSrgb %u 0 R\n", pdf->srgb_space);
  return pdf->srgb_space;
}

/* Registers a Separation space for an ink and returns its resource name. */
static const char *
separation (PuratanPdf *pdf, const char *ink, const double alternate[4])
{
  const char *name = g_hash_table_lookup (pdf->spaces, ink);
  g_autoptr (GString) array = NULL;
  guint number;

  if (name != NULL)
    return name;
  array = g_string_new ("[/Separation ");
  puratan_pdf_name (array, ink);
  g_string_append (array, " /DeviceCMYK << /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [");
  for (int i = 0; i < 4; i++)
    {
      puratan_pdf_num (array, alternate[i]);
      g_string_append_c (array, i < 3 ? ' ' : ']');
    }
  g_string_append (array, " /N 1 >>]");
  number = puratan_pdf_alloc (pdf);
  puratan_pdf_object (pdf, number, "%s", array->str);
  name = g_strdup_printf ("CS%u", pdf->n_spaces++);
  g_string_append_printf (pdf->res_spaces, "/%s %u 0 R\n", name, number);
  g_hash_table_insert (pdf->spaces, g_strdup (ink), (gpointer) name);
  return name;
}

static void
components (GString *content, const double *values, int n, const char *op)
{
  for (int i = 0; i < n; i++)
    {
      puratan_pdf_num (content, values[i]);
      g_string_append_c (content, ' ');
    }
  g_string_append_printf (content, "%s\n", op);
}

/**
 * puratan_pdf_set_paint:
 * @pdf: the writer
 * @content: the content stream
 * @paint: a paint with a swatch
 * @stroke: set the stroke colour rather than the fill colour
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_NOT_FOUND for an unknown swatch
 */
gboolean
puratan_pdf_set_paint (PuratanPdf *pdf,
                       GString *content,
                       const PuratanDocPaint *paint,
                       gboolean stroke,
                       GError **error)
{
  const PuratanDocSwatch *swatch = puratan_document_lookup_swatch (pdf->doc, paint->swatch);
  double t = paint->tint;
  double v[4];

  if (swatch == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "The design uses the swatch “%s” but does not define it", paint->swatch);
      return FALSE;
    }
  switch (swatch->model)
    {
      case PURATAN_DOC_COLOR_CMYK:
        for (int i = 0; i < 4; i++)
          v[i] = swatch->values[i] * t;
        components (content, v, 4, stroke ? "K" : "k");
        break;
      case PURATAN_DOC_COLOR_GRAY:
        v[0] = 1.0 - t * (1.0 - swatch->values[0]);
        components (content, v, 1, stroke ? "G" : "g");
        break;
      case PURATAN_DOC_COLOR_RGB:
        for (int i = 0; i < 3; i++)
          v[i] = 1.0 - t * (1.0 - swatch->values[i]);
        if (pdf->standard == PURATAN_PDF_X4)
          {
            puratan_pdf_srgb_space (pdf);
            g_string_append_printf (content, "/CSrgb %s ", stroke ? "CS" : "cs");
            components (content, v, 3, stroke ? "SC" : "sc");
          }
        else
          {
            double cmyk[4];
            puratan_render_press_to_cmyk (pdf->press, v, cmyk);
            components (content, cmyk, 4, stroke ? "K" : "k");
          }
        break;
      case PURATAN_DOC_COLOR_SPOT:
        g_string_append_printf (content, "/%s %s ", separation (pdf, swatch->name, swatch->values),
                                stroke ? "CS" : "cs");
        components (content, &t, 1, stroke ? "SCN" : "scn");
        break;
      default:
        g_return_val_if_reached (FALSE);
    }
  return TRUE;
}

/**
 * puratan_pdf_set_registration:
 * @pdf: the writer
 * @content: the content stream
 * @stroke: set the stroke colour rather than the fill colour
 *
 * Selects the registration colour, which prints on every plate (Separation /All).
 */
void
puratan_pdf_set_registration (PuratanPdf *pdf, GString *content, gboolean stroke)
{
  const double all[4] = { 1, 1, 1, 1 };

  g_string_append_printf (content, "/%s %s 1 %s\n", separation (pdf, "All", all),
                          stroke ? "CS" : "cs", stroke ? "SCN" : "scn");
}

/**
 * puratan_pdf_is_technical_spot:
 * @name: a spot colour (ink) name
 *
 * A technical spot is an ink that is not printed but guides finishing: a die-cut,
 * kiss-cut, crease or perforation line. RIPs and cutters know them by these conventional
 * names (case, spaces, hyphens and underscores do not matter): CutContour, Cut, CutLine,
 * DieCut, DieLine, Die, ThruCut, KissCut, Crease, Perf, Perforation. The product's
 * preflight specification accepts the ones its finishing uses by name.
 *
 * Returns: whether @name is a technical spot
 */
gboolean
puratan_pdf_is_technical_spot (const char *name)
{
  static const char *const names[] = {
    "cutcontour", "cut",     "cutline", "diecut", "dieline",     "die",
    "thrucut",    "kisscut", "crease",  "perf",   "perforation", NULL,
  };
  g_autoptr (GString) key = g_string_new (NULL);

  g_return_val_if_fail (name != NULL, FALSE);
  for (const char *p = name; *p != '\0'; p++)
    if (*p != ' ' && *p != '-' && *p != '_')
      g_string_append_c (key, g_ascii_tolower (*p));
  return g_strv_contains (names, key->str);
}

/**
 * puratan_pdf_set_state:
 * @pdf: the writer
 * @content: the content stream
 * @op_fill: overprint fills and text (/op, with nonzero overprint mode)
 * @op_stroke: overprint strokes (/OP, with nonzero overprint mode)
 * @opacity: constant alpha for fill and stroke, 0..1
 *
 * Emits a `gs` operator for the needed ExtGState; nothing for the default state.
 */
void
puratan_pdf_set_state (
    PuratanPdf *pdf, GString *content, gboolean op_fill, gboolean op_stroke, double opacity)
{
  g_autoptr (GString) key = g_string_new (op_fill && op_stroke ? "op "
                                          : op_stroke          ? "OP "
                                          : op_fill            ? "opf "
                                                               : "");
  const char *name;

  if (opacity < 1.0)
    {
      puratan_pdf_num (key, opacity);
      pdf->page_transparent = TRUE;
    }
  if (key->len == 0)
    return;
  name = g_hash_table_lookup (pdf->states, key->str);
  if (name == NULL)
    {
      g_autoptr (GString) dict = g_string_new ("<< /Type /ExtGState");
      guint number = puratan_pdf_alloc (pdf);

      if (op_fill || op_stroke)
        g_string_append_printf (dict, " /OP %s /op %s /OPM 1", op_stroke ? "true" : "false",
                                op_fill ? "true" : "false");
      if (opacity < 1.0)
        {
          g_string_append (dict, " /CA ");
          puratan_pdf_num (dict, opacity);
          g_string_append (dict, " /ca ");
          puratan_pdf_num (dict, opacity);
        }
      g_string_append (dict, " >>");
      puratan_pdf_object (pdf, number, "%s", dict->str);
      name = g_strdup_printf ("GS%u", pdf->n_states++);
      g_string_append_printf (pdf->res_states, "/%s %u 0 R\n", name, number);
      g_hash_table_insert (pdf->states, g_strdup (key->str), (gpointer) name);
    }
  g_string_append_printf (content, "/%s gs\n", name);
}
