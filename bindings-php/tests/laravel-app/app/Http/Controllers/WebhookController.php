<?php

namespace App\Http\Controllers;

use Hookseal\WebhookEvent;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

class WebhookController
{
    // Reached only through the hookseal middleware: the event is verified.
    public function handle(Request $request): JsonResponse
    {
        $event = $request->webhookEvent();
        if (!$event instanceof WebhookEvent) {
            return new JsonResponse(['error' => 'no verified event on the request'], 500);
        }
        return new JsonResponse([
            'received' => true,
            'provider' => $event->provider,
            'id' => $event->id,
            'type' => $event->type,
            'data' => $event->data,
        ]);
    }

    // hookseal:…,signature routes: the signature was checked, the body is anything.
    public function raw(Request $request): JsonResponse
    {
        return new JsonResponse(['received' => true, 'bytes' => strlen($request->getContent())]);
    }
}
