package io.mcpgateway.app.diagnostics.load;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.mcpgateway.app.diagnostics.Marks;

/**
 * What a load test found, for people (lines and a histogram) or for scripts (one JSON object), with the verdict
 * against the required success rate.
 */
record LoadReport(LoadPlan plan, LoadResults results, double minSuccess) {

    boolean passed() {
        return results.successRate() >= minSuccess;
    }

    void printText(PrintWriter out, Marks marks) {
        LoadResults r = results;
        out.printf("Load test: %s to %s, %d at a time%n", plan.describe(), plan.target(), plan.workers());
        out.printf(Locale.ROOT, "Requests:    %,d (%,d succeeded, %,d failed)%n", r.sent(), r.succeeded(), r.failed());
        out.printf(Locale.ROOT, "Success:     %.2f%%%n", r.successRate() * 100);
        out.printf(Locale.ROOT, "Duration:    %.2f s%n", r.wallMillis() / 1000);
        out.printf(Locale.ROOT, "Throughput:  %.1f requests/s%n", r.throughputPerSecond());
        if (r.latency().count() > 0) {
            out.printf("Latency:     %s ms (%,d answered requests)%n", r.latency().line(), r.latency().count());
            out.println("Latency histogram:");
            r.histogram().lines().forEach(line -> out.println("  " + line));
        } else {
            out.println("Latency:     no request was answered");
        }
        if (!r.errors().isEmpty()) {
            out.println("Errors:");
            r.errorsByFrequency().forEach((kind, count) -> out.printf(Locale.ROOT, "  %s: %,d%n", kind, count));
        }
        out.printf(Locale.ROOT, "%s success rate %.2f%% %s --min-success %.2f%%%n",
                passed() ? marks.pass() : marks.fail(), r.successRate() * 100, passed() ? "reaches" : "is below",
                minSuccess * 100);
    }

    Map<String, Object> toJson() {
        LoadResults r = results;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("target", plan.target().toString());
        json.put("method", plan.method());
        json.put("concurrency", plan.workers());
        json.put("requests", r.sent());
        json.put("succeeded", r.succeeded());
        json.put("failed", r.failed());
        json.put("success_rate", r.successRate());
        json.put("min_success", minSuccess);
        json.put("passed", passed());
        json.put("duration_ms", Math.round(r.wallMillis() * 1000.0) / 1000.0);
        json.put("throughput_per_second", Math.round(r.throughputPerSecond() * 10.0) / 10.0);
        json.put("latency", r.latency().toJson());
        json.put("histogram", r.histogram().toJson());
        json.put("errors", r.errorsByFrequency());
        return json;
    }
}
