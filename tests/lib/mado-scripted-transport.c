/* mado-scripted-transport.c — a card that follows a script, for tests
 *
 * Expected command → canned response, in order, failing on the first
 * command that is not the expected one (the idea of web-eid's
 * libpcsc-mock). A test that scripts a blocked card and no VERIFY proves
 * that no VERIFY was sent: the transport would have refused it. It lives
 * in the test library, which unit tests and fuzz targets link; the core
 * never ships it.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-error.h"
#include "mado-scripted-transport.h"

typedef enum {
  STEP_APDU,
  STEP_ERROR,
  STEP_RESET,
  STEP_PIN_PAD,
  STEP_PIN_PAD_ERROR,
} StepKind;

typedef struct {
  StepKind      kind;
  GBytes       *command;       /* NULL: any command */
  GBytes       *response;
  MadoCardError code;
  guint16       sw;
} Step;

struct _MadoScriptedTransport
{
  GObject    parent_instance;

  GPtrArray *steps;
  guint      position;
  GError    *failure;          /* the first deviation from the script */
  gboolean   accept_any;
  gboolean   pin_pad;
  gboolean   in_transaction;
  guint      transactions;
  guint      power_downs;
  guint      generation;
};

static void mado_scripted_transport_iface_init (MadoCardTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoScriptedTransport, mado_scripted_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_CARD_TRANSPORT,
                                                      mado_scripted_transport_iface_init))

static void
step_free (gpointer data)
{
  Step *step = data;

  g_clear_pointer (&step->command, g_bytes_unref);
  g_clear_pointer (&step->response, g_bytes_unref);
  g_free (step);
}

/* Test scripts are literals: a malformed one is a bug in the test. */
static GBytes *
bytes_from_hex (const char *hex)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  int high = -1;

  for (const char *p = hex; *p != '\0'; p++)
    {
      int value;

      if (g_ascii_isspace (*p))
        continue;
      value = g_ascii_xdigit_value (*p);
      if (value < 0)
        g_error ("scripted transport: not hex: \"%s\"", hex);
      if (high < 0)
        {
          high = value;
        }
      else
        {
          guint8 byte = (guint8) (high << 4 | value);

          g_byte_array_append (bytes, &byte, 1);
          high = -1;
        }
    }
  if (high >= 0)
    g_error ("scripted transport: odd number of hex digits: \"%s\"", hex);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static GBytes *
command_from_hex (const char *hex)
{
  if (hex == NULL || strcmp (hex, "*") == 0)
    return NULL;
  return bytes_from_hex (hex);
}

/* VERIFY data is a PIN: even a test transport never prints it. */
static char *
describe_command (const guint8 *data,
                  gsize         len)
{
  GString *text = g_string_new (NULL);
  gsize shown = len;

  if (len > 5 && data[1] == 0x20)
    shown = 5;
  for (gsize i = 0; i < shown; i++)
    g_string_append_printf (text, "%s%02X", i > 0 ? " " : "", data[i]);
  if (shown < len)
    g_string_append_printf (text, " <%" G_GSIZE_FORMAT " VERIFY bytes not shown>", len - shown);
  return g_string_free (text, FALSE);
}

static char *
describe_step (const Step *step)
{
  switch (step->kind)
    {
    case STEP_APDU:
    case STEP_ERROR:
    case STEP_RESET:
      if (step->command == NULL)
        return g_strdup ("any command");
      return describe_command (g_bytes_get_data (step->command, NULL),
                               g_bytes_get_size (step->command));
    case STEP_PIN_PAD:
    case STEP_PIN_PAD_ERROR:
      return g_strdup ("a PIN-pad VERIFY");
    default:
      g_assert_not_reached ();
    }
}

static gboolean
fail (MadoScriptedTransport *self,
      GError              **error,
      const char           *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (MadoScriptedTransport *self,
      GError              **error,
      const char           *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_debug ("scripted transport: %s", message);
  if (self->failure == NULL)
    self->failure = g_error_new (MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED,
                                 "scripted transport: %s", message);
  g_set_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED,
               "scripted transport: %s", message);
  return FALSE;
}

static Step *
add_step (MadoScriptedTransport *self,
          StepKind               kind)
{
  Step *step = g_new0 (Step, 1);

  step->kind = kind;
  g_ptr_array_add (self->steps, step);
  return step;
}

/* Takes the next step if it is of one of the wanted kinds; otherwise
 * records the deviation. */
static Step *
next_step (MadoScriptedTransport *self,
           gboolean               pin_pad,
           const guint8          *command,
           gsize                  command_len,
           GError               **error)
{
  g_autofree char *actual = NULL;
  g_autofree char *expected = NULL;
  Step *step;
  gboolean is_pin_pad_step;

  actual = pin_pad ? g_strdup ("a PIN-pad VERIFY") : describe_command (command, command_len);
  if (self->failure != NULL)
    {
      fail (self, error, "step %u: %s after the script already failed", self->position + 1, actual);
      return NULL;
    }
  if (self->position >= self->steps->len)
    {
      fail (self, error, "step %u: expected the end of the script, got %s",
            self->position + 1, actual);
      return NULL;
    }

  step = g_ptr_array_index (self->steps, self->position);
  is_pin_pad_step = (step->kind == STEP_PIN_PAD || step->kind == STEP_PIN_PAD_ERROR);
  expected = describe_step (step);
  if (pin_pad != is_pin_pad_step)
    {
      fail (self, error, "step %u: expected %s, got %s", self->position + 1, expected, actual);
      return NULL;
    }
  if (!pin_pad && !self->accept_any && step->command != NULL)
    {
      gsize expected_len;
      const guint8 *expected_data = g_bytes_get_data (step->command, &expected_len);

      if (expected_len != command_len || memcmp (expected_data, command, command_len) != 0)
        {
          fail (self, error, "step %u: expected %s, got %s", self->position + 1, expected, actual);
          return NULL;
        }
    }
  self->position++;
  return step;
}

static gboolean
mado_scripted_transport_transmit_raw (MadoCardTransport *transport,
                                      const guint8      *command,
                                      gsize              command_len,
                                      guint8            *response,
                                      gsize             *response_len,
                                      GError           **error)
{
  MadoScriptedTransport *self = MADO_SCRIPTED_TRANSPORT (transport);
  const guint8 *canned;
  gsize canned_len;
  Step *step;

  step = next_step (self, FALSE, command, command_len, error);
  if (step == NULL)
    return FALSE;

  switch (step->kind)
    {
    case STEP_ERROR:
      if (step->code == MADO_CARD_ERROR_CARD_RESET)
        self->generation++;
      g_set_error (error, MADO_CARD_ERROR, step->code,
                   "scripted transport: simulated %s at step %u",
                   mado_error_code_name (MADO_CARD_ERROR, step->code), self->position);
      return FALSE;
    case STEP_RESET:
      self->generation++;
      break;
    case STEP_APDU:
      break;
    case STEP_PIN_PAD:
    case STEP_PIN_PAD_ERROR:
    default:
      g_assert_not_reached ();
    }

  /* An oversized canned answer is copied only as far as the buffer goes
   * but reported at its full length, like a transport that noticed. */
  canned = g_bytes_get_data (step->response, &canned_len);
  if (canned_len > 0)
    memcpy (response, canned, MIN (canned_len, (gsize) MADO_APDU_MAX_RESPONSE));
  *response_len = canned_len;
  return TRUE;
}

static gboolean
mado_scripted_transport_begin_transaction (MadoCardTransport *transport,
                                           GError           **error)
{
  MadoScriptedTransport *self = MADO_SCRIPTED_TRANSPORT (transport);

  if (self->in_transaction)
    return fail (self, error, "a transaction begun inside a transaction");
  self->in_transaction = TRUE;
  self->transactions++;
  return TRUE;
}

static void
mado_scripted_transport_end_transaction (MadoCardTransport *transport)
{
  MadoScriptedTransport *self = MADO_SCRIPTED_TRANSPORT (transport);

  if (!self->in_transaction)
    fail (self, NULL, "a transaction ended that was never begun");
  self->in_transaction = FALSE;
}

static void
mado_scripted_transport_power_down (MadoCardTransport *transport)
{
  MADO_SCRIPTED_TRANSPORT (transport)->power_downs++;
}

static gboolean
mado_scripted_transport_has_pin_pad (MadoCardTransport *transport)
{
  return MADO_SCRIPTED_TRANSPORT (transport)->pin_pad;
}

static gboolean
mado_scripted_transport_verify_on_pin_pad (MadoCardTransport       *transport,
                                           const MadoPinPadRequest *request,
                                           guint16                 *out_sw,
                                           GError                 **error)
{
  MadoScriptedTransport *self = MADO_SCRIPTED_TRANSPORT (transport);
  Step *step;

  step = next_step (self, TRUE, NULL, 0, error);
  if (step == NULL)
    return FALSE;
  if (request->cla != 0x00 || request->ins != 0x20 || request->p1 != 0x00 || request->p2 != 0x80
      || request->min_digits != 4 || request->max_digits != 4)
    return fail (self, error, "step %u: PIN-pad request is not VERIFY 00 20 00 80 for 4 digits",
                 self->position);
  if (step->kind == STEP_PIN_PAD_ERROR)
    {
      g_set_error (error, MADO_CARD_ERROR, step->code,
                   "scripted transport: simulated %s on the PIN pad",
                   mado_error_code_name (MADO_CARD_ERROR, step->code));
      return FALSE;
    }
  *out_sw = step->sw;
  return TRUE;
}

static guint
mado_scripted_transport_get_generation (MadoCardTransport *transport)
{
  return MADO_SCRIPTED_TRANSPORT (transport)->generation;
}

static void
mado_scripted_transport_iface_init (MadoCardTransportInterface *iface)
{
  iface->transmit_raw = mado_scripted_transport_transmit_raw;
  iface->begin_transaction = mado_scripted_transport_begin_transaction;
  iface->end_transaction = mado_scripted_transport_end_transaction;
  iface->power_down = mado_scripted_transport_power_down;
  iface->has_pin_pad = mado_scripted_transport_has_pin_pad;
  iface->verify_on_pin_pad = mado_scripted_transport_verify_on_pin_pad;
  iface->get_generation = mado_scripted_transport_get_generation;
}

static void
mado_scripted_transport_finalize (GObject *object)
{
  MadoScriptedTransport *self = MADO_SCRIPTED_TRANSPORT (object);

  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_error (&self->failure);

  G_OBJECT_CLASS (mado_scripted_transport_parent_class)->finalize (object);
}

static void
mado_scripted_transport_class_init (MadoScriptedTransportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_scripted_transport_finalize;
}

static void
mado_scripted_transport_init (MadoScriptedTransport *self)
{
  self->steps = g_ptr_array_new_with_free_func (step_free);
}

/**
 * mado_scripted_transport_new:
 *
 * Returns: (transfer full): a transport with an empty script: any command
 *   fails until steps are added
 */
MadoScriptedTransport *
mado_scripted_transport_new (void)
{
  return g_object_new (MADO_TYPE_SCRIPTED_TRANSPORT, NULL);
}

/**
 * mado_scripted_transport_expect:
 * @self: a #MadoScriptedTransport
 * @command_hex: (nullable): the expected command in hex (spaces allowed),
 *   or "*" / %NULL for any command
 * @response_hex: the whole response, data and SW, in hex
 *
 * Adds one step to the script.
 */
void
mado_scripted_transport_expect (MadoScriptedTransport *self,
                                const char            *command_hex,
                                const char            *response_hex)
{
  Step *step;

  g_return_if_fail (MADO_IS_SCRIPTED_TRANSPORT (self));
  g_return_if_fail (response_hex != NULL);

  step = add_step (self, STEP_APDU);
  step->command = command_from_hex (command_hex);
  step->response = bytes_from_hex (response_hex);
}

/**
 * mado_scripted_transport_expect_bytes:
 * @self: a #MadoScriptedTransport
 * @command: (nullable) (array length=command_len): the expected command, or
 *   %NULL for any command
 * @command_len: its length
 * @response: (array length=response_len): the whole response (may be of any
 *   length, to test bounds)
 * @response_len: its length
 *
 * Adds one step with binary bytes (signatures, certificates, fuzz input).
 */
void
mado_scripted_transport_expect_bytes (MadoScriptedTransport *self,
                                      const guint8          *command,
                                      gsize                  command_len,
                                      const guint8          *response,
                                      gsize                  response_len)
{
  Step *step;

  g_return_if_fail (MADO_IS_SCRIPTED_TRANSPORT (self));
  g_return_if_fail (response != NULL || response_len == 0);

  step = add_step (self, STEP_APDU);
  step->command = command != NULL ? g_bytes_new (command, command_len) : NULL;
  step->response = g_bytes_new (response, response_len);
}

/**
 * mado_scripted_transport_expect_error:
 * @self: a #MadoScriptedTransport
 * @command_hex: (nullable): the expected command, or "*" / %NULL for any
 * @code: the error the transport reports instead of an answer
 *
 * Simulates a failure at this step: %MADO_CARD_ERROR_CARD_REMOVED,
 * %MADO_CARD_ERROR_READER_GONE, or %MADO_CARD_ERROR_CARD_RESET (which also
 * bumps the generation, as a transport that reconnected does).
 */
void
mado_scripted_transport_expect_error (MadoScriptedTransport *self,
                                      const char            *command_hex,
                                      MadoCardError          code)
{
  Step *step;

  g_return_if_fail (MADO_IS_SCRIPTED_TRANSPORT (self));

  step = add_step (self, STEP_ERROR);
  step->command = command_from_hex (command_hex);
  step->code = code;
}

/**
 * mado_scripted_transport_expect_reset:
 * @self: a #MadoScriptedTransport
 * @command_hex: (nullable): the expected command, or "*" / %NULL for any
 * @response_hex: the answer after the reset
 *
 * Simulates a transport that met a reset, reconnected silently and resent
 * the command: the answer arrives, but the generation has changed.
 */
void
mado_scripted_transport_expect_reset (MadoScriptedTransport *self,
                                      const char            *command_hex,
                                      const char            *response_hex)
{
  Step *step;

  g_return_if_fail (MADO_IS_SCRIPTED_TRANSPORT (self));

  step = add_step (self, STEP_RESET);
  step->command = command_from_hex (command_hex);
  step->response = bytes_from_hex (response_hex);
}

/**
 * mado_scripted_transport_expect_pin_pad:
 * @self: a #MadoScriptedTransport
 * @sw: the status word the card answers to the reader's VERIFY
 *
 * Gives the transport a simulated PIN pad and expects it to be used here.
 */
void
mado_scripted_transport_expect_pin_pad (MadoScriptedTransport *self,
                                        guint16                sw)
{
  g_return_if_fail (MADO_IS_SCRIPTED_TRANSPORT (self));

  self->pin_pad = TRUE;
  add_step (self, STEP_PIN_PAD)->sw = sw;
}

/**
 * mado_scripted_transport_expect_pin_pad_error:
 * @self: a #MadoScriptedTransport
 * @code: the error, e.g. %MADO_CARD_ERROR_PIN_CANCELLED
 *
 * Like mado_scripted_transport_expect_pin_pad(), but the reader fails.
 */
void
mado_scripted_transport_expect_pin_pad_error (MadoScriptedTransport *self,
                                              MadoCardError          code)
{
  g_return_if_fail (MADO_IS_SCRIPTED_TRANSPORT (self));

  self->pin_pad = TRUE;
  add_step (self, STEP_PIN_PAD_ERROR)->code = code;
}

/**
 * mado_scripted_transport_set_accept_any:
 * @self: a #MadoScriptedTransport
 * @accept_any: %TRUE to answer every command with the next response
 *
 * For fuzzing: the script becomes a plain sequence of answers.
 */
void
mado_scripted_transport_set_accept_any (MadoScriptedTransport *self,
                                        gboolean               accept_any)
{
  g_return_if_fail (MADO_IS_SCRIPTED_TRANSPORT (self));

  self->accept_any = accept_any;
}

/**
 * mado_scripted_transport_check_sent:
 * @self: a #MadoScriptedTransport
 * @error: return location for the first deviation, or what is left
 *
 * Like mado_scripted_transport_check_done(), for a moment when the code
 * may rightly hold the card in a transaction (a visit waiting for the PIN).
 *
 * Returns: %TRUE when every step was used and nothing deviated
 */
gboolean
mado_scripted_transport_check_sent (MadoScriptedTransport *self,
                                    GError               **error)
{
  g_return_val_if_fail (MADO_IS_SCRIPTED_TRANSPORT (self), FALSE);

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }
  if (self->position < self->steps->len)
    {
      g_autofree char *expected = describe_step (g_ptr_array_index (self->steps, self->position));

      g_set_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED,
                   "scripted transport: %u of %u steps used; step %u expected %s",
                   self->position, self->steps->len, self->position + 1, expected);
      return FALSE;
    }
  return TRUE;
}

/**
 * mado_scripted_transport_check_done:
 * @self: a #MadoScriptedTransport
 * @error: return location for the first deviation, or what is left
 *
 * Returns: %TRUE when every step was used, nothing deviated and no
 *   transaction is open
 */
gboolean
mado_scripted_transport_check_done (MadoScriptedTransport *self,
                                    GError               **error)
{
  g_return_val_if_fail (MADO_IS_SCRIPTED_TRANSPORT (self), FALSE);

  if (!mado_scripted_transport_check_sent (self, error))
    return FALSE;
  if (self->in_transaction)
    {
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_FAILED,
                           "scripted transport: a transaction was left open");
      return FALSE;
    }
  return TRUE;
}

/**
 * mado_scripted_transport_get_position:
 * @self: a #MadoScriptedTransport
 *
 * Returns: how many steps were used
 */
guint
mado_scripted_transport_get_position (MadoScriptedTransport *self)
{
  g_return_val_if_fail (MADO_IS_SCRIPTED_TRANSPORT (self), 0);
  return self->position;
}

/**
 * mado_scripted_transport_get_power_downs:
 * @self: a #MadoScriptedTransport
 *
 * Returns: how often the card was powered down
 */
guint
mado_scripted_transport_get_power_downs (MadoScriptedTransport *self)
{
  g_return_val_if_fail (MADO_IS_SCRIPTED_TRANSPORT (self), 0);
  return self->power_downs;
}

/**
 * mado_scripted_transport_get_transactions:
 * @self: a #MadoScriptedTransport
 *
 * Returns: how many transactions were begun
 */
guint
mado_scripted_transport_get_transactions (MadoScriptedTransport *self)
{
  g_return_val_if_fail (MADO_IS_SCRIPTED_TRANSPORT (self), 0);
  return self->transactions;
}

/**
 * mado_scripted_transport_get_in_transaction:
 * @self: a #MadoScriptedTransport
 *
 * Returns: %TRUE while a transaction is open
 */
gboolean
mado_scripted_transport_get_in_transaction (MadoScriptedTransport *self)
{
  g_return_val_if_fail (MADO_IS_SCRIPTED_TRANSPORT (self), FALSE);
  return self->in_transaction;
}
