package io.mcpgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How failures and problems are shown: their own words, without values that could be secrets. */
class ShownProblemsTest {

    @Test
    void aFileFailureSaysWhyNotOnlyWhichFile() {
        assertThat(ShownProblems.reason(new AccessDeniedException("/srv/data")))
                .isEqualTo("/srv/data: permission denied");
        assertThat(ShownProblems.reason(new UncheckedIOException(new NoSuchFileException("/proc/nope"))))
                .isEqualTo("/proc/nope: no such file or directory");
        assertThat(ShownProblems.reason(new AccessDeniedException(null))).isEqualTo("permission denied");
        assertThat(ShownProblems.reason(new FileSystemException("/sys/x", null, "Operation not permitted")))
                .isEqualTo("/sys/x: Operation not permitted");
    }

    @Test
    void wrappersThatRepeatTheirCauseAreLeftOut() {
        IOException cause = new IOException("Address already in use");
        assertThat(ShownProblems.reason(new IOException("Failed to bind to 127.0.0.1:8080", cause)))
                .isEqualTo("Failed to bind to 127.0.0.1:8080: Address already in use");
        assertThat(ShownProblems.reason(new RuntimeException(cause))).isEqualTo("Address already in use");
    }

    @Test
    void aValueAndUserInformationAreNotShown() {
        assertThat(ShownProblems.of("rate_limits.redis_url must be a redis URL but was 'redis://:hunter2@x'"))
                .isEqualTo("rate_limits.redis_url must be a redis URL");
        assertThat(ShownProblems.of("cannot reach https://user:pw@idp.example.com/keys"))
                .isEqualTo("cannot reach https://idp.example.com/keys");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // base64 passwords hold '/', and some hold '@': none of it may show, at start-up or anywhere
            "REDIS_URL must look like redis://host:port but was 'redis://:Zm9v/YmFy+cXV4@redis:6379'"
                    + "|REDIS_URL must look like redis://host:port but was 'redis://redis:6379'",
            "cannot reach redis://user:p@ss/w0rd@cache:6379 now|cannot reach redis://cache:6379 now",
            "redis:/:secret@host and https://idp.example.com/keys|redis:/host and https://idp.example.com/keys"})
    void passwordsWithSlashesOrAtSignsAreRemovedWhole(String message, String shown) {
        assertThat(ShownProblems.withoutUserInfo(message)).isEqualTo(shown);
        assertThat(new ConfigException(message).getMessage()).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // refused as malformed: a password may hold what no URL can
            "http://u:SECRET X2@127.0.0.1:8001|http://127.0.0.1:8001",
            "u:secret@host:8001|host:8001",
            // one that parses loses exactly its user information: an '@' further on is no password
            "http://u:p@h:99999/x?mail=a@b.c|http://h:99999/x?mail=a@b.c",
            "http://h:99999/x?mail=a@b.c|http://h:99999/x?mail=a@b.c",
            "http://host:8001/mcp|http://host:8001/mcp"})
    void aValueMeantAsOneUrlLosesAllBeforeItsLastAtSign(String url, String shown) {
        assertThat(ShownProblems.urlWithoutUserInfo(url)).isEqualTo(shown);
        assertThat(ShownProblems.urlWithoutUserInfo("http://u:it's\"se@cret@host/mcp")).isEqualTo("http://host/mcp");
    }
}
