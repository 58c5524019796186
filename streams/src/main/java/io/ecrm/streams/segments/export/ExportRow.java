package io.ecrm.streams.segments.export;

import io.ecrm.streams.segments.SegmentSnapshot;
import java.util.List;

/**
 * One customer of an exported segment: who, the segment, scores, the profile fields a campaign
 * needs, and the items to show them (for personalised e-mails), best first.
 */
public record ExportRow(String customerId, boolean anonymous, String segment, Integer rScore, Integer fScore,
                        Integer mScore, String rfmCell, String cluster, long orders, double revenue, String currency,
                        Long lastOrderMillis, long lastSeenMillis, long firstSeenMillis, long sessions,
                        String topCategory, int cartItems, List<String> recommendedItems) {

    public ExportRow {
        recommendedItems = List.copyOf(recommendedItems);
    }

    public static ExportRow of(String segment, SegmentSnapshot.Membership m, List<String> recommended) {
        var f = m.facts();
        var rfm = m.rfm();
        return new ExportRow(f.visitorId(), f.customerId() == null, segment, rfm == null ? null : rfm.r(),
                rfm == null ? null : rfm.f(), rfm == null ? null : rfm.m(), rfm == null ? null : rfm.cell().segmentName(),
                m.cluster(), f.orders(), f.revenue(), f.currency(), f.lastOrderMillis(), f.lastSeenMillis(),
                f.firstSeenMillis(), f.sessions(), f.topCategory(), f.cartItems(), recommended);
    }
}
