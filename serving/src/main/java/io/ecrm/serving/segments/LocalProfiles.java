package io.ecrm.serving.segments;

import io.ecrm.streams.TenantStreams;
import io.ecrm.streams.profile.CustomerProfile;
import io.ecrm.streams.segments.ProfileSource;
import java.util.function.Consumer;

/**
 * A tenant's profiles as segments see them: a scan of this instance's profile store. While the
 * tenant runs on one instance that is every profile; scaled out over several, each instance sees
 * only the visitors of the partitions it owns, and a source that also asks the other instances
 * (through Streams metadata, like any interactive query) takes this one's place.
 */
public final class LocalProfiles implements ProfileSource {
    private final TenantStreams streams;

    public LocalProfiles(TenantStreams streams) {
        this.streams = streams;
    }

    @Override
    public void forEach(Consumer<CustomerProfile> action) {
        streams.forEachLocalProfile(action);
    }

    @Override
    public long approximateCount() {
        return streams.approximateLocalProfiles();
    }
}
