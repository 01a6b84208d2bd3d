package dev.localecs.runtime.bench;

import dev.localecs.runtime.it.RuntimeFixture;
import dev.localecs.runtime.it.TestImages;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Prints, from one run on this machine: the time from CreateService (desiredCount 10) to the service's steady
 * state against the time for 10 parallel RunTasks of the same definition to be RUNNING, on the real engine
 * (median of {@value #RUNS} runs each); and the CPU the service scheduler uses with 50 idle services (simulated
 * engine, so only the scheduler works). Run with {@code scripts/benchmark-services.sh}; not a test.
 */
public final class ServiceBenchmark {
    private static final int RUNS = 3;
    private static final int COUNT = 10;
    private static final int IDLE_SERVICES = 50;
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(30);

    private ServiceBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args unused
     * @throws Exception when something fails
     */
    public static void main(String[] args) throws Exception {
        TestImages.ensure();
        Path state = Files.createTempDirectory("service-bench");
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"))) {
            register(runtime, "bench-svc");
            List<Long> service = new ArrayList<>();
            List<Long> runTasks = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                service.add(createToSteady(runtime, "bench-" + run));
                runTasks.add(parallelRunTasks(runtime));
            }
            System.out.printf("CreateService(desiredCount %d) -> steady state: median %d ms %s | %d parallel "
                            + "RunTasks -> all RUNNING: median %d ms %s (service/RunTask x%.2f)%n", COUNT,
                    median(service), service, COUNT, median(runTasks), runTasks,
                    median(service) / (double) Math.max(1, median(runTasks)));
        }
        Path idleState = Files.createTempDirectory("service-bench-idle");
        try (RuntimeFixture runtime = RuntimeFixture.start(idleState, Map.of("tasks.engine", "simulated"))) {
            idleSchedulerCpu(runtime);
        }
    }

    private static void register(RuntimeFixture runtime, String family) {
        var response = runtime.post("RegisterTaskDefinition", "{\"family\": \"" + family
                + "\", \"containerDefinitions\": [{\"name\": \"app\", \"image\": \"" + TestImages.BUSYBOX
                + "\", \"memory\": 16, \"stopTimeout\": 1, \"command\": [\"sleep\", \"300\"]}]}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.body());
        }
    }

    /** CreateService → runningCount 10 with one deployment (what {@code services-stable} waits for); then deleted. */
    private static long createToSteady(RuntimeFixture runtime, String name) throws InterruptedException {
        long start = System.nanoTime();
        runtime.ecs().createService(r -> r.serviceName(name).taskDefinition("bench-svc").desiredCount(COUNT));
        Service service = describe(runtime, name);
        while (service.runningCount() != COUNT || service.deployments().size() != 1) {
            requireWithin(start, "service " + name + " steady");
            Thread.sleep(20);
            service = describe(runtime, name);
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        runtime.ecs().deleteService(r -> r.service(name).force(true));
        long deleted = System.nanoTime();
        while (!"INACTIVE".equals(describe(runtime, name).status())) {
            requireWithin(deleted, "service " + name + " inactive");
            Thread.sleep(100);
        }
        return took;
    }

    /** 10 RunTasks at once → all RUNNING; then stopped. */
    private static long parallelRunTasks(RuntimeFixture runtime) throws InterruptedException {
        List<String> arns = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            threads.add(Thread.ofPlatform().start(() -> arns.add(runtime.ecs()
                    .runTask(r -> r.taskDefinition("bench-svc")).tasks().getFirst().taskArn())));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        while (true) {
            List<Task> tasks = runtime.ecs().describeTasks(r -> r.tasks(arns)).tasks();
            if (tasks.stream().allMatch(task -> "RUNNING".equals(task.lastStatus()))) {
                break;
            }
            requireWithin(start, "10 RunTasks running");
            Thread.sleep(20);
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        arns.forEach(arn -> runtime.ecs().stopTask(r -> r.task(arn)));
        long stopping = System.nanoTime();
        while (!runtime.ecs().listTasks(r -> r.family("bench-svc").desiredStatus(DesiredStatus.RUNNING)).taskArns()
                .isEmpty() || runtime.ecs().describeTasks(r -> r.tasks(arns)).tasks().stream()
                .anyMatch(task -> !"STOPPED".equals(task.lastStatus()))) {
            requireWithin(stopping, "10 RunTasks stopped");
            Thread.sleep(100);
        }
        return took;
    }

    /** 50 steady services of one task each, then the scheduler thread's CPU over {@link #IDLE_WINDOW}. */
    private static void idleSchedulerCpu(RuntimeFixture runtime) throws InterruptedException {
        runtime.post("RegisterTaskDefinition", "{\"family\": \"bench-idle\", \"containerDefinitions\": "
                + "[{\"name\": \"app\", \"image\": \"busybox\", \"memory\": 16}]}");
        for (int i = 0; i < IDLE_SERVICES; i++) {
            String name = "idle-" + i;
            runtime.ecs().createService(r -> r.serviceName(name).taskDefinition("bench-idle").desiredCount(1));
        }
        long start = System.nanoTime();
        for (int i = 0; i < IDLE_SERVICES; i++) {
            String name = "idle-" + i;
            while (!describe(runtime, name).events().getFirst().message().endsWith("has reached a steady state.")) {
                requireWithin(start, name + " steady");
                Thread.sleep(50);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long scheduler = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("service-scheduler")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no service-scheduler thread")).threadId();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long schedulerBefore = threads.getThreadCpuTime(scheduler);
        long processBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        Thread.sleep(IDLE_WINDOW.toMillis());
        long wall = System.nanoTime() - wallBefore;
        long schedulerCpu = threads.getThreadCpuTime(scheduler) - schedulerBefore;
        long processCpu = os.getProcessCpuTime() - processBefore;
        System.out.printf("Scheduler with %d idle services (1 task each, simulated engine) over %d s: scheduler "
                        + "thread %.1f ms CPU (%.3f%% of one core, %.2f ms per 1 s tick); whole process %.1f ms "
                        + "(%.3f%%)%n", IDLE_SERVICES, IDLE_WINDOW.toSeconds(), schedulerCpu / 1e6,
                100.0 * schedulerCpu / wall, schedulerCpu / 1e6 / IDLE_WINDOW.toSeconds(), processCpu / 1e6,
                100.0 * processCpu / wall);
    }

    private static Service describe(RuntimeFixture runtime, String name) {
        return runtime.ecs().describeServices(r -> r.services(name)).services().getFirst();
    }

    private static void requireWithin(long start, String what) {
        if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(3)) {
            throw new IllegalStateException("waited 3 minutes for " + what);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
