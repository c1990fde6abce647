'use strict';
// The native backend: the napi-rs addon (crate hookseal-node), loaded by the
// loader that `napi build` generates in native/binding.cjs.
const native = require('../native/binding.cjs');

// At 1 KiB a verification is mostly call overhead, so everything a call
// needs goes into one "call buffer" that Rust was given once
// (`setCallBuffer`): the clock, the webhook's id, the header values and, for
// bodies up to BUFFERED_BODY_MAX bytes, a copy of the body (layout in
// src/lib.rs, `Call`):
//   [0, 8)    now, f64 (NaN: none)
//   [8, 12)   the webhook's id, u32
//   [12, 16)  the body's length, u32 (when the body is in the buffer)
//   [16, 48)  8 × u32 value lengths, 0xffffffff for an absent header
//   [48, …)   the values' UTF-8 bytes back to back, then the body
// A small body is copied and the call takes no argument at all
// (`verifySignatureBuffered`): napi-rs converts a call without arguments
// on a shorter path, which saves more than copying 1 KiB costs. A larger
// body is passed as the call's one argument, a view of the caller's bytes
// (copying would cost more than it saves). Calls are synchronous, so one
// buffer per process is safe, and a call allocates nothing on either side.
const ABSENT = 0xffffffff;
const MAX_ENTRIES = 8;
const VALUES_AT = 48;
const BUFFERED_BODY_MAX = 4096;
let buf;
let f64;
let u32;

function allocate(size) {
  const next = Buffer.alloc(size);
  if (buf) buf.copy(next, 0, 0, Math.min(buf.length, size));
  buf = next;
  f64 = new Float64Array(buf.buffer, buf.byteOffset, 1);
  u32 = new Uint32Array(buf.buffer, buf.byteOffset, VALUES_AT / 4);
  native.setCallBuffer(buf); // Rust keeps it: calls pass at most the body
}
allocate(8192);

function ensure(size) {
  if (size > buf.length) allocate(Math.max(buf.length * 2, size));
}

// Writes the call into the buffer; returns where the values end.
function pack(handle, values, now) {
  f64[0] = now === undefined ? NaN : now;
  u32[2] = handle.id;
  // One utf8Write for all values (each write is a call into C++): if the
  // bytes written equal the UTF-16 length, every value was ASCII and its
  // byte length is its string length; otherwise write them one by one.
  let text = '';
  let chars = 0;
  let i = 0;
  for (; i < values.length; i++) {
    const v = values[i];
    if (v === undefined) {
      u32[4 + i] = ABSENT;
    } else {
      u32[4 + i] = v.length;
      text += v;
      chars += v.length;
    }
  }
  for (; i < MAX_ENTRIES; i++) u32[4 + i] = ABSENT;
  if (chars === 0) return VALUES_AT;
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  ensure(VALUES_AT + chars * 3);
  const written = buf.utf8Write(text, VALUES_AT);
  if (written === chars) return VALUES_AT + written;
  let off = VALUES_AT;
  for (i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined) continue;
    const w = buf.utf8Write(v, off);
    u32[4 + i] = w;
    off += w;
  }
  return off;
}

// Copies a small body after the values; false when it goes as an argument.
function bufferBody(body, end) {
  if (body.length > BUFFERED_BODY_MAX) return false;
  ensure(end + body.length);
  buf.set(body, end);
  u32[3] = body.length;
  return true;
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
  headerNames: (handle, signatureOnly) => native.headerNames(handle.id, signatureOnly === true),
  httpStatus: (code) => native.httpStatus(code),
  verifySignature(handle, body, values, now) {
    const end = pack(handle, values, now);
    return bufferBody(body, end) ? native.verifySignatureBuffered() : native.verifySignature(body);
  },
  verify(handle, body, values, now) {
    const end = pack(handle, values, now);
    return bufferBody(body, end) ? native.verifyBuffered() : native.verify(body);
  },
  sign: (handle, body, timestamp, id) => native.sign(handle.id, body, timestamp, id),
};
