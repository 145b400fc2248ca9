/* puratan-customer.c: the shop's customers
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-customer.h"
#include "puratan-store-private.h"

#define CUSTOMER_COLUMNS \
  "id, name, phone, email, gstin, state_code, store_credit_paise, version, created_at, updated_at"

/**
 * puratan_customer_new:
 * @name: the customer's name
 *
 * Returns: (transfer full): a customer not yet saved
 */
PuratanCustomer *
puratan_customer_new (const char *name)
{
  PuratanCustomer *customer = g_new0 (PuratanCustomer, 1);

  customer->name = g_strdup (name);
  return customer;
}

/**
 * puratan_customer_copy:
 * @customer: a customer
 *
 * Returns: (transfer full): a deep copy
 */
PuratanCustomer *
puratan_customer_copy (const PuratanCustomer *customer)
{
  PuratanCustomer *copy = g_new0 (PuratanCustomer, 1);

  g_return_val_if_fail (customer != NULL, NULL);

  *copy = *customer;
  copy->id = g_strdup (customer->id);
  copy->name = g_strdup (customer->name);
  copy->phone = g_strdup (customer->phone);
  copy->email = g_strdup (customer->email);
  copy->gstin = g_strdup (customer->gstin);
  copy->state_code = g_strdup (customer->state_code);
  copy->created_at = g_strdup (customer->created_at);
  copy->updated_at = g_strdup (customer->updated_at);
  return copy;
}

/**
 * puratan_customer_free:
 * @customer: (nullable): a customer
 */
void
puratan_customer_free (PuratanCustomer *customer)
{
  if (customer == NULL)
    return;
  g_free (customer->id);
  g_free (customer->name);
  g_free (customer->phone);
  g_free (customer->email);
  g_free (customer->gstin);
  g_free (customer->state_code);
  g_free (customer->created_at);
  g_free (customer->updated_at);
  g_free (customer);
}

static int
gstin_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  return -1;
}

/* The form of a GSTIN: two-digit state code, the holder's PAN (five letters, four digits, a
 * letter), the entity number, "Z", and the check character (mod 36). */
static gboolean
check_gstin (const char *gstin, GError **error)
{
  static const char pattern[] = "99AAAAA9999AX?X";
  const char *digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  int sum = 0;

  g_assert (gstin != NULL);

  if (strlen (gstin) != 15)
    goto malformed;
  for (int i = 0; i < 15; i++)
    {
      char p = pattern[i];
      char c = gstin[i];
      if ((p == '9' && !g_ascii_isdigit (c)) || (p == 'A' && !g_ascii_isupper (c)) ||
          (p == 'X' && gstin_value (c) < 0) || (i == 13 && c != 'Z'))
        goto malformed;
      if (i < 14)
        {
          int product = gstin_value (c) * (i % 2 == 0 ? 1 : 2);
          sum += product / 36 + product % 36;
        }
    }
  if (gstin[14] != digits[(36 - sum % 36) % 36])
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The GSTIN “%s” has a wrong check character; check it for a typing mistake",
                   gstin);
      return FALSE;
    }
  return TRUE;

malformed:
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
               "“%s” is not a GSTIN: it must be 15 characters like 27AAPFU0939F1ZV (state code, "
               "PAN, entity number, Z, check character)",
               gstin);
  return FALSE;
}

static gboolean
validate (PuratanCustomer *customer, GError **error)
{
  if (!puratan_store_check_text ("customer name", customer->name, TRUE, 200, error) ||
      !puratan_store_check_text ("phone number", customer->phone, FALSE, 32, error) ||
      !puratan_store_check_text ("email address", customer->email, FALSE, 254, error))
    return FALSE;
  if (customer->email != NULL && *customer->email != '\0' &&
      (strchr (customer->email, '@') == NULL || customer->email[0] == '@'))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” is not an email address", customer->email);
      return FALSE;
    }
  if (customer->gstin != NULL && *customer->gstin != '\0')
    {
      if (!check_gstin (customer->gstin, error))
        return FALSE;
      if (customer->state_code == NULL)
        customer->state_code = g_strndup (customer->gstin, 2);
      else if (strncmp (customer->state_code, customer->gstin, 2) != 0)
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "The state code %s does not match the GSTIN %s, which is registered in "
                       "state %.2s",
                       customer->state_code, customer->gstin, customer->gstin);
          return FALSE;
        }
    }
  if (customer->state_code != NULL &&
      (strlen (customer->state_code) != 2 || !g_ascii_isdigit (customer->state_code[0]) ||
       !g_ascii_isdigit (customer->state_code[1])))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” is not a GST state code; use two digits, e.g. 27 for Maharashtra",
                   customer->state_code);
      return FALSE;
    }
  return TRUE;
}

/* Empty optional fields are stored as NULL. */
static const char *
nullable (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
build_payload (JsonBuilder *builder, const PuratanCustomer *customer)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, customer->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, customer->name);
  json_builder_set_member_name (builder, "phone");
  json_builder_add_string_value (builder, nullable (customer->phone));
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, nullable (customer->email));
  json_builder_set_member_name (builder, "gstin");
  json_builder_add_string_value (builder, nullable (customer->gstin));
  json_builder_set_member_name (builder, "state_code");
  json_builder_add_string_value (builder, customer->state_code);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, customer->version);
  json_builder_end_object (builder);
}

static gboolean
insert_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  PuratanCustomer *customer = user_data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (JsonBuilder) payload = json_builder_new ();

  stmt =
      puratan_store_prepare (database,
                             "INSERT INTO customers (id, name, phone, email, gstin, state_code,"
                             " version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, customer->id);
  puratan_store_bind_text (stmt, 2, customer->name);
  puratan_store_bind_text (stmt, 3, nullable (customer->phone));
  puratan_store_bind_text (stmt, 4, nullable (customer->email));
  puratan_store_bind_text (stmt, 5, nullable (customer->gstin));
  puratan_store_bind_text (stmt, 6, customer->state_code);
  puratan_store_bind_text (stmt, 7, customer->created_at);
  puratan_store_bind_text (stmt, 8, customer->updated_at);
  if (!puratan_store_step_done (database, stmt, "save the customer", error))
    return FALSE;

  build_payload (payload, customer);
  return puratan_outbox_append (database, "customer", customer->id, "create", payload, error);
}

/**
 * puratan_customer_insert:
 * @database: an open database
 * @customer: (inout): a new customer; its id, version and times are filled in on success
 * @error: return location for a #GError
 *
 * Saves a new customer, with an outbox entry in the same transaction.
 *
 * Errors: %PURATAN_ERROR_INVALID_INPUT for a missing name, a malformed GSTIN, a GSTIN that
 * another customer already has, or an over-long field.
 *
 * Returns: %TRUE when saved
 */
gboolean
puratan_customer_insert (PuratanDatabase *database, PuratanCustomer *customer, GError **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (customer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate (customer, error))
    return FALSE;
  id = puratan_store_new_id (error);
  if (id == NULL)
    return FALSE;

  g_free (customer->id);
  customer->id = g_steal_pointer (&id);
  g_free (customer->created_at);
  customer->created_at = puratan_store_now ();
  g_free (customer->updated_at);
  customer->updated_at = g_strdup (customer->created_at);
  customer->version = 1;
  customer->store_credit_paise = 0;

  if (!puratan_database_run_in_transaction (database, insert_in_transaction, customer, error))
    {
      g_clear_pointer (&customer->id, g_free);
      customer->version = 0;
      return FALSE;
    }
  return TRUE;
}

static gboolean
update_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  PuratanCustomer *customer = user_data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (JsonBuilder) payload = json_builder_new ();
  g_autofree char *now = puratan_store_now ();

  stmt = puratan_store_prepare (database,
                                "UPDATE customers SET name = ?, phone = ?, email = ?, gstin = ?,"
                                " state_code = ?, updated_at = ?, version = version + 1"
                                " WHERE id = ? AND version = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, customer->name);
  puratan_store_bind_text (stmt, 2, nullable (customer->phone));
  puratan_store_bind_text (stmt, 3, nullable (customer->email));
  puratan_store_bind_text (stmt, 4, nullable (customer->gstin));
  puratan_store_bind_text (stmt, 5, customer->state_code);
  puratan_store_bind_text (stmt, 6, now);
  puratan_store_bind_text (stmt, 7, customer->id);
  sqlite3_bind_int64 (stmt, 8, customer->version);
  if (!puratan_store_step_done (database, stmt, "save the customer", error))
    return FALSE;
  if (sqlite3_changes (puratan_database_get_handle (database)) == 0)
    return puratan_store_check_version (database, "customers", "customer", customer->id,
                                        customer->version, error);

  customer->version++;
  g_free (customer->updated_at);
  customer->updated_at = g_steal_pointer (&now);
  build_payload (payload, customer);
  return puratan_outbox_append (database, "customer", customer->id, "update", payload, error);
}

/**
 * puratan_customer_update:
 * @database: an open database
 * @customer: (inout): the edited customer, with the version it was read at; the version is
 *   bumped on success
 * @error: return location for a #GError
 *
 * Saves edits to a customer's details (not the store credit). A stale @customer (someone
 * saved a newer version meanwhile) is refused with %PURATAN_ERROR_CONFLICT and nothing changes.
 *
 * Returns: %TRUE when saved
 */
gboolean
puratan_customer_update (PuratanDatabase *database, PuratanCustomer *customer, GError **error)
{
  g_autoptr (PuratanCustomer) attempt = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (customer != NULL && customer->id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  attempt = puratan_customer_copy (customer);
  if (!validate (attempt, error) ||
      !puratan_database_run_in_transaction (database, update_in_transaction, attempt, error))
    return FALSE;
  customer->version = attempt->version;
  g_free (customer->state_code);
  customer->state_code = g_strdup (attempt->state_code);
  g_free (customer->updated_at);
  customer->updated_at = g_strdup (attempt->updated_at);
  return TRUE;
}

static PuratanCustomer *
read_row (sqlite3_stmt *stmt)
{
  PuratanCustomer *customer = g_new0 (PuratanCustomer, 1);

  customer->id = puratan_store_column_text (stmt, 0);
  customer->name = puratan_store_column_text (stmt, 1);
  customer->phone = puratan_store_column_text (stmt, 2);
  customer->email = puratan_store_column_text (stmt, 3);
  customer->gstin = puratan_store_column_text (stmt, 4);
  customer->state_code = puratan_store_column_text (stmt, 5);
  customer->store_credit_paise = sqlite3_column_int64 (stmt, 6);
  customer->version = sqlite3_column_int64 (stmt, 7);
  customer->created_at = puratan_store_column_text (stmt, 8);
  customer->updated_at = puratan_store_column_text (stmt, 9);
  return customer;
}

/**
 * puratan_customer_get:
 * @database: an open database
 * @id: the customer's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the customer, or %NULL with @error set
 *   (%PURATAN_ERROR_NOT_FOUND when there is none)
 */
PuratanCustomer *
puratan_customer_get (PuratanDatabase *database, const char *id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = puratan_store_prepare (database, "SELECT " CUSTOMER_COLUMNS " FROM customers WHERE id = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "There is no customer with id %s",
                 id);
  else
    puratan_store_fail (database, "read the customer", error);
  return NULL;
}

/**
 * puratan_customer_search:
 * @database: an open database
 * @text: part of a name (any position, case-insensitive), or the start of a phone number or
 *   GSTIN; empty lists every customer
 * @limit: the most customers to return, by name
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PuratanCustomer) (nullable): the matches, or %NULL
 *   with @error set
 */
GPtrArray *
puratan_customer_search (PuratanDatabase *database, const char *text, guint limit, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) found =
      g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_customer_free);
  g_autoptr (GString) pattern = g_string_new (NULL);
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  /* LIKE wildcards typed by the user match literally. */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }

  stmt = puratan_store_prepare (database,
                                "SELECT " CUSTOMER_COLUMNS " FROM customers"
                                " WHERE name LIKE '%' || ?1 || '%' ESCAPE '\\'"
                                " OR phone LIKE ?1 || '%' ESCAPE '\\'"
                                " OR gstin LIKE ?1 || '%' ESCAPE '\\'"
                                " ORDER BY name COLLATE NOCASE, id LIMIT ?2",
                                error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, pattern->str);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, read_row (stmt));
  if (rc != SQLITE_DONE)
    {
      puratan_store_fail (database, "search the customers", error);
      return NULL;
    }
  return g_steal_pointer (&found);
}

/* The shared connection is opened with SQLITE_OPEN_FULLMUTEX, so the workers below use it
 * directly; puratan_customer_insert() takes the database's transaction lock itself. */

typedef struct
{
  char *text;
  guint limit;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_free (job->text);
  g_free (job);
}

static void
search_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SearchJob *job = task_data;
  GError *error = NULL;
  GPtrArray *found = puratan_customer_search (source, job->text, job->limit, &error);

  if (found != NULL)
    g_task_return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

/**
 * puratan_customer_search_async:
 * @database: an open #PuratanDatabase
 * @text: what was typed: part of a name, a phone number or a GSTIN
 * @limit: the most customers to return
 * @cancellable: (nullable): once cancelled, the result is %G_IO_ERROR_CANCELLED
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Searches as puratan_customer_search() does, on a worker thread. SQLite may wait up to the
 * database's busy timeout for a writer on another connection; the caller's loop does not.
 */
void
puratan_customer_search_async (PuratanDatabase *database,
                               const char *text,
                               guint limit,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  SearchJob *job;

  g_return_if_fail (PURATAN_IS_DATABASE (database));
  g_return_if_fail (text != NULL);

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_customer_search_async);
  job = g_new0 (SearchJob, 1);
  job->text = g_strdup (text);
  job->limit = limit;
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  g_task_run_in_thread (task, search_in_thread);
}

/**
 * puratan_customer_search_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type PuratanCustomer) (nullable): the customers
 *   found, or %NULL with @error set
 */
GPtrArray *
puratan_customer_search_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
get_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  PuratanCustomer *customer = puratan_customer_get (source, task_data, &error);

  if (customer != NULL)
    g_task_return_pointer (task, customer, (GDestroyNotify) puratan_customer_free);
  else
    g_task_return_error (task, error);
}

/**
 * puratan_customer_get_async:
 * @database: an open #PuratanDatabase
 * @id: the customer's id
 * @cancellable: (nullable): once cancelled, the result is %G_IO_ERROR_CANCELLED
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Reads one customer as puratan_customer_get() does, on a worker thread.
 */
void
puratan_customer_get_async (PuratanDatabase *database,
                            const char *id,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PURATAN_IS_DATABASE (database));
  g_return_if_fail (id != NULL);

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_customer_get_async);
  g_task_set_task_data (task, g_strdup (id), g_free);
  g_task_run_in_thread (task, get_in_thread);
}

/**
 * puratan_customer_get_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the customer, or %NULL with @error set
 */
PuratanCustomer *
puratan_customer_get_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
insert_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr (PuratanCustomer) customer = puratan_customer_copy (task_data);

  if (puratan_customer_insert (source, customer, &error))
    g_task_return_pointer (task, g_steal_pointer (&customer),
                           (GDestroyNotify) puratan_customer_free);
  else
    g_task_return_error (task, error);
}

/**
 * puratan_customer_insert_async:
 * @database: an open #PuratanDatabase
 * @customer: the new customer; copied, so the caller may free it at once
 * @cancellable: (nullable): cancels the wait for the result (the row may still be saved)
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Saves a new customer as puratan_customer_insert() does, on a worker thread.
 */
void
puratan_customer_insert_async (PuratanDatabase *database,
                               const PuratanCustomer *customer,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PURATAN_IS_DATABASE (database));
  g_return_if_fail (customer != NULL);

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_customer_insert_async);
  g_task_set_task_data (task, puratan_customer_copy (customer),
                        (GDestroyNotify) puratan_customer_free);
  g_task_run_in_thread (task, insert_in_thread);
}

/**
 * puratan_customer_insert_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the customer as saved, with its id and timestamps, or
 *   %NULL with @error set
 */
PuratanCustomer *
puratan_customer_insert_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
