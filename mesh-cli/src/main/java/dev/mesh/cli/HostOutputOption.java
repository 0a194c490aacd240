package dev.mesh.cli;

import picocli.CommandLine.Option;

/** {@code --output text|json} of every command that reports something. */
final class HostOutputOption {
    @Option(names = "--output", paramLabel = "FORMAT",
            description = "text (default), or json: one JSON document on standard output (README \"JSON output\"),"
                    + " messages on standard error.")
    OutputFormat format = OutputFormat.text;

    boolean json() {
        return format == OutputFormat.json;
    }
}
