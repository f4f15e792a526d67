package io.sluice.ops;

/**
 * One event source mapping that feeds a queue's messages to its function (on AWS, Lambda's; in sluice-local, the
 * emulator's pollers behind the same API). {@code enabled} is what pause and resume set; {@code state} is Lambda's
 * word for where the mapping is ({@code Enabled}, {@code Disabling}, {@code Disabled}, {@code Enabling}, ...), and
 * {@code lastProcessingResult} its last word on the function ({@code OK}, {@code PROBLEM: ...}).
 */
public record ConsumerStatus(
        String mappingId, String functionArn, boolean enabled, String state, String lastProcessingResult) {}
