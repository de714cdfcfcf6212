package io.github.session4j.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * A diagnostic beside JMH: the wall time and this JVM's CPU time per request of targets, one
 * thread, measured after as many warm-up requests, for a quick steadier look when JMH's short
 * iterations are noisy. JVM CPU includes the kernel's loopback work done on this process' behalf.
 *
 * <p>Usage: {@code RequestCost REQUESTS TARGET...}; run the raw target first, then session4j's,
 * then both again, so that neither pays the JIT for the client library they share. The session's
 * size is the system property {@code bench.size} (bytes, default 1024).
 */
public final class RequestCost {

    private RequestCost() {
    }

    /**
     * Measures.
     *
     * @param args the request count, then target names
     */
    public static void main(String[] args) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int requests = Integer.parseInt(args[0]);
        int size = Integer.getInteger("bench.size", 1024);
        for (int a = 1; a < args.length; a++) {
            try (SessionTarget target = Targets.open(args[a], size)) {
                String handle = target.newSession();
                for (int i = 0; i < requests; i++) {
                    target.modify(handle);
                    target.read(handle);
                }
                for (String shape : new String[] {"read", "modify"}) {
                    long cpu = os.getProcessCpuTime();
                    long wall = System.nanoTime();
                    for (int i = 0; i < requests; i++) {
                        if (shape.equals("read")) {
                            target.read(handle);
                        } else {
                            target.modify(handle);
                        }
                    }
                    System.out.printf("%-22s %-6s JVM CPU %6.1f us/request, wall %6.1f us/request%n", args[a], shape,
                            (os.getProcessCpuTime() - cpu) / 1e3 / requests, (System.nanoTime() - wall) / 1e3 / requests);
                }
            }
        }
        System.exit(0); // client libraries' non-daemon threads must not keep the JVM alive
    }
}
