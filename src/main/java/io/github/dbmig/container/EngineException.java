package io.github.dbmig.container;

import java.io.IOException;

/** A container engine that did not answer, or refused: the message names the engine and says what it said. */
public final class EngineException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message names the engine and says what its client said */
    public EngineException(String message) {
        super(message);
    }
}
