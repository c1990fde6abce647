'use strict';
// The JavaScript API of PRODUCT.md, written once over a backend (js/backend.md):
// argument checks, payload and header normalisation, the error class, events.
// Nothing here knows about schemes or cryptography; the backend (native
// napi-rs, or WebAssembly) does all of that through the Rust core.

const { WebhookVerificationError, ERROR_CODES, argumentError, fromBackend } = require('./errors.cjs');

const RAW_BODY_HINT =
  'pass the raw request body exactly as received (string, Buffer, Uint8Array, ArrayBuffer or DataView): ' +
  'with Express use express.raw({ type: "*/*" }) or the hookseal/express middleware, with Fastify the hookseal/fastify plugin, ' +
  'with fetch-style requests (Next.js route handlers, edge runtimes) `await request.text()`; ' +
  'a body re-serialized with JSON.stringify never matches the signature';

const toString = Object.prototype.toString;

function isArrayBuffer(value) {
  const tag = toString.call(value);
  return tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]';
}

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const name = value.constructor && value.constructor.name;
    return name && name !== 'Object' ? `a ${name}` : 'a parsed object';
  }
  return `a ${typeof value}`;
}

/**
 * Builds the public API over `backend`.
 * `platform.utf8(string) -> Uint8Array` encodes text; the optional
 * `platform.utf8Payload` may encode into a reused buffer (valid until the next
 * call); `platform.randomId()` returns a fresh `msg_…` id for signing.
 */
function createApi(backend, platform) {
  const utf8 = platform.utf8;
  // Payload text may go to a reused buffer (the backend does not keep it).
  const utf8Payload = platform.utf8Payload || utf8;

  /** The payload's bytes, without copying when it already is bytes. */
  function toBytes(payload) {
    if (payload instanceof Uint8Array) return payload;
    if (typeof payload === 'string') return utf8Payload(payload);
    if (ArrayBuffer.isView(payload)) return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
    if (isArrayBuffer(payload)) return new Uint8Array(payload);
    if (payload === undefined) throw argumentError(`the payload is missing; ${RAW_BODY_HINT}`);
    throw argumentError(`the payload is ${describe(payload)}, not the raw body; ${RAW_BODY_HINT}`);
  }

  function secretBytes(secret) {
    if (typeof secret === 'string') return utf8(secret);
    if (secret instanceof Uint8Array) return secret;
    if (ArrayBuffer.isView(secret)) return new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength);
    if (isArrayBuffer(secret)) return new Uint8Array(secret);
    throw argumentError(
      `a secret must be a string or bytes (Buffer, Uint8Array, ArrayBuffer), not ${describe(secret)}; pass the signing secret the provider shows you`,
    );
  }

  function normalizeSecrets(secret) {
    const list = Array.isArray(secret) ? secret : [secret];
    return list.map(secretBytes);
  }

  const CUSTOM_FIELDS = [
    ['signatureHeader', 'signature_header'],
    ['prefix', 'prefix'],
    ['encoding', 'encoding'],
    ['idHeader', 'id_header'],
    ['timestampHeader', 'timestamp_header'],
    ['template', 'template'],
    ['eventIdField', 'event_id_field'],
    ['eventTypeField', 'event_type_field'],
    ['eventTimestampField', 'event_timestamp_field'],
  ];

  function normalizeScheme(scheme) {
    if (typeof scheme === 'string') return scheme;
    if (scheme === null || typeof scheme !== 'object' || Array.isArray(scheme)) {
      throw argumentError(
        `the scheme must be a scheme id ("stripe", "github", "standard", …) or a custom-scheme description object, not ${describe(scheme)}`,
      );
    }
    const spec = {};
    for (const [camel, snake] of CUSTOM_FIELDS) {
      const value = scheme[camel] !== undefined ? scheme[camel] : scheme[snake];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') throw argumentError(`custom scheme: ${camel} must be a string, not ${describe(value)}`);
      spec[camel] = value;
    }
    if (spec.signatureHeader === undefined) {
      throw argumentError('custom scheme: signatureHeader (the header that carries the signature) is required');
    }
    return spec;
  }

  function wholeNumber(value, what) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw argumentError(`${what} must be a non-negative whole number, not ${typeof value === 'number' ? value : describe(value)}`);
    }
    return value;
  }

  const OPTION_NAMES = new Set(['tolerance', 'strict', 'maxPayloadBytes', 'replayGuard']);

  function normalizeOptions(options) {
    if (options === undefined || options === null) return {};
    if (typeof options !== 'object') throw argumentError(`options must be an object, not ${describe(options)}`);
    for (const key of Object.keys(options)) {
      if (!OPTION_NAMES.has(key)) {
        throw argumentError(`unknown option ${JSON.stringify(key)}; the options are tolerance, strict, maxPayloadBytes, replayGuard`);
      }
    }
    const out = {};
    if (options.tolerance !== undefined) out.tolerance = wholeNumber(options.tolerance, 'tolerance (seconds)');
    if (options.strict !== undefined) {
      if (typeof options.strict !== 'boolean') throw argumentError('strict must be true or false');
      out.strict = options.strict;
    }
    if (options.maxPayloadBytes !== undefined) out.maxPayloadBytes = wholeNumber(options.maxPayloadBytes, 'maxPayloadBytes');
    const guard = options.replayGuard;
    if (guard !== undefined && guard !== false) {
      const g = guard === true ? {} : guard;
      if (g === null || typeof g !== 'object') throw argumentError('replayGuard must be true or { capacity, ttl }');
      out.replayCapacity = g.capacity === undefined ? 10000 : wholeNumber(g.capacity, 'replayGuard.capacity');
      out.replayTtl = g.ttl === undefined ? 600 : wholeNumber(g.ttl, 'replayGuard.ttl (seconds)');
    }
    return out;
  }

  function headerValue(value) {
    if (typeof value === 'string') return value;
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value.length === 0 ? undefined : headerValue(value[0]);
    if (typeof value === 'number') return String(value);
    throw argumentError(`a header value must be a string or an array of strings, not ${describe(value)}`);
  }

  // Header look-up, one function per container shape. `objectKeys` caches
  // Object.keys of a plain headers object for the duration of one call
  // (calls are synchronous), listed only when an exact hit fails.
  let objectKeys;

  // Plain objects (Node's IncomingHttpHeaders has lower-case keys already):
  // an exact hit first, then a case-insensitive pass for hand-built objects.
  function fromObject(headers, name) {
    const hit = headers[name];
    if (hit !== undefined && typeof hit !== 'function') return headerValue(hit);
    if (objectKeys === undefined) objectKeys = Object.keys(headers);
    for (let k = 0; k < objectKeys.length; k++) {
      const key = objectKeys[k];
      if (key.length === name.length && key !== name && key.toLowerCase() === name) return headerValue(headers[key]);
    }
    return undefined;
  }

  function fromPairs(pairs, name) {
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i];
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
        throw argumentError('header pairs must be [name, value] arrays');
      }
      if (pair[0].length === name.length && pair[0].toLowerCase() === name) return headerValue(pair[1]);
    }
    return undefined;
  }

  // Node's `req.rawHeaders`: [name, value, name, value, …].
  function fromRaw(raw, name) {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const key = raw[i];
      if (key.length === name.length && key.toLowerCase() === name) return headerValue(raw[i + 1]);
    }
    return undefined;
  }

  function fromMap(map, name) {
    const hit = map.get(name);
    if (hit !== undefined) return headerValue(hit);
    for (const [key, value] of map) {
      if (typeof key === 'string' && key.length === name.length && key.toLowerCase() === name) return headerValue(value);
    }
    return undefined;
  }

  // Fetch `Headers` (and look-alikes): case-insensitive already.
  function fromFetch(headers, name) {
    return headerValue(headers.get(name));
  }

  // Empty or only spaces and tabs: what the core treats as absent.
  function isBlank(value) {
    if (value.length === 0) return true;
    const c = value.charCodeAt(0);
    return (c === 32 || c === 9) && /^[ \t]*$/.test(value);
  }

  // Plain objects such as Node's `req.headers`, the usual case: each entry's
  // first name is read at its own property access, so that each access sees
  // one name and V8's keyed load stays monomorphic (~3 ns a look-up; one
  // access in a loop sees every name and goes megamorphic, ~10 ns). Succeeds
  // only when every value is a string that is not blank; otherwise the
  // general path below decides (aliases, case, arrays, numbers).
  function exactHits(headers, entries, out) {
    const n = entries.length;
    if (n > 0) out[0] = headers[entries[0][0]];
    if (n > 1) out[1] = headers[entries[1][0]];
    if (n > 2) out[2] = headers[entries[2][0]];
    if (n > 3) out[3] = headers[entries[3][0]];
    for (let i = 4; i < n; i++) out[i] = headers[entries[i][0]];
    for (let i = 0; i < n; i++) {
      const value = out[i];
      if (typeof value !== 'string' || isBlank(value)) return false;
    }
    return true;
  }

  /**
   * The values of the header `entries` (js/backend.md: lower-case names, or
   * alternatives `a|b` split into arrays here), in order, from any header
   * shape, written into `out` (reused by the caller: calls are synchronous).
   * For alternatives, the first value that is present and not blank.
   */
  function headerValues(headers, entries, out = new Array(entries.length)) {
    if (headers === null || typeof headers !== 'object') {
      throw argumentError(
        `headers must be the request's headers (an object such as req.headers, a Fetch Headers, a Map, or [name, value] pairs), not ${describe(headers)}`,
      );
    }
    let read;
    let source = headers;
    if (Array.isArray(headers)) read = headers.length > 0 && typeof headers[0] === 'string' ? fromRaw : fromPairs;
    else if (headers instanceof Map) read = fromMap;
    else if (typeof headers.get === 'function') read = fromFetch;
    else if (typeof headers[Symbol.iterator] === 'function') {
      source = Array.from(headers);
      read = fromPairs;
    } else {
      if (exactHits(headers, entries, out)) return out;
      read = fromObject;
    }
    objectKeys = undefined;
    for (let i = 0; i < entries.length; i++) {
      const names = entries[i];
      let value = read(source, names[0]);
      for (let j = 1; j < names.length && (value === undefined || isBlank(value)); j++) {
        const next = read(source, names[j]);
        if (next !== undefined && (value === undefined || !isBlank(next))) value = next;
      }
      out[i] = value;
    }
    objectKeys = undefined;
    return out;
  }

  // `now` goes to the backend only when the caller gives it; otherwise the
  // backend reads the clock, and only for schemes that check a timestamp.
  function nowOf(options) {
    if (options === undefined || options === null) return undefined;
    if (typeof options !== 'object') throw argumentError(`the verify options must be an object such as { now }, not ${describe(options)}`);
    const now = options.now;
    if (now === undefined || now === null) return undefined;
    if (now instanceof Date) return Math.floor(now.getTime() / 1000);
    return wholeNumber(now, 'now (Unix seconds)');
  }

  // The backend sends `data_path` (the keys leading to the data inside the
  // payload) rather than a second copy of the data: half the JSON to parse,
  // and `event.data` is the very object inside `event.payload`.
  function toEvent(json) {
    const raw = JSON.parse(json);
    let data = raw.data;
    if (raw.data_path !== undefined) {
      data = raw.data_path === null ? null : raw.data_path.reduce((node, key) => node[key], raw.payload);
    }
    return {
      provider: raw.provider,
      id: raw.id,
      type: raw.type,
      timestamp: raw.timestamp,
      data,
      payload: raw.payload,
      inCatalog: raw.in_catalog,
    };
  }

  class Webhook {
    #handle;
    #names; // the header entries verify reads (arrays of alternatives)
    #signatureNames; // the first of them, which verifySignature reads
    #scheme;
    #values; // scratch for the header values, reused by every call
    #signatureValues;

    /**
     * @param scheme a scheme id (`"stripe"`, `"standard"`, …) or a custom-scheme description
     * @param secret a secret (string or bytes) or a list of them (rotation: any may match)
     * @param options `{ tolerance, strict, maxPayloadBytes, replayGuard }`
     */
    constructor(scheme, secret, options) {
      const spec = normalizeScheme(scheme);
      const secrets = normalizeSecrets(secret);
      const opts = normalizeOptions(options);
      try {
        this.#handle = backend.createWebhook(spec, secrets, opts);
      } catch (err) {
        throw fromBackend(err);
      }
      this.#names = backend.headerNames(this.#handle).map((entry) => entry.split('|'));
      // A backend may not tell the signature's entries apart: then they are all of them.
      this.#signatureNames = backend.headerNames(this.#handle, true).map((entry) => entry.split('|'));
      this.#values = new Array(this.#names.length);
      this.#signatureValues = new Array(this.#signatureNames.length);
      this.#scheme = typeof spec === 'string' ? spec.toLowerCase() : 'custom';
    }

    /** The scheme id (`"custom"` for a custom scheme). */
    get scheme() {
      return this.#scheme;
    }

    /** The lower-case names of the headers this scheme reads. */
    get headerNames() {
      return this.#names.flat();
    }

    /** Checks signature and timestamp; returns nothing, throws WebhookVerificationError. */
    verifySignature(payload, headers, options) {
      const body = toBytes(payload);
      const values = headerValues(headers, this.#signatureNames, this.#signatureValues);
      const now = nowOf(options);
      try {
        backend.verifySignature(this.#handle, body, values, now);
      } catch (err) {
        throw fromBackend(err);
      }
    }

    /** Checks the delivery, then parses and validates its JSON; returns the event. */
    verify(payload, headers, options) {
      const body = toBytes(payload);
      const values = headerValues(headers, this.#names, this.#values);
      const now = nowOf(options);
      let json;
      try {
        json = backend.verify(this.#handle, body, values, now);
      } catch (err) {
        throw fromBackend(err);
      }
      return toEvent(json);
    }

    /**
     * The headers the provider would send with `payload`, as an object in the
     * provider's spelling and order. `timestamp` defaults to now, `id` to a
     * random `msg_…` id (used only by schemes that sign them).
     */
    sign(payload, options) {
      const body = toBytes(payload);
      let timestamp;
      let id;
      if (options !== undefined && options !== null) {
        if (typeof options !== 'object') throw argumentError('the sign options must be an object such as { timestamp, id }');
        if (options.timestamp instanceof Date) timestamp = Math.floor(options.timestamp.getTime() / 1000);
        else if (options.timestamp !== undefined && options.timestamp !== null) timestamp = wholeNumber(options.timestamp, 'timestamp (Unix seconds)');
        if (options.id !== undefined && options.id !== null) {
          if (typeof options.id !== 'string') throw argumentError('id must be a string');
          id = options.id;
        }
      }
      if (timestamp === undefined) timestamp = Math.floor(Date.now() / 1000);
      if (id === undefined) id = platform.randomId();
      let flat;
      try {
        flat = backend.sign(this.#handle, body, timestamp, id);
      } catch (err) {
        throw fromBackend(err);
      }
      const out = {};
      for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]] = flat[i + 1];
      return out;
    }
  }

  return {
    Webhook,
    WebhookVerificationError,
    ERROR_CODES,
    SCHEMES: Object.freeze(['costkatana', 'unicraft', 'dash', 'smartaihub', 'standard', 'stripe', 'github', 'slack', 'shopify']),
    backend: backend.name,
    /** The HTTP status to answer a refusal with (the core's table): 401, 400, 409, 413 or 500. */
    httpStatus: (code) => backend.httpStatus(code),
    // For the framework helpers and drop-in modules of this package.
    internals: { toBytes, headerValues, RAW_BODY_HINT },
  };
}

module.exports = { createApi };
