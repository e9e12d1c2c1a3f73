package dev.proctor.runner.store;

import java.util.List;
import java.util.Optional;

/** The few things the reporter asks of the artifact store; S3 in pods ({@link S3ObjectStore}), a map in unit tests. */
public interface ObjectStore {
    /** Every key under {@code prefix}, in key order. */
    List<String> list(String prefix);

    /** The object's bytes; empty when there is no such key. */
    Optional<byte[]> get(String key);

    void put(String key, byte[] bytes, String contentType);

    /** The store could not be used: down, no such bucket, credentials refused. The message names what, never a key. */
    final class StoreException extends RuntimeException {
        private final boolean refused;

        public StoreException(String message, Throwable cause) {
            this(message, cause, false);
        }

        /** @param refused the store answered with an error (credentials, bucket, permissions) rather than not at all */
        public StoreException(String message, Throwable cause, boolean refused) {
            super(message, cause);
            this.refused = refused;
        }

        public boolean refused() {
            return refused;
        }
    }
}
