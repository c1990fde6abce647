'use strict';
// Next.js App Router route handlers (and any fetch-style Request: Remix,
// Hono, Bun, Deno). `verifyRequest` reads the body once as bytes.
const { resolve, refusal, FORBIDDEN, api } = require('./helpers.cjs');
const { argumentError } = require('./errors.cjs');

async function bodyOf(request) {
  if (request === null || typeof request !== 'object' || typeof request.arrayBuffer !== 'function') {
    throw argumentError('verifyRequest needs the route handler\'s Request object');
  }
  if (request.bodyUsed) {
    throw argumentError('the request body was already read (request.json() or request.text() ran first); call verifyRequest before reading it, and use the event it returns');
  }
  return new Uint8Array(await request.arrayBuffer());
}

/**
 * Verifies a fetch `Request` and returns the event (or undefined with
 * `{ verify: 'signature' }`). `using` is a Webhook or helper options
 * `{ scheme, secret, … }`. Throws WebhookVerificationError.
 */
async function verifyRequest(request, using) {
  const ctx = using instanceof api.Webhook ? resolve({ webhook: using }, 'verifyRequest') : resolve(using, 'verifyRequest');
  return ctx.check(await bodyOf(request), request.headers);
}

function json(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/**
 * A route handler that verifies, then calls `handler(event, request, context)`;
 * refusals are answered with the core's status for the code (400/401/409/413)
 * and `{ error: <code>, message }`.
 *
 *   export const POST = withWebhook({ scheme: 'standard', secret }, async (event) => Response.json({ ok: true }));
 */
function withWebhook(options, handler) {
  if (typeof handler !== 'function') throw argumentError('withWebhook(options, handler): handler must be a function');
  const ctx = resolve(options, 'withWebhook');
  return async function route(request, context) {
    if (ctx.isAllowed) {
      const ip = ctx.getIp ? ctx.getIp(request) : undefined;
      if (!ctx.isAllowed(ip)) return json(FORBIDDEN.status, FORBIDDEN.body);
    }
    let event;
    try {
      event = ctx.check(await bodyOf(request), request.headers);
    } catch (err) {
      const answer = refusal(err);
      if (!answer) throw err;
      return json(answer.status, answer.body);
    }
    return handler(event, request, context);
  };
}

module.exports = { verifyRequest, withWebhook };
