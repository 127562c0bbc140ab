import { spawnSync } from 'node:child_process'

const exportsAndOpens = [
  '--add-exports', 'java.base/jdk.internal.misc=ALL-UNNAMED',
  '--add-exports', 'java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED',
  '--add-exports', 'java.rmi/sun.rmi.registry=ALL-UNNAMED',
  '--add-exports', 'java.rmi/sun.rmi.server=ALL-UNNAMED',
  '--add-exports', 'java.sql/java.sql=ALL-UNNAMED',
  '--add-exports', 'java.base/java.lang.ref=ALL-UNNAMED',
  '--add-exports', 'jdk.unsupported/sun.misc=ALL-UNNAMED',
  ...[
    'java.base/java.lang.module', 'java.base/jdk.internal.loader', 'java.base/jdk.internal.ref',
    'java.base/jdk.internal.reflect', 'java.base/jdk.internal.math', 'java.base/jdk.internal.module',
    'java.base/jdk.internal.util.jar', 'jdk.management/com.sun.management.internal', 'java.base/sun.nio.ch',
    'java.base/java.io', 'java.base/java.lang.reflect', 'java.base/java.lang', 'java.base/java.util', 'java.base/java.nio',
  ].flatMap((pkg) => ['--add-opens', `${pkg}=ALL-UNNAMED`]),
]

// Cassandra 5.0's launcher adds these only on a JDK (javac present), see CASSANDRA-19001
const jdkOnly = [
  '--add-exports', 'jdk.attach/sun.tools.attach=ALL-UNNAMED',
  '--add-exports', 'jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED',
  '--add-opens', 'jdk.compiler/com.sun.tools.javac=ALL-UNNAMED',
]

const hasJavac = (): boolean => spawnSync('javac', ['-version']).status === 0

/** The JVM flags of Cassandra 5.0's jvm-server.options and jvm17-server.options, sized for tests. */
export function cassandraJvmOptions(jammJar: string): string[] {
  return [
    '-Xms1g', '-Xmx1g', '-Xss256k', '-ea', '-da:net.openhft...',
    '-XX:+UseThreadPriorities', '-XX:+HeapDumpOnOutOfMemoryError',
    '-XX:+UseTLAB', '-XX:+ResizeTLAB', '-XX:+PerfDisableSharedMem', '-Djava.net.preferIPv4Stack=true',
    '-XX:+UseG1GC', '-XX:+ParallelRefProcEnabled', '-XX:MaxTenuringThreshold=1',
    '-XX:G1RSetUpdatingPauseTimePercent=5', '-XX:MaxGCPauseMillis=300', '-XX:InitiatingHeapOccupancyPercent=70',
    '-Djdk.attach.allowAttachSelf=true',
    ...exportsAndOpens,
    ...(hasJavac() ? jdkOnly : []),
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dio.netty.allocator.useCacheForAllThreads=true', '-Dio.netty.allocator.maxOrder=11',
    '-Dchronicle.analytics.disable=true',
    `-javaagent:${jammJar}`,
  ]
}
