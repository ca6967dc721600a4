// Package dump moves a store's rows between engines as JSON lines: one line
// per row, {"table": "items", "row": {"id": 7, "title": "...", ...}}, the
// tables in an order that respects their references (feeds, items,
// item_revisions, polls, claims, claim_events, claim_evidence, actions,
// mutes, subscriptions, outbox). Times are RFC 3339 strings in UTC with
// microseconds (null for none), booleans JSON booleans, JSON columns the
// text the store wrote. Derived data (item counts, search indexes) and
// feed leases are not exported: the importing store rebuilds the first
// and the second belong to running replicas.
//
// Both store implementations share the tables' and columns' names, so one
// description of them (Tables) serves SQLite and PostgreSQL; a Dialect
// says how the importing engine wants times, booleans and placeholders.
package dump

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Kind is how a column's values are exported.
type Kind int

// Column kinds.
const (
	// Int is an integer column.
	Int Kind = iota
	// Text is a NOT NULL text column.
	Text
	// NullText is a text column that may be NULL.
	NullText
	// Time is a time column (NULL is the zero time).
	Time
	// Bool is a boolean column.
	Bool
)

// Column is one exported column.
type Column struct {
	Name string
	Kind Kind
}

// Table is one exported table: its columns and the key that orders its
// rows.
type Table struct {
	Name    string
	OrderBy string
	Columns []Column
}

func cols(spec string) []Column {
	var out []Column
	for _, f := range strings.Fields(spec) {
		name, kind, _ := strings.Cut(f, ":")
		c := Column{Name: name, Kind: Text}
		switch kind {
		case "i":
			c.Kind = Int
		case "n":
			c.Kind = NullText
		case "t":
			c.Kind = Time
		case "b":
			c.Kind = Bool
		}
		out = append(out, c)
	}
	return out
}

// Tables are the exported tables, in import order.
var Tables = []Table{
	{"feeds", "id", cols(`id:i name side url kind etag last_modified last_poll_at:t last_success_at:t
		last_error_at:t last_error last_error_class error_count:i next_attempt_at:t baselined:b polls:i
		failures:i fetch_path`)},
	{"items", "id", cols(`id:i feed_id:i side guid title link published:t updated:t date_guessed:b
		summary content summary_html content_html categories:n language backlog:b first_seen:t revision:i
		revised_at:t content_hash`)},
	{"item_revisions", "item_id, revision", cols(`item_id:i revision:i title link summary content
		summary_html content_html content_hash seen_at:t`)},
	{"polls", "id", cols(`id:i feed_id:i started:t finished:t ok:b not_modified:b status:i error_class
		error etag last_modified next_attempt_at:t fetch_path`)},
	{"claims", "id", cols(`id:i item_id:i side feed published:t status final:b decision last_event
		created:t updated:t resolution res_url res_note res_reason res_by res_at:t`)},
	{"claim_events", "claim_id, event_key", cols(`claim_id:i event_key event at:t`)},
	{"claim_evidence", "claim_id, item_id", cols(`claim_id:i item_id:i rank:i`)},
	{"actions", "id", cols(`id:i claim_id:i kind actor channel args:n at:t`)},
	{"mutes", "claim_id, channel", cols(`claim_id:i channel at:t`)},
	{"subscriptions", "id", cols(`id:i platform target language filters by at:t`)},
	{"outbox", "id", cols(`id:i key channel platform target event claim_id:i feed payload attempts:i
		next_attempt:t lease_until:t last_error state receipt created:t sent:t`)},
}

// Line is one exported row.
type Line struct {
	Table string         `json:"table"`
	Row   map[string]any `json:"row"`
}

// Dialect is how an engine takes imported values.
type Dialect struct {
	// Placeholder is the n-th (1-based) parameter's placeholder.
	Placeholder func(n int) string
	// Time is a time's stored form (never called with the zero time:
	// NULL is passed for it).
	Time func(t time.Time) any
	// Bool is a boolean's stored form.
	Bool func(b bool) any
	// After runs after every row is inserted, in the same transaction
	// (resetting sequences); nil for none.
	After func(ctx context.Context, tx *sql.Tx) error
}

// quote quotes an identifier for both engines.
func quote(name string) string { return `"` + name + `"` }

func selectList(t Table) string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = quote(c.Name)
	}
	return strings.Join(names, ", ")
}

// Querier runs a query: a *sql.DB, or a *sql.Tx for a consistent snapshot.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Export writes every row of every table db reads as JSON lines.
func Export(ctx context.Context, db Querier, w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, t := range Tables {
		if err := exportTable(ctx, db, enc, t); err != nil {
			return fmt.Errorf("export %s: %w", t.Name, err)
		}
	}
	return nil
}

func exportTable(ctx context.Context, db Querier, enc *json.Encoder, t Table) error {
	rows, err := db.QueryContext(ctx, `SELECT `+selectList(t)+` FROM `+quote(t.Name)+` ORDER BY `+t.OrderBy)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals := make([]any, len(t.Columns))
	ptrs := make([]any, len(t.Columns))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		row := make(map[string]any, len(t.Columns))
		for i, c := range t.Columns {
			v, err := exportValue(c, vals[i])
			if err != nil {
				return err
			}
			row[c.Name] = v
		}
		if err := enc.Encode(Line{Table: t.Name, Row: row}); err != nil {
			return err
		}
	}
	return rows.Err()
}

// exportValue turns a scanned value of either engine into its JSON form.
func exportValue(c Column, v any) (any, error) {
	if b, ok := v.([]byte); ok {
		v = string(b)
	}
	switch c.Kind {
	case Int:
		switch x := v.(type) {
		case int64:
			return x, nil
		case int32:
			return int64(x), nil
		case nil:
			return int64(0), nil
		}
	case Text:
		switch x := v.(type) {
		case string:
			return x, nil
		case nil:
			return "", nil
		}
	case NullText:
		switch x := v.(type) {
		case string:
			return x, nil
		case nil:
			return nil, nil
		}
	case Time:
		switch x := v.(type) {
		case nil:
			return nil, nil
		case int64: // SQLite: microseconds since the epoch
			return time.UnixMicro(x).UTC().Format(timeLayout), nil
		case time.Time:
			return x.UTC().Format(timeLayout), nil
		}
	case Bool:
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			return x != 0, nil
		case nil:
			return false, nil
		}
	}
	return nil, fmt.Errorf("column %s: unexpected value of type %T", c.Name, v)
}

// timeLayout is RFC 3339 with exactly six fractional digits.
const timeLayout = "2006-01-02T15:04:05.000000Z07:00"

// Import inserts the rows r holds into tx with the engine's dialect. It
// refuses a database that already has feeds: an import is a move, not a
// merge. It returns how many rows each table received.
func Import(ctx context.Context, tx *sql.Tx, d Dialect, r io.Reader) (map[string]int, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM feeds`).Scan(&n); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if n > 0 {
		return nil, fmt.Errorf("import: the store already holds %d feeds; import into an empty store", n)
	}
	byName := map[string]Table{}
	for _, t := range Tables {
		byName[t.Name] = t
	}
	stmts := map[string]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			_ = st.Close()
		}
	}()
	counts := map[string]int{}
	dec := json.NewDecoder(r)
	dec.UseNumber()
	for line := 1; ; line++ {
		var l Line
		err := dec.Decode(&l)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("import: line %d: %w", line, err)
		}
		t, ok := byName[l.Table]
		if !ok {
			return nil, fmt.Errorf("import: line %d: unknown table %q", line, l.Table)
		}
		st := stmts[t.Name]
		if st == nil {
			ph := make([]string, len(t.Columns))
			for i := range ph {
				ph[i] = d.Placeholder(i + 1)
			}
			st, err = tx.PrepareContext(ctx, `INSERT INTO `+quote(t.Name)+` (`+selectList(t)+`) VALUES (`+
				strings.Join(ph, ", ")+`)`)
			if err != nil {
				return nil, fmt.Errorf("import %s: %w", t.Name, err)
			}
			stmts[t.Name] = st
		}
		vals := make([]any, len(t.Columns))
		for i, c := range t.Columns {
			if vals[i], err = importValue(d, c, l.Row[c.Name]); err != nil {
				return nil, fmt.Errorf("import: line %d: %s.%s: %w", line, t.Name, c.Name, err)
			}
		}
		if _, err := st.ExecContext(ctx, vals...); err != nil {
			return nil, fmt.Errorf("import: line %d: %s: %w", line, t.Name, err)
		}
		counts[t.Name]++
	}
	if d.After != nil {
		if err := d.After(ctx, tx); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
	}
	return counts, nil
}

// importValue turns a JSON value into the engine's form of column c.
func importValue(d Dialect, c Column, v any) (any, error) {
	switch c.Kind {
	case Int:
		switch x := v.(type) {
		case json.Number:
			return x.Int64()
		case nil:
			return int64(0), nil
		}
	case Text:
		switch x := v.(type) {
		case string:
			return x, nil
		case nil:
			return "", nil
		}
	case NullText:
		switch x := v.(type) {
		case string:
			return x, nil
		case nil:
			return nil, nil
		}
	case Time:
		switch x := v.(type) {
		case nil:
			return nil, nil
		case string:
			t, err := time.Parse(time.RFC3339Nano, x)
			if err != nil {
				return nil, err
			}
			if t.IsZero() {
				return nil, nil
			}
			return d.Time(t.UTC()), nil
		}
	case Bool:
		switch x := v.(type) {
		case bool:
			return d.Bool(x), nil
		case nil:
			return d.Bool(false), nil
		}
	}
	return nil, fmt.Errorf("unexpected JSON value %v", v)
}
