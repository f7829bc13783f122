package io.coinlake.producer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the raw topic explicitly instead of relying on auto-creation, because its settings
 * carry its role: it is the replay log bronze can always be rebuilt from, so time-based retention
 * is off and no date is ever deleted by age.
 */
public final class RawTopic {
    private static final Logger LOG = LoggerFactory.getLogger(RawTopic.class);

    /** Topic settings, each for a reason. */
    static final Map<String, String> CONFIG = Map.of(
            // The replay log: past dates must stay until an operator decides otherwise.
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1",
            // Records are unique per (date, run, asset): compaction by asset id would drop history.
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            // Broker-side timestamps would lose the API's snapshot time.
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");

    private RawTopic() {
    }

    /** Creates the topic if missing; returns its partition count. Safe to call on every run. */
    public static int ensure(Admin admin, String name, int partitions) throws InterruptedException {
        try {
            int brokers = admin.describeCluster().nodes().get().size();
            short replication = (short) Math.min(3, brokers);
            NewTopic topic = new NewTopic(name, partitions, replication).configs(withMinIsr(replication));
            admin.createTopics(Set.of(topic)).all().get();
            LOG.info("created topic {} ({} partitions, replication {}, retention unlimited)", name, partitions, replication);
            return partitions;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
        try {
            TopicDescription existing = admin.describeTopics(Set.of(name)).allTopicNames().get().get(name);
            return existing.partitions().size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not describe topic " + name + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static Map<String, String> withMinIsr(short replication) {
        Map<String, String> config = new HashMap<>(CONFIG);
        // With acks=all, one in-sync replica fewer than all keeps writes available through one broker loss.
        config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.max(1, replication - 1)));
        return config;
    }
}
