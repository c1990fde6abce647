<?php

use App\Http\Controllers\WebhookController;
use Illuminate\Support\Facades\Route;

// `hookseal:provider` verifies the delivery with the webhook named 'provider'
// in config/hookseal.php; the controller only ever sees verified events.
Route::post('/webhooks', [WebhookController::class, 'handle'])->middleware('hookseal:provider');
Route::get('/up', fn () => ['up' => true]);
