package io.github.session4j.redis;

import io.github.session4j.servers.RedisConnection;
import io.github.session4j.testkit.RoundTripCounter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the commands Redis servers have executed, from their own {@code INFO commandstats}: the
 * sum of {@code calls} over every command, less the commands that are not a round trip of the
 * backend's own.
 *
 * <p>Left out: {@code INFO} (this counter's own reads, and the backend's version check at start-up);
 * the commands of the connection handshake ({@code HELLO}, {@code AUTH}, {@code CLIENT *},
 * {@code CLUSTER *}, {@code COMMAND *}), which Lettuce sends when it (re)connects, not per
 * operation; the backend's other start-up commands, {@code PING} and {@code SCRIPT LOAD}, which it
 * sends only from {@code create()} (the kit may create a manager, and so connect a backend, inside
 * a measured request); and the commands Redis also counts when a script calls them
 * ({@link ReplaceScript#INNER_COMMANDS}), which run inside the scripts' one {@code EVALSHA} round
 * trip and which the backend never sends on its own. The append and staged scripts also run a
 * {@code PEXPIRE}, the command of {@code touch}, once per {@code APPEND} and per {@code RENAME},
 * and the {@code SET} of a staged value is pipelined with the staged script, which runs
 * {@code EXISTS} once: as many calls as those ({@link ReplaceScript#PAIRED_COMMANDS}) had are
 * taken off. So a replace and an append each count as one round trip, the {@code EVALSHA}, and a
 * staged replace as one too ({@code SET} and {@code EVALSHA} pipelined).
 */
final class CommandStats implements RoundTripCounter {

    private static final Pattern LINE = Pattern.compile("^cmdstat_([^:]+):calls=(\\d+)", Pattern.MULTILINE);
    private static final Set<String> LEFT_OUT = Set.of("info", "hello", "auth", "ping", "script|load");
    private static final List<String> LEFT_OUT_FAMILIES = List.of("client|", "cluster|", "command|");

    private final List<RedisConnection> servers;

    /**
     * Counts over the given servers (every master of a cluster, or one server).
     *
     * @param servers connections to each server
     */
    CommandStats(List<RedisConnection> servers) {
        this.servers = List.copyOf(servers);
    }

    /**
     * The round trips the servers have seen so far.
     *
     * @return a monotonically increasing count
     */
    @Override
    public long count() {
        Map<String, Long> calls = calls();
        long commands = calls.entrySet().stream()
                .filter(e -> isRoundTrip(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
        long paired = Arrays.stream(ReplaceScript.PAIRED_COMMANDS).mapToLong(c -> calls.getOrDefault(c, 0L)).sum();
        return commands - paired;
    }

    /**
     * Every command's calls, summed over the servers, by the name {@code INFO} gives it
     * (lower case, subcommands as {@code client|setname}).
     *
     * @return the calls by command
     */
    Map<String, Long> calls() {
        Map<String, Long> calls = new TreeMap<>();
        for (RedisConnection server : servers) {
            Matcher m = LINE.matcher(server.commands().info("commandstats"));
            while (m.find()) {
                calls.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
            }
        }
        return calls;
    }

    /**
     * The commands the servers ran for one operation, by name, without this counter's {@code INFO}.
     *
     * @param operation the operation
     * @return the calls each command gained, only those that gained any
     */
    Map<String, Long> commandsOf(Runnable operation) {
        Map<String, Long> before = calls();
        operation.run();
        Map<String, Long> delta = new TreeMap<>();
        calls().forEach((command, count) -> {
            long d = count - before.getOrDefault(command, 0L);
            if (d != 0 && !command.equals("info")) {
                delta.put(command, d);
            }
        });
        return delta;
    }

    private static boolean isRoundTrip(String command) {
        return !LEFT_OUT.contains(command)
                && !Arrays.asList(ReplaceScript.INNER_COMMANDS).contains(command)
                && LEFT_OUT_FAMILIES.stream().noneMatch(command::startsWith);
    }
}
