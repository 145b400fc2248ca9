/* puratan-orders-view-jobs.c: the Orders view's reads, done on workers
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-orders-view-private.h"

/* Longest board shown; the customer filter looks at as many customers. */
#define MAX_ORDERS 500

/* The shared connection is opened with SQLITE_OPEN_FULLMUTEX, so the workers here read
 * through it; every write goes through a layer that takes the database's transaction lock. */

void
orders_board_free (OrdersBoard *board)
{
  if (board == NULL)
    return;
  g_clear_pointer (&board->orders, g_ptr_array_unref);
  g_clear_pointer (&board->names, g_ptr_array_unref);
  g_free (board);
}

typedef struct
{
  char *status;
  char *due;
  char *customer;
} BoardQuery;

static void
board_query_free (BoardQuery *query)
{
  g_free (query->status);
  g_free (query->due);
  g_free (query->customer);
  g_free (query);
}

static void
board_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  BoardQuery *query = task_data;
  g_autoptr (OrdersBoard) board = g_new0 (OrdersBoard, 1);
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GHashTable) customers = NULL;
  g_autoptr (GPtrArray) orders = NULL;
  GError *error = NULL;

  all = puratan_order_list (source, NULL, NULL, NULL, 1, &error);
  if (all == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  board->empty = all->len == 0;
  board->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_order_free);
  board->names = g_ptr_array_new_with_free_func (g_free);
  if (board->empty)
    {
      g_task_return_pointer (task, g_steal_pointer (&board), (GDestroyNotify) orders_board_free);
      return;
    }
  if (query->customer != NULL)
    {
      found = puratan_customer_search (source, query->customer, MAX_ORDERS, &error);
      if (found == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      customers = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < found->len; i++)
        g_hash_table_add (customers, ((PuratanCustomer *) found->pdata[i])->id);
    }
  orders = puratan_order_list (source, query->status, NULL, query->due, MAX_ORDERS, &error);
  if (orders == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < orders->len; i++)
    {
      PuratanOrder *order = orders->pdata[i];
      g_autoptr (PuratanCustomer) customer = NULL;

      if (customers != NULL && !g_hash_table_contains (customers, order->customer_id))
        continue;
      customer = puratan_customer_get (source, order->customer_id, NULL);
      g_ptr_array_add (board->names, g_strdup (customer != NULL ? customer->name : "?"));
      g_ptr_array_add (board->orders, g_steal_pointer (&orders->pdata[i]));
    }
  g_task_return_pointer (task, g_steal_pointer (&board), (GDestroyNotify) orders_board_free);
}

/**
 * puratan_orders_view_load_board_async:
 * @database: the shop database
 * @status: (nullable): only orders in this state
 * @due: (nullable): only orders due on this date
 * @customer: (nullable): only orders of the customers this text finds
 * @cancellable: (nullable): once cancelled, the result is %G_IO_ERROR_CANCELLED
 * @callback: called on the main context when done
 * @user_data: for @callback
 *
 * Reads the board on a worker: whether the shop has any order, and the orders the filters
 * match with their customers' names.
 */
void
puratan_orders_view_load_board_async (PuratanDatabase *database,
                                      const char *status,
                                      const char *due,
                                      const char *customer,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (database, cancellable, callback, user_data);
  BoardQuery *query = g_new0 (BoardQuery, 1);

  g_task_set_source_tag (task, puratan_orders_view_load_board_async);
  query->status = g_strdup (status);
  query->due = g_strdup (due);
  query->customer = g_strdup (customer);
  g_task_set_task_data (task, query, (GDestroyNotify) board_query_free);
  g_task_run_in_thread (task, board_in_thread);
}

/**
 * puratan_orders_view_load_board_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the board, or %NULL with @error set
 */
OrdersBoard *
puratan_orders_view_load_board_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
orders_detail_free (OrdersDetail *detail)
{
  if (detail == NULL)
    return;
  g_clear_pointer (&detail->order, puratan_order_free);
  g_clear_pointer (&detail->payments, g_ptr_array_unref);
  g_clear_pointer (&detail->files, g_ptr_array_unref);
  g_clear_pointer (&detail->history, g_ptr_array_unref);
  g_free (detail);
}

static void
detail_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr (OrdersDetail) detail = g_new0 (OrdersDetail, 1);
  GError *error = NULL;

  detail->order = puratan_order_get (source, task_data, &error);
  if (detail->order == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The rest is shown as far as it reads. */
  detail->payments = puratan_payment_list_for_order (source, detail->order->id, NULL);
  detail->files = puratan_file_store_list_for_order (source, detail->order->id, NULL);
  detail->history = puratan_audit_list (source, "order", detail->order->id, NULL);
  detail->has_facts = puratan_orders_get_facts (source, detail->order, &detail->facts, NULL);
  g_task_return_pointer (task, g_steal_pointer (&detail), (GDestroyNotify) orders_detail_free);
}

/**
 * puratan_orders_view_load_detail_async:
 * @database: the shop database
 * @order_id: the order to show
 * @cancellable: (nullable): once cancelled, the result is %G_IO_ERROR_CANCELLED
 * @callback: called on the main context when done
 * @user_data: for @callback
 *
 * Reads one order, its payments, files, timeline and workflow facts on a worker.
 */
void
puratan_orders_view_load_detail_async (PuratanDatabase *database,
                                       const char *order_id,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (database, cancellable, callback, user_data);

  g_task_set_source_tag (task, puratan_orders_view_load_detail_async);
  g_task_set_task_data (task, g_strdup (order_id), g_free);
  g_task_run_in_thread (task, detail_in_thread);
}

/**
 * puratan_orders_view_load_detail_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the detail, or %NULL with @error set
 */
OrdersDetail *
puratan_orders_view_load_detail_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
