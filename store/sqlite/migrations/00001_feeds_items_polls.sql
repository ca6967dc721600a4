-- Feeds with their fetch state, items, item revisions and the poll log.
--
-- Conventions every later migration follows (decisions, outbox, actions,
-- subscriptions):
--   * times are INTEGER microseconds since the Unix epoch, UTC; NULL is the
--     zero time.Time. Microseconds are PostgreSQL's timestamp precision, so
--     both implementations round-trip the same values;
--   * booleans are INTEGER 0/1;
--   * rows refer to feeds and items by their INTEGER id, never by name;
--   * text columns that Go reads into plain strings are NOT NULL DEFAULT ''.

-- +goose Up
CREATE TABLE feeds (
    id               INTEGER PRIMARY KEY,
    name             TEXT    NOT NULL UNIQUE,
    side             TEXT    NOT NULL DEFAULT '',
    url              TEXT    NOT NULL DEFAULT '',
    kind             TEXT    NOT NULL DEFAULT '',
    etag             TEXT    NOT NULL DEFAULT '',
    last_modified    TEXT    NOT NULL DEFAULT '',
    last_poll_at     INTEGER,
    last_success_at  INTEGER,
    last_error_at    INTEGER,
    last_error       TEXT    NOT NULL DEFAULT '',
    last_error_class TEXT    NOT NULL DEFAULT '',
    error_count      INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER,
    baselined        INTEGER NOT NULL DEFAULT 0,
    polls            INTEGER NOT NULL DEFAULT 0,
    failures         INTEGER NOT NULL DEFAULT 0,
    fetch_path       TEXT    NOT NULL DEFAULT '',
    -- item_count is kept by the items triggers below, so reading a feed's
    -- state never counts its items.
    item_count       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE items (
    id              INTEGER PRIMARY KEY,
    feed_id         INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    side            TEXT    NOT NULL DEFAULT '',
    guid            TEXT    NOT NULL,
    title           TEXT    NOT NULL DEFAULT '',
    link            TEXT    NOT NULL DEFAULT '',
    published       INTEGER,
    updated         INTEGER,
    date_guessed    INTEGER NOT NULL DEFAULT 0,
    summary         TEXT    NOT NULL DEFAULT '',
    content         TEXT    NOT NULL DEFAULT '',
    summary_html    TEXT    NOT NULL DEFAULT '',
    content_html    TEXT    NOT NULL DEFAULT '',
    -- categories is a JSON array of strings, NULL when there are none.
    categories      TEXT,
    language        TEXT    NOT NULL DEFAULT '',
    backlog         INTEGER NOT NULL DEFAULT 0,
    first_seen      INTEGER,
    -- revision counts the edits seen after the first version; revised_at is
    -- when the current version was first seen (NULL for the original).
    revision        INTEGER NOT NULL DEFAULT 0,
    revised_at      INTEGER,
    content_hash    TEXT    NOT NULL DEFAULT '',
    UNIQUE (feed_id, guid)
);

CREATE INDEX items_side_published ON items (side, published, id);
CREATE INDEX items_feed_published ON items (feed_id, published, id);
CREATE INDEX items_published ON items (published, id);
-- The cross-feed duplicate check: one release listed in several section
-- feeds of the same side has one link.
CREATE INDEX items_link_side ON items (link, side);

-- +goose StatementBegin
CREATE TRIGGER items_count_insert AFTER INSERT ON items
BEGIN
    UPDATE feeds SET item_count = item_count + 1 WHERE id = NEW.feed_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER items_count_delete AFTER DELETE ON items
BEGIN
    UPDATE feeds SET item_count = item_count - 1 WHERE id = OLD.feed_id;
END;
-- +goose StatementEnd

-- item_revisions keeps every superseded version of an edited item; the
-- current version stays in items.
CREATE TABLE item_revisions (
    item_id      INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    revision     INTEGER NOT NULL,
    title        TEXT    NOT NULL DEFAULT '',
    link         TEXT    NOT NULL DEFAULT '',
    summary      TEXT    NOT NULL DEFAULT '',
    content      TEXT    NOT NULL DEFAULT '',
    summary_html TEXT    NOT NULL DEFAULT '',
    content_html TEXT    NOT NULL DEFAULT '',
    content_hash TEXT    NOT NULL DEFAULT '',
    seen_at      INTEGER,
    PRIMARY KEY (item_id, revision)
);

-- polls is the poll log, from which coverage of a window is computed. It is
-- pruned by RecordPoll (entries older than the retention period).
CREATE TABLE polls (
    id              INTEGER PRIMARY KEY,
    feed_id         INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    started         INTEGER,
    finished        INTEGER,
    ok              INTEGER NOT NULL DEFAULT 0,
    not_modified    INTEGER NOT NULL DEFAULT 0,
    status          INTEGER NOT NULL DEFAULT 0,
    error_class     TEXT    NOT NULL DEFAULT '',
    error           TEXT    NOT NULL DEFAULT '',
    etag            TEXT    NOT NULL DEFAULT '',
    last_modified   TEXT    NOT NULL DEFAULT '',
    next_attempt_at INTEGER,
    fetch_path      TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX polls_feed_finished ON polls (feed_id, finished);

-- +goose Down
DROP TABLE polls;
DROP TABLE item_revisions;
DROP TRIGGER items_count_delete;
DROP TRIGGER items_count_insert;
DROP TABLE items;
DROP TABLE feeds;
