<?php

declare(strict_types=1);

require dirname(__DIR__) . '/autoload.php';
// Symfony's HeaderBag (one of the header shapes tested) from Debian's php-symfony-http-foundation.
require_once '/usr/share/php/Symfony/Component/HttpFoundation/autoload.php';

// Fail at once, with the loader's own message, when FFI or the library is missing.
Hookseal\Native::ffi();
