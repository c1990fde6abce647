'use strict';
// The framework helpers: Express and Fastify on real loopback servers,
// Next.js route handlers with fetch Requests, Lambda with API Gateway
// events, and the IP allow-list.
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { hookseal } = require('./helpers.cjs');
const { webhookMiddleware } = require('../js/express.cjs');
const { hooksealFastify } = require('../js/fastify.cjs');
const { verifyRequest, withWebhook } = require('../js/next.cjs');
const { verifyLambdaEvent, lambdaHandler } = require('../js/lambda.cjs');
const { createIpAllowList } = require('../js/ipallow.cjs');

const { Webhook, WebhookVerificationError } = hookseal;
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const signer = new Webhook('standard', SECRET);
const BODY = JSON.stringify({ type: 'invoice.paid', data: { amount: 42 } });

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

async function post(url, body, headers) {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, body: await res.json() };
}

test('Express: the middleware reads the raw body, verifies, and refuses with 400/401 + code', async (t) => {
  const express = require('express');
  const app = express();
  app.post('/hook', webhookMiddleware({ scheme: 'standard', secret: SECRET }), (req, res) => {
    res.json({ type: req.webhook.type, amount: req.webhook.data.amount, raw: req.rawBody.length });
  });
  app.post('/sig', webhookMiddleware({ scheme: 'standard', secret: SECRET, verify: 'signature' }), (req, res) => {
    res.json({ webhook: req.webhook === undefined, raw: req.rawBody.length });
  });
  // The documented interplay with express.json(): keep the raw bytes with `verify`.
  app.post('/after-json', express.json({ verify: (req, res, buf) => { req.rawBody = buf; } }), webhookMiddleware({ scheme: 'standard', secret: SECRET }), (req, res) => {
    res.json({ type: req.webhook.type, parsed: req.body.data.amount });
  });
  // …and without it: a configuration error, not a forged delivery.
  app.post('/json-first', express.json(), webhookMiddleware({ scheme: 'standard', secret: SECRET }), (req, res) => res.json({}));
  app.post('/allow', webhookMiddleware({ scheme: 'standard', secret: SECRET, allowIps: ['10.0.0.0/8', '::1'] }), (req, res) => res.json({}));
  app.post('/allow-local', webhookMiddleware({ scheme: 'standard', secret: SECRET, allowIps: ['127.0.0.0/8'] }), (req, res) => res.json({ ok: true }));
  app.post('/small', webhookMiddleware({ scheme: 'standard', secret: SECRET, maxPayloadBytes: 16 }), (req, res) => res.json({}));
  app.use((err, req, res, next) => res.status(500).json({ error: err.code, message: err.message })); // eslint-disable-line no-unused-vars
  const server = http.createServer(app);
  const base = await listen(server);
  t.after(() => server.close());

  const headers = signer.sign(BODY);
  assert.deepEqual(await post(`${base}/hook`, BODY, headers), { status: 200, body: { type: 'invoice.paid', amount: 42, raw: BODY.length } });
  assert.deepEqual(await post(`${base}/sig`, BODY, headers), { status: 200, body: { webhook: true, raw: BODY.length } });
  assert.deepEqual(await post(`${base}/after-json`, BODY, headers), { status: 200, body: { type: 'invoice.paid', parsed: 42 } });
  const forged = await post(`${base}/hook`, BODY.replace('42', '43'), headers);
  assert.equal(forged.status, 401);
  assert.equal(forged.body.error, 'signature_mismatch');
  const missing = await post(`${base}/hook`, BODY, {});
  // docs/SEMANTICS.md "HTTP answers": a malformed delivery is 400, a forged one 401.
  assert.deepEqual([missing.status, missing.body.error], [400, 'missing_header']);
  const notJson = 'not json';
  const bad = await post(`${base}/hook`, notJson, signer.sign(notJson));
  assert.deepEqual([bad.status, bad.body.error], [400, 'invalid_payload']);
  const jsonFirst = await post(`${base}/json-first`, BODY, headers);
  assert.equal(jsonFirst.status, 500);
  assert.equal(jsonFirst.body.error, 'invalid_argument');
  assert.match(jsonFirst.body.message, /express\.json/);
  const denied = await post(`${base}/allow`, BODY, headers);
  assert.deepEqual([denied.status, denied.body.error], [403, 'ip_not_allowed']);
  assert.equal((await post(`${base}/allow-local`, BODY, headers)).status, 200);
  const big = await post(`${base}/small`, BODY, headers);
  assert.deepEqual([big.status, big.body.error], [413, 'payload_too_large']);
});

test('Fastify: raw-body parser + preHandler in the plugin scope', async (t) => {
  const Fastify = require('fastify');
  const app = Fastify();
  app.register(async (scope) => {
    await scope.register(hooksealFastify, { scheme: 'standard', secret: SECRET });
    scope.post('/hook', async (request) => ({ type: request.webhook.type, raw: request.rawBody.length }));
  });
  // Outside the scope, JSON parsing is untouched.
  app.post('/plain', async (request) => ({ echo: request.body.type }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  t.after(() => app.close());
  const base = `http://127.0.0.1:${app.server.address().port}`;

  const headers = signer.sign(BODY);
  assert.deepEqual(await post(`${base}/hook`, BODY, headers), { status: 200, body: { type: 'invoice.paid', raw: BODY.length } });
  assert.deepEqual(await post(`${base}/hook`, BODY, { ...headers, 'content-type': 'text/plain' }), { status: 200, body: { type: 'invoice.paid', raw: BODY.length } });
  const forged = await post(`${base}/hook`, `${BODY} `, headers);
  assert.deepEqual([forged.status, forged.body.error], [401, 'signature_mismatch']);
  const old = signer.sign(BODY, { timestamp: 1700000000 });
  const stale = await post(`${base}/hook`, BODY, old);
  assert.deepEqual([stale.status, stale.body.error], [401, 'timestamp_too_old']);
  assert.deepEqual(await post(`${base}/plain`, BODY, {}), { status: 200, body: { echo: 'invoice.paid' } });
});

test('Next.js App Router: verifyRequest and withWebhook', async () => {
  const headers = signer.sign(BODY);
  const request = () => new Request('http://localhost/api/webhooks', { method: 'POST', body: BODY, headers });
  const event = await verifyRequest(request(), signer);
  assert.equal(event.type, 'invoice.paid');
  const viaOptions = await verifyRequest(request(), { scheme: 'standard', secret: SECRET });
  assert.equal(viaOptions.data.amount, 42);
  await assert.rejects(
    verifyRequest(new Request('http://localhost/', { method: 'POST', body: `${BODY} `, headers }), signer),
    (err) => err instanceof WebhookVerificationError && err.code === 'signature_mismatch',
  );
  const used = request();
  await used.text();
  await assert.rejects(verifyRequest(used, signer), (err) => err instanceof TypeError && err.code === 'invalid_argument');

  const POST = withWebhook({ scheme: 'standard', secret: SECRET }, async (ev) => Response.json({ got: ev.type }));
  const ok = await POST(request(), {});
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { got: 'invoice.paid' });
  const refused = await POST(new Request('http://localhost/', { method: 'POST', body: BODY }), {});
  assert.equal(refused.status, 400);
  assert.equal((await refused.json()).error, 'missing_header');
});

test('AWS Lambda: API Gateway v1 and v2 events, base64 bodies', async () => {
  const headers = signer.sign(BODY);
  const v1 = {
    resource: '/hook',
    httpMethod: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    body: BODY,
    isBase64Encoded: false,
    requestContext: { identity: { sourceIp: '203.0.113.7' } },
  };
  const v2 = {
    version: '2.0',
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    body: Buffer.from(BODY).toString('base64'),
    isBase64Encoded: true,
    requestContext: { http: { method: 'POST', sourceIp: '2001:db8::1' } },
  };
  assert.equal(verifyLambdaEvent(v1, signer).type, 'invoice.paid');
  assert.equal(verifyLambdaEvent(v2, signer).data.amount, 42);
  assert.equal(verifyLambdaEvent({ ...v1, headers: null }, signer).type, 'invoice.paid'); // multiValueHeaders
  assert.throws(() => verifyLambdaEvent({ ...v2, isBase64Encoded: false }, signer), (err) => err.code === 'signature_mismatch');

  const handler = lambdaHandler({ scheme: 'standard', secret: SECRET, allowIps: ['203.0.113.0/24', '2001:db8::/32'] }, async (ev) => ({ statusCode: 200, body: ev.type }));
  assert.deepEqual(await handler(v1, {}), { statusCode: 200, body: 'invoice.paid' });
  assert.deepEqual(await handler(v2, {}), { statusCode: 200, body: 'invoice.paid' });
  const denied = await handler({ ...v1, requestContext: { identity: { sourceIp: '198.51.100.1' } } }, {});
  assert.equal(denied.statusCode, 403);
  const forged = await handler({ ...v1, body: `${BODY} ` }, {});
  assert.equal(forged.statusCode, 401);
  assert.equal(JSON.parse(forged.body).error, 'signature_mismatch');
});

test('IP allow-list: addresses and CIDR ranges, IPv4 and IPv6', () => {
  const allowed = createIpAllowList(['192.168.1.100', '10.0.0.0/8', '172.16.0.0/12', '2001:db8::/32', '::1', 'fe80::1%eth0']);
  for (const ip of ['192.168.1.100', '10.1.2.3', '172.31.255.255', '::ffff:10.0.0.50', '2001:db8:abcd::1', '2001:DB8::', '::1', 'fe80::1', '[::1]']) {
    assert.equal(allowed(ip), true, ip);
  }
  for (const ip of ['192.168.1.101', '11.0.0.1', '172.32.0.1', '2001:db9::1', '::2', 'not an ip', '', undefined, '10.0.0', '1.2.3.4.5', '01.2.3.4']) {
    assert.equal(allowed(ip), false, String(ip));
  }
  const all = createIpAllowList(['0.0.0.0/0', '::/0']);
  assert.equal(all('8.8.8.8'), true);
  assert.equal(all('2606:4700::1'), true);
  const odd = createIpAllowList(['192.168.1.0/25']);
  assert.equal(odd('192.168.1.127'), true);
  assert.equal(odd('192.168.1.128'), false);
  for (const bad of ['10.0.0.0/33', '300.1.1.1', '::1/129', 'example.com']) {
    assert.throws(() => createIpAllowList([bad]), (err) => err instanceof TypeError && err.code === 'invalid_argument', bad);
  }
});
