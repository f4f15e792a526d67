package io.sluice.local.cli;

import io.sluice.ops.DurationText;
import io.sluice.ops.OperationException;
import io.sluice.store.JobRecord;
import io.sluice.store.JobSearch;
import io.sluice.store.JobState;
import io.sluice.store.Page;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jobs search}: jobs of a type in every state (or one) over a time range, newest first, narrowed by source,
 * idempotency key or job-id prefix; served by index queries, never a scan.
 */
@Command(
        name = "search",
        description = "Find jobs: of a type (every state, or --state) over a time range, newest first, by source,"
                + " idempotency key or job-id prefix. A type or --key is required.")
public final class JobsSearchCommand implements Callable<Integer> {
    @Option(names = "--type", paramLabel = "TYPE", description = "Job type (required unless --key).")
    String type;

    @Option(
            names = "--state",
            paramLabel = "STATE",
            converter = JobsListCommand.StateConverter.class,
            description = "Only this state (default: every state).")
    JobState state;

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            description = "Last changed within this long: 30s, 5m, 1h, 2d or ISO-8601.")
    String since;

    @Option(
            names = "--from",
            paramLabel = "INSTANT",
            description = "Last changed at or after, e.g. 2026-12-01T08:00:00Z.")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Last changed before (default: now).")
    String to;

    @Option(names = "--source", paramLabel = "SOURCE", description = "The envelope's source (producer id), exact.")
    String source;

    @Option(names = "--key", paramLabel = "KEY", description = "Idempotency key, exact: the job(s) that used it.")
    String key;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Job ids starting with this.")
    String prefix;

    @Mixin
    PageOptions paging;

    @Mixin
    OperatorVerb verb;

    @Override
    public Integer call() {
        int limit = paging.limit();
        String page = paging.token();
        Page<JobRecord> jobs = verb.run(ops -> {
            Instant now = ops.clock().instant();
            Instant start = since != null
                    ? now.minus(DurationText.parse("--since", since))
                    : from == null ? null : instant("--from", from);
            Instant end = to == null ? null : instant("--to", to);
            JobSearch search;
            try {
                search = new JobSearch(type, state, start, end, source, key, prefix);
            } catch (IllegalArgumentException e) {
                throw new OperationException(
                        OperationException.Kind.INVALID, e.getMessage() + "; pass --type TYPE (or --key KEY)");
            }
            return ops.search(search, limit, page);
        });
        if (verb.printedJson(jobs)) {
            return 0;
        }
        PageOptions.printPage(verb.out(), jobs, JobTable.View.LIST, "no jobs match");
        return 0;
    }

    private static Instant instant(String option, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new OperationException(
                    OperationException.Kind.INVALID,
                    option + " '" + text + "' is not an instant; use ISO-8601 UTC, e.g. 2026-12-01T08:00:00Z");
        }
    }
}
