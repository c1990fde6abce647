'use strict';
// Express (and plain node:http) middleware: reads the raw body itself,
// verifies it, puts the event on `req.webhook` and the bytes on
// `req.rawBody`; refuses with the core's status for the code (400/401/409/413; 403 for
// addresses outside `allowIps`) and a JSON body `{ error: <code>, message }`.
const { resolve, refusal, FORBIDDEN } = require('./helpers.cjs');
const { argumentError, WebhookVerificationError } = require('./errors.cjs');

const EXPRESS_JSON_HINT =
  'the request body was already parsed (express.json() or another body parser ran first), so the raw bytes the signature covers are gone: ' +
  'mount the hookseal middleware on the webhook route before app.use(express.json()), or parse with ' +
  'express.json({ verify: (req, res, buf) => { req.rawBody = buf } }) so that hookseal can use req.rawBody';

function send(res, status, body) {
  if (typeof res.status === 'function' && typeof res.json === 'function') {
    res.status(status).json(body);
    return;
  }
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** The raw body: one a body parser kept, or the request stream read here. */
function rawBody(req, maxBytes) {
  if (Buffer.isBuffer(req.rawBody) || typeof req.rawBody === 'string') return Promise.resolve(req.rawBody);
  if (req._body || req.readableEnded) {
    const body = req.body;
    if (Buffer.isBuffer(body) || typeof body === 'string' || body instanceof Uint8Array) return Promise.resolve(body);
    return Promise.reject(argumentError(EXPRESS_JSON_HINT));
  }
  return new Promise((resolveBody, reject) => {
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (err, value) => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
      if (err) reject(err);
      else resolveBody(value);
    };
    const onData = (chunk) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.resume(); // drain what is left so the connection can answer
        finish(new WebhookVerificationError('payload_too_large', `the body is over the limit of ${maxBytes} bytes; raise maxPayloadBytes if such deliveries are expected`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(null, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    const onError = (err) => finish(err);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * `webhookMiddleware({ scheme, secret, … })`: see helpers.cjs for the options.
 * Use it on the webhook route, before any JSON body parser runs for it.
 */
function webhookMiddleware(options) {
  const ctx = resolve(options, 'webhookMiddleware');
  return function hooksealMiddleware(req, res, next) {
    if (ctx.isAllowed) {
      const ip = ctx.getIp ? ctx.getIp(req) : req.ip || (req.socket && req.socket.remoteAddress);
      if (!ctx.isAllowed(ip)) {
        send(res, FORBIDDEN.status, FORBIDDEN.body);
        return;
      }
    }
    rawBody(req, ctx.maxBytes).then(
      (body) => {
        req.rawBody = body;
        let event;
        try {
          event = ctx.check(body, req.headers);
        } catch (err) {
          const answer = refusal(err);
          if (!answer) return next(err);
          send(res, answer.status, answer.body);
          return undefined;
        }
        req.webhook = event;
        return next();
      },
      (err) => {
        const answer = err && err.code === 'payload_too_large' ? refusal(err) : null;
        if (answer) send(res, answer.status, answer.body);
        else next(err);
      },
    );
  };
}

module.exports = { webhookMiddleware, default: webhookMiddleware };
