package io.sluice.local.cli;

import io.sluice.local.LocalClients;
import io.sluice.local.LocalOptions;
import io.sluice.moto.DynamoDbRequestCounter;
import io.sluice.store.DynamoDbJobStore;
import io.sluice.store.JobStore;
import io.sluice.topology.JobsTable;
import java.net.URI;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@code sluice-local jobs}: reads job history from the {@code <app>-jobs} table of a running sluice-local
 * ({@code sluice-local up}) or of any DynamoDB holding that table. Read-only; every subcommand is one
 * {@code GetItem} or one query per page (see {@link JobsTable} for the keys).
 *
 * <p>The group is not runnable on its own: {@code sluice-local jobs} without a subcommand is a usage error
 * that lists them.
 */
@Command(
        name = "jobs",
        description = "Read job history: one job with its attempts, jobs by type and state, recent failures, searches,"
                + " and where a job is now.",
        subcommands = {
            JobsGetCommand.class,
            JobsListCommand.class,
            JobsFailuresCommand.class,
            JobsSearchCommand.class,
            JobsShowCommand.class
        })
public final class JobsCommand {

    /** Where the history table is; every {@code jobs} subcommand mixes these in. */
    public static final class TableOptions {
        /** The local DynamoDB (moto) that {@code sluice-local up} starts by default. */
        static final String DEFAULT_ENDPOINT = "http://127.0.0.1:" + LocalOptions.DEFAULT_DYNAMODB_PORT;

        @Option(
                names = "--dynamodb-endpoint",
                paramLabel = "URL",
                description =
                        "DynamoDB holding the history table (default: $AWS_ENDPOINT_URL_DYNAMODB, else the running"
                                + " `sluice-local up`'s, else " + DEFAULT_ENDPOINT + ").")
        URI dynamoDbEndpoint;

        @Option(
                names = "--app",
                paramLabel = "NAME",
                description = "Application name; the table is <app>-jobs (default: ${DEFAULT-VALUE}).")
        String app = "sluice";

        @Option(
                names = "--region",
                paramLabel = "REGION",
                description =
                        "Region to sign requests for; the local DynamoDB keeps tables per region (default: ${DEFAULT-VALUE}).")
        String region = LocalOptions.defaults().region();

        // The jobs subcommand this mixin serves: its streams, and its usage for a bad --page.
        @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
        picocli.CommandLine.Model.CommandSpec spec;

        String tableName() {
            return JobsTable.name(app);
        }

        /** The subcommand's command line, for usage errors. */
        CommandLine commandLine() {
            return spec.commandLine();
        }

        /** Where the subcommand prints. */
        java.io.PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** "table sluice-jobs at http://127.0.0.1:8000", for messages. */
        String where() {
            return "table " + tableName() + " at " + endpoint();
        }

        /** The option, else {@code AWS_ENDPOINT_URL_DYNAMODB} / {@code AWS_ENDPOINT_URL}, the running up's, the default. */
        URI endpoint() {
            return dynamoDbEndpoint != null
                    ? dynamoDbEndpoint
                    : io.sluice.local.LocalEndpoints.resolve(java.util.Map.of(), System.getenv())
                            .dynamoDb();
        }

        /**
         * Runs one read against the real {@link DynamoDbJobStore} and closes its client. Failures to reach
         * the endpoint or to find the table become one-line messages saying what to do; everything else
         * propagates to the command line's exception handler unchanged.
         */
        <T> T read(Function<JobStore, T> query) {
            try (DynamoDbClient client = LocalClients.dynamoDb(endpoint(), region, new DynamoDbRequestCounter())) {
                return query.apply(new DynamoDbJobStore(client, tableName(), JobStore.Retention.DEFAULT));
            } catch (ResourceNotFoundException e) {
                throw new IllegalStateException(
                        "no " + where() + " (region " + region + "); `sluice-local up` creates it, "
                                + "or check --app and --region",
                        e);
            } catch (SdkClientException e) {
                throw new IllegalStateException(
                        "cannot reach DynamoDB at " + endpoint() + " (" + RootCause.message(e)
                                + "); start `sluice-local up` or pass --dynamodb-endpoint",
                        e);
            }
        }

        /**
         * {@link #read} for a paged query: a {@code --page} token that the query cannot use (garbled, or
         * from another query) is a usage error, not a failure. The store reports such tokens in three ways:
         * one it cannot decode ({@link IllegalArgumentException}), one whose keys DynamoDB refuses as a
         * start key ({@code ValidationException}), and, in {@code failures}, one from {@code list}, whose
         * keys lack the day ({@link NullPointerException}, until the store checks for it).
         */
        <T> T readPage(String pageToken, Function<JobStore, T> query) {
            try {
                return read(query);
            } catch (IllegalArgumentException | NullPointerException | DynamoDbException e) {
                boolean refusedByDynamoDb = e instanceof DynamoDbException d && d.statusCode() == 400;
                if (pageToken == null || (e instanceof DynamoDbException && !refusedByDynamoDb)) {
                    throw e;
                }
                throw new ParameterException(
                        commandLine(),
                        "--page '" + pageToken + "' is not a token of this query; "
                                + "pass the one the same command printed, with the same options",
                        e);
            }
        }
    }
}
