package io.sluice.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sluice-local} command line: {@code up} runs the job types on local emulators, {@code demo}
 * runs a mixed webhook workload end to end and checks every job is accounted for, {@code bench} measures
 * throughput against raw ElasticMQ, {@code jobs} and {@code schedules} read job history and the scheduler's
 * schedules, {@code enqueue} and {@code cancel} act as a producer, and {@code status}, {@code dlq}, {@code pause} and
 * {@code resume} operate sluice-local or, with {@code --aws}, a deployed app. Errors are reported in one line with
 * exit code 2 for bad usage (an unknown type, a bad duration) and 1 for failures, never as a stack trace (set
 * {@code SLUICE_VERBOSE=1} for one). Every command and subcommand takes {@code --help}.
 */
@Command(
        name = "sluice-local",
        mixinStandardHelpOptions = true,
        version = "sluice-local 0.1.0",
        description = "Run Sluice's job functions on one machine, against real SQS and DynamoDB emulators.",
        subcommands = {
            UpCommand.class,
            DemoCommand.class,
            BenchCommand.class,
            io.sluice.local.cli.JobsCommand.class,
            io.sluice.local.cli.EnqueueCommand.class,
            io.sluice.local.cli.CancelCommand.class,
            io.sluice.local.cli.SchedulesCommand.class,
            io.sluice.local.cli.StatusCommand.class,
            io.sluice.local.cli.DlqCommand.class,
            io.sluice.local.cli.PauseCommand.class,
            io.sluice.local.cli.ResumeCommand.class,
            io.sluice.local.cli.ConsoleCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SluiceLocal {
    public static void main(String[] args) {
        // Before any logger exists: per-job lines are what `up` is for, but they would bury the demo's
        // and bench's output. SLUICE_LOG_LEVEL (trace..error) overrides either default.
        boolean up = args.length > 0 && "up".equals(args[0]);
        // The functions jar carries Lambda's JSON-lines binding; on a terminal, plain lines read better.
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        }
        System.setProperty(
                "org.slf4j.simpleLogger.defaultLogLevel",
                System.getenv().getOrDefault("SLUICE_LOG_LEVEL", up ? "info" : "warn"));
        if (!up && System.getenv("SLUICE_LOG_LEVEL") == null) {
            // The demo and bench deliberately fail jobs; their summary tables report them.
            System.setProperty("org.slf4j.simpleLogger.log.io.sluice", "error");
        }
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.pekko", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.elasticmq", "warn");
        System.setProperty("slf4j.internal.verbosity", "WARN");
        // The JDK keeps only 5 idle keep-alive connections per host by default; with dozens of pollers and
        // lanes talking to one local SQS, the rest would reconnect on every call.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        System.exit(commandLine().execute(args));
    }

    /** Gives every command that lacks one a {@code -h, --help} option, so none refuses it or declares its own. */
    private static void addHelp(CommandLine command) {
        if (command.getCommandSpec().options().stream().noneMatch(o -> o.usageHelp())) {
            command.getCommandSpec()
                    .addOption(CommandLine.Model.OptionSpec.builder("-h", "--help")
                            .usageHelp(true)
                            .description("Show this help and exit.")
                            .build());
        }
        command.getSubcommands().values().forEach(SluiceLocal::addHelp);
    }

    /** The configured command line, for tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SluiceLocal());
        addHelp(cli);
        // A bad option or argument: the one line that says what was wrong, and where the usage is, not the whole usage.
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("sluice-local: " + e.getMessage());
            if (!command.getSubcommands().isEmpty()) {
                // A group run without its subcommand: the list of them is the answer.
                command.usage(command.getErr());
            } else {
                command.getErr()
                        .println("Run `" + command.getCommandSpec().qualifiedName() + " --help` for its options.");
            }
            command.getErr().flush();
            return command.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("sluice-local: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (System.getenv("SLUICE_VERBOSE") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            // A request the operations refused as wrong is bad usage, like a bad option; anything else failed.
            return e instanceof io.sluice.ops.OperationException o
                            && o.kind() == io.sluice.ops.OperationException.Kind.INVALID
                    ? 2
                    : 1;
        });
        return cli;
    }
}
