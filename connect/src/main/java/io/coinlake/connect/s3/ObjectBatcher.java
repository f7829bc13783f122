package io.coinlake.connect.s3;

import io.coinlake.bronze.BronzeObjectKey;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The object boundaries of one topic partition, as a pure function of its records: an object
 * closes when the date changes, when it holds {@code flushSize} records, at an end-of-batch
 * marker (which is not itself written), or before an offset gap (a skipped record, an aborted
 * transaction, a commit marker). Never on a timer: a redelivery from any committed offset
 * rebuilds the same objects under the same keys. Because an object holds consecutive offsets
 * only, line {@code i} of an object is the record at its first offset plus {@code i}: readers
 * get each line's Kafka offset from the key alone.
 *
 * <p>A closed object stays here until {@link #landed} says it is uploaded, and a record at an
 * offset already seen is ignored: after a failed upload Connect redelivers only its last batch,
 * so nothing read earlier may be forgotten, and after a rewind the records still held come again.
 */
public final class ObjectBatcher {
    /** A finished object: where it goes, its lines, and the offset to commit once it is uploaded. */
    public record ClosedObject(BronzeObjectKey key, List<byte[]> lines, long nextOffset) {
        public byte[] jsonLines() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] line : lines) {
                out.writeBytes(line);
                out.write('\n');
            }
            return out.toByteArray();
        }
    }

    private final String prefix;
    private final String topic;
    private final int partition;
    private final int flushSize;
    private final boolean gzip;

    private final List<byte[]> open = new ArrayList<>();
    private final Deque<ClosedObject> unlanded = new ArrayDeque<>();
    private LocalDate openDate;
    private long openFirstOffset = -1;
    private long lastOffset = -1;

    public ObjectBatcher(String prefix, String topic, int partition, int flushSize, boolean gzip) {
        if (flushSize < 1) {
            throw new IllegalArgumentException("flushSize must be at least 1");
        }
        this.prefix = prefix;
        this.topic = topic;
        this.partition = partition;
        this.flushSize = flushSize;
        this.gzip = gzip;
    }

    /**
     * Adds a record to land; returns the objects it closed (at most two: a date change or gap, and a
     * full object), which are also kept until {@link #landed}. A record already seen closes nothing.
     */
    public List<ClosedObject> add(long offset, LocalDate date, byte[] value) {
        if (seen(offset)) {
            return List.of();
        }
        List<ClosedObject> closed = new ArrayList<>(1);
        if (!open.isEmpty() && (!date.equals(openDate) || offset != openFirstOffset + open.size())) {
            closed.add(close(offset));
        }
        if (open.isEmpty()) {
            openDate = date;
            openFirstOffset = offset;
        }
        open.add(value);
        lastOffset = offset;
        if (open.size() == flushSize) {
            closed.add(close(offset + 1));
        }
        return closed;
    }

    /** An end-of-batch marker: closes what is open; the marker itself is not landed. */
    public Optional<ClosedObject> endOfBatch(long offset) {
        if (seen(offset)) {
            return Optional.empty();
        }
        lastOffset = offset;
        return open.isEmpty() ? Optional.empty() : Optional.of(close(offset + 1));
    }

    /**
     * A record that is not landed (sent to the dead-letter queue): only its offset counts. Returns
     * false for a record already seen, which must not be reported again.
     */
    public boolean skip(long offset) {
        if (seen(offset)) {
            return false;
        }
        lastOffset = offset;
        return true;
    }

    /** The oldest closed object not yet uploaded: objects must land in order for the committed offset to move. */
    public Optional<ClosedObject> nextToLand() {
        return Optional.ofNullable(unlanded.peekFirst());
    }

    /** Records that {@code object}, the one {@link #nextToLand} returned, is in the store. */
    public void landed(ClosedObject object) {
        if (unlanded.peekFirst() != object) {
            throw new IllegalStateException(object.key() + " is not the next object to land on " + topic + "-" + partition);
        }
        unlanded.removeFirst();
    }

    /** Closed objects still waiting for an upload. */
    public int unlandedObjects() {
        return unlanded.size();
    }

    /**
     * The offset up to which everything seen is uploaded or dealt with: the start of the oldest
     * object not yet landed, else of the open object, else past the last record. Empty before the
     * first record.
     */
    public Optional<Long> committableOffset() {
        if (!unlanded.isEmpty()) {
            return Optional.of(unlanded.peekFirst().key().firstOffset());
        }
        if (!open.isEmpty()) {
            return Optional.of(openFirstOffset);
        }
        return lastOffset < 0 ? Optional.empty() : Optional.of(lastOffset + 1);
    }

    public int openRecords() {
        return open.size();
    }

    private ClosedObject close(long nextOffset) {
        ClosedObject object = new ClosedObject(new BronzeObjectKey(prefix, topic, openDate, partition, openFirstOffset, gzip),
                List.copyOf(open), nextOffset);
        open.clear();
        openDate = null;
        openFirstOffset = -1;
        unlanded.addLast(object);
        return object;
    }

    /** Whether this batcher holds, or has landed, the record at {@code offset} already. */
    private boolean seen(long offset) {
        return offset <= lastOffset;
    }
}
