package dev.localecs.plugins.events;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.TaskListener;
import dev.localecs.api.model.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The task listener: an event for each snapshot whose state ({@link TaskStateChangeEvents#state}) differs from
 * the task's previous one, handed to the delivery queue (never waiting for EventBridge). The last state of at
 * most {@value #REMEMBERED} tasks is kept (the least recently changed is forgotten first), so memory stays
 * bounded and a stopped task's later snapshots (a health change) do not repeat its STOPPED event.
 */
final class TaskStateListener implements TaskListener {
    static final int REMEMBERED = 10_000;

    private final TaskStateChangeEvents events;
    private final Consumer<EventEntry> delivery;
    private final Map<String, List<String>> lastState = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > REMEMBERED;
        }
    };

    TaskStateListener(TaskStateChangeEvents events, Consumer<EventEntry> delivery) {
        this.events = requireNonNull(events, "events is null");
        this.delivery = requireNonNull(delivery, "delivery is null");
    }

    @Override
    public void onTaskChange(Task task) {
        List<String> state = TaskStateChangeEvents.state(task);
        List<String> previous;
        synchronized (lastState) {
            previous = lastState.put(task.taskArn(), state);
        }
        if (!state.equals(previous)) {
            delivery.accept(events.event(task));
        }
    }

    @Override
    public String toString() {
        return "eventbridge-events";
    }
}
