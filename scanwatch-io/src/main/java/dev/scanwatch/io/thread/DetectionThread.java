package dev.scanwatch.io.thread;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.core.pipeline.Detection;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs the detectors on a thread of their own, so that reading, decoding and connection tracking
 * use one core and detection the other. The profile of {@code analyze} split about evenly between
 * those two halves when this was written (since the detectors' work shrank, reading and tracking
 * is the larger one: docs/PERFORMANCE.md), and the tracker's output (attempts and the advance of
 * event time) is the narrowest place to cut: about one attempt per seven packets on the bench
 * capture.
 *
 * <p>The calls are replayed on the detection thread in exactly the order they were made, so the
 * alerts are the same as on one thread, and so is their order. Calls travel in batches, so the
 * two threads meet once per {@value #DEFAULT_BATCH} calls, not once per packet; a fixed number of
 * batches circulates, so a slow detector holds the reader back instead of queueing without bound.
 * A batch is handed over when it is full, at {@link #finish()}, and at {@link #flush()}: a live
 * input calls it before it waits for more, so that no alert waits for the next few thousand
 * packets.
 *
 * <p>Alert listeners are called on the detection thread. A failure there (a sink that cannot
 * write) stops detection and is thrown to the reading thread at its next hand-over or at
 * {@link #finish()}.
 */
public final class DetectionThread implements Detection {

    /** Calls per batch: large enough that meeting costs nothing per packet, small enough to stay in cache. */
    static final int DEFAULT_BATCH = 4096;
    /** Batches in circulation: the reader may run this far ahead of detection. */
    private static final int BATCHES = 16;

    /**
     * Calls in order, field by field: an attempt where {@code codes[i] >= 0} (protocol, technique and
     * outcome packed), else an advance to {@code times[i]}. Primitive columns, so the reading
     * thread neither allocates an attempt nor stores a reference (a write barrier) per call.
     */
    private static final class Batch {
        final long[] times;
        final long[] srcHi;
        final long[] srcLo;
        final long[] dstHi;
        final long[] dstLo;
        final int[] ports;
        final int[] srcPorts;
        final int[] codes;
        int size;
        boolean last;

        Batch(int capacity) {
            times = new long[capacity];
            srcHi = new long[capacity];
            srcLo = new long[capacity];
            dstHi = new long[capacity];
            dstLo = new long[capacity];
            ports = new int[capacity];
            srcPorts = new int[capacity];
            codes = new int[capacity];
        }
    }

    private static final int ADVANCE = -1;
    private static final Protocol[] PROTOCOLS = Protocol.values();
    private static final Technique[] TECHNIQUES = Technique.values();
    private static final Outcome[] OUTCOMES = Outcome.values();

    private final Detection detection;
    private final BlockingQueue<Batch> filled = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private volatile Throwable failure;
    private Batch current;
    private long lastAdvance = Long.MIN_VALUE;
    private boolean finished;
    /** Time each side spent waiting for the other: which of the two halves is the bottleneck. */
    private long readerWaitNanos;
    private long detectorWaitNanos; // written by the detection thread, read after join
    /** Batches handed over before they were full, because the input was about to wait. */
    private long flushes;

    /** Whether a second thread can help: with one CPU it would only take turns with the reader. */
    public static boolean worthwhile() {
        return Runtime.getRuntime().availableProcessors() > 1;
    }

    public DetectionThread(Detection detection) {
        this(detection, DEFAULT_BATCH);
    }

    DetectionThread(Detection detection, int batchSize) {
        this.detection = detection;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch(batchSize));
        }
        current = free.poll();
        thread = new Thread(this::run, "scanwatch-detection");
        thread.setDaemon(true); // a reader that gives up must not be kept waiting by it
        thread.start();
    }

    @Override
    public void onAttempt(Attempt a) {
        onAttempt(a.timeNanos(), a.src().hi(), a.src().lo(), a.dst().hi(), a.dst().lo(), a.protocol(), a.port(),
                a.srcPort(), a.technique(), a.outcome());
    }

    @Override
    public void onAttempt(long timeNanos, long srcHi, long srcLo, long dstHi, long dstLo, Protocol protocol,
                          int port, int srcPort, Technique technique, Outcome outcome) {
        Batch b = current;
        int i = b.size++;
        b.times[i] = timeNanos;
        b.srcHi[i] = srcHi;
        b.srcLo[i] = srcLo;
        b.dstHi[i] = dstHi;
        b.dstLo[i] = dstLo;
        b.ports[i] = port;
        b.srcPorts[i] = srcPort;
        b.codes[i] = protocol.ordinal() << 16 | technique.ordinal() << 8 | outcome.ordinal();
        if (b.size == b.times.length) {
            handOver(false);
        }
    }

    @Override
    public void advanceTo(long nanos) {
        if (nanos == lastAdvance) {
            return; // the same instant again (every packet asks): nothing more can close
        }
        lastAdvance = nanos;
        Batch b = current;
        int i = b.size++;
        b.times[i] = nanos;
        b.codes[i] = ADVANCE;
        if (b.size == b.times.length) {
            handOver(false);
        }
    }

    @Override
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        handOver(true);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the detectors finished", e);
        }
        rethrowFailure();
    }

    /** Hands over the calls made so far, if any, without waiting for the detectors to replay them. */
    @Override
    public void flush() {
        if (!finished && current.size > 0) {
            flushes++;
            handOver(false);
        }
    }

    /**
     * Waits until the detectors have replayed every call made so far (for measurements that
     * must not leave work in flight; {@link #finish()} waits on its own).
     */
    public void drain() {
        handOver(false);
        try {
            while (free.size() < BATCHES - 1 && failure == null) {
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the detectors caught up", e);
        }
        rethrowFailure();
    }

    /** The detectors' counters; complete once {@link #finish()} has returned. */
    @Override
    public String describe() {
        return detection.describe() + " reader_waited_ms=" + readerWaitNanos / 1_000_000
               + " detectors_waited_ms=" + detectorWaitNanos / 1_000_000 + " early_handovers=" + flushes;
    }

    private void handOver(boolean last) {
        if (!last) {
            rethrowFailure(); // the last batch always goes, so that the thread ends
        }
        current.last = last;
        try {
            filled.put(current);
            if (!last) {
                Batch next = free.poll();
                if (next == null) {
                    long start = System.nanoTime();
                    next = free.take();
                    readerWaitNanos += System.nanoTime() - start;
                }
                current = next;
            } else {
                current = null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing attempts to the detectors", e);
        }
    }

    private void rethrowFailure() {
        Throwable t = failure;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private void run() {
        try {
            while (true) {
                Batch b = filled.poll();
                if (b == null) {
                    long start = System.nanoTime();
                    b = filled.take();
                    detectorWaitNanos += System.nanoTime() - start;
                }
                if (failure == null) {
                    replay(b);
                }
                boolean last = b.last;
                b.size = 0;
                b.last = false;
                free.put(b);
                if (last) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            failure = e;
        }
    }

    private void replay(Batch b) {
        try {
            for (int i = 0, n = b.size; i < n; i++) {
                int code = b.codes[i];
                if (code == ADVANCE) {
                    detection.advanceTo(b.times[i]);
                } else {
                    detection.onAttempt(new Attempt(b.times[i], new IpAddress(b.srcHi[i], b.srcLo[i]),
                            new IpAddress(b.dstHi[i], b.dstLo[i]), PROTOCOLS[code >>> 16],
                            b.ports[i], b.srcPorts[i], TECHNIQUES[(code >>> 8) & 0xFF], OUTCOMES[code & 0xFF]));
                }
            }
            if (b.last) {
                detection.finish();
            }
        } catch (Throwable t) {
            failure = t; // from now on batches are only returned, so the reader never waits for ever
        }
    }
}
