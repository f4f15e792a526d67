package io.sluice.local.cli;

import io.sluice.ops.DeadLetter;
import io.sluice.ops.DisplayText;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dlq show TYPE ID}: one dead letter, by job id or SQS message id, without consuming it. */
@Command(name = "show", description = "Show one dead letter (by job id or SQS message id) without consuming it.")
public final class DlqShowCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TYPE", description = "Job type.")
    String type;

    @Parameters(
            index = "1",
            paramLabel = "ID",
            description = "Job id, or the SQS message id of a body that never parsed.")
    String id;

    @Option(names = "--payload", description = "Include the body (the payload; may hold personal data).")
    boolean payload;

    @Mixin
    OperatorVerb verb;

    @Override
    public Integer call() {
        DeadLetter d = verb.run(ops -> ops.deadLetter(type, id, payload));
        if (verb.printedJson(d)) {
            return 0;
        }
        PrintWriter out = verb.out();
        out.print(Output.table(
                java.util.List.of("FIELD", "VALUE"),
                java.util.List.of(
                        java.util.List.of("job id", Output.orNone(d.jobId())),
                        java.util.List.of("message id", d.messageId()),
                        java.util.List.of("type", d.type()),
                        java.util.List.of("priority", d.priority().wireName()),
                        java.util.List.of("reason", Output.orNone(d.reason())),
                        java.util.List.of("detail", Output.orNone(d.detail())),
                        java.util.List.of("attempts", Output.orNone(d.attempts())),
                        java.util.List.of("dead-lettered", Output.time(d.deadLetteredAt())),
                        java.util.List.of("age", Output.age(d.age())),
                        java.util.List.of(
                                "body", d.bodyBytes() + " bytes" + (payload ? "" : " (--payload shows it)")))));
        if (payload) {
            out.println();
            out.println(DisplayText.escapeForPage(d.body()));
        }
        out.flush();
        return 0;
    }
}
