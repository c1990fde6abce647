'use strict';
// Node, CommonJS: `require('hookseal/wasm')`.
const hookseal = require('hookseal/wasm');

(async () => {
  const { makeHandler } = await import('./shared/handler.mjs');
  const { serve } = await import('./fetch-server.mjs');
  serve(makeHandler(hookseal, hookseal));
})();
