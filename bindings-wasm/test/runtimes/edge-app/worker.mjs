// A Vercel-style edge function: `hookseal` resolves through the `edge-light`
// condition, which imports the .wasm file as a module (`?module`).
import * as hookseal from 'hookseal';
import * as ed from 'hookseal/ed25519';
import { makeHandler } from './shared/handler.mjs';

const handle = makeHandler(hookseal, ed);
addEventListener('fetch', (event) => event.respondWith(handle(event.request)));
