package io.sluice.local.cli;

import io.sluice.store.JobRecord;
import io.sluice.store.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code sluice-local jobs failures}: dead-lettered jobs of every type that finished in a time window,
 * newest first. The window is either the last {@code --since} (default 24 hours) or
 * {@code [--from, --to)}, {@code --to} defaulting to now.
 */
@Command(
        name = "failures",
        description = "List dead-lettered jobs of every type in a time window, newest first, a page at a time.")
public final class JobsFailuresCommand implements Callable<Integer> {
    static final Duration DEFAULT_SINCE = Duration.ofHours(24);

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Window ending now, ISO-8601, e.g. PT1H or P7D (default: PT24H). Not with --from/--to.")
    Duration since;

    @Option(
            names = "--from",
            paramLabel = "INSTANT",
            converter = InstantConverter.class,
            description = "Window start, inclusive, ISO-8601 UTC, e.g. 2024-05-01T09:00:00Z.")
    Instant from;

    @Option(
            names = "--to",
            paramLabel = "INSTANT",
            converter = InstantConverter.class,
            description = "Window end, exclusive, ISO-8601 UTC (default: now). Needs --from.")
    Instant to;

    @Mixin
    PageOptions paging;

    @Mixin
    JobsCommand.TableOptions table;

    @Override
    public Integer call() {
        int limit = paging.limit();
        String page = paging.token();
        if (since != null && (from != null || to != null)) {
            throw new ParameterException(
                    table.commandLine(), "--since cannot be combined with --from or --to; pass one window");
        }
        if (to != null && from == null) {
            throw new ParameterException(table.commandLine(), "--to needs --from");
        }
        if (since != null && (since.isNegative() || since.isZero())) {
            throw new ParameterException(table.commandLine(), "--since must be positive, was " + since);
        }
        Instant end = to != null ? to : Instant.now();
        Instant start = from != null ? from : end.minus(since != null ? since : DEFAULT_SINCE);
        if (!start.isBefore(end)) {
            throw new ParameterException(
                    table.commandLine(), "--from must be before --to, was from " + start + " to " + end);
        }
        Page<JobRecord> jobs = table.readPage(page, store -> store.failures(start, end, limit, page));
        PageOptions.printPage(
                table.out(),
                jobs,
                JobTable.View.FAILURES,
                "no dead-lettered jobs from " + start + " to " + end + (page == null ? "" : " after this token")
                        + " in " + table.where());
        return 0;
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601, as every operator command reads durations. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return io.sluice.ops.DurationText.parse("'" + value + "'", value);
            } catch (io.sluice.ops.OperationException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not a duration; use 30s, 5m, 1h, 2d or ISO-8601 such as PT30M or P7D");
            }
        }
    }

    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not an ISO-8601 UTC instant such as 2024-05-01T09:00:00Z");
            }
        }
    }
}
