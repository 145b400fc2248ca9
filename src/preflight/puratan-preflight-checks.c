/* puratan-preflight-checks.c: turning facts into findings
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each function applies the profile's rules to what the reader found. Messages say what
 * is wrong, where, and what to do, in words a customer understands.
 */
#include "puratan-preflight-checks-private.h"

#include <math.h>
#include <string.h>

#define MM_PER_PT (25.4 / 72.0)

static PuratanPreflightSeverity
sev (PuratanPreflightProfile *p, const char *check)
{
  return puratan_preflight_profile_get_severity (p, check);
}

static double
num (PuratanPreflightProfile *p, const char *check, const char *key, double fallback)
{
  return puratan_preflight_profile_get_number (p, check, key, fallback);
}

/* Fills @limits with the thresholds the content scan sorts lines and text by. */
void
puratan_preflight_scan_limits (PuratanPreflightProfile *p, PuratanScanLimits *limits)
{
  limits->multi_line_min_pt = num (p, "line-width", "multi-ink-min-pt", 0.25);
  limits->single_line_min_pt = num (p, "line-width", "single-ink-min-pt", 0.125);
  limits->multi_text_min_pt = num (p, "text-size", "multi-ink-min-pt", 12);
  limits->white_text_min_pt = num (p, "text-size", "white-min-pt", 12);
  limits->black_overprint_max_pt = num (p, "black-overprint", "below-pt", 12);
  limits->rich_black_text_max_pt = num (p, "rich-black-text", "below-pt", 12);
  limits->profile = p;
}

static const char *
plural (guint n, const char *one, const char *many)
{
  return n == 1 ? one : many;
}

static void
check_pdfx (PuratanPreflightReport *r, PuratanPreflightProfile *p, const PuratanDocFacts *doc)
{
  PuratanPreflightSeverity s = sev (p, "pdfx-version");
  gboolean has_pdfx_intent = FALSE;

  for (guint i = 0; i < doc->output_intents->len; i++)
    {
      PuratanOutputIntent *oi = g_ptr_array_index (doc->output_intents, i);
      has_pdfx_intent = has_pdfx_intent || g_strcmp0 (oi->subtype, "GTS_PDFX") == 0;
    }
  if (doc->pdfx_version == NULL && (has_pdfx_intent || doc->xmp_has_pdfx_ns))
    puratan_preflight_report_add (
        r, "pdfx-version", s, 0, NULL,
        "The PDF looks like PDF/X (it has %s) but does not declare a PDF/X version, so it is not a "
        "valid PDF/X file; export it again and choose PDF/X-4 in the export settings",
        has_pdfx_intent ? "a PDF/X output intent" : "PDF/X metadata");
  else if (doc->pdfx_version == NULL)
    puratan_preflight_report_add (r, "pdfx-version", s, 0, NULL,
                                  "The PDF is not a PDF/X file; export it again and choose PDF/X-4 "
                                  "in the export settings so it prints as you see it");
  else if (!puratan_preflight_profile_accepts (p, "pdfx-version", "accepted", doc->pdfx_version))
    puratan_preflight_report_add (r, "pdfx-version", s, 0, NULL,
                                  "The PDF is %s, which this print condition does not accept; "
                                  "export it again as PDF/X-4",
                                  doc->pdfx_version);
  else
    puratan_preflight_report_add (r, "pdfx-version", PURATAN_PREFLIGHT_SEVERITY_INFO, 0, NULL,
                                  "The PDF is %s, which this print condition accepts",
                                  doc->pdfx_version);
}

static void
check_output_intent (PuratanPreflightReport *r,
                     PuratanPreflightProfile *p,
                     const PuratanDocFacts *doc)
{
  PuratanPreflightSeverity s = sev (p, "output-intent");
  const char *press = puratan_preflight_profile_get_press_condition (p);
  PuratanOutputIntent *x = NULL;

  for (guint i = 0; i < doc->output_intents->len; i++)
    {
      PuratanOutputIntent *oi = g_ptr_array_index (doc->output_intents, i);
      if (x == NULL || g_strcmp0 (oi->subtype, "GTS_PDFX") == 0)
        x = oi;
    }
  if (x == NULL)
    {
      puratan_preflight_report_add (r, "output-intent", s, 0, NULL,
                                    "The PDF has no output intent, so the printing condition it "
                                    "was made for is unknown; export it as PDF/X-4 with the "
                                    "press profile%s%s",
                                    press ? " " : "", press ? press : "");
      return;
    }
  if (x->profile_channels != 0 && x->profile_channels != 4)
    puratan_preflight_report_add (r, "output-intent", s, 0, NULL,
                                  "The output intent \"%s\" describes a %s device, not a CMYK "
                                  "press; export it again with a CMYK press profile%s%s",
                                  x->condition ? x->condition : "(unnamed)",
                                  x->profile_channels == 3 ? "RGB" : "non-CMYK",
                                  press ? " such as " : "", press ? press : "");
  else if (press != NULL && (x->condition == NULL || strstr (x->condition, press) == NULL) &&
           (x->info == NULL || strstr (x->info, press) == NULL))
    puratan_preflight_report_add (r, "output-intent", PURATAN_PREFLIGHT_SEVERITY_INFO, 0, NULL,
                                  "The PDF was made for the printing condition \"%s\"%s%s%s; this "
                                  "press prints to %s, so colours will be converted",
                                  x->condition ? x->condition : "(unnamed)", x->info ? " (" : "",
                                  x->info ? x->info : "", x->info ? ")" : "", press);
  else
    puratan_preflight_report_add (r, "output-intent", PURATAN_PREFLIGHT_SEVERITY_INFO, 0, NULL,
                                  "The PDF was made for the printing condition \"%s\"",
                                  x->condition ? x->condition : "(unnamed)");
}

static void
check_page_count (PuratanPreflightReport *r, PuratanPreflightProfile *p, guint n)
{
  guint min, max, mult;

  puratan_preflight_profile_get_page_rule (p, &min, &max, &mult);
  if (n < min || (max > 0 && n > max))
    {
      if (max == min)
        puratan_preflight_report_add (r, "page-count", sev (p, "page-count"), 0, NULL,
                                      "The PDF has %u %s; this product needs exactly %u", n,
                                      plural (n, "page", "pages"), min);
      else if (max > 0)
        puratan_preflight_report_add (r, "page-count", sev (p, "page-count"), 0, NULL,
                                      "The PDF has %u %s; this product needs %u to %u pages", n,
                                      plural (n, "page", "pages"), min, max);
      else
        puratan_preflight_report_add (r, "page-count", sev (p, "page-count"), 0, NULL,
                                      "The PDF has %u %s; this product needs at least %u", n,
                                      plural (n, "page", "pages"), min);
    }
  else if (mult > 1 && n % mult != 0)
    puratan_preflight_report_add (r, "page-count", sev (p, "page-count"), 0, NULL,
                                  "The PDF has %u pages; this product needs a multiple of %u "
                                  "pages — add %u blank or content pages",
                                  n, mult, mult - n % mult);
}

/* Reports the damage the reader repaired, once for the whole document. */
void
puratan_preflight_check_document_damage (PuratanPreflightReport *r,
                                         PuratanPreflightProfile *p,
                                         const PuratanDocFacts *doc)
{
  if (doc->n_warnings == 0)
    return;
  puratan_preflight_report_add (r, "pdf-syntax", sev (p, "pdf-syntax"), 0, NULL,
                                "The PDF is damaged (%u %s, first: %s); it was repaired for "
                                "checking but may print differently — export it again from the "
                                "design program",
                                doc->n_warnings, plural (doc->n_warnings, "problem", "problems"),
                                (const char *) g_ptr_array_index (doc->warnings, 0));
}

/* Applies the document-level checks: encryption, page count, output intent, PDF/X. */
void
puratan_preflight_check_document (PuratanPreflightReport *r,
                                  PuratanPreflightProfile *p,
                                  const PuratanDocFacts *doc)
{
  if (doc->encrypted)
    puratan_preflight_report_add (r, "encryption", sev (p, "encryption"), 0, NULL,
                                  "The PDF has security settings (it opens without a password but "
                                  "is encrypted); print workflows may refuse it — save it again "
                                  "without security");
  check_page_count (r, p, doc->n_pages);
  check_output_intent (r, p, doc);
  check_pdfx (r, p, doc);
}

static void
fmt_size (char *buf, gsize len, double w_pt, double h_pt)
{
  g_snprintf (buf, len, "%.1f × %.1f mm", w_pt * MM_PER_PT, h_pt * MM_PER_PT);
}

static gboolean
size_matches (double w, double h, double tw, double th, double tol)
{
  return (fabs (w - tw) <= tol && fabs (h - th) <= tol) ||
         (fabs (w - th) <= tol && fabs (h - tw) <= tol);
}

/* "85.0 × 55.0 mm" or "88.9 × 50.8 mm, 90.0 × 55.0 mm or 85.0 × 55.0 mm". */
static char *
product_sizes_text (PuratanPreflightProfile *p)
{
  GString *s = g_string_new (NULL);
  guint n = puratan_preflight_profile_get_n_sizes (p);
  double tw, th;

  for (guint i = 0; i < n; i++)
    {
      puratan_preflight_profile_get_size (p, i, NULL, &tw, &th);
      if (i > 0)
        g_string_append (s, i + 1 == n ? " or " : ", ");
      g_string_append_printf (s, "%.1f × %.1f mm", tw, th);
    }
  return g_string_free (s, FALSE);
}

static void
check_geometry (PuratanPreflightReport *r, PuratanPreflightProfile *p, const PuratanPageFacts *f)
{
  double tw, th, bleed_need = puratan_preflight_profile_get_bleed (p);
  guint n_sizes = puratan_preflight_profile_get_n_sizes (p);
  gboolean product = n_sizes > 0, fits = FALSE;
  PuratanRect trim = f->has_trim ? f->trim : f->crop;
  PuratanRect outer = f->media;
  double w = (trim.x1 - trim.x0) * MM_PER_PT, h = (trim.y1 - trim.y0) * MM_PER_PT;
  double tol = num (p, "page-size", "tolerance-mm", 0.5);
  double have;
  char size[64];

  if (f->has_bleed)
    outer = (PuratanRect){ MAX (f->bleed.x0, f->media.x0), MAX (f->bleed.y0, f->media.y0),
                           MIN (f->bleed.x1, f->media.x1), MIN (f->bleed.y1, f->media.y1) };

  if (!f->has_trim)
    puratan_preflight_report_add (r, "page-boxes", sev (p, "page-boxes"), f->number, NULL,
                                  "Page %u has no trim box, so its finished size is not recorded; "
                                  "export with the document's bleed settings (PDF/X does this)",
                                  f->number);
  else if (trim.x0 < f->media.x0 - 0.5 || trim.y0 < f->media.y0 - 0.5 ||
           trim.x1 > f->media.x1 + 0.5 || trim.y1 > f->media.y1 + 0.5)
    puratan_preflight_report_add (
        r, "page-boxes", sev (p, "page-boxes"), f->number, NULL,
        "The trim box of page %u reaches outside the page; export the PDF "
        "again",
        f->number);

  for (guint i = 0; i < n_sizes && !fits; i++)
    {
      puratan_preflight_profile_get_size (p, i, NULL, &tw, &th);
      if (!f->has_trim &&
          (fabs (w - (tw + 2 * bleed_need)) <= tol && fabs (h - (th + 2 * bleed_need)) <= tol))
        {
          /* No boxes, but the page is exactly trim plus bleed: take the trim from the product. */
          double b = bleed_need / MM_PER_PT;
          trim = (PuratanRect){ f->crop.x0 + b, f->crop.y0 + b, f->crop.x1 - b, f->crop.y1 - b };
          w = tw;
          h = th;
        }
      fits = size_matches (w, h, tw, th, tol);
    }

  if (product && !fits)
    {
      g_autofree char *need = product_sizes_text (p);
      fmt_size (size, sizeof size, trim.x1 - trim.x0, trim.y1 - trim.y0);
      puratan_preflight_report_add (r, "page-size", sev (p, "page-size"), f->number, NULL,
                                    n_sizes == 1 ? "Page %u is %s; the product is %s — set the "
                                                   "document size to %s and export again"
                                                 : "Page %u is %s; the product is %s — set the "
                                                   "document size to one of them (%s) and export "
                                                   "again",
                                    f->number, size, need, need);
      return; /* bleed against the wrong size would only repeat the problem */
    }

  if (!f->has_trim && !product)
    return;
  have = MIN (MIN (trim.x0 - outer.x0, trim.y0 - outer.y0),
              MIN (outer.x1 - trim.x1, outer.y1 - trim.y1));
  have = MAX (0, have) * MM_PER_PT;
  if (bleed_need > 0 && have + 0.1 < bleed_need)
    puratan_preflight_report_add (r, "bleed", sev (p, "bleed"), f->number, NULL,
                                  "Page %u has %.1f mm of bleed; it needs %.0f mm on every side — "
                                  "extend background colours and images %.0f mm past the trim edge "
                                  "and export with bleed",
                                  f->number, have, bleed_need, bleed_need);
}

static void
check_images (PuratanPreflightReport *r, PuratanPreflightProfile *p, const PuratanPageFacts *f)
{
  for (guint i = 0; i < f->images->len; i++)
    {
      PuratanImageUse *img = &g_array_index (f->images, PuratanImageUse, i);
      const char *suffix = img->one_bit ? "-1bit" : "";
      g_autofree char *ek = g_strconcat ("error-below-ppi", suffix, NULL);
      g_autofree char *wk = g_strconcat ("warning-below-ppi", suffix, NULL);
      double err = num (p, "image-resolution", ek, img->one_bit ? 549 : 149);
      double warn = num (p, "image-resolution", wk, img->one_bit ? 799 : 224);
      PuratanPreflightSeverity s;

      if (img->ppi >= warn)
        continue;
      s = img->ppi < err ? sev (p, "image-resolution") : PURATAN_PREFLIGHT_SEVERITY_WARNING;
      if (sev (p, "image-resolution") == PURATAN_PREFLIGHT_SEVERITY_OFF)
        return;
      puratan_preflight_report_add (r, "image-resolution", s, f->number, &img->bbox,
                                    "The %s on page %u is %.0f ppi at its printed size; it needs "
                                    "%.0f ppi to print sharp — use a larger original or print it "
                                    "smaller",
                                    img->one_bit ? "line-art image" : "photo", f->number,
                                    floor (img->ppi), warn);
    }
}

static void
check_images_dropped (PuratanPreflightReport *r,
                      PuratanPreflightProfile *p,
                      const PuratanPageFacts *f)
{
  if (f->images_dropped == 0)
    return;
  puratan_preflight_report_add (r, "image-resolution", PURATAN_PREFLIGHT_SEVERITY_INFO, f->number,
                                NULL,
                                "Page %u places %u more images than the %u checked for "
                                "resolution; check those by eye",
                                f->number, f->images_dropped, PURATAN_MAX_IMAGES_PER_PAGE);
}

static void
check_tally (PuratanPreflightReport *r,
             PuratanPreflightProfile *p,
             const char *check,
             const PuratanPageFacts *f,
             const PuratanTally *t,
             const char *format)
{
  if (t->count == 0)
    return;
  puratan_preflight_report_add (r, check, sev (p, check), f->number, &t->bbox, "%s", format);
}

static void
check_content (PuratanPreflightReport *r, PuratanPreflightProfile *p, const PuratanPageFacts *f)
{
  PuratanScanLimits l;
  g_autofree char *m = NULL;
  guint32 fam = f->color_families;

  puratan_preflight_scan_limits (p, &l);
  if (f->thin_multi_lines.count > 0)
    {
      m = g_strdup_printf ("%u %s on page %u %s thinner than %.2g pt (the thinnest is %.3g pt) and "
                           "%s several inks or white; they may break up or blur — make them at "
                           "least %.2g pt",
                           f->thin_multi_lines.count,
                           plural (f->thin_multi_lines.count, "line", "lines"), f->number,
                           plural (f->thin_multi_lines.count, "is", "are"), l.multi_line_min_pt,
                           f->thin_multi_lines.extreme,
                           plural (f->thin_multi_lines.count, "uses", "use"), l.multi_line_min_pt);
      check_tally (r, p, "line-width", f, &f->thin_multi_lines, m);
      g_clear_pointer (&m, g_free);
    }
  if (f->thin_single_lines.count > 0)
    {
      m = g_strdup_printf ("%u %s on page %u %s thinner than %.2g pt (the thinnest is %.3g pt); "
                           "%s may not print at all — make them at least %.2g pt",
                           f->thin_single_lines.count,
                           plural (f->thin_single_lines.count, "line", "lines"), f->number,
                           plural (f->thin_single_lines.count, "is", "are"), l.single_line_min_pt,
                           f->thin_single_lines.extreme,
                           plural (f->thin_single_lines.count, "it", "they"), l.single_line_min_pt);
      check_tally (r, p, "line-width", f, &f->thin_single_lines, m);
      g_clear_pointer (&m, g_free);
    }
  if (f->small_multi_text.count > 0)
    {
      m = g_strdup_printf ("Text on page %u as small as %.1f pt is printed with several inks; it "
                           "blurs if the plates are slightly off — use one ink for text under "
                           "%.0f pt",
                           f->number, f->small_multi_text.extreme, l.multi_text_min_pt);
      check_tally (r, p, "text-size", f, &f->small_multi_text, m);
      g_clear_pointer (&m, g_free);
    }
  if (f->small_white_text.count > 0)
    {
      m = g_strdup_printf ("White text on page %u as small as %.1f pt may fill in with the inks "
                           "around it — use at least %.0f pt or a bolder typeface",
                           f->number, f->small_white_text.extreme, l.white_text_min_pt);
      check_tally (r, p, "text-size", f, &f->small_white_text, m);
      g_clear_pointer (&m, g_free);
    }
  if (f->white_overprint.count > 0)
    {
      m = g_strdup_printf ("%u white %s on page %u %s set to overprint, so %s will disappear in "
                           "print — turn overprint off for white objects",
                           f->white_overprint.count,
                           plural (f->white_overprint.count, "object", "objects"), f->number,
                           plural (f->white_overprint.count, "is", "are"),
                           plural (f->white_overprint.count, "it", "they"));
      check_tally (r, p, "white-overprint", f, &f->white_overprint, m);
      g_clear_pointer (&m, g_free);
    }
  if (f->technical_knockout.count > 0)
    {
      /* A die line guides the cutter; knocking out, it prints as a white line. */
      m = g_strdup_printf ("%u %s on page %u in a technical spot (a die line) %s not set to "
                           "overprint, so %s would cut a white line into the artwork under "
                           "%s — set die lines to overprint",
                           f->technical_knockout.count,
                           plural (f->technical_knockout.count, "object", "objects"), f->number,
                           plural (f->technical_knockout.count, "is", "are"),
                           plural (f->technical_knockout.count, "it", "they"),
                           plural (f->technical_knockout.count, "it", "them"));
      check_tally (r, p, "spot-colors", f, &f->technical_knockout, m);
      g_clear_pointer (&m, g_free);
    }
  if (f->black_text_knockout.count > 0)
    {
      m = g_strdup_printf (
          "Black text under %.0f pt on page %u is not set to overprint; thin white "
          "gaps can show around it — set small 100 %% black text to overprint",
          l.black_overprint_max_pt, f->number);
      check_tally (r, p, "black-overprint", f, &f->black_text_knockout, m);
      g_clear_pointer (&m, g_free);
    }
  if (f->rich_black_text.count > 0)
    {
      m = g_strdup_printf ("Text under %.0f pt on page %u is rich black (black mixed from several "
                           "inks, or RGB black); it looks blurred if the plates are slightly off — "
                           "use 100 %% black only",
                           l.rich_black_text_max_pt, f->number);
      check_tally (r, p, "rich-black-text", f, &f->rich_black_text, m);
      g_clear_pointer (&m, g_free);
    }

  if ((fam & (PURATAN_CS_RGB | PURATAN_CS_ICC_RGB)) &&
      !puratan_preflight_profile_get_bool (p, "color-space", "allow-rgb", FALSE))
    puratan_preflight_report_add (r, "color-space", sev (p, "color-space"), f->number, NULL,
                                  "Page %u uses RGB colour; the press prints CMYK, so colours will "
                                  "shift when converted — convert to CMYK with the press profile",
                                  f->number);
  if ((fam & PURATAN_CS_LAB) &&
      !puratan_preflight_profile_get_bool (p, "color-space", "allow-lab", FALSE))
    puratan_preflight_report_add (r, "color-space", sev (p, "color-space"), f->number, NULL,
                                  "Page %u uses Lab colour; convert it to CMYK with the press "
                                  "profile",
                                  f->number);
  if (f->transparency != 0)
    {
      g_autoptr (GPtrArray) kinds = g_ptr_array_new ();
      g_autofree char *list = NULL;

      if (f->transparency & (PURATAN_TRANSP_SOFT_MASK | PURATAN_TRANSP_IMAGE_SMASK))
        g_ptr_array_add (kinds, (gpointer) "soft masks");
      if (f->transparency & PURATAN_TRANSP_BLEND_MODE)
        g_ptr_array_add (kinds, (gpointer) "blend modes");
      if (f->transparency & PURATAN_TRANSP_ALPHA)
        g_ptr_array_add (kinds, (gpointer) "opacity");
      if (f->transparency & (PURATAN_TRANSP_PAGE_GROUP | PURATAN_TRANSP_FORM_GROUP))
        g_ptr_array_add (kinds, (gpointer) "transparency groups");
      g_ptr_array_add (kinds, NULL);
      list = g_strjoinv (", ", (char **) kinds->pdata);
      puratan_preflight_report_add (r, "transparency", sev (p, "transparency"), f->number, NULL,
                                    "Page %u uses transparency (%s); it is flattened when printed "
                                    "— check the proof where objects overlap",
                                    f->number, list);
    }
  if (f->marks == 0 && !f->scan_failed)
    puratan_preflight_report_add (r, "empty-page", sev (p, "empty-page"), f->number, NULL,
                                  "Page %u is empty; remove it or add its content", f->number);
}

/* Applies the checks of one page: boxes, size, bleed, images, lines, text, colour. */
void
puratan_preflight_check_page (PuratanPreflightReport *r,
                              PuratanPreflightProfile *p,
                              const PuratanPageFacts *f)
{
  if (f->scan_failed)
    {
      puratan_preflight_report_set_incomplete (r);
      puratan_preflight_report_add (r, "pdf-syntax", sev (p, "pdf-syntax"), f->number, NULL,
                                    "Page %u is damaged: %s; it may print wrongly or not at all — "
                                    "export the PDF again",
                                    f->number,
                                    f->scan_problem ? f->scan_problem : "unknown damage");
    }
  check_geometry (r, p, f);
  check_images (r, p, f);
  check_images_dropped (r, p, f);
  check_content (r, p, f);
}

/* Applies the spot colour rule to the colorant @names; @first_pages holds each one's first page.
 * A technical spot the product accepts by name (a die line) is cut, not printed, so it does
 * not count against the spot colours the job may use. */
void
puratan_preflight_check_spots (PuratanPreflightReport *r,
                               PuratanPreflightProfile *p,
                               GPtrArray *names,
                               GArray *first_pages)
{
  double max = num (p, "spot-colors", "max-spots", 0);
  guint printed = 0;

  for (guint i = 0; i < names->len; i++)
    if (puratan_preflight_profile_is_technical_spot (p, g_ptr_array_index (names, i)))
      puratan_preflight_report_add (
          r, "spot-colors", PURATAN_PREFLIGHT_SEVERITY_INFO, g_array_index (first_pages, guint, i),
          NULL,
          "The spot colour \"%s\" (first used on page %u) is this product's technical spot (a "
          "die line): it guides the cutter and is not printed",
          (const char *) g_ptr_array_index (names, i), g_array_index (first_pages, guint, i));
    else
      printed++;
  if (printed <= max)
    return;
  for (guint i = 0; i < names->len; i++)
    if (!puratan_preflight_profile_is_technical_spot (p, g_ptr_array_index (names, i)))
      puratan_preflight_report_add (
          r, "spot-colors", sev (p, "spot-colors"), g_array_index (first_pages, guint, i), NULL,
          "The spot colour \"%s\" (first used on page %u) needs its own "
          "printing plate; this job prints %s — convert it to CMYK or "
          "order a job with spot colours",
          (const char *) g_ptr_array_index (names, i), g_array_index (first_pages, guint, i),
          max == 0 ? "CMYK only" : "fewer spot colours");
}

/* Applies the total ink rule to one page's measurement. */
void
puratan_preflight_check_ink (PuratanPreflightReport *r,
                             PuratanPreflightProfile *p,
                             const PuratanPreflightPageInk *ink)
{
  double max = num (p, "total-ink-coverage", "max-percent", 320);
  double area = num (p, "total-ink-coverage", "area-mm", 15);
  PuratanRect where = { ink->bbox[0], ink->bbox[1], ink->bbox[2], ink->bbox[3] };

  if (ink->max_percent <= max + 0.5)
    return;
  puratan_preflight_report_add (r, "total-ink-coverage", sev (p, "total-ink-coverage"), ink->page,
                                &where,
                                "Page %u has %.0f %% ink in a %.0f mm area; this press allows "
                                "%.0f %% — dark areas may smear and dry slowly; convert with the "
                                "press profile or lighten the darkest colours",
                                ink->page, ink->max_percent, area, max);
}
