/* puratan-server-response.c: JSON and problem+json answers
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-server-response.h"

#include "puratan-error.h"

/* The reason phrase of @status; libsoup 3.2 does not know 429. */
static const char *
reason_phrase (guint status)
{
  /* RFC 6585 and RFC 9110 statuses libsoup 3.2 has no phrase for. */
  if (status == PURATAN_SERVER_STATUS_TOO_MANY_REQUESTS)
    return "Too Many Requests";
  if (status == PURATAN_SERVER_STATUS_UPGRADE_REQUIRED)
    return "Upgrade Required";
  if (status == PURATAN_SERVER_STATUS_PRECONDITION_REQUIRED)
    return "Precondition Required";
  if (status == PURATAN_SERVER_STATUS_HEADERS_TOO_LARGE)
    return "Request Header Fields Too Large";
  return soup_status_get_phrase (status);
}

static void
set_body (SoupServerMessage *msg, guint status, const char *content_type, JsonNode *body)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, body);
  text = json_generator_to_data (generator, &length);

  soup_server_message_set_status (msg, status, reason_phrase (status));
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, text, length);
}

/**
 * puratan_server_respond_json:
 * @msg: the request being answered
 * @status: the HTTP status code
 * @body: (transfer none): the JSON document to send
 *
 * Answers @msg with @status and @body as `application/json`, replacing
 * any body set before.
 */
void
puratan_server_respond_json (SoupServerMessage *msg, guint status, JsonNode *body)
{
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));
  g_return_if_fail (body != NULL);

  set_body (msg, status, PURATAN_SERVER_JSON_TYPE, body);
}

static void
respond_problem (SoupServerMessage *msg,
                 guint status,
                 const char *type,
                 const char *title,
                 const char *detail,
                 const char *code)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));
  g_return_if_fail (status >= 400 && status < 600);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type != NULL ? type : "about:blank");
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title != NULL ? title : reason_phrase (status));
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  if (detail != NULL)
    {
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, detail);
    }
  if (code != NULL)
    {
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, code);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  set_body (msg, status, PURATAN_SERVER_PROBLEM_TYPE, root);
}

/**
 * puratan_server_respond_problem:
 * @msg: the request being answered
 * @status: the HTTP status code, 400 or above
 * @type: (nullable): a URI naming the kind of problem; %NULL for
 *   "about:blank", which means the status code says it all
 * @title: (nullable): a short, fixed summary of the kind of problem; %NULL
 *   for the status code's reason phrase
 * @detail: (nullable): what went wrong with this request, for the person
 *   reading it; never internal data such as paths or SQL
 *
 * Answers @msg with an RFC 9457 problem document
 * (`application/problem+json`) holding `type`, `title`, `status` and,
 * when given, `detail`.
 */
void
puratan_server_respond_problem (
    SoupServerMessage *msg, guint status, const char *type, const char *title, const char *detail)
{
  respond_problem (msg, status, type, title, detail, NULL);
}

/**
 * puratan_server_respond_problem_code:
 * @msg: the request being answered
 * @status: the HTTP status code, 400 or above
 * @code: (nullable): a stable, machine-readable name of the problem (such
 *   as "totp_required"), sent as the extension member `code`
 * @detail: (nullable): what went wrong, for the person reading it
 *
 * Like puratan_server_respond_problem() with the default type and title,
 * plus `code` for clients that must tell problems of one status apart.
 */
void
puratan_server_respond_problem_code (SoupServerMessage *msg,
                                     guint status,
                                     const char *code,
                                     const char *detail)
{
  respond_problem (msg, status, NULL, NULL, detail, code);
}

/**
 * puratan_server_respond_busy:
 * @msg: the request to answer
 * @detail: what the server is busy with, for the person reading it
 *
 * Answers @msg with 503 and `Retry-After`: every slot for long jobs is
 * taken, and the same request may be sent again in a few seconds.
 */
void
puratan_server_respond_busy (SoupServerMessage *msg, const char *detail)
{
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                PURATAN_SERVER_RETRY_AFTER_SECONDS);
  puratan_server_respond_problem (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL, NULL, detail);
}

/**
 * puratan_server_status_for_error:
 * @error: a failure from a lower layer
 *
 * Maps a %PURATAN_ERROR code to the HTTP status that reports it: bad input
 * is 400, a missing record 404, a stale write 409, a refused role 403 and
 * a newer data version 409. Any other error, including errors of other
 * domains, is the server's own failure: 500.
 *
 * Returns: an HTTP status code
 */
guint
puratan_server_status_for_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, SOUP_STATUS_INTERNAL_SERVER_ERROR);

  if (error->domain != PURATAN_ERROR)
    return SOUP_STATUS_INTERNAL_SERVER_ERROR;

  switch ((PuratanError) error->code)
    {
      case PURATAN_ERROR_INVALID_INPUT:
      case PURATAN_ERROR_PARSE:
      case PURATAN_ERROR_OVERFLOW:
      case PURATAN_ERROR_CURRENCY_MISMATCH:
      case PURATAN_ERROR_UNKNOWN_CURRENCY:
        return SOUP_STATUS_BAD_REQUEST;
      case PURATAN_ERROR_NOT_FOUND:
        return SOUP_STATUS_NOT_FOUND;
      case PURATAN_ERROR_CONFLICT:
      case PURATAN_ERROR_UNSUPPORTED_VERSION:
        return SOUP_STATUS_CONFLICT;
      case PURATAN_ERROR_PERMISSION_DENIED:
        return SOUP_STATUS_FORBIDDEN;
      case PURATAN_ERROR_IO:
      case PURATAN_ERROR_CORRUPT:
      case PURATAN_ERROR_RANDOM:
      default:
        return SOUP_STATUS_INTERNAL_SERVER_ERROR;
    }
}

/**
 * puratan_server_respond_error:
 * @msg: the request being answered
 * @error: a failure from a lower layer
 *
 * Answers @msg with a problem document whose status comes from
 * puratan_server_status_for_error(). For a client error the detail is
 * @error's message, which lower layers write for the person who must act
 * on it; for a server error the detail is generic, so that file names and
 * other internals stay in the server's log.
 */
void
puratan_server_respond_error (SoupServerMessage *msg, const GError *error)
{
  guint status;

  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));
  g_return_if_fail (error != NULL);

  status = puratan_server_status_for_error (error);
  if (status >= 500)
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, "MESSAGE", "Request failed: %s",
                        error->message);
      puratan_server_respond_problem (msg, status, NULL, NULL,
                                      "The server could not complete the request. "
                                      "The failure has been logged.");
      return;
    }

  puratan_server_respond_problem (msg, status, NULL, NULL, error->message);
}
