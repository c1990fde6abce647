<?php

use App\Http\Controllers\WebhookController;
use Illuminate\Support\Facades\Route;

Route::post('/webhooks/stripe', [WebhookController::class, 'handle'])->middleware('hookseal:stripe');
Route::post('/webhooks/smartaihub', [WebhookController::class, 'handle'])->middleware('hookseal:smartaihub');
Route::post('/webhooks/standard', [WebhookController::class, 'handle'])->middleware('hookseal:standard');
Route::post('/webhooks/github-raw', [WebhookController::class, 'raw'])->middleware('hookseal:github,signature');
Route::get('/up', fn () => ['up' => true]);
