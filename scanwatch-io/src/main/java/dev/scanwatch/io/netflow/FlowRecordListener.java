package dev.scanwatch.io.netflow;

/** Receives each decoded flow record; the record is reused for the next one. */
@FunctionalInterface
public interface FlowRecordListener {
    void onRecord(FlowRecord record);
}
