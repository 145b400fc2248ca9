/* puratan-sync-engine.c: keeps a workstation's database and the shop's server in step
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-sync-engine.h"

#include "puratan-core.h"
#include "puratan-sync-error.h"
#include "puratan-sync-events.h"
#include "puratan-sync-private.h"

/* Backoff: 0.5 s doubling to at most 60 s, each wait drawn from its upper half. */
#define BACKOFF_FIRST_MS 500
#define BACKOFF_MAX_MS   60000
/* A Retry-After is honoured up to an hour. */
#define RETRY_AFTER_MAX_S 3600
/* While online, the feed is read at least this often even without an event (by default). */
#define POLL_INTERVAL_S 60
/* "Never" for a wait: a year. */
#define NEVER_S (366 * 24 * 3600)

G_DEFINE_ENUM_TYPE (PuratanSyncState,
                    puratan_sync_state,
                    G_DEFINE_ENUM_VALUE (PURATAN_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (PURATAN_SYNC_STATE_ONLINE, "online"),
                    G_DEFINE_ENUM_VALUE (PURATAN_SYNC_STATE_SYNCING, "syncing"))

struct _PuratanSyncEngine
{
  GObject parent_instance;

  char *database_path;
  char *server_url;
  PuratanSyncCredentialStore *store;
  GMainContext *owner;
  GNetworkMonitor *monitor;
  gulong network_handler;

  GThread *thread;
  gboolean retired; /* stopped in the background: its worker is being joined elsewhere */
  GCancellable *cancellable;
  PuratanSyncEvents *events;

  /* Guarded by lock: the worker's wake-up and the status it publishes. */
  GMutex lock;
  GCond cond;
  gboolean wake;
  gboolean stopping;
  guint attempt;
  guint poll_interval;
  guint batch_size;
  PuratanSyncState state;
  gint64 pending;
  gint64 conflicts;
  char *last_error;
  char *role;
  /* What the owner's thread has been told: the getters' answers, so that a notification
   * handler reads the value it is notified of. */
  PuratanSyncState shown_state;
  gint64 shown_pending;
  gint64 shown_conflicts;
  char *shown_last_error;
  char *shown_role;
};

enum
{
  PROP_0,
  PROP_STATE,
  PROP_PENDING,
  PROP_CONFLICTS,
  PROP_LAST_ERROR,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PuratanSyncEngine, puratan_sync_engine, G_TYPE_OBJECT)

/* How long to wait before try @attempt (0 for the first retry): exponential, bounded, with
 * jitter so that many workstations coming back at once do not arrive together. Jitter needs
 * no secure randomness. */
static gint64
backoff_ms (guint attempt, gint64 retry_after_s)
{
  gint64 ceiling = BACKOFF_FIRST_MS;
  gint64 wait;

  for (guint i = 0; i < attempt && ceiling < BACKOFF_MAX_MS; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, BACKOFF_MAX_MS);
  wait = ceiling / 2 + g_random_int_range (0, (gint32) (ceiling / 2) + 1);
  if (retry_after_s > 0)
    wait = MAX (wait, MIN (retry_after_s, RETRY_AFTER_MAX_S) * 1000);
  return wait;
}

static gboolean
retryable (const GError *error)
{
  return g_error_matches (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_OFFLINE) ||
         g_error_matches (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_BUSY);
}

/* One sync: the outbox first, then the feed. The feed is read only once every change that
 * could be in flight has its answer, so the engine never mistakes its own order, created by
 * a request whose answer it has not seen, for somebody else's. */
static gboolean
cycle (PuratanSyncRun *run, gboolean *progress, GError **error)
{
  guint sent = 0, uploaded = 0, received = 0;
  gboolean ok;

  *progress = FALSE;
  if (run->tokens == NULL)
    {
      GError *load_error = NULL;
      run->tokens = puratan_sync_credential_store_load (
          run->store, puratan_sync_http_get_url (run->http), run->cancellable, &load_error);
      if (load_error != NULL)
        {
          g_propagate_error (error, load_error);
          return FALSE;
        }
      if (run->tokens == NULL)
        {
          g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_NOT_SIGNED_IN,
                       "Not signed in to %s; sign in to sync",
                       puratan_sync_http_get_url (run->http));
          return FALSE;
        }
    }
  run->retry_after = -1;
  /* Files go once their orders are on the server (puratan-sync-upload.c). */
  ok = puratan_sync_run_push (run, &sent, error) &&
       puratan_sync_run_upload (run, &uploaded, error) &&
       puratan_sync_run_pull (run, &received, error);
  /* A server that answered some of the changes is reachable: the backoff starts over. */
  *progress = sent > 0 || uploaded > 0 || received > 0;
  if (*progress)
    g_debug ("Sync: %u changes sent, %u received", sent, received);
  return ok;
}

static gboolean
open_run (PuratanSyncRun *run,
          const char *database_path,
          const char *server_url,
          PuratanSyncCredentialStore *store,
          GCancellable *cancellable,
          GError **error)
{
  run->store = store;
  run->cancellable = cancellable;
  run->retry_after = -1;
  run->http = puratan_sync_http_new (server_url, error);
  if (run->http == NULL)
    return FALSE;
  run->database = puratan_database_open (database_path, error);
  return run->database != NULL;
}

static void
close_run (PuratanSyncRun *run)
{
  g_clear_object (&run->database);
  g_clear_pointer (&run->http, puratan_sync_http_free);
  g_clear_pointer (&run->tokens, puratan_sync_tokens_free);
}

typedef struct
{
  PuratanSyncEngine *self;
  guint changed;
  PuratanSyncState state;
  gint64 pending;
  gint64 conflicts;
  char *last_error;
  char *role;
} Publish;

static gboolean
notify_on_owner (gpointer data)
{
  Publish *publish = data;
  PuratanSyncEngine *self = publish->self;

  g_mutex_lock (&self->lock);
  self->shown_state = publish->state;
  self->shown_pending = publish->pending;
  self->shown_conflicts = publish->conflicts;
  g_free (self->shown_last_error);
  self->shown_last_error = g_steal_pointer (&publish->last_error);
  g_free (self->shown_role);
  self->shown_role = g_steal_pointer (&publish->role);
  g_mutex_unlock (&self->lock);

  for (guint prop = PROP_STATE; prop < N_PROPS; prop++)
    if (publish->changed & (1u << prop))
      g_object_notify_by_pspec (G_OBJECT (publish->self), properties[prop]);
  g_object_unref (publish->self);
  g_free (publish->last_error);
  g_free (publish->role);
  g_free (publish);
  return G_SOURCE_REMOVE;
}

/* Updates the status from the worker and notifies on the thread that made the engine. */
static void
publish (PuratanSyncEngine *self,
         PuratanSyncState state,
         PuratanDatabase *database,
         const GError *error,
         const PuratanSyncTokens *tokens)
{
  Publish *data;
  guint changed = 0;
  gint64 pending = -1, conflicts = -1;

  if (database != NULL)
    {
      g_autoptr (GPtrArray) open = puratan_sync_conflict_list (database, TRUE, NULL);
      pending = puratan_sync_count_waiting (database, NULL);
      conflicts = open != NULL ? (gint64) open->len : -1;
    }
  g_mutex_lock (&self->lock);
  if (self->state != state)
    changed |= 1u << PROP_STATE, self->state = state;
  if (pending >= 0 && self->pending != pending)
    changed |= 1u << PROP_PENDING, self->pending = pending;
  if (conflicts >= 0 && self->conflicts != conflicts)
    changed |= 1u << PROP_CONFLICTS, self->conflicts = conflicts;
  if (error != NULL && g_strcmp0 (self->last_error, error->message) != 0)
    {
      changed |= 1u << PROP_LAST_ERROR;
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
    }
  if (tokens != NULL && g_strcmp0 (self->role, tokens->role) != 0)
    {
      changed |= 1u << PROP_ROLE;
      g_free (self->role);
      self->role = g_strdup (tokens->role);
    }
  /* The server ended the session (or no tokens are kept): nobody is signed in any more. */
  if (g_error_matches (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_NOT_SIGNED_IN) &&
      self->role != NULL)
    {
      changed |= 1u << PROP_ROLE;
      g_clear_pointer (&self->role, g_free);
    }
  data = g_new0 (Publish, 1);
  data->state = self->state;
  data->pending = self->pending;
  data->conflicts = self->conflicts;
  data->last_error = g_strdup (self->last_error);
  data->role = g_strdup (self->role);
  g_mutex_unlock (&self->lock);
  if (changed == 0)
    {
      g_free (data->last_error);
      g_free (data->role);
      g_free (data);
      return;
    }
  data->self = g_object_ref (self);
  data->changed = changed;
  g_main_context_invoke_full (self->owner, G_PRIORITY_DEFAULT, notify_on_owner, data, NULL);
}

static void
events_heard (gpointer user_data)
{
  puratan_sync_engine_sync_now (user_data);
}

static gpointer
worker (gpointer data)
{
  PuratanSyncEngine *self = data;
  PuratanSyncRun run = { 0 };
  g_autoptr (GError) error = NULL;
  gint64 deadline = 0;

  run.batch_size = puratan_sync_engine_get_batch_size (self);
  if (!open_run (&run, self->database_path, self->server_url, self->store, self->cancellable,
                 &error))
    {
      g_warning ("The sync engine cannot start: %s", error->message);
      publish (self, PURATAN_SYNC_STATE_OFFLINE, NULL, error, NULL);
      return NULL;
    }
  publish (self, PURATAN_SYNC_STATE_OFFLINE, run.database, NULL, NULL);
  for (;;)
    {
      g_autoptr (GError) cycle_error = NULL;
      gboolean ok, progress;

      g_mutex_lock (&self->lock);
      while (!self->wake && !self->stopping)
        if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
          break;
      self->wake = FALSE;
      if (self->stopping)
        {
          g_mutex_unlock (&self->lock);
          break;
        }
      g_mutex_unlock (&self->lock);

      publish (self, PURATAN_SYNC_STATE_SYNCING, run.database, NULL, NULL);
      ok = cycle (&run, &progress, &cycle_error);
      g_mutex_lock (&self->lock);
      if (ok || progress)
        self->attempt = 0;
      if (ok)
        deadline = g_get_monotonic_time () +
                   (self->poll_interval > 0 ? self->poll_interval : NEVER_S) * G_TIME_SPAN_SECOND;
      else if (retryable (cycle_error))
        deadline = g_get_monotonic_time () +
                   backoff_ms (self->attempt++, run.retry_after) * G_TIME_SPAN_MILLISECOND;
      else
        /* Signed out or refused: wait for a sign-in or a change (sync_now). */
        deadline = g_get_monotonic_time () +
                   (self->poll_interval > 0 ? self->poll_interval : NEVER_S) * G_TIME_SPAN_SECOND;
      g_mutex_unlock (&self->lock);
      if (ok && run.tokens != NULL && self->events != NULL)
        puratan_sync_events_connect (self->events, run.tokens->access_token);
      if (!ok && self->events != NULL)
        puratan_sync_events_disconnect (self->events);
      if (!ok && !g_error_matches (cycle_error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_CANCELLED))
        g_debug ("Sync failed: %s", cycle_error->message);
      publish (self, ok ? PURATAN_SYNC_STATE_ONLINE : PURATAN_SYNC_STATE_OFFLINE, run.database,
               cycle_error, run.tokens);
    }
  close_run (&run);
  return NULL;
}

static void
network_changed_cb (GNetworkMonitor *monitor, gboolean available, gpointer user_data)
{
  PuratanSyncEngine *self = user_data;

  if (!available)
    return;
  /* The network is back: try at once, from the first step of the backoff. */
  g_mutex_lock (&self->lock);
  self->attempt = 0;
  g_mutex_unlock (&self->lock);
  puratan_sync_engine_sync_now (self);
}

static void
puratan_sync_engine_dispose (GObject *object)
{
  PuratanSyncEngine *self = PURATAN_SYNC_ENGINE (object);

  puratan_sync_engine_stop (self);
  g_clear_signal_handler (&self->network_handler, self->monitor);
  g_clear_object (&self->monitor);
  g_clear_object (&self->store);
  g_clear_pointer (&self->events, puratan_sync_events_free);
  G_OBJECT_CLASS (puratan_sync_engine_parent_class)->dispose (object);
}

static void
puratan_sync_engine_finalize (GObject *object)
{
  PuratanSyncEngine *self = PURATAN_SYNC_ENGINE (object);

  g_free (self->database_path);
  g_free (self->server_url);
  g_free (self->last_error);
  g_free (self->role);
  g_free (self->shown_last_error);
  g_free (self->shown_role);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->owner, g_main_context_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (puratan_sync_engine_parent_class)->finalize (object);
}

static void
puratan_sync_engine_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PuratanSyncEngine *self = PURATAN_SYNC_ENGINE (object);

  switch (prop_id)
    {
      case PROP_STATE:
        g_value_set_enum (value, puratan_sync_engine_get_state (self));
        break;
      case PROP_PENDING:
        g_value_set_int64 (value, puratan_sync_engine_get_pending (self));
        break;
      case PROP_CONFLICTS:
        g_value_set_int64 (value, puratan_sync_engine_get_conflicts (self));
        break;
      case PROP_LAST_ERROR:
        g_value_take_string (value, puratan_sync_engine_dup_last_error (self));
        break;
      case PROP_ROLE:
        g_value_take_string (value, puratan_sync_engine_dup_role (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_sync_engine_class_init (PuratanSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = puratan_sync_engine_dispose;
  object_class->finalize = puratan_sync_engine_finalize;
  object_class->get_property = puratan_sync_engine_get_property;

  /**
   * PuratanSyncEngine:state:
   *
   * Offline, online or syncing: for the header bar.
   */
  properties[PROP_STATE] =
      g_param_spec_enum ("state", NULL, NULL, PURATAN_TYPE_SYNC_STATE, PURATAN_SYNC_STATE_OFFLINE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * PuratanSyncEngine:pending:
   *
   * How many local changes wait to be sent (file uploads not counted).
   */
  properties[PROP_PENDING] =
      g_param_spec_int64 ("pending", NULL, NULL, 0, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * PuratanSyncEngine:conflicts:
   *
   * How many conflicts wait for a person to choose a version
   * (puratan_sync_conflict_list() lists them).
   */
  properties[PROP_CONFLICTS] =
      g_param_spec_int64 ("conflicts", NULL, NULL, 0, G_MAXINT64, 0,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * PuratanSyncEngine:last-error:
   *
   * The last failure, with the server's problem detail when it answered one; kept after
   * a later success so the status can show what happened.
   */
  properties[PROP_LAST_ERROR] =
      g_param_spec_string ("last-error", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * PuratanSyncEngine:role:
   *
   * The signed-in account's role ("customer", "counter", ...), or %NULL before the first
   * sync and once the server has ended the session: what the views may offer.
   */
  properties[PROP_ROLE] =
      g_param_spec_string ("role", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
puratan_sync_engine_init (PuratanSyncEngine *self)
{
  self->poll_interval = POLL_INTERVAL_S;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
}

/**
 * puratan_sync_engine_new:
 * @database_path: the workstation's shop database
 * @server_url: the shop server's base URL (`https://shop.example.in/`)
 * @store: (transfer none): where the tokens are kept (puratan_sync_keyring_new())
 * @error: return location for a #GError
 *
 * Makes an engine; nothing runs until puratan_sync_engine_start(). Property notifications
 * arrive on the thread-default main context of the caller.
 *
 * Returns: (transfer full) (nullable): the engine, or %NULL with
 *   %PURATAN_SYNC_ERROR_INVALID_URL
 */
PuratanSyncEngine *
puratan_sync_engine_new (const char *database_path,
                         const char *server_url,
                         PuratanSyncCredentialStore *store,
                         GError **error)
{
  g_autoptr (PuratanSyncHttp) check = NULL;
  PuratanSyncEngine *self;

  g_return_val_if_fail (database_path != NULL && server_url != NULL, NULL);
  g_return_val_if_fail (PURATAN_IS_SYNC_CREDENTIAL_STORE (store), NULL);

  check = puratan_sync_http_new (server_url, error);
  if (check == NULL)
    return NULL;
  self = g_object_new (PURATAN_TYPE_SYNC_ENGINE, NULL);
  self->database_path = g_strdup (database_path);
  self->server_url = g_strdup (puratan_sync_http_get_url (check));
  self->store = g_object_ref (store);
  self->owner = g_main_context_ref_thread_default ();
  return self;
}

/**
 * puratan_sync_engine_get_server_url:
 * @self: an engine
 *
 * Returns: (transfer none): the server's base URL, without a trailing slash
 */
const char *
puratan_sync_engine_get_server_url (PuratanSyncEngine *self)
{
  g_return_val_if_fail (PURATAN_IS_SYNC_ENGINE (self), NULL);
  return self->server_url;
}

/**
 * puratan_sync_engine_get_database_path:
 * @self: an engine
 *
 * Returns: (transfer none): the shop database the engine keeps in step
 */
const char *
puratan_sync_engine_get_database_path (PuratanSyncEngine *self)
{
  g_return_val_if_fail (PURATAN_IS_SYNC_ENGINE (self), NULL);
  return self->database_path;
}

/**
 * puratan_sync_engine_get_store:
 * @self: an engine
 *
 * Returns: (transfer none): where the engine's tokens are kept
 */
PuratanSyncCredentialStore *
puratan_sync_engine_get_store (PuratanSyncEngine *self)
{
  g_return_val_if_fail (PURATAN_IS_SYNC_ENGINE (self), NULL);
  return self->store;
}

/**
 * puratan_sync_engine_start:
 * @self: an engine
 *
 * Starts syncing on a worker thread: at once, then whenever puratan_sync_engine_sync_now()
 * is called, an event arrives on the server's events socket, the network comes back, or a
 * minute passes; after a failure, with exponential backoff and jitter (and the server's
 * Retry-After). Does nothing when already started.
 */
void
puratan_sync_engine_start (PuratanSyncEngine *self)
{
  g_return_if_fail (PURATAN_IS_SYNC_ENGINE (self));
  g_return_if_fail (!self->retired);

  if (self->thread != NULL)
    return;
  self->stopping = FALSE;
  self->wake = TRUE;
  self->cancellable = g_cancellable_new ();
  self->events = puratan_sync_events_new (self->server_url, events_heard, self);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_handler =
      g_signal_connect (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self);
  self->thread = g_thread_new ("puratan-sync", worker, self);
}

/* Asks the worker to stop and cancels a request under way; returns the thread to join. */
static GThread *
ask_to_stop (PuratanSyncEngine *self)
{
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_cancellable_cancel (self->cancellable);
  if (self->events != NULL)
    puratan_sync_events_disconnect (self->events);
  return g_steal_pointer (&self->thread);
}

/* Lets go of what the worker used, once it has ended. */
static void
release_worker (PuratanSyncEngine *self)
{
  g_clear_pointer (&self->events, puratan_sync_events_free);
  g_clear_signal_handler (&self->network_handler, self->monitor);
  g_clear_object (&self->monitor);
  g_clear_object (&self->cancellable);
}

/**
 * puratan_sync_engine_stop:
 * @self: an engine
 *
 * Stops the worker, cancelling a request under way, and waits for it (at most the
 * transaction it is in). What was answered is recorded; what was not is sent again next
 * time. A GTK main loop uses puratan_sync_engine_stop_async() instead.
 */
void
puratan_sync_engine_stop (PuratanSyncEngine *self)
{
  g_return_if_fail (PURATAN_IS_SYNC_ENGINE (self));

  if (self->thread == NULL)
    return;
  g_thread_join (ask_to_stop (self));
  release_worker (self);
}

static void
join_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_thread_join (data);
  g_task_return_boolean (task, TRUE);
}

/* The worker has ended: what it used is let go of on the engine's own thread, then the
 * caller hears of it. */
static void
worker_joined_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) stop = user_data;

  release_worker (PURATAN_SYNC_ENGINE (source));
  g_task_return_boolean (stop, TRUE);
}

/**
 * puratan_sync_engine_stop_async:
 * @self: an engine
 * @callback: (nullable): called on the calling thread's main context once the worker has
 *   ended
 * @user_data: for @callback
 *
 * Stops the worker as puratan_sync_engine_stop() does, without waiting for it: the thread is
 * joined on another worker, and the engine keeps itself alive until then, so the caller may
 * drop its reference at once. Call it from the thread that made the engine; the engine is not
 * started again after it.
 */
void
puratan_sync_engine_stop_async (PuratanSyncEngine *self,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) stop = NULL;
  g_autoptr (GTask) join = NULL;

  g_return_if_fail (PURATAN_IS_SYNC_ENGINE (self));

  stop = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (stop, puratan_sync_engine_stop_async);
  self->retired = TRUE;
  if (self->thread == NULL)
    {
      g_task_return_boolean (stop, TRUE);
      return;
    }
  join = g_task_new (self, NULL, worker_joined_cb, g_steal_pointer (&stop));
  g_task_set_source_tag (join, puratan_sync_engine_stop_async);
  g_task_set_task_data (join, ask_to_stop (self), NULL);
  g_task_run_in_thread (join, join_in_thread);
}

/**
 * puratan_sync_engine_stop_finish:
 * @self: an engine
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE: the worker has ended
 */
gboolean
puratan_sync_engine_stop_finish (PuratanSyncEngine *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * puratan_sync_engine_set_poll_interval:
 * @self: an engine
 * @seconds: how often to read the feed without being asked (60 by default); 0 for never,
 *   leaving it to the events socket, puratan_sync_engine_sync_now() and the network monitor
 *
 * Takes effect from the next wait. Thread-safe.
 */
void
puratan_sync_engine_set_poll_interval (PuratanSyncEngine *self, guint seconds)
{
  g_return_if_fail (PURATAN_IS_SYNC_ENGINE (self));

  g_mutex_lock (&self->lock);
  self->poll_interval = seconds;
  g_mutex_unlock (&self->lock);
}

/**
 * puratan_sync_engine_set_batch_size:
 * @self: an engine
 * @changes: how many orders' creations and payments to send per request (0: the default,
 *   200; at most 500); 1 sends each change in a request of its own, on the single routes
 *
 * Takes effect from the next start or puratan_sync_engine_run_until_idle(). Thread-safe.
 */
void
puratan_sync_engine_set_batch_size (PuratanSyncEngine *self, guint changes)
{
  g_return_if_fail (PURATAN_IS_SYNC_ENGINE (self));

  g_mutex_lock (&self->lock);
  self->batch_size = MIN (changes, 500);
  g_mutex_unlock (&self->lock);
}

/**
 * puratan_sync_engine_get_batch_size:
 * @self: an engine
 *
 * Returns: the batch size set with puratan_sync_engine_set_batch_size() (0: the default)
 */
guint
puratan_sync_engine_get_batch_size (PuratanSyncEngine *self)
{
  guint changes;

  g_return_val_if_fail (PURATAN_IS_SYNC_ENGINE (self), 0);
  g_mutex_lock (&self->lock);
  changes = self->batch_size;
  g_mutex_unlock (&self->lock);
  return changes;
}

/**
 * puratan_sync_engine_sync_now:
 * @self: an engine
 *
 * Asks for a sync as soon as the worker is free (after a local change, say). Thread-safe.
 */
void
puratan_sync_engine_sync_now (PuratanSyncEngine *self)
{
  g_return_if_fail (PURATAN_IS_SYNC_ENGINE (self));

  g_mutex_lock (&self->lock);
  self->wake = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

/**
 * puratan_sync_engine_get_state:
 * @self: an engine
 *
 * Returns: the #PuratanSyncEngine:state, as last notified on the main context that made the
 *   engine (so a notification handler reads the value it is told of)
 */
PuratanSyncState
puratan_sync_engine_get_state (PuratanSyncEngine *self)
{
  PuratanSyncState state;

  g_return_val_if_fail (PURATAN_IS_SYNC_ENGINE (self), PURATAN_SYNC_STATE_OFFLINE);
  g_mutex_lock (&self->lock);
  state = self->shown_state;
  g_mutex_unlock (&self->lock);
  return state;
}

/**
 * puratan_sync_engine_get_pending:
 * @self: an engine
 *
 * Returns: the #PuratanSyncEngine:pending count, as last notified on the main context that
 *   made the engine
 */
gint64
puratan_sync_engine_get_pending (PuratanSyncEngine *self)
{
  gint64 pending;

  g_return_val_if_fail (PURATAN_IS_SYNC_ENGINE (self), 0);
  g_mutex_lock (&self->lock);
  pending = self->shown_pending;
  g_mutex_unlock (&self->lock);
  return pending;
}

/**
 * puratan_sync_engine_get_conflicts:
 * @self: an engine
 *
 * Returns: the #PuratanSyncEngine:conflicts count, as last notified
 */
gint64
puratan_sync_engine_get_conflicts (PuratanSyncEngine *self)
{
  gint64 conflicts;

  g_return_val_if_fail (PURATAN_IS_SYNC_ENGINE (self), 0);
  g_mutex_lock (&self->lock);
  conflicts = self->shown_conflicts;
  g_mutex_unlock (&self->lock);
  return conflicts;
}

/**
 * puratan_sync_engine_dup_last_error:
 * @self: an engine
 *
 * Returns: (transfer full) (nullable): the #PuratanSyncEngine:last-error
 */
char *
puratan_sync_engine_dup_last_error (PuratanSyncEngine *self)
{
  char *message;

  g_return_val_if_fail (PURATAN_IS_SYNC_ENGINE (self), NULL);
  g_mutex_lock (&self->lock);
  message = g_strdup (self->shown_last_error);
  g_mutex_unlock (&self->lock);
  return message;
}

/**
 * puratan_sync_engine_dup_role:
 * @self: an engine
 *
 * Returns: (transfer full) (nullable): the #PuratanSyncEngine:role
 */
char *
puratan_sync_engine_dup_role (PuratanSyncEngine *self)
{
  char *role;

  g_return_val_if_fail (PURATAN_IS_SYNC_ENGINE (self), NULL);
  g_mutex_lock (&self->lock);
  role = g_strdup (self->shown_role);
  g_mutex_unlock (&self->lock);
  return role;
}

/**
 * puratan_sync_engine_run_until_idle:
 * @self: an engine that is not started
 * @give_up_after_seconds: stop retrying after this long (0: never)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Syncs on the calling thread (blocking: for the CLI and tests, never the UI's thread) until
 * the outbox is sent and the feed is read, retrying with backoff while the server is
 * unreachable or busy.
 *
 * Returns: %TRUE when in step with the server
 */
gboolean
puratan_sync_engine_run_until_idle (PuratanSyncEngine *self,
                                    gint64 give_up_after_seconds,
                                    GCancellable *cancellable,
                                    GError **error)
{
  PuratanSyncRun run = { 0 };
  gint64 give_up = g_get_monotonic_time () + give_up_after_seconds * G_TIME_SPAN_SECOND;
  guint attempt = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (PURATAN_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  run.batch_size = puratan_sync_engine_get_batch_size (self);
  if (!open_run (&run, self->database_path, self->server_url, self->store, cancellable, error))
    {
      close_run (&run);
      return FALSE;
    }
  for (;;)
    {
      g_autoptr (GError) cycle_error = NULL;
      gboolean progress = FALSE;
      gint64 wait;

      if (cycle (&run, &progress, &cycle_error))
        {
          ok = TRUE;
          break;
        }
      if (progress)
        attempt = 0;
      wait = backoff_ms (attempt++, run.retry_after);
      if (!retryable (cycle_error) ||
          (give_up_after_seconds > 0 &&
           g_get_monotonic_time () + wait * G_TIME_SPAN_MILLISECOND > give_up))
        {
          g_propagate_error (error, g_steal_pointer (&cycle_error));
          break;
        }
      g_debug ("Sync failed (%s); trying again in %" G_GINT64_FORMAT " ms", cycle_error->message,
               wait);
      g_usleep (wait * 1000);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
    }
  close_run (&run);
  return ok;
}
