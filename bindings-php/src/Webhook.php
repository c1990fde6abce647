<?php

declare(strict_types=1);

namespace Hookseal;

use FFI;
use FFI\CData;

/**
 * Verifies and signs webhooks for one scheme and one or more secrets.
 *
 * Build it once and reuse it: each secret's HMAC state is prepared when it is
 * built, so a verification hashes only the message.
 *
 *     $webhook = new Webhook('stripe', getenv('STRIPE_WEBHOOK_SECRET'), tolerance: 300);
 *     $event = $webhook->verify($request->getContent(), $request->headers->all());
 *
 * $scheme is a scheme id ("stripe", "github", "standard", "slack", "shopify",
 * "costkatana", "unicraft", "dash", "smartaihub") or an array describing a
 * custom HMAC-SHA256 scheme with the keys of docs/SEMANTICS.md:
 * signature_header (required), prefix, encoding ("hex" or "base64"),
 * id_header, timestamp_header, template.
 *
 * Headers may be given as Laravel/Symfony give them ($request->headers->all():
 * lower-case names, array values), as a plain ['Name' => 'value'] array, as a
 * list of [name, value] pairs, or as a Symfony HeaderBag or PSR-7 message.
 * Names match case-insensitively; when a name occurs more than once the first
 * value counts.
 */
final class Webhook
{
    private const MESSAGE_CAP = 512;
    /**
     * HOOKSEAL_EVENT_FORMAT_DATA_PATH: the event JSON names where data sits in
     * the payload instead of repeating it, so PHP decodes half as much.
     */
    private const EVENT_FORMAT_DATA_PATH = 1;

    private FFI $ffi;
    /** Frees the native verifier when the last Webhook sharing it goes (clones share it). */
    private WebhookHandle $handle;
    /** The handle's pointer, read on every call. */
    private CData $ptr;
    /** @var list<string> every header (lower case) the verifier may read */
    private array $headerNames;
    private CData $message;
    private CData $messageLen;
    private CData $messageLenPtr;
    private CData $eventJson;
    private CData $eventJsonPtr;
    private CData $eventJsonLen;
    private CData $eventJsonLenPtr;

    /**
     * @param string|array<string, string>          $scheme          a scheme id, or a custom-scheme description
     * @param string|list<string>                   $secret          the signing secret, or several (rotation: any may match; the first signs)
     * @param int                                   $tolerance       allowed clock difference in seconds; 0 switches the timestamp check off
     * @param bool                                  $strict          refuse event types that are not in the provider's catalog
     * @param int|null                              $maxPayloadBytes largest body accepted (default 10 MiB); 0 means no limit
     * @param bool|array{capacity?: int, ttl?: int} $replayGuard     refuse a second delivery of an event (duplicate_event):
     *                                                               true, or ['capacity' => 10000, 'ttl' => 600 (seconds)].
     *                                                               The memory is this object's: it works where the
     *                                                               Webhook outlives a request (Octane, workers, queues)
     *
     * @throws WebhookVerificationException invalid_secret, invalid_argument (unknown scheme, bad description)
     * @throws WebhookTypeError             an argument of the wrong type
     */
    public function __construct(
        string|array $scheme,
        string|array $secret,
        int $tolerance = 300,
        bool $strict = false,
        ?int $maxPayloadBytes = null,
        bool|array $replayGuard = false,
    ) {
        $this->ffi = $ffi = Native::ffi();
        $this->message = $ffi->new('char[' . self::MESSAGE_CAP . ']');
        $this->messageLen = $ffi->new('size_t');
        $this->messageLenPtr = FFI::addr($this->messageLen);
        $this->eventJson = $ffi->new('char*');
        $this->eventJsonPtr = FFI::addr($this->eventJson);
        $this->eventJsonLen = $ffi->new('size_t');
        $this->eventJsonLenPtr = FFI::addr($this->eventJsonLen);

        if ($tolerance < 0) {
            throw new WebhookVerificationException('invalid_argument', 'invalid argument: tolerance must be 0 (off) or a positive number of seconds');
        }
        if ($maxPayloadBytes !== null && $maxPayloadBytes < 0) {
            throw new WebhookVerificationException('invalid_argument', 'invalid argument: maxPayloadBytes must be 0 (no limit) or a positive number of bytes');
        }
        $options = $ffi->hookseal_options_default();
        $options->tolerance = $tolerance;
        $options->strict = $strict;
        if ($maxPayloadBytes !== null) {
            $options->max_payload_bytes = $maxPayloadBytes;
        }
        if ($replayGuard !== false) {
            $guard = $replayGuard === true ? [] : $replayGuard;
            $unknown = array_diff(array_keys($guard), ['capacity', 'ttl']);
            $capacity = $guard['capacity'] ?? 10000;
            $ttl = $guard['ttl'] ?? $options->replay_ttl;
            if ($unknown !== [] || !is_int($capacity) || $capacity < 1 || !is_int($ttl) || $ttl < 1) {
                throw new WebhookVerificationException('invalid_argument', "invalid argument: replayGuard must be true or ['capacity' => positive int, 'ttl' => seconds]");
            }
            $options->replay_capacity = $capacity;
            $options->replay_ttl = $ttl;
        }

        $secrets = is_string($secret) ? [$secret] : $secret;
        if (!array_is_list($secrets)) {
            throw new WebhookTypeError('secret must be a string or a list of strings');
        }
        $keep = [];
        $secretArray = $ffi->new('hookseal_str[' . max(1, count($secrets)) . ']');
        foreach ($secrets as $i => $s) {
            if (!is_string($s)) {
                throw new WebhookTypeError('secret must be a string or a list of strings, not ' . get_debug_type($s));
            }
            $secretArray[$i] = $this->str($s, $keep);
        }

        $out = $ffi->new('hookseal_webhook*');
        if (is_string($scheme)) {
            $rc = $ffi->hookseal_webhook_new(
                $scheme, strlen($scheme), $secretArray, count($secrets), FFI::addr($options),
                FFI::addr($out), $this->message, self::MESSAGE_CAP, $this->messageLenPtr,
            );
        } else {
            // A custom scheme goes to the core as its portable description
            // (JSON): the core alone knows the keys and checks them.
            try {
                $description = json_encode($scheme, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
            } catch (\JsonException $e) {
                throw new WebhookVerificationException('invalid_argument', 'invalid argument: the custom scheme cannot be encoded as JSON: ' . $e->getMessage(), 500, $e);
            }
            $rc = $ffi->hookseal_webhook_new_from_description(
                $description, strlen($description), $secretArray, count($secrets), FFI::addr($options),
                FFI::addr($out), $this->message, self::MESSAGE_CAP, $this->messageLenPtr,
            );
        }
        if ($rc !== 0) {
            throw $this->failure($rc);
        }
        $this->handle = new WebhookHandle($ffi, $out);
        $this->ptr = $out;
        $names = $ffi->new('hookseal_str');
        $ffi->hookseal_webhook_header_names($out, FFI::addr($names));
        $this->headerNames = explode(' ', FFI::string($names->ptr, $names->len));
    }

    /**
     * Verifies a delivery and returns its parsed, validated event.
     *
     * @param string   $payload the raw body, exactly as received ($request->getContent())
     * @param mixed    $headers the request's headers (see the class comment)
     * @param int|null $now     the clock in Unix seconds; null reads the system clock
     *
     * @throws WebhookVerificationException with the code of PRODUCT.md
     * @throws WebhookTypeError             a parsed payload or headers of the wrong type
     */
    public function verify(mixed $payload, mixed $headers, ?int $now = null): WebhookEvent
    {
        if (!is_string($payload)) {
            self::payload($payload);
        }
        $block = $this->headerBlock($headers);
        $rc = $this->ffi->hookseal_verify_packed(
            $this->ptr, $payload, strlen($payload), $block, strlen($block), $now === null ? -1 : self::now($now),
            self::EVENT_FORMAT_DATA_PATH, $this->eventJsonPtr, $this->eventJsonLenPtr, $this->message, self::MESSAGE_CAP, $this->messageLenPtr,
        );
        if ($rc !== 0) {
            throw $this->failure($rc);
        }
        try {
            $json = FFI::string($this->eventJson, $this->eventJsonLen->cdata);
        } finally {
            $this->ffi->hookseal_string_free($this->eventJson);
        }
        return WebhookEvent::fromArray(json_decode($json, true, 1024, JSON_THROW_ON_ERROR));
    }

    /**
     * Checks a delivery's signature (and timestamp) and returns nothing: for
     * non-JSON bodies, or when the event is parsed elsewhere.
     *
     * @throws WebhookVerificationException with the code of PRODUCT.md
     * @throws WebhookTypeError             a parsed payload or headers of the wrong type
     */
    public function verifySignature(mixed $payload, mixed $headers, ?int $now = null): void
    {
        // The hot path: checks inline, one FFI call.
        if (!is_string($payload)) {
            self::payload($payload);
        }
        $block = $this->headerBlock($headers);
        $rc = $this->ffi->hookseal_verify_signature_packed(
            $this->ptr, $payload, strlen($payload), $block, strlen($block), $now === null ? -1 : self::now($now),
            $this->message, self::MESSAGE_CAP, $this->messageLenPtr,
        );
        if ($rc !== 0) {
            throw $this->failure($rc);
        }
    }

    /**
     * The headers the provider would send with $payload, signed with the first
     * secret: ['Name' => 'value', …] in the provider's spelling and order.
     *
     * @param int|null    $timestamp Unix seconds; null for the current time
     * @param string|null $id        the message id (standard, custom schemes with an id header); null for a random msg_… id
     *
     * @return array<string, string>
     *
     * @throws WebhookVerificationException invalid_argument (e.g. the first key is a whpk_ public key)
     */
    public function sign(mixed $payload, ?int $timestamp = null, ?string $id = null): array
    {
        self::payload($payload);
        if ($timestamp !== null && $timestamp < 0) {
            throw new WebhookVerificationException('invalid_argument', 'invalid argument: timestamp must be Unix seconds (0 or more)');
        }
        $id ??= 'msg_' . bin2hex(random_bytes(12));
        $out = $this->ffi->new('hookseal_signed_headers*');
        $rc = $this->ffi->hookseal_sign(
            $this->ptr, $payload, strlen($payload), $timestamp ?? time(), $id, strlen($id),
            FFI::addr($out), $this->message, self::MESSAGE_CAP, $this->messageLenPtr,
        );
        if ($rc !== 0) {
            throw $this->failure($rc);
        }
        try {
            $headers = [];
            $name = $this->ffi->new('hookseal_str');
            $value = $this->ffi->new('hookseal_str');
            $count = $this->ffi->hookseal_signed_headers_len($out);
            for ($i = 0; $i < $count; $i++) {
                $this->ffi->hookseal_signed_headers_get($out, $i, FFI::addr($name), FFI::addr($value));
                $headers[FFI::string($name->ptr, $name->len)] = FFI::string($value->ptr, $value->len);
            }
            return $headers;
        } finally {
            $this->ffi->hookseal_signed_headers_free($out);
        }
    }

    public function __serialize(): array
    {
        throw new \LogicException('a Webhook holds native state and cannot be serialized; build it from its configuration instead');
    }

    /**
     * The headers as the C ABI's packed block: for each header, the name's and
     * the value's lengths (uint32, little-endian), then the name, then the
     * value. One string costs PHP far less than an array of C structs, and
     * only the headers the verifier reads are packed: a request carries a
     * dozen, the verifier reads one to three.
     */
    private function headerBlock(mixed $headers): string
    {
        if (!is_array($headers)) {
            $headers = self::headerArray($headers);
        }
        if ($headers === [] || array_is_list($headers)) {
            return self::packAll($headers);
        }
        $lower = array_change_key_case($headers, CASE_LOWER);
        if (count($lower) !== count($headers)) {
            // Two keys differ only in case ('X-Sig' and 'x-sig'): keep the
            // exact rule (the first one counts) by handing over every header.
            return self::packAll($headers);
        }
        $block = '';
        foreach ($this->headerNames as $name) {
            if (!isset($lower[$name])) {
                continue;
            }
            $value = $lower[$name];
            if (!is_string($value) && ($value = self::headerValue($name, $value)) === null) {
                continue;
            }
            $block .= pack('VV', strlen($name), strlen($value)) . $name . $value;
        }
        return $block;
    }

    /**
     * Every header, in order: for a list of [name, value] pairs, and for maps
     * whose keys collide when lower-cased.
     *
     * @param array<mixed> $headers
     */
    private static function packAll(array $headers): string
    {
        $block = '';
        foreach ($headers as $name => $value) {
            if (is_int($name)) {
                if (!is_array($value) || !array_key_exists(0, $value) || !array_key_exists(1, $value) || !is_string($value[0])) {
                    throw new WebhookTypeError('headers must be an array of name => value(s), or a list of [name, value] pairs');
                }
                [$name, $value] = $value;
            }
            if (!is_string($value) && ($value = self::headerValue($name, $value)) === null) {
                continue;
            }
            $block .= pack('VV', strlen($name), strlen($value)) . $name . $value;
        }
        return $block;
    }

    /** A header's value as text: the first of several (Laravel/Symfony), or null when there is none. */
    private static function headerValue(string $name, mixed $value): ?string
    {
        if (is_array($value)) {
            if ($value === []) {
                return null;
            }
            $value = $value[array_key_first($value)];
        }
        if (is_string($value)) {
            return $value;
        }
        if (is_int($value)) {
            return (string) $value;
        }
        if ($value === null) {
            return null;
        }
        throw new WebhookTypeError("the value of header {$name} must be a string or a list of strings, not " . get_debug_type($value));
    }

    /** @return array<mixed> */
    private static function headerArray(mixed $headers): array
    {
        if ($headers instanceof \Symfony\Component\HttpFoundation\HeaderBag) {
            return $headers->all();
        }
        if ($headers instanceof \Psr\Http\Message\MessageInterface) {
            return $headers->getHeaders();
        }
        if ($headers instanceof \Traversable) {
            return iterator_to_array($headers, true);
        }
        throw new WebhookTypeError(
            'headers must be an array ($request->headers->all() in Laravel/Symfony, getallheaders() in plain PHP), not ' . get_debug_type($headers)
        );
    }

    private static function payload(mixed $payload): string
    {
        if (is_string($payload)) {
            return $payload;
        }
        throw new WebhookTypeError(
            'the payload must be the raw request body as a string, not ' . get_debug_type($payload)
            . ': a body re-encoded from parsed JSON never matches its signature. In Laravel and Symfony pass $request->getContent(), in plain PHP file_get_contents(\'php://input\')'
        );
    }

    private static function now(?int $now): int
    {
        if ($now === null) {
            return -1;
        }
        if ($now < 0) {
            throw new WebhookVerificationException('invalid_argument', 'invalid argument: now must be Unix seconds (0 or more), or null for the system clock');
        }
        return $now;
    }

    /**
     * A hookseal_str over a copy of $s that lives as long as $keep.
     *
     * @param list<CData> $keep
     */
    private function str(string $s, array &$keep): CData
    {
        $len = strlen($s);
        $buf = $this->ffi->new('char[' . max(1, $len) . ']');
        FFI::memcpy($buf, $s, $len);
        $keep[] = $buf;
        $str = $this->ffi->new('hookseal_str');
        $str->ptr = $this->ffi->cast('char *', $buf);
        $str->len = $len;
        return $str;
    }

    private function failure(int $rc): \Throwable
    {
        $code = $this->ffi->hookseal_result_code($rc);
        $message = FFI::string($this->message);
        if ($this->messageLen->cdata >= self::MESSAGE_CAP) {
            $message .= '…';
        }
        if ($code === 'panic') {
            return new \RuntimeException('hookseal: ' . $message);
        }
        return new WebhookVerificationException($code, $message, $this->ffi->hookseal_result_http_status($rc));
    }
}
