// Type-checked (never run) by test-node: `tsc -p test/types --noEmit`.
import { Webhook, WebhookVerificationError, type SmartAiHubEvent, type StripeEvent } from 'hookseal';
import { webhookMiddleware } from 'hookseal/express';
import { verifyRequest, withWebhook } from 'hookseal/next';
import { lambdaHandler } from 'hookseal/lambda';
import { Webhook as StandardWebhook } from 'hookseal/standardwebhooks';
import { verifyWebhookSignature } from 'hookseal/costkatana';

const hub = new Webhook('smartaihub', 'secret');
const e = hub.verify('{}', { 'x-webhook-signature': 'sha256=00' });
if (e.type === 'credit.low') {
  const balance: number = e.data.balance;
  const threshold: number = e.data.threshold;
  void balance;
  void threshold;
}
const union: SmartAiHubEvent = e;
void union;

const stripe = new Webhook('stripe', ['whsec_a', 'whsec_b'], { tolerance: 600 });
const s: StripeEvent = stripe.verify(new Uint8Array(), new Headers(), { now: new Date() });
const obj: Record<string, unknown> = s.data.object;
void obj;

const dash = new Webhook('dash', Buffer.from('k'));
const d = dash.verify(Buffer.from('{}'), new Map([['x-dash-signature', 'sha256=00']]));
if (d.type === 'budget:warning') void d.data;

const custom = new Webhook({ signatureHeader: 'X-Acme-Signature', prefix: 'sha256=' }, 'k');
const c = custom.verify('{}', [['x-acme-signature', 'sha256=00']]);
const provider: 'custom' = c.provider;
void provider;

const headers: Record<string, string> = custom.sign('body', { timestamp: 1700000000 });
void headers;

try {
  hub.verifySignature('{}', {});
} catch (err) {
  if (err instanceof WebhookVerificationError) {
    const code: 'missing_header' | string = err.code;
    void code;
  }
}

const mw = webhookMiddleware({ scheme: 'github', secret: 'k', allowIps: ['10.0.0.0/8'] });
void mw;
export const POST = withWebhook({ scheme: 'standard', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, async (event) => {
  return Response.json({ type: event.type });
});
export async function PUT(request: Request) {
  const event = await verifyRequest(request, stripe);
  return Response.json({ id: event.id });
}
export const handler = lambdaHandler({ scheme: 'smartaihub', secret: 'k' }, async (event) => ({ statusCode: 200, body: event.type }));

const sw = new StandardWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
const payload: unknown = sw.verify('{}', { 'webhook-id': 'a', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' });
void payload;
const sig: string = sw.sign('msg', new Date(), '{}');
void sig;
const ok: boolean = verifyWebhookSignature('{}', '1700000000', 'sha256=00', 'secret');
void ok;

// @ts-expect-error a parsed object is not a payload
hub.verify({ parsed: true }, {});
