package dev.localecs.runtime.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A client command's options ({@code --name value} or boolean flags) and its positional arguments.
 *
 * @param values the options given with a value
 * @param flags the flags given
 * @param positional the other arguments, in order
 */
record CliOptions(Map<String, String> values, Set<String> flags, List<String> positional) {
    /** Where a runtime answers unless {@code --endpoint} or {@code LOCAL_ECS_ENDPOINT} says otherwise. */
    static final String DEFAULT_ENDPOINT = "http://localhost:8000";

    static CliOptions parse(List<String> args, Set<String> valued, Set<String> flagNames, String usage) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (valued.contains(arg)) {
                if (i + 1 >= args.size()) {
                    throw new CliException(CliException.USAGE, arg + " needs a value.\n" + usage);
                }
                values.put(arg, args.get(++i));
            } else if (flagNames.contains(arg)) {
                flags.add(arg);
            } else if (arg.startsWith("-")) {
                throw new CliException(CliException.USAGE, "Unknown option " + arg + ".\n" + usage);
            } else {
                positional.add(arg);
            }
        }
        return new CliOptions(values, Set.copyOf(flags), List.copyOf(positional));
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    URI endpoint(Map<String, String> environment) {
        String value = value("--endpoint").orElse(environment.getOrDefault("LOCAL_ECS_ENDPOINT", DEFAULT_ENDPOINT));
        try {
            URI uri = URI.create(value.endsWith("/") ? value : value + "/");
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.USAGE, "--endpoint " + value + " is not a URL like "
                    + DEFAULT_ENDPOINT + ".");
        }
    }
}
