// Bun: `hookseal/wasm` (plain `hookseal` takes the `import` condition in Bun,
// i.e. the native napi addon; the test reports which backend that is).
import * as wasm from 'hookseal/wasm';
import * as plain from 'hookseal';
import { makeHandler } from './shared/handler.mjs';

const handle = makeHandler(wasm, wasm);
Bun.serve({
  hostname: '127.0.0.1',
  port: Number(process.env.PORT),
  fetch(request) {
    if (new URL(request.url).pathname === '/plain-backend') return new Response(plain.backend);
    return handle(request);
  },
});
