/* kill-writer.c: writes orders and payments until it is killed
 *
 * Usage: kill-writer DATABASE
 *
 * Each loop creates an order with one line and a cash payment in one transaction, and
 * only after COMMIT returns prints the order's id on its own line. The kill test SIGKILLs
 * this process at random moments and checks that every printed id survived.
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <unistd.h>

#include "puratan-core.h"
#include "puratan-orders.h"

typedef struct
{
  const char *customer_id;
  char *order_id;
} Sale;

static gboolean
write_sale (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Sale *sale = user_data;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (PuratanOrderLine) line = NULL;
  g_autoptr (PuratanPayment) attempt = NULL;
  g_autoptr (PuratanPayment) stored = NULL;

  order = puratan_orders_create (database, sale->customer_id, NULL, NULL, "kill-writer",
                                 PURATAN_ROLE_COUNTER, error);
  if (order == NULL)
    return FALSE;
  line = puratan_order_line_new ("Flyers", "4911", 100, 250, 25000, 1800, 4500,
                                 "{\"product\":\"flyers\",\"quantity\":100}");
  if (!puratan_order_add_line (database, order, line, error))
    return FALSE;
  attempt = puratan_payment_new (order->id, "payment", "cash", 29500, "kill-writer", error);
  if (attempt == NULL)
    return FALSE;
  attempt->tendered_paise = 30000;
  stored = puratan_payments_take (database, attempt, PURATAN_ROLE_COUNTER, NULL, error);
  if (stored == NULL)
    return FALSE;
  sale->order_id = g_strdup (order->id);
  return TRUE;
}

static PuratanCustomer *
find_or_add_customer (PuratanDatabase *database, GError **error)
{
  g_autoptr (GPtrArray) found = puratan_customer_search (database, "Walk-in", 1, error);
  PuratanCustomer *customer;

  if (found == NULL)
    return NULL;
  if (found->len > 0)
    return puratan_customer_copy (found->pdata[0]);
  customer = puratan_customer_new ("Walk-in customer");
  if (!puratan_customer_insert (database, customer, error))
    g_clear_pointer (&customer, puratan_customer_free);
  return customer;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (PuratanCustomer) customer = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DATABASE\n", argv[0]);
      return 2;
    }
  database = puratan_database_open (argv[1], &error);
  if (database != NULL)
    customer = find_or_add_customer (database, &error);
  if (customer == NULL)
    {
      fprintf (stderr, "kill-writer: %s\n", error->message);
      return 1;
    }

  for (;;)
    {
      Sale sale = { customer->id, NULL };
      g_autofree char *report = NULL;

      if (!puratan_database_run_in_transaction (database, write_sale, &sale, &error))
        {
          fprintf (stderr, "kill-writer: %s\n", error->message);
          return 1;
        }
      /* Committed: report it in one unbuffered write. */
      report = g_strdup_printf ("%s\n", sale.order_id);
      if (write (STDOUT_FILENO, report, strlen (report)) != (ssize_t) strlen (report))
        return 1;
      g_free (sale.order_id);
    }
}
