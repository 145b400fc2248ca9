/* puratan-stripe-provider.c: online card payments through Stripe
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PaymentIntents are created as Stripe documents: POST {base}/v1/payment_intents over
 * libcurl with the secret key as a bearer token, a form-encoded body (amount in paise,
 * currency "inr", the order id in metadata) and Stripe's own Idempotency-Key, so a retried
 * request gets the intent the first made. Webhooks are believed only with a valid
 * Stripe-Signature: "t=TIME,v1=HEX[,v1=HEX…]", where HEX is HMAC-SHA256 of "TIME.BODY" with
 * the endpoint's secret, compared in constant time, and TIME within the tolerance of now.
 * The base URL and both secrets come from the server's configuration; neither secret is
 * ever put in a message or a log.
 */
#include "puratan-stripe-provider.h"

#include <curl/curl.h>
#include <sodium.h>
#include <string.h>

#include "puratan-core.h"

/* The largest answer read from Stripe. */
#define MAX_ANSWER (1024 * 1024)

struct _PuratanStripeProvider
{
  GObject parent_instance;

  char *base_url;
  char *secret_key;
  char *webhook_secret;
  guint tolerance;
};

static void puratan_stripe_provider_iface_init (PuratanPaymentProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PuratanStripeProvider,
                               puratan_stripe_provider,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PURATAN_TYPE_PAYMENT_PROVIDER,
                                                      puratan_stripe_provider_iface_init))

static void
puratan_stripe_provider_finalize (GObject *object)
{
  PuratanStripeProvider *self = PURATAN_STRIPE_PROVIDER (object);

  g_free (self->base_url);
  if (self->secret_key != NULL)
    sodium_memzero (self->secret_key, strlen (self->secret_key));
  g_free (self->secret_key);
  if (self->webhook_secret != NULL)
    sodium_memzero (self->webhook_secret, strlen (self->webhook_secret));
  g_free (self->webhook_secret);
  G_OBJECT_CLASS (puratan_stripe_provider_parent_class)->finalize (object);
}

static void
puratan_stripe_provider_class_init (PuratanStripeProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = puratan_stripe_provider_finalize;
}

static void
puratan_stripe_provider_init (PuratanStripeProvider *self)
{
}

static const char *
get_name (PuratanPaymentProvider *provider)
{
  return "stripe";
}

static size_t
collect_cb (char *data, size_t size, size_t n, void *user_data)
{
  GString *answer = user_data;

  if (answer->len + size * n > MAX_ANSWER)
    return 0;
  g_string_append_len (answer, data, (gssize) (size * n));
  return size * n;
}

static size_t
header_cb (char *data, size_t size, size_t n, void *user_data)
{
  gboolean *replayed = user_data;

  if (g_ascii_strncasecmp (data, "Idempotent-Replayed:", 20) == 0 &&
      g_strstr_len (data + 20, (gssize) (size * n) - 20, "true") != NULL)
    *replayed = TRUE;
  return size * n;
}

static void
add_field (GString *form, CURL *curl, const char *name, const char *value)
{
  char *key = curl_easy_escape (curl, name, 0);
  char *escaped = curl_easy_escape (curl, value, 0);

  g_string_append_printf (form, "%s%s=%s", form->len > 0 ? "&" : "", key, escaped);
  curl_free (key);
  curl_free (escaped);
}

/* Reads Stripe's error message from an error answer, or says what the status was. */
static char *
stripe_error_message (const char *answer, long status)
{
  g_autoptr (JsonObject) root = puratan_json_parse_object (answer, -1, NULL);
  JsonObject *error = NULL;

  if (root != NULL && json_object_has_member (root, "error") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "error")))
    error = json_object_get_object_member (root, "error");
  if (error != NULL && json_object_has_member (error, "message") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (error, "message")))
    return g_strdup_printf ("Stripe refused the payment (HTTP %ld): %s", status,
                            json_object_get_string_member (error, "message"));
  return g_strdup_printf ("Stripe answered HTTP %ld", status);
}

static PuratanPaymentIntent *
create_intent (PuratanPaymentProvider *provider,
               const char *order_id,
               gint64 amount_paise,
               const char *idempotency_key,
               GCancellable *cancellable,
               GError **error)
{
  PuratanStripeProvider *self = PURATAN_STRIPE_PROVIDER (provider);
  g_autoptr (GString) form = g_string_new (NULL);
  g_autoptr (GString) answer = g_string_new (NULL);
  g_autoptr (JsonObject) root = NULL;
  g_autoptr (PuratanPaymentIntent) intent = g_new0 (PuratanPaymentIntent, 1);
  g_autoptr (GError) parse_error = NULL;
  g_autofree char *url = g_strconcat (self->base_url, "/v1/payment_intents", NULL);
  g_autofree char *authorization = g_strconcat ("Authorization: Bearer ", self->secret_key, NULL);
  g_autofree char *key_header = g_strconcat ("Idempotency-Key: ", idempotency_key, NULL);
  g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, amount_paise);
  struct curl_slist *headers = NULL;
  const char *id = NULL, *status = NULL, *secret = NULL;
  CURLcode code;
  long http_status = 0;
  CURL *curl;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  curl = curl_easy_init ();
  if (curl == NULL)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot start libcurl");
      return NULL;
    }
  add_field (form, curl, "amount", amount);
  add_field (form, curl, "currency", "inr");
  add_field (form, curl, "metadata[order_id]", order_id);
  add_field (form, curl, "automatic_payment_methods[enabled]", "true");
  headers = curl_slist_append (headers, authorization);
  headers = curl_slist_append (headers, key_header);
  headers = curl_slist_append (headers, "Content-Type: application/x-www-form-urlencoded");
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_POSTFIELDS, form->str);
  curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE, (long) form->len);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, collect_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, answer);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, &intent->replayed);
  code = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &http_status);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);
  sodium_memzero (authorization, strlen (authorization));

  if (code != CURLE_OK)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot reach Stripe: %s",
                   curl_easy_strerror (code));
      return NULL;
    }
  if (http_status < 200 || http_status > 299)
    {
      g_autofree char *message = stripe_error_message (answer->str, http_status);

      g_set_error_literal (error, PURATAN_ERROR,
                           http_status >= 500 ? PURATAN_ERROR_IO : PURATAN_ERROR_INVALID_INPUT,
                           message);
      return NULL;
    }
  root = puratan_json_parse_object (answer->str, (gssize) answer->len, &parse_error);
  if (root == NULL || !puratan_json_get_string (root, "id", &id, &parse_error) ||
      !puratan_json_get_string (root, "status", &status, &parse_error) ||
      !puratan_json_get_optional_string (root, "client_secret", NULL, &secret, &parse_error) ||
      !puratan_json_get_int (root, "amount", &intent->amount_paise, &parse_error))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                   "Stripe's answer is not a PaymentIntent: %s", parse_error->message);
      return NULL;
    }
  if (intent->amount_paise != amount_paise || strlen (id) > 255)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT,
                   "Stripe's PaymentIntent %.64s is not for %" G_GINT64_FORMAT " paise", id,
                   amount_paise);
      return NULL;
    }
  intent->id = g_strdup (id);
  intent->status = g_strdup (status);
  intent->client_secret = g_strdup (secret);
  return g_steal_pointer (&intent);
}

/* Returns (transfer full) the hex HMAC-SHA256 Stripe signs "TIME.BODY" with. */
static char *
expected_signature (PuratanStripeProvider *self, const char *timestamp, GBytes *body)
{
  g_autoptr (GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) self->webhook_secret,
                                       strlen (self->webhook_secret));
  gsize size = 0;
  const guchar *data = g_bytes_get_data (body, &size);

  g_hmac_update (hmac, (const guchar *) timestamp, (gssize) strlen (timestamp));
  g_hmac_update (hmac, (const guchar *) ".", 1);
  g_hmac_update (hmac, data, (gssize) size);
  return g_strdup (g_hmac_get_string (hmac));
}

static gboolean
deny (GError **error, const char *why)
{
  g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED, why);
  return FALSE;
}

/* Checks @header against @body: a v1 signature of the secret, made within the tolerance. */
static gboolean
check_signature (
    PuratanStripeProvider *self, const char *header, GBytes *body, gint64 now, GError **error)
{
  g_auto (GStrv) parts = NULL;
  g_autofree char *expected = NULL;
  const char *timestamp = NULL;
  guint64 t = 0;
  gboolean match = FALSE, any = FALSE;

  if (header == NULL || strlen (header) > 4096)
    return deny (error, "The notice has no usable Stripe-Signature header");
  parts = g_strsplit (header, ",", 64);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_has_prefix (parts[i], "t=") && timestamp == NULL)
      timestamp = parts[i] + 2;
  if (timestamp == NULL || timestamp[0] == '\0' ||
      strspn (timestamp, "0123456789") != strlen (timestamp) ||
      !g_ascii_string_to_unsigned (timestamp, 10, 0, G_MAXINT64, &t, NULL))
    return deny (error, "Stripe-Signature has no timestamp");
  if ((gint64) t < now - (gint64) self->tolerance || (gint64) t > now + (gint64) self->tolerance)
    return deny (error, "Stripe-Signature's timestamp is outside the tolerance");
  expected = expected_signature (self, timestamp, body);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *value;

      if (!g_str_has_prefix (parts[i], "v1="))
        continue;
      value = parts[i] + 3;
      any = TRUE;
      if (strlen (value) == strlen (expected) &&
          sodium_memcmp (value, expected, strlen (expected)) == 0)
        match = TRUE;
    }
  sodium_memzero (expected, strlen (expected));
  if (!any)
    return deny (error, "Stripe-Signature has no v1 signature");
  if (!match)
    return deny (error, "Stripe-Signature does not match the notice");
  return TRUE;
}

static PuratanPaymentEvent *
verify_event (PuratanPaymentProvider *provider,
              const char *signature,
              GBytes *body,
              gint64 now,
              GError **error)
{
  PuratanStripeProvider *self = PURATAN_STRIPE_PROVIDER (provider);
  g_autoptr (JsonObject) root = NULL;
  g_autoptr (PuratanPaymentEvent) event = g_new0 (PuratanPaymentEvent, 1);
  g_autoptr (GError) parse_error = NULL;
  JsonObject *data = NULL, *object = NULL;
  const char *id = NULL, *type = NULL, *intent = NULL, *currency = NULL;

  if (!check_signature (self, signature, body, now, error))
    return NULL;
  root = puratan_json_parse_object_bytes (body, &parse_error);
  if (root == NULL || !puratan_json_get_string (root, "id", &id, &parse_error) ||
      !puratan_json_get_string (root, "type", &type, &parse_error) ||
      !puratan_json_get_optional_object (root, "data", &data, &parse_error) ||
      (data != NULL && !puratan_json_get_optional_object (data, "object", &object, &parse_error)) ||
      (object != NULL &&
       (!puratan_json_get_optional_string (object, "id", NULL, &intent, &parse_error) ||
        !puratan_json_get_optional_int (object, "amount", 0, &event->amount_paise, &parse_error) ||
        !puratan_json_get_optional_string (object, "currency", NULL, &currency, &parse_error))))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
                   "The notice is not a Stripe event: %s",
                   parse_error != NULL ? parse_error->message : "not a JSON object");
      return NULL;
    }
  event->id = g_strdup (id);
  event->type = g_strdup (type);
  event->intent_id = g_strdup (intent);
  event->currency = g_strdup (currency);
  event->succeeded = strcmp (type, "payment_intent.succeeded") == 0 && intent != NULL;
  return g_steal_pointer (&event);
}

static void
puratan_stripe_provider_iface_init (PuratanPaymentProviderInterface *iface)
{
  iface->get_name = get_name;
  iface->create_intent = create_intent;
  iface->verify_event = verify_event;
}

static gpointer
init_curl (gpointer data)
{
  return GINT_TO_POINTER (curl_global_init (CURL_GLOBAL_DEFAULT) == CURLE_OK);
}

/**
 * puratan_stripe_provider_new:
 * @base_url: Stripe's API address without a trailing slash ("https://api.stripe.com")
 * @secret_key: the account's secret API key
 * @webhook_secret: the webhook endpoint's signing secret
 * @tolerance_seconds: how far a webhook's timestamp may be from now
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the provider, or %NULL with @error set
 *   (%PURATAN_ERROR_INVALID_INPUT when a setting is missing or the URL is not http(s))
 */
PuratanStripeProvider *
puratan_stripe_provider_new (const char *base_url,
                             const char *secret_key,
                             const char *webhook_secret,
                             guint tolerance_seconds,
                             GError **error)
{
  static GOnce curl_once = G_ONCE_INIT;
  PuratanStripeProvider *self;

  if (base_url == NULL || secret_key == NULL || webhook_secret == NULL || secret_key[0] == '\0' ||
      webhook_secret[0] == '\0' ||
      (!g_str_has_prefix (base_url, "https://") && !g_str_has_prefix (base_url, "http://")) ||
      strpbrk (secret_key, "\r\n") != NULL)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "Stripe needs base-url (http or https), secret-key and webhook-secret");
      return NULL;
    }
  if (!GPOINTER_TO_INT (g_once (&curl_once, init_curl, NULL)))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot start libcurl");
      return NULL;
    }
  self = g_object_new (PURATAN_TYPE_STRIPE_PROVIDER, NULL);
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->secret_key = g_strdup (secret_key);
  self->webhook_secret = g_strdup (webhook_secret);
  self->tolerance = tolerance_seconds;
  return self;
}
