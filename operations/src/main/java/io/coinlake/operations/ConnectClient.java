package io.coinlake.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.coinlake.config.Launcher;
import io.coinlake.json.RawJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The parts of Kafka Connect's REST API the CLI uses. */
public final class ConnectClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A connector's state and its tasks' states, with the first line of a failed task's trace. */
    public record Status(String connector, List<String> tasks, String failure) {
        public boolean running() {
            return connector.equals("RUNNING") && !tasks.isEmpty() && tasks.stream().allMatch("RUNNING"::equals);
        }

        public boolean failed() {
            return connector.equals("FAILED") || tasks.contains("FAILED");
        }

        @Override
        public String toString() {
            return connector + ", tasks " + tasks + (failure == null ? "" : " (" + failure + ")");
        }
    }

    private final String url;

    public ConnectClient(String url) {
        this.url = url;
    }

    /** Creates or updates the connector: PUT is idempotent, so 'up' can always call it. */
    public void putConfig(String name, Map<String, String> config) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors/" + name + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(RawJson.MAPPER.writeValueAsString(config))));
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new UserError("Connect refused the configuration of " + name + " (HTTP " + response.statusCode() + "): "
                    + errorMessage(response.body()));
        }
    }

    /** PUT /connectors/{name}/stop: tasks shut down, the config stays; offsets can then be changed. */
    public void stop(String name) throws IOException, InterruptedException {
        expect(send(HttpRequest.newBuilder(uri("/connectors/" + name + "/stop")).PUT(HttpRequest.BodyPublishers.noBody())),
                "stop " + name, 202, 204);
    }

    public void resume(String name) throws IOException, InterruptedException {
        expect(send(HttpRequest.newBuilder(uri("/connectors/" + name + "/resume")).PUT(HttpRequest.BodyPublishers.noBody())),
                "resume " + name, 202, 204);
    }

    /** DELETE /connectors/{name}/offsets: the sink starts again from the earliest offset. */
    public void resetOffsets(String name) throws IOException, InterruptedException {
        expect(send(HttpRequest.newBuilder(uri("/connectors/" + name + "/offsets")).DELETE()), "reset offsets of " + name, 200);
    }

    /** PATCH /connectors/{name}/offsets with a sink offset per topic partition. */
    public void alterOffsets(String name, String topic, Map<Integer, Long> offsets) throws IOException, InterruptedException {
        List<Map<String, Object>> entries = new ArrayList<>();
        offsets.forEach((partition, offset) -> entries.add(Map.of(
                "partition", Map.of("kafka_topic", topic, "kafka_partition", partition),
                "offset", Map.of("kafka_offset", offset))));
        String body = RawJson.MAPPER.writeValueAsString(Map.of("offsets", entries));
        expect(send(HttpRequest.newBuilder(uri("/connectors/" + name + "/offsets"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))), "alter offsets of " + name, 200);
    }

    private static void expect(HttpResponse<String> response, String what, int... accepted) {
        for (int status : accepted) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new UserError("Connect could not " + what + " (HTTP " + response.statusCode() + "): "
                + errorMessage(response.body()));
    }

    /** Null when the connector does not exist. */
    public Status status(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors/" + name + "/status")).GET());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET /connectors/" + name + "/status answered HTTP " + response.statusCode());
        }
        JsonNode json = RawJson.tree(response.body());
        List<String> tasks = new ArrayList<>();
        String failure = null;
        for (JsonNode task : json.path("tasks")) {
            tasks.add(task.path("state").asText());
            if (task.has("trace") && failure == null) {
                failure = task.get("trace").asText().lines().findFirst().orElse("");
            }
        }
        if (json.path("connector").has("trace") && failure == null) {
            failure = json.path("connector").get("trace").asText().lines().findFirst().orElse("");
        }
        return new Status(json.path("connector").path("state").asText(), tasks, failure);
    }

    private URI uri(String path) {
        return URI.create(url + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("Kafka Connect does not answer at " + url + " (" + e.getClass().getSimpleName()
                    + "). Is it running? '" + Launcher.COMMAND + " up' starts the embedded worker.", e);
        }
    }

    private static String errorMessage(String body) {
        try {
            return RawJson.tree(body).path("message").asText(body);
        } catch (IOException e) {
            return body;
        }
    }
}
