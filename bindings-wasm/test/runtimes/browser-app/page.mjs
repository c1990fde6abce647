// A web page: `hookseal` resolves through the `browser` condition (the
// inline build, compiled synchronously on the main thread on first use).
// The receiver runs in the page; the test hands it deliveries.
import * as hookseal from 'hookseal';
import * as ed from 'hookseal/ed25519';
import { makeHandler } from './shared/handler.mjs';

const handle = makeHandler(hookseal, ed);
window.deliver = async ({ path, body, headers }) => {
  const response = await handle(new Request(`${location.origin}${path}`, { method: 'POST', body, headers }));
  return [response.status, await response.json()];
};
document.title = 'ready';
