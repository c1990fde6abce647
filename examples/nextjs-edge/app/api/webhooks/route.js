// POST /api/webhooks on the edge runtime. `import 'hookseal'` resolves to the
// WebAssembly build here (package exports condition `edge-light`); the API is
// the Node one, synchronous, with no init call.
import { Webhook, WebhookVerificationError, httpStatus } from 'hookseal';

export const runtime = 'edge';

let webhook; // built once per isolate, on the first request
function getWebhook() {
  webhook ??= new Webhook(process.env.HOOKSEAL_SCHEME ?? 'standard', (process.env.HOOKSEAL_SECRET ?? '').split(','), {
    replayGuard: true, // per isolate: a shared store (KV, Redis) is needed across instances
  });
  return webhook;
}

export async function POST(request) {
  // The raw bytes: never request.json(), whose re-serialization breaks the signature.
  const body = new Uint8Array(await request.arrayBuffer());
  let event;
  try {
    event = getWebhook().verify(body, request.headers);
  } catch (err) {
    if (!(err instanceof WebhookVerificationError)) throw err;
    return Response.json({ error: err.code, message: err.message }, { status: httpStatus(err.code) });
  }
  // Log the typed event and answer quickly.
  console.log(`HOOKSEAL_EVENT ${JSON.stringify({ provider: event.provider, type: event.type, id: event.id })}`);
  if (event.type === 'cost.alert') console.log('cost alert:', event.payload.title);
  return Response.json({ received: true });
}
