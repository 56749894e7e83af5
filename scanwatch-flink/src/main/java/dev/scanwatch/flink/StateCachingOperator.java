package dev.scanwatch.flink;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Runs a keyed detector whose state goes through a {@link KeyedStateCache}: binds the cache to
 * this operator's current key once the function is open, and flushes it before every checkpoint
 * barrier (so the snapshot that follows holds every change made before it). The entries outlive
 * the checkpoint only on RocksDB (alone or under the changelog backend), checked on the backend
 * itself rather than on the job's options, since a cluster's configuration may choose the backend
 * too.
 */
final class StateCachingOperator<IN, OUT> extends KeyedProcessOperator<String, IN, OUT> {

    private static final long serialVersionUID = 1L;

    /** A keyed function that keeps its state in a {@link KeyedStateCache} (created in its {@code open}). */
    interface CachedStateFunction {
        KeyedStateCache<?> stateCache();
    }

    /**
     * RocksDB's identifier, also reported by the changelog backend wrapped around it: values read
     * are fresh copies and snapshots hold bytes, so cache entries may outlive a checkpoint.
     */
    private static final String ROCKSDB = "rocksdb";

    private final long budgetBytes;

    /** @param budgetBytes the cache's size per parallel instance; 0 reads and writes the state directly */
    <F extends KeyedProcessFunction<String, IN, OUT> & CachedStateFunction> StateCachingOperator(F function,
                                                                                               long budgetBytes) {
        super(function);
        this.budgetBytes = budgetBytes;
    }

    @Override
    public void open() throws Exception {
        super.open();
        KeyedStateCache<?> cache = cache();
        boolean copies = budgetBytes > 0 && ROCKSDB.equals(getKeyedStateBackend().getBackendTypeIdentifier());
        cache.bind(this, budgetBytes, copies);
        // For sizing --state-cache-mb: evictions (entries pushed out by the budget) that keep growing mean the hot keys do not fit.
        getMetricGroup().gauge("stateCacheKeys", (Gauge<Integer>) cache::size);
        getMetricGroup().gauge("stateCacheBytes", (Gauge<Long>) cache::bytes);
        getMetricGroup().gauge("stateCacheEvictions", (Gauge<Long>) cache::evictions);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        cache().flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    private KeyedStateCache<?> cache() {
        return ((CachedStateFunction) userFunction).stateCache();
    }
}
