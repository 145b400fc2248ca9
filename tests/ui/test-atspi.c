/* test-atspi.c: the studio driven through AT-SPI, as a screen reader drives it
 *
 * The test starts at-spi2-core's accessibility bus inside the private session bus the test runs
 * in, then the real puratan-studio binary as a child process on a fresh data folder, and talks
 * to it only as an assistive technology does: through libatspi, over the accessibility bus.
 *
 * It walks every accessible under the studio's windows and reports each control (buttons,
 * toggles, menu buttons, check boxes, drop-downs, spin buttons, text and search fields) whose
 * name is empty, a GTK type name, or carries a mnemonic underscore, by its path in the
 * accessible tree. Then it uses the studio the way a screen-reader user would: closes the
 * first-run shop dialog, opens the Design view, makes a business card from the template
 * gallery, finds the canvas and the sidebar panels, and types a name into the Counter's
 * customer search.
 *
 * The bus is deterministic: GTK 4.8 and libatspi both take $AT_SPI_BUS_ADDRESS before the
 * AT_SPI_BUS property of the X root window and before asking org.a11y.Bus on the session bus,
 * so the test asks its own bus launcher for the address and hands it to both sides.
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <atspi/atspi.h>

#include "puratan-test-tmpdir.h"

/* libatspi 2.46 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAction, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiEditableText, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiText, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiStateSet, g_object_unref)

/* How long the test waits for the studio to show something before it fails: generous, as
 * AddressSanitizer builds on a loaded machine are slow; never an assertion on speed. */
#define WAIT_SECONDS 120

static char *temp_dir;
static GSubprocess *bus_launcher;
static GSubprocess *studio;

/* Children die with the test, even when an assertion aborts it: the studio at once, the bus
 * launcher by SIGTERM, on which it ends the bus it started. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, GPOINTER_TO_INT (user_data));
}

static GSubprocess *
spawn (const char *const *argv, int death_signal)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, GINT_TO_POINTER (death_signal),
                                         NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return process;
}

static void
stop (GSubprocess **process)
{
  if (*process == NULL)
    return;
  g_subprocess_send_signal (*process, SIGTERM);
  g_subprocess_wait (*process, NULL, NULL);
  g_clear_object (process);
}

static void
sleep_a_little (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_usleep (20 * G_TIME_SPAN_MILLISECOND);
}

static gboolean
waited_too_long (gint64 since)
{
  return g_get_monotonic_time () - since > WAIT_SECONDS * G_TIME_SPAN_SECOND;
}

/* Starts the accessibility bus in the test's session and returns its address. */
static char *
start_accessibility_bus (void)
{
  const char *argv[] = { AT_SPI_BUS_LAUNCHER, "--launch-immediately", NULL };
  g_autoptr (GDBusConnection) session = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  bus_launcher = spawn (argv, SIGTERM);
  for (;;)
    {
      g_autoptr (GVariant) reply = NULL;
      g_autoptr (GError) call_error = NULL;
      char *address = NULL;

      /* No auto-start: the launcher started above answers, not one the session bus starts. */
      reply = g_dbus_connection_call_sync (session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                           "GetAddress", NULL, G_VARIANT_TYPE ("(s)"),
                                           G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, &call_error);
      if (reply != NULL)
        {
          g_variant_get (reply, "(s)", &address);
          if (*address != '\0')
            return address;
          g_free (address);
        }
      else if (!g_error_matches (call_error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) &&
               !g_error_matches (call_error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
        g_error ("The accessibility bus launcher does not answer: %s", call_error->message);
      if (waited_too_long (start))
        g_error ("The accessibility bus launcher never took org.a11y.Bus");
      sleep_a_little ();
    }
}

/* A role as AT-SPI names it ("push button"), for paths and messages. */
static char *
role_of (AtspiAccessible *accessible)
{
  char *role = atspi_accessible_get_role_name (accessible, NULL);

  return role != NULL ? role : g_strdup ("?");
}

static char *
name_of (AtspiAccessible *accessible)
{
  char *name = atspi_accessible_get_name (accessible, NULL);

  return name != NULL ? name : g_strdup ("");
}

/* The roles of the controls a person operates by name. */
static gboolean
is_control (AtspiRole role)
{
  switch (role)
    {
      case ATSPI_ROLE_PUSH_BUTTON:
      case ATSPI_ROLE_PUSH_BUTTON_MENU:
      case ATSPI_ROLE_TOGGLE_BUTTON:
      case ATSPI_ROLE_CHECK_BOX:
      case ATSPI_ROLE_RADIO_BUTTON:
      case ATSPI_ROLE_PAGE_TAB:
      case ATSPI_ROLE_LINK:
      case ATSPI_ROLE_COMBO_BOX:
      case ATSPI_ROLE_SPIN_BUTTON:
      case ATSPI_ROLE_SLIDER:
      case ATSPI_ROLE_ENTRY:
      case ATSPI_ROLE_PASSWORD_TEXT:
      case ATSPI_ROLE_TEXT:
        return TRUE;
      default:
        return FALSE;
    }
}

static gboolean
looks_like_type_name (const char *name)
{
  g_autoptr (GRegex) type = g_regex_new ("^(Gtk|Adw|Gdk|Puratan)[A-Z][A-Za-z]*$", 0, 0, NULL);

  return g_regex_match (type, name, 0, NULL);
}

/* Appends one line per badly named control under @accessible to @problems. */
static void
check_names (AtspiAccessible *accessible,
             const char *parent_path,
             guint *n_checked,
             GString *problems)
{
  g_autofree char *role = role_of (accessible);
  g_autofree char *name = name_of (accessible);
  g_autofree char *path =
      g_strdup_printf ("%s%s%s “%s”", parent_path, *parent_path ? " > " : "", role, name);
  int n_children = atspi_accessible_get_child_count (accessible, NULL);
  const char *problem = NULL;

  if (is_control (atspi_accessible_get_role (accessible, NULL)))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (name));

      (*n_checked)++;
      if (*trimmed == '\0')
        problem = "has no accessible name";
      else if (looks_like_type_name (trimmed))
        problem = "is named after a type";
      else if (strchr (trimmed, '_') != NULL)
        problem = "has a mnemonic underscore in its name";
      if (problem != NULL)
        g_string_append_printf (problems, "%s: %s\n", problem, path);
    }
  for (int i = 0; i < n_children; i++)
    {
      g_autoptr (AtspiAccessible) child = atspi_accessible_get_child_at_index (accessible, i, NULL);

      if (child != NULL)
        check_names (child, path, n_checked, problems);
    }
}

/* Fails, naming each control, unless every control under @window has a name a person would
 * say. Returns how many controls were checked. */
static guint
assert_controls_named (AtspiAccessible *window, const char *where)
{
  g_autoptr (GString) problems = g_string_new (NULL);
  guint n_checked = 0;

  check_names (window, "", &n_checked, problems);
  g_test_message ("%s: %u controls checked", where, n_checked);
  if (problems->len > 0)
    g_error ("%s: controls without a name a person would say:\n%s", where, problems->str);
  return n_checked;
}

static void
dump (AtspiAccessible *accessible, guint depth, GString *out)
{
  g_autofree char *role = role_of (accessible);
  g_autofree char *name = name_of (accessible);
  int n_children = atspi_accessible_get_child_count (accessible, NULL);

  g_string_append_printf (out, "%*s%s “%s”\n", depth * 2, "", role, name);
  for (int i = 0; i < n_children; i++)
    {
      g_autoptr (AtspiAccessible) child = atspi_accessible_get_child_at_index (accessible, i, NULL);

      if (child != NULL)
        dump (child, depth + 1, out);
    }
}

/* The first accessible under @root, depth first, with @role and the name @name. */
static AtspiAccessible *
find (AtspiAccessible *root, AtspiRole role, const char *name)
{
  g_autofree char *own_name = name_of (root);
  int n_children;

  if (atspi_accessible_get_role (root, NULL) == role && g_strcmp0 (own_name, name) == 0)
    return g_object_ref (root);
  n_children = atspi_accessible_get_child_count (root, NULL);
  for (int i = 0; i < n_children; i++)
    {
      g_autoptr (AtspiAccessible) child = atspi_accessible_get_child_at_index (root, i, NULL);
      AtspiAccessible *found = child != NULL ? find (child, role, name) : NULL;

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Waits until @root shows an accessible with @role and @name; fails with the tree when it
 * never does. */
static AtspiAccessible *
wait_for (AtspiAccessible *root, AtspiRole role, const char *name)
{
  gint64 start = g_get_monotonic_time ();
  AtspiAccessible *found;

  while ((found = find (root, role, name)) == NULL)
    {
      if (waited_too_long (start))
        {
          g_autoptr (GString) tree = g_string_new (NULL);
          g_autofree char *role_name = atspi_role_get_name (role);

          dump (root, 0, tree);
          g_error ("No %s named “%s” appeared in:\n%s", role_name, name, tree->str);
        }
      sleep_a_little ();
    }
  return found;
}

/* Waits until @accessible is named @name, as a window is after its title changes. */
static void
wait_for_name (AtspiAccessible *accessible, const char *name)
{
  gint64 start = g_get_monotonic_time ();

  for (;;)
    {
      g_autofree char *current = name_of (accessible);

      if (g_str_equal (current, name))
        return;
      if (waited_too_long (start))
        g_error ("“%s” was never renamed “%s”", current, name);
      sleep_a_little ();
    }
}

/* The studio's application accessible on the desktop, found by its name. */
static AtspiAccessible *
wait_for_application (const char *name)
{
  gint64 start = g_get_monotonic_time ();

  for (;;)
    {
      g_autoptr (AtspiAccessible) desktop = atspi_get_desktop (0);
      g_autoptr (GString) seen = g_string_new (NULL);
      int n_apps = atspi_accessible_get_child_count (desktop, NULL);

      for (int i = 0; i < n_apps; i++)
        {
          g_autoptr (AtspiAccessible) app = atspi_accessible_get_child_at_index (desktop, i, NULL);
          g_autofree char *app_name = app != NULL ? name_of (app) : NULL;

          if (app_name == NULL)
            continue;
          if (g_str_equal (app_name, name))
            {
              /* Every query goes to the studio: a cache would miss what changes. */
              atspi_accessible_set_cache_mask (app, ATSPI_CACHE_NONE);
              return g_steal_pointer (&app);
            }
          g_string_append_printf (seen, " “%s”", app_name);
        }
      if (waited_too_long (start))
        g_error ("No application named “%s” on the accessibility bus; there are:%s", name,
                 seen->str);
      sleep_a_little ();
    }
}

/* Performs @accessible's first action ("click" for buttons, "activate" for rows), as a screen
 * reader does on Enter. */
static void
do_action (AtspiAccessible *accessible)
{
  g_autoptr (AtspiAction) action = atspi_accessible_get_action_iface (accessible);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = name_of (accessible);

  g_assert_nonnull (action);
  g_assert_cmpint (atspi_action_get_n_actions (action, NULL), >, 0);
  if (!atspi_action_do_action (action, 0, &error))
    g_error ("The action of “%s” failed: %s", name, error != NULL ? error->message : "refused");
}

/* A state as AT-SPI names it ("checked"), for messages. */
static const char *
state_name (AtspiStateType state)
{
  g_autoptr (GEnumClass) states = g_type_class_ref (atspi_state_type_get_type ());
  GEnumValue *value = g_enum_get_value (states, state);

  return value != NULL ? value->value_nick : "?";
}

/* The states of @accessible, for messages: " enabled sensitive showing". */
static char *
states_of (AtspiAccessible *accessible)
{
  g_autoptr (AtspiStateSet) set = atspi_accessible_get_state_set (accessible);
  g_autoptr (GArray) states = atspi_state_set_get_states (set);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < states->len; i++)
    g_string_append_printf (text, " %s", state_name (g_array_index (states, AtspiStateType, i)));
  return g_string_free (text, FALSE);
}

static gboolean
has_state (AtspiAccessible *accessible, AtspiStateType state)
{
  g_autoptr (AtspiStateSet) states = atspi_accessible_get_state_set (accessible);

  return atspi_state_set_contains (states, state);
}

/* Waits until @accessible is in @state, as after an action GTK reports it. */
static void
wait_for_state (AtspiAccessible *accessible, AtspiStateType state)
{
  gint64 start = g_get_monotonic_time ();

  while (!has_state (accessible, state))
    {
      if (waited_too_long (start))
        {
          g_autofree char *name = name_of (accessible);

          g_autofree char *states = states_of (accessible);

          g_error ("“%s” never became %s; its states:%s", name, state_name (state), states);
        }
      sleep_a_little ();
    }
}

static void
test_studio_through_atspi (void)
{
  const char *argv[] = { g_getenv ("PURATAN_STUDIO_BIN"), NULL };
  g_autoptr (AtspiAccessible) app = NULL;
  g_autoptr (AtspiAccessible) window = NULL;
  g_autoptr (AtspiAccessible) dialog = NULL;
  g_autoptr (AtspiAccessible) later = NULL;
  g_autoptr (AtspiAccessible) design = NULL;
  g_autoptr (AtspiAccessible) card = NULL;
  g_autoptr (AtspiAccessible) canvas = NULL;
  g_autoptr (AtspiAccessible) panels = NULL;
  g_autoptr (AtspiAccessible) panels_parent = NULL;
  g_autoptr (AtspiAccessible) counter = NULL;
  g_autoptr (AtspiAccessible) search = NULL;
  g_autoptr (AtspiAccessible) no_match = NULL;
  g_autoptr (AtspiEditableText) editable = NULL;
  g_autoptr (AtspiText) text = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *typed = NULL;
  static const char *const panel_names[] = { "Pages",    "Layers", "Properties",
                                             "Swatches", "Quote",  "Preflight" };
  guint n_checked = 0;

  g_assert_nonnull (argv[0]);
  studio = spawn (argv, SIGKILL);

  app = wait_for_application ("puratan-studio");
  window = wait_for (app, ATSPI_ROLE_FRAME, "Puratan Studio");

  /* A fresh data folder: the studio asks for the shop's details first. */
  dialog = wait_for (app, ATSPI_ROLE_FRAME, "Welcome to Puratan Studio");
  n_checked += assert_controls_named (dialog, "the first-run dialog");
  later = wait_for (dialog, ATSPI_ROLE_PUSH_BUTTON, "Later");
  do_action (later);
  /* The test reads on in the main window only: GTK 4.8 answers a read of the application's
   * windows while one is being destroyed with a critical (g_variant_is_object_path), which
   * the suite's fatal warnings turn into a crash of the studio. */

  n_checked += assert_controls_named (window, "the start of the Design view");

  design = wait_for (window, ATSPI_ROLE_PAGE_TAB, "Design");
  do_action (design);
  card = wait_for (window, ATSPI_ROLE_PUSH_BUTTON, "New design from “Business card 85 × 55 mm”");
  do_action (card);
  /* The design is open when the window is named after it. The canvas and the sidebar are in
   * the tree before that too: GTK 4.8 shows a stack's hidden pages to AT-SPI. */
  wait_for_name (window, "Untitled Design — Puratan Studio");

  canvas = wait_for (window, ATSPI_ROLE_IMAGE, "Design canvas");
  panels = wait_for (window, ATSPI_ROLE_PAGE_TAB_LIST, "Panels");
  panels_parent = atspi_accessible_get_parent (panels, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (panel_names); i++)
    {
      g_autoptr (AtspiAccessible) tab = wait_for (panels, ATSPI_ROLE_PAGE_TAB, panel_names[i]);
      g_autoptr (AtspiAccessible) panel = NULL;

      do_action (tab);
      wait_for_state (tab, ATSPI_STATE_SELECTED);
      panel = wait_for (panels_parent, ATSPI_ROLE_PANEL, panel_names[i]);
      for (guint j = 0; j < G_N_ELEMENTS (panel_names); j++)
        {
          g_autoptr (AtspiAccessible) other =
              wait_for (panels, ATSPI_ROLE_PAGE_TAB, panel_names[j]);

          /* One page at a time: the tab acted on, and no other. */
          g_assert_cmpint (has_state (other, ATSPI_STATE_SELECTED), ==, i == j);
        }
    }
  n_checked += assert_controls_named (window, "the Design view with a business card");

  counter = wait_for (window, ATSPI_ROLE_PAGE_TAB, "Counter");
  do_action (counter);
  search = wait_for (window, ATSPI_ROLE_ENTRY, "Search customers");
  editable = atspi_accessible_get_editable_text_iface (search);
  g_assert_nonnull (editable);
  /* GTK 4.8 takes the length literally: -1 inserts nothing. */
  g_assert_true (
      atspi_editable_text_insert_text (editable, 0, "Asha Verma", strlen ("Asha Verma"), &error));
  g_assert_no_error (error);
  text = atspi_accessible_get_text_iface (search);
  g_assert_nonnull (text);
  typed = atspi_text_get_text (text, 0, atspi_text_get_character_count (text, NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (typed, ==, "Asha Verma");
  /* No customer by that name yet: the list offers to add one. */
  no_match = wait_for (window, ATSPI_ROLE_LABEL, "Add “Asha Verma” as a new customer");
  n_checked += assert_controls_named (window, "the Counter view");

  g_assert_cmpuint (n_checked, >, 30);
  stop (&studio);
}

int
main (int argc, char **argv)
{
  const char *variables[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                              "XDG_STATE_HOME" };
  g_autofree char *address = NULL;
  int status;

  temp_dir = puratan_test_use_private_tmpdir ();
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *dir = g_build_filename (temp_dir, variables[i], NULL);
      g_setenv (variables[i], dir, TRUE);
    }
  /* The studio must expose itself on the accessibility bus, whatever the caller's setting. */
  g_unsetenv ("GTK_A11Y");
  address = start_accessibility_bus ();
  g_setenv ("AT_SPI_BUS_ADDRESS", address, TRUE);
  g_test_message ("accessibility bus: %s", address);

  g_assert_cmpint (atspi_init (), ==, 0);
  g_test_init (&argc, &argv, NULL);
  /* libatspi asks each application for its cache as it appears on the bus, and warns (in its
   * "dbind" domain) when GTK 4.8 has not exported it yet. The test reads the studio without a
   * cache, so libatspi's warnings are printed but not fatal here; criticals stay fatal, and
   * the studio itself runs with the suite's G_DEBUG=fatal-warnings. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_test_add_func ("/studio/atspi/named-and-driven", test_studio_through_atspi);
  status = g_test_run ();
  stop (&studio);
  atspi_exit ();
  stop (&bus_launcher);
  puratan_test_remove_tree (temp_dir);
  g_free (temp_dir);
  return status;
}
