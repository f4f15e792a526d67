package io.sluice.local.scheduler;

/**
 * The region and account the local scheduler answers for, which its ARNs carry:
 * {@code arn:aws:scheduler:<region>:<account>:schedule/<group>/<name>} and
 * {@code arn:aws:scheduler:<region>:<account>:schedule-group/<name>}, the shapes AWS returns and the SDK checks.
 */
public record SchedulerAccount(String region, String accountId) {

    public String scheduleArn(String group, String name) {
        return "arn:aws:scheduler:" + region + ":" + accountId + ":schedule/" + group + "/" + name;
    }

    public String groupArn(String name) {
        return "arn:aws:scheduler:" + region + ":" + accountId + ":schedule-group/" + name;
    }
}
