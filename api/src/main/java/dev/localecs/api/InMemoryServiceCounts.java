package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ServiceCounts#inMemory()}: the last report of every service, by ARN. */
final class InMemoryServiceCounts implements ServiceCounts {
    private record Report(String cluster, String launchType, String status) {
    }

    private final Map<String, Report> reports = new ConcurrentHashMap<>();

    @Override
    public void report(String serviceArn, String cluster, String launchType, String status) {
        reports.put(requireNonNull(serviceArn, "serviceArn is null"), new Report(requireNonNull(cluster,
                "cluster is null"), requireNonNull(launchType, "launchType is null"),
                requireNonNull(status, "status is null")));
    }

    @Override
    public void forget(String serviceArn) {
        reports.remove(requireNonNull(serviceArn, "serviceArn is null"));
    }

    @Override
    public int count(String cluster, String launchType, String status) {
        Report wanted = new Report(cluster, launchType, status);
        return (int) reports.values().stream().filter(wanted::equals).count();
    }

    @Override
    public Optional<String> status(String serviceArn) {
        return Optional.ofNullable(reports.get(requireNonNull(serviceArn, "serviceArn is null"))).map(Report::status);
    }
}
