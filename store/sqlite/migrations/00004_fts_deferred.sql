-- The full-text index of items is brought up to date when it is searched,
-- not inside the poll's transaction: indexing a first poll's 500 releases
-- cost as much as parsing them. fts_state.indexed_to is the highest item id
-- in items_fts; rows above it are indexed by the store before any search
-- (sqlStore.syncFTS). Updates and deletes touch the index only for rows it
-- already holds (an external-content table must be told the old values of
-- exactly the rows it indexed).

-- +goose Up
CREATE TABLE fts_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_to INTEGER NOT NULL
);
INSERT INTO fts_state (id, indexed_to) VALUES (1, (SELECT COALESCE(MAX(id), 0) FROM items));

DROP TRIGGER items_fts_insert;
DROP TRIGGER items_fts_update;
DROP TRIGGER items_fts_delete;

-- +goose StatementBegin
CREATE TRIGGER items_fts_delete AFTER DELETE ON items
WHEN OLD.id <= (SELECT indexed_to FROM fts_state WHERE id = 1)
BEGIN
    INSERT INTO items_fts (items_fts, rowid, title, summary, content) VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.content);
    -- SQLite may give a deleted top id to the next row: keep indexed_to at
    -- most the highest id, so that row is indexed when it comes.
    UPDATE fts_state SET indexed_to = (SELECT COALESCE(MAX(id), 0) FROM items)
    WHERE id = 1 AND indexed_to > (SELECT COALESCE(MAX(id), 0) FROM items);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary, content ON items
WHEN OLD.id <= (SELECT indexed_to FROM fts_state WHERE id = 1)
BEGIN
    INSERT INTO items_fts (items_fts, rowid, title, summary, content) VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.content);
    INSERT INTO items_fts (rowid, title, summary, content) VALUES (NEW.id, NEW.title, NEW.summary, NEW.content);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER items_fts_update;
DROP TRIGGER items_fts_delete;
INSERT INTO items_fts (rowid, title, summary, content)
    SELECT id, title, summary, content FROM items WHERE id > (SELECT indexed_to FROM fts_state WHERE id = 1);
DROP TABLE fts_state;

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
