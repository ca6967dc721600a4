-- feed_leases says which replica polls a feed, until when, and replicas
-- which replicas are alive (see store.FeedLeases). Within one SQLite file there is usually one service;
-- the table keeps `gapwatch poll` and `gapwatch serve` from polling the
-- same feed at once all the same. Conventions as in 00001.

-- +goose Up
CREATE TABLE feed_leases (
    feed    TEXT    PRIMARY KEY,
    holder  TEXT    NOT NULL,
    expires INTEGER NOT NULL
);

-- replicas says which replicas are alive, until when (Heartbeat).
CREATE TABLE replicas (
    holder  TEXT    PRIMARY KEY,
    expires INTEGER NOT NULL
);

-- +goose Down
DROP TABLE replicas;
DROP TABLE feed_leases;
