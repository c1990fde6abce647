// Runs handler.mjs on loopback, the way a function URL calls it: every request
// becomes an API Gateway v2 event (headers lower-cased, repeats joined with
// commas, the body in base64) and the handler's result becomes the answer.
//
//   HOOKSEAL_SCHEME=costkatana HOOKSEAL_SECRET=my-secret PORT=3000 node local.mjs
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { handler } from './handler.mjs';

const port = Number(process.env.PORT ?? 3000);

http
  .createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
    const headers = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i].toLowerCase();
      headers[name] = name in headers ? `${headers[name]},${req.rawHeaders[i + 1]}` : req.rawHeaders[i + 1];
    }
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      requestContext: {
        http: { method: req.method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress, userAgent: headers['user-agent'] ?? '' },
        requestId: randomUUID(),
        timeEpoch: Date.now(),
      },
      body: Buffer.concat(chunks).toString('base64'),
      isBase64Encoded: true,
    };
    let result;
    try {
      result = await handler(event, { awsRequestId: event.requestContext.requestId });
    } catch (err) {
      console.error(err);
      res.writeHead(502, { 'content-type': 'application/json' }).end('{"message":"Internal Server Error"}');
      return;
    }
    // A result without statusCode is a JSON body answered 200, as API Gateway does.
    if (result?.statusCode === undefined) result = { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
    const body = result.body === undefined ? '' : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
    res.writeHead(result.statusCode, { ...result.headers, 'content-length': body.length }).end(body);
  })
  .listen(port, '127.0.0.1', () => console.error(`lambda handler on http://127.0.0.1:${port}/webhooks (local.mjs)`));
