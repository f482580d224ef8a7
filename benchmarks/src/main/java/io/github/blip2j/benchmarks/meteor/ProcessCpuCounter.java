package io.github.blip2j.benchmarks.meteor;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH secondary results {@code cpuMs} and {@code calls}: process CPU time (all threads, JIT and
 * GC included) spent in the measured calls, and the number of calls; JMH sums both over the
 * measurement iterations, so CPU per call = cpuMs / calls. Wall-clock time depends on how busy
 * the machine is; CPU time per call much less so, which makes runs on a shared machine comparable.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class ProcessCpuCounter {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private long cpuNanos;
    private long calls;
    private long started;

    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        calls = 0;
    }

    /** Call right before the measured work. */
    public void start() {
        started = OS.getProcessCpuTime();
    }

    /** Call right after the measured work. */
    public void stop() {
        cpuNanos += OS.getProcessCpuTime() - started;
        calls++;
    }

    /** Process CPU milliseconds spent in measured calls during this iteration. */
    public double cpuMs() {
        return cpuNanos / 1e6;
    }

    /** Measured calls during this iteration. */
    public long calls() {
        return calls;
    }
}
