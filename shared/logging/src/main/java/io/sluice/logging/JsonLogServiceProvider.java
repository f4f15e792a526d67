package io.sluice.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of the Lambda jar: one JSON object per line on standard output, the shape of Lambda's
 * JSON log format ({@code timestamp}, {@code level}, {@code message}) plus the job's {@code jobId},
 * {@code type}, {@code priority} and {@code attempt} from the MDC on every line written while a job runs,
 * so CloudWatch Logs Insights can filter by job. Powertools' logging module is not available to this
 * project, and a full logging framework would cost cold-start time for what is a few dozen lines.
 * sluice-local selects SLF4J's simple binding instead ({@code -Dslf4j.provider}) for human-readable output.
 */
public final class JsonLogServiceProvider implements SLF4JServiceProvider {
    private ILoggerFactory loggerFactory;
    private IMarkerFactory markerFactory;
    private MDCAdapter mdcAdapter;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        markerFactory = new BasicMarkerFactory();
        mdcAdapter = new BasicMDCAdapter();
        loggerFactory = new JsonLoggerFactory(System.out, JsonLogger.levelFrom(System.getenv()), mdcAdapter);
    }
}
