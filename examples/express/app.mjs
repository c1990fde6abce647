// A webhook receiver with Express 4 and hookseal.
//
//   HOOKSEAL_SCHEME=smartaihub HOOKSEAL_SECRET=my-secret PORT=3000 node app.mjs
//
// Receives POST /webhooks: the middleware reads the raw body, verifies it and
// puts the validated event on req.webhook; refusals are answered by the
// middleware with 400/401/409/413 and {"error": code, "message": ...}.
import express from 'express';
import { webhookMiddleware } from 'hookseal/express';

const app = express();

// The webhook route goes before express.json(): the signature covers the raw
// bytes, which a JSON parser that ran first would have consumed.
app.post(
  '/webhooks',
  webhookMiddleware({
    scheme: process.env.HOOKSEAL_SCHEME ?? 'smartaihub',
    secret: process.env.HOOKSEAL_SECRET.split(','), // several secrets during a rotation
    replayGuard: true,
  }),
  (req, res) => {
    // Log the typed event and answer quickly, as the providers' guides ask;
    // real work belongs on a queue.
    const event = req.webhook;
    console.log(`HOOKSEAL_EVENT ${JSON.stringify({ provider: event.provider, type: event.type, id: event.id })}`);
    if (event.type === 'credit.low') console.log(`credit low: ${event.data.balance} < ${event.data.threshold}`);
    if (event.type === 'budget:warning') console.log(`budget at ${event.data.percentage}%`);
    res.json({ received: true });
  },
);

app.use(express.json()); // the rest of the app's routes

const port = Number(process.env.PORT ?? 3000);
app.listen(port, '127.0.0.1', () => console.error(`express receiver on http://127.0.0.1:${port}/webhooks`));
