// The receiver every runtime test runs: a fetch-style handler that verifies
// deliveries with the `hookseal` it is given. POST /standard (Standard
// Webhooks, HMAC), /github, /ed25519 (Standard Webhooks v1a). Answers
// 200 {ok, type, backend} or 401/400 {ok: false, code}.
import { STANDARD_SECRET, GITHUB_SECRET, ED25519_PUBLIC } from './keys.mjs';

/** `hmac`: the module imported as 'hookseal' (or 'hookseal/wasm'); `ed`: 'hookseal/ed25519' (optional). */
export function makeHandler(hmac, ed) {
  const routes = {
    '/standard': new hmac.Webhook('standard', STANDARD_SECRET),
    '/github': new hmac.Webhook('github', GITHUB_SECRET),
  };
  if (ed) routes['/ed25519'] = new ed.Webhook('standard', ED25519_PUBLIC);
  const json = (status, body) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  return async function handle(request) {
    const path = new URL(request.url).pathname.replace(/^\/api/, '');
    if (request.method === 'GET' && path === '/health') return json(200, { ok: true, backend: hmac.backend });
    const webhook = routes[path];
    if (!webhook || request.method !== 'POST') return json(404, { ok: false, code: 'not_found' });
    const body = new Uint8Array(await request.arrayBuffer());
    try {
      const event = webhook.verify(body, request.headers);
      return json(200, { ok: true, type: event.type, id: event.id, backend: hmac.backend });
    } catch (err) {
      if (!(err instanceof hmac.WebhookVerificationError) && !(ed && err instanceof ed.WebhookVerificationError)) {
        return json(500, { ok: false, code: 'bug', message: String(err && err.stack) });
      }
      return json(err.code === 'invalid_payload' ? 400 : 401, { ok: false, code: err.code });
    }
  };
}
