package io.coinlake.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coinlake.json.RawJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Records what the latest produce run of a date wrote (run id, counts, per-partition offsets) in
 * {@code <home>/manifests/produce/<date>.json}, so later stages can tell when that batch has been
 * fully consumed.
 */
public final class ProduceManifest {
    private ProduceManifest() {
    }

    public static Path fileFor(Path home, LocalDate date) {
        return home.resolve("manifests").resolve("produce").resolve(date + ".json");
    }

    /**
     * What 'bronze wait' needs of a manifest: the run, and per partition the offset of its first
     * record (-1 when the partition got none) and of its end-of-batch marker.
     */
    public record Recorded(LocalDate logicalDate, String runId, String topic, int records, Map<Integer, Long> firstOffsets,
                           Map<Integer, Long> markerOffsets) {
    }

    /** The latest run recorded for {@code date}, if any. */
    public static Optional<Recorded> read(Path home, LocalDate date) throws IOException {
        Path file = fileFor(home, date);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode json = RawJson.MAPPER.readTree(file.toFile());
        Map<Integer, Long> firsts = new TreeMap<>();
        Map<Integer, Long> markers = new TreeMap<>();
        json.path("partitions").fields().forEachRemaining(entry -> {
            firsts.put(Integer.valueOf(entry.getKey()), entry.getValue().path("firstOffset").asLong(-1));
            markers.put(Integer.valueOf(entry.getKey()), entry.getValue().path("markerOffset").asLong());
        });
        return Optional.of(new Recorded(date, json.path("runId").asText(), json.path("topic").asText(),
                json.path("records").asInt(), firsts, markers));
    }

    public static Path write(Path home, PublishResult result) throws IOException {
        ObjectNode json = RawJson.MAPPER.createObjectNode();
        json.put("logicalDate", result.batch().logicalDate().toString());
        json.put("runId", result.batch().runId());
        json.put("source", result.batch().source());
        json.put("fetchedAt", result.batch().fetchedAt().toString());
        json.put("topic", result.topic());
        json.put("snapshotKind", result.kind().label());
        json.put("records", result.records());
        json.put("duplicateIds", result.duplicateIds());
        ObjectNode partitions = json.putObject("partitions");
        result.partitions().forEach((partition, summary) -> {
            ObjectNode node = partitions.putObject(Integer.toString(partition));
            node.put("records", summary.records());
            node.put("firstOffset", summary.firstOffset());
            node.put("markerOffset", summary.markerOffset());
            node.put("endOffset", summary.endOffset());
        });
        Path file = fileFor(home, result.batch().logicalDate());
        Files.createDirectories(file.getParent());
        // Write then rename, so a reader never sees half a manifest.
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        RawJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), json);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
