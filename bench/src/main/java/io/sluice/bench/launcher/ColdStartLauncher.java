package io.sluice.bench.launcher;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The main class of one cold-start measurement, run in a fresh JVM in front of a handler's deployment jar: it does
 * what Lambda's runtime does (create the handler by its class name, then invoke it with an SQS event) and prints when
 * each step ended, as {@code coldstart <step> <epoch ms> <nanos> <failures>} lines the bench reads. It uses the JDK and
 * the Lambda contract only, so it warms nothing up for the handler: the events arrive as a tab-separated file
 * ({@link #readEvent}), not as JSON, because parsing JSON here would load the handler's Jackson before its init.
 *
 * <p>Arguments: the handler class, the first batch's event file, the warm batch's event file, and optionally
 * {@code primed}: then, after construction, the handler's SnapStart hooks run as Lambda would run them around a
 * snapshot ({@code beforeCheckpoint}, then {@code afterRestore}), found by reflection on the {@code org.crac.Resource}
 * the handler holds, and the first batch is timed after them. A JVM without CRaC cannot take the snapshot itself, so
 * this measures what priming leaves for the first batch after a restore, not the restore.
 */
public final class ColdStartLauncher {
    private ColdStartLauncher() {}

    public static void main(String[] args) throws Exception {
        mark("main", 0, 0);
        if (args.length < 3 || args.length > 4 || (args.length == 4 && !args[3].equals("primed"))) {
            throw new IllegalArgumentException(
                    "usage: ColdStartLauncher <handler class> <first event> <warm event> [primed]");
        }
        SQSEvent first = readEvent(Path.of(args[1]));
        SQSEvent warm = readEvent(Path.of(args[2]));

        long start = System.nanoTime();
        @SuppressWarnings("unchecked")
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (RequestHandler<SQSEvent, SQSBatchResponse>)
                Class.forName(args[0]).getConstructor().newInstance();
        mark("constructed", System.nanoTime() - start, 0);
        if (args.length == 4) {
            start = System.nanoTime();
            runSnapStartHooks(handler);
            mark("primed", System.nanoTime() - start, 0);
        }

        start = System.nanoTime();
        SQSBatchResponse response = handler.handleRequest(first, new BenchContext(60_000));
        mark("first", System.nanoTime() - start, failures(response));

        start = System.nanoTime();
        response = handler.handleRequest(warm, new BenchContext(60_000));
        mark("warm", System.nanoTime() - start, failures(response));
        System.out.flush();
        // Lambda freezes the environment; here the handler's non-daemon threads (if any) must not keep the JVM up.
        System.exit(0);
    }

    /** Calls beforeCheckpoint and afterRestore on every org.crac Resource field of the handler. */
    private static void runSnapStartHooks(Object handler) throws Exception {
        Class<?> resource =
                Class.forName("org.crac.Resource", false, handler.getClass().getClassLoader());
        Class<?> context =
                Class.forName("org.crac.Context", false, handler.getClass().getClassLoader());
        int found = 0;
        for (java.lang.reflect.Field field : handler.getClass().getDeclaredFields()) {
            if (resource.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                Object hook = field.get(handler);
                if (hook != null) {
                    // Through the public interface, as the CRaC runtime calls it: the hook's own class may be
                    // package-private, and reflection refuses its methods from another package.
                    resource.getMethod("beforeCheckpoint", context).invoke(hook, (Object) null);
                    resource.getMethod("afterRestore", context).invoke(hook, (Object) null);
                    found++;
                }
            }
        }
        if (found == 0) {
            throw new IllegalStateException(handler.getClass().getName() + " holds no org.crac.Resource to prime");
        }
    }

    private static int failures(SQSBatchResponse response) {
        return response == null || response.getBatchItemFailures() == null
                ? 0
                : response.getBatchItemFailures().size();
    }

    private static void mark(String step, long nanos, int failures) {
        System.out.println("coldstart " + step + " " + System.currentTimeMillis() + " " + nanos + " " + failures);
        System.out.flush();
    }

    /**
     * One message a line: message id, receipt handle, queue ARN, region, Base64 body, then {@code name=value} system
     * attributes, separated by tabs.
     */
    static SQSEvent readEvent(Path file) throws IOException {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(f[0]);
            m.setReceiptHandle(f[1]);
            m.setEventSource("aws:sqs");
            m.setEventSourceArn(f[2]);
            m.setAwsRegion(f[3]);
            m.setBody(new String(Base64.getDecoder().decode(f[4]), StandardCharsets.UTF_8));
            Map<String, String> attributes = new HashMap<>();
            for (int i = 5; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                attributes.put(f[i].substring(0, eq), f[i].substring(eq + 1));
            }
            m.setAttributes(attributes);
            m.setMessageAttributes(new HashMap<>());
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
