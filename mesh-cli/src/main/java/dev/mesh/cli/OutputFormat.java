package dev.mesh.cli;

/** {@code --output text|json}: human lines, or one JSON document on standard output. */
enum OutputFormat {
    text, json
}
