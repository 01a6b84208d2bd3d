package dev.localecs.plugins.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.EcsEvent;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.api.model.Task;
import dev.localecs.testing.FakePluginContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker's delivery: never blocking the lifecycle, batches of 10 in order, retries, /health, flush, off. */
class EventDeliveryTest {
    private final FakePluginContext context = new FakePluginContext()
            .config("upstream.events.endpoint", "http://127.0.0.1:4010")
            .environment("AWS_ACCESS_KEY_ID", "AKIDEVENTS")
            .environment("AWS_SECRET_ACCESS_KEY", "events-secret");
    private final List<EventBridgeEventsWorker> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() {
        workers.forEach(EventBridgeEventsWorker::stop);
    }

    @Test
    void eventsQueuedWhileTheSinkIsBusyGoOutInBatchesOfTenInOrder() throws Exception {
        RecordingSink sink = RecordingSink.held();
        start(sink);
        List<String> arns = new ArrayList<>();
        arns.add(addTask().taskArn());
        sink.awaitEntered();
        for (int i = 0; i < 24; i++) {
            arns.add(addTask().taskArn());
        }
        sink.release();

        assertThat(sink.awaitEvents(25)).extracting(e -> e.resources().get(0)).containsExactlyElementsOf(arns);
        assertThat(sink.batches()).extracting(List::size).containsExactly(1, 10, 10, 4);
    }

    @Test
    void theListenerNeverWaitsForEventBridge() throws Exception {
        RecordingSink sink = RecordingSink.held();
        start(sink);
        addTask();
        sink.awaitEntered();

        long started = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            addTask();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("50 changes while PutEvents hangs")
                .isLessThan(Duration.ofSeconds(2));
        sink.release();
        sink.awaitEvents(51);
    }

    @Test
    void aFailingEndpointIsRetriedWithBackoffShownInHealthAndNothingIsLost() throws Exception {
        RecordingSink sink = RecordingSink.open();
        sink.down(true);
        EventBridgeEventsWorker worker = start(sink);
        String first = addTask().taskArn();
        String second = addTask().taskArn();
        sink.awaitCalls(3);

        assertThat(awaitProblem(worker)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("PutEvents failing since").contains("Connection refused"));
        sink.down(false);

        assertThat(sink.awaitEvents(2)).extracting(e -> e.resources().get(0)).containsExactly(first, second);
        assertThat(worker.problem()).isEmpty();
    }

    @Test
    void anEntryRefusedOnceIsSentAgainAndOneAlwaysRefusedIsDroppedAfterFiveAttempts() throws Exception {
        RecordingSink sink = RecordingSink.held();
        EventBridgeEventsWorker worker = start(sink);
        String blocker = addTask().taskArn();
        sink.awaitEntered();
        String refusedOnce = addTask().taskArn();
        String alwaysRefused = addTask().taskArn();
        String fine = addTask().taskArn();
        AtomicInteger refusalsOfOnce = new AtomicInteger();
        sink.refuse(entry -> {
            if (entry.resources().contains(alwaysRefused)) {
                return Optional.of("MalformedDetail: Detail is malformed.");
            }
            if (entry.resources().contains(refusedOnce) && refusalsOfOnce.getAndIncrement() == 0) {
                return Optional.of("InternalFailure: try again");
            }
            return Optional.empty();
        });
        sink.release();

        assertThat(sink.awaitEvents(3)).extracting(e -> e.resources().get(0))
                .containsExactly(blocker, fine, refusedOnce);
        sink.awaitCalls(6);
        assertThat(awaitProblem(worker)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("1 events refused by EventBridge 5 times and dropped")
                .contains("MalformedDetail: Detail is malformed."));
    }

    @Test
    void whenTheQueueIsFullTheOldestEventIsDroppedAndCounted() throws Exception {
        RecordingSink sink = RecordingSink.held();
        EventBridgeEventsWorker worker = start(sink);
        addTask();
        sink.awaitEntered();
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < EventDelivery.CAPACITY + 3; i++) {
            arns.add(addTask().taskArn());
        }

        assertThat(worker.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("3 events dropped because 10000 were already waiting"));
        sink.release();
        List<EventEntry> events = sink.awaitEvents(1 + EventDelivery.CAPACITY);
        assertThat(events.get(1).resources()).containsExactly(arns.get(3));
        assertThat(events.getLast().resources()).containsExactly(arns.getLast());
    }

    @Test
    void eventsPublishedOnTheRuntimeBusGoOutAsTheyWerePublishedUntilStop() throws Exception {
        RecordingSink sink = RecordingSink.open();
        EventBridgeEventsWorker worker = start(sink);
        String service = "arn:aws:ecs:us-east-1:000000000000:service/default/web";
        String detail = "{\"eventType\":\"INFO\",\"eventName\":\"SERVICE_STEADY_STATE\"}";
        java.time.Instant time = java.time.Instant.parse("2026-01-01T00:00:01Z");
        context.events().publish(new EcsEvent("aws.ecs", "ECS Service Action", List.of(service), detail, time));

        EventEntry sent = sink.awaitEvents(1).getFirst();
        assertThat(sent).isEqualTo(new EventEntry("aws.ecs", "ECS Service Action", List.of(service), detail, time));
        worker.stop();
        context.events().publish(new EcsEvent("aws.ecs", "ECS Service Action", List.of(service), detail, time));
        Thread.sleep(100);
        assertThat(sink.events()).as("the bus subscription ends with the worker").hasSize(1);
    }

    @Test
    void stopClosesTheSubscriptionAndFlushesWhatIsQueued() throws Exception {
        RecordingSink sink = RecordingSink.open();
        sink.delay(Duration.ofMillis(50));
        EventBridgeEventsWorker worker = start(sink);
        for (int i = 0; i < 35; i++) {
            addTask();
        }
        worker.stop();

        assertThat(sink.events()).as("delivered before stop returned").hasSize(35);
        assertThat(sink.closed()).isTrue();
        addTask();
        Thread.sleep(100);
        assertThat(sink.events()).as("no delivery after stop").hasSize(35);
        assertThat(worker.problem()).isEmpty();
    }

    @Test
    void stopWhileTheEndpointIsDownGivesUpAfterTheFlushTimeout() throws Exception {
        RecordingSink sink = RecordingSink.open();
        sink.down(true);
        EventBridgeEventsWorker worker = start(sink);
        addTask();
        addTask();
        sink.awaitCalls(1);

        long started = System.nanoTime();
        worker.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(7));
        assertThat(sink.events()).isEmpty();
        assertThat(sink.closed()).isTrue();
    }

    @Test
    void withoutAnEndpointTheWorkerDoesNothingAndSaysSoOnce() {
        FakePluginContext bare = new FakePluginContext();
        AtomicInteger sinks = new AtomicInteger();
        EventBridgeEventsWorker worker = new EventBridgeEventsWorker(bare, settings -> {
            sinks.incrementAndGet();
            return RecordingSink.open();
        }, Backoff.DEFAULT);
        workers.add(worker);
        List<String> messages = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(EventBridgeEventsWorker.class.getName());
        logger.addHandler(handler);
        try {
            worker.start();
            bare.tasks().add(Map.of("clusterArn", "arn:aws:ecs:us-east-1:000000000000:cluster/default",
                    "lastStatus", "PENDING", "desiredStatus", "RUNNING"));
        } finally {
            logger.removeHandler(handler);
        }

        assertThat(sinks).hasValue(0);
        assertThat(messages).containsExactly(
                "upstream.events.endpoint (EVENTS_ENDPOINT_URL) is not set: ECS events are not sent");
        assertThat(worker.problem()).isEmpty();
    }

    @Test
    void anEndpointWithoutCredentialsFailsTheStartNamingThem() {
        FakePluginContext noCredentials = new FakePluginContext()
                .config("upstream.events.endpoint", "http://127.0.0.1:4010");
        EventBridgeEventsWorker worker = new EventBridgeEventsWorker(noCredentials, settings -> RecordingSink.open(),
                Backoff.DEFAULT);

        assertThatThrownBy(worker::start).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not");
    }

    @Test
    void anEndpointThatIsNoUrlFailsTheStart() {
        context.config("upstream.events.endpoint", "localhost:4010");
        EventBridgeEventsWorker worker = new EventBridgeEventsWorker(context, settings -> RecordingSink.open(),
                Backoff.DEFAULT);

        assertThatThrownBy(worker::start).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must be an http(s) URL");
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1));

        assertThat(List.of(backoff.after(1), backoff.after(2), backoff.after(3), backoff.after(4), backoff.after(40)))
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
                        Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    /** The worker's problem once it has one (the delivery thread records it right after the call). */
    private static Optional<String> awaitProblem(EventBridgeEventsWorker worker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (worker.problem().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return worker.problem();
    }

    private EventBridgeEventsWorker start(RecordingSink sink) {
        EventBridgeEventsWorker worker = new EventBridgeEventsWorker(context, settings -> sink,
                new Backoff(Duration.ofMillis(5), Duration.ofMillis(20)));
        workers.add(worker);
        worker.start();
        return worker;
    }

    private Task addTask() {
        return context.tasks().add(Map.of("clusterArn", "arn:aws:ecs:us-east-1:000000000000:cluster/default",
                "taskDefinitionArn", "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1",
                "lastStatus", "PENDING", "desiredStatus", "RUNNING", "version", 1));
    }
}
