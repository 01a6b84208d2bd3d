package dev.localecs.api;

import dev.localecs.api.model.TaskDefinition;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Every task-definition revision the emulator knows, stored durably in {@code state.dir}; a definition
 * not found locally is looked up upstream when {@code upstream.ecs.endpoint} is set.
 */
public interface TaskDefinitionRegistry {

    /**
     * Registers the next revision of a family. The registry picks the revision (one more than the highest
     * ever used in the family, even if deleted) and stores what {@code factory} builds for it atomically.
     *
     * @param family the family
     * @param factory builds the complete definition for the given revision
     * @return the stored definition
     */
    TaskDefinition register(String family, IntFunction<TaskDefinition> factory);

    /**
     * Replaces a stored revision (e.g. to deregister it). The family and revision identify it.
     *
     * @param definition the new state of the revision
     * @return the stored definition
     */
    TaskDefinition update(TaskDefinition definition);

    /**
     * One revision held locally, whatever its status.
     *
     * @param family the family
     * @param revision the revision
     * @return the revision, if stored here
     */
    Optional<TaskDefinition> find(String family, int revision);

    /**
     * Every locally stored revision of a family, oldest first.
     *
     * @param family the family
     * @return the revisions, empty when the family is unknown
     */
    List<TaskDefinition> revisions(String family);

    /**
     * The names of every locally known family, sorted.
     *
     * @return the families
     */
    List<String> families();

    /**
     * Resolves a reference as ECS does: {@code family} (latest ACTIVE revision), {@code family:revision} or
     * a full ARN. Looks locally first, then upstream when one is configured.
     *
     * @param reference the reference
     * @return the definition, or empty when neither the store nor upstream has it
     */
    Optional<TaskDefinition> resolve(String reference);
}
