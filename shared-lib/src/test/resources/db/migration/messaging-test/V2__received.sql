-- What the test consumer saw, in the order it saw it.
CREATE TABLE received (
    seq        BIGSERIAL    PRIMARY KEY,
    message_id VARCHAR(100) NOT NULL,
    message_key VARCHAR(100) NOT NULL,
    type       VARCHAR(100) NOT NULL,
    number     INTEGER      NOT NULL
);
