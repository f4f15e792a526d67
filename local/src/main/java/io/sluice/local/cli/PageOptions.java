package io.sluice.local.cli;

import io.sluice.store.JobRecord;
import io.sluice.store.Page;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --limit} and {@code --page} of every paged {@code jobs} listing, with the one rule for the limit and the one
 * way of telling how to get the next page.
 */
public final class PageOptions {
    /** The most a page may hold; DynamoDB returns at most 1 MB per query anyway. */
    static final int MAX_LIMIT = 1000;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Jobs per page, 1 to " + MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
    int limit = 20;

    @Option(
            names = "--page",
            paramLabel = "TOKEN",
            description = "Continue from the token a previous page printed, with the same filters (a --since window"
                    + " moves with now: page through one with --from/--to).")
    String page;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** {@code --limit}, refused with a usage error when out of range. */
    int limit() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ParameterException(spec.commandLine(), "--limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }

    /** The token of the page asked for; {@code null} for the first. */
    String token() {
        return page;
    }

    /** One page of jobs as rows (or {@code none} when it is empty), then how to get the next page, if there is one. */
    static void printPage(PrintWriter out, Page<JobRecord> page, JobTable.View view, String none) {
        if (page.items().isEmpty()) {
            out.println(none);
        } else {
            out.print(JobTable.rows(page.items(), view));
        }
        if (page.nextPageToken() != null) {
            out.println();
            out.println("next page: --page " + page.nextPageToken());
        }
        out.flush();
    }
}
