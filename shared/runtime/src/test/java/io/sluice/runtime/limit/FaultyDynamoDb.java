package io.sluice.runtime.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The real DynamoDB client (moto), except that the first {@code failures} transactions are cancelled with the given
 * reason on their first item (the others "None"), the way DynamoDB reports a collision with another transaction or
 * throttling, before they reach the server. Real collisions cannot be produced on demand; everything else is real.
 */
final class FaultyDynamoDb implements DynamoDbClient {
    private final DynamoDbClient real;
    private final String code;
    private final AtomicInteger failuresLeft;
    private final AtomicInteger transactions = new AtomicInteger();

    FaultyDynamoDb(DynamoDbClient real, String code, int failures) {
        this.real = real;
        this.code = code;
        this.failuresLeft = new AtomicInteger(failures);
    }

    /** Every {@code TransactWriteItems} call, failed or passed on. */
    int transactions() {
        return transactions.get();
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        transactions.incrementAndGet();
        if (failuresLeft.getAndDecrement() > 0) {
            List<CancellationReason> reasons = new ArrayList<>();
            for (int i = 0; i < request.transactItems().size(); i++) {
                reasons.add(
                        i == 0
                                ? CancellationReason.builder()
                                        .code(code)
                                        .message("Transaction is ongoing for the item")
                                        .build()
                                : CancellationReason.builder().code("None").build());
            }
            throw TransactionCanceledException.builder()
                    .message("Transaction cancelled, please refer cancellation reasons for specific reasons [" + code
                            + ", None]")
                    .cancellationReasons(reasons)
                    .build();
        }
        return real.transactWriteItems(request);
    }

    @Override
    public String serviceName() {
        return real.serviceName();
    }

    @Override
    public void close() {
        // The real client belongs to the test class.
    }
}
