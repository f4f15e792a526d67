package io.sluice.store;

import java.util.List;

/**
 * One page of a history query, newest first, with the opaque token for the next page ({@code null} on
 * the last page). Tokens come from DynamoDB's {@code LastEvaluatedKey} and are only valid for the same query.
 */
public record Page<T>(List<T> items, String nextPageToken) {
    public Page {
        items = List.copyOf(items);
    }
}
