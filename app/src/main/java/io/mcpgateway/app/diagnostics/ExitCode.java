package io.mcpgateway.app.diagnostics;

/** The exit codes every diagnostic command documents in its help. */
public final class ExitCode {

    /** Every required check passed. */
    public static final int OK = 0;
    /** A check failed, or the input could not be read; the output says which and why. */
    public static final int CHECK_FAILED = 1;
    /** The command line was wrong (picocli's usage error code). */
    public static final int USAGE = 2;

    /** For {@code exitCodeList} in each command's help (annotation values must be constants, not an array). */
    public static final String HELP_OK = "0:every required check passed";
    public static final String HELP_FAILED = "1:a check failed, or the input could not be read (the output says why)";
    public static final String HELP_USAGE = "2:invalid command line";
    public static final String HELP_HEADING = "%nExit codes:%n";

    private ExitCode() {
    }
}
