// Node, ESM: `import … from 'hookseal/wasm'` (the WebAssembly backend whatever native binary is installed).
import * as hookseal from 'hookseal/wasm';
import { makeHandler } from './shared/handler.mjs';
import { serve } from './fetch-server.mjs';

serve(makeHandler(hookseal, hookseal)); // in Node the wasm entry switches to the Ed25519 build by itself
