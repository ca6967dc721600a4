package bot

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// maxTerms bounds an expanded query, so that a long text cannot make the
// store run an unbounded OR.
const maxTerms = 64

// Expansion is a search query as the store runs it.
type Expansion struct {
	// Terms are what the store looks for (any of them), folded.
	Terms []string
	// Entries are the lexicon entries the query names, in either language.
	Entries []string
}

// Expand turns a query into search terms in both languages: the words
// typed (folded, and their stems in Spanish and English, so that
// "aranceles" also finds "arancelario"), and every term, in both
// languages, of each lexicon entry (concept, person, place, agency) the
// query names in either language, so that "tráfico de armas" finds "arms
// trafficking". The other names of governments, countries and nationals
// are left out: nearly every item names them. Without a lexicon only the
// words are used.
func (b *Bot) Expand(text string) Expansion {
	var x Expansion
	seen := map[string]bool{}
	add := func(t string) {
		t = strings.TrimSpace(match.Fold(t))
		if utf8.RuneCountInString(t) < 2 || seen[t] || len(x.Terms) >= maxTerms {
			return
		}
		seen[t] = true
		x.Terms = append(x.Terms, t)
	}
	for _, lang := range []string{"es", "en"} {
		for _, tok := range match.Tokenize(text, lang, 0) {
			if tok.Stop {
				continue
			}
			add(tok.Fold)
			if utf8.RuneCountInString(tok.Stem) >= 3 {
				add(tok.Stem)
			}
		}
	}
	if b.engine == nil {
		return x
	}
	ids := map[string]bool{}
	for _, lang := range []string{"es", "en"} {
		a := b.engine.Analyze(match.Item{Title: text, Language: lang})
		for id := range a.Concepts {
			ids[id] = true
		}
		for id := range a.Entities {
			// Names of the two governments, countries and nationals are in
			// nearly every item: their other names would only add noise.
			switch e := b.opts.Lexicon.Entry(id); {
			case e == nil, e.Kind == match.KindGovernment, e.Kind == match.KindCountry, e.Kind == match.KindNationals:
				continue
			}
			ids[id] = true
		}
		for _, id := range a.Events {
			ids[id] = true
		}
	}
	x.Entries = sortedKeys(ids)
	lex := b.opts.Lexicon
	// Every entry's terms, both languages, one entry at a time so that a
	// capped expansion still covers each entry the query names.
	for round := 0; ; round++ {
		more := false
		for _, id := range x.Entries {
			e := lex.Entry(id)
			if e == nil {
				continue
			}
			all := append(append([]string{}, e.ES...), e.EN...)
			if round < len(all) {
				add(all[round])
				more = true
			}
		}
		if !more || len(x.Terms) >= maxTerms {
			break
		}
	}
	return x
}

func (b *Bot) runSearch(ctx context.Context, c Call) (Reply, error) {
	text := strings.TrimSpace(strings.Join(c.Args, " "))
	x := b.Expand(text)
	if len(x.Terms) == 0 {
		return Reply{}, usageErr("Give at least one word to search for.")
	}
	claims, err := b.opts.Queries.Claims(ctx, store.ClaimQuery{Terms: x.Terms, Limit: b.opts.ListLimit})
	if err != nil {
		return Reply{}, fmt.Errorf("search claims: %w", err)
	}
	items, err := b.opts.Queries.SearchItems(ctx, x.Terms, b.opts.ListLimit)
	if err != nil {
		return Reply{}, fmt.Errorf("search items: %w", err)
	}
	if err := b.record(ctx, c, 0, store.ActionSearch, map[string]string{"text": text, "terms": strings.Join(x.Terms, " | ")}); err != nil {
		return Reply{}, err
	}
	claimOf := map[int64]store.Claim{}
	for _, cl := range claims {
		claimOf[cl.Item.ID] = cl
	}
	r := Reply{Title: fmt.Sprintf("Search “%s”: %d items, %d claims", echo(text), len(items), len(claims)), Tone: ToneInfo}
	if len(x.Entries) > 0 {
		var names []string
		for _, id := range x.Entries {
			e := b.opts.Lexicon.Entry(id)
			if e == nil || len(e.ES) == 0 || len(e.EN) == 0 {
				continue
			}
			names = append(names, e.EN[0]+" / "+e.ES[0])
		}
		r.Text = "Also searched in both languages for: " + strings.Join(names, "; ") + "."
	}
	if len(claims) > 0 {
		s := Section{Heading: "Claims"}
		for _, cl := range claims {
			s.Lines = append(s.Lines, fmt.Sprintf("#%d %s · %s · %s — %s", cl.ID, statusLabel(cl), cl.Item.Feed, Stamp(cl.Item.Published), cl.Item.Title))
		}
		r.Sections = append(r.Sections, s)
	}
	if len(items) > 0 {
		s := Section{Heading: "Items"}
		for _, it := range items {
			line := fmt.Sprintf("%s (%s) · %s · %s", it.Feed, it.Side, Stamp(it.Published), it.Title)
			if cl, ok := claimOf[it.ID]; ok {
				line += fmt.Sprintf(" — claim #%d", cl.ID)
			}
			s.Lines = append(s.Lines, line)
			if it.Link != "" {
				s.Links = append(s.Links, Link{Text: it.Feed + ": " + it.Title, URL: it.Link})
			}
		}
		r.Sections = append(r.Sections, s)
	}
	if len(items) == 0 && len(claims) == 0 {
		r.Text = strings.TrimSpace(r.Text + " Nothing found.")
	}
	return r, nil
}
