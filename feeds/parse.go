package feeds

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/gapwatch/gapwatch/match"
)

// feedParsers reuses gofeed parsers, which are not safe for concurrent use
// but hold buffers worth keeping between polls. Items' images are not
// used, so the RSS translator skips parsing every body as an HTML document
// to look for one (a fifth of gofeed's parse time on a 500-item feed).
var feedParsers = sync.Pool{New: func() any {
	p := gofeed.NewParser()
	p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	return p
}}

// ParseFeed parses an RSS 2.0, RSS 1.0, Atom or JSON Feed document into
// normalised items of src. feedURL resolves relative links. now is the
// first-seen time given to entries without a date.
//
// A body that is not a feed is a classified *Error, never an empty
// success: an HTML page (an error page served with 200) is ClassNotFeed, a
// JavaScript challenge page ClassChallenge, a malformed document ClassParse.
// Encodings declared in the XML prolog (ISO-8859-1, Windows-1252) are
// decoded by gofeed's charset reader. An item's language is its own
// dc:language, else the feed's declared language, else src.Language.
func ParseFeed(body []byte, feedURL string, src Source, now time.Time) ([]match.Item, error) {
	if err := sniffFeed(body, src.Name); err != nil {
		return nil, err
	}
	p := feedParsers.Get().(*gofeed.Parser)
	f, err := p.Parse(bytes.NewReader(body))
	feedParsers.Put(p)
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, &Error{Class: ClassNotFeed, Err: fmt.Errorf("parse feed %s: %w", src.Name, err)}
		}
		return nil, &Error{Class: ClassParse, Err: fmt.Errorf("parse feed %s: %w", src.Name, err)}
	}
	return normalizeFeed(f, feedURL, src, now), nil
}

// sniffPeek bounds how much of a body is scanned for its root element.
const sniffPeek = 8 << 10

// sniffFeed classifies a body that cannot be a feed: empty, HTML (a
// challenge page or any other page), another XML document or plain text.
func sniffFeed(body []byte, name string) error {
	head := body
	if len(head) > sniffPeek {
		head = head[:sniffPeek]
	}
	head = trimLeading(head)
	if len(head) == 0 {
		return &Error{Class: ClassParse, Err: fmt.Errorf("parse feed %s: empty body", name)}
	}
	switch head[0] {
	case '{':
		if !bytes.Contains(body, []byte("jsonfeed.org/version")) {
			return &Error{Class: ClassNotFeed, Err: fmt.Errorf("parse feed %s: json document without a JSON Feed version", name)}
		}
		return nil
	case '<':
	default:
		return &Error{Class: ClassNotFeed, Err: fmt.Errorf("parse feed %s: body starts with %q, not markup or JSON", name, snippet(head))}
	}
	root, htmlDoctype := rootElement(head)
	local := strings.ToLower(root)
	if i := strings.LastIndexByte(local, ':'); i >= 0 {
		local = local[i+1:] // rdf:RDF, atom:feed
	}
	switch local {
	case "rss", "rdf", "feed":
		return nil
	case "":
		if !htmlDoctype {
			// No element within the peek: let the parser judge.
			return nil
		}
	}
	if htmlDoctype || htmlElements[atom.Lookup([]byte(strings.ToLower(root)))] {
		return classifyHTML(body, name)
	}
	return &Error{Class: ClassNotFeed, Err: fmt.Errorf("parse feed %s: root element <%s> is not rss, rdf or feed", name, root)}
}

// htmlElements are root elements that mark an HTML document or fragment.
var htmlElements = map[atom.Atom]bool{
	atom.Html: true, atom.Head: true, atom.Body: true, atom.Meta: true, atom.Title: true,
	atom.Script: true, atom.Div: true, atom.P: true, atom.Link: true, atom.Style: true,
	atom.H1: true, atom.Center: true, atom.Noscript: true, atom.Pre: true, atom.Table: true,
}

// classifyHTML returns the error for an HTML page where a feed was
// expected: ClassChallenge for a JavaScript challenge, else ClassNotFeed,
// naming the page's title so the health table says which page it was.
func classifyHTML(body []byte, name string) error {
	pg := inspectPage(body)
	if pg.challenge() {
		return &Error{Class: ClassChallenge, Err: fmt.Errorf("parse feed %s: javascript challenge page %q instead of a feed", name, pg.title)}
	}
	return &Error{Class: ClassNotFeed, Err: fmt.Errorf("parse feed %s: html page %q instead of a feed", name, pg.title)}
}

// trimLeading drops byte order marks, NUL bytes and whitespace.
func trimLeading(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	return bytes.TrimLeft(b, " \t\r\n\x00\xfe\xff")
}

// snippet quotes the start of a body for an error message.
func snippet(b []byte) string {
	const max = 40
	if len(b) > max {
		b = b[:max]
	}
	return strings.ToValidUTF8(string(b), "?")
}

// rootElement returns the name of the first element of a markup document,
// skipping the XML declaration, processing instructions, comments and
// doctype, and whether the doctype declared HTML. It reads names only, so
// it works before the document's encoding is known.
func rootElement(b []byte) (name string, htmlDoctype bool) {
	for {
		b = trimLeading(b)
		if len(b) < 2 || b[0] != '<' {
			return "", htmlDoctype
		}
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return "", htmlDoctype
			}
			b = b[i+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b[4:], []byte("-->"))
			if i < 0 {
				return "", htmlDoctype
			}
			b = b[4+i+3:]
		case bytes.HasPrefix(b, []byte("<!")):
			i := bytes.IndexByte(b, '>')
			if i < 0 {
				return "", htmlDoctype
			}
			decl := strings.Fields(strings.ToLower(string(b[2:i])))
			if len(decl) >= 2 && decl[0] == "doctype" && strings.HasPrefix(decl[1], "html") {
				htmlDoctype = true
			}
			b = b[i+1:]
		default:
			end := 1
			for end < len(b) && !isNameEnd(b[end]) {
				end++
			}
			return string(b[1:end]), htmlDoctype
		}
	}
}

// isNameEnd reports whether c ends an element name.
func isNameEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/'
}

// page is what the challenge and error-page checks read from an HTML page.
type page struct {
	title       string
	text        strings.Builder // visible text, up to maxChallengeText+1 runes' worth
	textRunes   int
	scripts     int
	links       int
	script      strings.Builder
	metaRefresh bool
}

// maxChallengeText is the most visible text a challenge page shows; real
// listing or error pages carry more.
const maxChallengeText = 600

// inspectPage tokenizes an HTML page (with the x/net/html tokenizer) and
// gathers its title, visible text, links and scripts.
func inspectPage(body []byte) *page {
	pg := &page{}
	z := html.NewTokenizer(bytes.NewReader(body))
	var in atom.Atom
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			pg.title = oneLine(foldText(pg.title))
			return pg
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Title:
				if tt == html.StartTagToken {
					in = a
				}
				if a == atom.Script {
					pg.scripts++
				}
			case atom.A:
				pg.links++
			case atom.Meta:
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "http-equiv" && strings.EqualFold(string(v), "refresh") {
						pg.metaRefresh = true
					}
				}
			}
		case html.EndTagToken:
			in = 0
		case html.TextToken:
			t := z.Text()
			switch in {
			case atom.Script:
				if pg.script.Len() < 64<<10 {
					pg.script.Write(t)
				}
			case atom.Title:
				pg.title += string(t)
			case atom.Style:
			default:
				t = bytes.TrimSpace(t)
				pg.textRunes += utf8.RuneCount(t)
				if pg.text.Len() < 4*maxChallengeText {
					pg.text.Write(t)
					pg.text.WriteByte(' ')
				}
			}
		}
	}
}

// Script fragments of a challenge: one that sets a cookie, one that
// reloads, redirects or submits the page. Analytics scripts set cookies
// too, so a challenge needs both.
var (
	cookieScript = []string{"document.cookie"}
	reloadScript = []string{
		"location.reload", "location.replace", "location.href=", "location.href =", "location.assign",
		"window.location=", "window.location =", "document.location=", "document.location =", ".submit()",
	}
)

// challengeWords are words of a challenge page's title or text, in
// English and Spanish.
var challengeWords = []string{
	"challenge", "captcha", "checking your browser", "verify you are human", "verifying you are",
	"enable javascript", "javascript is required", "javascript required", "habilite javascript",
	"habilitar javascript", "active javascript", "activa javascript", "validación", "validacion",
	"verificando", "just a moment", "un momento", "bot protection", "ddos protection",
}

// challenge reports whether the page is a JavaScript challenge: a small
// page with little text and hardly any links, scripted, whose script sets
// a cookie and reloads, or whose title or text asks for JavaScript or a
// verification.
func (pg *page) challenge() bool {
	if pg.textRunes > maxChallengeText || pg.links > 5 {
		return false
	}
	if pg.scripts == 0 && !pg.metaRefresh {
		return false
	}
	script := strings.ToLower(pg.script.String())
	if containsAny(script, cookieScript) && containsAny(script, reloadScript) {
		return true
	}
	return containsAny(strings.ToLower(pg.title+" "+pg.text.String()), challengeWords)
}

// containsAny reports whether s contains one of subs.
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
