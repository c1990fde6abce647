'use strict';
// The WebAssembly backend (js/backend.md) over the wasm-bindgen glue of
// bindings-wasm/ (crate hookseal-wasm), for every host: Node, edge runtimes,
// browsers, Deno, Bun. Hosts differ only in how they get the compiled
// module, so each entry passes loaders and this file does the rest.
//
// Two builds exist: `hmac` (every scheme, no Ed25519) and `full` (+ Ed25519
// for Standard Webhooks' whpk_/whsk_ keys). A Webhook uses the small one
// unless it is given an Ed25519 key; a build is instantiated on first use.

const ABSENT = 0xffffffff;
const encoder = new TextEncoder();

function backendError(code, message) {
  const err = new Error(message);
  err.code = code;
  return err;
}

/** Whether `secrets` (Uint8Arrays) hold a Standard Webhooks Ed25519 key for `scheme`. */
function wantsEd25519(scheme, secrets) {
  if (typeof scheme !== 'string') return false;
  const id = scheme.toLowerCase();
  if (id !== 'standard' && id !== 'svix') return false;
  return secrets.some(
    (s) => s.length > 5 && s[0] === 0x77 && s[1] === 0x68 && (s[2] === 0x70 || s[2] === 0x73) && s[3] === 0x6b && s[4] === 0x5f,
  ); // "whpk_" or "whsk_"
}

/**
 * `loadHmac()` / `loadFull()` return an initialised wasm-bindgen glue module
 * (`createWebhook`, `WasmWebhook`). `loadFull` is null for entries that
 * carry only the HMAC build; `fullEntry` names the entry that has both.
 */
function createWasmBackend({ loadHmac, loadFull, fullEntry }) {
  let hmac;
  let full;
  const glueFor = (ed25519) => {
    if (!ed25519) return (hmac ??= loadHmac());
    if (loadFull === null) {
      throw backendError(
        'invalid_secret',
        `invalid secret: whpk_/whsk_ (Ed25519) keys need hookseal's Ed25519 build; import ${JSON.stringify(fullEntry)} instead of "hookseal" (this entry carries only the HMAC build, to keep edge and browser bundles small)`,
      );
    }
    return (full ??= loadFull());
  };

  // Header values cross as UTF-8 bytes back to back in one reused buffer plus
  // their lengths (as the native backend passes them). Calls are synchronous,
  // so one module-wide scratch area is safe.
  let scratch = new Uint8Array(4096);
  let lens = new Uint32Array(8);
  let used = 0;

  function pack(values) {
    const n = values.length;
    if (lens.length < n) lens = new Uint32Array(n);
    let off = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === undefined || v === null) {
        lens[i] = ABSENT;
        continue;
      }
      // A UTF-8 encoding is at most 3 bytes per UTF-16 code unit.
      if (off + v.length * 3 > scratch.length) {
        const bigger = new Uint8Array(Math.max(scratch.length * 2, off + v.length * 3));
        bigger.set(scratch.subarray(0, off));
        scratch = bigger;
      }
      const { written } = encoder.encodeInto(v, scratch.subarray(off));
      lens[i] = written;
      off += written;
    }
    used = off;
    return lens.subarray(0, n);
  }

  const nowOr = (now) => (now === undefined ? Math.floor(Date.now() / 1000) : now);

  return {
    name: 'wasm',
    // By the time a refusal is answered a Webhook exists, so the build is loaded.
    httpStatus: (code) => glueFor(false).httpStatus(code),
    createWebhook(scheme, secrets, options) {
      const glue = glueFor(wantsEd25519(scheme, secrets));
      let total = 0;
      for (const s of secrets) total += s.length;
      const joined = new Uint8Array(total);
      const lengths = new Uint32Array(secrets.length);
      let off = 0;
      secrets.forEach((s, i) => {
        joined.set(s, off);
        off += s.length;
        lengths[i] = s.length;
      });
      const custom = typeof scheme === 'string' ? {} : scheme;
      const o = options || {};
      return glue.createWebhook(
        typeof scheme === 'string' ? scheme : undefined,
        custom.signatureHeader,
        custom.prefix,
        custom.encoding,
        custom.idHeader,
        custom.timestampHeader,
        custom.template,
        custom.eventIdField,
        custom.eventTypeField,
        custom.eventTimestampField,
        joined,
        lengths,
        o.tolerance,
        o.strict,
        o.maxPayloadBytes,
        o.replayCapacity,
        o.replayTtl,
      );
    },
    headerNames: (handle) => handle.headerNames(),
    verifySignature(handle, body, values, now) {
      const sizes = pack(values); // may replace `scratch`: read it after
      handle.verifySignature(body, scratch.subarray(0, used), sizes, nowOr(now));
    },
    verify(handle, body, values, now) {
      const sizes = pack(values);
      return handle.verify(body, scratch.subarray(0, used), sizes, nowOr(now));
    },
    sign: (handle, body, timestamp, id) => handle.sign(body, timestamp, id),
  };
}

/** Bytes of base64 text (atob is in every host the inline entries serve). */
function fromBase64(text) {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

// Text payloads up to 64 KiB are encoded into one reused buffer (valid until
// the next call, which is all core.cjs asks of `utf8Payload`): the backend
// copies them into WebAssembly memory anyway.
const PAYLOAD_SCRATCH = 64 * 1024;
let payloadScratch = null;

/** The platform of js/core.cjs for hosts without Node's Buffer and crypto. */
const webPlatform = {
  utf8: (text) => encoder.encode(text),
  utf8Payload(text) {
    if (text.length * 3 > PAYLOAD_SCRATCH) return encoder.encode(text);
    payloadScratch ??= new Uint8Array(PAYLOAD_SCRATCH);
    return payloadScratch.subarray(0, encoder.encodeInto(text, payloadScratch).written);
  },
  randomId() {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    let hex = 'msg_';
    for (const b of bytes) hex += (b < 16 ? '0' : '') + b.toString(16);
    return hex;
  },
};

module.exports = { createWasmBackend, fromBase64, webPlatform };
