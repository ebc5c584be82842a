package dev.distsys.shared.messaging;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TraceparentTests {

    @ParameterizedTest
    @ValueSource(strings = { "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-adds" })
    void shouldAcceptValidTraceparents(String value) {
        assertThat(Traceparent.isValid(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "garbage", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1" })
    void shouldRejectMalformedTraceparents(String value) {
        assertThat(Traceparent.isValid(value)).isFalse();
        assertThatExceptionOfType(MalformedMessageException.class)
            .isThrownBy(() -> Traceparent.requireValid(value, "traceparent"))
            .satisfies((ex) -> assertThat(ex.field()).isEqualTo("traceparent"));
    }

}
