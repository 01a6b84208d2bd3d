package dev.localecs.runtime.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonGeneratorImpl;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.localecs.api.EcsJson;
import dev.localecs.api.model.Task;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serialises each task once per {@code version}: a task's JSON (without its tags) is kept beside its ARN and
 * written as is while the version stays the same, so DescribeTasks, RunTask and the task state events pay
 * for rendering a task only when it changed. Every change of a task bumps its version (the task lifecycle
 * is its only writer), which is what makes the version a valid key; tags are written per call, since
 * DescribeTasks answers them only when asked. The cache is bounded ({@link #LIMIT} tasks; past that it
 * starts over, so memory stays flat whatever the number of tasks known).
 */
public final class TaskAnswers extends StdSerializer<Task> {
    /** How many tasks' JSON is kept at most. */
    static final int LIMIT = 2048;

    private final ObjectMapper plain = EcsJson.create();
    private final ConcurrentHashMap<String, Rendered> rendered = new ConcurrentHashMap<>();

    private record Rendered(long version, SerializedString json) {
    }

    private TaskAnswers() {
        super(Task.class);
    }

    /**
     * Makes a mapper serialise tasks through a fresh cache.
     *
     * @param json the mapper (the runtime's wire mapper)
     * @return the same mapper
     */
    public static ObjectMapper install(ObjectMapper json) {
        return json.registerModule(new SimpleModule("task-answers").addSerializer(Task.class, new TaskAnswers()));
    }

    @Override
    public void serialize(Task task, JsonGenerator generator, SerializerProvider provider) throws IOException {
        if (!(generator instanceof JsonGeneratorImpl)) {
            // not JSON text (valueToTree/convertValue buffer tokens): the task's tokens, so trees stay objects
            generator.writeTree(plain.valueToTree(task));
            return;
        }
        if (task.version() == null || task.taskArn() == null) {
            generator.writeRawValue(plain.writeValueAsString(task));
            return;
        }
        Rendered known = rendered.get(task.taskArn());
        if (known == null || known.version() != task.version()) {
            known = new Rendered(task.version(), new SerializedString(plain.writeValueAsString(task.withoutTags())));
            if (rendered.size() >= LIMIT) {
                rendered.clear();
            }
            rendered.put(task.taskArn(), known);
        }
        if (task.tags() == null) {
            generator.writeRawValue(known.json());
            return;
        }
        String object = known.json().getValue();
        String tags = "\"tags\":" + plain.writeValueAsString(task.tags());
        generator.writeRawValue(object.length() <= 2 ? "{" + tags + "}"
                : object.substring(0, object.length() - 1) + "," + tags + "}");
    }
}
