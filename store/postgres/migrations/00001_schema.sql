-- The whole gapwatch schema on PostgreSQL: feeds and their fetch state,
-- items and revisions, the poll log, claims and their events and evidence,
-- actions, mutes, subscriptions, the outbox and feed leases.
--
-- Table and column names are the SQLite schema's (store/sqlite/migrations),
-- so that `gapwatch export`/`import` move rows between the two engines
-- column by column. Differences:
--   * times are timestamptz (microsecond precision, as SQLite's INTEGER
--     microseconds); NULL is the zero time.Time;
--   * booleans are boolean;
--   * JSON columns (decision, payload, filters, args, categories) are text,
--     kept byte for byte as written;
--   * full-text search is a stored tsvector column over gw_fold(title,
--     summary, content) with the 'simple' configuration (no stemming, no
--     stop words), where gw_fold lower-cases and, when the unaccent
--     extension is available, strips accents; prefix and phrase queries
--     are built by the store (see search.go).

-- +goose Up
-- +goose StatementBegin
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
EXCEPTION WHEN OTHERS THEN
    -- Not installed on this server, or not allowed: gw_fold then only
    -- lower-cases.
    NULL;
END
$$;
-- +goose StatementEnd

-- +goose StatementBegin
DO $$
DECLARE
    ns text;
BEGIN
    SELECT n.nspname INTO ns FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'unaccent';
    IF ns IS NULL THEN
        EXECUTE 'CREATE FUNCTION gw_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE '
             || 'AS $f$ SELECT lower(t) $f$';
    ELSE
        EXECUTE format('CREATE FUNCTION gw_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE '
             || 'AS $f$ SELECT lower(%I.unaccent(%L::regdictionary, t)) $f$', ns, ns || '.unaccent');
    END IF;
END
$$;
-- +goose StatementEnd

CREATE TABLE feeds (
    id               bigserial   PRIMARY KEY,
    name             text        NOT NULL UNIQUE,
    side             text        NOT NULL DEFAULT '',
    url              text        NOT NULL DEFAULT '',
    kind             text        NOT NULL DEFAULT '',
    etag             text        NOT NULL DEFAULT '',
    last_modified    text        NOT NULL DEFAULT '',
    last_poll_at     timestamptz,
    last_success_at  timestamptz,
    last_error_at    timestamptz,
    last_error       text        NOT NULL DEFAULT '',
    last_error_class text        NOT NULL DEFAULT '',
    error_count      integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    baselined        boolean     NOT NULL DEFAULT false,
    polls            integer     NOT NULL DEFAULT 0,
    failures         integer     NOT NULL DEFAULT 0,
    fetch_path       text        NOT NULL DEFAULT '',
    item_count       integer     NOT NULL DEFAULT 0
);

CREATE TABLE items (
    id           bigserial   PRIMARY KEY,
    feed_id      bigint      NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    side         text        NOT NULL DEFAULT '',
    guid         text        NOT NULL,
    title        text        NOT NULL DEFAULT '',
    link         text        NOT NULL DEFAULT '',
    published    timestamptz,
    updated      timestamptz,
    date_guessed boolean     NOT NULL DEFAULT false,
    summary      text        NOT NULL DEFAULT '',
    content      text        NOT NULL DEFAULT '',
    summary_html text        NOT NULL DEFAULT '',
    content_html text        NOT NULL DEFAULT '',
    categories   text,
    language     text        NOT NULL DEFAULT '',
    backlog      boolean     NOT NULL DEFAULT false,
    first_seen   timestamptz,
    revision     integer     NOT NULL DEFAULT 0,
    revised_at   timestamptz,
    content_hash text        NOT NULL DEFAULT '',
    search       tsvector    GENERATED ALWAYS AS
        (to_tsvector('simple', gw_fold(title || ' ' || summary || ' ' || content))) STORED,
    UNIQUE (feed_id, guid)
);

CREATE INDEX items_side_published ON items (side, published, id);
CREATE INDEX items_feed_published ON items (feed_id, published, id);
CREATE INDEX items_published ON items (published, id);
CREATE INDEX items_link_side ON items (link, side);
CREATE INDEX items_search ON items USING gin (search);

-- +goose StatementBegin
CREATE FUNCTION gw_item_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE feeds SET item_count = item_count + 1 WHERE id = NEW.feed_id;
    ELSE
        UPDATE feeds SET item_count = item_count - 1 WHERE id = OLD.feed_id;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER items_count AFTER INSERT OR DELETE ON items
    FOR EACH ROW EXECUTE FUNCTION gw_item_count();

CREATE TABLE item_revisions (
    item_id      bigint      NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    revision     integer     NOT NULL,
    title        text        NOT NULL DEFAULT '',
    link         text        NOT NULL DEFAULT '',
    summary      text        NOT NULL DEFAULT '',
    content      text        NOT NULL DEFAULT '',
    summary_html text        NOT NULL DEFAULT '',
    content_html text        NOT NULL DEFAULT '',
    content_hash text        NOT NULL DEFAULT '',
    seen_at      timestamptz,
    PRIMARY KEY (item_id, revision)
);

CREATE TABLE polls (
    id              bigserial   PRIMARY KEY,
    feed_id         bigint      NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    started         timestamptz,
    finished        timestamptz,
    ok              boolean     NOT NULL DEFAULT false,
    not_modified    boolean     NOT NULL DEFAULT false,
    status          integer     NOT NULL DEFAULT 0,
    error_class     text        NOT NULL DEFAULT '',
    error           text        NOT NULL DEFAULT '',
    etag            text        NOT NULL DEFAULT '',
    last_modified   text        NOT NULL DEFAULT '',
    next_attempt_at timestamptz,
    fetch_path      text        NOT NULL DEFAULT ''
);

CREATE INDEX polls_feed_finished ON polls (feed_id, finished);

CREATE TABLE claims (
    id         bigserial   PRIMARY KEY,
    item_id    bigint      NOT NULL UNIQUE REFERENCES items (id) ON DELETE CASCADE,
    side       text        NOT NULL DEFAULT '',
    feed       text        NOT NULL DEFAULT '',
    published  timestamptz,
    status     text        NOT NULL DEFAULT '',
    final      boolean     NOT NULL DEFAULT false,
    decision   text        NOT NULL DEFAULT '{}',
    last_event text        NOT NULL DEFAULT '',
    created    timestamptz,
    updated    timestamptz,
    resolution text        NOT NULL DEFAULT '',
    res_url    text        NOT NULL DEFAULT '',
    res_note   text        NOT NULL DEFAULT '',
    res_reason text        NOT NULL DEFAULT '',
    res_by     text        NOT NULL DEFAULT '',
    res_at     timestamptz
);

CREATE INDEX claims_published ON claims (published, id);
CREATE INDEX claims_status ON claims (status, published);

CREATE TABLE claim_events (
    claim_id  bigint      NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    event_key text        NOT NULL,
    event     text        NOT NULL DEFAULT '',
    at        timestamptz,
    PRIMARY KEY (claim_id, event_key)
);

CREATE INDEX claim_events_at ON claim_events (at);

CREATE TABLE claim_evidence (
    claim_id bigint  NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    item_id  bigint  NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    rank     integer NOT NULL DEFAULT 0,
    PRIMARY KEY (claim_id, item_id)
);

CREATE TABLE actions (
    id       bigserial   PRIMARY KEY,
    claim_id bigint      NOT NULL DEFAULT 0,
    kind     text        NOT NULL DEFAULT '',
    actor    text        NOT NULL DEFAULT '',
    channel  text        NOT NULL DEFAULT '',
    args     text,
    at       timestamptz
);

CREATE INDEX actions_claim ON actions (claim_id, id);

CREATE TABLE mutes (
    claim_id bigint      NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    channel  text        NOT NULL,
    at       timestamptz,
    PRIMARY KEY (claim_id, channel)
);

CREATE TABLE subscriptions (
    id       bigserial   PRIMARY KEY,
    platform text        NOT NULL,
    target   text        NOT NULL,
    language text        NOT NULL DEFAULT '',
    filters  text        NOT NULL DEFAULT '{}',
    by       text        NOT NULL DEFAULT '',
    at       timestamptz,
    UNIQUE (platform, target)
);

CREATE TABLE outbox (
    id           bigserial   PRIMARY KEY,
    key          text        NOT NULL UNIQUE,
    channel      text        NOT NULL,
    platform     text        NOT NULL DEFAULT '',
    target       text        NOT NULL DEFAULT '',
    event        text        NOT NULL DEFAULT '',
    claim_id     bigint      NOT NULL DEFAULT 0,
    feed         text        NOT NULL DEFAULT '',
    payload      text        NOT NULL DEFAULT '{}',
    attempts     integer     NOT NULL DEFAULT 0,
    next_attempt timestamptz,
    lease_until  timestamptz,
    last_error   text        NOT NULL DEFAULT '',
    state        text        NOT NULL DEFAULT 'pending',
    receipt      text        NOT NULL DEFAULT '',
    created      timestamptz,
    sent         timestamptz
);

CREATE INDEX outbox_due ON outbox (state, channel, id);
CREATE INDEX outbox_claim_channel ON outbox (claim_id, channel, id);

-- feed_leases says which replica polls a feed, until when (see
-- store.FeedLeases).
CREATE TABLE feed_leases (
    feed    text        PRIMARY KEY,
    holder  text        NOT NULL,
    expires timestamptz NOT NULL
);

-- replicas says which replicas are alive, until when (Heartbeat).
CREATE TABLE replicas (
    holder  text        PRIMARY KEY,
    expires timestamptz NOT NULL
);

-- +goose Down
DROP TABLE replicas;
DROP TABLE feed_leases;
DROP TABLE outbox;
DROP TABLE subscriptions;
DROP TABLE mutes;
DROP TABLE actions;
DROP TABLE claim_evidence;
DROP TABLE claim_events;
DROP TABLE claims;
DROP TABLE polls;
DROP TABLE item_revisions;
DROP TRIGGER items_count ON items;
DROP FUNCTION gw_item_count();
DROP TABLE items;
DROP TABLE feeds;
DROP FUNCTION gw_fold(text);
