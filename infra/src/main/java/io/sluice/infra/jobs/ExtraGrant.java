package io.sluice.infra.jobs;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An AWS permission a job type's handler needs beyond what Sluice grants every function (its queues, the job
 * tables, its secrets), given per environment because the resources are: the {@code email} type's
 * {@code ses:SendEmail} on the sender identity and configuration set, say. Least privilege is kept by refusing
 * {@code "*"} as a resource and anything but specific {@code service:Action} names.
 *
 * @param actions IAM actions such as {@code ses:SendEmail}; at least one
 * @param resources resource ARNs; at least one, none of them {@code "*"}
 */
public record ExtraGrant(List<String> actions, List<String> resources) {
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9]+");

    public ExtraGrant {
        actions = List.copyOf(actions == null ? List.of() : actions);
        resources = List.copyOf(resources == null ? List.of() : resources);
        if (actions.isEmpty() || resources.isEmpty()) {
            throw new IllegalArgumentException("a grant needs at least one action and one resource, was actions "
                    + actions + ", resources " + resources);
        }
        for (String action : actions) {
            if (!ACTION.matcher(action).matches()) {
                throw new IllegalArgumentException("grant action '" + action
                        + "' must be one service:Action such as ses:SendEmail" + " (no wildcards)");
            }
        }
        for (String resource : resources) {
            if (!resource.startsWith("arn:") || resource.equals("*")) {
                throw new IllegalArgumentException(
                        "grant resource '" + resource + "' must be an ARN such as"
                                + " arn:aws:ses:eu-west-1:123456789012:identity/example.com; \"*\" is refused (least privilege)");
            }
        }
    }
}
