package io.sluice.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.catalogue.RetryPolicy;
import io.sluice.catalogue.ScheduleSpec;
import io.sluice.job.Jitter;
import io.sluice.job.Job;
import io.sluice.job.Priority;
import io.sluice.schedule.CronExpression;
import io.sluice.schedule.RateExpression;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles small {@code @Job} classes with the real compiler and the real processor, the way Maven
 * compiles {@code functions/}, and checks the catalogue it writes or the compile errors it reports.
 */
class CatalogueProcessorTest {
    private static final String IMPORTS =
            "package jobs;\n" + "import io.sluice.job.*;\n" + "import static io.sluice.job.Priority.*;\n";
    private static final String PAYLOAD = "record Payload(String message) {}\n";

    @TempDir
    Path output;

    /** The result of one compilation. */
    record Compilation(boolean success, List<String> errors, Path output) {
        Path catalogue() {
            return output.resolve(Catalogue.RESOURCE);
        }

        List<JobDefinition> definitions() throws IOException {
            return Files.readAllLines(catalogue(), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank())
                    .map(Catalogue::fromLine)
                    .collect(Collectors.toList());
        }

        void assertFailsWith(String expected) {
            assertFalse(success, "compilation should fail");
            assertTrue(
                    errors.stream().anyMatch(e -> e.contains(expected)),
                    "expected an error containing <" + expected + "> in " + errors);
            assertFalse(Files.exists(catalogue()), "no catalogue may be written when a job type is refused");
        }
    }

    /** Compiles {@code jobs.<ClassName>} sources, each given as (class name, source) pairs. */
    private Compilation compile(String... namesAndSources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> sources = new ArrayList<>();
        for (int i = 0; i < namesAndSources.length; i += 2) {
            sources.add(new Source("jobs/" + namesAndSources[i] + ".java", namesAndSources[i + 1]));
        }
        try (StandardJavaFileManager files =
                compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            // The sources see the Sluice classes (Job, JobHandler, ...) from where this test loaded them; the
            // processor instance is handed over directly, which is what -processor with the test classpath
            // as processor path amounts to, without depending on how Surefire builds its classpath.
            List<String> options =
                    List.of("-classpath", classesOf(Job.class), "-d", output.toString(), "--release", "17");
            JavaCompiler.CompilationTask task = compiler.getTask(null, files, diagnostics, options, null, sources);
            task.setProcessors(List.of(new CatalogueProcessor()));
            boolean success = task.call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getMessage(Locale.ROOT))
                    .collect(Collectors.toList());
            return new Compilation(success, errors, output);
        }
    }

    private static String classesOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .getPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String job(String annotation, String className, String body) {
        return IMPORTS + annotation + "\npublic final class " + className + " implements JobHandler<" + className
                + ".Payload> {\n"
                + "    public " + PAYLOAD
                + "    public JobResult handle(Payload payload, JobContext context) { return JobResult.ok(); }\n"
                + body + "}\n";
    }

    private static String job(String annotation, String className) {
        return job(annotation, className, "");
    }

    @Test
    void writesOneCatalogueLinePerJobType() throws IOException {
        Compilation c = compile(
                "TweetJob",
                        job(
                                "@Job(type = \"tweet\", priorities = {HIGH, NORMAL}, maxAttempts = 7,\n"
                                        + "     backoff = @Backoff(initial = \"PT1M\", multiplier = 3.0, max = \"PT1H\", jitter = Jitter.NONE),\n"
                                        + "     timeout = \"PT45S\", memoryMb = 1024, concurrency = 8, batchSize = 5, description = \"Posts a tweet\")",
                                "TweetJob"),
                "MailJob", job("@Job(type = \"mail\")", "MailJob", "    public MailJob(JobConfig config) {}\n"));

        assertTrue(c.success(), c.errors().toString());
        List<JobDefinition> definitions = c.definitions();
        assertEquals(2, definitions.size());
        JobDefinition tweet = definitions.stream()
                .filter(d -> d.type().equals("tweet"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                JobDefinition.builder()
                        .type("tweet")
                        .handlerClass("jobs.TweetJob")
                        .payloadClass("jobs.TweetJob$Payload")
                        .priorities(List.of(Priority.HIGH, Priority.NORMAL))
                        .maxAttempts(7)
                        .backoff(new RetryPolicy(Duration.ofMinutes(1), 3.0, Duration.ofHours(1), Jitter.NONE))
                        .timeout(Duration.ofSeconds(45))
                        .memoryMb(1024)
                        .concurrency(8)
                        .batchSize(5)
                        .maxBatchingWindow(Duration.ZERO)
                        .fifo(false)
                        .description("Posts a tweet")
                        .parallelism(5)
                        .rateLimit(RateLimitSpec.UNLIMITED)
                        .build(),
                tweet);
    }

    @Test
    void writesTheAnnotationDefaultsForABareJob() throws IOException {
        Compilation c = compile("MailJob", job("@Job(type = \"mail\")", "MailJob"));
        assertTrue(c.success(), c.errors().toString());
        assertEquals(
                List.of(JobDefinition.builder()
                        .type("mail")
                        .handlerClass("jobs.MailJob")
                        .payloadClass("jobs.MailJob$Payload")
                        .priorities(List.of(Priority.NORMAL))
                        .maxAttempts(5)
                        .backoff(new RetryPolicy(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(15), Jitter.FULL))
                        .timeout(Duration.ofSeconds(30))
                        .memoryMb(512)
                        .concurrency(10)
                        .batchSize(10)
                        .maxBatchingWindow(Duration.ZERO)
                        .fifo(false)
                        .description("")
                        .parallelism(10)
                        .rateLimit(RateLimitSpec.UNLIMITED)
                        .build()),
                c.definitions());
    }

    @Test
    void fillsUnsetBackoffSettingsWithTheirDefaults() throws IOException {
        Compilation c = compile(
                "MailJob", job("@Job(type = \"mail\", backoff = @Backoff(max = \"PT1H\", multiplier = 3))", "MailJob"));
        assertTrue(c.success(), c.errors().toString());
        assertEquals(
                new RetryPolicy(Duration.ofSeconds(10), 3.0, Duration.ofHours(1), Jitter.FULL),
                c.definitions().get(0).backoff());
    }

    @Test
    void writesTheRateLimitsOfAType() throws IOException {
        Compilation c = compile(
                "TweetJob",
                job(
                        "@Job(type = \"tweet\",\n"
                                + "     rateLimit = @RateLimit(perMinute = 1, perHour = 3, perDay = 20, minInterval = \"PT10M\", key = \"daoId\"))",
                        "TweetJob"));
        assertTrue(c.success(), c.errors().toString());
        assertEquals(
                new RateLimitSpec(1, 3, 20, Duration.ofMinutes(10), "daoId"),
                c.definitions().get(0).rateLimit());
        assertTrue(
                Files.readString(c.catalogue()).contains("\"minInterval\":\"PT10M\""),
                "durations are ISO-8601 strings in the catalogue");
    }

    @Test
    void fillsUnsetRateLimitsWithNoLimit() throws IOException {
        Compilation c = compile(
                "TweetJob",
                job("@Job(type = \"tweet\", rateLimit = @RateLimit(perHour = 3))", "TweetJob"),
                "MailJob",
                job("@Job(type = \"mail\", rateLimit = @RateLimit)", "MailJob"));
        assertTrue(c.success(), c.errors().toString());
        List<JobDefinition> definitions = c.definitions();
        assertEquals(
                new RateLimitSpec(0, 3, 0, Duration.ZERO, null),
                definitions.get(0).rateLimit());
        assertEquals(RateLimitSpec.UNLIMITED, definitions.get(1).rateLimit());
    }

    @Test
    void writesTheScheduleOfAType() throws IOException {
        Compilation c = compile(
                "DigestJob",
                job(
                        "@Job(type = \"digest\", priorities = {LOW, NORMAL}, schedule = \"rate(5 minutes)\",\n"
                                + "     timezone = \"Europe/Paris\", schedulePayload = \"{\\\"kind\\\": \\\"daily\\\"}\")",
                        "DigestJob"),
                "MailJob",
                job("@Job(type = \"mail\")", "MailJob"),
                "ReportJob",
                job(
                        "@Job(type = \"report\", schedule = \" cron(0/15 8-18 ? * MON-FRI *) \", timezone = \"America/New_York\")",
                        "ReportJob"));
        assertTrue(c.success(), c.errors().toString());
        JobDefinition digest = c.definitions().get(0);
        assertEquals(new ScheduleSpec("rate(5 minutes)", "Europe/Paris", "{\"kind\": \"daily\"}"), digest.schedule());
        assertEquals(
                new RateExpression(5, ChronoUnit.MINUTES), digest.schedule().parsedExpression());
        assertEquals(
                Priority.NORMAL, digest.defaultPriority(), "normal, as the envelope defaults, when the type takes it");
        assertEquals("daily", digest.schedule().payloadTree().get("kind").asText());
        assertEquals(ScheduleSpec.NONE, c.definitions().get(1).schedule());
        assertFalse(c.definitions().get(1).schedule().isScheduled());
        ScheduleSpec report = c.definitions().get(2).schedule();
        assertEquals("cron(0/15 8-18 ? * MON-FRI *)", report.expression());
        assertEquals(
                List.of(0, 15, 30, 45),
                ((CronExpression) report.parsedExpression()).minutes().values());
    }

    @Test
    void rejectsAScheduleThatCannotBeDeployed() throws IOException {
        Compilation c = compile(
                "DigestJob",
                job(
                        "@Job(type = \"digest\", schedule = \"every 5 minutes\", timezone = \"Mars/Olympus\",\n"
                                + "     schedulePayload = \"[1, 2]\")",
                        "DigestJob"));
        c.assertFailsWith(
                "@Job(type = \"digest\") on jobs.DigestJob: schedule 'every 5 minutes' must be cron(...) or rate(...)");
        c.assertFailsWith("timezone 'Mars/Olympus' is not an IANA time zone id such as UTC or Europe/Paris");
        c.assertFailsWith("schedulePayload must be a JSON object, was [1, 2]");
        compile("OnceJob", job("@Job(type = \"once\", schedule = \"at(2026-12-01T10:00:00)\")", "OnceJob"))
                .assertFailsWith("schedule 'at(2026-12-01T10:00:00)' must recur (cron(...) or rate(...))");
    }

    @Test
    void rejectsACronOrRateExpressionNamingTheFieldAtFault() throws IOException {
        compile("DigestJob", job("@Job(type = \"digest\", schedule = \"cron(0 25 * * ? *)\")", "DigestJob"))
                .assertFailsWith(
                        "@Job(type = \"digest\") on jobs.DigestJob: schedule 'cron(0 25 * * ? *)': hours field '25' is out of range 0-23");
        compile("DigestJob", job("@Job(type = \"digest\", schedule = \"cron(0 12 * * MON *)\")", "DigestJob"))
                .assertFailsWith(
                        "schedule 'cron(0 12 * * MON *)': day-of-month field '*' and day-of-week field 'MON' are both set;"
                                + " one of them must be '?'");
        compile("DigestJob", job("@Job(type = \"digest\", schedule = \"cron(*/5 * * * *)\")", "DigestJob"))
                .assertFailsWith(
                        "schedule 'cron(*/5 * * * *)': has 5 fields, needs 6: minutes hours day-of-month month day-of-week year");
        compile("DigestJob", job("@Job(type = \"digest\", schedule = \"rate(1 hours)\")", "DigestJob"))
                .assertFailsWith(
                        "schedule 'rate(1 hours)': unit 'hours' must be singular when the value is 1: rate(1 hour)");
        compile("DigestJob", job("@Job(type = \"digest\", schedule = \"cron(0 0 30 2 ? *)\")", "DigestJob"))
                .assertFailsWith(
                        "schedule 'cron(0 0 30 2 ? *)' never fires: no date in 1970-2199 matches its day, month and year fields");
    }

    @Test
    void rejectsARateLimitIntervalThatIsNotIso8601() throws IOException {
        compile("TweetJob", job("@Job(type = \"tweet\", rateLimit = @RateLimit(minInterval = \"PT10X\"))", "TweetJob"))
                .assertFailsWith(
                        "@Job(type = \"tweet\") on jobs.TweetJob: rateLimit.minInterval='PT10X' is not an ISO-8601 duration such as PT30S");
    }

    @Test
    void rejectsRateLimitsOutOfRange() throws IOException {
        Compilation c = compile(
                "TweetJob",
                job(
                        "@Job(type = \"tweet\",\n"
                                + "     rateLimit = @RateLimit(perMinute = -1, perHour = 2000000, minInterval = \"P2D\", key = \"dao.id\"))",
                        "TweetJob"));
        c.assertFailsWith(
                "@Job(type = \"tweet\") on jobs.TweetJob: rateLimit.perMinute must be between 0 (no limit) and 1000000, was -1");
        c.assertFailsWith("rateLimit.perHour must be between 0 (no limit) and 1000000, was 2000000");
        c.assertFailsWith("rateLimit.minInterval must be between PT0S and P1D (PT24H), was PT48H");
        c.assertFailsWith(
                "rateLimit.key 'dao.id' must be a top-level payload field name matching [A-Za-z_][A-Za-z0-9_]{0,63}");
    }

    @Test
    void findsThePayloadTypeThroughAGenericBaseClass() throws IOException {
        Compilation c = compile(
                "Base", IMPORTS + "public abstract class Base<P> implements JobHandler<P> {}\n",
                "Order", IMPORTS + "public record Order(String id) {}\n",
                "OrderJob",
                        IMPORTS + "@Job(type = \"order\")\npublic final class OrderJob extends Base<Order> {\n"
                                + "    public JobResult handle(Order payload, JobContext context) { return JobResult.ok(); }\n}\n");
        assertTrue(c.success(), c.errors().toString());
        assertEquals("jobs.Order", c.definitions().get(0).payloadClass());
    }

    @Test
    void writesNothingWhenNoClassHasJob() throws IOException {
        Compilation c = compile("Plain", IMPORTS + "public class Plain {}\n");
        assertTrue(c.success(), c.errors().toString());
        assertFalse(Files.exists(c.catalogue()));
    }

    @Test
    void rejectsABadTypeName() throws IOException {
        compile("BadJob", job("@Job(type = \"Send Mail\")", "BadJob"))
                .assertFailsWith(
                        "@Job(type = \"Send Mail\") on jobs.BadJob: type 'Send Mail' must match [a-z][a-z0-9_-]{0,39}");
    }

    @Test
    void rejectsTheSameTypeInTwoClasses() throws IOException {
        Compilation c = compile(
                "FirstJob", job("@Job(type = \"dup\")", "FirstJob"),
                "SecondJob", job("@Job(type = \"dup\")", "SecondJob"));
        c.assertFailsWith("job type 'dup' is already declared by jobs.FirstJob");
        assertTrue(
                c.errors().stream().anyMatch(e -> e.startsWith("@Job(type = \"dup\") on jobs.SecondJob:")),
                c.errors().toString());
    }

    @Test
    void rejectsATimeoutAboveFifteenMinutes() throws IOException {
        compile("SlowJob", job("@Job(type = \"slow\", timeout = \"PT20M\")", "SlowJob"))
                .assertFailsWith(
                        "timeout must be between PT1S and PT14M50S (Lambda's 15 minutes less the runtime's margins), was PT20M");
    }

    @Test
    void rejectsAFifoBatchAboveTen() throws IOException {
        compile("OrderedJob", job("@Job(type = \"ordered\", fifo = true, batchSize = 20)", "OrderedJob"))
                .assertFailsWith("batchSize must be between 1 and 10 for FIFO queues, was 20");
    }

    @Test
    void rejectsConcurrencyBelowTwoPerPriority() throws IOException {
        compile("BusyJob", job("@Job(type = \"busy\", priorities = {HIGH, NORMAL, LOW}, concurrency = 5)", "BusyJob"))
                .assertFailsWith(
                        "concurrency must be between 6 (2 per priority: Lambda's smallest MaximumConcurrency) and 1000, was 5");
    }

    @Test
    void rejectsABackoffMaxAboveTwelveHours() throws IOException {
        compile("PatientJob", job("@Job(type = \"patient\", backoff = @Backoff(max = \"PT13H\"))", "PatientJob"))
                .assertFailsWith(
                        "@Job(type = \"patient\") on jobs.PatientJob: backoff.max must be at most PT11H44M (SQS's 12-hour visibility limit less one Lambda invocation), was PT13H");
    }

    @Test
    void rejectsDurationsThatAreNotIso8601() throws IOException {
        compile("VagueJob", job("@Job(type = \"vague\", timeout = \"30s\")", "VagueJob"))
                .assertFailsWith("timeout='30s' is not an ISO-8601 duration such as PT30S");
        compile(
                        "VagueBackoffJob",
                        job("@Job(type = \"vague\", backoff = @Backoff(initial = \"1 minute\"))", "VagueBackoffJob"))
                .assertFailsWith("backoff.initial='1 minute' is not an ISO-8601 duration such as PT30S");
    }

    @Test
    void rejectsAnAbstractClass() throws IOException {
        compile(
                        "AbstractJob",
                        IMPORTS
                                + "@Job(type = \"abstract\")\npublic abstract class AbstractJob implements JobHandler<String> {}\n")
                .assertFailsWith(
                        "@Job(type = \"abstract\") on jobs.AbstractJob: the class must be public and not abstract");
    }

    @Test
    void rejectsANonPublicClass() throws IOException {
        compile(
                        "HiddenJob",
                        IMPORTS + "@Job(type = \"hidden\")\nfinal class HiddenJob implements JobHandler<String> {\n"
                                + "    public JobResult handle(String payload, JobContext context) { return JobResult.ok(); }\n}\n")
                .assertFailsWith("the class must be public and not abstract");
    }

    @Test
    void rejectsAClassWithoutAUsableConstructor() throws IOException {
        compile("NeedyJob", job("@Job(type = \"needy\")", "NeedyJob", "    public NeedyJob(String secret) {}\n"))
                .assertFailsWith(
                        "the class needs a public constructor taking JobConfig, or a public no-argument constructor");
        compile("PrivateJob", job("@Job(type = \"private\")", "PrivateJob", "    private PrivateJob() {}\n"))
                .assertFailsWith(
                        "the class needs a public constructor taking JobConfig, or a public no-argument constructor");
    }

    @Test
    void rejectsARawJobHandler() throws IOException {
        compile(
                        "RawJob",
                        IMPORTS
                                + "@SuppressWarnings(\"rawtypes\")\n@Job(type = \"raw\")\npublic final class RawJob implements JobHandler {\n"
                                + "    public JobResult handle(Object payload, JobContext context) { return JobResult.ok(); }\n}\n")
                .assertFailsWith(
                        "@Job(type = \"raw\") on jobs.RawJob: the class must implement JobHandler<P> with a concrete payload class P");
    }

    @Test
    void rejectsAClassThatIsNoJobHandler() throws IOException {
        compile("NotAJob", IMPORTS + "@Job(type = \"nothing\")\npublic final class NotAJob {}\n")
                .assertFailsWith("the class must implement JobHandler<P> with a concrete payload class P");
    }

    @Test
    void rejectsAnInnerClassThatIsNotStatic() throws IOException {
        compile(
                        "Outer",
                        IMPORTS
                                + "public class Outer {\n    @Job(type = \"inner\")\n    public final class InnerJob implements JobHandler<String> {\n"
                                + "        public JobResult handle(String payload, JobContext context) { return JobResult.ok(); }\n    }\n}\n")
                .assertFailsWith("a nested job class must be static");
    }

    @Test
    void rejectsJobOnAnInterface() throws IOException {
        compile("Marker", IMPORTS + "@Job(type = \"marker\")\npublic interface Marker extends JobHandler<String> {}\n")
                .assertFailsWith("@Job belongs on a class implementing JobHandler, not on a interface");
    }

    @Test
    void reportsEveryProblemOfOneClass() throws IOException {
        Compilation c = compile(
                "WorstJob",
                job("@Job(type = \"worst\", timeout = \"PT20M\", memoryMb = 64, maxAttempts = 0)", "WorstJob"));
        c.assertFailsWith("timeout must be between PT1S and PT14M50S");
        c.assertFailsWith("memoryMb must be between 128 and 10240, was 64");
        c.assertFailsWith("maxAttempts must be between 1 and 1000, was 0");
    }

    @Test
    void oneBadClassKeepsTheWholeCatalogueFromBeingWritten() throws IOException {
        compile(
                        "GoodJob", job("@Job(type = \"good\")", "GoodJob"),
                        "SlowJob", job("@Job(type = \"slow\", timeout = \"PT20M\")", "SlowJob"))
                .assertFailsWith("was PT20M");
    }

    /** A source file held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String path, String code) {
            super(URI.create("string:///" + path), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
