package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.local.cli.SluiceLocal;
import io.sluice.local.emulator.SchedulerEmulator;
import io.sluice.local.scheduler.CatalogueSchedules;
import io.sluice.local.scheduler.ScheduleStore;
import io.sluice.local.scheduler.SchedulerAccount;
import io.sluice.local.scheduler.SchedulerClients;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

/**
 * {@code sluice-local schedules list} as a user runs it against a running scheduler, output captured. The
 * schedules are placed in the future (a start date, an {@code at()} in 2030) so their next fire times do not
 * depend on when the test runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulesCommandTest {
    private SchedulerEmulator emulator;
    private String endpoint;

    @BeforeAll
    void createSchedules() {
        emulator = SchedulerEmulator.start(
                "127.0.0.1",
                0,
                new SchedulerAccount("us-east-1", "000000000000"),
                ScheduleStore.inMemory(),
                (queue, body, group, attributes) -> "unused",
                Clock.systemUTC());
        endpoint = emulator.endpoint().toString();
        try (SchedulerClient scheduler = SchedulerClients.at(emulator.endpoint())) {
            scheduler.createScheduleGroup(r -> r.name("sluice"));
            scheduler.createSchedule(r -> r.name("sluice-digest")
                    .groupName("sluice")
                    .scheduleExpression("rate(1 hour)")
                    .startDate(Instant.parse("2030-01-01T00:00:00Z"))
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .target(t -> t.arn("arn:aws:sqs:us-east-1:000000000000:sluice-digest-normal")
                            .roleArn(CatalogueSchedules.ROLE_ARN)));
            scheduler.createSchedule(r -> r.name("job-42")
                    .groupName("sluice")
                    .scheduleExpression("at(2030-06-01T12:00:00)")
                    .scheduleExpressionTimezone("Europe/Paris")
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .target(t -> t.arn("arn:aws:sqs:us-east-1:000000000000:sluice-report-high")
                            .roleArn(CatalogueSchedules.ROLE_ARN)));
            scheduler.createSchedule(r -> r.name("paused")
                    .scheduleExpression("cron(0 9 ? * MON-FRI *)")
                    .state(ScheduleState.DISABLED)
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .target(t ->
                            t.arn("arn:aws:sqs:us-east-1:000000000000:reports").roleArn(CatalogueSchedules.ROLE_ARN)));
        }
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    private record Run(int code, String out, String err) {}

    private Run schedules(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SluiceLocal.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "schedules";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listShowsEverySchedulesExpressionZoneNextFireStateAndQueue() {
        Run run = schedules("list", "--scheduler-endpoint", endpoint);

        assertEquals(0, run.code(), run.err());
        assertEquals("""
                NAME           GROUP    EXPRESSION               TIMEZONE      NEXT FIRE             STATE     TARGET
                paused         default  cron(0 9 ? * MON-FRI *)  UTC           -                     DISABLED  reports
                job-42         sluice   at(2030-06-01T12:00:00)  Europe/Paris  2030-06-01 10:00:00Z  ENABLED   sluice-report-high
                sluice-digest  sluice   rate(1 hour)             UTC           2030-01-01 00:00:00Z  ENABLED   sluice-digest-normal
                """, run.out());
    }

    @Test
    void listNarrowsToAGroupAndANamePrefix() {
        Run run = schedules("list", "--scheduler-endpoint", endpoint, "--group", "sluice", "--prefix", "job-");

        assertEquals(0, run.code(), run.err());
        assertEquals(2, run.out().lines().count(), run.out());
        assertTrue(run.out().lines().skip(1).findFirst().orElseThrow().startsWith("job-42 "), run.out());
        Run none = schedules("list", "--scheduler-endpoint", endpoint, "--prefix", "nothing-");
        assertEquals("no schedules named nothing-... at " + endpoint + "\n", none.out());
    }

    @Test
    void anUnknownGroupOrAnUnreachableSchedulerExitsOneWithTheReason() {
        Run group = schedules("list", "--scheduler-endpoint", endpoint, "--group", "nope");
        assertEquals(1, group.code());
        assertEquals("sluice-local: no schedule group 'nope' at " + endpoint + "\n", group.err());

        Run down = schedules("list", "--scheduler-endpoint", "http://127.0.0.1:" + LocalHarness.freePort());
        assertEquals(1, down.code());
        assertTrue(down.err().startsWith("sluice-local: cannot reach the scheduler at http://127.0.0.1:"), down.err());
        assertTrue(down.err().contains("start `sluice-local up` or pass --scheduler-endpoint"), down.err());
    }
}
