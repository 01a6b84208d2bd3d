package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.PluginContext;

/**
 * The wire form of a task set: as stored without the emulator's own members ({@link TaskSets#PRIVATE_MEMBERS}), with
 * its tags on {@code include: [TAGS]}.
 */
final class TaskSetViews {

    private TaskSetViews() {
    }

    static ObjectNode view(PluginContext context, ObjectNode set, boolean withTags) {
        ObjectNode view = set.deepCopy();
        view.remove(TaskSets.PRIVATE_MEMBERS);
        if (withTags) {
            view.set("tags", context.json().valueToTree(context.tags().tags(set.path("taskSetArn").asText())));
        }
        return view;
    }
}
