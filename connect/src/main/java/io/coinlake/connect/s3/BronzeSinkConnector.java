package io.coinlake.connect.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * The coinlake bronze sink: raw record values as JSON Lines objects in S3, exactly once.
 * Use it with {@code value.converter=org.apache.kafka.connect.converters.ByteArrayConverter}
 * so the bytes pass through untouched, and {@code consumer.override.isolation.level=read_committed}.
 */
public final class BronzeSinkConnector extends SinkConnector {
    static final String VERSION = "0.1.0";

    private Map<String, String> settings;

    @Override
    public void start(Map<String, String> settings) {
        new BronzeSinkConfig(settings); // fail at creation, with the key and the rule, not in a task
        this.settings = Map.copyOf(settings);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return BronzeSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(settings);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return BronzeSinkConfig.CONFIG;
    }

    @Override
    public String version() {
        return VERSION;
    }
}
