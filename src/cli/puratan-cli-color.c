/* puratan-cli-color.c: `puratan proof`, `puratan color` and `puratan profiles`
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <poppler.h>
#include <puratan-color.h>
#include <string.h>

#include "puratan-cli.h"

static PuratanIccProfile *
load_press (const char *command, const char *press_name, GError **error)
{
  g_autoptr (PuratanPressCondition) press = NULL;

  press = press_name != NULL ? puratan_press_condition_lookup (press_name, error)
                             : puratan_press_condition_get_default (error);
  if (press == NULL)
    return NULL;
  return puratan_press_condition_load_profile (press, error);
}

static cairo_surface_t *
render_pdf (const char *path, int page_number, double dpi, GError **error)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, error);
  PopplerDocument *document = NULL;
  PopplerPage *page = NULL;
  cairo_surface_t *surface = NULL;
  double w, h, scale = dpi / 72.0;
  cairo_t *cr;

  if (uri == NULL || (document = poppler_document_new_from_file (uri, NULL, error)) == NULL)
    return NULL;
  if (page_number < 1 || page_number > poppler_document_get_n_pages (document))
    {
      g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_PARSE,
                   "%s has %d page(s); page %d does not exist", path,
                   poppler_document_get_n_pages (document), page_number);
      g_object_unref (document);
      return NULL;
    }
  page = poppler_document_get_page (document, page_number - 1);
  poppler_page_get_size (page, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) MAX (1, w * scale),
                                        (int) MAX (1, h * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  g_object_unref (page);
  g_object_unref (document);
  return surface;
}

/* The RGB profile embedded in @pixbuf (PNG iCCP, JPEG APP2 or TIFF tag), or NULL when there
 * is none or it cannot serve as a working space; the reason is then printed, as the image is
 * still proofed, read as sRGB like an untagged one. */
static PuratanIccProfile *
embedded_profile (GdkPixbuf *pixbuf, const char *path)
{
  const char *encoded = gdk_pixbuf_get_option (pixbuf, "icc-profile");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (PuratanIccProfile) profile = NULL;
  g_autofree char *name = NULL;
  guchar *data;
  gsize len = 0;

  if (encoded == NULL)
    return NULL;
  data = g_base64_decode (encoded, &len);
  bytes = g_bytes_new_take (data, len);
  name = g_strdup_printf ("profile embedded in %s", path);
  profile = puratan_icc_profile_new_from_bytes (bytes, name, &error);
  if (profile != NULL && puratan_icc_profile_check_role (profile, PURATAN_PROFILE_ROLE_RGB, &error))
    return g_steal_pointer (&profile);
  g_printerr ("puratan proof: ignoring the colour profile embedded in %s and reading it as "
              "sRGB: %s\n",
              path, error->message);
  return NULL;
}

/* Reads a PNG, JPEG or TIFF image; *@profile receives its embedded colour profile, if any. */
static cairo_surface_t *
load_image (const char *path, PuratanIccProfile **profile, GError **error)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, error);
  cairo_surface_t *surface;
  const guint8 *pixels;
  guint8 *data;
  int width, height, stride, rowstride, channels;

  if (pixbuf == NULL)
    return NULL;
  *profile = embedded_profile (pixbuf, path);
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = pixels + (gsize) y * rowstride + (gsize) x * channels;
        guint32 a = channels == 4 ? p[3] : 255u;
        guint32 r = (p[0] * a + 127u) / 255u, g = (p[1] * a + 127u) / 255u;
        guint32 b = (p[2] * a + 127u) / 255u;

        ((guint32 *) (data + (gsize) y * stride))[x] = (a << 24) | (r << 16) | (g << 8) | b;
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/**
 * puratan_cli_proof_run:
 * @argc: the number of arguments
 * @argv: "proof" and its arguments
 *
 * Soft-proofs an image or a PDF page for a press condition and writes a PNG.
 *
 * Returns: a PURATAN_CLI_EXIT_* status
 */
int
puratan_cli_proof_run (int argc, char **argv)
{
  g_autofree char *output = NULL, *press_name = NULL, *intent_name = NULL;
  gboolean no_bpc = FALSE, paper_white = FALSE, gamut_warning = FALSE;
  int page = 1;
  double dpi = 150;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "PNG file to write", "OUT.png" },
    { "press", 0, 0, G_OPTION_ARG_STRING, &press_name, "Press condition name or ICC file",
      "NAME|FILE" },
    { "intent", 0, 0, G_OPTION_ARG_STRING, &intent_name,
      "perceptual, relative (default), saturation or absolute", "INTENT" },
    { "no-bpc", 0, 0, G_OPTION_ARG_NONE, &no_bpc, "No black-point compensation", NULL },
    { "paper-white", 0, 0, G_OPTION_ARG_NONE, &paper_white, "Simulate the paper colour", NULL },
    { "gamut-warning", 0, 0, G_OPTION_ARG_NONE, &gamut_warning,
      "Paint colours the press cannot print", NULL },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, "PDF page to proof (from 1)", "N" },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, "Resolution for PDF pages (default 150)", "D" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanIccProfile) working = NULL;
  g_autoptr (PuratanIccProfile) press = NULL;
  g_autoptr (PuratanSoftProof) proof = NULL;
  PuratanProofOptions options;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;

  context = puratan_cli_option_context_new (
      "proof", "INPUT",
      "Soft-proof a PNG, JPEG or TIFF image, or a PDF page, for a press. An image's embedded "
      "RGB colour profile is honoured; untagged images and PDF pages are read as sRGB.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "proof", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc != 2)
    return puratan_cli_usage_error ("proof", "give one INPUT file");
  if (output == NULL)
    return puratan_cli_usage_error ("proof", "give the PNG to write with -o OUT.png");
  if (dpi < 9 || dpi > 2400)
    return puratan_cli_usage_error ("proof", "--dpi must lie between 9 and 2400");

  puratan_proof_options_init (&options);
  options.black_point_compensation = !no_bpc;
  options.simulate_paper = paper_white;
  options.gamut_warning = gamut_warning;
  if (intent_name != NULL &&
      !puratan_rendering_intent_from_string (intent_name, &options.intent, &error))
    return puratan_cli_usage_error ("proof", "%s", error->message);

  press = load_press ("proof", press_name, &error);
  if (press != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (argv[1], -1);
      surface = g_str_has_suffix (lower, ".pdf") ? render_pdf (argv[1], page, dpi, &error)
                                                 : load_image (argv[1], &working, &error);
    }
  /* Untagged images and rendered PDF pages are sRGB. */
  if (surface != NULL && working == NULL)
    working = puratan_icc_profile_new_bundled ("sRGB.icc", &error);
  if (working != NULL)
    proof = puratan_soft_proof_new (working, press, NULL, &options, &error);
  if (proof == NULL || !puratan_soft_proof_apply (proof, surface, &error))
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return puratan_cli_failure ("proof", error);
    }

  status = cairo_surface_write_to_png (surface, output);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_printerr ("puratan proof: cannot write %s: %s\n", output, cairo_status_to_string (status));
      return PURATAN_CLI_EXIT_FAILURE;
    }
  return PURATAN_CLI_EXIT_OK;
}

/**
 * puratan_cli_color_run:
 * @argc: the number of arguments
 * @argv: "color" and its arguments
 *
 * `puratan color convert COLOUR --to rgb|lab|cmyk|gray`: converts a colour value.
 *
 * Returns: a PURATAN_CLI_EXIT_* status
 */
int
puratan_cli_color_run (int argc, char **argv)
{
  g_autofree char *target_name = NULL, *press_name = NULL, *intent_name = NULL;
  gboolean no_bpc = FALSE;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &target_name, "rgb, lab, cmyk or gray", "MODEL" },
    { "press", 0, 0, G_OPTION_ARG_STRING, &press_name, "Press condition name or ICC file",
      "NAME|FILE" },
    { "intent", 0, 0, G_OPTION_ARG_STRING, &intent_name,
      "perceptual, relative (default), saturation or absolute", "INTENT" },
    { "no-bpc", 0, 0, G_OPTION_ARG_NONE, &no_bpc, "No black-point compensation", NULL },
    { NULL },
  };
  static const char *const targets[] = { "cmyk", "rgb", "gray", "lab" };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanIccProfile) press = NULL;
  g_autoptr (PuratanColorConverter) converter = NULL;
  g_autoptr (PuratanColor) color = NULL;
  g_autoptr (PuratanColor) result = NULL;
  g_autofree char *text = NULL;
  PuratanRenderingIntent intent = PURATAN_INTENT_RELATIVE;
  int target = -1;

  context = puratan_cli_option_context_new ("color", "convert COLOUR",
                                            "Convert a colour value, such as "
                                            "'cmyk(0,100,100,0)', through the press profile.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "color", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc != 3 || strcmp (argv[1], "convert") != 0)
    return puratan_cli_usage_error ("color", "use: puratan color convert COLOUR --to MODEL");
  for (guint i = 0; target_name != NULL && i < G_N_ELEMENTS (targets); i++)
    if (g_ascii_strcasecmp (target_name, targets[i]) == 0)
      target = (int) i;
  if (target < 0)
    return puratan_cli_usage_error ("color", "--to must be rgb, lab, cmyk or gray");
  if (intent_name != NULL && !puratan_rendering_intent_from_string (intent_name, &intent, &error))
    return puratan_cli_usage_error ("color", "%s", error->message);

  color = puratan_color_parse (argv[2], &error);
  if (color == NULL)
    return puratan_cli_usage_error ("color", "%s", error->message);
  press = load_press ("color", press_name, &error);
  if (press != NULL)
    converter = puratan_color_converter_new (NULL, press, intent, !no_bpc, &error);
  if (converter != NULL)
    result = puratan_color_converter_convert (converter, color, (PuratanColorKind) target, &error);
  if (result == NULL)
    return puratan_cli_failure ("color", error);

  text = puratan_color_to_string (result);
  g_print ("%s\n", text);
  return PURATAN_CLI_EXIT_OK;
}

/**
 * puratan_cli_profiles_run:
 * @argc: the number of arguments
 * @argv: "profiles" and its arguments
 *
 * Lists the ICC profiles found (bundled, system, user) and the press conditions, as text
 * or as JSON.
 *
 * Returns: a PURATAN_CLI_EXIT_* status
 */
int
puratan_cli_profiles_run (int argc, char **argv)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "text (default) or json", "FORMAT" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) profiles = NULL;
  g_autoptr (GPtrArray) presses = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;
  gboolean as_json;

  context = puratan_cli_option_context_new ("profiles", NULL,
                                            "List the ICC profiles and press conditions.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "profiles", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc > 1)
    return puratan_cli_usage_error ("profiles", "unexpected argument '%s'", argv[1]);
  if (format != NULL && strcmp (format, "json") != 0 && strcmp (format, "text") != 0)
    return puratan_cli_usage_error ("profiles", "--format must be text or json");
  as_json = format != NULL && strcmp (format, "json") == 0;

  presses = puratan_press_condition_list (&error);
  if (presses == NULL)
    return puratan_cli_failure ("profiles", error);
  profiles = puratan_icc_profile_list_installed ();

  if (!as_json)
    {
      g_print ("Press conditions:\n");
      for (guint i = 0; i < presses->len; i++)
        {
          PuratanPressCondition *p = g_ptr_array_index (presses, i);
          g_print ("  %-20s %s%s\n", p->id, p->name, p->is_default ? " (default)" : "");
        }
      g_print ("\nProfiles:\n");
      for (guint i = 0; i < profiles->len; i++)
        {
          PuratanIccProfile *p = g_ptr_array_index (profiles, i);
          g_print ("  %-7s %-4s %-12s v%.1f  %s\n          %s\n",
                   puratan_profile_origin_to_string (puratan_icc_profile_get_origin (p)),
                   puratan_color_model_to_string (puratan_icc_profile_get_color_model (p)),
                   puratan_profile_class_to_string (puratan_icc_profile_get_class (p)),
                   puratan_icc_profile_get_version (p), puratan_icc_profile_get_description (p),
                   puratan_icc_profile_get_path (p));
        }
      return PURATAN_CLI_EXIT_OK;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "press_conditions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < presses->len; i++)
    {
      PuratanPressCondition *p = g_ptr_array_index (presses, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, p->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, p->name);
      json_builder_set_member_name (builder, "paper");
      json_builder_add_string_value (builder, p->paper);
      json_builder_set_member_name (builder, "ink_limit");
      json_builder_add_double_value (builder, p->ink_limit);
      json_builder_set_member_name (builder, "profile");
      json_builder_add_string_value (builder, p->profile_path);
      json_builder_set_member_name (builder, "default");
      json_builder_add_boolean_value (builder, p->is_default);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "profiles");
  json_builder_begin_array (builder);
  for (guint i = 0; i < profiles->len; i++)
    {
      PuratanIccProfile *p = g_ptr_array_index (profiles, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, puratan_icc_profile_get_description (p));
      json_builder_set_member_name (builder, "class");
      json_builder_add_string_value (
          builder, puratan_profile_class_to_string (puratan_icc_profile_get_class (p)));
      json_builder_set_member_name (builder, "color_space");
      json_builder_add_string_value (
          builder, puratan_color_model_to_string (puratan_icc_profile_get_color_model (p)));
      json_builder_set_member_name (builder, "version");
      json_builder_add_double_value (builder, puratan_icc_profile_get_version (p));
      json_builder_set_member_name (builder, "copyright");
      if (puratan_icc_profile_get_copyright (p) != NULL)
        json_builder_add_string_value (builder, puratan_icc_profile_get_copyright (p));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "origin");
      json_builder_add_string_value (
          builder, puratan_profile_origin_to_string (puratan_icc_profile_get_origin (p)));
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, puratan_icc_profile_get_path (p));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, TRUE);
  g_print ("%s\n", json);
  return PURATAN_CLI_EXIT_OK;
}
