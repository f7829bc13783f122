package io.coinlake.config;

import java.net.URI;
import java.util.regex.Pattern;

/** The small validators settings are built from. Each says what it accepts in {@link Validator#describe()}. */
public final class Validators {
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:\\d{1,5}");

    private Validators() {
    }

    public static Validator<Integer> between(int min, int max) {
        return new Validator<>() {
            @Override
            public void check(Integer value) {
                if (value < min || value > max) {
                    throw new IllegalArgumentException("must be between " + min + " and " + max);
                }
            }

            @Override
            public String describe() {
                return min + ".." + max;
            }
        };
    }

    public static Validator<String> httpUrl() {
        return new Validator<>() {
            @Override
            public void check(String value) {
                URI uri;
                try {
                    uri = URI.create(value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("is not a URL");
                }
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException("must be an http(s) URL such as https://rest.coincap.io/v3");
                }
            }

            @Override
            public String describe() {
                return "http(s) URL";
            }
        };
    }

    public static Validator<String> optionalHttpUrl() {
        return optional(httpUrl());
    }

    /** Empty (meaning: coinlake's default) or whatever {@code rule} accepts. */
    public static Validator<String> optional(Validator<String> rule) {
        return new Validator<>() {
            @Override
            public void check(String value) {
                if (!value.isEmpty()) {
                    rule.check(value);
                }
            }

            @Override
            public String describe() {
                return "empty, or " + rule.describe();
            }
        };
    }

    /** A JVM heap size as -Xmx takes it, in megabytes or gigabytes. */
    public static Validator<String> jvmMemory() {
        return matching(Pattern.compile("[1-9][0-9]{0,6}[mMgG]"), "size such as 512m or 2g",
                "must be a size such as 512m or 2g");
    }

    /** The JDBC catalogs coinlake ships drivers for. */
    public static Validator<String> optionalJdbcUri() {
        return optional(matching(Pattern.compile("jdbc:(sqlite|postgresql):.+"), "jdbc:sqlite:... or jdbc:postgresql:...",
                "must be a jdbc:sqlite: or jdbc:postgresql: URI"));
    }

    public static Validator<String> optionalS3Uri() {
        return optional(matching(Pattern.compile("s3a?://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?"), "s3://bucket/path",
                "must be an S3 location such as s3://coinlake/warehouse"));
    }

    private static Validator<String> matching(Pattern pattern, String description, String message) {
        return new Validator<>() {
            @Override
            public void check(String value) {
                if (!pattern.matcher(value).matches()) {
                    throw new IllegalArgumentException(message);
                }
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    public static Validator<String> notEmpty() {
        return new Validator<>() {
            @Override
            public void check(String value) {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("must not be empty");
                }
            }

            @Override
            public String describe() {
                return "not empty";
            }
        };
    }

    /** S3's bucket naming rules. */
    public static Validator<String> bucketName() {
        return new Validator<>() {
            @Override
            public void check(String value) {
                if (!BUCKET.matcher(value).matches() || value.contains("..")) {
                    throw new IllegalArgumentException("must be 3-63 characters of a-z, 0-9, '.' and '-',"
                            + " starting and ending with a letter or digit");
                }
            }

            @Override
            public String describe() {
                return "S3 bucket name";
            }
        };
    }

    /** Kafka's own rule for topic names: it rejects anything else when the topic is created. */
    public static Validator<String> topicName() {
        return new Validator<>() {
            @Override
            public void check(String value) {
                if (!TOPIC.matcher(value).matches() || value.equals(".") || value.equals("..")) {
                    throw new IllegalArgumentException("must be 1-249 characters of a-z, A-Z, 0-9, '.', '_' or '-'");
                }
            }

            @Override
            public String describe() {
                return "Kafka topic name";
            }
        };
    }

    /** Empty (use the embedded broker) or a comma-separated list of host:port. */
    public static Validator<String> optionalHostPortList() {
        return new Validator<>() {
            @Override
            public void check(String value) {
                if (value.isEmpty()) {
                    return;
                }
                for (String part : value.split(",", -1)) {
                    if (!HOST_PORT.matcher(part.trim()).matches()) {
                        throw new IllegalArgumentException("'" + part.trim() + "' is not host:port (e.g. localhost:9092)");
                    }
                }
            }

            @Override
            public String describe() {
                return "empty, or host:port[,host:port...]";
            }
        };
    }
}
