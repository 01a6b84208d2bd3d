package dev.localecs.plugins.credentials;

import java.util.function.Supplier;

/**
 * Runs AWS SDK code with the plugin's class loader as the thread's context loader. The SDK finds its HTTP
 * client and its optional modules (sso, sts) through the context loader; the runtime's threads carry the
 * application loader, whose copy of the SDK is not the one this plugin was built against.
 */
final class SdkCalls {
    private SdkCalls() {
    }

    static <T> T call(Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SdkCalls.class.getClassLoader());
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
