package dev.nnjit.cli;

import dev.nnjit.runtime.Flags;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code nnjit} command line (started by bin/nnjit): finds the {@link Command} and runs it through
 * {@link #invoke}, the one place that turns help requests, usage errors and failures into output and exit codes.
 * Exit codes: 0 success, 1 a model, feeds, file or runtime error (one line on stderr; the stack trace too with
 * --verbose or NNJIT_DEBUG=1), 2 a usage error.
 */
public final class Main {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;

    /** Every command, in the order {@code nnjit --help} lists them. */
    static List<Command> commands() {
        return List.of(new RunCommand(), new InfoCommand(), new OpsCommand(), new ServeCommand(), new BenchCommand(),
                new WorkbenchCommand(), new TokenizeCommand(), new TuneCommand(TuneInBrowser::tune),
                new KernelsCommand(), new GenerateCommand(), new SimilarityCommand());
    }

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err, System.getenv());
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command with the given streams and environment; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, System.in, out, err, env);
    }

    /** As above, with the standard input that {@code tokenize} reads. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandIo io = new CommandIo(in, out, err, env, Flags.parseLevel(env.get("NNJIT_DEBUG")));
        List<String> list = Arrays.asList(args);
        if (list.isEmpty()) return usageError(io, "no command given", "nnjit --help");
        String name = list.get(0);
        switch (name) {
            case "-h": case "--help": case "help":
                out.print(helpText());
                return OK;
            case "-V": case "--version": case "version":
                out.println("nnjit " + Version.get() + " (Java " + System.getProperty("java.version") + ")");
                return OK;
            default:
                for (Command c : commands()) if (c.name().equals(name)) return invoke(c, list.subList(1, list.size()), io);
                return usageError(io, "unknown command '" + name + "'", "nnjit --help");
        }
    }

    /**
     * Runs {@code command} on {@code args} the way every command runs: {@code -h}/{@code --help} anywhere prints its
     * usage and help and exits 0; a {@link UsageException} is one line and exit 2; any other failure is one line
     * (newlines in a message are joined) and exit 1, with the stack trace under --verbose or NNJIT_DEBUG=1.
     */
    static int invoke(Command command, List<String> args, CommandIo io) {
        if (args.contains("-h") || args.contains("--help")) {
            io.out().print("Usage:\n" + command.usage() + "\n\n" + command.help() + "\n");
            return OK;
        }
        try {
            return command.run(args, io);
        } catch (UsageException e) {
            return usageError(io, e.getMessage(), "nnjit " + command.name() + " --help");
        } catch (Exception | Error e) {
            io.err().println("nnjit: error: " + oneLine(describe(e)));
            if (args.contains("--verbose") || io.debugLevel() >= 1) e.printStackTrace(io.err());
            return ERROR;
        }
    }

    /** {@code nnjit --help}: every command's usage, then every command's summary. */
    static String helpText() {
        StringBuilder b = new StringBuilder(
                "nnjit: run ONNX models with the nnjit engine (JVM, or WebAssembly and WebGPU in headless Chromium)\n\n"
                + "Usage:\n");
        for (Command c : commands()) b.append(c.usage()).append('\n');
        b.append("  nnjit --version\n  nnjit --help\n  nnjit COMMAND --help\n\n");
        for (Command c : commands()) {
            b.append(String.format(java.util.Locale.ROOT, "%-11s", c.name()))
                    .append(c.summary().replace("\n", "\n           ")).append('\n');
        }
        return b.append("\nExit codes: 0 success, 1 model/feeds/runtime error (message on stderr), 2 usage error.\n")
                .toString();
    }

    private static int usageError(CommandIo io, String message, String help) {
        io.err().println("nnjit: " + oneLine(message));
        io.err().println("Run '" + help + "' for usage.");
        return USAGE;
    }

    /** A message as one line: line breaks inside it (a parser's hint on a second line) become "; ". */
    static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /**
     * The message for the user. Exceptions thrown on purpose (the engine's, the loader's, this command's, the
     * browser runner's) carry messages written for users and are shown as they are; the exception types that only
     * come from programming errors (and every Error: a broken class path, a stack overflow), or an exception without
     * a message, are labelled as internal errors so they are not mistaken for bad input.
     */
    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (give the JVM more with NNJIT_JAVA_OPTS=-Xmx8g)";
        }
        String m = e.getMessage();
        boolean bug = e instanceof NullPointerException || e instanceof ClassCastException
                || e instanceof IndexOutOfBoundsException || e instanceof ArithmeticException
                || e instanceof ArrayStoreException || e instanceof NegativeArraySizeException
                || e instanceof Error; // OutOfMemoryError is answered above
        if (!bug && m != null && !m.isEmpty()) return m;
        return "internal error: " + e + (e.getCause() != null ? " (cause: " + e.getCause() + ")" : "")
                + "; rerun with --verbose for the stack trace";
    }
}
