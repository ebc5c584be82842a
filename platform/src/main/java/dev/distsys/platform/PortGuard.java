package dev.distsys.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fails fast when a port the platform needs is taken, naming the port, who needs it and
 * the process that probably holds it.
 */
final class PortGuard {

    private final PortHolders holders;

    PortGuard(PortHolders holders) {
        this.holders = holders;
    }

    /**
     * @param ports each needed port with the component that needs it
     * @throws StartupException listing every taken port
     */
    void requireFree(Map<Integer, String> ports) {
        List<String> taken = new ArrayList<>();
        ports.forEach((port, component) -> {
            if (!isFree(port)) {
                taken.add("port " + port + " (for " + component + ") is in use" + describeHolder(port));
            }
        });
        if (!taken.isEmpty()) {
            throw new StartupException("Cannot start the platform:\n  - " + String.join("\n  - ", taken)
                    + "\nStop what holds these ports (a previous platform run is the usual suspect: "
                    + "Ctrl-C it, or kill the pids above) and start again.");
        }
    }

    static boolean isFree(int port) {
        // The wildcard address: services bind every interface, and a listener on
        // 127.0.0.1
        // also makes this bind fail.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private String describeHolder(int port) {
        Optional<ProcessHandle> holder = this.holders.listenerOf(port);
        if (holder.isEmpty()) {
            return " by a process this user cannot see (try: ss -ltnp 'sport = :" + port + "')";
        }
        long pid = holder.get().pid();
        String command = holder.get().info().commandLine().orElse("?");
        String hint = looksLikeOurs(command) ? ", probably left over from a previous platform run" : "";
        return " by pid " + pid + hint + ": " + abbreviate(command);
    }

    private static boolean looksLikeOurs(String command) {
        return command.contains("kafka.Kafka") || command.contains("-SNAPSHOT.jar") || command.contains("postgres")
                || command.contains("dev.distsys.platform");
    }

    private static String abbreviate(String command) {
        String flat = command.replaceAll("\\s+", " ");
        return (flat.length() > 160) ? flat.substring(0, 160) + "..." : flat;
    }

}
