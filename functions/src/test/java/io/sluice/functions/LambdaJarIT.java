package io.sluice.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The deployment package: lean (no Netty, no Apache HTTP client, no Joda-Time), self-contained (the entry
 * point, the runtime, the catalogue and every job type load from the jar alone), and its size printed.
 */
class LambdaJarIT {
    private final Path jar =
            Path.of(System.getProperty("sluice.lambda.jar", "target/sluice-functions-0.1.0-SNAPSHOT-lambda.jar"));

    @Test
    void discordAndEmailJobsWithTheSesClientLoadFromTheJarAlone() throws Exception {
        try (URLClassLoader isolated =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : List.of(
                    "io.sluice.functions.discord.DiscordJob",
                    "io.sluice.functions.email.EmailJob",
                    "software.amazon.awssdk.services.sesv2.SesV2Client",
                    "software.amazon.awssdk.services.sesv2.model.MessageRejectedException")) {
                Class.forName(name, true, isolated);
            }
            Class<?> catalogue = Class.forName("io.sluice.catalogue.Catalogue", true, isolated);
            Object loaded = catalogue.getMethod("load", ClassLoader.class).invoke(null, isolated);
            Collection<?> types = (Collection<?>) catalogue.getMethod("types").invoke(loaded);
            assertTrue(types.contains("discord") && types.contains("email"), "catalogue in the jar lists " + types);
        }
    }

    @Test
    void containsNoNettyNoApacheHttpClientAndNoJodaTime() throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> forbidden = file.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("io/netty/")
                            || n.startsWith("org/apache/http/")
                            || n.startsWith("org/apache/hc/")
                            || n.startsWith("software/amazon/awssdk/http/apache/")
                            || n.startsWith("software/amazon/awssdk/http/nio/netty/")
                            || n.startsWith("org/joda/"))
                    .limit(5)
                    .toList();
            assertEquals(List.of(), forbidden);
        }
        System.out.printf("Lambda jar %s: %.1f MB%n", jar.getFileName(), Files.size(jar) / 1024.0 / 1024.0);
    }

    @Test
    void containsNoProcessorNoProducerClientNoSchedulerSdkAndNothingLocalOnly() throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> forbidden = file.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("io/sluice/processor/")
                            || n.startsWith("io/sluice/client/")
                            || n.startsWith("io/sluice/moto/")
                            || n.startsWith("io/sluice/testing/")
                            || n.startsWith("io/sluice/local/")
                            || n.startsWith("software/amazon/awssdk/services/scheduler/")
                            || n.equals("META-INF/services/javax.annotation.processing.Processor"))
                    .limit(5)
                    .toList();
            assertEquals(List.of(), forbidden);
        }
    }

    @Test
    void sluicesOwnEntriesCarryTheBuildsFixedTimestampSoTheSameSourcesGiveTheSameJar() throws Exception {
        // Our classes get project.build.outputTimestamp, not the build's clock (dependencies keep the times in
        // their own jars, which do not change): an unchanged build is byte for byte the same jar, so the CDK asset
        // hash stays and `cdk deploy` publishes no new SnapStart version.
        try (JarFile file = new JarFile(jar.toFile())) {
            java.util.Set<java.time.LocalDate> days = file.stream()
                    .filter(e -> e.getName().startsWith("io/sluice/"))
                    .map(e -> e.getLastModifiedTime()
                            .toInstant()
                            .atZone(java.time.ZoneOffset.UTC)
                            .toLocalDate())
                    .collect(java.util.stream.Collectors.toSet());
            assertEquals(
                    java.util.Set.of(java.time.LocalDate.of(2026, 1, 1)),
                    days,
                    "a date in the past, so a build that ignores it cannot match");
        }
    }

    @Test
    void entryPointRuntimeAndCatalogueLoadFromTheJarAlone() throws Exception {
        try (URLClassLoader isolated =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : List.of(
                    "io.sluice.runtime.SluiceHandler",
                    "io.sluice.runtime.JobFunction",
                    "io.sluice.functions.webhook.WebhookJob",
                    "io.sluice.functions.tweet.TweetJob",
                    "io.sluice.functions.secrets.AwsSecretSource",
                    "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient",
                    "com.twitter.twittertext.TwitterTextParser",
                    "com.amazonaws.services.lambda.runtime.events.SQSEvent",
                    "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient")) {
                Class.forName(name, true, isolated);
            }
            Class<?> catalogue = Class.forName("io.sluice.catalogue.Catalogue", true, isolated);
            Object loaded = catalogue.getMethod("load", ClassLoader.class).invoke(null, isolated);
            Collection<?> types = (Collection<?>) catalogue.getMethod("types").invoke(loaded);
            assertTrue(types.contains("webhook") && types.contains("tweet"), "catalogue in the jar lists " + types);
        }
    }
}
