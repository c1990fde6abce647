'use strict';
// Fastify: a plugin that, in the scope it is registered in, parses every
// body as raw bytes (so the signature can be checked) and verifies each
// request in a preHandler hook, putting the event on `request.webhook` and
// the bytes on `request.rawBody`. Register it together with the webhook
// routes inside their own scope:
//
//   fastify.register(async (app) => {
//     await app.register(hooksealFastify, { scheme: 'stripe', secret });
//     app.post('/webhooks/stripe', async (request) => { request.webhook.type … });
//   });
const { resolve, refusal, FORBIDDEN } = require('./helpers.cjs');

/** The raw-body content parser alone, for routes that verify by hand. */
function addRawBodyParser(instance, options = {}) {
  instance.removeAllContentTypeParsers();
  const parserOptions = { parseAs: 'buffer' };
  if (options.bodyLimit !== undefined) parserOptions.bodyLimit = options.bodyLimit;
  instance.addContentTypeParser('*', parserOptions, (request, body, done) => done(null, body));
}

/** A preHandler hook that verifies the request (options as for the plugin). */
function createPreHandler(options) {
  const ctx = resolve(options, 'hookseal/fastify');
  return async function hooksealPreHandler(request, reply) {
    if (ctx.isAllowed && !ctx.isAllowed(ctx.getIp ? ctx.getIp(request) : request.ip)) {
      return reply.code(FORBIDDEN.status).send(FORBIDDEN.body);
    }
    const body = request.body === undefined || request.body === null ? Buffer.alloc(0) : request.body;
    request.rawBody = body;
    try {
      request.webhook = ctx.check(body, request.headers);
    } catch (err) {
      const answer = refusal(err);
      if (!answer) throw err;
      return reply.code(answer.status).send(answer.body);
    }
    return undefined;
  };
}

function hooksealFastify(instance, options, done) {
  const { maxPayloadBytes } = options;
  const bodyLimit = maxPayloadBytes === undefined ? 10 * 1024 * 1024 : maxPayloadBytes || Number.MAX_SAFE_INTEGER;
  addRawBodyParser(instance, { bodyLimit });
  instance.decorateRequest('webhook', null);
  instance.decorateRequest('rawBody', null);
  instance.addHook('preHandler', createPreHandler(options));
  done();
}
// Like fastify-plugin: apply to the scope that registers it, not to a child.
hooksealFastify[Symbol.for('skip-override')] = true;
hooksealFastify[Symbol.for('fastify.display-name')] = 'hookseal';

module.exports = { hooksealFastify, createPreHandler, addRawBodyParser, default: hooksealFastify };
