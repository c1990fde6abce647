'use strict';
// AWS Lambda behind API Gateway (REST API v1 and HTTP API v2 payloads) or a
// Lambda function URL (v2 shape): the body is text or base64
// (`isBase64Encoded`), headers come as `headers` (v2 joins repeats with
// commas) or `multiValueHeaders` (v1).
const { resolve, refusal, FORBIDDEN, api } = require('./helpers.cjs');
const { argumentError } = require('./errors.cjs');

function bodyOf(event) {
  if (event === null || typeof event !== 'object') throw argumentError('expected the API Gateway / function URL event object');
  const body = event.body;
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body !== 'string') throw argumentError('event.body must be the raw body string API Gateway delivers');
  return event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
}

function headersOf(event) {
  if (event.headers && typeof event.headers === 'object') return event.headers;
  if (event.multiValueHeaders && typeof event.multiValueHeaders === 'object') return event.multiValueHeaders;
  return {};
}

function sourceIp(event) {
  const rc = event.requestContext || {};
  if (rc.http && rc.http.sourceIp) return rc.http.sourceIp; // v2
  if (rc.identity && rc.identity.sourceIp) return rc.identity.sourceIp; // v1
  return undefined;
}

/** Verifies an API Gateway (v1/v2) event; returns the webhook event. Throws WebhookVerificationError. */
function verifyLambdaEvent(event, using) {
  const ctx = using instanceof api.Webhook ? resolve({ webhook: using }, 'verifyLambdaEvent') : resolve(using, 'verifyLambdaEvent');
  return ctx.check(bodyOf(event), headersOf(event));
}

function answer(status, body) {
  return { statusCode: status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * A Lambda handler that verifies, then calls `handler(webhookEvent, event, context)`;
 * refusals are answered `{ statusCode: 400|401|409|413, body: '{"error":…}' }`.
 */
function lambdaHandler(options, handler) {
  if (typeof handler !== 'function') throw argumentError('lambdaHandler(options, handler): handler must be a function');
  const ctx = resolve(options, 'lambdaHandler');
  return async function hooksealLambda(event, context) {
    if (ctx.isAllowed && !ctx.isAllowed(ctx.getIp ? ctx.getIp(event) : sourceIp(event))) {
      return answer(FORBIDDEN.status, FORBIDDEN.body);
    }
    let webhookEvent;
    try {
      webhookEvent = ctx.check(bodyOf(event), headersOf(event));
    } catch (err) {
      const refused = refusal(err);
      if (!refused) throw err;
      return answer(refused.status, refused.body);
    }
    return handler(webhookEvent, event, context);
  };
}

module.exports = { verifyLambdaEvent, lambdaHandler };
