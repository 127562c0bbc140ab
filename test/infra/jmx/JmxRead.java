// Reads Kafka Connect's MBeans from a JVM's JMX (the JDK's own connector) and prints them as JSON:
// { "<object name>": { "<attribute>": value, ... }, ... }. Run as a single-file program, no build:
//   java test/infra/jmx/JmxRead.java 127.0.0.1:9999 'kafka.connect:type=source-task-metrics,*'
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

public class JmxRead {
  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }

  private static String value(Object v) {
    if (v == null) return "null";
    if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? String.valueOf(v) : "null";
    }
    if (v instanceof Boolean) return v.toString();
    return quote(v.toString());
  }

  public static void main(String[] args) throws Exception {
    JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + args[0] + "/jmxrmi");
    try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      StringBuilder out = new StringBuilder("{");
      boolean firstBean = true;
      for (int i = 1; i < args.length; i++) {
        Set<ObjectName> names = server.queryNames(new ObjectName(args[i]), null);
        for (ObjectName name : names) {
          out.append(firstBean ? "" : ",").append(quote(name.toString())).append(":{");
          firstBean = false;
          boolean firstAttr = true;
          for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
            Object v;
            try { v = server.getAttribute(name, attribute.getName()); } catch (Exception e) { continue; }
            out.append(firstAttr ? "" : ",").append(quote(attribute.getName())).append(':').append(value(v));
            firstAttr = false;
          }
          out.append('}');
        }
      }
      System.out.println(out.append('}'));
    }
  }
}
