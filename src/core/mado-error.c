/* mado-error.c — every error of every domain: its name, exit status, advice and meaning
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "mado-error.h"
#include "mado-site-config.h"
#include "card/mado-card-error.h"
#include "domain/mado-record-error.h"
#include "flow/mado-reception-error.h"
#include "hub/mado-hub-error.h"
#include "orca/mado-orca-error.h"
#include "store/mado-staff-error.h"
#include "store/mado-store-error.h"

/* What a hub error means for the desk (0 for every other domain). */
typedef enum {
  RETRY     = 1 << 0,  /* an idempotent call may be repeated and may succeed */
  OFFLINE   = 1 << 1,  /* the hub is offline: the visit continues from the cache */
  PERMANENT = 1 << 2,  /* the hub refused this outbox record for good: not retried */
  UNSENT    = 1 << 3,  /* the request certainly never reached the hub */
  REFUSES   = 1 << 4,  /* the hub judged the card itself unusable: no PIN will help */
} HubMeaning;

typedef struct {
  GQuark      (*domain) (void);
  int           code;
  const char   *name;         /* stable kebab-case: logs, JSON, audit entries, docs/cli.md */
  int           exit_status;  /* madoguchi-cli's, documented in docs/cli.md: never changes */
  HubMeaning    meaning;
  const char   *advice;       /* for staff: what to do next; translated on lookup */
} ErrorRow;

#define CARD      mado_card_error_quark
#define STORE     mado_store_error_quark
#define HUB       mado_hub_error_quark
#define RECEPTION mado_reception_error_quark
#define SITE      mado_site_config_error_quark
#define RECORD    mado_record_error_quark
#define ORCA      mado_orca_error_quark
#define STAFF     mado_staff_error_quark

/* One row per code of every domain. Exit statuses come in blocks (10 + card,
 * 40 + store, 60 + hub, 100 + reception, 120 + site configuration, 140 +
 * record, 160 + ORCA, 180 + staff accounts) and codes
 * are only ever appended, so a status, once documented, keeps its meaning.
 * tests/unit/test-error.c checks that every code has its row. */
static const ErrorRow rows[] = {
  { CARD, MADO_CARD_ERROR_SERVICE_NOT_RUNNING, "service-not-running", 10, 0,
    N_("The smart-card service (pcscd) is not running. Start it, or restart the terminal.") },
  { CARD, MADO_CARD_ERROR_NO_READER, "no-reader", 11, 0,
    N_("No card reader is connected. Connect the reader and wait a moment.") },
  { CARD, MADO_CARD_ERROR_NO_CARD, "no-card", 12, 0,
    N_("There is no card on the reader. Place the card on the reader.") },
  { CARD, MADO_CARD_ERROR_CARD_MUTE, "card-mute", 13, 0,
    N_("The card does not answer. Take it off the reader and place it again.") },
  { CARD, MADO_CARD_ERROR_CARD_REMOVED, "card-removed", 14, 0,
    N_("The card was taken off the reader. Place it on the reader again and start over.") },
  { CARD, MADO_CARD_ERROR_READER_GONE, "reader-gone", 15, 0,
    N_("The card reader was disconnected. Connect it again and place the card.") },
  { CARD, MADO_CARD_ERROR_CARD_RESET, "card-reset", 16, 0,
    N_("The card was reset by another program. Start over.") },
  { CARD, MADO_CARD_ERROR_NOT_MY_NUMBER_CARD, "not-my-number-card", 17, 0,
    N_("This card is not a My Number Card, or its electronic certificates cannot be used. Ask for the My Number Card.") },
  { CARD, MADO_CARD_ERROR_PHONE_TOKEN, "phone-token", 18, 0,
    N_("This is a smartphone with the My Number Card function. It cannot be used at this desk; ask for the physical My Number Card.") },
  { CARD, MADO_CARD_ERROR_PIN_FORMAT, "pin-format", 19, 0,
    N_("The PIN must be exactly 4 digits. Nothing was sent to the card; ask the resident to type it again.") },
  { CARD, MADO_CARD_ERROR_PIN_WRONG, "pin-wrong", 20, 0,
    N_("The PIN was wrong. Tell the resident how many tries are left before they type it again.") },
  { CARD, MADO_CARD_ERROR_PIN_BLOCKED, "pin-blocked", 21, 0,
    N_("The PIN is locked. The resident must have it reset at the city office; use the visual check if this desk allows it.") },
  { CARD, MADO_CARD_ERROR_PIN_CANCELLED, "pin-cancelled", 22, 0,
    N_("The PIN entry on the reader was cancelled or timed out. No try was used; start the PIN entry again.") },
  { CARD, MADO_CARD_ERROR_NOT_VERIFIED, "not-verified", 23, 0,
    N_("The card refused to sign because the PIN was not verified. Start the identity check again.") },
  { CARD, MADO_CARD_ERROR_FILE_NOT_FOUND, "file-not-found", 24, 0,
    N_("The card lacks the user-authentication certificate. Ask whether the resident’s electronic certificate was issued or has lapsed; use the visual check if this desk allows it.") },
  { CARD, MADO_CARD_ERROR_WRONG_LENGTH, "wrong-length", 25, 0,
    N_("The card did not accept a command. Place the card on the reader again and retry; if it happens again, report it with the log.") },
  { CARD, MADO_CARD_ERROR_WRONG_PARAMETERS, "wrong-parameters", 26, 0,
    N_("The card did not accept a command. Place the card on the reader again and retry; if it happens again, report it with the log.") },
  { CARD, MADO_CARD_ERROR_CONDITIONS_NOT_SATISFIED, "conditions-not-satisfied", 27, 0,
    N_("The card did not accept a command. Place the card on the reader again and retry; if it happens again, report it with the log.") },
  { CARD, MADO_CARD_ERROR_BAD_RESPONSE, "bad-response", 28, 0,
    N_("The card’s answer was damaged. Place the card on the reader again, keep it still, and retry.") },
  { CARD, MADO_CARD_ERROR_BAD_CERTIFICATE, "bad-certificate", 29, 0,
    N_("The certificate on the card cannot be read. Place the card on the reader again; if this happens again, the resident should have the card checked at the city office.") },
  { CARD, MADO_CARD_ERROR_BAD_SIGNATURE, "bad-signature", 30, 0,
    N_("The card’s signature does not match its certificate. Place the card on the reader again and repeat the identity check.") },
  { CARD, MADO_CARD_ERROR_UNEXPECTED_STATUS, "unexpected-status", 31, 0,
    N_("The card did not accept a command. Place the card on the reader again and retry; if it happens again, report it with the log.") },
  { CARD, MADO_CARD_ERROR_FAILED, "failed", 32, 0,
    N_("The card reader reported an error. Place the card again; if this repeats, restart the terminal.") },
  { CARD, MADO_CARD_ERROR_TRIES_CHANGED, "tries-changed", 33, 0,
    N_("The card has fewer PIN tries left than were shown. Nothing was sent: tell the resident before they type again.") },
  { CARD, MADO_CARD_ERROR_LAST_TRY_UNCONFIRMED, "last-try-unconfirmed", 34, 0,
    N_("Only one PIN try is left: a wrong PIN locks the card until the city office resets it. Nothing was sent. Warn the resident, confirm that they were warned, and try again.") },

  { STORE, MADO_STORE_ERROR_CORRUPT, "corrupt", 40, 0,
    N_("The offline store is damaged and was not opened. Nothing has been deleted. Run “madoguchi-cli store recover” to move the damaged file aside and start an empty store.") },
  { STORE, MADO_STORE_ERROR_DISK_FULL, "disk-full", 41, 0,
    N_("The disk of this terminal is full, so this was not saved. Everything saved before is safe. Free some disk space (ask the administrator), then try again.") },
  { STORE, MADO_STORE_ERROR_BUSY, "busy", 42, 0,
    N_("The offline store is in use by another program. Close other Madoguchi windows or commands, then try again.") },
  { STORE, MADO_STORE_ERROR_TOO_NEW, "too-new", 43, 0,
    N_("The offline store was written by a newer version of Madoguchi. Update Madoguchi on this terminal.") },
  { STORE, MADO_STORE_ERROR_KEY_MISSING, "key-missing", 44, 0,
    N_("The store key file is missing. Restore it from the backup, or recover the store to start an empty one.") },
  { STORE, MADO_STORE_ERROR_KEY_INSECURE, "key-insecure", 45, 0,
    N_("The store key file can be read by other users or belongs to someone else, so it is not used. Ask the administrator.") },
  { STORE, MADO_STORE_ERROR_KEY_INVALID, "key-invalid", 46, 0,
    N_("The store key file is not a Madoguchi store key. Restore the key file from the backup.") },
  { STORE, MADO_STORE_ERROR_WRONG_KEY, "wrong-key", 47, 0,
    N_("The key file does not belong to the offline store. Restore the key file that was made with this store, or run “madoguchi-cli store recover” to move the store aside and start an empty one.") },
  { STORE, MADO_STORE_ERROR_TAMPERED, "tampered", 48, 0,
    N_("A stored record failed its integrity check and was not used. Tell the administrator.") },
  { STORE, MADO_STORE_ERROR_NOT_FOUND, "not-found", 49, 0,
    N_("Nothing is stored under that name. Check it and try again.") },
  { STORE, MADO_STORE_ERROR_EXISTS, "exists", 50, 0,
    N_("An entry with that name already exists. Choose another name.") },
  { STORE, MADO_STORE_ERROR_AUTH_FAILED, "auth-failed", 51, 0,
    N_("The staff ID or the password is wrong. Type them again.") },
  { STORE, MADO_STORE_ERROR_ACCOUNT_DISABLED, "account-disabled", 52, 0,
    N_("This staff account is disabled. Ask the administrator.") },
  { STORE, MADO_STORE_ERROR_PASSWORD_RULES, "password-rules", 53, 0,
    N_("The password breaks the rules for staff passwords. Type a longer one.") },
  { STORE, MADO_STORE_ERROR_AUDIT_BROKEN, "audit-broken", 54, 0,
    N_("The audit log does not verify. Keep this terminal's disk as it is and tell the administrator.") },
  { STORE, MADO_STORE_ERROR_IO, "io", 55, 0,
    N_("A file of the offline store could not be read or written. Check that its folder exists and that Madoguchi may write there.") },
  { STORE, MADO_STORE_ERROR_FAILED, "failed", 56, 0,
    N_("The offline store reported a failure. Try again; if it repeats, tell the administrator.") },
  { STORE, MADO_STORE_ERROR_PASSWORD_RESET_REQUIRED, "password-reset-required", 57, 0,
    N_("The password of this staff account cannot be checked. Ask the administrator to set a new password.") },
  { STORE, MADO_STORE_ERROR_NOT_A_STORE, "not-a-store", 58, 0,
    N_("The file named as the offline store is not one, so it was left as it is. Check the --database option or the site configuration's [cache] database.") },
  { STORE, MADO_STORE_ERROR_NOT_DAMAGED, "not-damaged", 59, 0,
    N_("The offline store is sound, so it was not moved aside. Recovery is only for a store that is damaged.") },

  { HUB, MADO_HUB_ERROR_NOT_CONFIGURED, "not-configured", 60, OFFLINE | UNSENT,
    N_("No hub is configured for this terminal. Ask the administrator to set up the site configuration.") },
  { HUB, MADO_HUB_ERROR_TLS_SETUP, "tls-setup", 61, 0,
    N_("The terminal’s certificate, key or hub CA file cannot be used. Ask the administrator to check the site configuration.") },
  { HUB, MADO_HUB_ERROR_UNREACHABLE, "unreachable", 62, RETRY | OFFLINE | UNSENT,
    N_("The hub cannot be reached. Check the network cable and try again; continue with paper certificates meanwhile.") },
  { HUB, MADO_HUB_ERROR_TIMEOUT, "timeout", 63, RETRY | OFFLINE,
    N_("The hub did not answer in time. Try again; continue with paper certificates if it keeps failing.") },
  { HUB, MADO_HUB_ERROR_CONNECTION_LOST, "connection-lost", 64, RETRY | OFFLINE,
    N_("The connection to the hub dropped. Try again.") },
  { HUB, MADO_HUB_ERROR_SERVER_UNTRUSTED, "server-untrusted", 65, 0,
    N_("The hub’s certificate is not the one this terminal trusts; nothing was sent. Call the administrator.") },
  { HUB, MADO_HUB_ERROR_CLIENT_CERTIFICATE_REFUSED, "client-certificate-refused", 66, 0,
    N_("The hub refused this terminal’s certificate. Call the administrator.") },
  { HUB, MADO_HUB_ERROR_TLS_FAILED, "tls-failed", 67, 0,
    N_("A secure connection to the hub could not be set up. Call the administrator if this repeats.") },
  { HUB, MADO_HUB_ERROR_REDIRECTED, "redirected", 68, 0,
    N_("The hub tried to redirect the terminal elsewhere; the hub address in the site configuration may be wrong.") },
  { HUB, MADO_HUB_ERROR_SERVER_ERROR, "server-error", 69, RETRY | OFFLINE,
    N_("The hub reported a failure. Try again later; continue with paper certificates meanwhile.") },
  { HUB, MADO_HUB_ERROR_MALFORMED_RESPONSE, "malformed-response", 70, 0,
    N_("The hub sent an answer that breaks its rules, so nothing is shown. Try again; call the administrator if it repeats.") },
  { HUB, MADO_HUB_ERROR_RESPONSE_TOO_LARGE, "response-too-large", 71, 0,
    N_("The hub’s answer was too large and was discarded. Call the administrator.") },
  { HUB, MADO_HUB_ERROR_INVALID_REQUEST, "invalid-request", 72, PERMANENT,
    N_("The terminal could not build a valid request. Start the visit again.") },
  { HUB, MADO_HUB_ERROR_REFUSED, "refused", 73, PERMANENT,
    N_("The hub refused the request. Start the visit again; call the administrator if it repeats.") },
  { HUB, MADO_HUB_ERROR_BAD_REQUEST, "bad-request", 74, PERMANENT,
    N_("The hub could not understand the request. Start the visit again.") },
  { HUB, MADO_HUB_ERROR_UNSUPPORTED_VERSION, "unsupported-version", 75, 0,
    N_("The hub does not speak this terminal’s API version. Call the administrator.") },
  { HUB, MADO_HUB_ERROR_CHALLENGE_UNKNOWN, "challenge-unknown", 76, 0,
    N_("The identity check was not recognised by the hub. Start the identity check again.") },
  { HUB, MADO_HUB_ERROR_CHALLENGE_EXPIRED, "challenge-expired", 77, 0,
    N_("The identity check took too long. Start it again.") },
  { HUB, MADO_HUB_ERROR_CHALLENGE_REPLAYED, "challenge-replayed", 78, 0,
    N_("This identity check was already used. Start it again.") },
  { HUB, MADO_HUB_ERROR_CHALLENGE_OTHER_TERMINAL, "challenge-other-terminal", 79, 0,
    N_("The identity check belongs to another desk. Start it again at this desk.") },
  { HUB, MADO_HUB_ERROR_CERTIFICATE_UNTRUSTED, "certificate-untrusted", 80, REFUSES,
    N_("The card’s certificate is not trusted. Ask for the paper certificates.") },
  { HUB, MADO_HUB_ERROR_CERTIFICATE_EXPIRED, "certificate-expired", 81, REFUSES,
    N_("The card’s certificate has expired. Ask the resident to renew it at the city office; use paper certificates today.") },
  { HUB, MADO_HUB_ERROR_CERTIFICATE_NOT_YET_VALID, "certificate-not-yet-valid", 82, REFUSES,
    N_("The card’s certificate is not valid yet. Check the terminal’s clock; use paper certificates today.") },
  { HUB, MADO_HUB_ERROR_CERTIFICATE_REVOKED, "certificate-revoked", 83, REFUSES,
    N_("The card’s certificate has been revoked. Use paper certificates; the resident should contact the city office.") },
  { HUB, MADO_HUB_ERROR_SIGNATURE_INVALID, "signature-invalid", 84, 0,
    N_("The card’s signature did not verify. Start the identity check again.") },
  { HUB, MADO_HUB_ERROR_VISUAL_NOT_AUTHORISED, "visual-not-authorised", 85, 0,
    N_("This desk may not use visual identity checks. Use the PIN, or another desk.") },
  { HUB, MADO_HUB_ERROR_RESIDENT_NOT_FOUND, "resident-not-found", 86, 0,
    N_("The hub holds no data for this card. Ask for the paper certificates.") },
  { HUB, MADO_HUB_ERROR_TOKEN_INVALID, "token-invalid", 87, 0,
    N_("The hub session for this resident has ended. Check the card again.") },
  { HUB, MADO_HUB_ERROR_CONSENT_REQUIRED, "consent-required", 88, 0,
    N_("Nothing can be fetched without consent. Ask the resident what to share.") },
  { HUB, MADO_HUB_ERROR_IDEMPOTENCY_KEY_REQUIRED, "idempotency-key-required", 89, PERMANENT,
    N_("The record could not be sent. Call the administrator.") },
  { HUB, MADO_HUB_ERROR_IDEMPOTENCY_KEY_REUSED, "idempotency-key-reused", 90, PERMANENT,
    N_("The hub already holds a different record under this submission. Call the administrator.") },
  { HUB, MADO_HUB_ERROR_RECORD_INVALID, "record-invalid", 91, PERMANENT,
    N_("The hub rejected the record. Check the entries and send it again.") },
  { HUB, MADO_HUB_ERROR_PAYLOAD_TOO_LARGE, "payload-too-large", 92, PERMANENT,
    N_("The record is too large for the hub. Shorten the free-text entries.") },
  { HUB, MADO_HUB_ERROR_RATE_LIMITED, "rate-limited", 93, RETRY | OFFLINE,
    N_("The hub is busy. Wait a moment and try again.") },
  { HUB, MADO_HUB_ERROR_INTERNAL, "internal", 94, RETRY | OFFLINE,
    N_("The hub reported an internal failure. Try again later.") },
  { HUB, MADO_HUB_ERROR_TERMINAL_MISMATCH, "terminal-mismatch", 95, 0,
    N_("The hub says this request belongs to another desk. Check the card again at this desk.") },
  { HUB, MADO_HUB_ERROR_FAILED, "failed", 96, 0,
    N_("The exchange with the hub failed. Try again; call the administrator if it repeats.") },
  { HUB, MADO_HUB_ERROR_BUNDLE_NOT_BOUND, "bundle-not-bound", 97, 0,
    N_("The hub answered with data that is not about this card’s holder. Nothing was shown or kept. Do not continue with this card; tell the administrator, who should report it to the hub operator.") },
  { HUB, MADO_HUB_ERROR_BUNDLE_ROLLED_BACK, "bundle-rolled-back", 98, 0,
    N_("The hub sent older data than this terminal already holds for this card. Nothing was shown or kept. Check the resident’s paper certificates, and tell the administrator.") },

  { RECEPTION, MADO_RECEPTION_ERROR_WRONG_STATE, "wrong-state", 100, 0,
    N_("This step is not possible now. Start the visit again.") },
  { RECEPTION, MADO_RECEPTION_ERROR_MODE_NOT_ALLOWED, "mode-not-allowed", 101, 0,
    N_("This identity check is not allowed at this desk. Use another check, or another desk.") },
  { RECEPTION, MADO_RECEPTION_ERROR_CERTIFICATE_NOT_TRUSTED, "certificate-not-trusted", 102, 0,
    N_("The hub cannot be reached and the card’s certificate failed this terminal’s own check. Ask for the paper certificates.") },
  { RECEPTION, MADO_RECEPTION_ERROR_NO_CACHED_DATA, "no-cached-data", 103, 0,
    N_("The hub cannot be reached and nothing is cached for this card. Check the resident's paper certificates, and try again when the hub is back.") },
  { RECEPTION, MADO_RECEPTION_ERROR_CONSENT_REQUIRED, "consent-required", 104, 0,
    N_("Choose at least one category the resident agrees to share.") },

  { SITE, MADO_SITE_CONFIG_ERROR_NOT_FOUND, "not-found", 120, 0,
    N_("There is no site configuration. Ask the administrator to set up this terminal.") },
  { SITE, MADO_SITE_CONFIG_ERROR_UNREADABLE, "unreadable", 121, 0,
    N_("The site configuration cannot be read. Ask the administrator to fix it.") },
  { SITE, MADO_SITE_CONFIG_ERROR_MISSING_KEY, "missing-key", 122, 0,
    N_("The site configuration lacks a required setting. Ask the administrator to add it.") },
  { SITE, MADO_SITE_CONFIG_ERROR_INVALID_URL, "invalid-url", 123, 0,
    N_("The hub address in the site configuration must be an https address with a host. Ask the administrator to correct it.") },
  { SITE, MADO_SITE_CONFIG_ERROR_INVALID_INSTITUTION_CODE, "invalid-institution-code", 124, 0,
    N_("The institution code in the site configuration must be exactly 10 digits. Ask the administrator to correct it.") },
  { SITE, MADO_SITE_CONFIG_ERROR_INVALID_TERMINAL_ID, "invalid-terminal-id", 125, 0,
    N_("The terminal ID in the site configuration must be 1 to 64 letters, digits, dots, hyphens or underscores. Ask the administrator to correct it.") },
  { SITE, MADO_SITE_CONFIG_ERROR_INVALID_IDENTITY_MODES, "invalid-identity-modes", 126, 0,
    N_("The identity checks in the site configuration must be pin, visual or both. Ask the administrator to correct them.") },
  { SITE, MADO_SITE_CONFIG_ERROR_INVALID_TIMEOUT, "invalid-timeout", 127, 0,
    N_("A timeout in the site configuration is not a whole number within its bounds. Ask the administrator to correct it.") },
  { SITE, MADO_SITE_CONFIG_ERROR_INVALID_VALUE, "invalid-value", 128, 0,
    N_("A setting in the site configuration is out of range. Ask the administrator to correct it.") },
  { SITE, MADO_SITE_CONFIG_ERROR_FILE_UNREADABLE, "file-unreadable", 129, 0,
    N_("A file the site configuration names is missing or cannot be read. Ask the administrator to check it.") },
  { SITE, MADO_SITE_CONFIG_ERROR_UNSAFE_PERMISSIONS, "unsafe-permissions", 130, 0,
    N_("A file of the terminal's set-up may be read or changed by others. Ask the administrator to run “madoguchi-cli config check” and follow its advice.") },
  { SITE, MADO_SITE_CONFIG_ERROR_KEY_MISMATCH, "key-mismatch", 131, 0,
    N_("The terminal's key does not belong to its certificate. Ask the administrator to install the certificate issued for this terminal's request.") },
  { SITE, MADO_SITE_CONFIG_ERROR_CERTIFICATE_INVALID, "certificate-invalid", 132, 0,
    N_("A certificate file of the site configuration holds no readable certificate. Ask the administrator to install it again.") },
  { SITE, MADO_SITE_CONFIG_ERROR_CERTIFICATE_EXPIRED, "certificate-expired", 133, 0,
    N_("A certificate of this terminal has expired or is not valid yet. Ask the administrator to renew it and check the terminal's clock.") },
  { SITE, MADO_SITE_CONFIG_ERROR_EXISTS, "exists", 134, 0,
    N_("Set-up would replace a file that is already there. Move it aside first, or run set-up with --force if replacing it is intended.") },
  { SITE, MADO_SITE_CONFIG_ERROR_WRITE_FAILED, "write-failed", 135, 0,
    N_("Set-up could not write a file. Run it as an administrator (root) and check the folder.") },

  { RECORD, MADO_RECORD_ERROR_GS1_MALFORMED, "barcode-malformed", 140, 0,
    N_("The barcode could not be read. Scan the package again, or type the lot and expiry by hand.") },
  { RECORD, MADO_RECORD_ERROR_GS1_CHECK_DIGIT, "barcode-check-digit", 141, 0,
    N_("The barcode's GTIN fails its check digit: it was misread. Scan it again.") },
  { RECORD, MADO_RECORD_ERROR_UNKNOWN_PRODUCT, "unknown-product", 142, 0,
    N_("The product is not in this desk's product table. Choose the vaccine by hand, or ask the administrator to add it.") },
  { RECORD, MADO_RECORD_ERROR_LOT_EXPIRED, "lot-expired", 143, 0,
    N_("The lot is past its expiry date. Do not use it: take a package from another lot.") },
  { RECORD, MADO_RECORD_ERROR_NEEDS_OVERRIDE, "needs-override", 144, 0,
    N_("A check before saving found a problem. Save only if the doctor decided so, with an explicit override.") },
  { RECORD, MADO_RECORD_ERROR_ROLE_NOT_ALLOWED, "role-not-allowed", 145, 0,
    N_("Your role may not do this. Ask a doctor (or a nurse, to record a dose) to sign in.") },
  { RECORD, MADO_RECORD_ERROR_INVALID, "invalid", 146, 0,
    N_("The record is incomplete. Fill in what the message names and save again.") },
  { RECORD, MADO_RECORD_ERROR_NOT_FOUND, "not-found", 147, 0,
    N_("No record at this desk has this ID. Check today's records.") },
  { RECORD, MADO_RECORD_ERROR_ALREADY_CORRECTED, "already-corrected", 148, 0,
    N_("This record is already marked as entered in error. Nothing more to do.") },
  { RECORD, MADO_RECORD_ERROR_NOT_JUDGED, "not-judged", 149, 0,
    N_("No doctor has decided to vaccinate this resident today. Ask the doctor to sign the judgement first.") },
  { ORCA, MADO_ORCA_ERROR_NOT_CONFIGURED, "orca-not-configured", 160, 0,
    N_("This desk has no receipt computer (ORCA) configured. Hand over the printed slip instead, or ask the administrator to add the [orca] group to the site configuration.") },
  { ORCA, MADO_ORCA_ERROR_UNREACHABLE, "orca-unreachable", 161, 0,
    N_("The receipt computer (ORCA) cannot be reached. Nothing was sent; check that ORCA is running and try again, or hand over the printed slip.") },
  { ORCA, MADO_ORCA_ERROR_TIMEOUT, "orca-timeout", 162, 0,
    N_("The receipt computer (ORCA) did not answer in time. Open the patient in ORCA to see whether the subsidies arrived before you send again.") },
  { ORCA, MADO_ORCA_ERROR_TLS_FAILED, "orca-tls-failed", 163, 0,
    N_("The secure connection to the receipt computer (ORCA) failed or its certificate is not the configured one. Nothing was sent; call the administrator.") },
  { ORCA, MADO_ORCA_ERROR_AUTH_FAILED, "orca-auth-failed", 164, 0,
    N_("The receipt computer (ORCA) refused this desk’s user or password. Nothing was sent; ask the administrator to check the [orca] settings.") },
  { ORCA, MADO_ORCA_ERROR_HTTP_ERROR, "orca-http-error", 165, 0,
    N_("The receipt computer (ORCA) answered with an error. Nothing was registered; try again in a moment, or enter the subsidies in ORCA by hand.") },
  { ORCA, MADO_ORCA_ERROR_MALFORMED_RESPONSE, "orca-malformed-response", 166, 0,
    N_("The receipt computer (ORCA) sent an answer this desk cannot read. Open the patient in ORCA to check the subsidies, and report it with the log.") },
  { ORCA, MADO_ORCA_ERROR_RESPONSE_TOO_LARGE, "orca-response-too-large", 167, 0,
    N_("The receipt computer (ORCA) sent an answer far larger than expected. It was not read; report it with the log.") },
  { ORCA, MADO_ORCA_ERROR_PATIENT_NOT_FOUND, "orca-patient-not-found", 168, 0,
    N_("The receipt computer (ORCA) has no such patient. Check the patient number, or register the patient in ORCA first.") },
  { ORCA, MADO_ORCA_ERROR_LOCKED, "orca-locked", 169, 0,
    N_("The patient is open at another ORCA terminal. Nothing was changed; close the patient there and send again.") },
  { ORCA, MADO_ORCA_ERROR_QUESTION, "orca-question", 170, 0,
    N_("The receipt computer (ORCA) asks a question before registering. Nothing was registered yet; read it and answer Yes or No.") },
  { ORCA, MADO_ORCA_ERROR_VALIDATION, "orca-validation", 171, 0,
    N_("The receipt computer (ORCA) refused the subsidy data. Nothing was registered; check the numbers and dates it names against the certificate.") },
  { ORCA, MADO_ORCA_ERROR_REFUSED, "orca-refused", 172, 0,
    N_("The receipt computer (ORCA) refused the request. Nothing was registered; note its message and enter the subsidies in ORCA by hand.") },
  { ORCA, MADO_ORCA_ERROR_CHANGED, "orca-changed", 173, 0,
    N_("The patient’s subsidies in ORCA changed since the comparison was shown. Nothing was sent; look at the new comparison and confirm again.") },
  { ORCA, MADO_ORCA_ERROR_SEVERAL_PATIENTS, "orca-several-patients", 174, 0,
    N_("Several ORCA patients have this name and birth date. Choose the patient by number.") },
  { ORCA, MADO_ORCA_ERROR_NOT_CONFIRMED_TODAY, "orca-not-confirmed-today", 175, 0,
    N_("These subsidies were not confirmed by the hub today (offline or old data). Confirm the resident again with the hub online before handing them off.") },
  { ORCA, MADO_ORCA_ERROR_DECLINED, "orca-declined", 176, 0,
    N_("The question was answered No, so nothing was registered in ORCA.") },
  { ORCA, MADO_ORCA_ERROR_SLIP_EXISTS, "orca-slip-exists", 177, 0,
    N_("A file is already there, so the slip was not written. Choose another file name, or add --force to replace it.") },

  { STAFF, MADO_STAFF_ERROR_NOT_ADMINISTRATOR, "not-administrator", 180, 0,
    N_("Only an administrator may change staff accounts. Ask the administrator to make the change.") },
  { STAFF, MADO_STAFF_ERROR_DISABLE_SELF, "disable-self", 181, 0,
    N_("You cannot disable your own account. Another administrator must do it.") },
  { STAFF, MADO_STAFF_ERROR_DEMOTE_SELF, "demote-self", 182, 0,
    N_("You cannot take the administrator role from your own account. Another administrator must do it.") },
  { STAFF, MADO_STAFF_ERROR_LAST_ADMINISTRATOR, "last-administrator", 183, 0,
    N_("This is the only enabled administrator account, so it stays an enabled administrator. Make another account an administrator first.") },
  { STAFF, MADO_STAFF_ERROR_PASSWORDS_DIFFER, "passwords-differ", 184, 0,
    N_("The two passwords differ. Type the same password in both fields.") },
};

static const ErrorRow *
lookup (GQuark domain,
        int    code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i].code == code && rows[i].domain () == domain)
      return &rows[i];
  return NULL;
}

static HubMeaning
meaning_of (const GError *error)
{
  const ErrorRow *row = error != NULL ? lookup (error->domain, error->code) : NULL;

  return row != NULL ? row->meaning : 0;
}

/**
 * mado_error_name:
 * @error: (nullable): an error from any layer
 *
 * The kebab-case name of the error's code: what logs, JSON output and the
 * audit log carry instead of messages (which are translated, and may name
 * files). Stable: docs/cli.md lists them.
 *
 * Returns: the name; "none" for %NULL, "cancelled" for a cancelled
 *   operation, "failed" for an error of no named kind
 */
const char *
mado_error_name (const GError *error)
{
  const char *name;
  GQuark io_error;

  if (error == NULL)
    return "none";
  name = mado_error_code_name (error->domain, error->code);
  if (name != NULL)
    return name;
  /* GIO's error domain by its quark's name, not g_io_error_quark(): the
   * small madoguchi-cli uses this registry without loading GIO, and where
   * GIO never ran the quark does not exist and no error can be in it. */
  io_error = g_quark_try_string ("g-io-error-quark");
  if (io_error != 0 && g_error_matches (error, io_error, G_IO_ERROR_CANCELLED))
    return "cancelled";
  return "failed";
}

/**
 * mado_error_exit_status:
 * @error: an error from any layer
 *
 * Returns: madoguchi-cli's documented exit status for @error;
 *   %MADO_ERROR_EXIT_FAILED for an error of no named kind
 */
int
mado_error_exit_status (const GError *error)
{
  g_return_val_if_fail (error != NULL, MADO_ERROR_EXIT_FAILED);

  return mado_error_code_exit_status (error->domain, error->code);
}

/**
 * mado_error_code_name:
 * @domain: an error domain
 * @code: a code of @domain
 *
 * Returns: (nullable): the stable name of @code, or %NULL when no row names it
 */
const char *
mado_error_code_name (GQuark domain,
                      int    code)
{
  const ErrorRow *row = lookup (domain, code);

  return row != NULL ? row->name : NULL;
}

/**
 * mado_error_code_exit_status:
 * @domain: an error domain
 * @code: a code of @domain
 *
 * Returns: the documented exit status of @code, or %MADO_ERROR_EXIT_FAILED
 */
int
mado_error_code_exit_status (GQuark domain,
                             int    code)
{
  const ErrorRow *row = lookup (domain, code);

  return row != NULL ? row->exit_status : MADO_ERROR_EXIT_FAILED;
}

/**
 * mado_error_advice:
 * @domain: an error domain
 * @code: a code of @domain
 *
 * What staff should do next about @code, for a message where the place
 * that fails knows nothing more particular to say.
 *
 * Returns: (transfer none): the advice, translated
 */
const char *
mado_error_advice (GQuark domain,
                   int    code)
{
  const ErrorRow *row = lookup (domain, code);

  g_return_val_if_fail (row != NULL, "");
  return _(row->advice);
}

/**
 * mado_error_set:
 * @error: (nullable): where to put the error
 * @domain: an error domain
 * @code: a code of @domain
 *
 * Sets @error to @code with its advice as the message, for a place that
 * fails knowing nothing more particular to tell staff.
 */
void
mado_error_set (GError **error,
                GQuark   domain,
                int      code)
{
  g_set_error_literal (error, domain, code, mado_error_advice (domain, code));
}

/**
 * mado_error_is_retryable:
 * @error: (nullable): an error from the hub client
 *
 * Returns: whether repeating an idempotent call may succeed: the hub was
 *   unreachable, slow, dropped the connection, answered 5xx or 429
 */
gboolean
mado_error_is_retryable (const GError *error)
{
  return (meaning_of (error) & RETRY) != 0;
}

/**
 * mado_error_means_offline:
 * @error: (nullable): an error from the hub client
 *
 * What the flow treats as "the hub is offline": it cannot be reached
 * (refused, no route, DNS), it timed out, the connection dropped, it
 * answered 5xx or 429, or no hub is configured. A TLS failure (wrong server
 * certificate, refused client certificate) is not offline: it is a
 * configuration or security problem that staff must see as such.
 *
 * Returns: whether the visit should continue from the cache
 */
gboolean
mado_error_means_offline (const GError *error)
{
  return (meaning_of (error) & OFFLINE) != 0;
}

/**
 * mado_error_is_permanent:
 * @error: (nullable): why an outbox record was not delivered
 *
 * Only when the hub refused the record itself (4xx problems about the
 * request). Everything else may pass later — the hub offline, slow, 5xx or
 * 429, an answer lost or malformed (the hub may have stored it: the same key
 * is sent again), and the terminal's own TLS problems (fixing the terminal
 * must not cost the record).
 *
 * Returns: whether the record must not be sent again
 */
gboolean
mado_error_is_permanent (const GError *error)
{
  return (meaning_of (error) & PERMANENT) != 0;
}

/**
 * mado_error_is_unsent:
 * @error: (nullable): an error from the hub client
 *
 * Only a connection that was never made (or no hub at all) proves that the
 * hub did not see the request; a timeout or a dropped connection does not.
 *
 * Returns: whether the request certainly never reached the hub
 */
gboolean
mado_error_is_unsent (const GError *error)
{
  return (meaning_of (error) & UNSENT) != 0;
}

/**
 * mado_error_refuses_card:
 * @error: (nullable): an error from the hub client
 *
 * The hub's verdict on the card's certificate (untrusted, expired, not yet
 * valid, revoked): the card cannot be used today, whatever PIN is typed.
 *
 * Returns: whether @error refuses the card itself
 */
gboolean
mado_error_refuses_card (const GError *error)
{
  return (meaning_of (error) & REFUSES) != 0;
}
