<?php

namespace App\Http\Controllers;

use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;

class WebhookController
{
    // Reached only through the hookseal middleware: the event is verified and validated.
    public function handle(Request $request): JsonResponse
    {
        $event = $request->webhookEvent();
        // Log the typed event and answer quickly; real work belongs on a queue.
        file_put_contents('php://stderr', 'HOOKSEAL_EVENT ' . json_encode([
            'provider' => $event->provider,
            'type' => $event->type,
            'id' => $event->id,
        ]) . "\n");
        if ($event->type === 'credit.low') {
            file_put_contents('php://stderr', "credit low: {$event->data['balance']} < {$event->data['threshold']}\n");
        }
        return new JsonResponse(['received' => true]);
    }
}
