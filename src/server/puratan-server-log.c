/* puratan-server-log.c: structured logs on stderr
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every record goes to stderr as one logfmt line (key=value pairs), which
 * people can read and log collectors can parse, or, with `log-format = json`,
 * as one JSON object per line; under systemd the records go to the journal
 * with their fields instead. Only fields the server sets
 * itself are written: request headers (Authorization, cookies) and query
 * strings never reach the log.
 *
 * Lines are written with write(2) on stderr's descriptor, not through stdio. Info and
 * debug records (the access log's line for each request among them) are gathered and
 * written together once FLUSH_BYTES have collected or FLUSH_INTERVAL_MS after the first
 * of them, so a busy server does not make a system call per request; a record of a
 * higher level writes what is gathered and then itself at once, so the order holds and
 * warnings are never late. puratan_server_log_flush() writes what is left at exit.
 */
#include "puratan-server-log.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FLUSH_BYTES       16384
#define FLUSH_INTERVAL_MS 100

static gboolean log_json = FALSE;

/* Lines not written yet, and whether a flush is due (all under log_lock). */
static GMutex log_lock;
static GString *pending = NULL;
static gboolean flush_scheduled = FALSE;

/* Whether stderr is the journal: asked once, as asking costs a system call. */
static gsize stderr_is_journald = 0;

static gboolean
to_journald (void)
{
  if (g_once_init_enter (&stderr_is_journald))
    g_once_init_leave (&stderr_is_journald, g_log_writer_is_journald (fileno (stderr)) ? 2 : 1);
  return stderr_is_journald == 2;
}

static void
flush_locked (void)
{
  gsize done = 0;

  if (pending == NULL)
    return;
  while (done < pending->len)
    {
      ssize_t n = write (STDERR_FILENO, pending->str + done, pending->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break; /* stderr is gone: the lines are dropped, as stdio would. */
      done += (gsize) n;
    }
  g_string_truncate (pending, 0);
}

static gboolean
flush_cb (gpointer user_data)
{
  g_mutex_lock (&log_lock);
  flush_scheduled = FALSE;
  flush_locked ();
  g_mutex_unlock (&log_lock);
  return G_SOURCE_REMOVE;
}

/**
 * puratan_server_log_flush:
 *
 * Writes the log lines gathered but not written yet. Call it before the process exits.
 */
void
puratan_server_log_flush (void)
{
  g_mutex_lock (&log_lock);
  flush_locked ();
  g_mutex_unlock (&log_lock);
}

/* Writes @line now (warnings and worse, with what was gathered before it) or soon. */
static void
emit (GLogLevelFlags log_level, const GString *line)
{
  g_mutex_lock (&log_lock);
  if (pending == NULL)
    pending = g_string_sized_new (FLUSH_BYTES + 1024);
  g_string_append_len (pending, line->str, (gssize) line->len);
  if ((log_level & (G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG)) == 0 || pending->len >= FLUSH_BYTES)
    flush_locked ();
  else if (!flush_scheduled)
    {
      flush_scheduled = TRUE;
      g_timeout_add (FLUSH_INTERVAL_MS, flush_cb, NULL);
    }
  g_mutex_unlock (&log_lock);
}

/* Formats the current UTC time as "2026-12-06T15:37:24.123456Z" into @out. The
 * seconds part is formatted once per second per thread: formatting it for every
 * record (GDateTime) was a measurable share of a request's cost. */
static void
format_now (char out[32])
{
  static __thread gint64 cached_second = -1;
  static __thread char cached[24];
  gint64 now = g_get_real_time ();
  gint64 second = now / G_USEC_PER_SEC;

  if (second != cached_second)
    {
      time_t t = (time_t) second;
      struct tm tm;

      gmtime_r (&t, &tm);
      strftime (cached, sizeof cached, "%Y-%m-%dT%H:%M:%S", &tm);
      cached_second = second;
    }
  g_snprintf (out, 32, "%s.%06dZ", cached, (int) (now % G_USEC_PER_SEC));
}

/**
 * puratan_server_log_set_json:
 * @json: whether records are written as JSON lines rather than logfmt
 *
 * Chooses the format of the records on stderr. Call it before the server
 * starts its threads.
 */
void
puratan_server_log_set_json (gboolean json)
{
  log_json = json;
}

/**
 * puratan_server_append_json_string:
 * @line: where to append
 * @value: UTF-8 text
 *
 * Appends @value as a JSON string, escaping what JSON requires and every control
 * character, so a value can never end a log line or the object it is in.
 */
void
puratan_server_append_json_string (GString *line, const char *value)
{
  g_string_append_c (line, '"');
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (line, "\\%c", *p);
      else if (*p == '\n')
        g_string_append (line, "\\n");
      else if (*p < ' ' || *p == 0x7f)
        g_string_append_printf (line, "\\u%04x", *p);
      else
        g_string_append_c (line, (char) *p);
    }
  g_string_append_c (line, '"');
}

static const char *
level_name (GLogLevelFlags log_level)
{
  if (log_level & G_LOG_LEVEL_ERROR)
    return "error";
  if (log_level & G_LOG_LEVEL_CRITICAL)
    return "critical";
  if (log_level & G_LOG_LEVEL_WARNING)
    return "warning";
  if (log_level & G_LOG_LEVEL_MESSAGE)
    return "notice";
  if (log_level & G_LOG_LEVEL_INFO)
    return "info";
  return "debug";
}

/* Appends a logfmt value: bare when it is a plain word, else quoted with
 * quotes, backslashes and control characters escaped, so a value can never
 * forge a second record or field. */
static void
append_value (GString *line, const char *value, gssize length)
{
  gsize len = length < 0 ? strlen (value) : (gsize) length;
  gboolean plain = len > 0;

  for (gsize i = 0; i < len && plain; i++)
    {
      guchar c = (guchar) value[i];

      plain = c > ' ' && c != '"' && c != '=' && c != '\\' && c < 0x7f;
    }

  if (plain)
    {
      g_string_append_len (line, value, len);
      return;
    }

  g_string_append_c (line, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) value[i];

      if (c == '"' || c == '\\')
        g_string_append_printf (line, "\\%c", c);
      else if (c == '\n')
        g_string_append (line, "\\n");
      else if (c < ' ' || c == 0x7f)
        g_string_append_printf (line, "\\x%02x", c);
      else
        g_string_append_c (line, (char) c);
    }
  g_string_append_c (line, '"');
}

/* Appends @key in lower case (field names are ASCII). */
static void
append_key (GString *line, const char *key)
{
  for (const char *p = key; *p != '\0'; p++)
    g_string_append_c (line, g_ascii_tolower (*p));
}

static gboolean
skip_field (const char *key)
{
  static const char *const skipped[] = {
    "MESSAGE", "PRIORITY", "GLIB_DOMAIN", "GLIB_OLD_LOG_API", "CODE_FILE", "CODE_LINE", "CODE_FUNC",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (skipped); i++)
    if (strcmp (key, skipped[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * puratan_server_log_writer:
 * @log_level: the record's level
 * @fields: (array length=n_fields): the record's fields
 * @n_fields: the number of @fields
 * @user_data: unused
 *
 * A #GLogWriterFunc for g_log_set_writer_func(). Debug records are dropped
 * unless `G_MESSAGES_DEBUG` names their domain (or "all"); everything else
 * is written, to the journal when stderr is connected to it, else as one
 * logfmt line on stderr: `time=… level=… domain=… msg="…"` followed by the
 * record's own fields in lower case.
 *
 * Returns: whether the record was handled
 */
GLogWriterOutput
puratan_server_log_writer (GLogLevelFlags log_level,
                           const GLogField *fields,
                           gsize n_fields,
                           gpointer user_data)
{
  g_autoptr (GString) line = NULL;
  char time[32];
  const char *domain = NULL;
  const char *message = NULL;

  g_return_val_if_fail (fields != NULL, G_LOG_WRITER_UNHANDLED);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (strcmp (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (strcmp (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }

  if ((log_level & G_LOG_LEVEL_DEBUG) && g_log_writer_default_would_drop (log_level, domain))
    return G_LOG_WRITER_HANDLED;

  if (to_journald ())
    return g_log_writer_journald (log_level, fields, n_fields, user_data);

  format_now (time);
  if (log_json)
    {
      line = g_string_new ("{\"time\":\"");
      g_string_append (line, time);
      g_string_append (line, "\",\"level\":\"");
      g_string_append (line, level_name (log_level));
      g_string_append (line, "\",\"domain\":");
      puratan_server_append_json_string (line, domain != NULL ? domain : "");
      g_string_append (line, ",\"msg\":");
      puratan_server_append_json_string (line, message != NULL ? message : "");
      for (gsize i = 0; i < n_fields; i++)
        {
          g_autofree char *key = NULL;

          if (skip_field (fields[i].key) || fields[i].length != -1)
            continue;
          key = g_ascii_strdown (fields[i].key, -1);
          g_string_append_c (line, ',');
          puratan_server_append_json_string (line, key);
          g_string_append_c (line, ':');
          puratan_server_append_json_string (line, fields[i].value);
        }
      g_string_append (line, "}\n");
      emit (log_level, line);
      return G_LOG_WRITER_HANDLED;
    }
  line = g_string_new ("time=");
  g_string_append (line, time);
  g_string_append (line, " level=");
  g_string_append (line, level_name (log_level));
  if (domain != NULL)
    {
      g_string_append (line, " domain=");
      append_value (line, domain, -1);
    }
  g_string_append (line, " msg=");
  append_value (line, message != NULL ? message : "", -1);

  for (gsize i = 0; i < n_fields; i++)
    {
      if (skip_field (fields[i].key) || fields[i].length != -1)
        continue;
      g_string_append_c (line, ' ');
      append_key (line, fields[i].key);
      g_string_append_c (line, '=');
      append_value (line, fields[i].value, -1);
    }
  g_string_append_c (line, '\n');

  emit (log_level, line);
  return G_LOG_WRITER_HANDLED;
}

/**
 * puratan_server_log_request:
 * @method: (nullable): the request's method, %NULL when it could not be read
 * @path: (nullable): the request's path without its query string
 * @status: the status the server answered with
 * @duration_us: microseconds from the start of the request to its end
 * @request_id: (nullable): the id the answer carried in `X-Request-Id`
 *
 * Writes the access-log record of one request at the info level, with the
 * fields HTTP_METHOD, HTTP_PATH, HTTP_STATUS, DURATION_MS and REQUEST_ID.
 */
void
puratan_server_log_request (
    const char *method, const char *path, guint status, gint64 duration_us, const char *request_id)
{
  char status_text[16];
  char duration_text[32];

  /* The fields g_log_structured() would make, given as an array: it would format the
   * message with printf on every request. PRIORITY 6 is syslog's "info". */
  const GLogField fields[] = {
    { "GLIB_DOMAIN", G_LOG_DOMAIN, -1 },
    { "PRIORITY", "6", -1 },
    { "HTTP_METHOD", method != NULL ? method : "-", -1 },
    { "HTTP_PATH", path != NULL ? path : "-", -1 },
    { "HTTP_STATUS", status_text, -1 },
    { "DURATION_MS", duration_text, -1 },
    { "REQUEST_ID", request_id != NULL ? request_id : "-", -1 },
    { "MESSAGE", "request", -1 },
  };
  /* Milliseconds with three decimals, as "%.3f" would give, without floating point. */
  gint64 micros = MAX (duration_us, 0);

  g_snprintf (status_text, sizeof status_text, "%u", status);
  g_snprintf (duration_text, sizeof duration_text, "%" G_GINT64_FORMAT ".%03u", micros / 1000,
              (guint) (micros % 1000));
  g_log_structured_array (G_LOG_LEVEL_INFO, fields, G_N_ELEMENTS (fields));
}
