package io.sluice.local.cli;

import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import io.sluice.store.Page;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code sluice-local jobs list --type T --state S}: jobs of a type in a state, most recently changed first, a page at a time. */
@Command(
        name = "list",
        description = "List jobs of one type in one state, most recently changed first, a page at a time.")
public final class JobsListCommand implements Callable<Integer> {
    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "Job type, as in @Job(type = ...).")
    String type;

    @Option(
            names = "--state",
            required = true,
            paramLabel = "STATE",
            converter = StateConverter.class,
            description = "One of: received, running, retrying, deferred, succeeded, dead-lettered, duplicate-skipped.")
    JobState state;

    @Mixin
    PageOptions paging;

    @Mixin
    JobsCommand.TableOptions table;

    @Override
    public Integer call() {
        int limit = paging.limit();
        String page = paging.token();
        Page<JobRecord> jobs = table.readPage(page, store -> store.list(type, state, limit, page));
        PageOptions.printPage(
                table.out(),
                jobs,
                JobTable.View.LIST,
                "no " + type + " jobs in state " + state.wireName() + (page == null ? "" : " after this token") + " in "
                        + table.where());
        return 0;
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
