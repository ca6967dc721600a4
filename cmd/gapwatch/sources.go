package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"go.yaml.in/yaml/v3"

	"github.com/gapwatch/gapwatch/config"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/sources"
)

// loadCatalogue returns the built-in catalogue extended by the config's
// `catalogue:` file, checked against the engine's gazetteer (lex; nil
// loads the default lexicon, about half a second).
func loadCatalogue(cfg *config.Config, lex *match.Lexicon) (*sources.Catalogue, error) {
	cat, err := sources.Load(cfg.Catalogue)
	if err != nil {
		return nil, fmt.Errorf("load catalogue: %w", err)
	}
	if lex == nil {
		if lex, err = engineLexicon(cfg); err != nil {
			return nil, fmt.Errorf("load lexicon: %w", err)
		}
	}
	if err := cat.Check(lex); err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	return cat, nil
}

// watchedOffices tells the engine over lex which press offices the config
// watches (match.Options.Offices): the "not watched" rule of issue 12.
func watchedOffices(cfg *config.Config, lex *match.Lexicon) (match.Offices, error) {
	cat, err := loadCatalogue(cfg, lex)
	if err != nil {
		return nil, err
	}
	offs, err := cat.Offices(cfg.Feeds)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	return offs, nil
}

// sourceRow is one line of `gapwatch sources`.
type sourceRow struct {
	sources.Entry
	// Feed is the configured feed that polls the office ("" when none).
	Feed string `json:"feed,omitempty"`
	// Watched reports that a configured feed polls the office.
	Watched bool `json:"watched"`
}

// sourceRows joins the catalogue with the configured feeds.
func sourceRows(cat *sources.Catalogue, cfg *config.Config, side string) ([]sourceRow, error) {
	byOffice := map[string]string{}
	for _, f := range cfg.Feeds {
		e, ok, err := cat.FindFeed(f)
		if err != nil {
			return nil, err
		}
		if ok {
			if _, dup := byOffice[e.ID]; !dup {
				byOffice[e.ID] = f.Name
			}
		}
	}
	var rows []sourceRow
	for _, e := range cat.Entries() {
		if side != "" && e.Side != side {
			continue
		}
		feed, ok := byOffice[e.ID]
		rows = append(rows, sourceRow{Entry: e, Feed: feed, Watched: ok})
	}
	return rows, nil
}

func printSourceTable(w io.Writer, rows []sourceRow) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSIDE\tINSTITUTION\tTYPE\tURL\tIN CONFIG")
	for _, r := range rows {
		kind := r.Type
		if r.Preset != "" {
			kind += "/" + r.Preset
		}
		in := "no"
		switch {
		case r.Watched && r.Feed == r.ID:
			in = "yes"
		case r.Watched:
			in = "yes (feed " + r.Feed + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Side, strings.Join(r.Institutions(), ","), kind, r.URL, in)
	}
	return tw.Flush()
}

func sourcesCommand() command {
	var g globalFlags
	var asJSON bool
	var side string
	return command{
		name:  "sources",
		usage: "[add ID...]",
		summary: "List the catalogue of both governments' press offices (id, side, institution, type, URL, and\n" +
			"whether the config polls it), or with `add ID...` write those offices into the config file named\n" +
			"by --config or $GAPWATCH_CONFIG, keeping its comments (a missing file is created with the\n" +
			"built-in feeds). A claim naming an office the config does not poll is unverified, not unconfirmed.",
		setup: func(fs *flag.FlagSet) func(context.Context, *env, []string) error {
			g.register(fs)
			fs.BoolVar(&asJSON, "json", false, "print JSON lines instead of a table")
			fs.StringVar(&side, "side", "", "list only this side's offices (mx or us)")
			return func(ctx context.Context, e *env, args []string) error {
				if len(args) > 0 && args[0] == "add" {
					return sourcesAdd(e, &g, args[1:])
				}
				if len(args) > 0 {
					return usagef("unexpected argument %q (sources [add ID...])", args[0])
				}
				cfg, err := g.load(e)
				if err != nil {
					return err
				}
				cat, err := loadCatalogue(cfg, nil)
				if err != nil {
					return err
				}
				rows, err := sourceRows(cat, cfg, side)
				if err != nil {
					return usageError{err}
				}
				if !asJSON {
					return printSourceTable(e.stdout, rows)
				}
				enc := json.NewEncoder(e.stdout)
				for _, r := range rows {
					if err := enc.Encode(r); err != nil {
						return err
					}
				}
				return nil
			}
		},
	}
}

// sourcesAdd writes the catalogue offices ids into the config file.
func sourcesAdd(e *env, g *globalFlags, ids []string) error {
	path := config.Path(g.configPath, e.lookupEnv)
	if path == "" {
		return usagef("sources add writes into a config file: name it with --config or $%s", config.EnvConfig)
	}
	if len(ids) == 0 {
		return usagef("sources add: name at least one office id (see gapwatch sources)")
	}
	data, err := os.ReadFile(path)
	mode := fs.FileMode(0o644)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		data = nil
	case err != nil:
		return fmt.Errorf("read config: %w", err)
	default:
		if st, err := os.Stat(path); err == nil {
			mode = st.Mode().Perm()
		}
	}
	loader := config.Loader{LookupEnv: e.lookupEnv}
	cfg := config.Default()
	if len(data) > 0 {
		if cfg, err = loader.Parse(data); cfg == nil {
			return usageError{fmt.Errorf("config %s: %w", path, err)}
		}
	}
	cat, err := loadCatalogue(cfg, nil)
	if err != nil {
		return err
	}
	out, added, err := addOffices(data, cat, cfg, ids)
	if err != nil {
		return usageError{err}
	}
	// The new document must load, and the added feeds must be valid in it.
	newCfg, err := loader.Parse(out)
	var verr *config.ValidationError
	switch {
	case newCfg == nil:
		return fmt.Errorf("sources add: the edited config does not load: %w", err)
	case errors.As(err, &verr):
		first := len(newCfg.Feeds) - len(added)
		var bad []string
		for _, p := range verr.Problems {
			for i := first; i < len(newCfg.Feeds); i++ {
				if strings.HasPrefix(p.Path, fmt.Sprintf("feeds[%d]", i)) {
					bad = append(bad, p.String())
				}
			}
		}
		if len(bad) > 0 {
			return usagef("sources add: the added feeds would be invalid in %s:\n%s", path, strings.Join(bad, "\n"))
		}
	}
	if err := writeFileAtomic(path, out, mode); err != nil {
		return err
	}
	for _, id := range added {
		fmt.Fprintf(e.stdout, "added %s to %s\n", id, path)
	}
	return nil
}

// addOffices returns the config document data with the offices ids
// appended to its feeds, comments kept (yaml.v3 node API). A document
// without `feeds:` gets the built-in feeds written out first, as adding the
// key replaces them. Unknown ids, an id named twice and an office the
// config already polls (by office, URL or feed name) are errors, and
// nothing is written.
func addOffices(data []byte, cat *sources.Catalogue, cfg *config.Config, ids []string) ([]byte, []string, error) {
	var problems []string
	var entries []sources.Entry
	polled := map[string]string{}
	names := map[string]bool{}
	for _, f := range cfg.Feeds {
		names[f.Name] = true
		if e, ok, err := cat.FindFeed(f); err == nil && ok {
			polled[e.ID] = f.Name
		}
	}
	asked := map[string]bool{}
	for _, id := range ids {
		e, ok := cat.Get(id)
		switch {
		case asked[id]:
			problems = append(problems, fmt.Sprintf("%q is named twice", id))
		case !ok:
			problems = append(problems, fmt.Sprintf("%q is not an office of the catalogue (see gapwatch sources)", id))
		case polled[id] != "":
			problems = append(problems, fmt.Sprintf("%q is already in the config (feed %s)", id, polled[id]))
		case names[id]:
			problems = append(problems, fmt.Sprintf("%q: the config already has a feed of that name, for another URL", id))
		default:
			entries = append(entries, e)
		}
		asked[id] = true
	}
	if len(problems) > 0 {
		return nil, nil, fmt.Errorf("sources add: %s", strings.Join(problems, "; "))
	}

	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, fmt.Errorf("parse config: %w", err)
	}
	if doc.Kind == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil, errors.New("sources add: the config document is not a mapping")
	}
	var seq *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "feeds" {
			seq = root.Content[i+1]
		}
	}
	if seq == nil || seq.Kind != yaml.SequenceNode {
		if seq != nil && !(seq.Kind == yaml.ScalarNode && seq.Tag == "!!null") {
			return nil, nil, errors.New("sources add: `feeds:` is not a list")
		}
		newSeq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, f := range config.Default().Feeds {
			n, err := feedNode(f)
			if err != nil {
				return nil, nil, err
			}
			newSeq.Content = append(newSeq.Content, n)
		}
		if seq != nil {
			*seq = *newSeq
		} else {
			key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "feeds",
				HeadComment: "# The built-in feeds, written out by `gapwatch sources add` (a feeds: key replaces them)."}
			root.Content = append(root.Content, key, newSeq)
		}
		seq = newSeq
	}
	var added []string
	for _, e := range entries {
		n, err := feedNode(e.Feed())
		if err != nil {
			return nil, nil, err
		}
		n.HeadComment = fmt.Sprintf("%s (catalogue office %s, institution %s), added by `gapwatch sources add`.", e.Name, e.ID, e.Institution)
		seq.Content = append(seq.Content, n)
		added = append(added, e.ID)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, nil, fmt.Errorf("encode config: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, nil, fmt.Errorf("encode config: %w", err)
	}
	return buf.Bytes(), added, nil
}

// feedNode encodes a feed as a YAML node.
func feedNode(f config.Feed) (*yaml.Node, error) {
	var n yaml.Node
	if err := n.Encode(f); err != nil {
		return nil, fmt.Errorf("encode feed %s: %w", f.Name, err)
	}
	return &n, nil
}

// writeFileAtomic replaces path with data through a temporary file in the
// same folder.
func writeFileAtomic(path string, data []byte, mode fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write config: %w", err)
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("write config: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	return nil
}
