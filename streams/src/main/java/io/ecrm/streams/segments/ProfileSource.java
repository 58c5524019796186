package io.ecrm.streams.segments;

import io.ecrm.streams.profile.CustomerProfile;
import java.util.function.Consumer;

/**
 * Every profile of one tenant, one after the other, in the same order on every pass. The one
 * place segment computation and exports read profiles from: today a scan of the local profile
 * store; a version that also asks the other instances of a scaled-out tenant replaces it here.
 */
public interface ProfileSource {
    /** Calls {@code action} with every profile, in a stable order. */
    void forEach(Consumer<CustomerProfile> action);

    /** About how many profiles {@link #forEach} will give, for progress; 0 when unknown. */
    long approximateCount();
}
