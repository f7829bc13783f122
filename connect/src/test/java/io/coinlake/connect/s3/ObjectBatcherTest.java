package io.coinlake.connect.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ObjectBatcherTest {
    private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
    private static final LocalDate D2 = LocalDate.of(2026, 11, 2);

    /** One input record: a value for a date, a marker, or a record to skip (dead-lettered). */
    private record Input(long offset, LocalDate date, String kind) {
        static Input value(long offset, LocalDate date) {
            return new Input(offset, date, "value");
        }

        static Input marker(long offset) {
            return new Input(offset, null, "marker");
        }

        static Input skipped(long offset) {
            return new Input(offset, null, "skip");
        }
    }

    private static byte[] line(long offset) {
        return ("{\"o\":" + offset + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds inputs as the task does when every upload succeeds at once. */
    private static List<ObjectBatcher.ClosedObject> feed(ObjectBatcher batcher, List<Input> inputs) {
        return deliver(batcher, inputs, true);
    }

    private static List<ObjectBatcher.ClosedObject> deliver(ObjectBatcher batcher, List<Input> inputs, boolean uploadsSucceed) {
        List<ObjectBatcher.ClosedObject> closed = new ArrayList<>();
        for (Input input : inputs) {
            switch (input.kind()) {
                case "value" -> closed.addAll(batcher.add(input.offset(), input.date(), line(input.offset())));
                case "marker" -> batcher.endOfBatch(input.offset()).ifPresent(closed::add);
                default -> batcher.skip(input.offset());
            }
            if (uploadsSucceed) {
                landAll(batcher);
            }
        }
        return closed;
    }

    private static void landAll(ObjectBatcher batcher) {
        for (var next = batcher.nextToLand(); next.isPresent(); next = batcher.nextToLand()) {
            batcher.landed(next.get());
        }
    }

    private static Map<String, String> contents(List<ObjectBatcher.ClosedObject> objects) {
        Map<String, String> byKey = new TreeMap<>();
        objects.forEach(o -> byKey.put(o.key().key(), new String(o.jsonLines(), StandardCharsets.UTF_8)));
        return byKey;
    }

    private static ObjectBatcher batcher(int flushSize) {
        return new ObjectBatcher("bronze", "raw", 0, flushSize, false);
    }

    @Test
    void markerClosesTheBatchAtOnceAndIsNotLanded() {
        List<ObjectBatcher.ClosedObject> closed = feed(batcher(1000),
                List.of(Input.value(0, D1), Input.value(1, D1), Input.value(2, D1), Input.marker(3)));

        assertThat(closed).singleElement().satisfies(object -> {
            assertThat(object.key().key()).isEqualTo("bronze/raw/dt=2026-11-01/raw+0+00000000000000000000.jsonl");
            assertThat(new String(object.jsonLines(), StandardCharsets.UTF_8)).isEqualTo("{\"o\":0}\n{\"o\":1}\n{\"o\":2}\n");
            assertThat(object.nextOffset()).isEqualTo(4);
        });
    }

    @Test
    void dateChangeAndFlushSizeCloseObjects() {
        ObjectBatcher batcher = batcher(2);
        List<ObjectBatcher.ClosedObject> closed = feed(batcher,
                List.of(Input.value(0, D1), Input.value(1, D1), Input.value(2, D1), Input.value(3, D2), Input.value(4, D2)));

        assertThat(closed).extracting(o -> o.key().firstOffset()).containsExactly(0L, 2L, 3L);
        assertThat(closed).extracting(o -> o.key().date()).containsExactly(D1, D1, D2);
        assertThat(closed).extracting(ObjectBatcher.ClosedObject::nextOffset).containsExactly(2L, 3L, 5L);
        assertThat(batcher.openRecords()).isZero();
    }

    @Test
    void committableOffsetNeverPassesAnOpenRecord() {
        ObjectBatcher batcher = batcher(10);
        assertThat(batcher.committableOffset()).isEmpty();

        feed(batcher, List.of(Input.skipped(0), Input.skipped(1)));
        assertThat(batcher.committableOffset()).contains(2L);

        feed(batcher, List.of(Input.value(5, D1), Input.value(6, D1)));
        assertThat(batcher.committableOffset()).contains(5L);

        // The gap closes [5, 6] (uploaded by the caller before it commits); 8 opens the next object.
        feed(batcher, List.of(Input.skipped(7), Input.value(8, D1)));
        assertThat(batcher.committableOffset()).contains(8L);

        feed(batcher, List.of(Input.marker(9)));
        assertThat(batcher.committableOffset()).contains(10L);
    }

    /** The exactly-once property: resuming from any committable offset rebuilds identical objects. */
    @Test
    void redeliveryFromAnyCommittedOffsetRebuildsIdenticalObjects() {
        List<Input> stream = new ArrayList<>();
        long offset = 0;
        for (LocalDate date : List.of(D1, D2)) {
            for (int i = 0; i < 7; i++) {
                stream.add(i == 3 ? Input.skipped(offset++) : Input.value(offset++, date));
            }
            stream.add(Input.marker(offset++));
            offset++; // a transaction commit marker takes an offset the consumer never sees
        }
        Map<String, String> uninterrupted = contents(feed(batcher(3), stream));

        for (int crashAfter = 1; crashAfter < stream.size(); crashAfter++) {
            ObjectBatcher first = batcher(3);
            List<ObjectBatcher.ClosedObject> landed = new ArrayList<>(feed(first, stream.subList(0, crashAfter)));
            Optional<Long> committed = first.committableOffset();
            long resumeAt = committed.orElse(0L);
            List<Input> redelivered = stream.stream().filter(input -> input.offset() >= resumeAt).toList();
            landed.addAll(feed(batcher(3), redelivered));

            Map<String, String> merged = new TreeMap<>();
            for (ObjectBatcher.ClosedObject object : landed) {
                String body = new String(object.jsonLines(), StandardCharsets.UTF_8);
                String earlier = merged.putIfAbsent(object.key().key(), body);
                assertThat(earlier == null || earlier.equals(body)).as("same key, same bytes after crash at " + crashAfter).isTrue();
            }
            assertThat(merged).as("crash after " + crashAfter + " records").isEqualTo(uninterrupted);
        }
    }

    /** Readers compute each line's offset as the key's first offset plus the line number. */
    @Test
    void anOffsetGapClosesTheObjectSoEveryObjectHoldsConsecutiveOffsets() {
        List<ObjectBatcher.ClosedObject> closed = feed(batcher(100), List.of(Input.value(0, D1), Input.value(1, D1),
                Input.skipped(2), Input.value(3, D1), Input.value(6, D1), Input.value(7, D1), Input.marker(8)));

        assertThat(closed).extracting(o -> o.key().firstOffset()).containsExactly(0L, 3L, 6L);
        assertThat(closed).extracting(o -> o.lines().size()).containsExactly(2, 1, 2);
        assertThat(closed).extracting(ObjectBatcher.ClosedObject::nextOffset).containsExactly(3L, 6L, 9L);
    }

    @Test
    void aClosedObjectHoldsTheCommittableOffsetUntilItHasLanded() {
        ObjectBatcher batcher = batcher(2);
        batcher.add(0, D1, line(0));
        batcher.add(1, D1, line(1)); // full: closed, not yet uploaded
        batcher.add(2, D1, line(2));
        batcher.add(3, D1, line(3)); // full again
        batcher.endOfBatch(4);

        assertThat(batcher.unlandedObjects()).isEqualTo(2);
        assertThat(batcher.committableOffset()).contains(0L);
        batcher.landed(batcher.nextToLand().orElseThrow());
        assertThat(batcher.committableOffset()).contains(2L);
        ObjectBatcher.ClosedObject second = batcher.nextToLand().orElseThrow();
        assertThat(second.key().firstOffset()).isEqualTo(2L);
        batcher.landed(second);
        assertThat(batcher.committableOffset()).contains(5L);
        assertThat(batcher.nextToLand()).isEmpty();
    }

    /** After a failed upload Connect calls put again with the last batch only; the earlier records must survive. */
    @Test
    void aRedeliveredBatchIsIgnoredAndEverythingReadBeforeIsKept() {
        ObjectBatcher batcher = batcher(100);
        feed(batcher, List.of(Input.value(0, D1), Input.value(1, D1)));
        List<Input> lastBatch = List.of(Input.value(2, D1), Input.marker(3));
        assertThat(deliver(batcher, lastBatch, false)).hasSize(1); // its upload fails: nothing lands
        assertThat(deliver(batcher, lastBatch, false)).as("the same batch, delivered again").isEmpty();

        ObjectBatcher.ClosedObject object = batcher.nextToLand().orElseThrow();
        assertThat(object.key().firstOffset()).isZero();
        assertThat(new String(object.jsonLines(), StandardCharsets.UTF_8)).isEqualTo("{\"o\":0}\n{\"o\":1}\n{\"o\":2}\n");
        assertThat(batcher.committableOffset()).contains(0L);
        batcher.landed(object);
        assertThat(batcher.committableOffset()).contains(4L);
    }

    @Test
    void aSkippedRecordDeliveredAgainIsNotReportedAgain() {
        ObjectBatcher batcher = batcher(5);
        assertThat(batcher.skip(3)).isTrue();
        assertThat(batcher.skip(3)).as("redelivered: already dead-lettered").isFalse();
        assertThat(batcher.committableOffset()).contains(4L);
    }

    @Test
    void objectsLandOnlyInOrder() {
        ObjectBatcher batcher = batcher(1);
        ObjectBatcher.ClosedObject first = batcher.add(0, D1, line(0)).get(0);
        ObjectBatcher.ClosedObject second = batcher.add(1, D1, line(1)).get(0);

        assertThatThrownBy(() -> batcher.landed(second)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the next object to land");
        batcher.landed(first);
        batcher.landed(second);
        assertThat(batcher.committableOffset()).contains(2L);
    }
}
