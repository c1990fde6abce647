<?php

declare(strict_types=1);

namespace Hookseal\Laravel;

use Closure;
use Hookseal\WebhookVerificationException;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

/**
 * Route middleware: `->middleware('hookseal:stripe')` verifies the delivery
 * with the webhook configured as 'stripe' in config/hookseal.php and puts the
 * verified event on the request ($request->webhookEvent(), or the request
 * attribute 'hookseal.event'). `hookseal:github,signature` checks only the
 * signature, for bodies that are not JSON events.
 *
 * A refused delivery gets a JSON error naming the code:
 * {"error": "signature_mismatch", "message": "…"}, with status 401 when the
 * sender could not be authenticated, 400 when a signed payload is invalid,
 * 409 for a replay the guard caught, 413 when the body is too large.
 */
final class VerifyWebhook
{
    public const ATTRIBUTE = 'hookseal.event';

    private const STATUS = [
        'invalid_payload' => 400,
        'unknown_event_type' => 400,
        'duplicate_event' => 409,
        'payload_too_large' => 413,
    ];

    public function __construct(private WebhookRegistry $webhooks)
    {
    }

    public function handle(Request $request, Closure $next, string $name, string $mode = 'event'): mixed
    {
        $webhook = $this->webhooks->get($name);
        try {
            if ($mode === 'signature') {
                $webhook->verifySignature($request->getContent(), $request->headers->all());
            } else {
                $request->attributes->set(self::ATTRIBUTE, $webhook->verify($request->getContent(), $request->headers->all()));
            }
        } catch (WebhookVerificationException $e) {
            return new JsonResponse(
                ['error' => $e->getErrorCode(), 'message' => $e->getMessage()],
                self::STATUS[$e->getErrorCode()] ?? 401,
            );
        }
        return $next($request);
    }
}
