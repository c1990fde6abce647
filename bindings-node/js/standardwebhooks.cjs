'use strict';
// A drop-in for the `standardwebhooks` npm package (and for `svix`'s
// Webhook): the same constructor, methods, results and error class name, so
// that changing the import is the whole migration. Differences: the
// signature work is hookseal's (constant time, `v1a` Ed25519 with whpk_/whsk_
// keys, svix-* headers accepted too), and errors also carry `code`.
const { Webhook: CoreWebhook, WebhookVerificationError, internals } = require('./index.cjs');

// standardwebhooks' messages, kept for code that matches on them.
const MESSAGES = {
  missing_header: 'Missing required headers',
  invalid_header: 'Invalid Signature Headers',
  timestamp_too_old: 'Message timestamp too old',
  timestamp_too_new: 'Message timestamp too new',
  signature_mismatch: 'No matching signature found',
  unsupported_signature: 'No matching signature found',
};

class Webhook {
  static prefix = 'whsec_';

  #core;

  /**
   * @param secret `whsec_<base64>` (or bare base64); with `{ format: 'raw' }`
   *   the key bytes themselves (Uint8Array, or a string of byte characters).
   */
  constructor(secret, options) {
    let key;
    if (options && options.format === 'raw') {
      const bytes = secret instanceof Uint8Array ? secret : Uint8Array.from(String(secret), (c) => c.charCodeAt(0));
      if (bytes.length === 0) throw new Error("Secret can't be empty.");
      key = `whsec_${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
    } else {
      if (typeof secret !== 'string') throw new Error('Expected secret to be of type string');
      key = secret;
      const bare = secret.startsWith(Webhook.prefix) ? secret.slice(Webhook.prefix.length) : secret;
      if (bare.length === 0) throw new Error("Secret can't be empty.");
    }
    try {
      this.#core = new CoreWebhook('standard', key);
    } catch (err) {
      throw new Error(`Invalid secret: ${err.message}`);
    }
  }

  /**
   * Verifies the delivery and returns the parsed JSON body (undefined for an
   * empty body, or with `{ jsonParse: false }`).
   */
  verify(payload, headers, options) {
    try {
      this.#core.verifySignature(payload, headers);
    } catch (err) {
      if (err instanceof WebhookVerificationError) {
        throw new WebhookVerificationError(err.code, MESSAGES[err.code] || err.message);
      }
      throw err;
    }
    let text = payload;
    if (typeof payload !== 'string') {
      const bytes = internals.toBytes(payload);
      text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    }
    if (text === '') return undefined;
    const jsonParse = options && options.jsonParse !== undefined ? options.jsonParse : true;
    return jsonParse ? JSON.parse(text) : undefined;
  }

  /** `v1,<base64>` for `msgId`, `timestamp` (a Date) and `payload` (string or Buffer). */
  sign(msgId, timestamp, payload) {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) {
      throw new Error('Expected payload to be of type string or Buffer.');
    }
    const headers = this.#core.sign(payload, { id: msgId, timestamp: Math.floor(timestamp.getTime() / 1000) });
    return headers['webhook-signature'];
  }
}

module.exports = { Webhook, WebhookVerificationError };
