// An AWS Lambda webhook receiver (API Gateway HTTP API v2 or a function URL) with hookseal.
//
// Deploy with handler `handler.handler` and HOOKSEAL_SCHEME / HOOKSEAL_SECRET
// in the function's environment; run it locally with `node local.mjs`.
// lambdaHandler decodes the body (isBase64Encoded), verifies it and calls the
// function below with the validated event; refusals are answered
// 400/401/409/413 with {"error": code, "message": ...}.
import { lambdaHandler } from 'hookseal/lambda';

export const handler = lambdaHandler(
  {
    scheme: process.env.HOOKSEAL_SCHEME ?? 'costkatana',
    secret: process.env.HOOKSEAL_SECRET.split(','), // several secrets during a rotation
    replayGuard: true, // kept in this instance's memory; concurrent instances do not share it
  },
  async (event) => {
    // Log the typed event and answer quickly; real work belongs on a queue.
    console.log(`HOOKSEAL_EVENT ${JSON.stringify({ provider: event.provider, type: event.type, id: event.id })}`);
    if (event.type === 'cost.alert') {
      const cost = event.data?.cost ?? event.payload.cost; // under data, or at the body's top level (then data is null)
      console.log(`cost alert: ${cost?.amount} ${cost?.currency ?? ''}`);
    }
    if (event.type === 'credit.low') console.log(`credit low: ${event.data.balance} < ${event.data.threshold}`);
    if (event.type === 'budget:warning') console.log(`budget at ${event.data.percentage}%`);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ received: true }) };
  },
);
