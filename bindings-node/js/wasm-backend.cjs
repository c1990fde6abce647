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
// The scratch area's head: one 4-byte length per header entry, 8 at most.
const HEAD = 8 * 4;
// The scratch area's first size (it grows to the largest delivery seen).
const MIN_AREA = 16 * 1024;
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

  // A delivery crosses through the instance's scratch area (src/scratch.rs),
  // written here straight into WebAssembly memory: LOOKUPS 4-byte
  // little-endian lengths, one per header entry (ABSENT for none), the
  // values' UTF-8 bytes back to back, then the body. The call then passes
  // only numbers: no allocation in wasm, no copy by the glue. Calls are
  // synchronous, so one area per instance is safe.
  const areas = new Map();
  function areaOf(glue) {
    let area = areas.get(glue);
    if (area === undefined) {
      area = { glue, memory: glue.wasmMemory(), ptr: 0, cap: 0, u8: null, text: null, view: null };
      areas.set(glue, area);
    }
    return area;
  }

  // Views of memory: all of it (`u8`, `view`) and the area from the header
  // values on (`text`, for encodeInto). Any call may grow memory, which
  // detaches them: made anew then.
  function viewsOf(area) {
    const buffer = area.memory.buffer;
    area.u8 = new Uint8Array(buffer);
    area.view = new DataView(buffer);
    area.text = new Uint8Array(buffer, area.ptr + HEAD, area.cap - HEAD);
  }

  /** Writes the delivery into `area`; returns the header values' byte count. */
  function put(area, body, values) {
    const n = values.length;
    // Header values are ASCII in practice: joined, they are encoded in one go
    // (each one's UTF-8 length is then its length).
    let all = '';
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== undefined && v !== null) all += v;
    }
    // A UTF-8 encoding is at most 3 bytes per UTF-16 code unit.
    const need = HEAD + all.length * 3 + body.length;
    if (need > area.cap) {
      const cap = Math.max(need, area.cap * 2, MIN_AREA);
      area.ptr = area.glue.reserve(cap) >>> 0;
      area.cap = cap;
      viewsOf(area);
    } else if (area.u8.byteLength === 0) {
      viewsOf(area);
    }
    const { u8, view, ptr } = area;
    let bytes = encoder.encodeInto(all, area.text).written;
    if (bytes === all.length) {
      for (let i = 0; i < n; i++) {
        const v = values[i];
        view.setUint32(ptr + 4 * i, v === undefined || v === null ? ABSENT : v.length, true);
      }
    } else {
      // Not all ASCII: each value on its own, for its UTF-8 length.
      bytes = 0;
      for (let i = 0; i < n; i++) {
        const v = values[i];
        let len = ABSENT;
        if (v !== undefined && v !== null) {
          len = encoder.encodeInto(v, area.text.subarray(bytes)).written;
          bytes += len;
        }
        view.setUint32(ptr + 4 * i, len, true);
      }
    }
    u8.set(body, ptr + HEAD + bytes);
    return bytes;
  }

  const nowOr = (now) => (now === undefined ? Math.floor(Date.now() / 1000) : now);

  return {
    name: 'wasm',
    // By the time a refusal is answered a Webhook exists, so the build is loaded.
    httpStatus: (code) => glueFor(false).httpStatus(code),
    createWebhook(scheme, secrets, options) {
      const glue = glueFor(wantsEd25519(scheme, secrets));
      // The scheme id or the custom scheme's fields (in src/lib.rs's order),
      // then the secrets: UTF-8 bytes back to back, and their lengths.
      const custom = typeof scheme === 'string' ? {} : scheme;
      const fields = [
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
      ];
      const parts = [...fields.map((f) => (f === undefined || f === null ? undefined : encoder.encode(f))), ...secrets];
      let total = 0;
      for (const p of parts) total += p ? p.length : 0;
      const joined = new Uint8Array(total);
      const lengths = new Uint32Array(parts.length);
      let off = 0;
      parts.forEach((p, i) => {
        if (p === undefined) {
          lengths[i] = ABSENT;
          return;
        }
        joined.set(p, off);
        off += p.length;
        lengths[i] = p.length;
      });
      const o = options || {};
      const webhook = glue.createWebhook(joined, lengths, o.tolerance, o.strict, o.maxPayloadBytes, o.replayCapacity, o.replayTtl);
      return { webhook, area: areaOf(glue) };
    },
    // Both come as one string of lines (src/lib.rs): no string-array conversion in the glue.
    headerNames: (handle, signatureOnly) => handle.webhook.headerNames(signatureOnly === true).split('\n'),
    verifySignature(handle, body, values, now) {
      const headerBytes = put(handle.area, body, values);
      if (handle.webhook.verifySignature(headerBytes, body.length, nowOr(now)) !== 0) throw handle.webhook.takeError();
    },
    verify(handle, body, values, now) {
      const json = handle.webhook.verify(put(handle.area, body, values), body.length, nowOr(now));
      if (json === undefined) throw handle.webhook.takeError();
      return json;
    },
    sign: (handle, body, timestamp, id) => handle.webhook.sign(body, timestamp, id).split('\n'),
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
