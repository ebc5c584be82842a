package dev.distsys.platform;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PortGuardTests {

    private final PortGuard guard = new PortGuard(PortHolders.ofSystem());

    @Test
    void shouldFailFastNamingTheTakenPortItsComponentAndItsHolder() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();

            assertThatExceptionOfType(StartupException.class)
                .isThrownBy(() -> this.guard.requireFree(Map.of(port, "order-service-1")))
                .withMessageContaining(
                        "port " + port + " (for order-service-1) is in use by pid " + ProcessHandle.current().pid())
                .withMessageContaining("a previous platform run is the usual suspect");
        }
    }

    @Test
    void shouldPassWhenEveryPortIsFree() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }

        assertThat(PortGuard.isFree(port)).isTrue();
        assertThatNoException().isThrownBy(() -> this.guard.requireFree(Map.of(port, "gateway-1")));
    }

    @Test
    void shouldFindTheProcessListeningOnAPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThat(PortHolders.ofSystem().listenerOf(taken.getLocalPort())).map(ProcessHandle::pid)
                .contains(ProcessHandle.current().pid());
        }
    }

}
