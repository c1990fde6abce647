<?php

// The front controller of the test application, served by `php -S … public/index.php`.
define('LARAVEL_START', microtime(true));

$app = require __DIR__ . '/../bootstrap/app.php';

$kernel = $app->make(Illuminate\Contracts\Http\Kernel::class);
$response = $kernel->handle($request = Illuminate\Http\Request::capture());
$response->send();
$kernel->terminate($request, $response);
