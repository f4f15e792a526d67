package io.sluice.client;

import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.job.PayloadValidator;
import java.util.List;

/** A job type for the client's tests: its validation refuses a copy count outside 1..10. */
public final class ReportJob implements JobHandler<ReportJob.Payload> {

    /** The payload; {@code layout} is optional. */
    public record Payload(String report, int copies, Layout layout) {
        public Payload(String report, int copies) {
            this(report, copies, null);
        }
    }

    /** A nested part of the payload. */
    public record Layout(String paper) {}

    /** The payload's checks: a copy count outside 1..10 is refused. */
    public static final class Validator implements PayloadValidator<Payload> {
        @Override
        public List<String> problems(Payload payload) {
            return payload.copies() < 1 || payload.copies() > 10
                    ? List.of("copies: must be between 1 and 10")
                    : List.of();
        }
    }

    @Override
    public JobResult handle(Payload payload, JobContext context) {
        return JobResult.of("printed");
    }
}
