package io.sluice.infra;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobOverrides;
import io.sluice.infra.jobs.ExtraGrant;
import io.sluice.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Environment;

/**
 * Everything a {@link SluiceStack} is built from. Only the catalogue and the Lambda jar are required; see each
 * builder method for its default. {@link SluiceContext} fills these from CDK context for the app.
 *
 * @param app the resource prefix, {@code [a-z][a-z0-9-]{0,19}}; default {@value Topology#DEFAULT_APP}
 * @param catalogue the job types to deploy
 * @param lambdaJar the shaded jar of {@code functions/}, deployed as every function's code
 * @param overrides per job type, catalogue settings to change (the {@link JobOverrides} keys); default none
 * @param environment per job type, extra function environment variables (the handler's own settings); default none
 * @param alarms per job type, or {@code "*"} for every type, alarm settings (see
 *     {@link io.sluice.infra.monitoring.AlarmThresholds}); default none
 * @param secrets per job type, the Secrets Manager secrets (names or ARNs) its function may read; default none
 * @param grants per job type, further permissions its handler needs (SES for {@code email}); default none
 * @param alarmEmail an address subscribed to the alarm topic, or {@code null}; default none
 * @param producerPrincipals account ids or role ARNs allowed to send to the job queues by queue policy; default none
 * @param retainData keep the tables (with deletion protection) and the schedule group when the stack is deleted;
 *     default true
 * @param env the account and region, or {@code null} for an environment-agnostic stack (the default, which
 *     {@code cdk deploy} deploys to the account and region of its credentials)
 */
public record SluiceStackProps(
        String app,
        Catalogue catalogue,
        Path lambdaJar,
        Map<String, JobOverrides> overrides,
        Map<String, Map<String, String>> environment,
        Map<String, Map<String, String>> alarms,
        Map<String, List<String>> secrets,
        Map<String, List<ExtraGrant>> grants,
        String alarmEmail,
        List<String> producerPrincipals,
        boolean retainData,
        Environment env) {

    /** The key of {@link #alarms()} that applies to every job type. */
    public static final String EVERY_TYPE = "*";

    public SluiceStackProps {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(lambdaJar, "lambdaJar");
        app = app == null ? Topology.DEFAULT_APP : app;
        if (!Topology.APP_NAME.matcher(app).matches()) {
            throw new IllegalArgumentException("app name '" + app + "' must match [a-z][a-z0-9-]{0,19}");
        }
        overrides = Map.copyOf(overrides == null ? Map.of() : overrides);
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        alarms = Map.copyOf(alarms == null ? Map.of() : alarms);
        secrets = Map.copyOf(secrets == null ? Map.of() : secrets);
        grants = Map.copyOf(grants == null ? Map.of() : grants);
        producerPrincipals = List.copyOf(producerPrincipals == null ? List.of() : producerPrincipals);
        alarmEmail = alarmEmail == null || alarmEmail.isBlank() ? null : alarmEmail.trim();
        if (alarmEmail != null && !alarmEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("alarm e-mail '" + alarmEmail + "' is not an address such as ops@example.com");
        }
        requireKnownTypes("overrides", overrides.keySet(), catalogue, false);
        requireKnownTypes("environment", environment.keySet(), catalogue, false);
        requireKnownTypes("alarms", alarms.keySet(), catalogue, true);
        requireKnownTypes("secrets", secrets.keySet(), catalogue, false);
        requireKnownTypes("grants", grants.keySet(), catalogue, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requireKnownTypes(String what, java.util.Set<String> types, Catalogue catalogue, boolean everyTypeAllowed) {
        for (String type : types) {
            if (!(everyTypeAllowed && EVERY_TYPE.equals(type)) && catalogue.find(type).isEmpty()) {
                throw new IllegalArgumentException(what + " name job type '" + type + "', which is not in the catalogue; the catalogue has: "
                        + String.join(", ", catalogue.types()));
            }
        }
    }

    /** Builds {@link SluiceStackProps}; the defaults are those of the record's components. */
    public static final class Builder {
        private String app;
        private Catalogue catalogue;
        private Path lambdaJar;
        private Map<String, JobOverrides> overrides;
        private Map<String, Map<String, String>> environment;
        private Map<String, Map<String, String>> alarms;
        private Map<String, List<String>> secrets;
        private Map<String, List<ExtraGrant>> grants;
        private String alarmEmail;
        private List<String> producerPrincipals;
        private boolean retainData = true;
        private Environment env;

        private Builder() {
        }

        public Builder app(String value) {
            app = value;
            return this;
        }

        public Builder catalogue(Catalogue value) {
            catalogue = value;
            return this;
        }

        public Builder lambdaJar(Path value) {
            lambdaJar = value;
            return this;
        }

        public Builder overrides(Map<String, JobOverrides> value) {
            overrides = value;
            return this;
        }

        public Builder environment(Map<String, Map<String, String>> value) {
            environment = value;
            return this;
        }

        public Builder alarms(Map<String, Map<String, String>> value) {
            alarms = value;
            return this;
        }

        public Builder secrets(Map<String, List<String>> value) {
            secrets = value;
            return this;
        }

        public Builder grants(Map<String, List<ExtraGrant>> value) {
            grants = value;
            return this;
        }

        public Builder alarmEmail(String value) {
            alarmEmail = value;
            return this;
        }

        public Builder producerPrincipals(List<String> value) {
            producerPrincipals = value;
            return this;
        }

        public Builder retainData(boolean value) {
            retainData = value;
            return this;
        }

        public Builder env(Environment value) {
            env = value;
            return this;
        }

        public SluiceStackProps build() {
            return new SluiceStackProps(app, catalogue, lambdaJar, overrides, environment, alarms, secrets, grants, alarmEmail, producerPrincipals,
                    retainData, env);
        }
    }
}
