'use strict';
// Shared by the tests: which build of the package is under test, and the
// conformance vectors of tests/vectors/.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const VECTORS = path.join(ROOT, 'tests', 'vectors');

/** The package under test: HOOKSEAL_BACKEND picks its backend (native | wasm). */
const hookseal = require('../js/index.cjs');

function vectorFiles() {
  return fs
    .readdirSync(VECTORS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, ...JSON.parse(fs.readFileSync(path.join(VECTORS, f), 'utf8')) }));
}

function bodyOf(c) {
  if (c.body !== undefined) return Buffer.from(c.body, 'utf8');
  if (c.body_hex !== undefined) return Buffer.from(c.body_hex, 'hex');
  if (c.body_repeat !== undefined) return Buffer.from(c.body_repeat.unit.repeat(c.body_repeat.count), 'utf8');
  throw new Error(`case ${c.id} has no body`);
}

function optionsOf(c) {
  const o = c.options || {};
  const out = {};
  if (o.tolerance !== undefined) out.tolerance = o.tolerance;
  if (o.strict !== undefined) out.strict = o.strict;
  if (o.max_payload_bytes !== undefined) out.maxPayloadBytes = o.max_payload_bytes;
  return out;
}

module.exports = { hookseal, ROOT, VECTORS, vectorFiles, bodyOf, optionsOf };
