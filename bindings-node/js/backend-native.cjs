'use strict';
// The native backend: the napi-rs addon (crate hookseal-node), loaded by the
// loader that `napi build` generates in native/binding.cjs.
const { NativeWebhook } = require('../native/binding.cjs');

// Header values cross into Rust as UTF-8 bytes written back to back into one
// reused buffer plus their lengths, not as one JS string each: at 1 KiB a
// verification is mostly call overhead, and this keeps a call allocation-free.
// Calls are synchronous, so one module-wide scratch area is safe.
const ABSENT = 0xffffffff;
let scratch = Buffer.allocUnsafe(4096);
let lens = new Uint32Array(8);

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
      const bigger = Buffer.allocUnsafe(Math.max(scratch.length * 2, off + v.length * 3));
      scratch.copy(bigger, 0, 0, off);
      scratch = bigger;
    }
    const written = scratch.utf8Write(v, off);
    lens[i] = written;
    off += written;
  }
  // Entries past `n` are never read: Rust looks up only the scheme's names.
  return lens;
}

module.exports = {
  name: 'native',
  createWebhook: (scheme, secrets, options) => new NativeWebhook(scheme, secrets, options),
  headerNames: (handle) => handle.headerNames(),
  verifySignature(handle, body, values, now) {
    const sizes = pack(values); // may replace `scratch`: read it after
    handle.verifySignature(body, scratch, sizes, now);
  },
  verify(handle, body, values, now) {
    const sizes = pack(values);
    return handle.verify(body, scratch, sizes, now);
  },
  sign: (handle, body, timestamp, id) => handle.sign(body, timestamp, id),
};
