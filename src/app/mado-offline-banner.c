/* mado-offline-banner.c — "this is cached data" across the top of the screen
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2 has no AdwBanner; this is a plain box with a loud style
 * (style.css `.offline-banner`) and the alert role, so the desk can never
 * take a cached answer for a fresh confirmation: it names when the hub last
 * confirmed the data, in local time, and how the identity was checked.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mado-offline-banner.h"

struct _MadoOfflineBanner
{
  AdwBin    parent_instance;

  GtkLabel *label;
};

G_DEFINE_FINAL_TYPE (MadoOfflineBanner, mado_offline_banner, ADW_TYPE_BIN)

static const char *
identity_phrase (MadoIdentityCheck identity)
{
  switch (identity)
    {
    case MADO_IDENTITY_CHECK_PIN_LOCAL:
      return _("identity checked on this terminal (PIN)");
    case MADO_IDENTITY_CHECK_VISUAL_LOCAL:
      return _("identity checked by staff (face), on this terminal");
    case MADO_IDENTITY_CHECK_PIN:
    case MADO_IDENTITY_CHECK_VISUAL:
      return _("identity checked by the hub");
    case MADO_IDENTITY_CHECK_NONE:
    default:
      return _("identity not checked");
    }
}

/**
 * mado_offline_banner_format:
 * @freshness: an offline answer's freshness
 *
 * Returns: (transfer full): e.g. "Offline: information as of Nov 20 14:03 ·
 *   identity checked on this terminal (PIN)", the date in local time
 */
char *
mado_offline_banner_format (const MadoReceptionFreshness *freshness)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (freshness != NULL, NULL);

  if (freshness->confirmed_at != NULL)
    {
      local = g_date_time_to_local (freshness->confirmed_at);
      /* TRANSLATORS: g_date_time_format() format for when cached data was
       * last confirmed by the hub; Japanese: "%-m月%-d日 %H:%M". */
      when = g_date_time_format (local, _("%b %-d %H:%M"));
    }
  if (when == NULL)
    when = g_strdup (_("an unknown time"));
  /* TRANSLATORS: the offline banner; %s: the date and time, then how the
   * identity was checked. Japanese: "オフライン: %s 時点の情報・%s". */
  return g_strdup_printf (_("Offline: information as of %s · %s"), when,
                          identity_phrase (freshness->identity));
}

static void
mado_offline_banner_class_init (MadoOfflineBannerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APPLICATION_PATH "/ui/mado-offline-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoOfflineBanner, label);
}

static void
mado_offline_banner_init (MadoOfflineBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mado_offline_banner_new (void)
{
  return g_object_new (MADO_TYPE_OFFLINE_BANNER, NULL);
}

/**
 * mado_offline_banner_set_freshness:
 * @freshness: (nullable): the answer on screen; %NULL or a fresh answer hides the banner
 */
void
mado_offline_banner_set_freshness (MadoOfflineBanner            *self,
                                   const MadoReceptionFreshness *freshness)
{
  g_autofree char *text = NULL;
  gboolean offline = freshness != NULL && freshness->offline;

  g_return_if_fail (MADO_IS_OFFLINE_BANNER (self));

  if (offline)
    {
      text = mado_offline_banner_format (freshness);
      gtk_label_set_label (self->label, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      text, -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), offline);
}
