<?php

declare(strict_types=1);

namespace Hookseal\Tests;

use Hookseal\Webhook;
use Hookseal\WebhookVerificationException;
use PHPUnit\Framework\TestCase;

/**
 * Every case of tests/vectors/*.json through the PHP library: verifySignature
 * for "signature" cases, verify (with the listed event fields compared) for
 * "event" cases, sign (headers compared) for "op": "sign" cases. Each verify
 * case runs with its headers in three shapes: a list of [name, value] pairs,
 * Laravel's $request->headers->all() (lower-case names, array values) and,
 * where no name repeats, a plain ['Name' => 'value'] array.
 */
final class VectorsTest extends TestCase
{
    /** Fewer cases than this means a file went missing or failed to load. */
    private const MINIMUM_CASES = 1700;
    private const MINIMUM_EVENT_CASES = 600;
    private const MINIMUM_SIGN_CASES = 50;

    /** @return array<string, array{0: array<string, mixed>}> */
    public static function cases(): array
    {
        static $cases = null;
        if ($cases !== null) {
            return $cases;
        }
        $cases = [];
        $files = glob(dirname(__DIR__, 2) . '/tests/vectors/*.json');
        foreach ($files as $file) {
            $doc = json_decode((string) file_get_contents($file), true, 512, JSON_THROW_ON_ERROR);
            foreach ($doc['cases'] as $case) {
                $case['file'] = basename($file);
                $cases[$case['id']] = [$case];
            }
        }
        return $cases;
    }

    public function testNoVectorIsLeftOut(): void
    {
        $files = glob(dirname(__DIR__, 2) . '/tests/vectors/*.json');
        $total = 0;
        foreach ($files as $file) {
            $doc = json_decode((string) file_get_contents($file), true, 512, JSON_THROW_ON_ERROR);
            $total += count($doc['cases']);
        }
        $cases = array_column(self::cases(), 0);
        $this->assertCount($total, $cases, 'case ids must be unique across files');
        $this->assertGreaterThanOrEqual(self::MINIMUM_CASES, count($cases));
        $events = count(array_filter($cases, static fn ($c) => ($c['mode'] ?? '') === 'event'));
        $signs = count(array_filter($cases, static fn ($c) => ($c['op'] ?? '') === 'sign'));
        $this->assertGreaterThanOrEqual(self::MINIMUM_EVENT_CASES, $events);
        $this->assertGreaterThanOrEqual(self::MINIMUM_SIGN_CASES, $signs);
        fwrite(STDERR, sprintf("\nvectors: %d cases in %d files (%d event, %d sign)\n", count($cases), count($files), $events, $signs));
    }

    /**
     * @dataProvider cases
     *
     * @param array<string, mixed> $case
     */
    public function testVector(array $case): void
    {
        $expected = ($case['op'] ?? null) === 'sign' ? 'ok' : ($case['expect']['error'] ?? 'ok');
        try {
            $webhook = self::webhook($case);
        } catch (WebhookVerificationException $e) {
            $this->assertSame($expected, $e->getErrorCode(), $e->getMessage());
            return;
        }
        $body = self::body($case);

        if (($case['op'] ?? null) === 'sign' && isset($case['expect']['error'])) {
            try {
                $webhook->sign($body, timestamp: $case['timestamp'] ?? null, id: $case['msg_id'] ?? null);
                $code = 'ok';
            } catch (WebhookVerificationException $e) {
                $code = $e->getErrorCode();
            }
            $this->assertSame($case['expect']['error'], $code, $case['id']);
            return;
        }
        if (($case['op'] ?? null) === 'sign') {
            $headers = $webhook->sign($body, timestamp: $case['timestamp'] ?? null, id: $case['msg_id'] ?? null);
            $this->assertSame(
                $case['expect_headers'],
                array_map(null, array_keys($headers), array_values($headers)),
            );
            return;
        }

        $event = ($case['mode'] ?? 'signature') === 'event';
        foreach (self::headerShapes($case['headers']) as $shape => $headers) {
            $got = null;
            $e = null;
            try {
                if ($event) {
                    $got = $webhook->verify($body, $headers, now: $case['now'] ?? null);
                } else {
                    $webhook->verifySignature($body, $headers, now: $case['now'] ?? null);
                }
                $code = 'ok';
            } catch (WebhookVerificationException $e) {
                $code = $e->getErrorCode();
                $this->assertNotSame('', $e->getMessage());
            }
            $this->assertSame($expected, $code, "headers as {$shape}" . ($e ? ': ' . $e->getMessage() : ''));
            if ($got !== null && isset($case['event'])) {
                $array = $got->toArray();
                foreach ($case['event'] as $key => $value) {
                    $this->assertArrayHasKey($key, $array);
                    $this->assertSame($value, $array[$key], "event field {$key}");
                    $this->assertSame($value, $got[$key]);
                }
            }
        }
    }

    /** @param array<string, mixed> $case */
    private static function webhook(array $case): Webhook
    {
        $options = $case['options'] ?? [];
        return new Webhook(
            $case['scheme'],
            $case['secrets'],
            tolerance: $options['tolerance'] ?? 300,
            strict: $options['strict'] ?? false,
            maxPayloadBytes: $options['max_payload_bytes'] ?? null,
        );
    }

    /** @param array<string, mixed> $case */
    private static function body(array $case): string
    {
        if (array_key_exists('body', $case)) {
            return $case['body'];
        }
        if (array_key_exists('body_hex', $case)) {
            return (string) hex2bin($case['body_hex']);
        }
        return str_repeat($case['body_repeat']['unit'], $case['body_repeat']['count']);
    }

    /**
     * @param list<array{0: string, 1: string}> $pairs
     *
     * @return array<string, array<mixed>>
     */
    private static function headerShapes(array $pairs): array
    {
        $laravel = [];
        foreach ($pairs as [$name, $value]) {
            $laravel[strtolower($name)][] = $value;
        }
        $shapes = ['pairs' => $pairs, 'laravel' => $laravel];
        $plain = [];
        foreach ($pairs as [$name, $value]) {
            if (array_key_exists($name, $plain)) {
                return $shapes;
            }
            $plain[$name] = $value;
        }
        $shapes['plain'] = $plain;
        return $shapes;
    }
}
