package dev.scanwatch.core.detect;

/**
 * Wald's sequential probability ratio test as Threshold Random Walk uses it (Jung, Paxson,
 * Berger, Balakrishnan, IEEE S&amp;P 2004): each first contact is a Bernoulli trial that succeeds
 * with probability theta0 for a benign source and theta1 for a scanner. The log likelihood
 * ratio walks up on failures and down on successes; crossing the upper bound says "scanner",
 * crossing the lower one says "benign", after which the walk restarts so that a host that turns
 * bad later is still caught. Values only: the walk's position lives in the caller's state.
 */
public final class SequentialTest {

    /** A benign host's first contacts succeed 80 % of the time (Jung et al.). */
    public static final double DEFAULT_THETA0 = 0.8;
    /** A scanner's first contacts succeed 20 % of the time. */
    public static final double DEFAULT_THETA1 = 0.2;
    /** False-positive bound. */
    public static final double DEFAULT_ALPHA = 0.01;
    /** Detection probability. */
    public static final double DEFAULT_BETA = 0.99;

    private final double theta0;
    private final double theta1;
    private final double alpha;
    private final double beta;
    // The walk's steps and bounds, computed once: every first contact takes a step, and four
    // Math.log calls per step were 2 % of a warm profile. (A class, not a record, to hold them.)
    private final double failureStep;
    private final double successStep;
    private final double scannerBound;
    private final double benignBound;

    public SequentialTest(double theta0, double theta1, double alpha, double beta) {
        if (!(0 < theta1 && theta1 < theta0 && theta0 < 1)) {
            throw new IllegalArgumentException("need 0 < theta1 < theta0 < 1, not " + theta1 + ", " + theta0);
        }
        if (!(0 < alpha && alpha < beta && beta < 1)) {
            throw new IllegalArgumentException("need 0 < alpha < beta < 1, not " + alpha + ", " + beta);
        }
        this.theta0 = theta0;
        this.theta1 = theta1;
        this.alpha = alpha;
        this.beta = beta;
        this.failureStep = Math.log((1 - theta1) / (1 - theta0));
        this.successStep = Math.log(theta1 / theta0);
        this.scannerBound = Math.log(beta / alpha);
        this.benignBound = Math.log((1 - beta) / (1 - alpha));
    }

    public double theta0() {
        return theta0;
    }

    public double theta1() {
        return theta1;
    }

    public double alpha() {
        return alpha;
    }

    public double beta() {
        return beta;
    }

    public static SequentialTest defaults() {
        return new SequentialTest(DEFAULT_THETA0, DEFAULT_THETA1, DEFAULT_ALPHA, DEFAULT_BETA);
    }

    /** The walk's step for a failure (positive). */
    double failureStep() {
        return failureStep;
    }

    /** The walk's step for a success (negative). */
    double successStep() {
        return successStep;
    }

    /** Upper bound ln(beta / alpha): at or above it, the source is a scanner. */
    double scannerBound() {
        return scannerBound;
    }

    /** Lower bound ln((1 - beta) / (1 - alpha)): at or below it, benign, and the walk restarts. */
    double benignBound() {
        return benignBound;
    }

    /**
     * One trial from position {@code logRatio}: the new position, 0 after a benign verdict.
     * The caller compares it with {@link #scannerBound()}.
     */
    double step(double logRatio, boolean failure) {
        double next = logRatio + (failure ? failureStep() : successStep());
        return next <= benignBound() ? 0 : next;
    }

    /** How many failures in a row it takes to decide "scanner" from the start. */
    public int failuresToDecide() {
        return (int) Math.ceil(scannerBound() / failureStep() - 1e-9);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequentialTest t && t.theta0 == theta0 && t.theta1 == theta1 && t.alpha == alpha
               && t.beta == beta;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(theta0, theta1, alpha, beta);
    }

    @Override
    public String toString() {
        return "SequentialTest[theta0=" + theta0 + ", theta1=" + theta1 + ", alpha=" + alpha + ", beta=" + beta + "]";
    }
}
