package io.sluice.local.cli;

import io.sluice.job.Priority;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --priority} with {@link Priority#fromWire}, whose message names the allowed priorities. */
final class PriorityConverter implements ITypeConverter<Priority> {
    @Override
    public Priority convert(String value) {
        try {
            return Priority.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
