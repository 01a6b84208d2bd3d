package dev.localecs.runtime.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.LocationTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsRequest;
import software.amazon.awssdk.services.ecs.model.EcsResponse;

/**
 * ECS's operations and their input shapes, read once from the AWS SDK for Java v2 {@code ecs} module: the
 * operations are the {@link EcsClient} methods taking one {@code <Operation>Request}, and each request's
 * members are the generated {@code sdkFields()} with their marshalling types and wire names. The SDK is the
 * model here (never used as a client), so a new SDK version brings ECS's new operations and members with it.
 * The build stores the model as a compact resource ({@link EcsModelResource}) that the runtime reads at start.
 */
public final class EcsModel {
    private static final String REQUEST = "Request";
    private static final Logger LOG = Logger.getLogger(EcsModel.class.getName());

    private final Map<String, WireShape.Structure> inputs;

    EcsModel(Map<String, WireShape.Structure> inputs) {
        this.inputs = Collections.unmodifiableMap(inputs);
    }

    /**
     * The model the build wrote from the SDK ({@link EcsModelResource}); read from the SDK itself when the
     * resource is missing (a run from sources that skipped the build step), which is slower but the same.
     *
     * @return the model
     */
    public static EcsModel bundled() {
        try (InputStream in = EcsModel.class.getResourceAsStream(EcsModelResource.RESOURCE)) {
            if (in != null) {
                return EcsModelResource.read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ECS model resource", e);
        }
        LOG.warning("No " + EcsModelResource.RESOURCE + " on the class path; reading the ECS model from the AWS SDK");
        return fromSdk();
    }

    /**
     * Reads the model from the SDK on the class path.
     *
     * @return the model
     * @throws IllegalStateException when the SDK's model classes cannot be read
     */
    public static EcsModel fromSdk() {
        Map<String, WireShape.Structure> inputs = new TreeMap<>();
        Map<Class<?>, WireShape.Structure> structures = new HashMap<>();
        for (Method method : EcsClient.class.getMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (Modifier.isStatic(method.getModifiers()) || parameters.length != 1
                    || !EcsRequest.class.isAssignableFrom(parameters[0])
                    || !EcsResponse.class.isAssignableFrom(method.getReturnType())) {
                continue;
            }
            String simpleName = parameters[0].getSimpleName();
            String operation = simpleName.substring(0, simpleName.length() - REQUEST.length());
            inputs.put(operation, structure(parameters[0], pojoOf(parameters[0]), structures));
        }
        if (inputs.isEmpty()) {
            throw new IllegalStateException("The AWS SDK ECS model on the class path has no operations.");
        }
        return new EcsModel(inputs);
    }

    /**
     * The operation names, e.g. {@code RunTask}.
     *
     * @return the names, sorted
     */
    public Set<String> operations() {
        return inputs.keySet();
    }

    /**
     * Whether a name is an ECS operation.
     *
     * @param operation the name from {@code X-Amz-Target}, without the prefix
     * @return true when ECS has it
     */
    public boolean isOperation(String operation) {
        return inputs.containsKey(operation);
    }

    /**
     * An operation's input shape.
     *
     * @param operation the operation name
     * @return its input structure, empty when ECS has no such operation
     */
    public Optional<WireShape.Structure> input(String operation) {
        return Optional.ofNullable(inputs.get(operation));
    }

    private static WireShape.Structure structure(Class<?> type, SdkPojo pojo,
                                                 Map<Class<?>, WireShape.Structure> structures) {
        WireShape.Structure known = structures.get(type);
        if (known != null) {
            return known;
        }
        String name = type.getSimpleName();
        WireShape.Structure structure = new WireShape.Structure(name);
        structures.put(type, structure);
        Map<String, WireShape> members = new LinkedHashMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            members.put(wireName(field), shape(field, structures));
        }
        structure.members(members);
        return structure;
    }

    private static WireShape shape(SdkField<?> field, Map<Class<?>, WireShape.Structure> structures) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.LIST) {
            return new WireShape.ListOf(shape(field.getRequiredTrait(ListTrait.class).memberFieldInfo(), structures));
        }
        if (type == MarshallingType.MAP) {
            return new WireShape.MapOf(shape(field.getRequiredTrait(MapTrait.class).valueFieldInfo(), structures));
        }
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo builder = field.constructor().get();
            return structure(pojoClass(builder), builder, structures);
        }
        return new WireShape.Scalar(kind(field));
    }

    private static WireShape.Kind kind(SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return WireShape.Kind.STRING;
        }
        if (type == MarshallingType.INTEGER || type == MarshallingType.SHORT || type == MarshallingType.BYTE) {
            return WireShape.Kind.INTEGER;
        }
        if (type == MarshallingType.LONG) {
            return WireShape.Kind.LONG;
        }
        if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT || type == MarshallingType.BIG_DECIMAL) {
            return WireShape.Kind.DOUBLE;
        }
        if (type == MarshallingType.BOOLEAN) {
            return WireShape.Kind.BOOLEAN;
        }
        if (type == MarshallingType.INSTANT) {
            // the JSON protocols send epoch seconds unless the member says otherwise; ECS never does
            TimestampFormatTrait format = field.getTrait(TimestampFormatTrait.class);
            return format == null || format.format() == TimestampFormatTrait.Format.UNIX_TIMESTAMP
                    ? WireShape.Kind.TIMESTAMP : WireShape.Kind.STRING;
        }
        if (type == MarshallingType.SDK_BYTES) {
            return WireShape.Kind.BLOB;
        }
        if (type == MarshallingType.DOCUMENT) {
            return WireShape.Kind.DOCUMENT;
        }
        throw new IllegalStateException("The ECS model has a member of an unknown type " + type + ": "
                + field.memberName());
    }

    private static String wireName(SdkField<?> field) {
        LocationTrait location = field.getTrait(LocationTrait.class);
        return location == null || location.locationName() == null ? field.memberName() : location.locationName();
    }

    private static SdkPojo pojoOf(Class<?> requestType) {
        try {
            Object builder = requestType.getMethod("builder").invoke(null);
            return (SdkPojo) builder;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("Cannot read the ECS model of " + requestType.getName(), e);
        }
    }

    /** The model class a builder builds: builders are nested {@code BuilderImpl} classes of their model class. */
    private static Class<?> pojoClass(SdkPojo builder) {
        Class<?> type = builder.getClass();
        return type.getEnclosingClass() != null ? type.getEnclosingClass() : type;
    }
}
