package io.sluice.infra;

import io.sluice.catalogue.Catalogue;
import software.amazon.awscdk.App;

/**
 * The CDK app ({@code cdk.json} runs it): reads the job catalogue from the functions jar on the classpath, the
 * settings from CDK context ({@link SluiceContext}), and synthesizes one {@link SluiceStack} named
 * {@code Sluice} (or {@code Sluice-<app>} for another app name, so several apps can share an account).
 */
public final class SluiceApp {
    private SluiceApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        SluiceStackProps props = new SluiceContext(app.getNode()).props(Catalogue.load());
        new SluiceStack(app, stackName(props.app()), props);
        app.synth();
    }

    /** {@code Sluice} for the default app, {@code Sluice-<app>} otherwise. */
    static String stackName(String app) {
        return io.sluice.topology.Topology.DEFAULT_APP.equals(app) ? "Sluice" : "Sluice-" + app;
    }
}
