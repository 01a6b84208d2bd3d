package dev.localecs.runtime.docker;

import dev.localecs.api.compose.ComposeNetwork;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeVolume;

/** Engine-side names of a project's containers, networks and volumes, as docker compose names them. */
final class ProjectNames {
    private ProjectNames() {
    }

    static String container(String project, String service) {
        return project + "-" + service + "-1";
    }

    static String network(ComposeProject compose, String project, String key) {
        ComposeNetwork network = compose.networks().get(key);
        if (network != null && network.name() != null) {
            return network.name();
        }
        if (network != null && Boolean.TRUE.equals(network.external())) {
            return key;
        }
        return project + "_" + key;
    }

    static String volume(ComposeProject compose, String project, String key) {
        ComposeVolume volume = compose.volumes().get(key);
        if (volume != null && volume.name() != null) {
            return volume.name();
        }
        if (volume != null && Boolean.TRUE.equals(volume.external())) {
            return key;
        }
        return project + "_" + key;
    }
}
