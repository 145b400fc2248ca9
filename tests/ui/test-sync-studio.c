/* test-sync-studio.c: the studio signed in to the real server: sign-in errors, two-factor
 * sign-in, a conflict resolved in its dialog, the sync log, waiting changes while the server
 * is down, sign-out, and a locked account
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb in a private D-Bus session with a private gnome-keyring
 * (tests/e2e/sync-keyring.sh), against puratan-server on 127.0.0.1.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <sqlite3.h>

#include "e2e-api.h"
#include "puratan-admin-view.h"
#include "puratan-application.h"
#include "puratan-conflict-dialog.h"
#include "puratan-orders-view.h"
#include "puratan-orders.h"
#include "puratan-sign-in-dialog.h"
#include "puratan-sync-status.h"
#include "puratan-test-tmpdir.h"
#include "puratan-window.h"

#define COUNTER_EMAIL  "asha@example.in"
#define ADMIN_EMAIL    "manager@example.in"
#define LOCKED_EMAIL   "ravi@example.in"
#define DESIGNER_EMAIL "neha@example.in"

typedef void (*StudioBody) (PuratanWindow *window);

static char *temp_dir;
static Server server;
static char *checker; /* a counter's token, to change orders on the server directly */
static char *database_path;

/* Runs the main loop until @done, for at most two minutes (the server and the keyring are
 * other processes on a loaded machine). */
static void
wait_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 give_up = g_get_monotonic_time () + 120 * G_TIME_SPAN_SECOND;

  while (!done (data) && g_get_monotonic_time () < give_up)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
  g_assert_true (done (data));
}

static gboolean
database_open (gpointer data)
{
  return !puratan_application_is_opening_database (data);
}

static GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static PuratanApplication *
app_of (PuratanWindow *window)
{
  return PURATAN_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
}

static void
activate_cb (GApplication *app, gpointer body)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  wait_until (database_open, app);
  ((StudioBody) body) (PURATAN_WINDOW (windows->data));
  gtk_window_destroy (GTK_WINDOW (windows->data));
}

/* Runs @body in a fresh studio on a shop database of its own, with no server configured
 * unless @keep_server (then with the one the last studio was signed in to). */
static void
run_studio_on (const char *name, StudioBody body, gboolean keep_server)
{
  g_autoptr (PuratanApplication) app = puratan_application_new ();
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (GError) error = NULL;
  PuratanShopSettings shop = { (char *) "Puratan Printers",
                               (char *) "12 Station Road, Pune",
                               (char *) "27AAPFU0939F1ZV",
                               NULL,
                               NULL,
                               (char *) "27" };

  g_free (database_path);
  database_path = g_strdup_printf ("%s/%s.sqlite3", g_get_user_data_dir (), name);
  /* The shop's details are saved, so the Admin view does not ask for them. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  database = puratan_database_open (database_path, &error);
  g_assert_no_error (error);
  g_assert_true (puratan_shop_settings_save (database, &shop, &error));
  g_clear_object (&database);

  if (!keep_server)
    g_settings_reset (settings, "sync-server-url");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  puratan_application_set_database_path (app, database_path);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), (gpointer) body);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
}

static void
run_studio (const char *name, StudioBody body)
{
  run_studio_on (name, body, FALSE);
}

/* The sign-in dialog, as the header bar's status opens it. */
static PuratanSignInDialog *
open_sign_in (PuratanWindow *window)
{
  PuratanSignInDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (puratan_window_get_sync_status (window)),
                                             "sync.sign-in", NULL));
  dialog = find_toplevel (PURATAN_TYPE_SIGN_IN_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  return dialog;
}

static void
fill (PuratanSignInDialog *dialog, const char *name, const char *text)
{
  GtkWidget *row = find_named (GTK_WIDGET (dialog), name);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The text field inside an entry row, which takes the keys. */
static GtkWidget *
text_of (GtkWidget *row)
{
  if (GTK_IS_TEXT (row))
    return row;
  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = text_of (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
sign_in_settled (gpointer data)
{
  PuratanSignInDialog **dialog = data;

  return *dialog == NULL || !puratan_sign_in_dialog_is_busy (*dialog);
}

/* Presses Sign In and waits for the answer; the dialog is gone (NULL) after a success. */
static void
press_sign_in (PuratanSignInDialog **dialog)
{
  GtkWidget *button = find_named (GTK_WIDGET (*dialog), "sign-in");

  g_assert_nonnull (button);
  g_object_add_weak_pointer (G_OBJECT (*dialog), (gpointer *) dialog);
  g_signal_emit_by_name (button, "clicked");
  wait_until (sign_in_settled, dialog);
  if (*dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (*dialog), (gpointer *) dialog);
}

static const char *
summary (PuratanWindow *window)
{
  return puratan_sync_status_get_summary (puratan_window_get_sync_status (window));
}

static const char *
status_label (PuratanWindow *window)
{
  return puratan_sync_status_get_label (puratan_window_get_sync_status (window));
}

static char *
role_of (PuratanWindow *window)
{
  char *role = NULL;

  g_object_get (app_of (window), "role", &role, NULL);
  return role;
}

/* Whether the controls under @widget that run @action can be used (none found: FALSE). */
static gboolean
action_usable (GtkWidget *widget, const char *action)
{
  gboolean usable = FALSE, found = FALSE;
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, widget);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_ACTIONABLE (w) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), action) == 0)
        {
          /* Every control for the action agrees. */
          g_assert_true (!found || usable == gtk_widget_get_sensitive (w));
          found = TRUE;
          usable = gtk_widget_get_sensitive (w);
        }
      for (GtkWidget *child = gtk_widget_get_first_child (w); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_ptr_array_unref (stack);
  g_assert_true (found);
  return usable;
}

/* Whether the Counter offers a new sale and the Admin view the shop's details. */
static void
assert_offers (PuratanWindow *window, gboolean sales, gboolean shop_details)
{
  AdwViewStack *stack = puratan_window_get_stack (window);

  g_assert_cmpint (
      action_usable (adw_view_stack_get_child_by_name (stack, "counter"), "counter.new-customer"),
      ==, sales);
  g_assert_cmpint (
      action_usable (adw_view_stack_get_child_by_name (stack, "counter"), "counter.place-order"),
      ==, sales);
  g_assert_cmpint (
      action_usable (adw_view_stack_get_child_by_name (stack, "admin"), "admin.edit-shop"), ==,
      shop_details);
}

/* A port on 127.0.0.1 nobody listens on. */
static guint16
closed_port (void)
{
  g_autoptr (GSocket) socket =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;
  guint16 port;

  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

/* An admin with an authenticator app: enrolled and confirmed through the API. */
static GBytes *
enrol_admin (void)
{
  g_autoptr (JsonObject) login = NULL;
  g_autoptr (JsonObject) answer = NULL;
  g_auto (Reply) reply = { 0 };
  g_autofree char *confirm = NULL;
  g_autofree char *code = NULL;
  GBytes *secret;
  const char *weak;

  server_create_user (&server, ADMIN_EMAIL, "admin", E2E_PASSWORD);
  login = server_login (&server, ADMIN_EMAIL, E2E_PASSWORD, NULL);
  weak = json_object_get_string_member (login, "access_token");
  reply_send (&server, &reply, "POST", "/api/v1/auth/totp", weak, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  answer = reply_object (&reply);
  secret = base32_decode (json_object_get_string_member (answer, "secret"));
  code = totp_code_at (secret, g_get_real_time () / G_USEC_PER_SEC);
  confirm = g_strdup_printf ("{\"code\":\"%s\"}", code);
  reply_send (&server, &reply, "POST", "/api/v1/auth/totp/confirm", weak, confirm);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  return secret;
}

static gboolean
status_not_busy (gpointer data)
{
  return !puratan_sync_status_is_busy (puratan_window_get_sync_status (data));
}

static void
sign_out (PuratanWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (puratan_window_get_sync_status (window)),
                                             "sync.sign-out", NULL));
  wait_until (status_not_busy, window);
}

static void
sign_in_errors (PuratanWindow *window)
{
  PuratanSignInDialog *dialog;
  g_autofree char *unreachable = g_strdup_printf ("http://127.0.0.1:%u/", closed_port ());
  g_autofree char *role = NULL;
  g_autoptr (GBytes) secret = enrol_admin ();
  g_autofree char *wrong_code = NULL;
  g_autofree char *code = NULL;
  gint64 now;

  /* Never signed in: a local-only workstation, acting as admin. */
  g_assert_cmpstr (status_label (window), ==, "Local Only");
  g_assert_cmpstr (summary (window), ==,
                   "Working on this computer only: no shop server is set up.");
  role = role_of (window);
  g_assert_cmpstr (role, ==, "admin");
  assert_offers (window, TRUE, TRUE);

  dialog = open_sign_in (window);
  /* Nothing filled in. */
  press_sign_in (&dialog);
  g_assert_cmpstr (puratan_sign_in_dialog_get_message (dialog), ==,
                   "Enter the server's address, e.g. https://shop.example.in/");

  /* Not a server address. */
  fill (dialog, "server-url", "shop.example.in");
  fill (dialog, "email", COUNTER_EMAIL);
  fill (dialog, "password", E2E_PASSWORD);
  press_sign_in (&dialog);
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (puratan_sign_in_dialog_get_message (dialog),
                                   "“shop.example.in” is not a server address"));

  /* Nobody answers there. */
  fill (dialog, "server-url", unreachable);
  press_sign_in (&dialog);
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (puratan_sign_in_dialog_get_message (dialog),
                                   "Cannot reach the server at http://127.0.0.1:"));

  /* The wrong password. */
  fill (dialog, "server-url", server.url);
  fill (dialog, "password", "not the password");
  press_sign_in (&dialog);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (puratan_sign_in_dialog_get_message (dialog), ==,
                   "The email address or the password is wrong.");
  g_assert_false (puratan_sign_in_dialog_asks_for_code (dialog));

  /* An account with two-factor authentication: the code is asked for. */
  fill (dialog, "email", ADMIN_EMAIL);
  fill (dialog, "password", E2E_PASSWORD);
  press_sign_in (&dialog);
  g_assert_nonnull (dialog);
  g_assert_true (puratan_sign_in_dialog_asks_for_code (dialog));
  g_assert_cmpstr (puratan_sign_in_dialog_get_message (dialog), ==,
                   "This account has two-factor authentication: enter the six digits your "
                   "authenticator app shows.");
  fill (dialog, "totp-code", "12ab");
  press_sign_in (&dialog);
  g_assert_cmpstr (puratan_sign_in_dialog_get_message (dialog), ==,
                   "The code is the six digits your authenticator app shows.");
  now = g_get_real_time () / G_USEC_PER_SEC;
  wrong_code = totp_code_at (secret, now - 3600);
  fill (dialog, "totp-code", wrong_code);
  press_sign_in (&dialog);
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (puratan_sign_in_dialog_get_message (dialog),
                                   "The code is wrong or was used already"));
  /* The next step's code: the current one was spent confirming the enrolment. */
  code = totp_code_at (secret, now + 30);
  fill (dialog, "totp-code", code);
  press_sign_in (&dialog);
  g_assert_null (dialog);
  g_clear_pointer (&role, g_free);
  role = role_of (window);
  g_assert_cmpstr (role, ==, "admin");
  g_assert_cmpstr (status_label (window), !=, "Local Only");
  assert_offers (window, TRUE, TRUE);

  /* Signed out, the studio acts as no one until the next sign-in. */
  sign_out (window);
  g_clear_pointer (&role, g_free);
  role = role_of (window);
  g_assert_null (role);
  g_assert_cmpstr (status_label (window), ==, "Signed Out");
  assert_offers (window, FALSE, FALSE);

  /* A designer takes no sales and keeps the shop's details as they are. Enter in the password
   * field signs in, as the Sign In button does. */
  dialog = open_sign_in (window);
  fill (dialog, "email", DESIGNER_EMAIL);
  fill (dialog, "password", E2E_PASSWORD);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (text_of (find_named (GTK_WIDGET (dialog), "password")), "activate");
  wait_until (sign_in_settled, &dialog);
  g_assert_null (dialog);
  g_clear_pointer (&role, g_free);
  role = role_of (window);
  g_assert_cmpstr (role, ==, "designer");
  assert_offers (window, FALSE, FALSE);
  /* Still signed in when the studio closes: the next test starts it again. */
}

static void
test_sign_in_errors (void)
{
  run_studio ("errors", sign_in_errors);
}

static gboolean
has_role (gpointer data)
{
  g_autofree char *role = role_of (data);

  return role != NULL;
}

/* Started again, the studio is signed in as before: the role comes from the keyring. */
static void
restart_signed_in (PuratanWindow *window)
{
  g_autofree char *role = NULL;

  wait_until (has_role, window);
  role = role_of (window);
  g_assert_cmpstr (role, ==, "designer");
  g_assert_cmpstr (status_label (window), !=, "Signed Out");
  g_assert_cmpstr (status_label (window), !=, "Local Only");
  assert_offers (window, FALSE, FALSE);
  sign_out (window);
  g_clear_pointer (&role, g_free);
  role = role_of (window);
  g_assert_null (role);
}

static void
test_restart_signed_in (void)
{
  run_studio_on ("restart", restart_signed_in, TRUE);
}

/* The local id of the order the server knows as @server_id, or NULL. */
static char *
local_order (const char *server_id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;

  g_assert_cmpint (sqlite3_open_v2 (database_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT local_id FROM sync_links "
                                       "WHERE entity = 'order' AND server_id = ?1",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, server_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return id;
}

typedef struct
{
  const char *server_id;
  char *local_id;
} Pulled;

static gboolean
pulled (gpointer data)
{
  Pulled *p = data;

  g_free (p->local_id);
  p->local_id = local_order (p->server_id);
  return p->local_id != NULL;
}

static JsonObject *
server_order (const char *server_id)
{
  g_auto (Reply) reply = { 0 };
  g_autofree char *path = g_strconcat ("/api/v1/orders/", server_id, NULL);

  api_call (&server, &reply, "GET", path, checker, NULL, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  return reply_object (&reply);
}

static gboolean
label_has_conflict (gpointer data)
{
  return strstr (status_label (data), "1 conflict") != NULL;
}

static gboolean
conflicts_settled (gpointer data)
{
  return !puratan_conflict_dialog_is_busy (data);
}

static gboolean
orders_settled (gpointer data)
{
  return !puratan_orders_view_is_busy (data);
}

static gboolean
sync_log_settled (gpointer data)
{
  return !puratan_admin_view_is_loading_sync_log (data);
}

static gboolean
online (gpointer data)
{
  return g_str_has_prefix (summary (data), "Online.");
}

static gboolean
online_nothing_waiting (gpointer data)
{
  return g_strcmp0 (summary (data), "Online. No changes are waiting to be sent.") == 0;
}

static JsonObject *server_order (const char *server_id);

static gboolean
server_awaits_files (gpointer data)
{
  g_autoptr (JsonObject) order = server_order (data);

  return g_strcmp0 (json_object_get_string_member (order, "status"), "awaiting_files") == 0;
}

static gboolean
offline_with_one_waiting (gpointer data)
{
  return g_strcmp0 (summary (data), "Offline: the server cannot be reached. 1 change is "
                                    "waiting to be sent.") == 0;
}

static gboolean
signed_out_with_one_waiting (gpointer data)
{
  return g_strcmp0 (status_label (data), "Signed Out · 1 waiting") == 0;
}

/* Whether @needle appears in the @length bytes of @data, which may hold NULs. */
static gboolean
contains_bytes (const char *data, gsize length, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; n > 0 && i + n <= length; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Every file under @dir, except the server's own, holds neither token. */
static void
assert_no_token_in (const char *dir, const char *access, const char *refresh)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      /* The server's data folder and log are the server's, not the studio's. */
      if (g_str_equal (path, server.data_dir) || g_str_equal (path, server.log_path))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          assert_no_token_in (path, access, refresh);
          continue;
        }
      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      if (contains_bytes (contents, length, access) || contains_bytes (contents, length, refresh))
        g_error ("A token is in %s", path);
    }
}

static void
assert_tokens_only_in_keyring (PuratanWindow *window)
{
  PuratanApplication *app = app_of (window);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanSyncTokens) tokens = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;
  g_autofree char *url = g_settings_get_string (settings, "sync-server-url");

  /* The keyring has them (a blocking read, fine in a test). */
  tokens = puratan_sync_credential_store_load (
      puratan_application_get_credential_store (app),
      puratan_sync_engine_get_server_url (puratan_application_get_sync_engine (app)), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tokens);
  g_assert_cmpstr (tokens->role, ==, "counter");
  g_assert_cmpuint (strlen (tokens->access_token), >, 16);
  g_assert_cmpuint (strlen (tokens->refresh_token), >, 16);

  /* GSettings has the server's address and no token. */
  g_assert_true (g_str_has_prefix (server.url, url));
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr (GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, tokens->access_token));
      g_assert_null (strstr (text, tokens->refresh_token));
    }
  /* Nor any file the studio writes: its database, settings, caches and state. */
  assert_no_token_in (temp_dir, tokens->access_token, tokens->refresh_token);
}

static void
conflict (PuratanWindow *window)
{
  AdwViewStack *stack = puratan_window_get_stack (window);
  PuratanOrdersView *orders =
      PURATAN_ORDERS_VIEW (adw_view_stack_get_child_by_name (stack, "orders"));
  PuratanAdminView *admin = PURATAN_ADMIN_VIEW (adw_view_stack_get_child_by_name (stack, "admin"));
  PuratanSignInDialog *dialog;
  PuratanConflictDialog *conflicts;
  g_autofree char *server_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *if_match = NULL;
  g_autofree char *role = NULL;
  g_autoptr (JsonObject) before = NULL;
  g_autoptr (JsonObject) after = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (PuratanOrder) kept = NULL;
  g_autoptr (GPtrArray) open = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (Reply) reply = { 0 };
  Pulled pull = { NULL, NULL };
  GtkWidget *row;
  gboolean found_conflict_entry = FALSE;

  /* Signed in through the dialog, as a counter. */
  dialog = open_sign_in (window);
  fill (dialog, "server-url", server.url);
  fill (dialog, "email", COUNTER_EMAIL);
  fill (dialog, "password", E2E_PASSWORD);
  press_sign_in (&dialog);
  g_assert_null (dialog);
  role = role_of (window);
  g_assert_cmpstr (role, ==, "counter");
  wait_until (online, window);
  assert_tokens_only_in_keyring (window);
  /* Syncs only when told or woken by the server, so the two edits below meet as a conflict. */
  puratan_sync_engine_set_poll_interval (puratan_application_get_sync_engine (app_of (window)), 0);

  /* An order made on the server reaches the studio. */
  server_id = api_placed_order (&server, checker, "Meera Joshi");
  pull.server_id = server_id;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (puratan_window_get_sync_status (window)),
                                             "sync.sync-now", NULL));
  wait_until (pulled, &pull);

  /* The counter's steps are offered for it, and only those. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "orders"));
  puratan_orders_view_select (orders, pull.local_id);
  wait_until (orders_settled, orders);
  g_assert_nonnull (find_named (GTK_WIDGET (orders), "request_files"));
  g_assert_nonnull (find_named (GTK_WIDGET (orders), "cancel"));
  g_assert_null (find_named (GTK_WIDGET (orders), "preflight_pass"));

  /* Edited here (the studio has not sent it yet)… */
  database = puratan_database_open (database_path, &error);
  g_assert_no_error (error);
  order = puratan_order_get (database, pull.local_id, &error);
  g_assert_no_error (error);
  g_assert_true (puratan_order_save_details (database, order, "2027-03-01",
                                             "mine: collect at counter", &error));
  g_assert_no_error (error);
  /* …and on the server, from the version the edit here was based on. */
  before = server_order (server_id);
  path = g_strconcat ("/api/v1/orders/", server_id, NULL);
  if_match =
      g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", json_object_get_int_member (before, "version"));
  api_call (&server, &reply, "PATCH", path, checker,
            "{\"due_date\":\"2027-02-01\",\"notes\":\"theirs: deliver to the warehouse\"}", NULL,
            if_match);
  g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (puratan_window_get_sync_status (window)),
                                             "sync.sync-now", NULL));
  wait_until (label_has_conflict, window);
  g_assert_nonnull (strstr (summary (window), "1 order was changed both here and on the server."));

  /* The toast's button opens both versions side by side. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.resolve-conflicts", NULL));
  conflicts = find_toplevel (PURATAN_TYPE_CONFLICT_DIALOG);
  g_assert_nonnull (conflicts);
  wait_until (conflicts_settled, conflicts);
  g_assert_cmpuint (puratan_conflict_dialog_get_n_conflicts (conflicts), ==, 1);
  g_assert_cmpstr (
      gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (conflicts), "mine-version"))), ==,
      "Due: 2027-03-01\nNotes: mine: collect at counter");
  g_assert_cmpstr (
      gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (conflicts), "theirs-version"))), ==,
      "Due: 2027-02-01\nNotes: theirs: deliver to the warehouse");

  /* Someone changes the server's order again while the choice is open: keeping this
   * workstation's version is refused, and the newest server version is shown instead. */
  {
    g_autoptr (JsonObject) current = server_order (server_id);
    g_autofree char *again = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"",
                                              json_object_get_int_member (current, "version"));

    api_call (&server, &reply, "PATCH", path, checker, "{\"notes\":\"theirs again: by courier\"}",
              NULL, again);
    g_assert_cmpuint (soup_message_get_status (reply.msg), ==, 200);
  }
  g_signal_emit_by_name (find_named (GTK_WIDGET (conflicts), "keep-mine"), "clicked");
  wait_until (conflicts_settled, conflicts);
  g_assert_true (g_str_has_prefix (puratan_conflict_dialog_get_message (conflicts),
                                   "The server's order changed again while you chose; its newest "
                                   "version is shown. Choose again."));
  g_assert_cmpuint (puratan_conflict_dialog_get_n_conflicts (conflicts), ==, 1);
  g_assert_cmpstr (
      gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (conflicts), "theirs-version"))), ==,
      "Due: 2027-02-01\nNotes: theirs again: by courier");

  /* This workstation's version is chosen again: it wins on both sides. */
  g_signal_emit_by_name (find_named (GTK_WIDGET (conflicts), "keep-mine"), "clicked");
  wait_until (conflicts_settled, conflicts);
  g_assert_cmpstr (puratan_conflict_dialog_get_message (conflicts), ==,
                   "Kept; the server has the same version now.");
  g_assert_cmpuint (puratan_conflict_dialog_get_n_conflicts (conflicts), ==, 0);
  gtk_window_destroy (GTK_WINDOW (conflicts));

  after = server_order (server_id);
  g_assert_cmpstr (json_object_get_string_member (after, "notes"), ==, "mine: collect at counter");
  g_assert_cmpstr (json_object_get_string_member (after, "due_date"), ==, "2027-03-01");
  kept = puratan_order_get (database, pull.local_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->notes, ==, "mine: collect at counter");
  g_assert_cmpstr (kept->due_date, ==, "2027-03-01");
  open = puratan_sync_conflict_list (database, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 0);

  /* The Admin view's sync log lists the refusal with the server's answer. */
  puratan_admin_view_refresh_sync_log (admin);
  wait_until (sync_log_settled, admin);
  row = find_named (GTK_WIDGET (admin), "sync-log");
  g_assert_nonnull (row);
  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (gtk_widget_get_name (child), "conflict"))
      {
        const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (child));

        g_assert_nonnull (strstr (subtitle, "status 412"));
        found_conflict_entry = TRUE;
      }
  g_assert_true (found_conflict_entry);
  g_assert_nonnull (find_named (row, "received"));

  /* A step taken here is recorded as the signed-in account and sent at once. */
  puratan_orders_view_select (orders, pull.local_id);
  wait_until (orders_settled, orders);
  g_signal_emit_by_name (find_named (GTK_WIDGET (orders), "request_files"), "clicked");
  wait_until (orders_settled, orders);
  g_assert_cmpstr (puratan_orders_view_get_selected (orders)->status, ==, "awaiting_files");
  g_assert_nonnull (
      strstr (gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (orders), "order-timeline"))),
              COUNTER_EMAIL " (counter): Request files"));
  wait_until (server_awaits_files, server_id);
  wait_until (online_nothing_waiting, window);

  /* The server goes away: a change made now waits, and the header bar says so. */
  g_free (server_stop (&server, SIGTERM));
  g_clear_pointer (&kept, puratan_order_free);
  kept = puratan_order_get (database, pull.local_id, &error);
  g_assert_no_error (error);
  g_assert_true (
      puratan_order_save_details (database, kept, "2027-03-02", "while offline", &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (puratan_window_get_sync_status (window)),
                                             "sync.sync-now", NULL));
  wait_until (offline_with_one_waiting, window);
  g_assert_cmpstr (status_label (window), ==, "Offline · 1 waiting");
  /* The button's tooltip (and accessible name) is that sentence. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (find_named (GTK_WIDGET (window), "sync-status")),
                   ==, summary (window));

  /* Signing out forgets the tokens even with the server away; then no steps are offered. */
  sign_out (window);
  g_clear_pointer (&role, g_free);
  role = role_of (window);
  g_assert_null (role);
  /* The change still waits, for the next sign-in. */
  wait_until (signed_out_with_one_waiting, window);
  puratan_orders_view_select (orders, pull.local_id);
  wait_until (orders_settled, orders);
  g_assert_null (find_named (GTK_WIDGET (orders), "request_files"));
  g_assert_null (find_named (GTK_WIDGET (orders), "cancel"));
  {
    g_autoptr (PuratanSyncTokens) gone = puratan_sync_credential_store_load (
        puratan_application_get_credential_store (app_of (window)),
        puratan_sync_engine_get_server_url (puratan_application_get_sync_engine (app_of (window))),
        NULL, &error);
    g_assert_no_error (error);
    g_assert_null (gone);
  }
  g_free (pull.local_id);
}

static void
test_conflict (void)
{
  run_studio ("conflict", conflict);
}

static void
locked (PuratanWindow *window)
{
  PuratanSignInDialog *dialog = open_sign_in (window);
  gboolean locked_now = FALSE;

  fill (dialog, "server-url", server.url);
  fill (dialog, "email", LOCKED_EMAIL);
  /* Wrong until the server locks sign-in (after three failures from this computer). */
  for (guint i = 0; i < 4 && !locked_now; i++)
    {
      const char *message;

      fill (dialog, "password", "not the password");
      press_sign_in (&dialog);
      g_assert_nonnull (dialog);
      message = puratan_sign_in_dialog_get_message (dialog);
      g_assert_true (g_str_has_prefix (message, "The email address or the password is wrong."));
      locked_now = strstr (message, "Sign-in is now locked for 15 minutes.") != NULL;
    }
  g_assert_true (locked_now);
  /* Even the right password is refused now, and the message says why and for how long. */
  fill (dialog, "password", E2E_PASSWORD);
  press_sign_in (&dialog);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (puratan_sign_in_dialog_get_message (dialog), ==,
                   "Sign-in is locked after too many failed attempts; try again in 15 minutes.");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_locked_account (void)
{
  g_autofree char *config = g_build_filename (g_get_user_data_dir (), "server.conf", NULL);
  const char *args[] = { "--config", config, NULL };
  g_autoptr (GError) error = NULL;

  /* The server again (the conflict test stopped it), locking after three failures. */
  g_file_set_contents (config,
                       "[auth]\nlogin-delay-after=3\nlogin-lockout-after=3\n"
                       "login-lockout-seconds=900\n",
                       -1, &error);
  g_assert_no_error (error);
  server_clear (&server);
  server_start (&server, args);
  server_create_user (&server, LOCKED_EMAIL, "counter", E2E_PASSWORD);
  run_studio ("locked", locked);
}

int
main (int argc, char **argv)
{
  const char *variables[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                              "XDG_STATE_HOME" };
  int status;

  temp_dir = puratan_test_use_private_tmpdir ();
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *dir = g_build_filename (temp_dir, variables[i], NULL);
      g_setenv (variables[i], dir, TRUE);
    }
  g_test_init (&argc, &argv, NULL);

  server_start (&server, NULL);
  server_create_user (&server, COUNTER_EMAIL, "counter", E2E_PASSWORD);
  server_create_user (&server, DESIGNER_EMAIL, "designer", E2E_PASSWORD);
  checker = api_sign_in (&server, "checker@example.in", "counter");

  /* In this order: the restart finds the sign-in of the first test, the conflict test stops
   * the server, the locked account starts it again. */
  g_test_add_func ("/studio/sync/sign-in-errors", test_sign_in_errors);
  g_test_add_func ("/studio/sync/restart-signed-in", test_restart_signed_in);
  g_test_add_func ("/studio/sync/conflict", test_conflict);
  g_test_add_func ("/studio/sync/locked-account", test_locked_account);
  status = g_test_run ();

  server_clear (&server);
  g_free (checker);
  g_free (database_path);
  puratan_test_remove_tree (temp_dir);
  g_free (temp_dir);
  return status;
}
