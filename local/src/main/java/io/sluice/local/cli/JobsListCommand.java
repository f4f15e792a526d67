package io.sluice.local.cli;

import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import io.sluice.store.Page;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code sluice-local jobs list --type T --state S}: jobs of a type in a state, most recently changed first, a page at a time. */
@Command(
        name = "list",
        description = "List jobs of one type in one state, most recently changed first, a page at a time.")
public final class JobsListCommand implements Callable<Integer> {
    /** The most a page may hold; DynamoDB returns at most 1 MB per query anyway. */
    static final int MAX_LIMIT = 1000;

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "Job type, as in @Job(type = ...).")
    String type;

    @Option(
            names = "--state",
            required = true,
            paramLabel = "STATE",
            converter = StateConverter.class,
            description = "One of: received, running, retrying, deferred, succeeded, dead-lettered, duplicate-skipped.")
    JobState state;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Jobs per page, 1 to " + MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
    int limit = 20;

    @Option(names = "--page", paramLabel = "TOKEN", description = "Continue from the token a previous page printed.")
    String page;

    @Mixin
    JobsCommand.TableOptions table;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        checkLimit(spec, limit);
        Page<JobRecord> jobs = table.readPage(spec.commandLine(), page, store -> store.list(type, state, limit, page));
        PrintWriter out = spec.commandLine().getOut();
        if (jobs.items().isEmpty()) {
            out.println("no " + type + " jobs in state " + state.wireName() + (page == null ? "" : " after this token")
                    + " in " + table.where());
        } else {
            out.print(JobTable.rows(jobs.items(), JobTable.View.LIST));
        }
        printNextPage(out, jobs);
        return 0;
    }

    /** The one rule every paged jobs command shares for {@code --limit}. */
    static void checkLimit(CommandSpec spec, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ParameterException(spec.commandLine(), "--limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Tells how to get the next page, when there is one. */
    static void printNextPage(PrintWriter out, Page<?> page) {
        if (page.nextPageToken() != null) {
            out.println();
            out.println("next page: --page " + page.nextPageToken());
        }
        out.flush();
    }

    /** Parses {@code --state} with {@link JobState#fromWire}, whose message names every allowed state. */
    static final class StateConverter implements ITypeConverter<JobState> {
        @Override
        public JobState convert(String value) {
            try {
                return JobState.fromWire(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
