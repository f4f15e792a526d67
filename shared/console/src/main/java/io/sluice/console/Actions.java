package io.sluice.console;

import io.sluice.job.Priority;
import io.sluice.ops.CancelResult;
import io.sluice.ops.DeadLetter;
import io.sluice.ops.DeadLetterFilter;
import io.sluice.ops.DiscardResult;
import io.sluice.ops.PauseResult;
import io.sluice.ops.RedriveResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every change the console makes, each one call of the operations library. Destructive ones (retry, discard, cancel,
 * delete a schedule) answer first with a confirmation page that says exactly what will happen and re-posts the same
 * selection with {@code confirmed=yes}; then they run and show their result. Pause and resume are reversible and run
 * at once.
 */
final class Actions {
    static final String CONFIRMED = "confirmed";

    private final Layout layout;
    private final Templates templates;
    private final TypePage typePage;

    Actions(Layout layout, Templates templates, TypePage typePage) {
        this.layout = layout;
        this.templates = templates;
        this.typePage = typePage;
    }

    ConsoleResponse pause(String type, ConsoleRequest request, boolean pause) {
        Priority priority = TypePage.priority(request.field("priority"));
        PauseResult result =
                pause ? layout.ops().pause(type, priority) : layout.ops().resume(type, priority);
        String what = type + (priority == null ? " (every priority)" : " " + priority.wireName());
        String notice = (pause ? "Paused " : "Resumed ") + what + ": "
                + result.mappings().size()
                + " event source mapping" + (result.mappings().size() == 1 ? "" : "s")
                + (result.schedules().isEmpty()
                        ? ""
                        : " and " + result.schedules().size() + " schedule(s)")
                + (pause ? " stopped" : " started") + ".";
        return typePage.render(type, ConsoleRequest.of("GET", "/types/" + type, "", "", false), notice);
    }

    ConsoleResponse redrive(String type, ConsoleRequest request) {
        Selection selection = Selection.of(request);
        if (selection.isEverything() && !selection.all()) {
            return layout.error(
                    400, "Nothing selected", "Tick the dead letters to retry, pick a reason, or use Retry all.");
        }
        if (!confirmed(request)) {
            return confirm(
                    "Retry dead letters of " + type,
                    List.of(
                            "Send " + selection.describe() + " back to " + type
                                    + "'s queues with a fresh attempt budget.",
                            "Each message is sent before it is deleted from its dead-letter queue, so none is lost."),
                    "/dlq/" + type + "/redrive",
                    selection.fields(),
                    "Retry",
                    "/dlq/" + type);
        }
        RedriveResult result = layout.ops().redrive(type, null, selection.filter(), DeadLettersPage.LIMIT);
        List<String> lines = new ArrayList<>();
        lines.add("Moved back: " + result.moved().size()
                + (result.moved().isEmpty() ? "" : " (" + String.join(", ", result.moved()) + ")"));
        if (!result.moveTasks().isEmpty()) {
            lines.add("Whole-queue moves started: " + result.moveTasks().size() + " (about "
                    + result.approximateMessages() + " messages)");
        }
        lines.add("Failed: " + result.failed().size()
                + (result.failed().isEmpty()
                        ? ""
                        : " (" + String.join(", ", result.failed()) + "): still in the dead-letter queue"));
        return layout.result("Retried dead letters of " + type, lines, "/dlq/" + type, "Back to the dead letters");
    }

    ConsoleResponse discard(String type, ConsoleRequest request) {
        Selection selection = Selection.of(request);
        if (selection.isEverything()) {
            return layout.error(
                    400,
                    "Nothing selected",
                    "Discard needs a selection: tick messages, or pick a reason. It never empties a dead-letter queue"
                            + " unselected.");
        }
        if (!confirmed(request)) {
            return confirm(
                    "Discard dead letters of " + type,
                    List.of(
                            "Delete " + selection.describe() + " for good. This cannot be undone.",
                            "Each job's history records the discard first."),
                    "/dlq/" + type + "/discard",
                    selection.fields(),
                    "Discard",
                    "/dlq/" + type);
        }
        DiscardResult result = layout.ops()
                .discard(type, null, selection.filter(), "discarded from the console", DeadLettersPage.LIMIT);
        List<String> lines = List.of(
                "Discarded: " + result.discarded().size(),
                "Recorded in history: " + result.recorded().size(),
                "Failed: " + result.failed().size()
                        + (result.failed().isEmpty() ? "" : " (" + String.join(", ", result.failed()) + ")"));
        return layout.result("Discarded dead letters of " + type, lines, "/dlq/" + type, "Back to the dead letters");
    }

    ConsoleResponse cancel(String jobId, ConsoleRequest request) {
        if (!confirmed(request)) {
            return confirm(
                    "Cancel job " + jobId,
                    List.of("Job " + jobId + " will not run: it ends as cancelled when its message is received, or its"
                            + " one-time schedule is deleted. A job that already started cannot be cancelled."),
                    "/jobs/" + jobId + "/cancel",
                    List.of(),
                    "Cancel the job",
                    "/jobs/" + jobId);
        }
        CancelResult result = layout.ops().cancel(jobId);
        List<String> lines = result.cancelled()
                ? List.of("Job " + jobId + " is cancelled.")
                : List.of("Job " + jobId + " could not be cancelled: it is "
                        + (result.state() == null ? "unknown" : result.state()) + ".");
        return layout.result("Cancel job " + jobId, lines, "/jobs/" + jobId, "Back to the job");
    }

    ConsoleResponse retryJob(String jobId, ConsoleRequest request) {
        DeadLetter waiting = layout.ops().job(jobId).deadLetter();
        String type = waiting == null ? null : waiting.type();
        if (type == null) {
            return layout.error(
                    409,
                    "Not in a dead-letter queue",
                    "Job " + jobId + " is not waiting in a dead-letter" + " queue, so there is nothing to retry.");
        }
        if (!confirmed(request)) {
            return confirm(
                    "Retry job " + jobId,
                    List.of("Send job " + jobId + " back to " + type + "'s queue with a fresh attempt budget."),
                    "/jobs/" + jobId + "/retry",
                    List.of(),
                    "Retry",
                    "/jobs/" + jobId);
        }
        RedriveResult result =
                layout.ops().redrive(type, null, DeadLetterFilter.byIds(Set.of(jobId)), DeadLettersPage.LIMIT);
        List<String> lines = List.of(
                result.moved().isEmpty()
                        ? "Job " + jobId + " was not moved (failed: "
                                + result.failed().size() + ")."
                        : "Job " + jobId + " is back in " + type + "'s queue.");
        return layout.result("Retry job " + jobId, lines, "/jobs/" + jobId, "Back to the job");
    }

    ConsoleResponse deleteSchedule(String name, ConsoleRequest request) {
        if (!confirmed(request)) {
            return confirm(
                    "Delete schedule " + name,
                    List.of("The run-time schedule " + name + " is deleted and fires no more. This cannot be undone."),
                    "/schedules/" + name + "/delete",
                    List.of(),
                    "Delete",
                    "/schedules");
        }
        layout.ops().unschedule(name);
        return layout.result(
                "Delete schedule " + name,
                List.of("Schedule " + name + " is deleted."),
                "/schedules",
                "Back to the schedules");
    }

    private static boolean confirmed(ConsoleRequest request) {
        return request.field(CONFIRMED).map("yes"::equals).orElse(false);
    }

    private ConsoleResponse confirm(
            String heading,
            List<String> lines,
            String action,
            List<Map<String, Object>> fields,
            String label,
            String cancelHref) {
        Map<String, Object> scope = layout.scope(heading);
        scope.put("heading", heading);
        scope.put("lines", lines);
        scope.put("action", action);
        scope.put("fields", fields);
        scope.put("confirmLabel", label);
        scope.put("cancelHref", cancelHref);
        return ConsoleResponse.html(templates.render("confirm", scope));
    }

    /** Which dead letters an action is about: ticked ids, one reason, or all. */
    record Selection(Set<String> ids, String reason, boolean all) {
        static Selection of(ConsoleRequest request) {
            Set<String> ids = new LinkedHashSet<>(request.fields("id"));
            String reason = request.field("reason").orElse(null);
            boolean all = request.field("all").map("yes"::equals).orElse(false);
            return new Selection(ids, reason, all);
        }

        boolean isEverything() {
            return ids.isEmpty() && reason == null;
        }

        DeadLetterFilter filter() {
            if (!ids.isEmpty()) {
                return DeadLetterFilter.byIds(ids);
            }
            if (reason != null) {
                return DeadLetterFilter.byReason(reason);
            }
            return DeadLetterFilter.ALL;
        }

        String describe() {
            if (!ids.isEmpty()) {
                return ids.size() + " selected dead letter" + (ids.size() == 1 ? "" : "s") + " ("
                        + String.join(", ", ids) + ")";
            }
            if (reason != null) {
                return "every dead letter with reason " + reason;
            }
            return "every dead letter";
        }

        List<Map<String, Object>> fields() {
            List<Map<String, Object>> fields = new ArrayList<>();
            ids.forEach(id -> fields.add(field("id", id)));
            if (reason != null) {
                fields.add(field("reason", reason));
            }
            if (all) {
                fields.add(field("all", "yes"));
            }
            return fields;
        }

        private static Map<String, Object> field(String name, String value) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", name);
            f.put("value", value);
            return f;
        }
    }
}
