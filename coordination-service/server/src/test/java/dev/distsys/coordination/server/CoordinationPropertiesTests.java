package dev.distsys.coordination.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CoordinationPropertiesTests {

    private static final Path DATA = Path.of("data");

    @Test
    void shouldParseMembersInOrder() {
        CoordinationProperties properties = CoordinationProperties.of(2, DATA,
                List.of("1=http://127.0.0.1:9101", "2=http://127.0.0.1:9102", "3=http://127.0.0.1:9103"));
        assertThat(properties.memberAddresses()).containsExactly(
                java.util.Map.entry(1, URI.create("http://127.0.0.1:9101")),
                java.util.Map.entry(2, URI.create("http://127.0.0.1:9102")),
                java.util.Map.entry(3, URI.create("http://127.0.0.1:9103")));
    }

    @Test
    void shouldRefuseAMemberIdThatIsNotAMember() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> CoordinationProperties.of(4, DATA, List.of("1=http://127.0.0.1:9101")))
            .withMessageContaining("coordination.member-id=4");
    }

    @Test
    void shouldRefuseMalformedOrDuplicateEntriesSayingWhatTheyShouldLookLike() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> CoordinationProperties.of(1, DATA, List.of("http://127.0.0.1:9101")))
            .withMessageContaining("must look like 1=http://127.0.0.1:9101");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> CoordinationProperties.of(1, DATA, List.of("one=http://127.0.0.1:9101")))
            .withMessageContaining("member id from 1 to 1000");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> CoordinationProperties.of(1, DATA, List.of("1=ftp://127.0.0.1")))
            .withMessageContaining("http(s) address with a port");
        assertThatIllegalArgumentException().isThrownBy(
                () -> CoordinationProperties.of(1, DATA, List.of("1=http://127.0.0.1:9101", "1=http://127.0.0.1:9102")))
            .withMessageContaining("names member 1 twice");
    }

    @Test
    void shouldDerivePeerPortsFromHttpPortsUnlessGiven() {
        CoordinationProperties properties = CoordinationProperties.of(1, DATA,
                List.of("1=http://127.0.0.1:9101", "2=http://127.0.0.1:9102|10.0.0.2:7000"));
        assertThat(properties.memberList().get(1).peerAddressText()).isEqualTo("127.0.0.1:9201");
        assertThat(properties.memberList().get(2).peerAddressText()).isEqualTo("10.0.0.2:7000");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> CoordinationProperties.of(1, DATA, List.of("1=http://127.0.0.1:9101|nohost")))
            .withMessageContaining("peer address host:port after '|'");
    }

}
