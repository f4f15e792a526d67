package io.sluice.moto;

/**
 * python3 or moto ({@value MotoServer#MOTO_VERSION}, server mode) is not installed where Sluice looked. The message is
 * one line for a person: what is missing and the command that installs it. Commands print it and exit 1; it carries
 * no stack trace worth showing.
 */
public final class MotoUnavailableException extends RuntimeException {
    public MotoUnavailableException(String message) {
        super(message, null, false, false);
    }
}
