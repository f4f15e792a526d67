package io.sluice.local.cli;

/**
 * The innermost cause's message of an SDK failure ("Connection refused"), which is what a user of the command
 * line can act on; the SDK's own message wraps it in attempt counts.
 */
final class RootCause {
    private RootCause() {}

    static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
