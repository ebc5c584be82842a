package dev.distsys.gateway.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The configured clients; checks a secret against its stored hash. */
final class ClientRegistry {

    /** Matched when the client id is unknown, so that both cases take the same time. */
    private static final String DUMMY_HASH = "{bcrypt}$2a$10$zz.CgHRxYrXbRxXUSUJGWOx99hr93DgBT/Oj6ruYJ3WVRBKmnMvK6";

    private final Map<String, AuthProperties.Client> clients;

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    ClientRegistry(AuthProperties properties) {
        this.clients = properties.clients();
    }

    /** The scopes of the client when the secret matches its hash. Blocking (hashing). */
    Optional<List<String>> authenticate(String clientId, String secret) {
        if (clientId == null || secret == null || secret.length() > 1000) {
            return Optional.empty();
        }
        AuthProperties.Client client = this.clients.get(clientId);
        boolean matches = this.encoder.matches(secret, (client != null) ? client.secretHash() : DUMMY_HASH);
        return (matches && client != null) ? Optional.of(client.scopes()) : Optional.empty();
    }

}
