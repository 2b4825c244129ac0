package io.mcpgateway.search;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.mcpgateway.restaurant.data.DataSet;
import io.mcpgateway.restaurant.meal.MealPeriodClassifier;
import io.mcpgateway.restaurant.search.RestaurantIndex;
import io.mcpgateway.restaurant.search.RestaurantSearch;

/**
 * The data set a search server serves, replaceable while it runs. A new data set is indexed completely before it
 * takes over in one step; every call reads one {@link Snapshot}, so a call in flight finishes on the data it started
 * with and none ever sees half of a new one.
 */
public final class SearchData {

    /** One data set, indexed, with what the tools need of it. */
    record Snapshot(RestaurantIndex index, RestaurantSearch search, SearchResponses responses) {

        DataSet dataSet() {
            return index.dataSet();
        }
    }

    private final AtomicReference<Snapshot> current;
    private final List<Runnable> replaced = new CopyOnWriteArrayList<>();
    private volatile Supplier<Map<String, Object>> reloading = Map::of;

    public SearchData(DataSet dataSet) {
        current = new AtomicReference<>(index(dataSet));
    }

    /** Indexes {@code next} and serves it from now on. */
    public void replace(DataSet next) {
        current.set(index(next));
        replaced.forEach(Runnable::run);
    }

    public DataSet dataSet() {
        return current.get().dataSet();
    }

    /** What {@code /health} shows of how the data is kept fresh (for example the last reload), when it is. */
    public void describeReloadsWith(Supplier<Map<String, Object>> details) {
        this.reloading = Objects.requireNonNull(details, "details");
    }

    Snapshot snapshot() {
        return current.get();
    }

    Map<String, Object> reloadDetails() {
        return reloading.get();
    }

    void onReplaced(Runnable listener) {
        replaced.add(listener);
    }

    private static Snapshot index(DataSet dataSet) {
        RestaurantIndex index = new RestaurantIndex(dataSet, new MealPeriodClassifier());
        return new Snapshot(index, new RestaurantSearch(index), new SearchResponses(dataSet.catalog(),
                SearchResponses.incompleteDistricts(dataSet), dataSet.restaurantsByDistrict().keySet()));
    }
}
