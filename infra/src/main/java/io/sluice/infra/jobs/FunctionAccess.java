package io.sluice.infra.jobs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a job type's function may read or do beyond what every function gets: held by the type's settings and
 * handed as it is to its {@link JobLambda}, so a new kind of access is added here once. Both lists default to none.
 *
 * @param secrets Secrets Manager secret names or ARNs the handler reads ({@code GetSecretValue} on each); a name
 *     matches exactly that secret
 * @param grants further permissions the handler needs (SES for {@code email}), specific actions and ARNs only
 */
public record FunctionAccess(List<String> secrets, List<ExtraGrant> grants) {
    /** No secrets, no further grants. */
    public static final FunctionAccess NONE = new FunctionAccess(List.of(), List.of());

    public FunctionAccess {
        secrets = List.copyOf(secrets == null ? List.of() : secrets);
        grants = List.copyOf(grants == null ? List.of() : grants);
    }

    /** Both accesses: {@code more}'s secrets and grants after these, each once. */
    public FunctionAccess plus(FunctionAccess more) {
        return new FunctionAccess(union(secrets, more.secrets()), union(grants, more.grants()));
    }

    private static <T> List<T> union(List<T> first, List<T> second) {
        LinkedHashSet<T> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return new ArrayList<>(all);
    }
}
