-- Claims and their decisions, the outbox, newsroom actions, mutes,
-- subscriptions, and full-text search over items (the alert pipeline and
-- the newsroom commands). Conventions as in 00001.

-- +goose Up
-- claims holds one row per item recognised as a claim, with its latest
-- decision (JSON of match.Decision) and the newsroom's resolution.
CREATE TABLE claims (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL UNIQUE REFERENCES items (id) ON DELETE CASCADE,
    side        TEXT    NOT NULL DEFAULT '',
    feed        TEXT    NOT NULL DEFAULT '',
    published   INTEGER,
    status      TEXT    NOT NULL DEFAULT '',
    final       INTEGER NOT NULL DEFAULT 0,
    decision    TEXT    NOT NULL DEFAULT '{}',
    last_event  TEXT    NOT NULL DEFAULT '',
    created     INTEGER,
    updated     INTEGER,
    -- resolution is '', 'confirmed' or 'dismissed'.
    resolution  TEXT    NOT NULL DEFAULT '',
    res_url     TEXT    NOT NULL DEFAULT '',
    res_note    TEXT    NOT NULL DEFAULT '',
    res_reason  TEXT    NOT NULL DEFAULT '',
    res_by      TEXT    NOT NULL DEFAULT '',
    res_at      INTEGER
);

CREATE INDEX claims_published ON claims (published, id);
CREATE INDEX claims_status ON claims (status, published);

-- claim_events records every lifecycle event saved for a claim: saving an
-- event key twice is a no-op (replays after a restart).
CREATE TABLE claim_events (
    claim_id  INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    event_key TEXT    NOT NULL,
    event     TEXT    NOT NULL DEFAULT '',
    at        INTEGER,
    PRIMARY KEY (claim_id, event_key)
);

-- claim_evidence links a claim to the other side's items its latest
-- decision considered, so that showing a claim is one join.
CREATE TABLE claim_evidence (
    claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    item_id  INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    rank     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (claim_id, item_id)
);

CREATE TABLE actions (
    id       INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL DEFAULT 0,
    kind     TEXT    NOT NULL DEFAULT '',
    actor    TEXT    NOT NULL DEFAULT '',
    channel  TEXT    NOT NULL DEFAULT '',
    -- args is a JSON object of strings, NULL when there are none.
    args     TEXT,
    at       INTEGER
);

CREATE INDEX actions_claim ON actions (claim_id, id);

CREATE TABLE mutes (
    claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    channel  TEXT    NOT NULL,
    at       INTEGER,
    PRIMARY KEY (claim_id, channel)
);

CREATE TABLE subscriptions (
    id       INTEGER PRIMARY KEY,
    platform TEXT    NOT NULL,
    target   TEXT    NOT NULL,
    language TEXT    NOT NULL DEFAULT '',
    -- filters is the JSON of store.Filters.
    filters  TEXT    NOT NULL DEFAULT '{}',
    by       TEXT    NOT NULL DEFAULT '',
    at       INTEGER,
    UNIQUE (platform, target)
);

-- outbox holds every message to deliver; key is the idempotency key.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    key          TEXT    NOT NULL UNIQUE,
    channel      TEXT    NOT NULL,
    platform     TEXT    NOT NULL DEFAULT '',
    target       TEXT    NOT NULL DEFAULT '',
    event        TEXT    NOT NULL DEFAULT '',
    claim_id     INTEGER NOT NULL DEFAULT 0,
    feed         TEXT    NOT NULL DEFAULT '',
    payload      TEXT    NOT NULL DEFAULT '{}',
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt INTEGER,
    lease_until  INTEGER,
    last_error   TEXT    NOT NULL DEFAULT '',
    state        TEXT    NOT NULL DEFAULT 'pending',
    receipt      TEXT    NOT NULL DEFAULT '',
    created      INTEGER,
    sent         INTEGER
);

CREATE INDEX outbox_due ON outbox (state, channel, id);
CREATE INDEX outbox_claim_channel ON outbox (claim_id, channel, id);

-- items_fts indexes the items' plain text; accents and case are folded so
-- that "trafico" finds "tráfico". It is an external-content table kept in
-- step with items by the triggers below.
CREATE VIRTUAL TABLE items_fts USING fts5 (
    title, summary, content,
    content = 'items', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- +goose StatementBegin
CREATE TRIGGER items_fts_insert AFTER INSERT ON items
BEGIN
    INSERT INTO items_fts (rowid, title, summary, content) VALUES (NEW.id, NEW.title, NEW.summary, NEW.content);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER items_fts_delete AFTER DELETE ON items
BEGIN
    INSERT INTO items_fts (items_fts, rowid, title, summary, content) VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.content);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary, content ON items
BEGIN
    INSERT INTO items_fts (items_fts, rowid, title, summary, content) VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.content);
    INSERT INTO items_fts (rowid, title, summary, content) VALUES (NEW.id, NEW.title, NEW.summary, NEW.content);
END;
-- +goose StatementEnd

INSERT INTO items_fts (items_fts) VALUES ('rebuild');

-- +goose Down
DROP TRIGGER items_fts_update;
DROP TRIGGER items_fts_delete;
DROP TRIGGER items_fts_insert;
DROP TABLE items_fts;
DROP TABLE outbox;
DROP TABLE subscriptions;
DROP TABLE mutes;
DROP TABLE actions;
DROP TABLE claim_evidence;
DROP TABLE claim_events;
DROP TABLE claims;
