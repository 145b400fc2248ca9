/* puratan-content-color.c: colours in content streams and the ink they put down
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A colour is kept as the file gives it (family and components); classification says
 * what ink it puts on the plates, which is what the line, text and overprint checks need.
 */
#include "puratan-content-color-private.h"
#include "puratan-content-scan-private.h"

#include <math.h>

/* Sets @c to @kind with @n components at their initial value (black, or full tint). */
void
puratan_color_init (Color *c, CsKind kind, guint n)
{
  memset (c, 0, sizeof *c);
  c->kind = kind;
  c->n = MIN (n, G_N_ELEMENTS (c->c));
  if (kind == CS_SEP || kind == CS_DEVN)
    for (guint i = 0; i < c->n; i++)
      c->c[i] = 1.0;
  if (kind == CS_CMYK)
    c->c[3] = 1.0;
}

/* The ink a colour puts down, as far as print checks care. */
PuratanInkKind
puratan_color_classify (const Color *c)
{
  guint inked = 0;
  const double eps = 0.002;

  switch (c->kind)
    {
      case CS_GRAY:
        if (c->c[0] >= 1.0 - eps)
          return PURATAN_INK_NONE;
        return c->c[0] <= eps ? PURATAN_INK_BLACK : PURATAN_INK_SINGLE;
      case CS_CMYK:
        for (int i = 0; i < 4; i++)
          inked += c->c[i] > eps;
        if (inked == 0)
          return PURATAN_INK_NONE;
        if (inked == 1)
          return c->c[3] >= 1.0 - eps ? PURATAN_INK_BLACK : PURATAN_INK_SINGLE;
        return c->c[3] >= 0.9 ? PURATAN_INK_RICH_BLACK : PURATAN_INK_MULTI;
      case CS_RGB:
        if (c->c[0] >= 1.0 - eps && c->c[1] >= 1.0 - eps && c->c[2] >= 1.0 - eps)
          return PURATAN_INK_NONE;
        if (c->c[0] <= eps && c->c[1] <= eps && c->c[2] <= eps)
          return PURATAN_INK_RICH_BLACK;
        return PURATAN_INK_MULTI;
      case CS_LAB:
        if (c->c[0] >= 99.5 && fabs (c->c[1]) < 0.5 && fabs (c->c[2]) < 0.5)
          return PURATAN_INK_NONE;
        return PURATAN_INK_MULTI;
      case CS_SEP:
        if (c->sep_none || c->c[0] <= eps)
          return PURATAN_INK_NONE;
        return c->sep_all ? PURATAN_INK_MULTI : PURATAN_INK_SINGLE;
      case CS_DEVN:
        if (c->sep_none)
          return PURATAN_INK_NONE;
        for (guint i = 0; i < c->n; i++)
          inked += c->c[i] > eps;
        return inked == 0 ? PURATAN_INK_NONE : inked == 1 ? PURATAN_INK_SINGLE : PURATAN_INK_MULTI;
      case CS_OTHER:
      default:
        return PURATAN_INK_UNKNOWN;
    }
}

static qpdf_oh
dict_get (PuratanColorScope *s, qpdf_oh dict, const char *key)
{
  char k[PURATAN_TOK_TEXT_MAX + 2];
  g_snprintf (k, sizeof k, "/%s", key);
  return qpdf_oh_get_key_if_dict (s->q, dict, k);
}

static qpdf_oh
resource (PuratanColorScope *s, qpdf_oh resources, const char *category, const char *name)
{
  return dict_get (s, dict_get (s, resources, category), name);
}

static void
set_kind (PuratanColorScope *s, Color *out, CsKind kind, guint n, guint32 family)
{
  puratan_color_init (out, kind, n);
  s->facts->color_families |= family;
}

static void
note_name (PuratanColorScope *s, const char *name, gboolean *all, gboolean *none)
{
  if (g_str_equal (name, "All"))
    *all = TRUE;
  else if (g_str_equal (name, "None"))
    *none = TRUE;
  else if (!g_str_equal (name, "Cyan") && !g_str_equal (name, "Magenta") &&
           !g_str_equal (name, "Yellow") && !g_str_equal (name, "Black"))
    puratan_page_facts_add_spot (s->facts, name);
}

/* Resolves a colour space (a name or an array) to a Color with its initial value. */
/* Resolves a colour space (a name or an array) to a Color with its initial value, noting
 * the colour families and colorant names it uses in the page facts. */
void
puratan_color_resolve (PuratanColorScope *s, qpdf_oh resources, qpdf_oh cs, Color *out, int depth)
{
  qpdf_data q = s->q;
  const char *family;
  qpdf_oh arg;
  gboolean all = FALSE, none = FALSE;

  puratan_color_init (out, CS_OTHER, 1);
  if (depth > 4)
    return;
  if (qpdf_oh_is_name (q, cs))
    {
      family = qpdf_oh_get_name (q, cs);
      if (g_str_equal (family, "/DeviceGray") || g_str_equal (family, "/G") ||
          g_str_equal (family, "/CalGray"))
        {
          puratan_color_init (out, CS_GRAY, 1);
          s->facts->color_families |= PURATAN_CS_GRAY;
        }
      else if (g_str_equal (family, "/DeviceRGB") || g_str_equal (family, "/RGB") ||
               g_str_equal (family, "/CalRGB"))
        {
          puratan_color_init (out, CS_RGB, 3);
          s->facts->color_families |= PURATAN_CS_RGB;
        }
      else if (g_str_equal (family, "/DeviceCMYK") || g_str_equal (family, "/CMYK"))
        {
          puratan_color_init (out, CS_CMYK, 4);
          s->facts->color_families |= PURATAN_CS_CMYK;
        }
      else if (g_str_equal (family, "/Pattern"))
        puratan_color_init (out, CS_OTHER, 1);
      else
        {
          qpdf_oh named = resource (s, resources, "ColorSpace", family + 1);
          if (!qpdf_oh_is_null (q, named))
            puratan_color_resolve (s, resources, named, out, depth + 1);
        }
      return;
    }
  if (!qpdf_oh_is_array (q, cs) || qpdf_oh_get_array_n_items (q, cs) < 1)
    return;

  family = qpdf_oh_is_name (q, qpdf_oh_get_array_item (q, cs, 0))
               ? qpdf_oh_get_name (q, qpdf_oh_get_array_item (q, cs, 0))
               : "";
  arg = qpdf_oh_get_array_n_items (q, cs) >= 2 ? qpdf_oh_get_array_item (q, cs, 1)
                                               : qpdf_oh_new_null (q);
  if (g_str_equal (family, "/ICCBased"))
    {
      qpdf_oh stream = arg;
      if (!qpdf_oh_is_stream (q, stream))
        return;
      int n = puratan_oh_int (q, dict_get (s, qpdf_oh_get_dict (q, stream), "N"), 0);
      if (n == 1)
        set_kind (s, out, CS_GRAY, 1, PURATAN_CS_ICC_GRAY);
      else if (n == 3)
        set_kind (s, out, CS_RGB, 3, PURATAN_CS_ICC_RGB);
      else if (n == 4)
        set_kind (s, out, CS_CMYK, 4, PURATAN_CS_ICC_CMYK);
    }
  else if (g_str_equal (family, "/CalGray"))
    set_kind (s, out, CS_GRAY, 1, PURATAN_CS_GRAY);
  else if (g_str_equal (family, "/CalRGB"))
    set_kind (s, out, CS_RGB, 3, PURATAN_CS_RGB);
  else if (g_str_equal (family, "/Lab"))
    {
      puratan_color_init (out, CS_LAB, 3);
      s->facts->color_families |= PURATAN_CS_LAB;
    }
  else if (g_str_equal (family, "/Separation"))
    {
      qpdf_oh name = arg;
      if (qpdf_oh_is_name (q, name))
        note_name (s, qpdf_oh_get_name (q, name) + 1, &all, &none);
      puratan_color_init (out, CS_SEP, 1);
      out->sep_all = all;
      out->sep_none = none;
      out->technical =
          s->profile != NULL && qpdf_oh_is_name (q, name) &&
          puratan_preflight_profile_is_technical_spot (s->profile, qpdf_oh_get_name (q, name) + 1);
      s->facts->color_families |= PURATAN_CS_SEPARATION;
    }
  else if (g_str_equal (family, "/DeviceN"))
    {
      qpdf_oh names = arg;
      int n = qpdf_oh_is_array (q, names) ? qpdf_oh_get_array_n_items (q, names) : 0;
      gboolean every_none = n > 0;
      for (int i = 0; i < n; i++)
        {
          qpdf_oh name = qpdf_oh_get_array_item (q, names, i);
          gboolean this_none = FALSE;
          if (qpdf_oh_is_name (q, name))
            note_name (s, qpdf_oh_get_name (q, name) + 1, &all, &this_none);
          every_none = every_none && this_none;
        }
      puratan_color_init (out, CS_DEVN, (guint) CLAMP (n, 1, 8));
      out->sep_none = every_none;
      s->facts->color_families |= PURATAN_CS_DEVICEN;
    }
  else if (g_str_equal (family, "/Indexed") || g_str_equal (family, "/I"))
    {
      /* The base space tells which inks are involved; the value is a table index. */
      puratan_color_resolve (s, resources, arg, out, depth + 1);
      puratan_color_init (out, CS_OTHER, 1);
    }
}

/* Takes the numeric operands of sc/scn/SC/SCN as the colour's components. */
void
puratan_color_set_values (Color *c, const PuratanToken *ops, int n_ops)
{
  int n = 0;
  for (int i = 0; i < n_ops && n < (int) G_N_ELEMENTS (c->c); i++)
    if (ops[i].type == PURATAN_TOK_NUMBER)
      c->c[n++] = ops[i].number;
}
