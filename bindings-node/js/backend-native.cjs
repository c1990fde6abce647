'use strict';
// The native backend: the napi-rs addon (crate hookseal-node), loaded by the
// loader that `napi build` generates in native/binding.cjs.
const native = require('../native/binding.cjs');

// At 1 KiB a verification is mostly call overhead, so the two hot calls are
// plain N-API callbacks (src/direct.rs), not napi-rs functions: napi-rs puts
// every call with arguments through a borrow scope (~100 ns). They take
// (id, body, ...values, now?): the webhook's id, the body as a Uint8Array
// (read in place, never copied), one header value per entry of headerNames
// (a string, or undefined when absent), then `now` only when the caller
// gave it (otherwise the core reads the clock). An earlier
// version copied the values and small bodies into a buffer Rust kept and
// made an argument-less napi-rs call; the concatenation and `utf8Write` alone
// cost ~160 ns (bench/node.md).
function call(fn, id, body, values, now) {
  if (now !== undefined) return fn(id, body, ...values, now);
  switch (values.length) {
    case 1: return fn(id, body, values[0]);
    case 2: return fn(id, body, values[0], values[1]);
    case 3: return fn(id, body, values[0], values[1], values[2]);
    case 4: return fn(id, body, values[0], values[1], values[2], values[3]);
    default: return fn(id, body, ...values);
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
  headerNames: (handle, signatureOnly) => native.headerNames(handle.id, signatureOnly === true),
  httpStatus: (code) => native.httpStatus(code),
  verifySignature: (handle, body, values, now) => call(native.verifySignatureArgs, handle.id, body, values, now),
  verify: (handle, body, values, now) => call(native.verifyArgs, handle.id, body, values, now),
  sign: (handle, body, timestamp, id) => native.sign(handle.id, body, timestamp, id),
};
