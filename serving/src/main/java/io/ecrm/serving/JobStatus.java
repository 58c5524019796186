package io.ecrm.serving;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a background job (an export, a fit) is; a failed job says why beside its status. */
public enum JobStatus {
    QUEUED, RUNNING, DONE, FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
