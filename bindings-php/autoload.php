<?php

// Loads the Hookseal\ classes without Composer (Composer users get the same
// mapping from composer.json's "autoload").
spl_autoload_register(static function (string $class): void {
    if (strncmp($class, 'Hookseal\\', 9) !== 0) {
        return;
    }
    $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, 9)) . '.php';
    if (is_file($file)) {
        require $file;
    }
});
