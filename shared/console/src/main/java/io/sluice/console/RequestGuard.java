package io.sluice.console;

import io.sluice.ops.http.LoopbackGuard;
import java.util.List;
import java.util.Optional;

/**
 * Keeps other web pages out of the console, which has no login because it listens on loopback only and acts with the
 * operator's own AWS credentials: the {@link LoopbackGuard} the local Jobs API uses too (DNS rebinding by the
 * {@code Host}, cross-site requests by the {@code Origin}, {@code null} included, forged actions by this process's
 * random token, which every action form the console renders carries). The console's own pages send their real
 * {@code Origin} on a form post because it serves {@code Referrer-Policy: same-origin} (with {@code no-referrer}
 * browsers send {@code Origin: null}, which must be refused: sandboxed frames and {@code data:} pages send it too).
 */
final class RequestGuard {
    private final LoopbackGuard guard;

    RequestGuard(int port) {
        this.guard = new LoopbackGuard(port, LoopbackGuard.newToken(), List.of(port));
    }

    /** The token every action form carries. */
    String token() {
        return guard.token();
    }

    /** Why a request is refused, or empty when it may be served. */
    Optional<String> refusal(String method, String host, String origin, String formToken) {
        return guard.refusal(method, host, origin, null, formToken, false).map(r -> switch (r.check()) {
            case "host" -> "the console answers only to a loopback address and its port; " + r.message();
            case "origin" -> "an action must come from the console's own pages; " + r.message();
            default ->
                "this action's form is missing the console's token or has a stale one (the console"
                        + " restarted?); reload the page and try again";
        });
    }
}
