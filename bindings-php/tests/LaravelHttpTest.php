<?php

declare(strict_types=1);

namespace Hookseal\Tests;

use Hookseal\Webhook;
use PHPUnit\Framework\TestCase;

/**
 * The Laravel application in tests/laravel-app, served over real HTTP on
 * loopback by tests/laravel-http.sh (which starts and always stops the
 * server, and sets HOOKSEAL_TEST_URL and the secrets the app reads).
 */
final class LaravelHttpTest extends TestCase
{
    private static string $url;

    public static function setUpBeforeClass(): void
    {
        $url = getenv('HOOKSEAL_TEST_URL');
        if (!is_string($url) || $url === '') {
            self::fail('HOOKSEAL_TEST_URL is not set: run this suite through bindings-php/tests/laravel-http.sh');
        }
        self::$url = rtrim($url, '/');
    }

    private static function secret(string $name): string
    {
        $value = getenv($name);
        self::assertIsString($value, "{$name} must be set for the app and the test alike");
        return $value;
    }

    /**
     * @param array<string, string> $headers
     *
     * @return array{0: int, 1: array<string, mixed>}
     */
    private static function post(string $path, string $body, array $headers): array
    {
        $lines = ['Content-Type: application/json', 'Accept: application/json'];
        foreach ($headers as $name => $value) {
            $lines[] = "{$name}: {$value}";
        }
        $context = stream_context_create(['http' => [
            'method' => 'POST',
            'header' => implode("\r\n", $lines),
            'content' => $body,
            'ignore_errors' => true,
            'timeout' => 20,
        ]]);
        $response = file_get_contents(self::$url . $path, false, $context);
        self::assertIsString($response, "no response from {$path}");
        /** @var list<string> $http_response_header */
        preg_match('{^HTTP/\S+ (\d{3})}', $http_response_header[0], $m);
        $json = json_decode($response, true);
        self::assertIsArray($json, "not JSON from {$path}: {$response}");
        return [(int) $m[1], $json];
    }

    public function testAValidStripeDeliveryReachesTheController(): void
    {
        $stripe = new Webhook('stripe', self::secret('HOOKSEAL_STRIPE_SECRET'));
        $body = '{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","api_version":"2022-11-15","created":1686089970,'
            . '"data":{"object":{"id":"pi_123","object":"payment_intent","amount":2000}},"livemode":false,'
            . '"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"payment_intent.succeeded"}';
        [$status, $json] = self::post('/webhooks/stripe', $body, $stripe->sign($body));
        $this->assertSame(200, $status, json_encode($json));
        // Key order inside data is the JSON library's business: compare as maps.
        $this->assertEquals(['received' => true, 'provider' => 'stripe', 'id' => 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
            'type' => 'payment_intent.succeeded', 'data' => ['object' => ['id' => 'pi_123', 'object' => 'payment_intent', 'amount' => 2000]]], $json);
    }

    public function testForgedDeliveriesAreRefusedWithTheCode(): void
    {
        $stripe = new Webhook('stripe', self::secret('HOOKSEAL_STRIPE_SECRET'));
        $forger = new Webhook('stripe', 'whsec_guessed');
        $body = '{"id":"evt_1","object":"event","type":"payment_intent.succeeded","created":1,"data":{"object":{}}}';
        // Forged or replayed: 401. Malformed (no or unreadable signature header): 400, as the core assigns.
        $cases = [
            'wrong secret' => [$forger->sign($body), $body, 401, 'signature_mismatch'],
            'tampered body' => [$stripe->sign($body), str_replace('evt_1', 'evt_2', $body), 401, 'signature_mismatch'],
            'signature of another body' => [$stripe->sign('{}'), $body, 401, 'signature_mismatch'],
            'replayed a day later' => [$stripe->sign($body, timestamp: time() - 86400), $body, 401, 'timestamp_too_old'],
            'no signature' => [[], $body, 400, 'missing_header'],
            'garbage signature' => [['Stripe-Signature' => 'garbage'], $body, 400, 'invalid_header'],
        ];
        foreach ($cases as $name => [$headers, $sent, $status, $code]) {
            [$got, $json] = self::post('/webhooks/stripe', $sent, $headers);
            $this->assertSame($status, $got, $name);
            $this->assertSame($code, $json['error'] ?? null, $name);
            $this->assertNotEmpty($json['message'] ?? null, $name);
            $this->assertArrayNotHasKey('received', $json, "{$name} reached the controller");
        }
    }

    public function testSeedProviderStrictAndRotatedStandard(): void
    {
        // Smart AI Hub (seed 004), strict: a catalog event passes, an unknown type is refused with 400.
        $hub = new Webhook('smartaihub', self::secret('HOOKSEAL_SMARTAIHUB_SECRET'));
        $body = '{"id":"evt_42","eventType":"credit.low","userId":"user_1","data":{"userId":"user_1","balance":8,"threshold":10,"lowCreditAt":"2025-01-01T00:00:00.000Z"},'
            . '"metadata":{"service":"credit-service","timestamp":"2025-01-01T00:00:00.000Z"}}';
        [$status, $json] = self::post('/webhooks/smartaihub', $body, $hub->sign($body));
        $this->assertSame(200, $status, json_encode($json));
        $this->assertSame('credit.low', $json['type']);
        $unknown = str_replace('credit.low', 'credit.unheard_of', $body);
        [$status, $json] = self::post('/webhooks/smartaihub', $unknown, $hub->sign($unknown));
        $this->assertSame(400, $status);
        $this->assertSame('unknown_event_type', $json['error']);

        // Standard Webhooks signed with the previous secret of a rotation.
        $old = new Webhook('standard', self::secret('HOOKSEAL_STANDARD_OLD_SECRET'));
        $body = '{"type":"invoice.paid","timestamp":"2024-05-01T10:00:00Z","data":{"invoice":"in_1"}}';
        [$status, $json] = self::post('/webhooks/standard', $body, $old->sign($body, id: 'msg_rotation'));
        $this->assertSame(200, $status, json_encode($json));
        $this->assertSame(['standard', 'msg_rotation', 'invoice.paid'], [$json['provider'], $json['id'], $json['type']]);
    }

    public function testSignatureOnlyRouteTakesAnyBody(): void
    {
        $github = new Webhook('github', self::secret('HOOKSEAL_GITHUB_SECRET'));
        $body = "payload=not%20json\x01";
        [$status, $json] = self::post('/webhooks/github-raw', $body, $github->sign($body));
        $this->assertSame(200, $status, json_encode($json));
        $this->assertSame(strlen($body), $json['bytes']);
        [$status, $json] = self::post('/webhooks/github-raw', $body . 'x', $github->sign($body));
        $this->assertSame(401, $status);
        $this->assertSame('signature_mismatch', $json['error']);
    }
}
