/* mado-site-config.h — the site configuration: hub, certificates, institution, terminal
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MADO_SITE_CONFIG_ERROR (mado_site_config_error_quark ())

/**
 * MadoSiteConfigError:
 * @MADO_SITE_CONFIG_ERROR_NOT_FOUND: the file does not exist
 * @MADO_SITE_CONFIG_ERROR_UNREADABLE: the file cannot be read or is not a key file
 * @MADO_SITE_CONFIG_ERROR_MISSING_KEY: a required group or key is absent
 * @MADO_SITE_CONFIG_ERROR_INVALID_URL: the hub URL is not an https URL with a host
 * @MADO_SITE_CONFIG_ERROR_INVALID_INSTITUTION_CODE: not exactly 10 digits
 * @MADO_SITE_CONFIG_ERROR_INVALID_TERMINAL_ID: not 1–64 of [A-Za-z0-9._-]
 * @MADO_SITE_CONFIG_ERROR_INVALID_IDENTITY_MODES: empty, or not a subset of {pin, visual}
 * @MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT: not a whole number within its bounds
 * @MADO_SITE_CONFIG_ERROR_INVALID_VALUE: another key with a value out of range
 * @MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE: a file the configuration names is missing or unreadable
 * @MADO_SITE_CONFIG_ERROR_UNSAFE_PERMISSIONS: a file others may read or change
 * @MADO_SITE_CONFIG_ERROR_KEY_MISMATCH: the terminal key is not the certificate's
 * @MADO_SITE_CONFIG_ERROR_CERTIFICATE_INVALID: a file that should hold certificates holds none
 * @MADO_SITE_CONFIG_ERROR_CERTIFICATE_EXPIRED: a certificate is expired or not yet valid
 * @MADO_SITE_CONFIG_ERROR_EXISTS: set-up would replace a key or file that is already there
 * @MADO_SITE_CONFIG_ERROR_WRITE_FAILED: set-up could not write a file
 */
typedef enum {
  MADO_SITE_CONFIG_ERROR_NOT_FOUND,
  MADO_SITE_CONFIG_ERROR_UNREADABLE,
  MADO_SITE_CONFIG_ERROR_MISSING_KEY,
  MADO_SITE_CONFIG_ERROR_INVALID_URL,
  MADO_SITE_CONFIG_ERROR_INVALID_INSTITUTION_CODE,
  MADO_SITE_CONFIG_ERROR_INVALID_TERMINAL_ID,
  MADO_SITE_CONFIG_ERROR_INVALID_IDENTITY_MODES,
  MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT,
  MADO_SITE_CONFIG_ERROR_INVALID_VALUE,
  MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE,
  MADO_SITE_CONFIG_ERROR_UNSAFE_PERMISSIONS,
  MADO_SITE_CONFIG_ERROR_KEY_MISMATCH,
  MADO_SITE_CONFIG_ERROR_CERTIFICATE_INVALID,
  MADO_SITE_CONFIG_ERROR_CERTIFICATE_EXPIRED,
  MADO_SITE_CONFIG_ERROR_EXISTS,
  MADO_SITE_CONFIG_ERROR_WRITE_FAILED,
} MadoSiteConfigError;

/**
 * MadoIdentityModes:
 * @MADO_IDENTITY_MODE_PIN: the resident's PIN, the card signs
 * @MADO_IDENTITY_MODE_VISUAL: staff compare the face with the card photo
 */
typedef enum /*< flags >*/ {
  MADO_IDENTITY_MODE_NONE   = 0,
  MADO_IDENTITY_MODE_PIN    = 1 << 0,
  MADO_IDENTITY_MODE_VISUAL = 1 << 1,
} MadoIdentityModes;

/* Where the documentation and the Debian packages put it. */
#define MADO_SITE_CONFIG_SYSTEM_PATH "/etc/madoguchi/site.conf"

#define MADO_SITE_CONFIG_MAX_CONNECT_TIMEOUT  60
#define MADO_SITE_CONFIG_MAX_TOTAL_TIMEOUT   300
/* The clerk's preference goes up to an hour; so may the site's maximum. */
#define MADO_SITE_CONFIG_MAX_IDLE_LOCK      3600

typedef struct {
  char              *path;                    /* the file it came from */

  gboolean           has_hub;                 /* FALSE: no [hub] group, no hub configured */
  char              *hub_url;                 /* https, no trailing slash */
  char              *hub_ca;                  /* absolute paths from here on */
  char              *client_certificate;
  char              *client_key;
  guint              connect_timeout_seconds;
  guint              total_timeout_seconds;
  guint              deadline_seconds;        /* one call, retries included */

  char              *institution_code;
  char              *terminal_id;
  MadoIdentityModes  identity_modes;

  char              *trust_anchors;           /* nullable */
  char              *reader;                  /* nullable: automatic */

  char              *cache_database;          /* nullable */
  char              *cache_key_file;          /* nullable */
  guint              retention_days;

  gboolean           has_orca;                /* FALSE: no [orca] group, no receipt computer */
  char              *orca_url;                /* http(s)://host[:port][/path], no trailing slash */
  char              *orca_user;
  char              *orca_password_file;      /* absolute */
  char              *orca_ca;                 /* nullable: the CA that pins ORCA's certificate */
  guint              orca_timeout_seconds;

  guint              idle_lock_max_seconds;   /* 0: no site maximum, the clerk's preference rules */
} MadoSiteConfig;

GQuark          mado_site_config_error_quark  (void);
char           *mado_site_config_default_path (void);
MadoSiteConfig *mado_site_config_load         (const char  *path,
                                               GError     **error);
MadoSiteConfig *mado_site_config_load_data    (const char  *data,
                                               const char  *path,
                                               GError     **error);
guint           mado_site_config_idle_lock_seconds (const MadoSiteConfig *config,
                                                    guint                 preferred_seconds);
void            mado_site_config_free         (MadoSiteConfig *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoSiteConfig, mado_site_config_free)

G_END_DECLS
