// A Next.js App Router route handler on the edge runtime: `hookseal`
// resolves through `edge-light`, whose `.wasm?module` import Next.js
// compiles at build time and binds to the edge function.
import * as hookseal from 'hookseal';
import * as ed from 'hookseal/ed25519';
import { makeHandler } from '../../../shared/handler.mjs';

export const runtime = 'edge';

const handle = makeHandler(hookseal, ed);
export const POST = (request) => handle(request);
export const GET = (request) => handle(request);
