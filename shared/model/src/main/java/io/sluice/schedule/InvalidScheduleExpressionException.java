package io.sluice.schedule;

/**
 * A schedule expression that EventBridge Scheduler would refuse. The message starts with the expression
 * as given and then names the part at fault and the allowed form, such as
 * {@code cron(0 25 * * ? *): hours field '25' is out of range 0-23}, so a build or a producer call can
 * show it as it is.
 */
public final class InvalidScheduleExpressionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String expression;
    private final String problem;

    /**
     * @param expression the expression as given (trimmed), or {@code null} when none was given
     * @param problem what is wrong with it, naming the field or part at fault
     */
    public InvalidScheduleExpressionException(String expression, String problem) {
        super(expression == null ? problem : expression + ": " + problem);
        this.expression = expression;
        this.problem = problem;
    }

    /** The expression as given (trimmed); {@code null} when none was given. */
    public String expression() {
        return expression;
    }

    /** What is wrong, without the expression in front: {@code hours field '25' is out of range 0-23}. */
    public String problem() {
        return problem;
    }
}
