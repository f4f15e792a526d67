package io.sluice.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.sluice.catalogue.Catalogue;
import io.sluice.topology.Topology;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

/**
 * The bundled CDK app ({@code cdk.json} runs it): reads the job catalogue from the functions jar on the classpath and
 * the settings from CDK context ({@link SluiceContext}), and synthesizes one stack named {@code Sluice} (or
 * {@code Sluice-<app>} for another app name, so several apps can share an account) that holds one {@link Sluice},
 * with cdk-nag's AwsSolutions checks on every synthesis. To put Sluice in a CDK app of your own, use {@link Sluice}.
 */
public final class SluiceApp {
    /**
     * The id of the app's Sluice construct. CDK leaves {@code Default} out of logical ids, so the resources keep the
     * logical ids they had when the stack built them itself, and a deployed stack sees no resource replaced.
     */
    static final String CONSTRUCT_ID = "Default";

    private SluiceApp() {}

    public static void main(String[] args) {
        App app = new App();
        addStack(app, new SluiceContext(app.getNode()).props(Catalogue.load()));
        app.synth();
    }

    /** Adds the bundled app's stack to {@code app}, and returns the Sluice construct in it. */
    static Sluice addStack(App app, SluiceProps props) {
        Stack stack = new Stack(
                app,
                stackName(props.app()),
                StackProps.builder()
                        .description("Sluice background jobs (app " + props.app()
                                + "): queues, functions, tables, schedules, alarms")
                        .build());
        Sluice sluice = new Sluice(stack, CONSTRUCT_ID, props);
        SluiceContext context = new SluiceContext(app.getNode());
        if (context.jobsApi()) {
            sluice.addJobsApi(context.jobsApiJar());
        }
        Aspects.of(stack)
                .add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return sluice;
    }

    /** {@code Sluice} for the default app, {@code Sluice-<app>} otherwise. */
    static String stackName(String app) {
        return Topology.DEFAULT_APP.equals(app) ? "Sluice" : "Sluice-" + app;
    }
}
