package io.mcpgateway.restaurant.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.adobe.testing.s3mock.junit5.S3MockExtension;

import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.LocalProcessFiles;
import io.mcpgateway.testsupport.TestDataSets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The S3 data source against a real S3-compatible server (Adobe S3Mock, in-process) holding the real data set, read
 * through the endpoint override and path-style addressing an S3-compatible store needs.
 */
@Timeout(120)
class S3DataSourceTest {

    private static final String BUCKET = "restaurant-data";

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent().withSecureConnection(false)
            .withHttpPort(LocalProcessFiles.freePort()).withInitialBuckets(BUCKET).build();

    private static S3Client uploader;
    private static Path hongKong;
    private final DataSetLoader loader = new DataSetLoader(Json.newMapper(), Clock.systemUTC());

    @BeforeAll
    static void uploadTheRealDataSet() {
        hongKong = TestDataSets.hongKong();
        uploader = S3_MOCK.createS3ClientV2();
        upload("hk/", hongKong);
    }

    @AfterAll
    static void closeClient() {
        if (uploader != null) {
            uploader.close();
        }
    }

    private static void upload(String prefix, Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                put(prefix + root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(String key, byte[] bytes) {
        uploader.putObject(PutObjectRequest.builder().bucket(BUCKET).key(key).build(), RequestBody.fromBytes(bytes));
    }

    private static S3DataSource source(String prefix) {
        return S3DataSource.connect(new S3Location(BUCKET, prefix, "us-east-1",
                URI.create(S3_MOCK.getServiceEndpoint().replace("https:", "http:"))),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")));
    }

    @Test
    void theDataSetReadFromS3IsTheOneReadFromTheDirectory() {
        try (S3DataSource s3 = source("hk")) {
            DataSet fromS3 = loader.load(s3);
            DataSet fromDisk = loader.load(new DirectoryDataSource(hongKong));

            assertThat(fromS3.restaurantCount()).isEqualTo(1849).isEqualTo(fromDisk.restaurantCount());
            assertThat(fromS3.districtFileCount()).isEqualTo(29);
            assertThat(fromS3.catalog().size()).isEqualTo(fromDisk.catalog().size());
            assertThat(fromS3.problems()).isEqualTo(fromDisk.problems());
            assertThat(fromS3.source()).startsWith("s3://restaurant-data/hk/");
        }
    }

    @Test
    void aMalformedObjectIsReportedByItsPathAndTheRestLoads() throws IOException {
        upload("broken/", hongKong);
        List<String> files;
        try (S3DataSource s3 = source("broken/")) {
            files = new ArrayList<>(s3.list("restaurants"));
        }
        String malformed = files.get(0);
        String missing = files.get(1);
        put("broken/" + malformed, "{\"restaurants\": [".getBytes());
        uploader.deleteObject(b -> b.bucket(BUCKET).key("broken/" + missing));

        try (S3DataSource s3 = source("broken/")) {
            DataSet loaded = loader.load(s3);
            DataSet complete = loader.load(source("hk/"));

            assertThat(loaded.problems()).filteredOn(problem -> !problem.isWarning()).extracting(LoadProblem::file)
                    .containsExactly(malformed);
            assertThat(loaded.districtFileCount()).as("a deleted district file is a district without restaurants")
                    .isEqualTo(complete.districtFileCount() - 2);
            assertThat(loaded.restaurantCount()).isPositive().isLessThan(complete.restaurantCount());
        }
    }

    @Test
    void folderObjectsAConsoleMakesAreNoFiles() {
        upload("folders/", hongKong);
        put("folders/restaurants/", new byte[0]);
        put("folders/restaurants/kowloon/", new byte[0]);

        try (S3DataSource s3 = source("folders/")) {
            DataSet loaded = loader.load(s3);

            assertThat(loaded.problems()).isEqualTo(loader.load(new DirectoryDataSource(hongKong)).problems());
            assertThat(loaded.restaurantCount()).isEqualTo(1849);
        }
    }

    @Test
    void theVersionChangesWithAnyObjectOfTheLayoutAndOnlyThen() throws IOException {
        upload("versioned/", hongKong);
        try (S3DataSource s3 = source("versioned/")) {
            String before = s3.version();
            assertThat(s3.version()).as("nothing changed").isEqualTo(before);

            put("versioned/LICENSE", "changed".getBytes());
            put("versioned/notes/2026-12.txt", "an export".getBytes());
            assertThat(s3.version()).as("objects outside districts/ and restaurants/ are not loaded").isEqualTo(before);

            put("versioned/restaurants/extra.json", "{}".getBytes());
            assertThat(s3.version()).isNotEqualTo(before);
        }
    }

    @Test
    void anObjectLargerThanTheLimitIsADataSetProblemNamingItsSize() throws IOException {
        upload("large/", hongKong);
        long limit = 20_000;
        List<String> larger;
        try (Stream<Path> files = Files.walk(hongKong.resolve("restaurants"))) {
            larger = files.filter(file -> file.toFile().length() > limit)
                    .map(file -> hongKong.relativize(file).toString().replace('\\', '/')).sorted().toList();
        }
        assertThat(larger).as("the real data set has district files over the limit").isNotEmpty();
        try (FileLimit ignored = FileLimit.of(limit); S3DataSource s3 = source("large/")) {
            s3.version();

            DataSet loaded = loader.load(s3);

            assertThat(loaded.problems()).filteredOn(problem -> !problem.isWarning()).extracting(LoadProblem::file)
                    .containsExactlyInAnyOrderElementsOf(larger);
            assertThat(loaded.problems()).filteredOn(problem -> problem.file().equals(larger.get(0))).singleElement()
                    .satisfies(problem -> {
                        assertThat(problem.reason()).startsWith("the file is ")
                                .contains(" KB, more than the 19.5 KB a data file may have");
                        assertThat(problem.isUnreadable()).as("its content: not read again until it changes")
                                .isFalse();
                    });
            assertThat(loaded.restaurantCount()).isPositive().isLessThan(1849);
        }
    }

    @Test
    void objectsAreReadAsTheVersionListedThemAndOneChangedSinceIsAFailedRead() throws IOException {
        upload("changing/", hongKong);
        try (S3DataSource s3 = source("changing/")) {
            String file = s3.list("restaurants").get(0);
            s3.version();
            assertThat(s3.read(file)).as("unchanged since the listing").isPresent();

            put("changing/" + file, "{\"restaurants\": []}".getBytes());

            assertThatThrownBy(() -> s3.read(file)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(file + " in s3://restaurant-data/changing/")
                    .hasMessageContaining("changed since the objects were listed");
            s3.version();
            assertThat(s3.read(file)).hasValueSatisfying(bytes -> assertThat(new String(bytes,
                    StandardCharsets.UTF_8)).isEqualTo("{\"restaurants\": []}"));
        }
    }

    @Test
    void aStoreThatCannotBeReachedIsAnErrorNotAnEmptyDataSet() {
        try (S3DataSource nowhere = S3DataSource.connect(new S3Location(BUCKET, "", "us-east-1",
                URI.create("http://127.0.0.1:" + LocalProcessFiles.freePort())),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))) {
            assertThatThrownBy(() -> loader.load(nowhere)).isInstanceOf(DataSetException.class)
                    .hasMessageContaining("s3://restaurant-data/");
        }
    }

    @Test
    void theSdksReasonsAreOneShortLine() {
        String chain = "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain("
                + "credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider()"
                + "]) : [SystemPropertyCredentialsProvider(): Unable to load credentials from system settings. ...]";
        assertThat(S3DataSource.reason(software.amazon.awssdk.core.exception.SdkClientException.create(chain)))
                .isEqualTo("no AWS credentials found (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or an"
                        + " instance or pod role)");
        assertThat(S3DataSource.reason(software.amazon.awssdk.core.exception.SdkClientException.create(
                "x".repeat(400) + "\nmore"))).hasSize(303).endsWith("...");
    }
}
