/* puratan-payments.c: taking payments at the counter
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-payments.h"

/**
 * puratan_cash_apply:
 * @balance_due_paise: what the order still owes
 * @tendered_paise: the cash the customer hands over
 * @out_applied_paise: (out): the part applied to the order: all of it, or the balance
 * @out_change_paise: (out): the change to hand back
 * @error: return location for a #GError
 *
 * Splits cash handed over into payment and change. Less than the balance is a partial payment
 * with no change.
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_INVALID_INPUT when nothing is owed or nothing
 *   was tendered
 */
gboolean
puratan_cash_apply (gint64 balance_due_paise,
                    gint64 tendered_paise,
                    gint64 *out_applied_paise,
                    gint64 *out_change_paise,
                    GError **error)
{
  g_return_val_if_fail (out_applied_paise != NULL && out_change_paise != NULL, FALSE);

  if (balance_due_paise <= 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "Nothing is due on this order");
      return FALSE;
    }
  if (tendered_paise <= 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "Enter the cash handed over, more than zero");
      return FALSE;
    }
  *out_applied_paise = MIN (balance_due_paise, tendered_paise);
  *out_change_paise = tendered_paise - *out_applied_paise;
  return TRUE;
}

typedef struct
{
  const PuratanPayment *attempt;
  PuratanRole role;
  const char *reason;
  PuratanPayment *stored;
  gboolean duplicate;
} Take;

static gboolean
take_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Take *take = user_data;
  g_autoptr (PuratanAuditEntry) entry = NULL;

  take->stored = puratan_payment_record (database, take->attempt, &take->duplicate, error);
  if (take->stored == NULL)
    return FALSE;
  if (take->duplicate)
    return TRUE;

  entry = g_new0 (PuratanAuditEntry, 1);
  entry->actor = g_strdup (take->attempt->recorded_by);
  entry->role = g_strdup (puratan_role_to_string (take->role));
  entry->entity = g_strdup ("payment");
  entry->entity_id = g_strdup (take->stored->id);
  entry->action = g_strdup_printf ("%s_%s", take->stored->kind, take->stored->method);
  entry->reason = g_strdup (take->reason != NULL ? take->reason : "");
  return puratan_audit_append (database, entry, error);
}

static PuratanPayment *
take (PuratanDatabase *database,
      const PuratanPayment *attempt,
      PuratanRole role,
      const char *reason,
      gboolean *out_duplicate,
      GError **error)
{
  Take data = { attempt, role, reason, NULL, FALSE };

  if (role != PURATAN_ROLE_COUNTER && role != PURATAN_ROLE_ADMIN)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PERMISSION_DENIED,
                   "The %s role may not record payments; the counter takes them",
                   puratan_role_to_string (role));
      return NULL;
    }
  if (!puratan_database_run_in_transaction (database, take_in_transaction, &data, error))
    {
      g_clear_pointer (&data.stored, puratan_payment_free);
      return NULL;
    }
  if (out_duplicate != NULL)
    *out_duplicate = data.duplicate;
  return data.stored;
}

/**
 * puratan_payments_take:
 * @database: an open database
 * @attempt: a payment from puratan_payment_new() (kind "payment") with the amount applied,
 *   cash tendered or UPI/card reference filled in
 * @role: the user's role: counter or admin
 * @out_duplicate: (out) (optional): %TRUE when this attempt had already been recorded
 * @error: return location for a #GError
 *
 * Records a payment and audits it, once per idempotency key: retrying the same attempt after
 * a crash or a lost reply returns the stored payment and never charges twice.
 *
 * Returns: (transfer full) (nullable): the stored payment, or %NULL with @error set
 */
PuratanPayment *
puratan_payments_take (PuratanDatabase *database,
                       const PuratanPayment *attempt,
                       PuratanRole role,
                       gboolean *out_duplicate,
                       GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (attempt != NULL, NULL);
  g_return_val_if_fail (role < PURATAN_N_ROLES, NULL);

  if (g_strcmp0 (attempt->kind, "payment") != 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "Use puratan_payments_refund() for refunds");
      return NULL;
    }
  return take (database, attempt, role, NULL, out_duplicate, error);
}

/**
 * puratan_payments_refund:
 * @database: an open database
 * @attempt: a payment from puratan_payment_new() of kind "refund"
 * @role: the user's role: counter or admin
 * @reason: why, for the audit log; required
 * @error: return location for a #GError
 *
 * Records a refund, never more than was paid on the order, and audits it.
 *
 * Returns: (transfer full) (nullable): the stored refund, or %NULL with @error set
 */
PuratanPayment *
puratan_payments_refund (PuratanDatabase *database,
                         const PuratanPayment *attempt,
                         PuratanRole role,
                         const char *reason,
                         GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (attempt != NULL, NULL);
  g_return_val_if_fail (role < PURATAN_N_ROLES, NULL);

  if (g_strcmp0 (attempt->kind, "refund") != 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "A refund must be created with kind “refund”");
      return NULL;
    }
  if (reason == NULL || *reason == '\0')
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "Give a reason for the refund; it goes in the audit log");
      return NULL;
    }
  return take (database, attempt, role, reason, NULL, error);
}

/* A virtual payment address: handle@bank, as NPCI defines it. */
static gboolean
is_vpa (const char *vpa)
{
  const char *at = vpa != NULL ? strchr (vpa, '@') : NULL;

  if (at == NULL || at == vpa || at - vpa > 256 || strchr (at + 1, '@') != NULL ||
      strlen (at + 1) < 2 || strlen (at + 1) > 64)
    return FALSE;
  for (const char *p = vpa; p < at; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
      return FALSE;
  for (const char *p = at + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

/**
 * puratan_upi_uri:
 * @payee_vpa: the shop's UPI address, e.g. "puratan@okaxis"
 * @payee_name: the shop's name as the customer's app shows it
 * @amount_paise: the amount to pay, above zero
 * @note: the transaction note, e.g. "ORDER-000042"
 * @error: return location for a #GError
 *
 * Builds the UPI deep link shown as a QR code at the counter:
 * `upi://pay?pa=…&pn=…&am=450.00&cu=INR&tn=…`, with every value percent-encoded.
 *
 * Returns: (transfer full) (nullable): the URI, or %NULL with %PURATAN_ERROR_INVALID_INPUT
 */
char *
puratan_upi_uri (const char *payee_vpa,
                 const char *payee_name,
                 gint64 amount_paise,
                 const char *note,
                 GError **error)
{
  g_autofree char *pa = NULL;
  g_autofree char *pn = NULL;
  g_autofree char *tn = NULL;

  g_return_val_if_fail (payee_name != NULL && note != NULL, NULL);

  if (!is_vpa (payee_vpa))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” is not a UPI address; it looks like shopname@bank",
                   payee_vpa != NULL ? payee_vpa : "");
      return NULL;
    }
  if (amount_paise <= 0 || amount_paise > G_GINT64_CONSTANT (10000000000))
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "A UPI amount must be above zero and at most 1,00,00,000.00");
      return NULL;
    }
  if (!g_utf8_validate (payee_name, -1, NULL) || !g_utf8_validate (note, -1, NULL) ||
      *payee_name == '\0' || strlen (payee_name) > 99 || strlen (note) > 80)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "The payee name (up to 99 bytes) and note (up to 80) must be "
                           "non-empty UTF-8 text");
      return NULL;
    }

  /* '@' is a legal query character and UPI apps expect it unescaped in the address. */
  pa = g_uri_escape_string (payee_vpa, "@", FALSE);
  pn = g_uri_escape_string (payee_name, NULL, FALSE);
  tn = g_uri_escape_string (note, NULL, FALSE);
  return g_strdup_printf ("upi://pay?pa=%s&pn=%s&am=%" G_GINT64_FORMAT ".%02d&cu=INR&tn=%s", pa, pn,
                          amount_paise / 100, (int) (amount_paise % 100), tn);
}

typedef struct
{
  PuratanPayment *attempt;
  PuratanRole role;
} TakeJob;

static void
take_job_free (TakeJob *job)
{
  puratan_payment_free (job->attempt);
  g_free (job);
}

/* The shared connection is opened with SQLITE_OPEN_FULLMUTEX and puratan_payments_take() holds
 * the database's transaction lock while it writes, so a worker may use it. */
static void
take_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TakeJob *job = task_data;
  GError *error = NULL;
  PuratanPayment *stored = puratan_payments_take (source, job->attempt, job->role, NULL, &error);

  if (stored != NULL)
    g_task_return_pointer (task, stored, (GDestroyNotify) puratan_payment_free);
  else
    g_task_return_error (task, error);
}

/**
 * puratan_payments_take_async:
 * @database: an open database
 * @attempt: as for puratan_payments_take(); copied, so the caller may free it at once
 * @role: the user's role: counter or admin
 * @cancellable: (nullable): cancels the wait for the result (the payment may still be
 *   recorded; retrying the same attempt never charges twice)
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Records a payment as puratan_payments_take() does, on a worker thread.
 */
void
puratan_payments_take_async (PuratanDatabase *database,
                             const PuratanPayment *attempt,
                             PuratanRole role,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  TakeJob *job;

  g_return_if_fail (PURATAN_IS_DATABASE (database));
  g_return_if_fail (attempt != NULL);

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_payments_take_async);
  job = g_new0 (TakeJob, 1);
  job->attempt = puratan_payment_copy (attempt);
  job->role = role;
  g_task_set_task_data (task, job, (GDestroyNotify) take_job_free);
  g_task_run_in_thread (task, take_in_thread);
}

/**
 * puratan_payments_take_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the stored payment, or %NULL with @error set
 */
PuratanPayment *
puratan_payments_take_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
