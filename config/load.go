package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Loader reads configuration with an injectable environment.
type Loader struct {
	// LookupEnv reads an environment variable; nil means os.LookupEnv.
	LookupEnv func(string) (string, bool)
}

// Load reads the config file at path with the process environment (see
// Loader.Load).
func Load(path string) (*Config, error) { return Loader{}.Load(path) }

// Parse reads a config document with the process environment (see
// Loader.Parse).
func Parse(data []byte) (*Config, error) { return Loader{}.Parse(data) }

// Path chooses the config file: the --config flag's value, else
// $GAPWATCH_CONFIG, else "" (no file: the built-in defaults). A nil
// lookupEnv means os.LookupEnv.
func Path(flagValue string, lookupEnv func(string) (string, bool)) string {
	if flagValue != "" {
		return flagValue
	}
	if lookupEnv == nil {
		lookupEnv = os.LookupEnv
	}
	if v, ok := lookupEnv(EnvConfig); ok {
		return v
	}
	return ""
}

// Load reads the config file at path; an empty path means no file, so the
// result is Default() with the environment overrides applied. Errors are as
// for Parse, plus the file's own read errors.
func (l Loader) Load(path string) (*Config, error) {
	if path == "" {
		cfg := Default()
		l.override(cfg)
		cfg.fill()
		if err := cfg.Validate(); err != nil {
			return cfg, err
		}
		return cfg, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	cfg, err := l.Parse(data)
	if err != nil {
		var verr *ValidationError
		if errors.As(err, &verr) {
			return cfg, err
		}
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return cfg, nil
}

// Parse decodes a config document on top of Default(), expands ${VAR} and
// ${VAR:-default} in every string value, applies the GAPWATCH_LISTEN,
// GAPWATCH_STORAGE and GAPWATCH_LOG_FORMAT overrides, fills per-feed
// defaults and validates the result.
//
// A document that is not valid YAML, or has an unknown key or a value of the
// wrong type, gives an error naming the line and a nil Config. A document
// that decodes but is invalid gives the Config together with a
// *ValidationError listing every problem, so `check-config` can show both.
func (l Loader) Parse(data []byte) (*Config, error) {
	cfg := Default()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("parse config: %w", err)
	}
	// A second document in the same file is almost certainly a mistake.
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, errors.New("parse config: more than one YAML document")
	} else if !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("parse config: %w", err)
	}

	var problems []Problem
	if cfg.Storage.IsPostgres() && literalPassword(string(cfg.Storage)) {
		problems = append(problems, Problem{Path: "storage", Msg: "the PostgreSQL password is written in the file; read it from the environment with ${VAR}"})
	}
	problems = append(problems, literalChannelSecrets(cfg.Channels)...)
	problems = append(problems, l.expandAll(cfg)...)
	l.override(cfg)
	cfg.fill()
	if err := cfg.Validate(); err != nil {
		var verr *ValidationError
		if !errors.As(err, &verr) {
			return nil, err
		}
		// A value left unexpanded is reported once, as such.
		failed := map[string]bool{}
		for _, p := range problems {
			failed[p.Path] = true
		}
		for _, p := range verr.Problems {
			if !failed[p.Path] {
				problems = append(problems, p)
			}
		}
	}
	if len(problems) > 0 {
		return cfg, &ValidationError{Problems: problems}
	}
	return cfg, nil
}

func (l Loader) lookup(name string) (string, bool) {
	if l.LookupEnv == nil {
		return os.LookupEnv(name)
	}
	return l.LookupEnv(name)
}

// override applies the environment variables that take precedence over the
// file. A variable set to the empty string is ignored.
func (l Loader) override(cfg *Config) {
	if v, ok := l.lookup(EnvListen); ok && v != "" {
		cfg.Listen = v
	}
	if v, ok := l.lookup(EnvStorage); ok && v != "" {
		cfg.Storage = Storage(v)
	}
	if v, ok := l.lookup(EnvLogFormat); ok && v != "" {
		cfg.LogFormat = v
	}
	l.overrideWeb(cfg)
}

// fill sets the defaults that depend on other fields: a feed's type,
// schedule and language, an html feed's time zone, a side's name.
func (c *Config) fill() {
	for i := range c.Sides {
		if c.Sides[i].Name == "" {
			c.Sides[i].Name = c.Sides[i].ID
		}
	}
	for i := range c.Feeds {
		f := &c.Feeds[i]
		if f.Type == "" {
			f.Type = TypeRSS
		}
		if f.Schedule == "" {
			f.Schedule = DefaultSchedule
		}
		side, ok := c.Side(f.Side)
		if !ok {
			continue
		}
		if f.Language == "" {
			f.Language = side.Language
		}
		if f.HTML != nil && f.HTML.TimeZone == "" {
			f.HTML.TimeZone = side.TimeZone
		}
	}
	// A newsroom language may be written with a region (es-MX); what reads
	// it (explanations, alerts, digests) only knows the primary subtag.
	c.Engine.Language = newsroomLanguage(c.Engine.Language)
	for i := range c.Channels {
		ch := &c.Channels[i]
		ch.Language = newsroomLanguage(ch.Language)
		if ch.Digest != nil {
			ch.Digest.Language = newsroomLanguage(ch.Digest.Language)
		}
	}
}

// newsroomLanguage reduces a known language tag to its lower-case primary
// subtag ("es-MX" → "es"); anything else is returned as written, for
// validation to report.
func newsroomLanguage(lang string) string {
	if !KnownLanguage(lang) {
		return lang
	}
	primary, _, _ := strings.Cut(strings.ReplaceAll(lang, "_", "-"), "-")
	return strings.ToLower(primary)
}

// literalPassword reports whether a PostgreSQL URL, as written in the file,
// holds a password that does not come from a ${VAR} reference.
func literalPassword(raw string) bool {
	rest := raw[strings.Index(raw, "://")+3:]
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		// Query parameters may carry the password too.
		q := rest[i:]
		rest = rest[:i]
		if j := strings.Index(strings.ToLower(q), "password="); j >= 0 {
			v := q[j+len("password="):]
			if k := strings.IndexAny(v, "&#"); k >= 0 {
				v = v[:k]
			}
			if v != "" && !strings.HasPrefix(v, "${") {
				return true
			}
		}
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return false
	}
	userinfo := rest[:at]
	colon := strings.Index(userinfo, ":")
	if colon < 0 {
		return false
	}
	pw := userinfo[colon+1:]
	return pw != "" && !strings.HasPrefix(pw, "${")
}

// expandAll expands ${VAR} references in every string of cfg, in place.
// Expansion runs after decoding, so a variable's value is never read as YAML
// and never appears in a YAML error.
func (l Loader) expandAll(cfg *Config) []Problem {
	var problems []Problem
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			t := v.Type()
			for i := range t.NumField() {
				name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
				walk(v.Field(i), joinPath(path, name))
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), path+"["+strconv.Itoa(i)+"]")
			}
		case reflect.Map:
			keys := v.MapKeys()
			slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
			for _, k := range keys {
				val := reflect.New(v.Type().Elem()).Elem()
				val.Set(v.MapIndex(k))
				walk(val, joinPath(path, k.String()))
				v.SetMapIndex(k, val)
			}
		case reflect.String:
			s, err := expand(v.String(), l.lookup)
			if err != nil {
				problems = append(problems, Problem{Path: path, Msg: err.Error()})
				return
			}
			v.SetString(s)
		}
	}
	walk(reflect.ValueOf(cfg), "")
	return problems
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// expand replaces ${NAME} with the variable's value and ${NAME:-default}
// with the value, or default when the variable is unset or empty. "$${"
// stands for a literal "${"; any other "$" is kept as is. Errors never quote
// the string, which may hold a secret.
func expand(s string, lookup func(string) (string, bool)) (string, error) {
	if !strings.Contains(s, "${") {
		return s, nil
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		if i > 0 && s[i-1] == '$' {
			b.WriteString(s[:i-1])
			b.WriteString("${")
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			return "", errors.New(`unclosed "${" in variable reference`)
		}
		ref := s[i+2 : i+end]
		s = s[i+end+1:]
		name, def, hasDef := strings.Cut(ref, ":-")
		if !validVarName(name) {
			return "", fmt.Errorf("invalid variable name %q in ${...}", name)
		}
		v, ok := lookup(name)
		switch {
		case ok && v != "":
			b.WriteString(v)
		case hasDef:
			b.WriteString(def)
		case ok:
			// Set but empty, with no default: the empty string.
		default:
			return "", fmt.Errorf("environment variable %s is not set", name)
		}
	}
}

func validVarName(name string) bool {
	if name == "" {
		return false
	}
	for i, r := range name {
		switch {
		case r == '_', r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}
