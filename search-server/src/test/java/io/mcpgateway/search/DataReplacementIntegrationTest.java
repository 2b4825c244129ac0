package io.mcpgateway.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.restaurant.data.ClasspathDataSource;
import io.mcpgateway.restaurant.data.DataSet;
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.restaurant.data.DirectoryDataSource;
import io.mcpgateway.restaurant.search.PageRequest;
import io.mcpgateway.testsupport.McpTestClient;
import io.mcpgateway.testsupport.TestDataSets;
import tools.jackson.databind.json.JsonMapper;

/**
 * A search server whose data set is replaced while it serves (what an S3 reload does): calls in flight never fail
 * nor see a mix, and once replaced every answer, including one the result cache held, comes from the new data.
 */
@Timeout(120)
class DataReplacementIntegrationTest {

    private static final JsonMapper MAPPER = Json.newMapper();
    private static final Map<String, Object> CENTRAL = Map.of("districts", List.of("Central district"), "limit", 5);

    @Test
    void replacingTheDataUnderConcurrentSearchesDropsNothingAndServesTheNewDataAfterwards() throws Exception {
        DataSetLoader loader = new DataSetLoader(MAPPER, Clock.systemUTC());
        DataSet real = loader.load(new DirectoryDataSource(TestDataSets.hongKong()));
        DataSet demo = loader.load(ClasspathDataSource.bundledDemo());
        SearchData data = new SearchData(real);
        try (McpServerHost server = SearchServer.start(McpServerConfig.local(0), data,
                PageRequest.DEFAULT_MAX_PAGE_SIZE, MAPPER, Clock.systemUTC());
                McpTestClient client = McpTestClient.connect(server.port(), MAPPER)) {
            int realCount = totalCount(client);
            assertThat(realCount).isEqualTo(63);
            data.replace(demo);
            int demoCount = totalCount(client);
            assertThat(demoCount).as("the cached answer of the real data is not served").isNotEqualTo(realCount);
            data.replace(real);

            Set<Integer> seen = ConcurrentHashMap.newKeySet();
            AtomicInteger calls = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> loops = java.util.stream.IntStream.range(0, 4).<Future<?>>mapToObj(i ->
                        callers.submit(() -> {
                            while (running.get()) {
                                seen.add(totalCount(client));
                                calls.incrementAndGet();
                            }
                            return null;
                        })).toList();
                for (int i = 0; i < 20; i++) {
                    data.replace(i % 2 == 0 ? demo : real);
                    int before = calls.get();
                    await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() >= before + 2);
                }
                running.set(false);
                for (Future<?> loop : loops) {
                    loop.get(); // rethrows any failed call
                }
            }

            assertThat(calls.get()).isPositive();
            assertThat(seen).as("every answer is wholly one data set or the other").isSubsetOf(realCount, demoCount);
            assertThat(totalCount(client)).as("the last data set (real) is served").isEqualTo(realCount);
            assertThat(data.dataSet()).isSameAs(real);
        }
    }

    private static int totalCount(McpTestClient client) {
        Map<String, Object> found = McpTestClient.data(client.callChecked("search_restaurants_by_district", CENTRAL));
        return ((Number) found.get("total_count")).intValue();
    }
}
