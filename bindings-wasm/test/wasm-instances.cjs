'use strict';
// The npm package's API on the WebAssembly backend, with the instances its
// glue creates recorded (to read their memory size): what heap.test.cjs and
// scratch.test.cjs start from.
process.env.HOOKSEAL_BACKEND = 'wasm';
const instances = [];
const Instance = WebAssembly.Instance;
WebAssembly.Instance = function (module, imports) {
  const instance = new Instance(module, imports);
  instances.push(instance);
  return instance;
};
const api = require('../../bindings-node/js/index.cjs');

module.exports = { api, instances };
