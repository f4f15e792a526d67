package io.sluice.console;

import io.sluice.ops.Activity;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A type's {@link Activity} as the JSON the page's chart script hands to uPlot: epoch seconds and three series. Only
 * numbers go in, so the text is safe inside an HTML attribute once Mustache has escaped its quotes.
 */
final class ChartData {
    private ChartData() {}

    static String json(Activity activity) {
        return "{\"t\":"
                + numbers(
                        activity.minutes().stream().map(m -> m.getEpochSecond()).toList())
                + ",\"succeeded\":" + numbers(activity.succeeded())
                + ",\"failed\":" + numbers(activity.failedAttempts())
                + ",\"dead\":" + numbers(activity.deadLettered()) + "}";
    }

    private static String numbers(List<? extends Number> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
}
