package io.sluice.infra;

import io.sluice.catalogue.Catalogue;
import io.sluice.infra.jobs.LambdaJars;
import io.sluice.topology.JobsTable;
import io.sluice.topology.TableSpec;
import io.sluice.topology.Topology;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Everything a {@link Sluice} is built from. Only the catalogue and the Lambda jar are required; each other
 * component documents its default. {@link SluiceContext} fills these from CDK context for the bundled app.
 * {@code build()} checks every value, and an error repeats the value and says what is allowed:
 * <table>
 *   <caption>What is allowed</caption>
 *   <tr><th>component</th><th>allowed</th></tr>
 *   <tr><td>{@code app}</td><td>{@code [a-z][a-z0-9-]{0,19}}: a lowercase letter, then up to 19 lowercase letters,
 *       digits or {@code -} (it prefixes queue, function, table and alarm names, within their length limits)</td></tr>
 *   <tr><td>{@code catalogue}</td><td>required</td></tr>
 *   <tr><td>{@code lambdaJar}</td><td>a folder of jars that hold every type in the catalogue, or one such jar</td></tr>
 *   <tr><td>{@code jobs}</td><td>keys: job types of the catalogue</td></tr>
 *   <tr><td>{@code alarmEmail}</td><td>one address such as {@code ops@example.com}</td></tr>
 * </table>
 * A job type's settings are checked further when its {@link SluiceJob} is built (environment names, secrets, grants,
 * producer principals), with errors that name the type.
 *
 * @param app the resource prefix; default {@value Topology#DEFAULT_APP}
 * @param catalogue the job types to deploy ({@code Catalogue.load()} reads the functions jar's)
 * @param lambdaJar where each function's code is ({@link LambdaJars#at}): the folder of the function modules' shaded
 *     jars, where each type's function gets the jar whose catalogue lists it, or one jar for every type
 * @param jobs per job type, how it runs in this environment; default none (every type as its catalogue entry says)
 * @param jobDefaults settings for every job type, under each type's own (see {@link JobSettings#withDefaults});
 *     default {@link JobSettings#NONE}
 * @param alarmEmail an address subscribed to the alarm topic, or {@code null}; default none
 * @param producerPrincipals account ids or role ARNs allowed to send to the job queues by queue policy; default none
 * @param retainData keep the tables (with deletion protection) and the schedule group when the stack is deleted;
 *     default true
 * @param jobsTableIndexes the names of the jobs table's indexes, to move a table created by an earlier version one
 *     index per deployment (CloudFormation adds or removes one per update; infra/README.md); each one of
 *     {@link JobsTable#indexes()} or {@link JobsTable#legacyIndexes()}; default those of {@link JobsTable#indexes()}
 */
public record SluiceProps(
        String app,
        Catalogue catalogue,
        Path lambdaJar,
        Map<String, JobSettings> jobs,
        JobSettings jobDefaults,
        String alarmEmail,
        List<String> producerPrincipals,
        boolean retainData,
        List<String> jobsTableIndexes) {

    public SluiceProps {
        app = app == null ? Topology.DEFAULT_APP : app;
        if (!Topology.APP_NAME.matcher(app).matches()) {
            throw new IllegalArgumentException("app name '" + app + "' must match [a-z][a-z0-9-]{0,19}");
        }
        Objects.requireNonNull(
                catalogue,
                "catalogue is required: Catalogue.load() reads the job types of the functions jar on the classpath");
        Objects.requireNonNull(
                lambdaJar,
                "lambdaJar is required: the folder of the function modules' shaded jars (infra/target/lambda)"
                        + " or one jar that holds every type");
        LambdaJars jars = LambdaJars.at(lambdaJar);
        for (String type : catalogue.types()) {
            jars.jarOf(type);
        }
        jobs = Map.copyOf(jobs == null ? Map.of() : jobs);
        for (String type : jobs.keySet()) {
            requireKnownType(type, "SluiceProps.jobs", catalogue);
        }
        jobDefaults = jobDefaults == null ? JobSettings.NONE : jobDefaults;
        alarmEmail = alarmEmail == null || alarmEmail.isBlank() ? null : alarmEmail.trim();
        if (alarmEmail != null && !alarmEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException(
                    "alarm e-mail '" + alarmEmail + "' is not an address such as ops@example.com");
        }
        producerPrincipals = List.copyOf(producerPrincipals == null ? List.of() : producerPrincipals);
        List<String> known = Stream.concat(JobsTable.indexes().stream(), JobsTable.legacyIndexes().stream())
                .map(TableSpec.IndexSpec::name)
                .toList();
        jobsTableIndexes = jobsTableIndexes == null
                ? JobsTable.indexes().stream().map(TableSpec.IndexSpec::name).toList()
                : List.copyOf(jobsTableIndexes);
        for (String index : jobsTableIndexes) {
            if (!known.contains(index)) {
                throw new IllegalArgumentException("jobs table index '" + index + "' is not one Sluice defines; it"
                        + " defines " + String.join(", ", known));
            }
        }
    }

    /**
     * The jobs table's spec in {@code specs} with {@link #jobsTableIndexes()} as its indexes, the other tables as
     * they are.
     */
    List<TableSpec> withJobsTableIndexes(List<TableSpec> specs) {
        List<TableSpec.IndexSpec> indexes = Stream.concat(
                        JobsTable.indexes().stream(), JobsTable.legacyIndexes().stream())
                .filter(i -> jobsTableIndexes.contains(i.name()))
                .toList();
        return specs.stream()
                .map(t -> t.name().equals(JobsTable.name(app))
                        ? new TableSpec(t.name(), t.partitionKey(), t.sortKey(), indexes, t.timeToLiveAttribute())
                        : t)
                .toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings {@code type} is built with: its own over {@link #jobDefaults()}. */
    public JobSettings settingsOf(String type) {
        return jobs.getOrDefault(type, JobSettings.NONE).withDefaults(jobDefaults);
    }

    /** Refuses a job type the catalogue does not have, naming where it was given and the types there are. */
    static void requireKnownType(String type, String where, Catalogue catalogue) {
        if (catalogue.find(type).isEmpty()) {
            throw new IllegalArgumentException("job type '" + type + "' in " + where
                    + " is not in the catalogue; the catalogue has: " + String.join(", ", catalogue.types()));
        }
    }

    /** Builds {@link SluiceProps}; the defaults are those of the record's components. */
    public static final class Builder {
        private String app;
        private Catalogue catalogue;
        private Path lambdaJar;
        private final Map<String, JobSettings> jobs = new LinkedHashMap<>();
        private JobSettings jobDefaults;
        private String alarmEmail;
        private List<String> producerPrincipals;
        private boolean retainData = true;
        private List<String> jobsTableIndexes;

        private Builder() {}

        /** @param value {@code [a-z][a-z0-9-]{0,19}}; default {@value Topology#DEFAULT_APP} */
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

        /** The settings of one job type, replacing any given for it before. */
        public Builder job(String type, JobSettings settings) {
            jobs.put(type, settings);
            return this;
        }

        /** The settings of several job types, added to (and replacing for the same type) those given before. */
        public Builder jobs(Map<String, JobSettings> value) {
            jobs.putAll(value);
            return this;
        }

        /** Settings for every job type; a type's own win (see {@link JobSettings#withDefaults}). */
        public Builder jobDefaults(JobSettings value) {
            jobDefaults = value;
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

        /** @param value false lets the tables and the schedule group go with the stack (development stacks); default true */
        public Builder retainData(boolean value) {
            retainData = value;
            return this;
        }

        /**
         * @param value the jobs table's index names, while a table created by an earlier version moves to this
         *     version's indexes; default this version's
         */
        public Builder jobsTableIndexes(List<String> value) {
            jobsTableIndexes = value;
            return this;
        }

        /** @throws IllegalArgumentException repeating a value that is not allowed, and what is */
        public SluiceProps build() {
            return new SluiceProps(
                    app,
                    catalogue,
                    lambdaJar,
                    jobs,
                    jobDefaults,
                    alarmEmail,
                    producerPrincipals,
                    retainData,
                    jobsTableIndexes);
        }
    }
}
