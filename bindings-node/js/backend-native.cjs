'use strict';
// The native backend: the napi-rs addon (crate hookseal-node), loaded by the
// loader that `napi build` generates in native/binding.cjs.
const native = require('../native/binding.cjs');

// At 1 KiB a verification is mostly call overhead, so a call hands Rust one
// typed array, the body (a view of the caller's bytes); everything else is
// in a "call buffer" that Rust was given once (`setCallBuffer`): the clock,
// the webhook's id and the header values (layout in src/lib.rs, `Call`):
//   [0, 8)    now, f64 (NaN: none)
//   [8, 12)   the webhook's id, u32
//   [16, 48)  8 × u32 value lengths, 0xffffffff for an absent header
//   [48, …)   the values' UTF-8 bytes back to back
// Calls are synchronous, so one buffer per process is safe, and a call
// allocates nothing on either side.
const ABSENT = 0xffffffff;
const VALUES_AT = 48;
let buf;
let f64;
let u32;

function allocate(size) {
  const next = Buffer.alloc(size);
  if (buf) buf.copy(next, 0, 0, Math.min(buf.length, size));
  buf = next;
  f64 = new Float64Array(buf.buffer, buf.byteOffset, 1);
  u32 = new Uint32Array(buf.buffer, buf.byteOffset, VALUES_AT / 4);
  native.setCallBuffer(buf); // Rust keeps it: calls pass only the body
}
allocate(4096);

function pack(handle, values, now) {
  f64[0] = now === undefined ? NaN : now;
  u32[2] = handle.id;
  let off = VALUES_AT;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined) {
      u32[4 + i] = ABSENT;
      continue;
    }
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (off + v.length * 3 > buf.length) allocate(Math.max(buf.length * 2, off + v.length * 3));
    const written = buf.utf8Write(v, off);
    u32[4 + i] = written;
    off += written;
  }
}

// The Rust side keeps each webhook in a registry under a numeric id (a number
// crosses napi more cheaply than an External); it is freed when the handle
// object, held by the JavaScript Webhook, is garbage-collected.
const reclaim = new FinalizationRegistry((id) => native.dropWebhook(id));

module.exports = {
  name: 'native',
  createWebhook(scheme, secrets, options) {
    const handle = { id: native.createWebhook(scheme, secrets, options) };
    reclaim.register(handle, handle.id);
    return handle;
  },
  headerNames: (handle) => native.headerNames(handle.id),
  httpStatus: (code) => native.httpStatus(code),
  verifySignature: (handle, body, values, now) => (pack(handle, values, now), native.verifySignature(body)),
  verify: (handle, body, values, now) => (pack(handle, values, now), native.verify(body)),
  sign: (handle, body, timestamp, id) => native.sign(handle.id, body, timestamp, id),
};
