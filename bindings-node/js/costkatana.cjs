'use strict';
// A drop-in for the Cost Katana SDK's `verifyWebhookSignature(payload,
// timestamp, signature, secret)` (seeds 000 and 001): the same call and the
// same boolean, but checked correctly: over the raw body's bytes, in constant
// time, with the 300 s replay window, accepting both `sha256=<hex>` (with the
// timestamp) and `t=<ts>,v1=<hex>` signatures.
const { Webhook, WebhookVerificationError } = require('./index.cjs');

// Webhooks keyed by secret, so that the keyed HMAC state is derived once.
const cache = new Map();
const CACHE_LIMIT = 16;

function webhookFor(secret) {
  let wh = cache.get(secret);
  if (wh === undefined) {
    wh = new Webhook('costkatana', secret);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value);
    cache.set(secret, wh);
  }
  return wh;
}

/**
 * true when `signature` (the X-CostKatana-Signature header) is a valid Cost
 * Katana signature of `payload` (the raw body) made with `secret` at
 * `timestamp` (the X-CostKatana-Timestamp header), within 300 s of now.
 * Wrong argument types (a parsed object as payload) throw a TypeError.
 */
function verifyWebhookSignature(payload, timestamp, signature, secret) {
  if (typeof signature !== 'string' || signature === '') return false;
  if (typeof secret !== 'string' && !(secret instanceof Uint8Array)) return false;
  const headers = [['x-costkatana-signature', signature]];
  if (timestamp !== undefined && timestamp !== null) headers.push(['x-costkatana-timestamp', String(timestamp)]);
  let wh;
  try {
    wh = webhookFor(secret);
  } catch (err) {
    if (err instanceof WebhookVerificationError) return false; // e.g. an empty secret
    throw err;
  }
  try {
    wh.verifySignature(payload, headers);
    return true;
  } catch (err) {
    if (err instanceof WebhookVerificationError) return false;
    throw err;
  }
}

module.exports = { verifyWebhookSignature };
