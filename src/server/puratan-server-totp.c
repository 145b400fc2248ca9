/* puratan-server-totp.c: enrolling an authenticator app (TOTP)
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Enrolment is two steps. POST /api/v1/auth/totp makes a new secret, kept
 * pending, and answers with its `otpauth://` URI and a QR code of it for
 * the app to scan. POST /api/v1/auth/totp/confirm with the first code the
 * app shows makes it required at every later sign-in. Until it is
 * confirmed a new enrolment replaces the pending one; once confirmed it
 * cannot be replaced over the API. Admin accounts may use nothing but these
 * routes (and sign-out) until they sign in with a code.
 */
#include "puratan-server-private.h"

#include <cairo.h>

#include "puratan-core.h"
#include "puratan-orders.h"

/* Pixels per QR module in the PNG, and the PNG's side for a typical URI. */
#define QR_MODULE_PX 6

static cairo_status_t
append_png (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Returns (transfer full) a data: URI of a PNG QR code of @text, or NULL
 * with @error set. */
static char *
qr_png_data_uri (const char *text, GError **error)
{
  g_autoptr (GByteArray) png = g_byte_array_new ();
  g_autofree char *encoded = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  /* 57 modules (version 10) plus the quiet zone fit any otpauth URI we make. */
  int side = (57 + 8) * QR_MODULE_PX;
  gboolean drawn;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
  cr = cairo_create (surface);
  drawn = puratan_qr_draw (cr, text, 0, 0, side, error);
  cairo_destroy (cr);
  if (drawn && cairo_surface_write_to_png_stream (surface, append_png, png) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot encode the QR code");
      drawn = FALSE;
    }
  cairo_surface_destroy (surface);
  if (!drawn)
    return NULL;
  encoded = g_base64_encode (png->data, png->len);
  return g_strconcat ("data:image/png;base64,", encoded, NULL);
}

static void
enrol_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  PuratanDatabase *database = puratan_server_get_database (self);
  const PuratanPrincipal *principal = puratan_server_get_principal (msg);
  g_autoptr (PuratanAccount) account = NULL;
  g_autoptr (GBytes) secret = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *qr = NULL;
  g_autofree char *encoded = NULL;
  gsize length = 0;
  const guint8 *data;

  account = puratan_account_get (database, principal->account_id, &error);
  secret = account != NULL ? puratan_totp_secret_new (&error) : NULL;
  if (secret == NULL)
    {
      puratan_server_respond_error (msg, error);
      return;
    }
  if (!puratan_account_totp_begin (database, account->id, secret, &error))
    {
      if (g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT))
        puratan_server_respond_problem_code (msg, SOUP_STATUS_CONFLICT, "totp_enrolled",
                                             "This account has an authenticator app already.");
      else
        puratan_server_respond_error (msg, error);
      return;
    }

  uri = puratan_totp_uri (puratan_server_get_auth_settings (self)->totp_issuer, account->email,
                          secret);
  qr = qr_png_data_uri (uri, &error);
  if (qr == NULL)
    {
      puratan_server_respond_error (msg, error);
      return;
    }
  data = g_bytes_get_data (secret, &length);
  encoded = puratan_base32_encode (data, length);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "otpauth_uri");
  json_builder_add_string_value (builder, uri);
  json_builder_set_member_name (builder, "secret");
  json_builder_add_string_value (builder, encoded);
  json_builder_set_member_name (builder, "qr_code");
  json_builder_add_string_value (builder, qr);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  puratan_server_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
confirm_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  PuratanDatabase *database = puratan_server_get_database (self);
  const PuratanPrincipal *principal = puratan_server_get_principal (msg);
  g_autoptr (JsonObject) body = puratan_server_read_json (msg);
  g_autoptr (PuratanAccountTotp) totp = NULL;
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  const char *code = NULL;
  const guint8 *secret;
  gsize length = 0;
  gint64 step = -1;

  if (body == NULL)
    return;
  if (!puratan_json_get_string (body, "code", &code, &error))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL, error->message);
      return;
    }
  totp = puratan_account_totp_get (database, principal->account_id, &error);
  if (totp == NULL && !g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND))
    {
      puratan_server_respond_error (msg, error);
      return;
    }
  if (totp == NULL || totp->confirmed)
    {
      puratan_server_respond_problem_code (msg, SOUP_STATUS_CONFLICT, "no_pending_totp",
                                           "There is no authenticator enrolment to confirm: "
                                           "start one with POST /api/v1/auth/totp.");
      return;
    }
  secret = g_bytes_get_data (totp->secret, &length);
  if (!puratan_totp_verify (secret, length, code, puratan_server_now (), totp->last_step, &step,
                            &error))
    {
      puratan_server_respond_problem_code (msg, SOUP_STATUS_BAD_REQUEST, "totp_invalid",
                                           error->message);
      return;
    }
  if (!puratan_account_totp_confirm (database, principal->account_id, step, &error))
    {
      if (g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT))
        puratan_server_respond_problem_code (msg, SOUP_STATUS_CONFLICT, "no_pending_totp",
                                             error->message);
      else
        puratan_server_respond_error (msg, error);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "totp");
  json_builder_add_string_value (builder, "enabled");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  puratan_server_respond_json (msg, SOUP_STATUS_OK, root);
}

/* Adds POST /api/v1/auth/totp and POST /api/v1/auth/totp/confirm. */
void
puratan_server_add_totp_routes (PuratanServer *self)
{
  puratan_server_add_route (self, "POST", "/api/v1/auth/totp", enrol_cb, self);
  puratan_server_add_route (self, "POST", "/api/v1/auth/totp/confirm", confirm_cb, self);
}
