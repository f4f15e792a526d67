package io.sluice.store;

import io.sluice.topology.JobsTable;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * The DynamoDB Enhanced Client's view of a job item in {@code <app>-jobs}, used for reads and queries.
 * Writes are conditional update expressions ({@code list_append}, {@code if_not_exists}, conditions on
 * the claim), which the Enhanced Client's bean-based writes cannot express, so the store's writers
 * ({@link ClaimWriter}, {@link HistoryWriter}) issue them with the low-level client on the same attribute names. A mutable bean because the Enhanced
 * Client's bean schema requires one; it never leaves the store ({@link JobRecord} does).
 */
@DynamoDbBean
public class JobItem {
    private String pk;
    private String jobId;
    private String type;
    private String priority;
    private String state;
    private List<AttemptItem> attempts;
    private String createdAt;
    private String startedAt;
    private String finishedAt;
    private Long queueLatencyMs;
    private Long durationMs;
    private String result;
    private String deadLetterReason;
    private String deadLetterDetail;
    private String runAt;
    private String idempotencyKey;
    private String duplicateOf;
    private Integer duplicatesSkipped;
    private Long expiresAt;
    private String stateShard;
    private String stateAt;
    private String failedShard;
    private String failedAt;
    private String source;
    private String explicitKey;

    @DynamoDbPartitionKey
    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }

    public String getJobId() {
        return jobId;
    }

    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public List<AttemptItem> getAttempts() {
        return attempts;
    }

    public void setAttempts(List<AttemptItem> attempts) {
        this.attempts = attempts;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
    }

    public Long getQueueLatencyMs() {
        return queueLatencyMs;
    }

    public void setQueueLatencyMs(Long queueLatencyMs) {
        this.queueLatencyMs = queueLatencyMs;
    }

    public Long getDurationMs() {
        return durationMs;
    }

    public void setDurationMs(Long durationMs) {
        this.durationMs = durationMs;
    }

    public String getResult() {
        return result;
    }

    public void setResult(String result) {
        this.result = result;
    }

    public String getDeadLetterReason() {
        return deadLetterReason;
    }

    public void setDeadLetterReason(String deadLetterReason) {
        this.deadLetterReason = deadLetterReason;
    }

    public String getDeadLetterDetail() {
        return deadLetterDetail;
    }

    public void setDeadLetterDetail(String deadLetterDetail) {
        this.deadLetterDetail = deadLetterDetail;
    }

    public String getRunAt() {
        return runAt;
    }

    public void setRunAt(String runAt) {
        this.runAt = runAt;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    public String getDuplicateOf() {
        return duplicateOf;
    }

    public void setDuplicateOf(String duplicateOf) {
        this.duplicateOf = duplicateOf;
    }

    public Integer getDuplicatesSkipped() {
        return duplicatesSkipped;
    }

    public void setDuplicatesSkipped(Integer duplicatesSkipped) {
        this.duplicatesSkipped = duplicatesSkipped;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = JobsTable.BY_STATE)
    public String getStateShard() {
        return stateShard;
    }

    public void setStateShard(String stateShard) {
        this.stateShard = stateShard;
    }

    @DynamoDbSecondarySortKey(indexNames = JobsTable.BY_STATE)
    public String getStateAt() {
        return stateAt;
    }

    public void setStateAt(String stateAt) {
        this.stateAt = stateAt;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = JobsTable.DEAD_LETTERS)
    public String getFailedShard() {
        return failedShard;
    }

    public void setFailedShard(String failedShard) {
        this.failedShard = failedShard;
    }

    @DynamoDbSecondarySortKey(indexNames = JobsTable.DEAD_LETTERS)
    public String getFailedAt() {
        return failedAt;
    }

    public void setFailedAt(String failedAt) {
        this.failedAt = failedAt;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = JobsTable.BY_IDEMPOTENCY_KEY)
    public String getExplicitKey() {
        return explicitKey;
    }

    public void setExplicitKey(String explicitKey) {
        this.explicitKey = explicitKey;
    }
}
