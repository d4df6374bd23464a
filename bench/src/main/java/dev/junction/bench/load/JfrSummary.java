package dev.junction.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of a load run, the way the load benchmark's findings are reported:
 * CPU samples by method (self and inclusive, and by the first Junction frame on the stack),
 * allocation by the allocating method and by the first Junction frame, and lock contention
 * (monitor enters and parks longer than JFR's threshold). Usage:
 * {@code JfrSummary recording.jfr [top=25] [thread-name-prefix]}.
 */
public final class JfrSummary {
    private JfrSummary() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        String threadPrefix = args.length > 2 ? args[2] : "";
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> ours = new HashMap<>();
        Map<String, Long> allocSelf = new HashMap<>();
        Map<String, Long> allocOurs = new HashMap<>();
        Map<String, Long> allocType = new HashMap<>();
        Map<String, Long> locks = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (!threadPrefix.isEmpty() && event.getThread() != null && event.getThread().getJavaName() != null
                    && !event.getThread().getJavaName().startsWith(threadPrefix)) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    if (stack == null || stack.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    List<RecordedFrame> frames = stack.getFrames();
                    self.merge(name(frames.get(0)), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    for (RecordedFrame frame : frames) {
                        String n = name(frame);
                        if (seen.add(n)) {
                            inclusive.merge(n, 1L, Long::sum);
                        }
                    }
                    ours.merge(firstOurs(frames), 1L, Long::sum);
                }
                case "jdk.ObjectAllocationSample" -> {
                    long weight = event.getLong("weight");
                    allocated += weight;
                    allocType.merge(event.getClass("objectClass").getName(), weight, Long::sum);
                    if (stack != null && !stack.getFrames().isEmpty()) {
                        allocSelf.merge(name(stack.getFrames().get(0)), weight, Long::sum);
                        allocOurs.merge(firstOurs(stack.getFrames()), weight, Long::sum);
                    }
                }
                case "jdk.JavaMonitorEnter", "jdk.ThreadPark", "jdk.JavaMonitorWait" -> {
                    String where = stack == null ? "?" : firstOurs(stack.getFrames());
                    String what = type.substring(4) + " " + (stack == null || stack.getFrames().isEmpty() ? "?"
                            : name(stack.getFrames().get(0))) + " <- " + where + " [" + event.getThread().getJavaName() + "]";
                    locks.merge(what, event.getDuration().toNanos(), Long::sum);
                }
                default -> { }
            }
        }
        System.out.printf(Locale.ROOT, "CPU samples: %d%n", samples);
        print("self", self, samples, top, "samples");
        print("inclusive", inclusive, samples, top, "samples");
        print("by first dev.junction frame (or the top frame when none)", ours, samples, top, "samples");
        System.out.printf(Locale.ROOT, "%nAllocation (sampled weight): %.1f MB%n", allocated / 1e6);
        print("allocation by allocating method", allocSelf, allocated, top, "bytes");
        print("allocation by first dev.junction frame", allocOurs, allocated, top, "bytes");
        print("allocation by class", allocType, allocated, top, "bytes");
        long lockTotal = locks.values().stream().mapToLong(Long::longValue).sum();
        print("blocking (monitor enter, park, wait) by duration", locks, Math.max(1, lockTotal), top, "ns");
    }

    private static String firstOurs(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("dev.junction.")) {
                return name(frame);
            }
        }
        return frames.isEmpty() ? "?" : "(no Junction frame) " + name(frames.get(0));
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Long> counts, long total, int top, String unit) {
        System.out.printf(Locale.ROOT, "%n-- %s%n", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "%6.1f%%  %12d %s  %s%n", 100.0 * e.getValue() / total,
                        e.getValue(), unit, e.getKey()));
    }
}
