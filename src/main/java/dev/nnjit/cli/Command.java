package dev.nnjit.cli;

import java.util.List;

/**
 * One subcommand of {@code nnjit}. A command only parses its arguments and does its job: {@link Main#invoke} gives
 * every command the same {@code --help} (usage and help to stdout, exit 0), the same usage errors (exit 2, one line
 * and a pointer to {@code nnjit NAME --help}) and the same failures (exit 1, one line; the stack trace with
 * {@code --verbose} or NNJIT_DEBUG=1).
 */
interface Command {
    /** The word after {@code nnjit}. */
    String name();

    /** The usage lines, each starting {@code "  nnjit NAME"} (continuation lines indented under it). */
    String usage();

    /** What the command does, for {@code nnjit --help} (which puts the name before it): a line, or two. */
    String summary();

    /** What {@code nnjit NAME --help} prints under the usage: the options and details. Defaults to the summary. */
    default String help() { return summary(); }

    /**
     * Runs the command on the arguments after its name and returns the exit code. Throws {@link UsageException} for
     * a malformed command line and any other exception for a failure, with a message written for the user.
     */
    int run(List<String> args, CommandIo io) throws Exception;
}
