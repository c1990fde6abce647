<?php

declare(strict_types=1);

namespace Hookseal\Tests;

use Hookseal\Webhook;
use Hookseal\WebhookEvent;
use Hookseal\WebhookTypeError;
use Hookseal\WebhookVerificationException;
use PHPUnit\Framework\TestCase;
use Symfony\Component\HttpFoundation\HeaderBag;

/** The PHP library's own behaviour: argument handling, header shapes, errors, loading. */
final class WebhookTest extends TestCase
{
    // GitHub's documented example (docs: "Validating webhook deliveries").
    private const GITHUB_SECRET = "It's a Secret to Everybody";
    private const GITHUB_BODY = 'Hello, World!';
    private const GITHUB_SIGNATURE = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

    private static function github(): Webhook
    {
        return new Webhook('github', self::GITHUB_SECRET);
    }

    private static function refusal(callable $call): WebhookVerificationException
    {
        try {
            $call();
        } catch (WebhookVerificationException $e) {
            return $e;
        }
        self::fail('expected a WebhookVerificationException');
    }

    public function testEveryHeaderShapeIsAccepted(): void
    {
        $wh = self::github();
        $shapes = [
            'plain' => ['X-Hub-Signature-256' => self::GITHUB_SIGNATURE, 'Content-Type' => 'text/plain'],
            'laravel' => ['content-type' => ['text/plain'], 'x-hub-signature-256' => [self::GITHUB_SIGNATURE]],
            'odd case' => ['x-HUB-Signature-256' => self::GITHUB_SIGNATURE],
            'pairs' => [['Content-Type', 'text/plain'], ['X-Hub-Signature-256', self::GITHUB_SIGNATURE]],
            'HeaderBag' => new HeaderBag(['X-Hub-Signature-256' => self::GITHUB_SIGNATURE]),
            'Traversable' => new \ArrayIterator(['X-Hub-Signature-256' => self::GITHUB_SIGNATURE]),
        ];
        foreach ($shapes as $shape => $headers) {
            $wh->verifySignature(self::GITHUB_BODY, $headers);
            $this->addToAssertionCount(1);
        }
    }

    public function testTheFirstOfRepeatedHeadersCounts(): void
    {
        $wh = self::github();
        $bad = 'sha256=' . str_repeat('0', 64);
        $wh->verifySignature(self::GITHUB_BODY, ['x-hub-signature-256' => [self::GITHUB_SIGNATURE, $bad]]);
        $wh->verifySignature(self::GITHUB_BODY, ['X-Hub-Signature-256' => self::GITHUB_SIGNATURE, 'x-hub-signature-256' => $bad]);
        $e = self::refusal(fn () => $wh->verifySignature(self::GITHUB_BODY, ['x-hub-signature-256' => $bad, 'X-Hub-Signature-256' => self::GITHUB_SIGNATURE]));
        $this->assertSame('signature_mismatch', $e->getErrorCode());
    }

    public function testErrorsCarryTheCode(): void
    {
        $e = self::refusal(fn () => self::github()->verifySignature('Hello, World?', ['X-Hub-Signature-256' => self::GITHUB_SIGNATURE]));
        $this->assertSame('signature_mismatch', $e->getErrorCode());
        $this->assertSame('signature_mismatch', $e->code);
        $this->assertSame('signature_mismatch', $e->getCode());
        $this->assertStringContainsString('raw request body', $e->getMessage());
        $this->assertSame(401, $e->getHttpStatus());
        $this->assertInstanceOf(\RuntimeException::class, $e);

        $e = self::refusal(fn () => self::github()->verifySignature(self::GITHUB_BODY, []));
        $this->assertSame('missing_header', $e->getErrorCode());
        $this->assertSame(400, $e->getHttpStatus());
        $this->assertStringContainsString('X-Hub-Signature-256', $e->getMessage());

        $e = self::refusal(fn () => self::github()->verifySignature(self::GITHUB_BODY, ['X-Hub-Signature-256' => 'sha256=zz']));
        $this->assertSame('invalid_header', $e->getErrorCode());
    }

    public function testConstructionErrors(): void
    {
        $this->assertSame('invalid_argument', self::refusal(fn () => new Webhook('nope', 's'))->getErrorCode());
        $this->assertSame('invalid_secret', self::refusal(fn () => new Webhook('github', ''))->getErrorCode());
        $this->assertSame('invalid_secret', self::refusal(fn () => new Webhook('github', []))->getErrorCode());
        $this->assertSame('invalid_secret', self::refusal(fn () => new Webhook('github', array_fill(0, 9, 's')))->getErrorCode());
        $this->assertSame('invalid_secret', self::refusal(fn () => new Webhook('standard', 'whsec_not base64!'))->getErrorCode());
        $this->assertSame('invalid_argument', self::refusal(fn () => new Webhook(['prefix' => 'x'], 's'))->getErrorCode());
        $e = self::refusal(fn () => new Webhook(['signature_header' => 'X-Sig', 'encoding' => 'base32'], 's'));
        $this->assertSame('invalid_argument', $e->getErrorCode());
        $e = self::refusal(fn () => new Webhook(['signature_header' => 'X-Sig', 'signatureHeader' => 'X-Sig'], 's'));
        $this->assertSame('invalid_argument', $e->getErrorCode());
        $this->assertStringContainsString('signatureHeader', $e->getMessage());
        // The description is checked by the core: a number where text belongs is refused there.
        $this->assertSame('invalid_argument', self::refusal(fn () => new Webhook(['signature_header' => 5], 's'))->getErrorCode());
        $this->assertSame(500, self::refusal(fn () => new Webhook('nope', 's'))->getHttpStatus());
        $this->assertSame('invalid_argument', self::refusal(fn () => new Webhook('github', 's', tolerance: -1))->getErrorCode());
        $this->assertSame('invalid_argument', self::refusal(fn () => self::github()->verifySignature('x', [], now: -5))->getErrorCode());
    }

    public function testWrongTypesAreTypeErrorsWithACode(): void
    {
        $cases = [
            'parsed payload' => fn () => self::github()->verifySignature(['a' => 1], []),
            'null payload' => fn () => self::github()->verify(null, []),
            'headers string' => fn () => self::github()->verifySignature('x', 'X-Hub-Signature-256: x'),
            'header value object' => fn () => self::github()->verifySignature('x', ['X-Hub-Signature-256' => new \stdClass()]),
            'secret number' => fn () => new Webhook('github', [42]),
            'secret map' => fn () => new Webhook('github', ['a' => 's']),
            'sign array' => fn () => self::github()->sign([]),
        ];
        foreach ($cases as $name => $call) {
            try {
                $call();
                $this->fail("{$name}: no error");
            } catch (WebhookTypeError $e) {
                $this->assertInstanceOf(\TypeError::class, $e);
                $this->assertSame('invalid_argument', $e->getErrorCode(), $name);
            }
        }
        try {
            self::github()->verify(['parsed' => true], []);
        } catch (WebhookTypeError $e) {
            $this->assertStringContainsString('$request->getContent()', $e->getMessage());
        }
    }

    public function testVerifyReturnsTheEvent(): void
    {
        $wh = new Webhook('standard', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
        $body = '{"type":"user.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"u_1","tags":["a"]}}';
        $headers = $wh->sign($body, timestamp: 1_700_000_000, id: 'msg_1');
        $this->assertSame(['webhook-id', 'webhook-timestamp', 'webhook-signature'], array_keys($headers));
        $event = $wh->verify($body, $headers, now: 1_700_000_100);
        $this->assertInstanceOf(WebhookEvent::class, $event);
        $this->assertSame('standard', $event->provider);
        $this->assertSame('msg_1', $event->id);
        $this->assertSame('user.created', $event->type);
        $this->assertSame(1_700_000_000, $event->timestamp);
        $this->assertSame(['id' => 'u_1', 'tags' => ['a']], $event->data);
        $this->assertSame('user.created', $event['type']);
        $this->assertSame($event->toArray(), json_decode(json_encode($event), true));
        $this->assertFalse($event['in_catalog']);

        $e = self::refusal(fn () => $wh->verify($body, $headers, now: 1_700_000_301));
        $this->assertSame('timestamp_too_old', $e->getErrorCode());
        $e = self::refusal(fn () => $wh->verify('not json', $wh->sign('not json', 1_700_000_000, 'msg_2'), now: 1_700_000_000));
        $this->assertSame('invalid_payload', $e->getErrorCode());
        // Without now, the system clock decides.
        $fresh = $wh->sign($body);
        $this->assertMatchesRegularExpression('/^msg_[0-9a-f]{24}$/', $fresh['webhook-id']);
        $this->assertEqualsWithDelta(time(), (int) $fresh['webhook-timestamp'], 5);
        $this->assertSame('user.created', $wh->verify($body, $fresh)->type);
    }

    public function testRotationAndOptions(): void
    {
        $old = new Webhook('stripe', 'whsec_old');
        $both = new Webhook('stripe', ['whsec_new', 'whsec_old'], tolerance: 0, maxPayloadBytes: 16);
        $signed = $old->sign('{"id":"evt_1"}', timestamp: 1);
        $both->verifySignature('{"id":"evt_1"}', $signed);
        $this->assertSame('payload_too_large', self::refusal(fn () => $both->verifySignature(str_repeat('x', 17), $signed))->getErrorCode());
        // Smart AI Hub (seed 004) has an event catalog: strict refuses types outside it.
        $body = '{"id":"evt_1","eventType":"user.deleted","userId":"u","data":{"userId":"u"},"metadata":{"service":"s","timestamp":"2025-01-01T00:00:00.000Z"}}';
        $lenient = new Webhook('smartaihub', 's');
        $this->assertFalse($lenient->verify($body, $lenient->sign($body))->inCatalog);
        $strict = new Webhook('smartaihub', 's', strict: true);
        $this->assertSame('unknown_event_type', self::refusal(fn () => $strict->verify($body, $strict->sign($body)))->getErrorCode());
    }

    public function testReplayGuard(): void
    {
        $wh = new Webhook('standard', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', replayGuard: ['capacity' => 100, 'ttl' => 60]);
        $body = '{"type":"user.created","data":{}}';
        $headers = $wh->sign($body, timestamp: 1_700_000_000, id: 'msg_once');
        $wh->verify($body, $headers, now: 1_700_000_000);
        $e = self::refusal(fn () => $wh->verify($body, $headers, now: 1_700_000_001));
        $this->assertSame('duplicate_event', $e->getErrorCode());
        $this->assertSame(409, $e->getHttpStatus());
        // Without the guard the same delivery passes twice.
        $plain = new Webhook('standard', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
        $plain->verify($body, $headers, now: 1_700_000_000);
        $plain->verify($body, $headers, now: 1_700_000_000);
        $this->assertSame('invalid_argument', self::refusal(fn () => new Webhook('github', 's', replayGuard: ['size' => 1]))->getErrorCode());
    }

    public function testCustomScheme(): void
    {
        $scheme = ['signature_header' => 'X-Acme-Signature', 'prefix' => 'v1=', 'encoding' => 'base64',
            'timestamp_header' => 'X-Acme-Time', 'template' => '{timestamp}:{body}'];
        $wh = new Webhook($scheme, 'acme-secret');
        $headers = $wh->sign('{"kind":"ping"}', timestamp: 1_700_000_000);
        $this->assertSame(['X-Acme-Signature', 'X-Acme-Time'], array_keys($headers));
        $expected = 'v1=' . base64_encode(hash_hmac('sha256', '1700000000:{"kind":"ping"}', 'acme-secret', true));
        $this->assertSame($expected, $headers['X-Acme-Signature']);
        $wh->verifySignature('{"kind":"ping"}', $headers, now: 1_700_000_000);
        $event = $wh->verify('{"kind":"ping"}', $headers, now: 1_700_000_000);
        $this->assertSame('custom', $event->provider);

        // Where the event's id and type are in the body.
        $wh = new Webhook(['signature_header' => 'X-Sig', 'event' => ['id' => 'meta.id', 'type' => 'kind']], 's');
        $body = '{"kind":"order.paid","meta":{"id":"ord_9"}}';
        $event = $wh->verify($body, $wh->sign($body));
        $this->assertSame(['ord_9', 'order.paid'], [$event->id, $event->type]);
    }

    public function testLongMessagesAreCutNotLost(): void
    {
        // The message quotes the custom header name.
        $name = 'X-' . str_repeat('Very-Long-', 80) . 'Signature';
        $wh = new Webhook(['signature_header' => $name], 's');
        $e = self::refusal(fn () => $wh->verifySignature('x', []));
        $this->assertSame('missing_header', $e->getErrorCode());
        $this->assertStringEndsWith('…', $e->getMessage());
        $this->assertTrue(mb_check_encoding($e->getMessage(), 'UTF-8'));
    }

    public function testHandlesAreFreedOnceAndNotSerialized(): void
    {
        $wh = self::github();
        $copy = clone $wh;
        unset($wh);
        gc_collect_cycles();
        $copy->verifySignature(self::GITHUB_BODY, ['X-Hub-Signature-256' => self::GITHUB_SIGNATURE]);
        $this->expectException(\LogicException::class);
        serialize($copy);
    }

    public function testLoaderExplainsWhatIsMissing(): void
    {
        $php = escapeshellarg(PHP_BINARY);
        $autoload = escapeshellarg(dirname(__DIR__) . '/autoload.php');
        $script = escapeshellarg('require $argv[1]; try { new Hookseal\Webhook("github", "s"); echo "loaded"; } catch (RuntimeException $e) { echo $e->getMessage(); }');

        $out = shell_exec("{$php} -d ffi.enable=0 -r {$script} {$autoload} 2>&1");
        $this->assertStringContainsString('ffi.enable=1', (string) $out);

        $out = shell_exec("HOOKSEAL_LIB=/nonexistent/libhookseal.so {$php} -d ffi.enable=1 -r {$script} {$autoload} 2>&1");
        $this->assertStringContainsString('not found at /nonexistent/libhookseal.so', (string) $out);
        $this->assertStringContainsString('HOOKSEAL_LIB', (string) $out);
    }
}
