<?php

declare(strict_types=1);

require dirname(__DIR__) . '/autoload.php';

// Fail at once, with the loader's own message, when FFI or the library is missing.
Hookseal\Native::ffi();
