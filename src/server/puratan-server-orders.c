/* puratan-server-orders.c: the orders of the back office
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /api/v1/orders (filters, cursor pages), GET /api/v1/orders/{id} (with an ETag: the
 * order's version), POST /api/v1/orders (with an Idempotency-Key; every line is priced here
 * from the catalog, never from the client), PATCH /api/v1/orders/{id} (If-Match required)
 * and POST /api/v1/orders/{id}/transitions (the orders layer's guarded workflow, audited
 * with the acting account). A customer's account sees and acts on its own orders only.
 */
#include "puratan-server-api-private.h"

#include <string.h>

#include "puratan-core.h"
#include "puratan-server-response.h"

#define DEFAULT_PAGE 50
#define MAX_PAGE     200
#define MAX_LINES    50

static const char *const list_parameters[] = { "status", "customer", "due_before",
                                               "cursor", "limit",    NULL };

static gboolean
parse_count (const char *text, gint64 min, gint64 max, gint64 *out)
{
  guint64 value;

  if (text == NULL ||
      !g_ascii_string_to_unsigned (text, 10, (guint64) min, (guint64) max, &value, NULL))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

static void
list_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  const PuratanPrincipal *principal = puratan_server_get_principal (msg);
  g_autoptr (GHashTable) query = puratan_server_parse_query (msg, list_parameters);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) orders = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *own = NULL;
  const char *status, *customer, *due, *text;
  gint64 cursor = 0, limit = DEFAULT_PAGE;
  PuratanOrderState state;

  if (query == NULL)
    return;
  status = g_hash_table_lookup (query, "status");
  customer = g_hash_table_lookup (query, "customer");
  due = g_hash_table_lookup (query, "due_before");
  if (status != NULL && !puratan_order_state_from_string (status, &state, NULL))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "“status” must be an order state such as placed or ready.");
      return;
    }
  if (customer != NULL && !puratan_server_is_uuid (customer))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "“customer” must be a customer id.");
      return;
    }
  text = g_hash_table_lookup (query, "cursor");
  if (text != NULL && !parse_count (text, 1, G_MAXINT64, &cursor))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "“cursor” must be a next_cursor from an earlier page.");
      return;
    }
  text = g_hash_table_lookup (query, "limit");
  if (text != NULL && !parse_count (text, 1, MAX_PAGE, &limit))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "“limit” must be a whole number from 1 to 200.");
      return;
    }

  if (principal->role == PURATAN_ROLE_CUSTOMER)
    {
      own = puratan_server_customer_of (self, principal, &error);
      if (error != NULL)
        {
          puratan_server_respond_error (msg, error);
          return;
        }
      if (customer != NULL && g_strcmp0 (customer, own) != 0)
        {
          puratan_server_respond_problem (msg, SOUP_STATUS_FORBIDDEN, NULL, NULL,
                                          "A customer's account lists its own orders only.");
          return;
        }
      customer = own;
    }

  if (principal->role == PURATAN_ROLE_CUSTOMER && own == NULL)
    orders = g_ptr_array_new ();
  else
    orders = puratan_order_list_page (puratan_server_get_database (self), status, customer, due,
                                      cursor, (guint) limit + 1, &error);
  if (orders == NULL)
    {
      puratan_server_respond_error (msg, error);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "orders");
  json_builder_begin_array (builder);
  for (guint i = 0; i < orders->len && i < (guint) limit; i++)
    {
      json_builder_begin_object (builder);
      puratan_server_add_order (builder, orders->pdata[i], FALSE);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "next_cursor");
  if (orders->len > (guint) limit)
    {
      g_autofree char *next = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               ((PuratanOrder *) orders->pdata[limit - 1])->number);
      json_builder_add_string_value (builder, next);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  puratan_server_respond_json (msg, SOUP_STATUS_OK, root);
}

static void
respond_order (SoupServerMessage *msg, guint status, const PuratanOrder *order)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  puratan_server_add_order (builder, order, TRUE);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  puratan_server_set_etag (msg, order);
  puratan_server_respond_json (msg, status, root);
}

static void
get_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  g_autoptr (PuratanOrder) order =
      puratan_server_visible_order (PURATAN_SERVER (user_data), msg, params);

  if (order != NULL)
    respond_order (msg, SOUP_STATUS_OK, order);
}

/* Refuses members of @object not in @allowed with %PURATAN_ERROR_INVALID_INPUT. */
static gboolean
check_members (JsonObject *object, const char *const *allowed, const char *what, GError **error)
{
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *list = g_strjoinv (", ", (char **) allowed);

        g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                     "%s takes only %s; prices and totals are set by the server.", what, list);
        return FALSE;
      }
  return TRUE;
}

/* Refuses members of @object not in @allowed; FALSE after answering 400. */
static gboolean
only_members (SoupServerMessage *msg,
              JsonObject *object,
              const char *const *allowed,
              const char *what)
{
  g_autoptr (GError) error = NULL;

  if (check_members (object, allowed, what, &error))
    return TRUE;
  puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL, error->message);
  return FALSE;
}

/* Whether @text is a real calendar date written YYYY-MM-DD. */
static gboolean
is_date (const char *text)
{
  guint64 year, month, day;
  char part[5] = { 0 };

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  memcpy (part, text, 4);
  if (!g_ascii_string_to_unsigned (part, 10, 1, 9999, &year, NULL))
    return FALSE;
  memset (part, 0, sizeof part);
  memcpy (part, text + 5, 2);
  if (!g_ascii_string_to_unsigned (part, 10, 1, 12, &month, NULL))
    return FALSE;
  memcpy (part, text + 8, 2);
  if (!g_ascii_string_to_unsigned (part, 10, 1, 31, &day, NULL))
    return FALSE;
  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* Priced lines kept at most; past this the memo starts again. */
#define MAX_PRICED_LINES 4096

static PuratanOrderLine *
copy_line (const PuratanOrderLine *line)
{
  PuratanOrderLine *copy = puratan_order_line_new (
      line->product, line->hsn_sac, line->quantity, line->unit_price_paise, line->line_total_paise,
      line->tax_rate_bp, line->tax_paise, line->snapshot);

  g_free (copy->description);
  copy->description = g_strdup (line->description);
  return copy;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Appends @text to @key as its length, a colon and its bytes, so no text a client sends can
 * run into the next field. */
static void
append_field (GString *key, const char *text)
{
  g_string_append_printf (key, "%zu:%s", strlen (text), text);
}

/* What decides a line's price: the product, its options in name order, the quantity and the
 * day. The key is built before the catalog has checked any of it, so each text is written
 * with its length: two different requests never share a key. */
static char *
price_key (const char *product, GHashTable *options, gint64 quantity, const GDate *date)
{
  g_autofree gpointer *names = NULL;
  GString *key = g_string_new (NULL);
  guint n = 0;

  append_field (key, product);
  names = g_hash_table_get_keys_as_array (options, &n);
  qsort (names, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    {
      append_field (key, names[i]);
      append_field (key, g_hash_table_lookup (options, names[i]));
    }
  g_string_append_printf (key, "%" G_GINT64_FORMAT ";%u", quantity, g_date_get_julian (date));
  return g_string_free (key, FALSE);
}

/* Prices one line of the request with today's catalog and freezes it. A quote depends only on
 * the catalog (fixed while the server runs), the product, its options, the quantity and the
 * day, so a line priced before is copied from the server's memo instead of priced again: shops
 * sell the same few configurations over and over, and pricing was a fifth of an order's cost. */
static PuratanOrderLine *
price_line (PuratanServer *self, PuratanCatalog *catalog, JsonObject *line, GError **error)
{
  g_autoptr (GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (PuratanJob) job = NULL;
  g_autoptr (PuratanQuote) quote = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *key = NULL;
  PuratanQuoteRequest request = { 0 };
  PuratanOrderLine *priced;
  JsonObject *chosen = NULL;
  const char *product = NULL;
  gint64 quantity = 0;

  if (!puratan_json_get_string (line, "product", &product, error) ||
      !puratan_json_get_int (line, "quantity", &quantity, error) ||
      !puratan_json_get_optional_object (line, "options", &chosen, error))
    return NULL;
  if (chosen != NULL)
    {
      g_autoptr (GList) names = json_object_get_members (chosen);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (chosen, l->data);

          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
            {
              g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "The option “%s” must be a string", (const char *) l->data);
              return NULL;
            }
          g_hash_table_insert (options, l->data, (gpointer) json_node_get_string (value));
        }
    }
  g_date_clear (&request.date, 1);
  g_date_set_dmy (&request.date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  key = price_key (product, options, quantity, &request.date);
  if (self->priced_lines != NULL && (priced = g_hash_table_lookup (self->priced_lines, key)))
    return copy_line (priced);
  if ((job = puratan_job_new (catalog, product, options, error)) == NULL ||
      (quote = puratan_quote_new (catalog, &request, &job, &quantity, 1, error)) == NULL ||
      (priced = puratan_order_line_from_quote (quote, 0, error)) == NULL)
    return NULL;
  if (self->priced_lines == NULL || g_hash_table_size (self->priced_lines) >= MAX_PRICED_LINES)
    {
      g_clear_pointer (&self->priced_lines, g_hash_table_unref);
      self->priced_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) puratan_order_line_free);
    }
  g_hash_table_insert (self->priced_lines, g_steal_pointer (&key), copy_line (priced));
  return priced;
}

/* The work of POST /api/v1/orders (a #PuratanIdempotentWork on a #PuratanOrderCreate). */
gboolean
puratan_server_order_create_work (PuratanDatabase *database,
                                  gpointer data,
                                  PuratanStoredAnswer *answer,
                                  GError **error)
{
  PuratanOrderCreate *create = data;
  g_autoptr (PuratanCustomer) customer = NULL;
  g_autoptr (PuratanOrder) draft = NULL;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *own = NULL;
  const char *customer_id = create->customer_id;

  if (create->principal->role == PURATAN_ROLE_CUSTOMER)
    {
      g_autoptr (PuratanAccount) account =
          puratan_account_get (database, create->principal->account_id, error);
      g_autofree char *name = NULL;

      if (account == NULL)
        return FALSE;
      /* The new customer record is named after the address's local part (customer names are
       * at most 200 bytes; addresses up to 254); the shop can rename it. */
      name = g_strndup (account->email, MIN (strcspn (account->email, "@"), 200));
      own = puratan_account_customer_ensure (database, account->id, name, account->email, error);
      if (own == NULL)
        return FALSE;
      customer_id = own;
    }
  else if (create->customer_name != NULL)
    {
      customer = puratan_customer_new (create->customer_name);
      if (!puratan_customer_insert (database, customer, error))
        return FALSE;
      customer_id = customer->id;
    }
  else if ((customer = puratan_customer_get (database, customer_id, error)) == NULL)
    return FALSE;

  draft = puratan_orders_create (database, customer_id, create->due_date, create->notes,
                                 create->principal->account_id, create->principal->role, error);
  if (draft == NULL)
    return FALSE;
  for (guint i = 0; i < create->lines->len; i++)
    if (!puratan_order_add_line (database, draft, create->lines->pdata[i], error))
      return FALSE;
  order = puratan_order_get (database, draft->id, error);
  if (order == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  puratan_server_add_order (builder, order, TRUE);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  answer->status = SOUP_STATUS_CREATED;
  answer->response = puratan_json_to_string (root, FALSE);
  answer->location = g_strconcat ("/api/v1/orders/", order->id, NULL);
  return TRUE;
}

/* Reads a new order's body into @create (which borrows its strings from @body and owns the
 * priced lines): the members, the customer as the sender's role allows, the due date and 1
 * to 50 lines, each priced here from today's catalog. %PURATAN_ERROR_INVALID_INPUT tells
 * what is wrong with the body. */
gboolean
puratan_server_order_create_parse (PuratanServer *self,
                                   const PuratanPrincipal *principal,
                                   JsonObject *body,
                                   PuratanOrderCreate *create,
                                   GError **error)
{
  static const char *const members[] = { "customer_id", "customer_name", "due_date",
                                         "notes",       "lines",         NULL };
  static const char *const line_members[] = { "product", "quantity", "options", NULL };
  PuratanCatalog *catalog;
  JsonArray *array = NULL;

  create->self = self;
  create->principal = principal;
  if (!check_members (body, members, "An order", error))
    return FALSE;
  if (!puratan_json_get_optional_string (body, "customer_id", NULL, &create->customer_id, error) ||
      !puratan_json_get_optional_string (body, "customer_name", NULL, &create->customer_name,
                                         error) ||
      !puratan_json_get_optional_string (body, "due_date", NULL, &create->due_date, error) ||
      !puratan_json_get_optional_string (body, "notes", NULL, &create->notes, error) ||
      !puratan_json_get_array (body, "lines", &array, error))
    return FALSE;
  if (principal->role == PURATAN_ROLE_CUSTOMER
          ? create->customer_id != NULL || create->customer_name != NULL
          : (create->customer_id == NULL) == (create->customer_name == NULL))
    {
      g_set_error_literal (
          error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
          principal->role == PURATAN_ROLE_CUSTOMER
              ? "A customer's order is always their own: leave out customer_id and customer_name."
              : "Give either customer_id (an existing customer) or customer_name (a new one).");
      return FALSE;
    }
  if (create->due_date != NULL && !is_date (create->due_date))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "“due_date” must be a date, YYYY-MM-DD.");
      return FALSE;
    }
  if (create->customer_id != NULL && !puratan_server_is_uuid (create->customer_id))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "“customer_id” must be a customer id.");
      return FALSE;
    }
  if (json_array_get_length (array) < 1 || json_array_get_length (array) > MAX_LINES)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "An order needs 1 to 50 lines.");
      return FALSE;
    }
  catalog = puratan_server_get_catalog (self, error);
  if (catalog == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      PuratanOrderLine *line;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                               "Each line is an object with product, quantity and options.");
          return FALSE;
        }
      if (!check_members (json_node_get_object (node), line_members, "A line", error))
        return FALSE;
      line = price_line (self, catalog, json_node_get_object (node), error);
      if (line == NULL)
        {
          if ((*error)->domain != PURATAN_ERROR)
            (*error)->domain = PURATAN_ERROR, (*error)->code = PURATAN_ERROR_INVALID_INPUT;
          return FALSE;
        }
      g_ptr_array_add (create->lines, line);
    }
  return TRUE;
}

static void
create_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (user_data);
  g_autoptr (JsonObject) body = puratan_server_read_json (msg);
  g_autoptr (GPtrArray) lines =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_order_line_free);
  g_autoptr (GError) error = NULL;
  PuratanOrderCreate create = { .lines = lines };

  if (body == NULL)
    return;
  if (!puratan_server_order_create_parse (self, puratan_server_get_principal (msg), body, &create,
                                          &error))
    {
      puratan_server_respond_error (msg, error);
      return;
    }
  puratan_server_run_idempotent (self, msg, puratan_server_order_create_work, &create);
}

/* The version an If-Match names ("3" or W/"3" are not the same: only strong tags match), or
 * -1 when it names none of ours. */
static gint64
if_match_version (const char *header)
{
  g_autofree char *copy = g_strstrip (g_strdup (header));
  gsize length = strlen (copy);
  guint64 version;

  if (length < 3 || copy[0] != '"' || copy[length - 1] != '"')
    return -1;
  copy[length - 1] = '\0';
  if (!g_ascii_string_to_unsigned (copy + 1, 10, 1, G_MAXINT64, &version, NULL))
    return -1;
  return (gint64) version;
}

static void
respond_stale (SoupServerMessage *msg, const PuratanOrder *order)
{
  puratan_server_set_etag (msg, order);
  puratan_server_respond_problem_code (
      msg, SOUP_STATUS_PRECONDITION_FAILED, "stale",
      "The order was changed since you read it (see its current ETag); nothing was changed. "
      "Read it again and apply your change to the new version.");
}

static void
patch_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  static const char *const members[] = { "due_date", "notes", NULL };
  PuratanServer *self = PURATAN_SERVER (user_data);
  const char *if_match =
      soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-Match");
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (PuratanOrder) saved = NULL;
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *due = NULL;
  g_autofree char *notes = NULL;
  const char *text = NULL;
  gint64 expected;

  order = puratan_server_visible_order (self, msg, params);
  if (order == NULL)
    return;
  if (if_match == NULL)
    {
      puratan_server_respond_problem_code (
          msg, PURATAN_SERVER_STATUS_PRECONDITION_REQUIRED, "if_match_required",
          "Send If-Match with the order's ETag from your last read, so that a change made "
          "meanwhile by someone else is not overwritten.");
      return;
    }
  body = puratan_server_read_json (msg);
  if (body == NULL || !only_members (msg, body, members, "A change to an order"))
    return;
  expected = if_match_version (if_match);
  if (expected != order->version)
    {
      respond_stale (msg, order);
      return;
    }

  due = g_strdup (order->due_date);
  notes = g_strdup (order->notes);
  if (json_object_has_member (body, "due_date"))
    {
      if (!puratan_json_get_optional_string (body, "due_date", NULL, &text, &error))
        {
          puratan_server_respond_error (msg, error);
          return;
        }
      g_free (due);
      due = g_strdup (text);
    }
  if (json_object_has_member (body, "notes"))
    {
      if (!puratan_json_get_string (body, "notes", &text, &error))
        {
          puratan_server_respond_error (msg, error);
          return;
        }
      g_free (notes);
      notes = g_strdup (text);
    }
  if (!puratan_order_save_details (puratan_server_get_database (self), order, due,
                                   notes != NULL ? notes : "", &error))
    {
      if (g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT))
        {
          g_autoptr (PuratanOrder) current =
              puratan_order_get (puratan_server_get_database (self), order->id, NULL);
          respond_stale (msg, current != NULL ? current : order);
          return;
        }
      puratan_server_respond_error (msg, error);
      return;
    }
  saved = puratan_order_get (puratan_server_get_database (self), order->id, &error);
  if (saved == NULL)
    {
      puratan_server_respond_error (msg, error);
      return;
    }
  puratan_server_publish_order (self, saved);
  respond_order (msg, SOUP_STATUS_OK, saved);
}

static void
transition_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  static const char *const members[] = { "action", "reason", "refund_method", NULL };
  PuratanServer *self = PURATAN_SERVER (user_data);
  const PuratanPrincipal *principal = puratan_server_get_principal (msg);
  const char *if_match =
      soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-Match");
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (PuratanOrder) after = NULL;
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (GError) error = NULL;
  const char *action_name = NULL, *reason = NULL, *refund = NULL;
  PuratanOrderAction action;
  gint64 expected = PURATAN_ANY_VERSION;

  order = puratan_server_visible_order (self, msg, params);
  if (order == NULL)
    return;
  body = puratan_server_read_json (msg);
  if (body == NULL || !only_members (msg, body, members, "A transition"))
    return;
  if (!puratan_json_get_string (body, "action", &action_name, &error) ||
      !puratan_order_action_from_string (action_name, &action, &error) ||
      !puratan_json_get_optional_string (body, "reason", NULL, &reason, &error) ||
      !puratan_json_get_optional_string (body, "refund_method", NULL, &refund, &error))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL, error->message);
      return;
    }
  if (reason != NULL && strlen (reason) > 2000)
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "“reason” is at most 2000 bytes.");
      return;
    }
  if (if_match != NULL && (expected = if_match_version (if_match)) != order->version)
    {
      respond_stale (msg, order);
      return;
    }
  after =
      puratan_orders_transition (puratan_server_get_database (self), order->id, expected, action,
                                 principal->account_id, principal->role, reason, refund, &error);
  if (after == NULL)
    {
      if (g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT))
        respond_stale (msg, order);
      else
        puratan_server_respond_api_error (msg, error);
      return;
    }
  puratan_server_publish_order (self, after);
  respond_order (msg, SOUP_STATUS_OK, after);
}

/* Adds the order routes. */
void
puratan_server_add_order_routes (PuratanServer *self)
{
  puratan_server_add_route (self, "GET", "/api/v1/orders", list_cb, self);
  puratan_server_add_route_full (self, "POST", "/api/v1/orders", PURATAN_ROUTE_IDEMPOTENT,
                                 create_cb, self);
  puratan_server_add_route (self, "GET", "/api/v1/orders/{id}", get_cb, self);
  puratan_server_add_route (self, "PATCH", "/api/v1/orders/{id}", patch_cb, self);
  puratan_server_add_route (self, "POST", "/api/v1/orders/{id}/transitions", transition_cb, self);
}
