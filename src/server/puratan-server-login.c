/* puratan-server-login.c: signing in, self-registration and new accounts
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These routes hash or verify a password (argon2id: tens of milliseconds
 * and 64 MiB each), so they run on a worker thread and answer when it is
 * done, leaving the main loop free for other requests. The workers are a
 * pool of their own with at most MAX_HASHING threads: sign-ins beyond that
 * wait their turn instead of each taking another 64 MiB (and a core), so a
 * burst of sign-ins cannot run the server out of memory. Passwords and codes
 * are wiped from the job as soon as they are checked and never logged.
 *
 * Sign-in failures are counted per account (by email address, whether or
 * not an account has it, so the answer never tells which addresses exist)
 * and per client address; while either must wait (see the auth layer's
 * throttle policy) an attempt is refused with 429 and Retry-After, without
 * its password being looked at.
 */
#include "puratan-server-private.h"

#include <string.h>

#include "puratan-core.h"

/* The most passwords hashed or verified at once (see above). */
#define MAX_HASHING 2

typedef enum
{
  JOB_LOGIN,
  JOB_REGISTER,
  JOB_CREATE_ACCOUNT,
} JobKind;

typedef struct
{
  JobKind kind;
  SoupServerMessage *msg;
  /* Set on the request's own loop, read on the main loop. */
  gint disconnected;
  PuratanDatabase *database;
  PuratanServerAuthSettings settings;
  char *email;
  char *password;
  char *code;
  char *role;
  char *client;
} AuthJob;

/* What the worker found: an answer to send, or an account signed in or made. */
typedef struct
{
  guint status;
  const char *code;
  char *detail;
  gint64 retry_after;
  PuratanAccount *account;
  char *session_id;
  char *refresh_token;
  gboolean second_factor;
  gint64 now;
} AuthAnswer;

static void
wipe (char **secret)
{
  if (*secret != NULL)
    explicit_bzero (*secret, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
auth_job_free (AuthJob *job)
{
  g_clear_object (&job->msg);
  g_clear_object (&job->database);
  g_free (job->email);
  wipe (&job->password);
  wipe (&job->code);
  g_free (job->role);
  g_free (job->client);
  g_free (job);
}

static void
auth_answer_free (AuthAnswer *answer)
{
  g_free (answer->detail);
  puratan_account_free (answer->account);
  g_free (answer->session_id);
  wipe (&answer->refresh_token);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuthAnswer, auth_answer_free)

static AuthAnswer *
refuse (guint status, const char *code, const char *detail)
{
  AuthAnswer *answer = g_new0 (AuthAnswer, 1);

  answer->status = status;
  answer->code = code;
  answer->detail = g_strdup (detail);
  return answer;
}

/* A database failure: logged here, answered in general words. */
static AuthAnswer *
refuse_error (const GError *error)
{
  guint status = puratan_server_status_for_error (error);

  if (status >= 500)
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE", "Sign-in failed: %s",
                        error->message);
      return refuse (status, NULL,
                     "The server could not complete the request. The failure has been logged.");
    }
  return refuse (status, NULL, error->message);
}

/* How long the next attempt for both counters must wait; 0 when free. */
static gint64
throttle_wait (AuthJob *job,
               const char *account_key,
               const char *client_key,
               gint64 now,
               gboolean *locked,
               GError **error)
{
  const PuratanThrottlePolicy *policy = &job->settings.throttle;
  const char *keys[] = { account_key, client_key };
  gint64 wait = 0;

  *locked = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      guint failures = 0;
      gint64 last = 0, this_wait;

      if (!puratan_login_failures_get (job->database, keys[i], now, policy->window_seconds,
                                       &failures, &last, error))
        return -1;
      this_wait = puratan_throttle_wait (policy, failures, last, now);
      if (this_wait > 0 && puratan_throttle_is_lockout (policy, failures))
        *locked = TRUE;
      wait = MAX (wait, this_wait);
    }
  return wait;
}

static AuthAnswer *
throttled (gint64 wait, gboolean locked)
{
  g_autofree char *detail = NULL;
  AuthAnswer *answer;

  if (locked)
    detail = g_strdup_printf ("Sign-in is locked after too many failed attempts; try again in "
                              "%" G_GINT64_FORMAT " minutes.",
                              (wait + 59) / 60);
  else
    detail = g_strdup_printf (
        "Too many failed sign-ins; wait %" G_GINT64_FORMAT " seconds before trying again.", wait);
  answer = refuse (PURATAN_SERVER_STATUS_TOO_MANY_REQUESTS, "throttled", detail);
  answer->retry_after = wait;
  return answer;
}

/* Counts a failed attempt against both keys and words the answer. */
static AuthAnswer *
fail (AuthJob *job,
      const char *account_key,
      const char *client_key,
      gint64 now,
      const char *code,
      const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *detail = NULL;
  gboolean locked = FALSE;
  gint64 wait;

  if (!puratan_login_failures_record (job->database, account_key, now,
                                      job->settings.throttle.window_seconds, NULL, &error) ||
      !puratan_login_failures_record (job->database, client_key, now,
                                      job->settings.throttle.window_seconds, NULL, &error))
    return refuse_error (error);
  wait = throttle_wait (job, account_key, client_key, now, &locked, &error);
  if (wait < 0)
    return refuse_error (error);
  if (locked)
    detail = g_strdup_printf ("%s Sign-in is now locked for %" G_GINT64_FORMAT " minutes.", message,
                              (wait + 59) / 60);
  else if (wait > 0)
    detail = g_strdup_printf ("%s Wait %" G_GINT64_FORMAT " seconds before the next attempt.",
                              message, wait);
  else
    detail = g_strdup (message);
  return refuse (SOUP_STATUS_UNAUTHORIZED, code, detail);
}

static const char *
totp_code_name (const GError *error)
{
  if (g_error_matches (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOTP_REQUIRED))
    return "totp_required";
  if (g_error_matches (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOTP_REPLAYED))
    return "totp_replayed";
  return "totp_invalid";
}

static AuthAnswer *
login (AuthJob *job)
{
  g_autoptr (PuratanAccount) account = NULL;
  g_autoptr (PuratanAccountTotp) totp = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *account_key = NULL;
  g_autofree char *client_key = NULL;
  g_autofree char *refresh_hash = NULL;
  AuthAnswer *answer;
  gint64 now = puratan_server_now (), wait, step = -1;
  gboolean locked = FALSE, password_ok;

  email = puratan_account_normalize_email (job->email, &error);
  if (email == NULL)
    return refuse (SOUP_STATUS_BAD_REQUEST, NULL, error->message);
  account_key = g_strconcat ("account:", email, NULL);
  client_key = g_strconcat ("client:", job->client, NULL);

  wait = throttle_wait (job, account_key, client_key, now, &locked, &error);
  if (wait < 0)
    return refuse_error (error);
  if (wait > 0)
    return throttled (wait, locked);

  account = puratan_account_get_by_email (job->database, email, &error);
  if (account == NULL && !g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND))
    return refuse_error (error);
  if (account == NULL)
    {
      puratan_password_verify_dummy (job->password);
      password_ok = FALSE;
    }
  else
    password_ok = puratan_password_verify (account->password_hash, job->password);
  if (!password_ok)
    return fail (job, account_key, client_key, now, "bad_credentials",
                 "The email address or the password is wrong.");
  g_clear_error (&error);

  totp = puratan_account_totp_get (job->database, account->id, &error);
  if (totp == NULL && !g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND))
    return refuse_error (error);
  g_clear_error (&error);
  if (totp != NULL && totp->confirmed)
    {
      gsize length = 0;
      const guint8 *secret = g_bytes_get_data (totp->secret, &length);

      if (!puratan_totp_verify (secret, length, job->code, now, totp->last_step, &step, &error))
        {
          /* Only the right password asks for a code, so asking is not counted. */
          if (g_error_matches (error, PURATAN_AUTH_ERROR, PURATAN_AUTH_ERROR_TOTP_REQUIRED))
            return refuse (SOUP_STATUS_UNAUTHORIZED, "totp_required",
                           "This account signs in with a code from its authenticator app: send "
                           "it as \"totp_code\".");
          return fail (job, account_key, client_key, now, totp_code_name (error), error->message);
        }
      if (!puratan_account_totp_use_step (job->database, account->id, step, &error))
        {
          if (!g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT))
            return refuse_error (error);
          return fail (job, account_key, client_key, now, "totp_replayed",
                       "This authenticator code has been used already; wait for the next one.");
        }
    }
  wipe (&job->password);
  wipe (&job->code);

  if (!puratan_login_failures_clear (job->database, account_key, &error))
    return refuse_error (error);

  answer = g_new0 (AuthAnswer, 1);
  answer->status = SOUP_STATUS_OK;
  answer->now = now;
  answer->second_factor = totp != NULL && totp->confirmed;
  answer->refresh_token = puratan_refresh_token_new (&error);
  if (answer->refresh_token == NULL)
    {
      auth_answer_free (answer);
      return refuse_error (error);
    }
  refresh_hash = puratan_token_hash (answer->refresh_token);
  answer->session_id =
      puratan_auth_session_start (job->database, account->id, answer->second_factor, refresh_hash,
                                  now, now + job->settings.refresh_lifetime, &error);
  if (answer->session_id == NULL)
    {
      auth_answer_free (answer);
      return refuse_error (error);
    }
  answer->account = g_steal_pointer (&account);
  return answer;
}

/* Registration and accounts made by an admin. */
static AuthAnswer *
create_account (AuthJob *job)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *hash = NULL;
  AuthAnswer *answer;
  PuratanAccount *account;

  email = puratan_account_normalize_email (job->email, &error);
  if (email == NULL || !puratan_password_check_policy (job->password, &error))
    return refuse (SOUP_STATUS_BAD_REQUEST, NULL, error->message);
  hash = puratan_password_hash (job->password, &error);
  wipe (&job->password);
  if (hash == NULL)
    return refuse_error (error);
  account = puratan_account_insert (job->database, email, hash, job->role, &error);
  if (account == NULL && g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT))
    return refuse (SOUP_STATUS_CONFLICT, "email_taken", error->message);
  if (account == NULL)
    return refuse_error (error);
  answer = g_new0 (AuthAnswer, 1);
  answer->status = SOUP_STATUS_CREATED;
  answer->account = account;
  return answer;
}

/* Runs a job (its GTask, transfer full) on one of the pool's threads. */
static void
auth_thread (gpointer data, gpointer user_data)
{
  g_autoptr (GTask) task = data;
  AuthJob *job = g_task_get_task_data (task);

  g_task_return_pointer (task, job->kind == JOB_LOGIN ? login (job) : create_account (job),
                         (GDestroyNotify) auth_answer_free);
}

/* Returns (transfer none) the process's pool of hashing threads, made on first use. */
static GThreadPool *
hashing_pool (void)
{
  static GThreadPool *pool = NULL;

  if (g_once_init_enter (&pool))
    {
      g_autoptr (GError) error = NULL;
      GThreadPool *made = g_thread_pool_new (auth_thread, NULL, MAX_HASHING, FALSE, &error);

      /* Without exclusive threads the pool starts its threads on demand; it cannot fail. */
      g_assert_no_error (error);
      g_once_init_leave (&pool, made);
    }
  return pool;
}

static void
add_account_members (JsonBuilder *builder, const PuratanAccount *account)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, account->id);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, account->email);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, account->role);
}

static void
respond_answer (PuratanServer *self, SoupServerMessage *msg, AuthAnswer *answer)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode) root = NULL;
  PuratanRole role = PURATAN_ROLE_CUSTOMER;

  if (answer->account == NULL)
    {
      if (answer->retry_after > 0)
        {
          g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, answer->retry_after);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", seconds);
        }
      if (answer->status == SOUP_STATUS_UNAUTHORIZED)
        puratan_server_respond_unauthorized (msg, NULL, answer->code, answer->detail);
      else
        puratan_server_respond_problem_code (msg, answer->status, answer->code, answer->detail);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  if (answer->session_id != NULL)
    {
      /* The store's CHECK keeps roles to the five names. */
      if (!puratan_role_from_string (answer->account->role, &role, NULL))
        g_assert_not_reached ();
      puratan_server_add_token_members (builder, self, answer->account->id, answer->session_id,
                                        role, answer->second_factor, answer->refresh_token,
                                        answer->now);
      json_builder_set_member_name (builder, "account");
      json_builder_begin_object (builder);
      add_account_members (builder, answer->account);
      json_builder_set_member_name (builder, "second_factor_required");
      json_builder_add_boolean_value (builder,
                                      role == PURATAN_ROLE_ADMIN && !answer->second_factor);
      json_builder_end_object (builder);
    }
  else
    add_account_members (builder, answer->account);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  puratan_server_respond_json (msg, answer->status, root);
}

static void
auth_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PuratanServer *self = PURATAN_SERVER (source);
  AuthJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (SoupServerMessage) msg = g_steal_pointer (&job->msg);
  g_autoptr (AuthAnswer) answer = g_task_propagate_pointer (G_TASK (result), NULL);

  g_signal_handlers_disconnect_by_data (msg, job);
  if (g_atomic_int_get (&job->disconnected))
    return;
  respond_answer (self, msg, answer);
  puratan_server_resume (msg);
}

static void
disconnected_cb (SoupServerMessage *msg, gpointer user_data)
{
  AuthJob *job = user_data;

  g_atomic_int_set (&job->disconnected, TRUE);
}

/* Takes the job's fields from the body, or answers 400. */
static gboolean
read_credentials (SoupServerMessage *msg, JsonObject *body, AuthJob *job)
{
  g_autoptr (GError) error = NULL;
  const char *email = NULL, *password = NULL, *code = NULL;

  if (!puratan_json_get_string (body, "email", &email, &error) ||
      !puratan_json_get_string (body, "password", &password, &error) ||
      (job->kind == JOB_LOGIN &&
       !puratan_json_get_optional_string (body, "totp_code", NULL, &code, &error)))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL, error->message);
      return FALSE;
    }
  if (strlen (password) > PURATAN_PASSWORD_MAX_BYTES)
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL,
                                      "The password is too long.");
      return FALSE;
    }
  job->email = g_strdup (email);
  job->password = g_strdup (password);
  job->code = g_strdup (code);
  return TRUE;
}

/* Reads the request and runs the job on a worker; @role is the role of
 * the account to make (ignored for sign-in). */
static void
start_job (PuratanServer *self, SoupServerMessage *msg, JobKind kind, const char *role)
{
  g_autoptr (JsonObject) body = puratan_server_read_json (msg);
  g_autoptr (GTask) task = NULL;
  AuthJob *job;
  const char *client = soup_server_message_get_remote_host (msg);

  if (body == NULL)
    return;
  job = g_new0 (AuthJob, 1);
  job->kind = kind;
  if (!read_credentials (msg, body, job))
    {
      auth_job_free (job);
      return;
    }
  job->role = g_strdup (role);
  job->client = g_strdup (client != NULL ? client : "unknown");
  job->msg = g_object_ref (msg);
  job->database = g_object_ref (puratan_server_get_database (self));
  job->settings = *puratan_server_get_auth_settings (self);
  job->settings.totp_issuer = NULL;
  g_signal_connect (msg, "disconnected", G_CALLBACK (disconnected_cb), job);

  task = g_task_new (self, NULL, auth_done_cb, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) auth_job_free);
  puratan_server_defer (msg);
  g_thread_pool_push (hashing_pool (), g_steal_pointer (&task), NULL);
}

static void
login_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  start_job (PURATAN_SERVER (user_data), msg, JOB_LOGIN, "customer");
}

static void
register_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  g_autoptr (JsonObject) peek = NULL;

  /* The body is read twice (here and by the job); it is small and in memory. */
  peek = puratan_server_read_json (msg);
  if (peek == NULL)
    return;
  if (json_object_has_member (peek, "role"))
    {
      JsonNode *role = json_object_get_member (peek, "role");

      if (!JSON_NODE_HOLDS_VALUE (role) || json_node_get_value_type (role) != G_TYPE_STRING ||
          g_strcmp0 (json_node_get_string (role), "customer") != 0)
        {
          puratan_server_respond_problem (msg, SOUP_STATUS_FORBIDDEN, NULL, NULL,
                                          "Self-registration makes customer accounts only; staff "
                                          "accounts are made by a manager.");
          return;
        }
    }
  start_job (PURATAN_SERVER (user_data), msg, JOB_REGISTER, "customer");
}

static void
create_account_cb (SoupServerMessage *msg, GHashTable *params, gpointer user_data)
{
  g_autoptr (JsonObject) peek = puratan_server_read_json (msg);
  g_autoptr (GError) error = NULL;
  const char *role = NULL;
  PuratanRole parsed;

  if (peek == NULL)
    return;
  if (!puratan_json_get_string (peek, "role", &role, &error) ||
      !puratan_role_from_string (role, &parsed, &error))
    {
      puratan_server_respond_problem (msg, SOUP_STATUS_BAD_REQUEST, NULL, NULL, error->message);
      return;
    }
  start_job (PURATAN_SERVER (user_data), msg, JOB_CREATE_ACCOUNT, role);
}

/* Adds sign-in, registration, the session routes and account creation. */
void
puratan_server_add_auth_routes (PuratanServer *self)
{
  puratan_server_add_route (self, "POST", "/api/v1/auth/login", login_cb, self);
  puratan_server_add_route (self, "POST", "/api/v1/auth/register", register_cb, self);
  puratan_server_add_session_routes (self);
  puratan_server_add_route (self, "POST", "/api/v1/accounts", create_account_cb, self);
}
