'use strict';
// The native backend: the napi-rs addon (crate hookseal-node), loaded by the
// loader that `napi build` generates in native/binding.cjs.
const { NativeWebhook } = require('../native/binding.cjs');

module.exports = {
  name: 'native',
  createWebhook: (scheme, secrets, options) => new NativeWebhook(scheme, secrets, options),
  headerNames: (handle) => handle.headerNames(),
  verifySignature: (handle, body, values, now) => handle.verifySignature(body, values, now),
  verify: (handle, body, values, now) => handle.verify(body, values, now),
  sign: (handle, body, timestamp, id) => handle.sign(body, timestamp, id),
};
