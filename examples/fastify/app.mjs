// A webhook receiver with Fastify 5 and hookseal.
//
//   HOOKSEAL_SCHEME=dash HOOKSEAL_SECRET=my-secret PORT=3000 node app.mjs
//
// Receives POST /webhooks: the plugin parses the bodies of its scope as raw
// bytes and verifies each request in a preHandler, putting the validated event
// on request.webhook; refusals get 400/401/409/413 and {"error": code, "message": ...}.
import Fastify from 'fastify';
import { hooksealFastify } from 'hookseal/fastify';

const app = Fastify();

// The webhook routes get their own scope, so the rest of the app keeps JSON parsing.
app.register(async (webhooks) => {
  await webhooks.register(hooksealFastify, {
    scheme: process.env.HOOKSEAL_SCHEME ?? 'dash',
    secret: process.env.HOOKSEAL_SECRET.split(','), // several secrets during a rotation
    replayGuard: true,
  });
  webhooks.post('/webhooks', async (request) => {
    // Log the typed event and answer quickly; real work belongs on a queue.
    const event = request.webhook;
    console.log(`HOOKSEAL_EVENT ${JSON.stringify({ provider: event.provider, type: event.type, id: event.id })}`);
    if (event.type === 'budget:warning') console.log(`budget at ${event.data.percentage}%`);
    if (event.type === 'credit.low') console.log(`credit low: ${event.data.balance} < ${event.data.threshold}`);
    return { received: true };
  });
});

const port = Number(process.env.PORT ?? 3000);
await app.listen({ port, host: '127.0.0.1' });
console.error(`fastify receiver on http://127.0.0.1:${port}/webhooks`);
