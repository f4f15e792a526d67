package io.sluice.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;

class JsonLoggerTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final BasicMDCAdapter mdc = new BasicMDCAdapter();
    private final Logger logger = new JsonLoggerFactory(
                    new PrintStream(bytes, true, StandardCharsets.UTF_8), Level.INFO, mdc)
            .getLogger("io.sluice.runtime.JobPipeline");

    private JsonNode onlyLine() throws Exception {
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, lines.length, bytes.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(lines[0]);
    }

    @Test
    void writesOneJsonObjectPerLineWithTheJobContextFromTheMdc() throws Exception {
        mdc.put("jobId", "job-1");
        mdc.put("type", "webhook");
        mdc.put("priority", "high");
        mdc.put("attempt", "2");
        logger.atWarn()
                .addKeyValue("retryIn", "PT10S")
                .log("job attempt failed: {}", "HTTP 503 from \"example.com\"\nnext line");
        mdc.clear();

        JsonNode line = onlyLine();
        assertEquals("WARN", line.get("level").asText());
        assertEquals("io.sluice.runtime.JobPipeline", line.get("logger").asText());
        assertEquals(
                "job attempt failed: HTTP 503 from \"example.com\"\nnext line",
                line.get("message").asText());
        assertEquals("job-1", line.get("jobId").asText());
        assertEquals("webhook", line.get("type").asText());
        assertEquals("high", line.get("priority").asText());
        assertEquals("2", line.get("attempt").asText());
        assertEquals("PT10S", line.get("retryIn").asText());
        assertTrue(line.get("timestamp").asText().endsWith("Z"));
    }

    @Test
    void describesAnExceptionWithTypeMessageAndAShortStackTrace() throws Exception {
        logger.error("could not carry out outcome", new IllegalStateException("queue gone"));

        JsonNode line = onlyLine();
        assertEquals("java.lang.IllegalStateException", line.get("errorType").asText());
        assertEquals("queue gone", line.get("errorMessage").asText());
        assertTrue(line.get("stackTrace").size() > 0 && line.get("stackTrace").size() <= 12);
    }

    @Test
    void dropsEventsBelowTheThreshold() {
        logger.debug("not written");
        logger.atDebug().log("nor this");
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
        assertFalse(logger.isDebugEnabled());
    }

    @Test
    void levelComesFromSluiceLogLevelThenLambdasLogLevel() {
        assertEquals(
                Level.DEBUG,
                JsonLogger.levelFrom(Map.of("SLUICE_LOG_LEVEL", "debug", "AWS_LAMBDA_LOG_LEVEL", "ERROR")));
        assertEquals(Level.WARN, JsonLogger.levelFrom(Map.of("AWS_LAMBDA_LOG_LEVEL", "WARN")));
        assertEquals(Level.ERROR, JsonLogger.levelFrom(Map.of("AWS_LAMBDA_LOG_LEVEL", "FATAL")));
        assertEquals(Level.INFO, JsonLogger.levelFrom(Map.of()));
        assertEquals(Level.INFO, JsonLogger.levelFrom(Map.of("SLUICE_LOG_LEVEL", "chatty")));
    }
}
