package dev.localecs.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.ConfigView;
import dev.localecs.api.EcsAction;
import dev.localecs.api.error.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which action serves an operation: one plugin, a configured choice, or the upstream endpoint. */
class ActionRegistryTest {

    private record Action(String name, String service) implements EcsAction {
        @Override
        public Object handle(ActionRequest request) {
            return Map.of();
        }
    }

    private static ConfigView config(Map<String, String> values) {
        return new ConfigView() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public int getInt(String key, int defaultValue) {
                return get(key).map(Integer::parseInt).orElse(defaultValue);
            }

            @Override
            public List<String> list(String key) {
                return get(key).map(List::of).orElse(List.of());
            }
        };
    }

    private static final List<Registered<EcsAction>> OFFERED = List.of(
            new Registered<>("ecs-daemons", new Action("ListDaemons", EcsAction.ECS)),
            new Registered<>("ecs-clusters", new Action("ListClusters", EcsAction.ECS)),
            new Registered<>("cloudwatch-logs", new Action("PutLogEvents", "Logs_20140328")));

    @Test
    void aServedOperationIsLocalUnlessConfigurationSendsItUpstream() {
        ActionRegistry local = ActionRegistry.build(OFFERED, config(Map.of()));
        assertThat(local.find(EcsAction.ECS, "ListDaemons")).isPresent();

        ActionRegistry upstream = ActionRegistry.build(OFFERED, config(Map.of("actions.ListDaemons.plugin",
                "upstream")));
        assertThat(upstream.find(EcsAction.ECS, "ListDaemons")).as("goes upstream").isEmpty();
        assertThat(upstream.find(EcsAction.ECS, "ListClusters")).as("others stay local").isPresent();
        assertThat(upstream.plugins()).doesNotContainKey("ListDaemons");
    }

    @Test
    void theEnvironmentsUpperCaseKeyWorksToo() {
        ActionRegistry upstream = ActionRegistry.build(OFFERED, config(Map.of("actions.LISTDAEMONS.plugin",
                "upstream")));
        assertThat(upstream.find(EcsAction.ECS, "ListDaemons")).isEmpty();
    }

    @Test
    void onlyEcsOperationsCanGoUpstream() {
        assertThatThrownBy(() -> ActionRegistry.build(OFFERED, config(Map.of(
                "actions.Logs_20140328.PutLogEvents.plugin", "upstream"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("only Amazon ECS operations go to an upstream endpoint");
    }
}
