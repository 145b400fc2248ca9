/* puratan-swatch-dialog.c: the dialog that adds a swatch to a design
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The designer picks a colour model (process CMYK, a spot ink with its CMYK alternate,
 * RGB or gray), a name and the values as printers type them: ink percentages, 0–255 for
 * RGB. "Add" checks them and adds the swatch as one undo step; a value the design cannot
 * take is refused with a message and the dialog stays open. Opened on an existing swatch,
 * the same form changes it ("Save"), and a new name follows to every item painted with it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-swatch-dialog.h"

#define N_VALUES 4

struct _PuratanSwatchDialog
{
  AdwWindow parent_instance;

  PuratanDocument *document;
  char *editing; /* the name of the swatch being changed, or NULL when adding */
  char *message;

  GtkButton *add_button;
  GtkDropDown *model_dropdown;
  GtkLabel *name_label;
  GtkEntry *name_entry;
  GtkLabel *value_label_0;
  GtkLabel *value_label_1;
  GtkLabel *value_label_2;
  GtkLabel *value_label_3;
  GtkSpinButton *value_spin_0;
  GtkSpinButton *value_spin_1;
  GtkSpinButton *value_spin_2;
  GtkSpinButton *value_spin_3;
  GtkLabel *message_label;
};

G_DEFINE_FINAL_TYPE (PuratanSwatchDialog, puratan_swatch_dialog, ADW_TYPE_WINDOW)

/* The models in the order the dropdown lists them. */
static const PuratanDocColorModel models[] = { PURATAN_DOC_COLOR_CMYK, PURATAN_DOC_COLOR_SPOT,
                                               PURATAN_DOC_COLOR_RGB, PURATAN_DOC_COLOR_GRAY };

static PuratanDocColorModel
selected_model (PuratanSwatchDialog *self)
{
  guint position = gtk_drop_down_get_selected (self->model_dropdown);

  return position < G_N_ELEMENTS (models) ? models[position] : PURATAN_DOC_COLOR_CMYK;
}

static void
value_widgets (PuratanSwatchDialog *self, GtkLabel **labels, GtkSpinButton **spins)
{
  labels[0] = self->value_label_0;
  labels[1] = self->value_label_1;
  labels[2] = self->value_label_2;
  labels[3] = self->value_label_3;
  spins[0] = self->value_spin_0;
  spins[1] = self->value_spin_1;
  spins[2] = self->value_spin_2;
  spins[3] = self->value_spin_3;
}

static void
show_message (PuratanSwatchDialog *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
model_changed_cb (PuratanSwatchDialog *self)
{
  static const char *const ink[] = { N_ ("Cyan (%)"), N_ ("Magenta (%)"), N_ ("Yellow (%)"),
                                     N_ ("Black (%)") };
  static const char *const rgb[] = { N_ ("Red (0–255)"), N_ ("Green (0–255)"), N_ ("Blue (0–255)"),
                                     NULL };
  static const char *const gray[] = { N_ ("Gray level (%, 0 is black)"), NULL, NULL, NULL };
  PuratanDocColorModel model = selected_model (self);
  const char *const *names = model == PURATAN_DOC_COLOR_RGB    ? rgb
                             : model == PURATAN_DOC_COLOR_GRAY ? gray
                                                               : ink;
  GtkLabel *labels[N_VALUES];
  GtkSpinButton *spins[N_VALUES];

  value_widgets (self, labels, spins);
  gtk_label_set_text (self->name_label,
                      model == PURATAN_DOC_COLOR_SPOT ? _ ("Ink name") : _ ("Name"));
  for (guint i = 0; i < N_VALUES; i++)
    {
      gtk_widget_set_visible (GTK_WIDGET (labels[i]), names[i] != NULL);
      gtk_widget_set_visible (GTK_WIDGET (spins[i]), names[i] != NULL);
      if (names[i] == NULL)
        continue;
      gtk_label_set_text (labels[i], _ (names[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spins[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ (names[i]), -1);
    }
  show_message (self, NULL);
}

/* Reads and checks the form; returns the swatch or sets a message. */
static PuratanDocSwatch *
read_form (PuratanSwatchDialog *self)
{
  PuratanDocColorModel model = selected_model (self);
  g_autofree char *name =
      g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  double top = model == PURATAN_DOC_COLOR_RGB ? 255 : 100;
  guint n = model == PURATAN_DOC_COLOR_RGB ? 3 : model == PURATAN_DOC_COLOR_GRAY ? 1 : 4;
  double values[N_VALUES] = { 0 };
  GtkLabel *labels[N_VALUES];
  GtkSpinButton *spins[N_VALUES];

  value_widgets (self, labels, spins);
  if (*name == '\0')
    {
      show_message (self, model == PURATAN_DOC_COLOR_SPOT
                              ? _ ("A spot colour needs the ink's name, as the press knows it")
                              : _ ("A swatch needs a name"));
      return NULL;
    }
  if (g_strcmp0 (name, self->editing) != 0 &&
      puratan_document_lookup_swatch (self->document, name) != NULL)
    {
      g_autofree char *message = g_strdup_printf (
          _ ("The design already has a swatch named “%s”; choose another name"), name);
      show_message (self, message);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      double value;

      gtk_spin_button_update (spins[i]);
      value = gtk_spin_button_get_value (spins[i]);
      if (!(value >= 0 && value <= top))
        {
          g_autofree char *message = g_strdup_printf (_ ("%s must be 0 to %.0f; %g is outside"),
                                                      gtk_label_get_text (labels[i]), top, value);
          show_message (self, message);
          return NULL;
        }
      values[i] = value / top;
    }
  return puratan_doc_swatch_new (name, model, values);
}

/**
 * puratan_swatch_dialog_add:
 * @self: the dialog
 *
 * Checks the form and adds the swatch to the design (or changes the swatch the dialog
 * was opened on) as one undo step, then closes. A form the design cannot take leaves the
 * dialog open with a message.
 *
 * Returns: %TRUE when the swatch was added or changed
 */
gboolean
puratan_swatch_dialog_add (PuratanSwatchDialog *self)
{
  g_autoptr (PuratanDocSwatch) swatch = NULL;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (PURATAN_IS_SWATCH_DIALOG (self), FALSE);

  swatch = read_form (self);
  if (swatch == NULL)
    return FALSE;
  if (self->editing != NULL
          ? !puratan_document_set_swatch (self->document, self->editing, swatch, &error)
          : !puratan_document_add_swatch (self->document, swatch, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  show_message (self, NULL);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

/**
 * puratan_swatch_dialog_get_message:
 * @self: the dialog
 *
 * Returns: (transfer none) (nullable): why the last "Add" was refused, or %NULL
 */
const char *
puratan_swatch_dialog_get_message (PuratanSwatchDialog *self)
{
  g_return_val_if_fail (PURATAN_IS_SWATCH_DIALOG (self), NULL);
  return self->message;
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  puratan_swatch_dialog_add (PURATAN_SWATCH_DIALOG (widget));
}

static void
puratan_swatch_dialog_dispose (GObject *object)
{
  PuratanSwatchDialog *self = PURATAN_SWATCH_DIALOG (object);

  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_SWATCH_DIALOG);

  G_OBJECT_CLASS (puratan_swatch_dialog_parent_class)->dispose (object);
}

static void
puratan_swatch_dialog_finalize (GObject *object)
{
  g_free (PURATAN_SWATCH_DIALOG (object)->message);
  g_free (PURATAN_SWATCH_DIALOG (object)->editing);

  G_OBJECT_CLASS (puratan_swatch_dialog_parent_class)->finalize (object);
}

static void
puratan_swatch_dialog_class_init (PuratanSwatchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_swatch_dialog_dispose;
  object_class->finalize = puratan_swatch_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-swatch-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchDialog, model_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchDialog, name_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchDialog, value_label_0);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchDialog, value_label_1);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchDialog, value_label_2);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchDialog, value_label_3);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchDialog, value_spin_0);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchDialog, value_spin_1);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchDialog, value_spin_2);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchDialog, value_spin_3);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchDialog, message_label);
  gtk_widget_class_install_action (widget_class, "swatch.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
puratan_swatch_dialog_init (PuratanSwatchDialog *self)
{
  const char *names[] = { _ ("Process CMYK"), _ ("Spot colour (with CMYK alternate)"), _ ("RGB"),
                          _ ("Gray"), NULL };
  g_autoptr (GtkStringList) list = gtk_string_list_new (names);
  GtkLabel *labels[N_VALUES];
  GtkSpinButton *spins[N_VALUES];

  gtk_widget_init_template (GTK_WIDGET (self));
  value_widgets (self, labels, spins);
  for (guint i = 0; i < N_VALUES; i++)
    {
      /* Wide: a value out of range is refused with a message, never clamped unseen. */
      gtk_spin_button_set_range (spins[i], -100000, 100000);
      gtk_spin_button_set_increments (spins[i], 1, 10);
      gtk_spin_button_set_digits (spins[i], 1);
    }
  gtk_drop_down_set_model (self->model_dropdown, G_LIST_MODEL (list));
  g_signal_connect_swapped (self->model_dropdown, "notify::selected", G_CALLBACK (model_changed_cb),
                            self);
  model_changed_cb (self);
}

/**
 * puratan_swatch_dialog_new:
 * @document: the design the swatch is added to
 *
 * Returns: (transfer full): the dialog, not yet shown
 */
GtkWidget *
puratan_swatch_dialog_new (PuratanDocument *document)
{
  PuratanSwatchDialog *self;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (document), NULL);

  self = g_object_new (PURATAN_TYPE_SWATCH_DIALOG, NULL);
  self->document = g_object_ref (document);
  return GTK_WIDGET (self);
}

/**
 * puratan_swatch_dialog_new_for_swatch:
 * @document: the design
 * @name: the name of one of its swatches
 *
 * Returns: (transfer full) (nullable): the dialog filled in with the swatch, to change it,
 *   or %NULL when the design has no such swatch
 */
GtkWidget *
puratan_swatch_dialog_new_for_swatch (PuratanDocument *document, const char *name)
{
  const PuratanDocSwatch *swatch;
  PuratanSwatchDialog *self;
  GtkLabel *labels[N_VALUES];
  GtkSpinButton *spins[N_VALUES];
  double top;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  swatch = puratan_document_lookup_swatch (document, name);
  if (swatch == NULL)
    return NULL;
  self = PURATAN_SWATCH_DIALOG (puratan_swatch_dialog_new (document));
  self->editing = g_strdup (name);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Edit Swatch"));
  gtk_button_set_label (self->add_button, _ ("Save"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), _ ("Save the changed swatch"));
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    if (models[i] == swatch->model)
      gtk_drop_down_set_selected (self->model_dropdown, i);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), swatch->name);
  value_widgets (self, labels, spins);
  top = swatch->model == PURATAN_DOC_COLOR_RGB ? 255 : 100;
  for (guint i = 0; i < N_VALUES; i++)
    gtk_spin_button_set_value (spins[i], swatch->values[i] * top);
  return GTK_WIDGET (self);
}
