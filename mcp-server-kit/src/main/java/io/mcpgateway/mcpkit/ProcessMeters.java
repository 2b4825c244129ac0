package io.mcpgateway.mcpkit;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM's and the process's own meters (Micrometer's binders: heap and other memory pools, garbage collections,
 * threads, classes, CPU, open file descriptors, uptime), so that an instance running out of heap, collecting often or
 * short of descriptors can be alerted on before its callers notice; the {@code /metrics/prometheus} of the MCP servers
 * and of the gateway have them. The gateway's belong to the process, not to a configuration: bound
 * once, kept across reloads. Not the JVM's exact version ({@code jvm_info}): the gateway's page is public, and the
 * version tells an attacker which published flaws to try.
 */
public final class ProcessMeters implements AutoCloseable {

    /** Listens to the JVM's collection notifications until closed. */
    private final JvmGcMetrics collections = new JvmGcMetrics();

    public ProcessMeters(MeterRegistry registry) {
        List<MeterBinder> binders = List.of(new JvmMemoryMetrics(), collections, new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new ProcessorMetrics(), new FileDescriptorMetrics(),
                new UptimeMetrics());
        binders.forEach(binder -> binder.bindTo(registry));
    }

    /** Stops listening to collections: a process that starts several gateways (tests) would keep each registry. */
    @Override
    public void close() {
        collections.close();
    }
}
