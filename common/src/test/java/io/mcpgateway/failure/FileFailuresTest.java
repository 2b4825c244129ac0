package io.mcpgateway.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

class FileFailuresTest {

    @Test
    void aFailureThatNamesTheFileOnlyGainsWhatWentWrong() {
        assertThat(FileFailures.describe(new AccessDeniedException("/srv/data/a.json")))
                .isEqualTo("/srv/data/a.json: permission denied");
        assertThat(FileFailures.describe(new NoSuchFileException("/srv/data/a.json")))
                .isEqualTo("/srv/data/a.json: no such file or directory");
    }

    @Test
    void aFailureWithAReasonOrNoFileIsShownAsItIs() {
        assertThat(FileFailures.describe(new FileSystemException("/srv/data", null, "Too many open files")))
                .isEqualTo("/srv/data: Too many open files");
        assertThat(FileFailures.describe(new IOException("Connection reset"))).isEqualTo("Connection reset");
        assertThat(FileFailures.describe(new IOException())).isEqualTo("IOException");
    }
}
