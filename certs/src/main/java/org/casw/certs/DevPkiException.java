package org.casw.certs;

/** Thrown when the development PKI cannot be generated, loaded or used. */
public class DevPkiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DevPkiException(String message) {
        super(message);
    }

    public DevPkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
