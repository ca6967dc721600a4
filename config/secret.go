package config

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
)

// redacted is what every printed form of a secret shows.
const redacted = "<redacted>"

// Secret is a string that never prints: fmt (every verb), slog, JSON and
// YAML all show "<redacted>". Use Reveal (or a string conversion) where the
// value is actually needed, such as when setting a request header.
type Secret string

// Reveal returns the secret's value.
func (s Secret) Reveal() string { return string(s) }

// String implements fmt.Stringer.
func (s Secret) String() string { return redacted }

// GoString implements fmt.GoStringer (%#v).
func (s Secret) GoString() string { return redacted }

// Format implements fmt.Formatter so that no verb prints the value.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// LogValue implements slog.LogValuer.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON implements json.Marshaler.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(redacted) }

// MarshalYAML implements yaml.Marshaler.
func (s Secret) MarshalYAML() (any, error) { return redacted, nil }

// Storage is where gapwatch keeps its data, written as one string: a SQLite
// file path (the default, "gapwatch.db") or a PostgreSQL URL starting with
// postgres:// or postgresql://. Its printed forms mask the URL's password.
type Storage string

// IsPostgres reports whether the storage is a PostgreSQL URL.
func (s Storage) IsPostgres() bool {
	l := strings.ToLower(string(s))
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// DSN returns the storage string itself (a path or a URL with its password),
// for opening the store.
func (s Storage) DSN() string { return string(s) }

// String implements fmt.Stringer: the path, or the URL with its password
// masked.
func (s Storage) String() string {
	if !s.IsPostgres() {
		if strings.Contains(strings.ToLower(string(s)), "password") {
			return redacted
		}
		return string(s)
	}
	u, err := url.Parse(string(s))
	if err != nil {
		return redacted
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// GoString implements fmt.GoStringer (%#v).
func (s Storage) GoString() string { return fmt.Sprintf("config.Storage(%q)", s.String()) }

// Format implements fmt.Formatter so that no verb prints the password.
func (s Storage) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = f.Write([]byte(s.GoString()))
		return
	}
	_, _ = f.Write([]byte(s.String()))
}

// LogValue implements slog.LogValuer.
func (s Storage) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON implements json.Marshaler.
func (s Storage) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// MarshalYAML implements yaml.Marshaler.
func (s Storage) MarshalYAML() (any, error) { return s.String(), nil }
