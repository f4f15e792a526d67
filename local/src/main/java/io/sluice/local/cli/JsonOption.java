package io.sluice.local.cli;

import picocli.CommandLine.Option;

/**
 * {@code --json}, shared by every command that can print for scripts: the operations library's records as
 * {@link Output#json} writes them, the same shapes as the HTTP API.
 */
public final class JsonOption {
    @Option(names = "--json", description = "Print JSON (the HTTP API's shape) instead of text.")
    boolean json;

    /** Whether the user asked for JSON. */
    boolean asked() {
        return json;
    }
}
