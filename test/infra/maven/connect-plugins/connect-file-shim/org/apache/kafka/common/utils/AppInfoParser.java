package org.apache.kafka.common.utils;

/**
 * connect-file up to 4.3.x asks org.apache.kafka.common.utils.AppInfoParser for its version; Kafka 4.4 moved
 * that class to org.apache.kafka.common.utils.internals, and the registry these machines reach serves no
 * connect-file 4.4.0. test/infra compiles this class into the connect-file plugin folder of a Kafka line
 * whose connect-file is older than its worker, so the FileStream connectors report the worker's version,
 * as the 4.4.0 jar does.
 */
public final class AppInfoParser {
    private AppInfoParser() {
    }

    public static String getVersion() {
        return org.apache.kafka.common.utils.internals.AppInfoParser.getVersion();
    }

    public static String getCommitId() {
        return org.apache.kafka.common.utils.internals.AppInfoParser.getCommitId();
    }
}
