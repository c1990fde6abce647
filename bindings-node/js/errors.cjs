'use strict';
// The one error class of the package. It lives in this single CommonJS file
// and the ESM entries re-export it, so `instanceof` holds whichever entry
// (require or import, main or a subpath) created or catches it.

/** PRODUCT.md's error codes, in the order of its table. */
const ERROR_CODES = Object.freeze([
  'missing_header',
  'invalid_header',
  'timestamp_too_old',
  'timestamp_too_new',
  'signature_mismatch',
  'unsupported_signature',
  'invalid_secret',
  'invalid_payload',
  'unknown_event_type',
  'payload_too_large',
  'duplicate_event',
]);
const KNOWN = new Set(ERROR_CODES);

class WebhookVerificationError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }

  get name() {
    return 'WebhookVerificationError';
  }
}

/** A TypeError for a wrong argument, with `code = "invalid_argument"`. */
function argumentError(message) {
  const err = new TypeError(message);
  err.code = 'invalid_argument';
  return err;
}

/**
 * Turns what a backend threw (an Error whose `code` is a PRODUCT.md code)
 * into the package's error: WebhookVerificationError, or a TypeError for
 * `invalid_argument`. Anything else is a bug and is rethrown unchanged.
 */
function fromBackend(err) {
  const code = err && err.code;
  if (KNOWN.has(code)) return new WebhookVerificationError(code, err.message);
  if (code === 'invalid_argument') return argumentError(err.message);
  return err;
}

module.exports = { WebhookVerificationError, ERROR_CODES, argumentError, fromBackend };
