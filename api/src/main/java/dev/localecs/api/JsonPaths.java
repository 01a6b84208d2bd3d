package dev.localecs.api;

import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Where in a document a binding problem is, as callers read it: {@code containerDefinitions[0].memory}.
 */
public final class JsonPaths {
    private JsonPaths() {
    }

    /**
     * The path of a binding problem.
     *
     * @param e the problem
     * @return dotted member names with {@code [index]} for sequence entries
     */
    public static String of(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
