// Deno: `hookseal` from node_modules resolves through the `deno` condition
// (the inline build: no file-system permission needed).
import * as hookseal from 'hookseal';
import * as ed from 'hookseal/ed25519';
import { makeHandler } from './shared/handler.mjs';

Deno.serve({ hostname: '127.0.0.1', port: Number(Deno.env.get('PORT')), onListen() {} }, makeHandler(hookseal, ed));
