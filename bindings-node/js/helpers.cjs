'use strict';
// What the framework helpers share: building the Webhook from their options,
// the IP allow-list, and the refusal they answer with.
const api = require('./index.cjs');
const { argumentError } = require('./errors.cjs');
const { createIpAllowList } = require('./ipallow.cjs');

const DEFAULT_MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const HELPER_OPTIONS = new Set([
  'scheme', 'secret', 'tolerance', 'strict', 'maxPayloadBytes', 'replayGuard', 'webhook', 'verify', 'allowIps', 'getIp',
]);

/**
 * `{ scheme, secret, tolerance?, strict?, maxPayloadBytes?, replayGuard? }`
 * or `{ webhook }` (a Webhook built elsewhere), plus `verify: 'event' |
 * 'signature'` (default 'event') and `allowIps` (addresses / CIDR ranges).
 */
function resolve(options, helper) {
  if (options === null || typeof options !== 'object') {
    throw argumentError(`${helper} needs options such as { scheme: 'stripe', secret: process.env.STRIPE_WEBHOOK_SECRET }`);
  }
  for (const key of Object.keys(options)) {
    if (!HELPER_OPTIONS.has(key)) throw argumentError(`${helper}: unknown option ${JSON.stringify(key)}`);
  }
  let webhook = options.webhook;
  if (webhook === undefined) {
    if (options.scheme === undefined) throw argumentError(`${helper}: pass scheme (e.g. 'stripe') and secret, or a webhook`);
    const { scheme, secret, tolerance, strict, maxPayloadBytes, replayGuard } = options;
    const opts = {};
    if (tolerance !== undefined) opts.tolerance = tolerance;
    if (strict !== undefined) opts.strict = strict;
    if (maxPayloadBytes !== undefined) opts.maxPayloadBytes = maxPayloadBytes;
    if (replayGuard !== undefined) opts.replayGuard = replayGuard;
    webhook = new api.Webhook(scheme, secret, opts);
  } else if (!(webhook instanceof api.Webhook)) {
    throw argumentError(`${helper}: webhook must be a hookseal Webhook`);
  }
  const mode = options.verify === undefined ? 'event' : options.verify;
  if (mode !== 'event' && mode !== 'signature') throw argumentError(`${helper}: verify must be 'event' or 'signature'`);
  const isAllowed = options.allowIps === undefined ? null : createIpAllowList(options.allowIps);
  const maxBytes = options.maxPayloadBytes === undefined ? DEFAULT_MAX_PAYLOAD_BYTES : options.maxPayloadBytes || Infinity;
  return {
    webhook,
    isAllowed,
    maxBytes,
    getIp: options.getIp,
    /** Verifies and returns the event (mode 'event') or undefined (mode 'signature'). */
    check(body, headers) {
      if (mode === 'event') return webhook.verify(body, headers);
      webhook.verifySignature(body, headers);
      return undefined;
    },
  };
}

/** The HTTP answer for a refused delivery: status and a JSON body naming the code. */
function refusal(err) {
  if (err && typeof err.code === 'string' && (err instanceof api.WebhookVerificationError || err.code === 'invalid_argument')) {
    return { status: api.httpStatus(err.code), body: { error: err.code, message: err.message } };
  }
  return null; // not a verification outcome: let the framework handle it
}

const FORBIDDEN = { status: 403, body: { error: 'ip_not_allowed', message: 'the sender address is not in the allow-list' } };

module.exports = { resolve, refusal, FORBIDDEN, api };
