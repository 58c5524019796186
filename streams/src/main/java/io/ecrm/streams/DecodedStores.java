package io.ecrm.streams;

import io.ecrm.recommender.ItemNeighbours;
import io.ecrm.recommender.VisitorHistory;
import io.ecrm.schemas.CatalogItem;

/**
 * What a recommendation reads key by key, kept decoded for queries ({@link DecodedItems}): the
 * similar-items and follows lists and catalogue entries of the global stores, whose updaters keep
 * them current, and the visitors' histories and identity links (anonymous key to customer key),
 * which the visitor side's writes keep current ({@link VisitorRecords}, {@link VisitorProcessor}). A store rebuilt without those writers seeing each record (a Streams
 * client started anew, a task restored or moved) has its part {@link DecodedItems#clear}ed.
 */
record DecodedStores(DecodedItems<ItemNeighbours> neighbours, DecodedItems<ItemNeighbours> follows,
                     DecodedItems<CatalogItem> catalog, DecodedItems<VisitorHistory> histories,
                     DecodedItems<String> links) {
    /**
     * Values kept per store: about 4 KB for a list of 50 neighbours and 2 KB for a history of 20
     * items, so at most about 200 MB for each list store; under a shop's skewed traffic the items
     * and visitors asked for most stay in.
     */
    static final int MAX_ENTRIES = 50_000;

    DecodedStores() {
        this(new DecodedItems<>(MAX_ENTRIES), new DecodedItems<>(MAX_ENTRIES), new DecodedItems<>(MAX_ENTRIES),
                new DecodedItems<>(MAX_ENTRIES), new DecodedItems<>(MAX_ENTRIES));
    }

    void clear() {
        neighbours.clear();
        follows.clear();
        catalog.clear();
        histories.clear();
        links.clear();
    }
}
