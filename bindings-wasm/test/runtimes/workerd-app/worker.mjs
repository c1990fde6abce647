// A Cloudflare Worker (module syntax): `hookseal` resolves through the
// `workerd` condition, whose .wasm import is a CompiledWasm module.
import * as hookseal from 'hookseal';
import * as ed from 'hookseal/ed25519';
import { makeHandler } from './shared/handler.mjs';

const handle = makeHandler(hookseal, ed);
export default { fetch: (request) => handle(request) };
