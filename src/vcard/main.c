/* main.c — madoguchi-vcard: a virtual My Number Card for vpcd
 *
 * Connects to vsmartcard's vpcd reader driver over TCP and answers its
 * controls and command APDUs with the card model of mado-vcard-card.c.
 * See docs/virtual-card.md.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "mado-vcard-card.h"
#include "mado-vcard-link.h"
#include "mado-vcard-log.h"
#include "mado-vcard-profile.h"

#define RECONNECT_DELAY_MS 300
#define START_TIMEOUT_MS 5000

enum
{
  VPCD_POWER_OFF = 0,
  VPCD_POWER_ON = 1,
  VPCD_RESET = 2,
  VPCD_GET_ATR = 4,
};

typedef enum
{
  SESSION_REMOVED,  /* the card left the reader (vpcd closed, or by profile) */
  SESSION_STOPPED,  /* SIGTERM / SIGINT */
  SESSION_FAILED,
} SessionEnd;

typedef struct
{
  MadoVcardCard    *card;
  MadoVcardLog     *log;
  MadoVcardLink    *link;
  const MadoVcardProfile *profile;
  guint             apdu_count;  /* over the whole process, from 1 */
} Vcard;

static volatile int stop_requested;

/* Bytes no card would send: SW1 A5 is not a status word. */
static const guint8 garbage[] = { 0x5A, 0xA5, 0x3C };

static void
stop_handler (int signum)
{
  stop_requested = 1;
}

static void
install_signal_handlers (void)
{
  struct sigaction action;

  memset (&action, 0, sizeof action);
  action.sa_handler = stop_handler;
  sigemptyset (&action.sa_mask);
  sigaction (SIGTERM, &action, NULL);
  sigaction (SIGINT, &action, NULL);
}

/* Sleeps, but not past a stop request. */
static void
pause_ms (guint milliseconds)
{
  for (guint slept = 0; slept < milliseconds && !stop_requested; slept += 10)
    g_usleep (10 * 1000);
}

static gboolean
answer_control (Vcard   *vcard,
                guint8   control,
                GError **error)
{
  const guint8 *atr;
  gsize atr_length;

  switch (control)
    {
    case VPCD_POWER_OFF:
    case VPCD_POWER_ON:
    case VPCD_RESET:
      mado_vcard_card_power (vcard->card);
      return TRUE;
    case VPCD_GET_ATR:
      atr = mado_vcard_card_get_atr (&atr_length);
      return mado_vcard_link_send (vcard->link, atr, atr_length, error);
    default:
      g_debug ("ignoring unknown vpcd control %u", control);
      return TRUE;
    }
}

/* Returns FALSE when the card is to leave the reader instead of answering. */
static gboolean
answer_apdu (Vcard       *vcard,
             GByteArray  *command,
             GError     **error)
{
  g_autoptr(GByteArray) response = NULL;
  guint index = ++vcard->apdu_count;

  if (index == vcard->profile->remove_after_apdu)
    {
      mado_vcard_log_command (vcard->log, index, command->data, command->len, "removed");
      return FALSE;
    }
  pause_ms (vcard->profile->apdu_delay_ms);
  if (index == vcard->profile->garbage_at_apdu)
    {
      mado_vcard_log_command (vcard->log, index, command->data, command->len, "garbage");
      return mado_vcard_link_send (vcard->link, garbage, sizeof garbage, error);
    }
  response = mado_vcard_card_process (vcard->card, command->data, command->len);
  mado_vcard_log_apdu (vcard->log, index, command->data, command->len,
                       response->data, response->len);
  return mado_vcard_link_send (vcard->link, response->data, response->len, error);
}

static SessionEnd
serve (Vcard *vcard)
{
  g_autoptr(GByteArray) message = g_byte_array_new ();

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      MadoVcardLinkStatus status;
      gboolean ok;

      status = mado_vcard_link_receive (vcard->link, &stop_requested, message, &error);
      if (status == MADO_VCARD_LINK_STOPPED)
        return SESSION_STOPPED;
      if (status == MADO_VCARD_LINK_CLOSED)
        return error != NULL ? SESSION_FAILED : SESSION_REMOVED;
      if (message->len == 1)
        ok = answer_control (vcard, message->data[0], &error);
      else
        ok = answer_apdu (vcard, message, &error);
      if (!ok)
        {
          if (error != NULL)
            g_printerr ("madoguchi-vcard: %s\n", error->message);
          return error != NULL ? SESSION_FAILED : SESSION_REMOVED;
        }
    }
}

/* Waits for vpcd to listen, for at most @timeout_ms (0 = until stopped). */
static MadoVcardLink *
connect_with_retry (const char *host,
                    guint16     port,
                    guint       timeout_ms)
{
  g_autoptr(GError) error = NULL;
  guint waited = 0;

  while (!stop_requested)
    {
      MadoVcardLink *link;

      g_clear_error (&error);
      link = mado_vcard_link_connect (host, port, &error);
      if (link != NULL)
        return link;
      if (timeout_ms != 0 && waited >= timeout_ms)
        break;
      pause_ms (100);
      waited += 100;
    }
  if (error != NULL)
    g_printerr ("madoguchi-vcard: %s\n", error->message);
  return NULL;
}

static int
run (Vcard      *vcard,
     const char *host,
     guint16     port,
     gboolean    reconnect)
{
  for (;;)
    {
      SessionEnd end;

      vcard->link = connect_with_retry (host, port, reconnect ? 0 : START_TIMEOUT_MS);
      if (vcard->link == NULL)
        return stop_requested ? EXIT_SUCCESS : EXIT_FAILURE;
      /* A card placed in the reader starts unpowered and unverified. */
      mado_vcard_card_power (vcard->card);
      end = serve (vcard);
      g_clear_pointer (&vcard->link, mado_vcard_link_free);
      if (end == SESSION_STOPPED || (end == SESSION_REMOVED && !reconnect))
        return EXIT_SUCCESS;
      if (end == SESSION_FAILED && !reconnect)
        return EXIT_FAILURE;
      pause_ms (RECONNECT_DELAY_MS);
      if (stop_requested)
        return EXIT_SUCCESS;
    }
}

typedef struct
{
  char     *host;
  gint      port;
  char     *profile;
  char     *log;
  gboolean  reconnect;
  gboolean  version;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->host);
  g_free (options->profile);
  g_free (options->log);
}

static gboolean
parse_options (int       *argc,
               char    ***argv,
               Options   *options,
               GError   **error)
{
  const GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &options->host, "vpcd's host (default 127.0.0.1)", "HOST" },
    { "port", 0, 0, G_OPTION_ARG_INT, &options->port, "vpcd's port (the reader's slot)", "PORT" },
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &options->profile, "the card's profile", "FILE" },
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &options->log, "append one line per APDU to FILE", "FILE" },
    { "reconnect", 0, 0, G_OPTION_ARG_NONE, &options->reconnect,
      "after a removal, place the card in the reader again", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version, "print the version and exit", NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- a virtual My Number Card for vpcd");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (options->version)
    return TRUE;
  if (options->profile == NULL || options->port <= 0 || options->port > 65535)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "--profile FILE and --port PORT (1–65535) are required");
      return FALSE;
    }
  if (options->host == NULL)
    options->host = g_strdup ("127.0.0.1");
  return TRUE;
}

static int
start (const Options *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoVcardProfile) profile = NULL;
  g_autoptr(MadoVcardLog) log = NULL;
  g_autoptr(MadoVcardCard) card = NULL;
  Vcard vcard = { 0 };

  profile = mado_vcard_profile_load (options->profile, &error);
  if (profile == NULL)
    {
      g_printerr ("madoguchi-vcard: %s: %s\n", options->profile, error->message);
      return 2;
    }
  if (options->log != NULL && (log = mado_vcard_log_open (options->log, &error)) == NULL)
    {
      g_printerr ("madoguchi-vcard: %s\n", error->message);
      return 2;
    }
  vcard.profile = profile;
  card = mado_vcard_card_new (g_steal_pointer (&profile));
  vcard.card = card;
  vcard.log = log;
  return run (&vcard, options->host, (guint16) options->port, options->reconnect);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  Options options = { 0 };
  int status;

  install_signal_handlers ();
  if (!parse_options (&argc, &argv, &options, &error))
    {
      g_printerr ("madoguchi-vcard: %s\n", error->message);
      options_clear (&options);
      return 2;
    }
  if (options.version)
    {
      g_print ("madoguchi-vcard %s\n", PACKAGE_VERSION);
      options_clear (&options);
      return 0;
    }
  status = start (&options);
  options_clear (&options);
  return status;
}
