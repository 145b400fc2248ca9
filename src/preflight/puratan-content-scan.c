/* puratan-content-scan.c: reading one page's content streams
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Walks the operators of a page (and of the forms it draws) with a small graphics state:
 * transformation, line width, fill and stroke colour, overprint, text size. What matters
 * for print is summarised into PuratanPageFacts. Streams are decoded by qpdf.
 */
#include "puratan-content-scan-private.h"
#include "puratan-content-color-private.h"
#include "puratan-content-lexer-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OPERANDS     32
#define MAX_GSTATE_DEPTH 64
#define MAX_FORM_DEPTH   12
#define MAX_OPERATORS    (50 * 1000 * 1000)

typedef struct
{
  double ctm[6];
  double line_width;
  Color fill, stroke;
  gboolean op_fill, op_stroke;
  double font_size;
  gboolean font_two_byte;
  double hscale;
  int render_mode;
} GState;

typedef struct
{
  qpdf_data q;
  PuratanColorScope scope;
  const PuratanScanLimits *limits;
  PuratanPageFacts *facts;
  GState stack[MAX_GSTATE_DEPTH];
  int depth;
  double tm[6], tlm[6];
  double leading;
  PuratanRect path;
  gboolean path_empty;
  guint64 operators;
  int form_depth;
  int form_ids[MAX_FORM_DEPTH];
  /* Resources already looked up, by kind, resource dictionary handle and name, so that
   * a page repeating an operator a million times does not create a million handles. */
  GHashTable *cache;
} Scan;

typedef struct
{
  int op_both, op_fill; /* -1: not set by the ExtGState */
  double line_width;    /* < 0: not set */
  guint32 transparency;
} ExtG;

typedef struct
{
  Color color;
  guint32 families;
} CachedCs;

static char *
cache_key (char kind, qpdf_oh resources, const char *name)
{
  return g_strdup_printf ("%c%u/%s", kind, (guint) resources, name);
}

static void scan_stream (Scan *s, qpdf_oh resources, const guchar *data, gsize len);

static void
mat_mul (const double a[6], const double b[6], double out[6])
{
  double r[6];
  r[0] = a[0] * b[0] + a[1] * b[2];
  r[1] = a[0] * b[1] + a[1] * b[3];
  r[2] = a[2] * b[0] + a[3] * b[2];
  r[3] = a[2] * b[1] + a[3] * b[3];
  r[4] = a[4] * b[0] + a[5] * b[2] + b[4];
  r[5] = a[4] * b[1] + a[5] * b[3] + b[5];
  memcpy (out, r, sizeof r);
}

static void
mat_apply (const double m[6], double x, double y, double *ox, double *oy)
{
  *ox = m[0] * x + m[2] * y + m[4];
  *oy = m[1] * x + m[3] * y + m[5];
}

static double
mat_scale (const double m[6])
{
  return sqrt (fabs (m[0] * m[3] - m[1] * m[2]));
}

static void
rect_of_box (const double m[6], double x0, double y0, double x1, double y1, PuratanRect *r)
{
  double xs[4], ys[4];
  mat_apply (m, x0, y0, &xs[0], &ys[0]);
  mat_apply (m, x1, y0, &xs[1], &ys[1]);
  mat_apply (m, x0, y1, &xs[2], &ys[2]);
  mat_apply (m, x1, y1, &xs[3], &ys[3]);
  r->x0 = r->x1 = xs[0];
  r->y0 = r->y1 = ys[0];
  for (int i = 1; i < 4; i++)
    {
      r->x0 = MIN (r->x0, xs[i]);
      r->x1 = MAX (r->x1, xs[i]);
      r->y0 = MIN (r->y0, ys[i]);
      r->y1 = MAX (r->y1, ys[i]);
    }
}

static GState *
gs (Scan *s)
{
  return &s->stack[s->depth];
}

static qpdf_oh
dict_get (Scan *s, qpdf_oh dict, const char *key)
{
  char k[PURATAN_TOK_TEXT_MAX + 2];
  g_snprintf (k, sizeof k, "/%s", key);
  return qpdf_oh_get_key_if_dict (s->q, dict, k);
}

static qpdf_oh
resource (Scan *s, qpdf_oh resources, const char *category, const char *name)
{
  return dict_get (s, dict_get (s, resources, category), name);
}

static void
set_device_color (Scan *s, Color *c, CsKind kind, guint n, const PuratanToken *ops, int n_ops)
{
  static const guint32 bits[] = { PURATAN_CS_GRAY, PURATAN_CS_RGB, PURATAN_CS_CMYK };
  puratan_color_init (c, kind, n);
  puratan_color_set_values (c, ops, n_ops);
  s->facts->color_families |= bits[kind];
}

static void
read_extgstate (Scan *s, qpdf_oh resources, const char *name, ExtG *e)
{
  qpdf_data q = s->q;
  qpdf_oh dict = resource (s, resources, "ExtGState", name);
  qpdf_oh v;

  e->op_both = e->op_fill = -1;
  e->line_width = -1;
  e->transparency = 0;
  if (!qpdf_oh_is_dictionary (q, dict))
    return;
  v = dict_get (s, dict, "OP");
  if (qpdf_oh_is_bool (q, v))
    e->op_both = qpdf_oh_get_bool_value (q, v);
  v = dict_get (s, dict, "op");
  if (qpdf_oh_is_bool (q, v))
    e->op_fill = qpdf_oh_get_bool_value (q, v);
  v = dict_get (s, dict, "LW");
  if (qpdf_oh_is_number (q, v))
    e->line_width = fabs (qpdf_oh_get_numeric_value (q, v));
  v = dict_get (s, dict, "SMask");
  if (qpdf_oh_is_dictionary (q, v))
    e->transparency |= PURATAN_TRANSP_SOFT_MASK;
  v = dict_get (s, dict, "BM");
  if (qpdf_oh_is_array (q, v) && qpdf_oh_get_array_n_items (q, v) > 0)
    v = qpdf_oh_get_array_item (q, v, 0);
  if (qpdf_oh_is_name (q, v) && !qpdf_oh_is_name_and_equals (q, v, "/Normal") &&
      !qpdf_oh_is_name_and_equals (q, v, "/Compatible"))
    e->transparency |= PURATAN_TRANSP_BLEND_MODE;
  for (int i = 0; i < 2; i++)
    {
      v = dict_get (s, dict, i == 0 ? "CA" : "ca");
      if (qpdf_oh_is_number (q, v) && qpdf_oh_get_numeric_value (q, v) < 0.999)
        e->transparency |= PURATAN_TRANSP_ALPHA;
    }
}

static void
apply_extgstate (Scan *s, qpdf_oh resources, const char *name)
{
  g_autofree char *key = cache_key ('g', resources, name);
  ExtG *e = g_hash_table_lookup (s->cache, key);

  if (e == NULL)
    {
      e = g_new (ExtG, 1);
      read_extgstate (s, resources, name, e);
      g_hash_table_insert (s->cache, g_steal_pointer (&key), e);
    }
  if (e->op_both >= 0)
    gs (s)->op_stroke = gs (s)->op_fill = e->op_both;
  if (e->op_fill >= 0)
    gs (s)->op_fill = e->op_fill;
  if (e->line_width >= 0)
    gs (s)->line_width = e->line_width;
  s->facts->transparency |= e->transparency;
}

/* Sets @out to the named colour space @name (a device name or a ColorSpace resource). */
static void
set_named_cs (Scan *s, qpdf_oh resources, const char *name, Color *out)
{
  g_autofree char *key = cache_key ('c', resources, name);
  CachedCs *c = g_hash_table_lookup (s->cache, key);

  if (c == NULL)
    {
      char slashed[PURATAN_TOK_TEXT_MAX + 1];
      guint32 before = s->facts->color_families;

      c = g_new (CachedCs, 1);
      g_snprintf (slashed, sizeof slashed, "/%s", name);
      s->facts->color_families = 0;
      puratan_color_resolve (&s->scope, resources, qpdf_oh_new_name (s->q, slashed), &c->color, 0);
      c->families = s->facts->color_families;
      s->facts->color_families = before;
      g_hash_table_insert (s->cache, g_steal_pointer (&key), c);
    }
  *out = c->color;
  s->facts->color_families |= c->families;
}

static void
path_add (Scan *s, double x, double y)
{
  PuratanRect r;
  mat_apply (gs (s)->ctm, x, y, &r.x0, &r.y0);
  r.x1 = r.x0;
  r.y1 = r.y0;
  puratan_rect_union (&s->path, &r, s->path_empty);
  s->path_empty = FALSE;
}

static void
paint (Scan *s, gboolean fill, gboolean stroke)
{
  GState *g = gs (s);
  const PuratanScanLimits *lim = s->limits;

  if (s->path_empty)
    return;
  s->path_empty = TRUE;
  s->facts->marks++;
  if (fill && puratan_color_classify (&g->fill) == PURATAN_INK_NONE && g->op_fill)
    puratan_tally_add (&s->facts->white_overprint, 0, &s->path);
  if ((fill && g->fill.technical && !g->op_fill) ||
      (stroke && g->stroke.technical && !g->op_stroke))
    puratan_tally_add (&s->facts->technical_knockout, 0, &s->path);
  if (stroke)
    {
      PuratanInkKind ink = puratan_color_classify (&g->stroke);
      double width = g->line_width * mat_scale (g->ctm);
      if (ink == PURATAN_INK_NONE && g->op_stroke)
        puratan_tally_add (&s->facts->white_overprint, 0, &s->path);
      if ((ink == PURATAN_INK_NONE || ink == PURATAN_INK_MULTI || ink == PURATAN_INK_RICH_BLACK) &&
          width < lim->multi_line_min_pt)
        puratan_tally_add (&s->facts->thin_multi_lines, width, &s->path);
      else if ((ink == PURATAN_INK_SINGLE || ink == PURATAN_INK_BLACK) &&
               width < lim->single_line_min_pt)
        puratan_tally_add (&s->facts->thin_single_lines, width, &s->path);
    }
}

static void
show_text (Scan *s, gsize bytes)
{
  GState *g = gs (s);
  const PuratanScanLimits *lim = s->limits;
  double trm[6], size, advance;
  PuratanRect box;
  PuratanInkKind ink;
  gsize glyphs = g->font_two_byte ? bytes / 2 : bytes;

  if (glyphs == 0)
    return;
  mat_mul (s->tm, g->ctm, trm);
  size = fabs (g->font_size) * mat_scale (trm);
  /* Glyph widths are not read; half an em per glyph places the box roughly. */
  advance = (double) glyphs * 0.5 * g->font_size * g->hscale;
  rect_of_box (trm, 0, -0.2 * g->font_size, advance, 0.8 * g->font_size, &box);
  s->tm[4] += advance * s->tm[0];
  s->tm[5] += advance * s->tm[1];

  if (g->render_mode == 3 || g->render_mode == 7)
    return;
  s->facts->marks++;
  ink = puratan_color_classify (g->render_mode == 1 || g->render_mode == 5 ? &g->stroke : &g->fill);
  if (ink == PURATAN_INK_NONE && g->op_fill)
    puratan_tally_add (&s->facts->white_overprint, size, &box);
  if (g->fill.technical && !g->op_fill)
    puratan_tally_add (&s->facts->technical_knockout, size, &box);
  if (ink == PURATAN_INK_MULTI && size < lim->multi_text_min_pt)
    puratan_tally_add (&s->facts->small_multi_text, size, &box);
  else if (ink == PURATAN_INK_NONE && size < lim->white_text_min_pt)
    puratan_tally_add (&s->facts->small_white_text, size, &box);
  else if (ink == PURATAN_INK_BLACK && size < lim->black_overprint_max_pt && !g->op_fill)
    puratan_tally_add (&s->facts->black_text_knockout, size, &box);
  else if (ink == PURATAN_INK_RICH_BLACK && size < lim->rich_black_text_max_pt)
    puratan_tally_add (&s->facts->rich_black_text, size, &box);
}

static void
place_image (Scan *s, guint w, guint h, gboolean one_bit, guint32 family)
{
  GState *g = gs (s);
  PuratanImageUse use = { 0 };
  double len_x = hypot (g->ctm[0], g->ctm[1]);
  double len_y = hypot (g->ctm[2], g->ctm[3]);

  s->facts->marks++;
  if (w == 0 || h == 0 || len_x < 1e-6 || len_y < 1e-6)
    return;
  if (s->facts->images->len >= PURATAN_MAX_IMAGES_PER_PAGE)
    {
      s->facts->images_dropped++;
      return;
    }
  use.width = w;
  use.height = h;
  use.ppi = MIN (w / (len_x / 72.0), h / (len_y / 72.0));
  use.one_bit = one_bit;
  use.family = family;
  rect_of_box (g->ctm, 0, 0, 1, 1, &use.bbox);
  g_array_append_val (s->facts->images, use);
}

static guint32
families_of (Scan *s, qpdf_oh resources, qpdf_oh cs)
{
  guint32 before = s->facts->color_families, after;
  Color tmp;

  s->facts->color_families = 0;
  puratan_color_resolve (&s->scope, resources, cs, &tmp, 0);
  after = s->facts->color_families;
  s->facts->color_families = before | after;
  return after;
}

static void
do_xobject (Scan *s, qpdf_oh resources, const char *name)
{
  qpdf_data q = s->q;
  qpdf_oh xo = resource (s, resources, "XObject", name);
  qpdf_oh dict, v;

  if (!qpdf_oh_is_stream (q, xo))
    return;
  dict = qpdf_oh_get_dict (q, xo);
  v = dict_get (s, dict, "Subtype");
  if (qpdf_oh_is_name_and_equals (q, v, "/Image"))
    {
      gboolean mask = puratan_oh_bool (q, dict_get (s, dict, "ImageMask"), FALSE);
      int bpc = puratan_oh_int (q, dict_get (s, dict, "BitsPerComponent"), 8);
      guint32 family = mask ? 0 : families_of (s, resources, dict_get (s, dict, "ColorSpace"));
      if (!qpdf_oh_is_null (q, dict_get (s, dict, "SMask")))
        s->facts->transparency |= PURATAN_TRANSP_IMAGE_SMASK;
      place_image (s, (guint) MAX (0, puratan_oh_int (q, dict_get (s, dict, "Width"), 0)),
                   (guint) MAX (0, puratan_oh_int (q, dict_get (s, dict, "Height"), 0)),
                   mask || bpc == 1, family);
    }
  else if (qpdf_oh_is_name_and_equals (q, v, "/Form"))
    {
      int id = qpdf_oh_get_object_id (q, xo);
      unsigned char *buf = NULL;
      size_t len = 0;
      QPDF_BOOL filtered = 0;
      qpdf_oh form_res, matrix;
      double m[6] = { 1, 0, 0, 1, 0, 0 };

      if (s->form_depth >= MAX_FORM_DEPTH || s->depth + 1 >= MAX_GSTATE_DEPTH)
        return;
      for (int i = 0; i < s->form_depth; i++)
        if (id != 0 && s->form_ids[i] == id)
          return;
      if (qpdf_oh_is_name_and_equals (q, dict_get (s, dict_get (s, dict, "Group"), "S"),
                                      "/Transparency"))
        s->facts->transparency |= PURATAN_TRANSP_FORM_GROUP;
      if ((qpdf_oh_get_stream_data (q, xo, qpdf_dl_generalized, &filtered, &buf, &len) &
           QPDF_ERRORS) ||
          !filtered)
        {
          free (buf);
          if (s->facts->scan_problem == NULL)
            s->facts->scan_problem = g_strdup_printf ("the drawing \"%s\" cannot be decoded", name);
          return;
        }
      matrix = dict_get (s, dict, "Matrix");
      if (qpdf_oh_is_array (q, matrix) && qpdf_oh_get_array_n_items (q, matrix) == 6)
        for (int i = 0; i < 6; i++)
          m[i] = puratan_oh_number (q, qpdf_oh_get_array_item (q, matrix, i), m[i]);
      form_res = dict_get (s, dict, "Resources");
      if (!qpdf_oh_is_dictionary (q, form_res))
        form_res = resources;

      s->stack[s->depth + 1] = s->stack[s->depth];
      s->depth++;
      mat_mul (m, gs (s)->ctm, gs (s)->ctm);
      s->form_ids[s->form_depth++] = id;
      scan_stream (s, form_res, buf, len);
      s->form_depth--;
      s->depth--;
      free (buf);
    }
}

static void
inline_image (Scan *s, PuratanLexer *lx, qpdf_oh resources)
{
  PuratanToken key, val;
  guint w = 0, h = 0;
  gboolean one_bit = FALSE;

  for (;;)
    {
      puratan_lexer_next (lx, &key);
      if (key.type == PURATAN_TOK_EOF)
        return;
      if (key.type == PURATAN_TOK_KEYWORD && g_str_equal (key.text, "ID"))
        break;
      if (key.type != PURATAN_TOK_NAME)
        continue;
      puratan_lexer_next (lx, &val);
      if (val.type == PURATAN_TOK_NUMBER &&
          (g_str_equal (key.text, "W") || g_str_equal (key.text, "Width")))
        w = (guint) CLAMP (val.number, 0, G_MAXINT);
      else if (val.type == PURATAN_TOK_NUMBER &&
               (g_str_equal (key.text, "H") || g_str_equal (key.text, "Height")))
        h = (guint) CLAMP (val.number, 0, G_MAXINT);
      else if (val.type == PURATAN_TOK_NUMBER &&
               (g_str_equal (key.text, "BPC") || g_str_equal (key.text, "BitsPerComponent")))
        one_bit = one_bit || val.number == 1;
      else if (val.type == PURATAN_TOK_KEYWORD &&
               (g_str_equal (key.text, "IM") || g_str_equal (key.text, "ImageMask")))
        one_bit = one_bit || g_str_equal (val.text, "true");
    }
  puratan_lexer_skip_inline_image (lx);
  place_image (s, w, h, one_bit, 0);
}

/* Whether @font carries its glyphs: Type 3 always does; other fonts (the descendant font
 * of a Type 0 font) need FontFile, FontFile2 or FontFile3 in their descriptor. */
static gboolean
font_is_embedded (Scan *s, qpdf_oh font, const char **type)
{
  qpdf_oh subtype = dict_get (s, font, "Subtype");
  qpdf_oh descriptor;

  /* Static texts: qpdf reuses the buffer of the last name it returned. */
  if (qpdf_oh_is_name_and_equals (s->q, subtype, "/TrueType"))
    *type = "TrueType";
  else if (qpdf_oh_is_name_and_equals (s->q, subtype, "/Type1") ||
           qpdf_oh_is_name_and_equals (s->q, subtype, "/MMType1"))
    *type = "Type 1";
  else
    *type = "unknown type";
  if (qpdf_oh_is_name_and_equals (s->q, subtype, "/Type3"))
    return TRUE;
  if (qpdf_oh_is_name_and_equals (s->q, subtype, "/Type0"))
    {
      qpdf_oh kids = dict_get (s, font, "DescendantFonts");
      font = qpdf_oh_is_array (s->q, kids) && qpdf_oh_get_array_n_items (s->q, kids) > 0
                 ? qpdf_oh_get_array_item (s->q, kids, 0)
                 : qpdf_oh_new_null (s->q);
      *type = qpdf_oh_is_name_and_equals (s->q, dict_get (s, font, "Subtype"), "/CIDFontType2")
                  ? "CID TrueType"
                  : "CID Type 0";
    }
  descriptor = dict_get (s, font, "FontDescriptor");
  return qpdf_oh_is_stream (s->q, dict_get (s, descriptor, "FontFile")) ||
         qpdf_oh_is_stream (s->q, dict_get (s, descriptor, "FontFile2")) ||
         qpdf_oh_is_stream (s->q, dict_get (s, descriptor, "FontFile3"));
}

/* Notes the font if it is not embedded; returns whether it uses two-byte codes. */
static gboolean
select_font (Scan *s, qpdf_oh resources, const char *name)
{
  g_autofree char *key = cache_key ('f', resources, name);
  gboolean *two_byte = g_hash_table_lookup (s->cache, key);

  if (two_byte == NULL)
    {
      qpdf_oh font = resource (s, resources, "Font", name);
      qpdf_oh base = dict_get (s, font, "BaseFont");
      const char *type = NULL;

      if (qpdf_oh_is_dictionary (s->q, font) && !font_is_embedded (s, font, &type))
        puratan_page_facts_add_font (
            s->facts, qpdf_oh_is_name (s->q, base) ? qpdf_oh_get_name (s->q, base) + 1 : name,
            type);
      two_byte = g_new (gboolean, 1);
      *two_byte = qpdf_oh_is_name_and_equals (s->q, dict_get (s, font, "Subtype"), "/Type0");
      g_hash_table_insert (s->cache, g_steal_pointer (&key), two_byte);
    }
  return *two_byte;
}

static void
text_move (Scan *s, double tx, double ty)
{
  double t[6] = { 1, 0, 0, 1, tx, ty };
  mat_mul (t, s->tlm, s->tlm);
  memcpy (s->tm, s->tlm, sizeof s->tm);
}

#define NUM(i) (ops[(i)].type == PURATAN_TOK_NUMBER ? ops[(i)].number : 0.0)

static void
run_operator (
    Scan *s, const char *op, PuratanToken *ops, int n, qpdf_oh resources, PuratanLexer *lx)
{
  GState *g = gs (s);

  switch (op[0])
    {
      case 'q':
        if (op[1] == '\0' && s->depth + 1 < MAX_GSTATE_DEPTH)
          {
            s->stack[s->depth + 1] = s->stack[s->depth];
            s->depth++;
          }
        return;
      case 'Q':
        if (op[1] == '\0' && s->depth > 0)
          s->depth--;
        return;
      default:
        break;
    }

  if (g_str_equal (op, "cm") && n >= 6)
    {
      double m[6] = {
        NUM (n - 6), NUM (n - 5), NUM (n - 4), NUM (n - 3), NUM (n - 2), NUM (n - 1)
      };
      mat_mul (m, g->ctm, g->ctm);
    }
  else if (g_str_equal (op, "w") && n >= 1)
    g->line_width = fabs (NUM (n - 1));
  else if (g_str_equal (op, "gs") && n >= 1 && ops[n - 1].type == PURATAN_TOK_NAME)
    apply_extgstate (s, resources, ops[n - 1].text);
  else if ((g_str_equal (op, "cs") || g_str_equal (op, "CS")) && n >= 1 &&
           ops[n - 1].type == PURATAN_TOK_NAME)
    set_named_cs (s, resources, ops[n - 1].text, op[0] == 'c' ? &g->fill : &g->stroke);
  else if (g_str_equal (op, "sc") || g_str_equal (op, "scn"))
    puratan_color_set_values (&g->fill, ops, n);
  else if (g_str_equal (op, "SC") || g_str_equal (op, "SCN"))
    puratan_color_set_values (&g->stroke, ops, n);
  else if (g_str_equal (op, "g") || g_str_equal (op, "G"))
    set_device_color (s, op[0] == 'g' ? &g->fill : &g->stroke, CS_GRAY, 1, ops, n);
  else if (g_str_equal (op, "rg") || g_str_equal (op, "RG"))
    set_device_color (s, op[0] == 'r' ? &g->fill : &g->stroke, CS_RGB, 3, ops, n);
  else if (g_str_equal (op, "k") || g_str_equal (op, "K"))
    set_device_color (s, op[0] == 'k' ? &g->fill : &g->stroke, CS_CMYK, 4, ops, n);
  else if (g_str_equal (op, "m") || g_str_equal (op, "l"))
    {
      if (n >= 2)
        path_add (s, NUM (n - 2), NUM (n - 1));
    }
  else if (g_str_equal (op, "c") || g_str_equal (op, "v") || g_str_equal (op, "y"))
    {
      for (int i = 0; i + 1 < n; i += 2)
        path_add (s, NUM (i), NUM (i + 1));
    }
  else if (g_str_equal (op, "re") && n >= 4)
    {
      path_add (s, NUM (n - 4), NUM (n - 3));
      path_add (s, NUM (n - 4) + NUM (n - 2), NUM (n - 3) + NUM (n - 1));
    }
  else if (g_str_equal (op, "S") || g_str_equal (op, "s"))
    paint (s, FALSE, TRUE);
  else if (g_str_equal (op, "f") || g_str_equal (op, "F") || g_str_equal (op, "f*"))
    paint (s, TRUE, FALSE);
  else if (g_str_equal (op, "B") || g_str_equal (op, "B*") || g_str_equal (op, "b") ||
           g_str_equal (op, "b*"))
    paint (s, TRUE, TRUE);
  else if (g_str_equal (op, "n"))
    s->path_empty = TRUE;
  else if (g_str_equal (op, "BT"))
    {
      double id[6] = { 1, 0, 0, 1, 0, 0 };
      memcpy (s->tm, id, sizeof id);
      memcpy (s->tlm, id, sizeof id);
    }
  else if (g_str_equal (op, "Tf") && n >= 2)
    {
      g->font_size = NUM (n - 1);
      g->font_two_byte =
          ops[n - 2].type == PURATAN_TOK_NAME && select_font (s, resources, ops[n - 2].text);
    }
  else if (g_str_equal (op, "Tm") && n >= 6)
    {
      for (int i = 0; i < 6; i++)
        s->tlm[i] = NUM (n - 6 + i);
      memcpy (s->tm, s->tlm, sizeof s->tm);
    }
  else if (g_str_equal (op, "Td") && n >= 2)
    text_move (s, NUM (n - 2), NUM (n - 1));
  else if (g_str_equal (op, "TD") && n >= 2)
    {
      s->leading = -NUM (n - 1);
      text_move (s, NUM (n - 2), NUM (n - 1));
    }
  else if (g_str_equal (op, "TL") && n >= 1)
    s->leading = NUM (n - 1);
  else if (g_str_equal (op, "T*"))
    text_move (s, 0, -s->leading);
  else if (g_str_equal (op, "Tz") && n >= 1)
    g->hscale = NUM (n - 1) / 100.0;
  else if (g_str_equal (op, "Tr") && n >= 1)
    g->render_mode = (int) NUM (n - 1);
  else if ((g_str_equal (op, "Tj") || g_str_equal (op, "TJ")) && n >= 1)
    show_text (s, ops[n - 1].string_bytes);
  else if ((g_str_equal (op, "'") || g_str_equal (op, "\"")) && n >= 1)
    {
      text_move (s, 0, -s->leading);
      show_text (s, ops[n - 1].string_bytes);
    }
  else if (g_str_equal (op, "Do") && n >= 1 && ops[n - 1].type == PURATAN_TOK_NAME)
    do_xobject (s, resources, ops[n - 1].text);
  else if (g_str_equal (op, "sh") && n >= 1 && ops[n - 1].type == PURATAN_TOK_NAME)
    {
      qpdf_oh sh = resource (s, resources, "Shading", ops[n - 1].text);
      if (qpdf_oh_is_stream (s->q, sh))
        sh = qpdf_oh_get_dict (s->q, sh);
      families_of (s, resources, dict_get (s, sh, "ColorSpace"));
      s->facts->marks++;
    }
  else if (g_str_equal (op, "BI"))
    inline_image (s, lx, resources);
}

static void
scan_stream (Scan *s, qpdf_oh resources, const guchar *data, gsize len)
{
  PuratanLexer lx;
  PuratanToken ops[MAX_OPERANDS];
  PuratanToken tok;
  int n = 0;
  int base_depth = s->depth;

  puratan_lexer_init (&lx, data, len);
  for (;;)
    {
      puratan_lexer_next (&lx, &tok);
      if (tok.type == PURATAN_TOK_EOF)
        break;
      if (tok.type == PURATAN_TOK_BAD)
        continue;
      if (tok.type != PURATAN_TOK_KEYWORD || g_str_equal (tok.text, "true") ||
          g_str_equal (tok.text, "false") || g_str_equal (tok.text, "null"))
        {
          if (n < MAX_OPERANDS)
            ops[n++] = tok;
          continue;
        }
      if (++s->operators > MAX_OPERATORS)
        {
          s->facts->scan_failed = TRUE;
          if (s->facts->scan_problem == NULL)
            s->facts->scan_problem = g_strdup ("the page has too many drawing operations to check");
          break;
        }
      run_operator (s, tok.text, ops, n, resources, &lx);
      if (s->depth < base_depth)
        s->depth = base_depth;
      n = 0;
    }
  s->depth = base_depth;
}

/**
 * puratan_content_scan_page:
 * @qpdf: the open document
 * @page: the page object
 * @limits: thresholds that decide which lines and text are worth recording
 * @facts: (inout): the page's facts; content findings are added to it
 *
 * Reads all content of @page, including forms it draws, and records what matters for
 * print. A page whose content cannot be decoded gets @facts->scan_failed and a
 * @facts->scan_problem; whatever was read before the damage is kept.
 */
void
puratan_content_scan_page (qpdf_data qpdf,
                           qpdf_oh page,
                           const PuratanScanLimits *limits,
                           PuratanPageFacts *facts)
{
  g_autofree Scan *s = g_new0 (Scan, 1);
  unsigned char *buf = NULL;
  size_t len = 0;
  qpdf_oh resources, group, node;
  double identity[6] = { 1, 0, 0, 1, 0, 0 };

  s->q = qpdf;
  s->scope.q = qpdf;
  s->scope.facts = facts;
  s->scope.profile = limits->profile;
  s->limits = limits;
  s->facts = facts;
  s->path_empty = TRUE;
  memcpy (gs (s)->ctm, identity, sizeof identity);
  gs (s)->line_width = 1.0;
  gs (s)->hscale = 1.0;
  puratan_color_init (&gs (s)->fill, CS_GRAY, 1);
  puratan_color_init (&gs (s)->stroke, CS_GRAY, 1);

  group = qpdf_oh_get_key_if_dict (qpdf, page, "/Group");
  if (qpdf_oh_is_name_and_equals (qpdf, qpdf_oh_get_key_if_dict (qpdf, group, "/S"),
                                  "/Transparency"))
    facts->transparency |= PURATAN_TRANSP_PAGE_GROUP;

  resources = qpdf_oh_get_key_if_dict (qpdf, page, "/Resources");
  node = page;
  for (int i = 0; i < 32 && !qpdf_oh_is_dictionary (qpdf, resources); i++)
    {
      node = qpdf_oh_get_key_if_dict (qpdf, node, "/Parent");
      if (!qpdf_oh_is_dictionary (qpdf, node))
        break;
      resources = qpdf_oh_get_key_if_dict (qpdf, node, "/Resources");
    }

  if (qpdf_oh_get_page_content_data (qpdf, page, &buf, &len) & QPDF_ERRORS)
    {
      qpdf_error e = qpdf_get_error (qpdf);
      g_autofree char *detail =
          g_utf8_make_valid (e ? qpdf_get_error_message_detail (qpdf, e) : "unknown", -1);
      facts->scan_failed = TRUE;
      g_free (facts->scan_problem);
      facts->scan_problem = g_strdup_printf ("the page content cannot be read (%s)", detail);
      free (buf);
      return;
    }
  s->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  scan_stream (s, resources, buf, len);
  g_hash_table_unref (s->cache);
  free (buf);
}
