/* puratan-server-metrics.c: /metrics in the Prometheus text exposition format
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server counts every request by method, route pattern (never the raw path, so
 * ids do not explode the series) and status, and its duration in a histogram per
 * route; upload bytes as they are stored; and preflight jobs started and running.
 * Orders by status are read from the store when scraped. The counters sit behind one
 * mutex, so requests answered on any thread may record into them.
 *
 * Who may read it is the permission table's business (GET /metrics, staff roles);
 * `[server] metrics-listen` adds a second, plain-HTTP listener that serves only
 * /metrics without a token, for a Prometheus on a private address.
 */
#include "puratan-server-private.h"

#include <string.h>

#include "puratan-core.h"
#include "puratan-store.h"

static const double buckets[] = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                  0.05,   0.1,   0.25,   0.5,   1,    2.5 };
#define N_BUCKETS G_N_ELEMENTS (buckets)

typedef struct
{
  guint64 counts[N_BUCKETS + 1];
  double sum;
} Histogram;

struct _PuratanMetrics
{
  GMutex lock;
  /* "METHOD ROUTE STATUS" → guint64 count, in a gpointer-sized box. */
  GHashTable *requests;
  /* route → Histogram. */
  GHashTable *durations;
  guint64 upload_bytes;
  guint64 jobs_started;
};

PuratanMetrics *
puratan_metrics_new (void)
{
  PuratanMetrics *metrics = g_new0 (PuratanMetrics, 1);

  g_mutex_init (&metrics->lock);
  metrics->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  metrics->durations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return metrics;
}

void
puratan_metrics_free (PuratanMetrics *metrics)
{
  g_hash_table_unref (metrics->requests);
  g_hash_table_unref (metrics->durations);
  g_mutex_clear (&metrics->lock);
  g_free (metrics);
}

/* Counts one finished request. @route is the route pattern, or NULL when none matched. */
void
puratan_metrics_record_request (PuratanMetrics *metrics,
                                const char *method,
                                const char *route,
                                guint status,
                                gint64 duration_us)
{
  char key[512];
  guint64 *count;
  Histogram *histogram;
  double seconds = duration_us / 1e6;
  gsize bucket = 0;

  route = route != NULL ? route : "unmatched";
  g_snprintf (key, sizeof key, "%s %s %u", method != NULL ? method : "-", route, status);
  while (bucket < N_BUCKETS && seconds > buckets[bucket])
    bucket++;

  g_mutex_lock (&metrics->lock);
  count = g_hash_table_lookup (metrics->requests, key);
  if (count == NULL)
    {
      count = g_new0 (guint64, 1);
      g_hash_table_insert (metrics->requests, g_strdup (key), count);
    }
  (*count)++;
  histogram = g_hash_table_lookup (metrics->durations, route);
  if (histogram == NULL)
    {
      histogram = g_new0 (Histogram, 1);
      g_hash_table_insert (metrics->durations, g_strdup (route), histogram);
    }
  histogram->counts[bucket]++;
  histogram->sum += seconds;
  g_mutex_unlock (&metrics->lock);
}

void
puratan_metrics_add_upload_bytes (PuratanMetrics *metrics, guint64 n_bytes)
{
  g_mutex_lock (&metrics->lock);
  metrics->upload_bytes += n_bytes;
  g_mutex_unlock (&metrics->lock);
}

void
puratan_metrics_job_started (PuratanMetrics *metrics)
{
  g_mutex_lock (&metrics->lock);
  metrics->jobs_started++;
  g_mutex_unlock (&metrics->lock);
}

/* Label values are route patterns and methods the server knows, and status numbers, but
 * are escaped as the format asks all the same. */
static void
append_label (GString *out, const char *name, const char *value, gboolean first)
{
  g_string_append_printf (out, "%s%s=\"", first ? "" : ",", name);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
append_requests (GString *out, PuratanMetrics *metrics)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys;

  g_string_append (out, "# HELP puratan_http_requests_total HTTP requests answered, by method, "
                        "route pattern and status.\n"
                        "# TYPE puratan_http_requests_total counter\n");
  keys = g_hash_table_get_keys_as_array (metrics->requests, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n_keys; i++)
    {
      g_auto (GStrv) parts = g_strsplit (keys[i], " ", 3);
      guint64 *count = g_hash_table_lookup (metrics->requests, keys[i]);

      g_string_append (out, "puratan_http_requests_total{");
      append_label (out, "method", parts[0], TRUE);
      append_label (out, "route", parts[1], FALSE);
      append_label (out, "status", parts[2], FALSE);
      g_string_append_printf (out, "} %" G_GUINT64_FORMAT "\n", *count);
    }
}

static void
append_durations (GString *out, PuratanMetrics *metrics)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys;

  g_string_append (out, "# HELP puratan_http_request_duration_seconds Time from a request's "
                        "start to its end, by route pattern.\n"
                        "# TYPE puratan_http_request_duration_seconds histogram\n");
  keys = g_hash_table_get_keys_as_array (metrics->durations, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n_keys; i++)
    {
      Histogram *histogram = g_hash_table_lookup (metrics->durations, keys[i]);
      guint64 cumulative = 0;
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      for (gsize b = 0; b <= N_BUCKETS; b++)
        {
          cumulative += histogram->counts[b];
          g_string_append (out, "puratan_http_request_duration_seconds_bucket{");
          append_label (out, "route", keys[i], TRUE);
          if (b < N_BUCKETS)
            g_ascii_formatd (number, sizeof number, "%g", buckets[b]);
          append_label (out, "le", b < N_BUCKETS ? number : "+Inf", FALSE);
          g_string_append_printf (out, "} %" G_GUINT64_FORMAT "\n", cumulative);
        }
      g_string_append (out, "puratan_http_request_duration_seconds_sum{");
      append_label (out, "route", keys[i], TRUE);
      g_string_append_printf (out, "} %s\n",
                              g_ascii_dtostr (number, sizeof number, histogram->sum));
      g_string_append (out, "puratan_http_request_duration_seconds_count{");
      append_label (out, "route", keys[i], TRUE);
      g_string_append_printf (out, "} %" G_GUINT64_FORMAT "\n", cumulative);
    }
}

/* Renders every metric; returns NULL with @error set when the store cannot be read. */
static char *
render (PuratanServer *self, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) orders = NULL;
  PuratanMetrics *metrics = self->metrics;

  orders = puratan_order_count_by_status (self->database, error);
  if (orders == NULL)
    return NULL;

  g_mutex_lock (&metrics->lock);
  append_requests (out, metrics);
  append_durations (out, metrics);
  g_string_append_printf (out,
                          "# HELP puratan_upload_bytes_total Bytes of uploaded files stored.\n"
                          "# TYPE puratan_upload_bytes_total counter\n"
                          "puratan_upload_bytes_total %" G_GUINT64_FORMAT "\n"
                          "# HELP puratan_preflight_jobs_started_total Preflight checks started.\n"
                          "# TYPE puratan_preflight_jobs_started_total counter\n"
                          "puratan_preflight_jobs_started_total %" G_GUINT64_FORMAT "\n",
                          metrics->upload_bytes, metrics->jobs_started);
  g_mutex_unlock (&metrics->lock);

  g_string_append_printf (out,
                          "# HELP puratan_preflight_jobs_running Preflight checks running now.\n"
                          "# TYPE puratan_preflight_jobs_running gauge\n"
                          "puratan_preflight_jobs_running %u\n"
                          "# HELP puratan_preflight_jobs_max Preflight checks allowed at once.\n"
                          "# TYPE puratan_preflight_jobs_max gauge\n"
                          "puratan_preflight_jobs_max %u\n"
                          "# HELP puratan_orders Orders in the shop database, by status.\n"
                          "# TYPE puratan_orders gauge\n",
                          self->n_jobs, self->max_jobs);
  for (guint i = 0; i < orders->len; i++)
    {
      PuratanStatusCount *count = orders->pdata[i];

      g_string_append (out, "puratan_orders{");
      append_label (out, "status", count->status, TRUE);
      g_string_append_printf (out, "} %" G_GINT64_FORMAT "\n", count->count);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
respond_metrics (PuratanServer *self, SoupServerMessage *msg)
{
  g_autoptr (GError) error = NULL;
  char *text = render (self, &error);

  if (text == NULL)
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE", "Cannot gather metrics: %s",
                        error->message);
      puratan_server_respond_problem (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL, NULL,
                                      "The server cannot read its database right now.");
      return;
    }
  soup_server_message_set_response (msg, "text/plain; version=0.0.4; charset=utf-8",
                                    SOUP_MEMORY_TAKE, text, strlen (text));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static void
metrics_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  respond_metrics (PURATAN_SERVER (user_data), msg);
}

/* The separate metrics listener: /metrics only, GET only, no token. */
static void
metrics_listener_cb (SoupServer *soup,
                     SoupServerMessage *msg,
                     const char *path,
                     GHashTable *query,
                     gpointer user_data)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control",
                                "no-store");
  if (strcmp (path, "/metrics") != 0)
    puratan_server_respond_problem (msg, SOUP_STATUS_NOT_FOUND, NULL, NULL,
                                    "This listener serves /metrics only.");
  else if (strcmp (soup_server_message_get_method (msg), SOUP_METHOD_GET) != 0)
    puratan_server_respond_problem (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL, NULL,
                                    "This resource accepts only GET.");
  else
    respond_metrics (PURATAN_SERVER (user_data), msg);
}

/**
 * puratan_server_listen_metrics:
 * @self: a server
 * @address: "ADDR:PORT" for a listener that serves only `GET /metrics`, without a token
 * @error: return location for a #GError
 *
 * Opens a second, plain-HTTP listener for a Prometheus scraper. Bind it to a loopback or
 * private address only: whoever reaches it reads the metrics.
 *
 * Returns: %TRUE on success; %FALSE with @error set as for puratan_server_listen()
 */
gboolean
puratan_server_listen_metrics (PuratanServer *self, const char *address, GError **error)
{
  g_autoptr (GInetSocketAddress) socket_address = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (PURATAN_IS_SERVER (self), FALSE);

  socket_address = puratan_server_parse_address (address, error);
  if (socket_address == NULL)
    return FALSE;
  if (self->metrics_soup == NULL)
    {
      self->metrics_soup = soup_server_new ("server-header", "puratan-server", NULL);
      soup_server_add_handler (self->metrics_soup, NULL, metrics_listener_cb, self, NULL);
    }
  if (!soup_server_listen (self->metrics_soup, G_SOCKET_ADDRESS (socket_address), 0, &local_error))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot listen for metrics on %s: %s",
                   address, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_server_get_metrics_url:
 * @self: a server
 *
 * Returns: (transfer full) (nullable): the metrics listener's URL, or %NULL when it has none
 */
char *
puratan_server_get_metrics_url (PuratanServer *self)
{
  GSList *uris;
  char *url;

  g_return_val_if_fail (PURATAN_IS_SERVER (self), NULL);

  if (self->metrics_soup == NULL || (uris = soup_server_get_uris (self->metrics_soup)) == NULL)
    return NULL;
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

/* Adds GET /metrics to @self. */
void
puratan_server_add_metrics_routes (PuratanServer *self)
{
  puratan_server_add_route (self, "GET", "/metrics", metrics_cb, self);
}
