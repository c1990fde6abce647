'use strict';
// The receiver of the load test: Express + hookseal/express, as a user writes
// it, plus bookkeeping of what each delivery was meant to get (the load
// generator marks deliveries `x-load-expect: valid|forged`).
const express = require('express');
const { webhookMiddleware } = require('../js/express.cjs');

const secret = process.env.LOAD_SECRET;
const counts = { valid200: 0, validOther: 0, forged401: 0, forgedOther: 0, unmarked: 0 };
const app = express();
app.disable('x-powered-by');
app.use((req, res, next) => {
  const expect = req.headers['x-load-expect'];
  res.on('finish', () => {
    if (expect === 'valid') counts[res.statusCode === 200 ? 'valid200' : 'validOther']++;
    else if (expect === 'forged') counts[res.statusCode === 401 ? 'forged401' : 'forgedOther']++;
    else counts.unmarked++;
  });
  next();
});
app.post('/webhooks', webhookMiddleware({ scheme: 'standard', secret }), (req, res) => {
  res.json({ received: req.webhook.type });
});

const server = app.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (msg) => {
  if (msg === 'stats') process.send({ rss: process.memoryUsage().rss, counts });
  if (msg === 'stop') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
