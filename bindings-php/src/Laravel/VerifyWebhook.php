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
 * A refused delivery gets a JSON error naming the code,
 * {"error": "signature_mismatch", "message": "…"}, with the status the core
 * assigns to the code (the same in every binding): 401 when the delivery
 * cannot be trusted (signature, timestamp), 400 when it is malformed (missing
 * or malformed headers, invalid payload), 409 for a replay, 413 when too large.
 */
final class VerifyWebhook
{
    public const ATTRIBUTE = 'hookseal.event';

    public function __construct(private WebhookRegistry $webhooks)
    {
    }

    public function handle(Request $request, Closure $next, string $name, string $mode = 'event'): mixed
    {
        $webhook = $this->webhooks->get($name);
        try {
            $event = null;
            if ($mode === 'signature') {
                $webhook->verifySignature($request->getContent(), $request->headers->all());
            } else {
                $event = $webhook->verify($request->getContent(), $request->headers->all());
                $request->attributes->set(self::ATTRIBUTE, $event);
            }
            $this->refuseReplays($name, $event?->id, $request->getContent());
        } catch (WebhookVerificationException $e) {
            return new JsonResponse(
                ['error' => $e->getErrorCode(), 'message' => $e->getMessage()],
                $e->getHttpStatus(),
            );
        }
        return $next($request);
    }

    /**
     * `'replay_guard' => 'cache'`: PHP forgets everything between requests
     * (PHP-FPM, `php artisan serve`), so the in-process guard of the core
     * cannot see a replay; Laravel's cache, shared by every worker, can. The
     * key is the delivery id, or the body's hash for providers without ids
     * (their signature covers exactly the body); it is kept for twice the
     * tolerance, at least 10 minutes, past which the timestamp check refuses
     * the replay anyway.
     */
    private function refuseReplays(string $name, ?string $id, string $body): void
    {
        if ($this->webhooks->replayGuard($name) !== 'cache') {
            return;
        }
        $key = 'hookseal:' . $name . ':' . ($id !== null ? 'id:' . $id : 'body:' . hash('sha256', $body));
        $tolerance = (int) (app('config')->get("hookseal.webhooks.{$name}.tolerance") ?? 300);
        if (!app('cache')->store()->add($key, 1, max(2 * $tolerance, 600))) {
            throw new WebhookVerificationException(
                'duplicate_event',
                'this delivery (' . ($id !== null ? "id {$id}" : 'same body') . ') was already accepted; it is a replay or a retry of a delivery already handled',
                409,
            );
        }
    }
}
