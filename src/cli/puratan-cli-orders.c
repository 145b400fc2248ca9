/* puratan-cli-orders.c: `puratan orders`, the shop's orders from scripts
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "puratan-cli-catalog.h"
#include "puratan-cli.h"
#include "puratan-core.h"
#include "puratan-orders.h"

static char *
money_text (gint64 paise)
{
  PuratanMoney money;
  char *text = NULL;

  if (puratan_money_init (&money, paise, "INR", NULL))
    text = puratan_money_format (money, "en_IN", NULL);
  return text != NULL ? text : g_strdup_printf ("%" G_GINT64_FORMAT " paise", paise);
}

/* Finds an order by UUID, by number (42) or by printed number (ORDER-000042). */
static PuratanOrder *
find_order (PuratanDatabase *database, const char *key, GError **error)
{
  const char *digits = g_str_has_prefix (key, "ORDER-") ? key + strlen ("ORDER-") : key;
  guint64 number = 0;

  if (strlen (key) == 36)
    return puratan_order_get (database, key, error);
  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &number, NULL))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” is not an order; give its number (42 or ORDER-000042) or its id", key);
      return NULL;
    }
  return puratan_order_get_by_number (database, (gint64) number, error);
}

static int
orders_list_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (GPtrArray) orders = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL, *status = NULL, *customer = NULL, *due = NULL;
  int limit = 100;
  PuratanOrderState state;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path, "Use the database file PATH", "PATH" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, "Only orders in STATE", "STATE" },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, "Only this customer's orders", "ID" },
    { "due-before", 0, 0, G_OPTION_ARG_STRING, &due, "Only orders due on or before DATE",
      "YYYY-MM-DD" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "Show at most N orders (default 100)", "N" },
    { NULL },
  };

  context = puratan_cli_option_context_new ("orders list", NULL,
                                            "List orders, newest first: number, state, due date, "
                                            "total, paid and customer.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "orders list", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc > 1)
    return puratan_cli_usage_error ("orders list", "unexpected argument '%s'", argv[1]);
  if (limit < 1 || limit > 10000)
    return puratan_cli_usage_error ("orders list", "--limit must be 1 to 10000");
  if (status != NULL && !puratan_order_state_from_string (status, &state, &error))
    return puratan_cli_usage_error ("orders list", "%s", error->message);

  database = puratan_cli_open_database (path, &error);
  if (database != NULL)
    orders = puratan_order_list (database, status, customer, due, (guint) limit, &error);
  if (orders == NULL)
    return puratan_cli_failure ("orders list", error);

  for (guint i = 0; i < orders->len; i++)
    {
      PuratanOrder *order = orders->pdata[i];
      g_autofree char *number = puratan_order_format_number (order->number);
      g_autofree char *total = money_text (order->total_paise);
      g_autofree char *paid = money_text (order->paid_paise);
      g_autoptr (PuratanCustomer) who = puratan_customer_get (database, order->customer_id, NULL);

      g_print ("%s  %-17s  %-10s  %12s  paid %12s  %s\n", number, order->status,
               order->due_date != NULL ? order->due_date : "-", total, paid,
               who != NULL ? who->name : order->customer_id);
    }
  return PURATAN_CLI_EXIT_OK;
}

static void
print_order (PuratanDatabase *database, PuratanOrder *order)
{
  g_autofree char *number = puratan_order_format_number (order->number);
  g_autofree char *subtotal = money_text (order->subtotal_paise);
  g_autofree char *tax = money_text (order->tax_paise);
  g_autofree char *total = money_text (order->total_paise);
  g_autofree char *paid = money_text (order->paid_paise);
  g_autofree char *due = money_text (MAX (order->total_paise - order->paid_paise, 0));
  g_autoptr (PuratanCustomer) who = puratan_customer_get (database, order->customer_id, NULL);
  g_autoptr (GPtrArray) payments = puratan_payment_list_for_order (database, order->id, NULL);
  g_autoptr (GPtrArray) history = puratan_audit_list (database, "order", order->id, NULL);

  g_print ("%s  %s\nid: %s\nversion: %" G_GINT64_FORMAT "\n", number, order->status, order->id,
           order->version);
  if (order->resume_status != NULL)
    g_print ("resumes at: %s\n", order->resume_status);
  if (order->delivery != NULL)
    g_print ("delivery: %s\n", order->delivery);
  g_print ("customer: %s (%s)\ndue: %s\ncredit approved: %s\n", who != NULL ? who->name : "?",
           order->customer_id, order->due_date != NULL ? order->due_date : "-",
           order->credit_approved ? "yes" : "no");
  if (order->notes != NULL && *order->notes != '\0')
    g_print ("notes: %s\n", order->notes);

  g_print ("\nlines:\n");
  for (guint i = 0; i < order->lines->len; i++)
    {
      PuratanOrderLine *line = order->lines->pdata[i];
      g_autofree char *amount = money_text (line->line_total_paise);
      g_autofree char *gst = money_text (line->tax_paise);
      g_print ("  %" G_GINT64_FORMAT ". %s × %" G_GINT64_FORMAT "  HSN/SAC %s  %s + GST %s\n",
               line->position, line->product, line->quantity, line->hsn_sac, amount, gst);
    }
  g_print ("subtotal: %s\ntax: %s\ntotal: %s\npaid: %s\nbalance due: %s\n", subtotal, tax, total,
           paid, due);

  if (payments != NULL && payments->len > 0)
    {
      g_print ("\npayments:\n");
      for (guint i = 0; i < payments->len; i++)
        {
          PuratanPayment *payment = payments->pdata[i];
          g_autofree char *amount = money_text (payment->amount_paise);
          g_print ("  %s  %s %s %s%s%s\n", payment->created_at, payment->kind, payment->method,
                   amount, payment->reference != NULL ? "  ref " : "",
                   payment->reference != NULL ? payment->reference : "");
        }
    }
  if (history != NULL && history->len > 0)
    {
      g_print ("\ntimeline:\n");
      for (guint i = 0; i < history->len; i++)
        {
          PuratanAuditEntry *entry = history->pdata[i];
          g_print ("  %s  %s (%s) %s: %s → %s%s%s\n", entry->at, entry->actor, entry->role,
                   entry->action, entry->from_state != NULL ? entry->from_state : "-",
                   entry->to_state != NULL ? entry->to_state : "-",
                   *entry->reason != '\0' ? "  — " : "", entry->reason);
        }
    }
}

static int
orders_show_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path, "Use the database file PATH", "PATH" },
    { NULL },
  };

  context = puratan_cli_option_context_new (
      "orders show", "ORDER",
      "Show an order (by number, ORDER-000042 or id) with its lines, payments and timeline.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "orders show", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc != 2)
    return puratan_cli_usage_error ("orders show", "give exactly one ORDER");

  database = puratan_cli_open_database (path, &error);
  if (database != NULL)
    order = find_order (database, argv[1], &error);
  if (order == NULL)
    return puratan_cli_failure ("orders show", error);
  print_order (database, order);
  return PURATAN_CLI_EXIT_OK;
}

typedef struct
{
  const char *customer_id;
  const char *new_customer;
  const char *phone;
  const char *gstin;
  const char *due;
  const char *notes;
  const char *user;
  PuratanRole role;
  GPtrArray *lines;
  PuratanOrder *order;
} Create;

static gboolean
create_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Create *create = user_data;
  g_autoptr (PuratanCustomer) customer = NULL;
  const char *customer_id = create->customer_id;

  if (create->new_customer != NULL)
    {
      customer = puratan_customer_new (create->new_customer);
      customer->phone = g_strdup (create->phone);
      customer->gstin = g_strdup (create->gstin);
      if (!puratan_customer_insert (database, customer, error))
        return FALSE;
      customer_id = customer->id;
    }
  create->order = puratan_orders_create (database, customer_id, create->due, create->notes,
                                         create->user, create->role, error);
  if (create->order == NULL)
    return FALSE;
  for (guint i = 0; i < create->lines->len; i++)
    if (!puratan_order_add_line (database, create->order, create->lines->pdata[i], error))
      return FALSE;
  return TRUE;
}

/* Prices --product at --quantity with today's catalog and freezes the quote's line. */
static PuratanOrderLine *
line_from_live_quote (
    const char *catalog_dir, const char *product, gint64 quantity, char **pairs, GError **error)
{
  g_autoptr (GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (PuratanCatalog) catalog = NULL;
  g_autoptr (PuratanJob) job = NULL;
  g_autoptr (PuratanQuote) quote = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  PuratanQuoteRequest request = { 0 };

  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      char *equals = strchr (pairs[i], '=');
      if (equals == NULL || equals == pairs[i])
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "--option takes KEY=VALUE, not “%s”", pairs[i]);
          return NULL;
        }
      *equals = '\0';
      g_hash_table_insert (options, pairs[i], equals + 1);
    }
  g_date_clear (&request.date, 1);
  g_date_set_dmy (&request.date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  catalog = puratan_cli_load_catalog (catalog_dir, error);
  if (catalog == NULL || (job = puratan_job_new (catalog, product, options, error)) == NULL ||
      (quote = puratan_quote_new (catalog, &request, &job, &quantity, 1, error)) == NULL)
    return NULL;
  return puratan_order_line_from_quote (quote, 0, error);
}

static int
orders_create_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (GPtrArray) lines =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_order_line_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL, *customer = NULL, *new_customer = NULL, *phone = NULL;
  g_autofree char *gstin = NULL, *due = NULL, *notes = NULL, *user = NULL, *role = NULL;
  g_auto (GStrv) line_files = NULL;
  g_auto (GStrv) pairs = NULL;
  g_autofree char *product = NULL, *catalog_dir = NULL;
  gint64 quantity = 0;
  g_autofree char *number = NULL;
  Create create = { 0 };
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path, "Use the database file PATH", "PATH" },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, "For the existing customer ID", "ID" },
    { "new-customer", 0, 0, G_OPTION_ARG_STRING, &new_customer, "For a new customer NAME", "NAME" },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, "The new customer's phone", "PHONE" },
    { "gstin", 0, 0, G_OPTION_ARG_STRING, &gstin, "The new customer's GSTIN", "GSTIN" },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, "Due date", "YYYY-MM-DD" },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, "Notes for the shop floor", "TEXT" },
    { "line", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &line_files,
      "Add a line from a frozen quote line (JSON); repeatable", "FILE" },
    { "product", 0, 0, G_OPTION_ARG_STRING, &product,
      "Add a line priced now from the catalog (see puratan catalog)", "ID" },
    { "quantity", 0, 0, G_OPTION_ARG_INT64, &quantity, "Copies of --product", "N" },
    { "option", 0, 0, G_OPTION_ARG_STRING_ARRAY, &pairs, "An option of --product; repeatable",
      "KEY=VALUE" },
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &catalog_dir,
      "Price from the catalog in DIR instead of the shop's", "DIR" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "Who is creating the order (required)", "NAME" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, "Their role (default counter)", "ROLE" },
    { NULL },
  };

  context = puratan_cli_option_context_new (
      "orders create", NULL,
      "Create a draft order, for an existing or a new customer, with a line priced now from the "
      "catalog (--product) and lines from frozen quote lines (--line). Everything is saved in "
      "one transaction, or nothing is. Prints the order number and id.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "orders create", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc > 1)
    return puratan_cli_usage_error ("orders create", "unexpected argument '%s'", argv[1]);
  if ((customer == NULL) == (new_customer == NULL))
    return puratan_cli_usage_error ("orders create", "give either --customer or --new-customer");
  if (user == NULL || *user == '\0')
    return puratan_cli_usage_error ("orders create", "--user is required, for the audit log");
  create.role = PURATAN_ROLE_COUNTER;
  if (role != NULL && !puratan_role_from_string (role, &create.role, &error))
    return puratan_cli_usage_error ("orders create", "%s", error->message);

  for (guint i = 0; line_files != NULL && line_files[i] != NULL; i++)
    {
      g_autofree char *json = NULL;
      PuratanOrderLine *line;

      if (!g_file_get_contents (line_files[i], &json, NULL, &error))
        return puratan_cli_failure ("orders create", error);
      line = puratan_order_line_from_snapshot (json, &error);
      if (line == NULL)
        {
          g_prefix_error (&error, "%s: ", line_files[i]);
          return puratan_cli_failure ("orders create", error);
        }
      g_ptr_array_add (lines, line);
    }

  if (product != NULL)
    {
      PuratanOrderLine *line;

      if (quantity < 1)
        return puratan_cli_usage_error ("orders create", "--product needs --quantity above 0");
      line = line_from_live_quote (catalog_dir, product, quantity, pairs, &error);
      if (line == NULL)
        return puratan_cli_failure ("orders create", error);
      g_ptr_array_add (lines, line);
    }

  create =
      (Create){ customer, new_customer, phone, gstin, due, notes, user, create.role, lines, NULL };
  database = puratan_cli_open_database (path, &error);
  if (database == NULL ||
      !puratan_database_run_in_transaction (database, create_in_transaction, &create, &error))
    {
      g_clear_pointer (&create.order, puratan_order_free);
      return puratan_cli_failure ("orders create", error);
    }
  number = puratan_order_format_number (create.order->number);
  g_print ("%s %s\n", number, create.order->id);
  puratan_order_free (create.order);
  return PURATAN_CLI_EXIT_OK;
}

static int
orders_transition_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (PuratanOrder) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL, *user = NULL, *role_name = NULL, *reason = NULL;
  g_autofree char *refund = NULL, *number = NULL;
  gint64 expected = PURATAN_ANY_VERSION;
  PuratanOrderAction action;
  PuratanRole role = PURATAN_ROLE_COUNTER;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path, "Use the database file PATH", "PATH" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "Who takes the step (required)", "NAME" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name, "Their role (default counter)", "ROLE" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, "Why, for the audit log", "TEXT" },
    { "refund-method", 0, 0, G_OPTION_ARG_STRING, &refund,
      "For cancel: refund what was paid by cash, upi, card or store_credit", "METHOD" },
    { "expect-version", 0, 0, G_OPTION_ARG_INT64, &expected,
      "Refuse if the order is no longer at version N", "N" },
    { NULL },
  };
  g_autoptr (GString) actions = g_string_new ("Actions:");

  for (guint i = 0; i < PURATAN_ORDER_N_ACTIONS; i++)
    g_string_append_printf (actions, " %s", puratan_order_action_to_string (i));
  context = puratan_cli_option_context_new ("orders transition", "ORDER ACTION",
                                            "Take one workflow step on an order, as a user in a "
                                            "role. The step is audited.");
  g_option_context_set_description (context, actions->str);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "orders transition", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc != 3)
    return puratan_cli_usage_error ("orders transition", "give an ORDER and an ACTION");
  if (user == NULL || *user == '\0')
    return puratan_cli_usage_error ("orders transition", "--user is required, for the audit log");
  if (!puratan_order_action_from_string (argv[2], &action, &error) ||
      (role_name != NULL && !puratan_role_from_string (role_name, &role, &error)))
    return puratan_cli_usage_error ("orders transition", "%s", error->message);

  database = puratan_cli_open_database (path, &error);
  if (database != NULL)
    order = find_order (database, argv[1], &error);
  if (order != NULL)
    after = puratan_orders_transition (database, order->id, expected, action, user, role, reason,
                                       refund, &error);
  if (after == NULL)
    return puratan_cli_failure ("orders transition", error);
  number = puratan_order_format_number (after->number);
  g_print ("%s: %s → %s (version %" G_GINT64_FORMAT ")\n", number, order->status, after->status,
           after->version);
  return PURATAN_CLI_EXIT_OK;
}

static const PuratanCliCommand orders_commands[] = {
  { "create", "Create a draft order priced from the catalog or from frozen quotes",
    orders_create_run },
  { "list", "List orders by state, customer and due date", orders_list_run },
  { "show", "Show an order with its lines, payments and timeline", orders_show_run },
  { "transition", "Take a workflow step on an order", orders_transition_run },
};

/**
 * puratan_cli_orders_run:
 * @argc: the number of arguments
 * @argv: "orders", then an orders command and its arguments
 *
 * Runs `orders list|show|create|transition`.
 *
 * Returns: a PURATAN_CLI_EXIT_* status
 */
int
puratan_cli_orders_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GString) description = g_string_new ("Commands:\n");

  if (argc > 1 && argv[1][0] != '-')
    {
      for (gsize i = 0; i < G_N_ELEMENTS (orders_commands); i++)
        if (strcmp (argv[1], orders_commands[i].name) == 0)
          return orders_commands[i].run (argc - 1, argv + 1);
      return puratan_cli_usage_error ("orders", "'%s' is not an orders command", argv[1]);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (orders_commands); i++)
    g_string_append_printf (description, "  %-11s %s\n", orders_commands[i].name,
                            orders_commands[i].summary);
  g_string_append (description, "\nRun 'puratan orders COMMAND --help' for a command's options.");
  context = puratan_cli_option_context_new ("orders", "COMMAND", "Work with the shop's orders.");
  g_option_context_set_description (context, description->str);
  if (!puratan_cli_parse_options (context, "orders", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  return puratan_cli_usage_error ("orders", "a command is needed");
}
