/* test-accessibility.c: every control of the main window has a name a person would say
 *
 * Walks every widget under the main window, the five views included (the pages a stack is
 * not showing too), and the first-run dialog, and reads each control's accessible name the way
 * assistive technology gets it: the label relation or the label property. A control without one,
 * with a GTK type name for one ("GtkMenuButton") or with a mnemonic underscore in it ("_New Order")
 * is reported by its type and its path in the widget tree.
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-application.h"
#include "puratan-counter-view-private.h"
#include "puratan-design-view.h"
#include "puratan-shop-dialog.h"
#include "puratan-test-tmpdir.h"
#include "puratan-window.h"

static char *temp_dir;
static guint n_checked;
static GString *problems;
static GHashTable *known_widgets;

/* The roles a person operates: buttons, fields, choices. */
static gboolean
is_control (GtkAccessibleRole role)
{
  switch (role)
    {
      case GTK_ACCESSIBLE_ROLE_BUTTON:
      case GTK_ACCESSIBLE_ROLE_CHECKBOX:
      case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
      case GTK_ACCESSIBLE_ROLE_LINK:
      case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
      case GTK_ACCESSIBLE_ROLE_RADIO:
      case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
      case GTK_ACCESSIBLE_ROLE_SLIDER:
      case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
      case GTK_ACCESSIBLE_ROLE_SWITCH:
      case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
        return TRUE;
      default:
        return FALSE;
    }
}

static char *
widget_path (GtkWidget *widget)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) path = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id =
          GTK_IS_BUILDABLE (w) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (w)) : NULL;
      const char *name = gtk_widget_get_name (w);

      if (id != NULL)
        g_ptr_array_insert (parts, 0, g_strdup_printf ("%s#%s", G_OBJECT_TYPE_NAME (w), id));
      else if (name != NULL && g_strcmp0 (name, G_OBJECT_TYPE_NAME (w)) != 0)
        g_ptr_array_insert (parts, 0, g_strdup_printf ("%s(%s)", G_OBJECT_TYPE_NAME (w), name));
      else
        g_ptr_array_insert (parts, 0, g_strdup (G_OBJECT_TYPE_NAME (w)));
    }
  for (guint i = 0; i < parts->len; i++)
    g_string_append_printf (path, "%s%s", i > 0 ? " > " : "", (char *) parts->pdata[i]);
  return g_string_free (g_steal_pointer (&path), FALSE);
}

/* The label property as GTK holds it, or NULL when it is not set. GTK's test API answers a
 * comparison with the value it found; a value no control has makes it give the value back. */
static char *
label_property (GtkWidget *widget)
{
  char *value;
  gsize len;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, "\x01");
  len = value != NULL ? strlen (value) : 0;
  if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
    {
      char *unquoted = g_strndup (value + 1, len - 2);
      g_free (value);
      value = unquoted;
    }
  return value;
}

static gboolean
looks_like_type_name (const char *name)
{
  g_autoptr (GRegex) type = g_regex_new ("^(Gtk|Adw|Gdk|Puratan)[A-Z][A-Za-z]*$", 0, 0, NULL);

  return g_regex_match (type, name, 0, NULL);
}

static char *accessible_name (GtkWidget *widget, guint depth);

/* The widgets a labelled-by relation points at. GTK's test API prints the relation as
 * "Type<0xADDRESS>" entries; only addresses of widgets met in the walk are used. */
static char *
name_from_relation (GtkWidget *widget, guint depth)
{
  g_autofree char *value = gtk_test_accessible_check_relation (
      GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, NULL);
  g_autoptr (GRegex) entry = g_regex_new ("<(0x[0-9a-fA-F]+)>", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GString) name = g_string_new (NULL);

  g_regex_match (entry, value != NULL ? value : "", 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *address = g_match_info_fetch (match, 1);
      gpointer target = GSIZE_TO_POINTER (g_ascii_strtoull (address, NULL, 16));
      g_autofree char *part = NULL;

      if (g_hash_table_contains (known_widgets, target))
        part = GTK_IS_LABEL (target) ? g_strdup (gtk_label_get_text (target))
                                     : accessible_name (target, depth + 1);
      if (part != NULL && *part != '\0')
        g_string_append_printf (name, "%s%s", name->len > 0 ? " " : "", part);
      g_match_info_next (match, NULL);
    }
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* The name assistive technology reads: the labelled-by relation's text, else the label
 * property; empty when there is neither. */
static char *
accessible_name (GtkWidget *widget, guint depth)
{
  char *name = NULL;

  if (depth < 4 && gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    name = name_from_relation (widget, depth);
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = label_property (widget);
    }
  return name != NULL ? g_strstrip (name) : g_strdup ("");
}

static void
collect_widgets (GtkWidget *widget)
{
  g_hash_table_add (known_widgets, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child);
}

/* Hidden widgets are not in the accessibility tree; a hidden page's controls are, as its
 * widgets are only hidden by the stack. */
static void
check_widget (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  const char *problem = NULL;

  if (!gtk_widget_get_visible (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_widget (child);
  /* A view switcher is a group, but AT-SPI reads out its type name when it has no name. */
  if (!is_control (role) && !ADW_IS_VIEW_SWITCHER (widget))
    return;
  n_checked++;
  name = accessible_name (widget, 0);
  if (*name == '\0')
    problem = "has no accessible name";
  else if (looks_like_type_name (name))
    problem = "is named after a type";
  else if (strchr (name, '_') != NULL)
    problem = "has a mnemonic underscore in its name";
  if (problem == NULL)
    return;
  path = widget_path (widget);
  g_string_append_printf (problems, "%s %s (name “%s”): %s\n", G_OBJECT_TYPE_NAME (widget), problem,
                          name, path);
}

static GtkWidget *
shop_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (PURATAN_IS_SHOP_DIALOG (window))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static void
wait_for_database (PuratanApplication *app)
{
  for (guint i = 0; i < 10000 && puratan_application_is_opening_database (app); i++)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_false (puratan_application_is_opening_database (app));
}

static void
activate_cb (GApplication *app, gpointer user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  AdwViewStack *stack = puratan_window_get_stack (PURATAN_WINDOW (window));
  GtkWidget *counter = adw_view_stack_get_child_by_name (stack, "counter");

  wait_for_database (PURATAN_APPLICATION (app));
  /* The Counter's order form too, with the catalog's option rows. */
  g_assert_true (gtk_widget_activate_action (counter, "counter.new-order", NULL));
  while (puratan_counter_view_is_busy (PURATAN_COUNTER_VIEW (counter)))
    g_main_context_iteration (NULL, TRUE);
  /* The Design view with a business card open, the name selected: the editor, its
   * header-bar controls and every sidebar panel showing the design. */
  {
    PuratanDesignView *design =
        PURATAN_DESIGN_VIEW (adw_view_stack_get_child_by_name (stack, "design"));

    adw_view_stack_set_visible_child_name (stack, "design");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (design), "design.new-from-template", "s",
                                               "business-card"));
    while (puratan_design_view_get_document (design) == NULL)
      g_main_context_iteration (NULL, TRUE);
    puratan_selection_select_only (puratan_design_view_get_selection (design), "name");
    while (g_main_context_iteration (NULL, FALSE))
      ;
  }
  /* A fresh database: the first-run dialog for the shop's details comes up too. */
  for (guint i = 0; i < 10000 && shop_dialog () == NULL; i++)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_nonnull (shop_dialog ());

  problems = g_string_new (NULL);
  known_widgets = g_hash_table_new (NULL, NULL);
  collect_widgets (GTK_WIDGET (window));
  collect_widgets (shop_dialog ());
  check_widget (GTK_WIDGET (window));
  check_widget (shop_dialog ());
  g_hash_table_unref (known_widgets);
  g_test_message ("%u controls checked", n_checked);
  /* Each of the five views has controls of its own, beyond the header bar's. */
  g_assert_cmpuint (n_checked, >, 30);
  if (problems->len > 0)
    g_test_fail_printf ("Controls without a name a person would say:\n%s", problems->str);
  g_string_free (problems, TRUE);
  gtk_window_destroy (window);
}

static void
test_every_control_named (void)
{
  g_autoptr (PuratanApplication) app = puratan_application_new ();
  g_autofree char *database = g_build_filename (temp_dir, "shop.sqlite3", NULL);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  puratan_application_set_database_path (app, database);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
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
  g_test_add_func ("/studio/accessibility/every-control-named", test_every_control_named);
  status = g_test_run ();
  puratan_test_remove_tree (temp_dir);
  g_free (temp_dir);
  return status;
}
