package io.mcpgateway.app.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CheckReportTest {

    private static CheckReport report(Check... checks) {
        CheckReport report = new CheckReport();
        for (Check check : checks) {
            report.add(check);
        }
        return report;
    }

    @Nested
    class Verdict {

        @Test
        void warningsPassUnlessStrict() {
            CheckReport report = report(Check.pass("a", ""), Check.warn("b", "degraded"));

            assertThat(report.exitCode(Check.Strictness.LENIENT)).isEqualTo(ExitCode.OK);
            assertThat(report.verdict(Check.Strictness.LENIENT)).isEqualTo("All 2 checks passed (1 warning).");
            assertThat(report.exitCode(Check.Strictness.STRICT)).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(report.verdict(Check.Strictness.STRICT))
                    .isEqualTo("1 of 2 checks failed (1 warning, failures with --strict).");
        }

        @Test
        void skippedChecksNeverFailButAreCounted() {
            CheckReport report = report(Check.fail("a", "down"), Check.skip("b", "needs a"), Check.skip("c", ""));

            assertThat(report.exitCode(Check.Strictness.LENIENT)).isEqualTo(ExitCode.CHECK_FAILED);
            assertThat(report.verdict(Check.Strictness.LENIENT)).isEqualTo("1 of 3 checks failed (2 skipped).");
        }
    }

    @Test
    void eachCheckIsALineThenTheVerdict() {
        StringWriter out = new StringWriter();

        report(Check.pass("gateway health", "healthy"), Check.fail("JWKS", "no keys"), Check.skip("metrics", ""))
                .print(new PrintWriter(out), Marks.UNICODE, Check.Strictness.LENIENT);

        assertThat(out.toString()).isEqualTo("✅ gateway health: healthy\n❌ JWKS: no keys\n➖ metrics\n"
                + "1 of 3 checks failed (1 skipped).\n");
    }

    @Test
    void jsonNamesEachCheckWithItsStatus() {
        assertThat(report(Check.warn("backend x", "unhealthy")).toJson())
                .containsExactly(java.util.Map.of("name", "backend x", "status", "warn", "detail", "unhealthy"));
    }

    @Nested
    class Symbols {

        @Test
        void aUtf8OutputGetsTheSymbols() {
            assertThat(Marks.forCharset("UTF-8")).isEqualTo(Marks.UNICODE);
        }

        @Test
        void anAsciiOutputGetsWordsInsteadOfQuestionMarks() {
            assertThat(Marks.forCharset("ANSI_X3.4-1968")).isEqualTo(Marks.ASCII);
            assertThat(Marks.ASCII.line(Check.fail("JWKS", "no keys"))).isEqualTo("[FAIL] JWKS: no keys");
        }

        @Test
        void anUnknownEncodingGetsWords() {
            assertThat(Marks.forCharset("no-such-charset")).isEqualTo(Marks.ASCII);
        }
    }
}
