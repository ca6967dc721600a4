package match

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// corpusItem is one line of an eval corpus's items.jsonl.
type corpusItem struct {
	Feed       string   `json:"feed"`
	GUID       string   `json:"guid"`
	Title      string   `json:"title"`
	Link       string   `json:"link"`
	Published  string   `json:"published"`
	Summary    string   `json:"summary"`
	Content    string   `json:"content"`
	Categories []string `json:"categories"`
}

// corpusLabels is an eval corpus's labels.json.
type corpusLabels struct {
	Feeds map[string]struct {
		Side     string `json:"side"`
		Language string `json:"language"`
	} `json:"feeds"`
	WindowHours   int `json:"window_hours"`
	LookbackHours int `json:"lookback_hours"`
	Claims        []struct {
		Feed    string `json:"feed"`
		GUID    string `json:"guid"`
		Status  string `json:"status"`
		Matches []Ref  `json:"matches"`
	} `json:"claims"`
}

// htmlText turns an HTML fragment into plain text with a line break after
// every block element, as the feed normaliser does.
func htmlText(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	doc, err := html.Parse(strings.NewReader("<body>" + s + "</body>"))
	if err != nil {
		return s
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "p", "li", "div", "h1", "h2", "h3", "h4", "br", "tr", "blockquote":
				b.WriteString("\n")
			}
		}
	}
	walk(doc)
	lines := strings.Split(b.String(), "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// loadCorpus reads items.jsonl and labels.json of an eval-format corpus.
func loadCorpus(t testing.TB, dir string) ([]Item, corpusLabels) {
	t.Helper()
	var labels corpusLabels
	raw, err := os.ReadFile(filepath.Join(dir, "labels.json"))
	if err != nil {
		t.Fatalf("read labels: %v", err)
	}
	if err := json.Unmarshal(raw, &labels); err != nil {
		t.Fatalf("decode labels: %v", err)
	}
	f, err := os.Open(filepath.Join(dir, "items.jsonl"))
	if err != nil {
		t.Fatalf("open items: %v", err)
	}
	defer f.Close()
	var items []Item
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var ci corpusItem
		if err := json.Unmarshal(sc.Bytes(), &ci); err != nil {
			t.Fatalf("decode item: %v", err)
		}
		pub, err := time.Parse(time.RFC3339, ci.Published)
		if err != nil {
			t.Fatalf("item %s: %v", ci.GUID, err)
		}
		feed := labels.Feeds[ci.Feed]
		items = append(items, Item{Feed: ci.Feed, Side: feed.Side, GUID: ci.GUID, Title: ci.Title, Link: ci.Link,
			Published: pub.UTC(), Summary: htmlText(ci.Summary), Content: htmlText(ci.Content),
			ContentHTML: ci.Content, Categories: ci.Categories, Language: feed.Language})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read items: %v", err)
	}
	return items, labels
}

// TestDevCorpus replays an eval corpus named by GAPWATCH_DEV_CORPUS and
// writes predictions in the replay format to GAPWATCH_DEV_OUT, for
// score.py. It is skipped when the variable is unset.
func TestDevCorpus(t *testing.T) {
	dir := os.Getenv("GAPWATCH_DEV_CORPUS")
	if dir == "" {
		t.Skip("GAPWATCH_DEV_CORPUS not set")
	}
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	items, labels := loadCorpus(t, dir)
	e := NewEngine(lex, Options{Window: time.Duration(labels.WindowHours) * time.Hour,
		Lookback: time.Duration(labels.LookbackHours) * time.Hour, ReviewWeakEvidence: os.Getenv("GAPWATCH_REVIEW") != ""})
	decisions := Replay(e, items, nil)
	var b strings.Builder
	for _, d := range decisions {
		if os.Getenv("GAPWATCH_REVIEW") == "noalert" && d.Abstain == NeedsReview {
			d.Status = Confirmed // the other mapping: needs_review scored as no alert
		}
		line, err := d.ReplayJSON()
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	if out := os.Getenv("GAPWATCH_DEV_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if dbg := os.Getenv("GAPWATCH_DEV_DEBUG"); dbg != "" {
		var d strings.Builder
		for _, it := range items {
			a := e.Analyze(it)
			fmt.Fprintf(&d, "== %s %s %s %q\n", it.Feed, it.GUID, it.Published.Format(time.RFC3339), it.Title)
			fmt.Fprintf(&d, "   parties=%v events=%v dates=%v\n   concepts=%v\n   entities=%v\n", a.Parties, a.Events, a.Dates, sortedCountKeys(a.Concepts), sortedCountKeys(a.Entities))
			if sub := os.Getenv("GAPWATCH_DEV_SENTENCES"); sub != "" && strings.Contains(it.GUID, sub) {
				for _, s := range a.Sentences {
					var ids []string
					for _, an := range s.Annots {
						ids = append(ids, an.ID)
					}
					fmt.Fprintf(&d, "   S%d stmt=%v den=%v disc=%v %v :: %s\n", s.Index, s.Statement, s.Denial, s.Discussion, ids, clip(s.Text, 160))
				}
			}
			for _, u := range a.Units {
				fmt.Fprintf(&d, "   UNIT %s[%s] parties=%v objs=%v places=%v :: %s\n", u.Action, u.Cue, u.Parties, u.Objects, u.Places, clip(u.Text, 200))
			}
		}
		for _, dec := range decisions {
			fmt.Fprintf(&d, "\n#### %s/%s\n%s\n", dec.Feed, dec.GUID, dec.ExplanationText("en"))
			for _, c := range dec.Considered {
				fmt.Fprintf(&d, "   considered %s/%s %.2f same=%v reason=%q concepts=%v people=%v places=%v agencies=%v dates=%v events=%v\n",
					c.Ref.Feed, c.Ref.GUID, c.Score, c.SameEvent, c.Reason, c.Concepts, c.People, c.Places, c.Agencies, c.Dates, c.Events)
			}
		}
		if err := os.WriteFile(dbg, []byte(d.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d items, %d decisions", len(items), len(decisions))
}
