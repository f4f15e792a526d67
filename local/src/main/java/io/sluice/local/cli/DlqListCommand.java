package io.sluice.local.cli;

import io.sluice.ops.DeadLetter;
import io.sluice.ops.DeadLetterPage;
import io.sluice.ops.DisplayText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dlq list TYPE}: the dead letters of a type, oldest first, without consuming them. */
@Command(name = "list", description = "List a type's dead letters, oldest first, without consuming them.")
public final class DlqListCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TYPE", description = "Job type.")
    String type;

    @Mixin
    DeadLetterSelection selection;

    @Option(names = "--payload", description = "Include each message's body (the payload; may hold personal data).")
    boolean payload;

    @Mixin
    OperatorVerb verb;

    @Override
    public Integer call() {
        DeadLetterPage page = verb.run(
                ops -> ops.deadLetters(type, selection.priority, selection.filter(), selection.limit, payload));
        if (verb.printedJson(page)) {
            return 0;
        }
        PrintWriter out = verb.out();
        if (page.deadLetters().isEmpty()) {
            out.println("no dead letters of " + type + (selection.isEmpty() ? "" : " with " + selection.describe()));
            out.flush();
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (DeadLetter d : page.deadLetters()) {
            rows.add(List.of(
                    d.jobId() == null ? "(message " + d.messageId() + ")" : d.jobId(),
                    d.priority().wireName(),
                    Output.orNone(d.reason()),
                    Output.orNone(d.attempts()),
                    Output.age(d.age()),
                    Output.orNone(d.detail())));
        }
        out.print(Output.table(List.of("JOB ID", "PRIORITY", "REASON", "ATTEMPTS", "AGE", "DETAIL"), rows));
        if (payload) {
            out.println();
            page.deadLetters()
                    .forEach(d -> out.println(
                            DisplayText.escape(d.messageId()) + "  " + DisplayText.escapeForPage(d.body())));
        }
        out.println();
        out.println(page.deadLetters().size() + " shown of about " + page.approximateTotal()
                + (page.truncated() ? " (more than read; raise --limit)" : ""));
        out.flush();
        return 0;
    }
}
