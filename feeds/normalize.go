package feeds

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/gapwatch/gapwatch/match"
)

// HTMLToText converts an HTML fragment to plain text: tags are stripped,
// entities decoded (&nbsp; becomes a space), script, style and similar
// non-text elements dropped, block elements (paragraphs, headings, divs,
// tables) separated by a blank line, line breaks and list items put on
// their own line, and runs of whitespace folded to one space. Text with no
// markup comes back with its whitespace folded.
func HTMLToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return foldText(s)
	}
	w := textWriter{}
	w.b.Grow(len(s))
	z := html.NewTokenizerFragment(strings.NewReader(s), "div")
	skip := 0 // depth inside elements whose text is not content
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return w.b.String()
		case html.TextToken:
			if skip == 0 {
				w.text(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipped[a] {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if skip > 0 {
				continue
			}
			if lvl, ok := breaks[a]; ok {
				// <br> breaks a line wherever it appears, even as </br>.
				w.brk(lvl)
			}
		}
	}
}

// Break levels between blocks of text.
const (
	brkSpace = iota + 1
	brkLine
	brkPara
)

// skipped are the elements whose content is never readable text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Title: true, atom.Iframe: true, atom.Svg: true, atom.Math: true,
	atom.Object: true, atom.Select: true, atom.Button: true,
}

// breaks maps elements to the separation they force around their content.
var breaks = map[atom.Atom]int{
	atom.P: brkPara, atom.Div: brkPara, atom.H1: brkPara, atom.H2: brkPara, atom.H3: brkPara,
	atom.H4: brkPara, atom.H5: brkPara, atom.H6: brkPara, atom.Blockquote: brkPara,
	atom.Section: brkPara, atom.Article: brkPara, atom.Header: brkPara, atom.Footer: brkPara,
	atom.Aside: brkPara, atom.Nav: brkPara, atom.Main: brkPara, atom.Figure: brkPara,
	atom.Pre: brkPara, atom.Table: brkPara, atom.Ul: brkPara, atom.Ol: brkPara, atom.Dl: brkPara,
	atom.Hr: brkPara, atom.Address: brkPara, atom.Form: brkPara, atom.Fieldset: brkPara,
	atom.Li: brkLine, atom.Br: brkLine, atom.Tr: brkLine, atom.Dt: brkLine, atom.Dd: brkLine,
	atom.Figcaption: brkLine, atom.Caption: brkLine, atom.Option: brkLine,
	atom.Td: brkSpace, atom.Th: brkSpace, atom.Img: brkSpace,
}

// textWriter accumulates folded text, holding back separators until the
// next visible character so that output is trimmed at both ends.
type textWriter struct {
	b       strings.Builder
	pending int
}

// brk asks for at least level of separation before the next text.
func (w *textWriter) brk(level int) {
	if level > w.pending {
		w.pending = level
	}
}

// text appends a run of text, folding its whitespace.
func (w *textWriter) text(p []byte) {
	for len(p) > 0 {
		if c := p[0]; c > ' ' && c < 0x7f {
			// Printable ASCII: the common case, without rune decoding.
			w.flush()
			w.b.WriteByte(c)
			p = p[1:]
			continue
		}
		r, n := utf8.DecodeRune(p)
		p = p[n:]
		if isFoldSpace(r) {
			w.brk(brkSpace)
			continue
		}
		if isInvisible(r) {
			continue
		}
		w.flush()
		w.b.WriteRune(r)
	}
}

// flush writes the separator held back before visible text.
func (w *textWriter) flush() {
	if w.pending == 0 {
		return
	}
	if w.b.Len() > 0 {
		switch w.pending {
		case brkSpace:
			w.b.WriteByte(' ')
		case brkLine:
			w.b.WriteByte('\n')
		case brkPara:
			w.b.WriteString("\n\n")
		}
	}
	w.pending = 0
}

// isFoldSpace reports whether r is whitespace to fold, including the
// non-breaking and other typographic spaces.
func isFoldSpace(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || (r > 0x7f && unicode.IsSpace(r))
}

// isInvisible reports whether r is a zero-width or soft character that only
// hinders search (soft hyphen, zero-width spaces and joiners, BOM) or a
// control character.
func isInvisible(r rune) bool {
	switch r {
	case 0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, utf8.RuneError:
		return true
	}
	return r < 0x20 || (r >= 0x7f && r < 0xa0)
}

// foldText folds the whitespace of markup-free text to single spaces.
func foldText(s string) string {
	clean := true
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c < 0x20 && c != ' ' || c == ' ' && prevSpace {
			clean = false
			break
		}
		prevSpace = c == ' '
	}
	if clean && !prevSpace {
		return s
	}
	w := textWriter{}
	w.b.Grow(len(s))
	w.text([]byte(s))
	return w.b.String()
}

// plainToText normalises text published as plain text (JSON Feed's
// content_text): paragraphs (blank lines) and line breaks are kept, other
// whitespace is folded.
func plainToText(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	w := textWriter{}
	for para := range strings.SplitSeq(s, "\n\n") {
		w.brk(brkPara)
		for line := range strings.SplitSeq(para, "\n") {
			w.brk(brkLine)
			w.text([]byte(line))
		}
	}
	return w.b.String()
}

// cutEntityPrefixes are entity names a teaser cut at a fixed length most
// often splits; a trailing "&" plus a prefix of one of them is dropped.
var cutEntityPrefixes = []string{"nbsp", "amp", "quot", "rsquo", "lsquo", "rdquo", "ldquo", "hellip", "mdash", "ndash", "apos", "laquo", "raquo"}

// trimCutMarkup drops an entity or tag that a teaser truncated at a fixed
// number of characters (Drupal cuts at 250) left unfinished at its end,
// such as "...the border&nbs" or "...<a hre".
func trimCutMarkup(s string) string {
	i := strings.LastIndexByte(s, '&')
	if i >= 0 && len(s)-i <= 10 {
		tail := s[i+1:]
		if !strings.ContainsAny(tail, "; \t\n") && isCutEntity(tail) {
			s = s[:i]
		}
	}
	if i := strings.LastIndexByte(s, '<'); i >= 0 && !strings.Contains(s[i:], ">") {
		s = s[:i]
	}
	return s
}

// isCutEntity reports whether tail could be the start of an entity.
func isCutEntity(tail string) bool {
	if tail == "" {
		return true
	}
	if tail[0] == '#' {
		for _, c := range tail[1:] {
			if !(c >= '0' && c <= '9' || c == 'x' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
		return true
	}
	for _, p := range cutEntityPrefixes {
		if strings.HasPrefix(p, tail) && tail != p {
			return true
		}
	}
	return false
}

// oneLine folds text to a single line (titles).
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// maxTitleFallback bounds a title made up from an entry's text.
const maxTitleFallback = 120

// titleFromText makes a title for an untitled entry from the first line
// of its text, cut at a word boundary.
func titleFromText(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if utf8.RuneCountInString(s) <= maxTitleFallback {
		return s
	}
	cut := 0
	for i := range s {
		if utf8.RuneCountInString(s[:i]) > maxTitleFallback {
			break
		}
		if s[i] == ' ' {
			cut = i
		}
	}
	if cut == 0 {
		return s
	}
	return s[:cut] + "…"
}

// hashGUID is the stable identity of an entry with neither id nor link.
func hashGUID(title, date string) string {
	h := sha256.Sum256([]byte(title + "\x00" + date))
	return "sha256:" + hex.EncodeToString(h[:16])
}

// resolveLink makes ref absolute against base; a ref that does not parse
// as a URL gives "".
func resolveLink(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base == nil || u.IsAbs() {
		return u.String()
	}
	return base.ResolveReference(u).String()
}

// parseBase parses a base URL, nil when it is not usable as one.
func parseBase(s string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Scheme == "" {
		return nil
	}
	return u
}

// isWebURL reports whether s is an absolute http(s) URL.
func isWebURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// normalizeFeed turns a parsed feed into items of src.
func normalizeFeed(f *gofeed.Feed, feedURL string, src Source, now time.Time) []match.Item {
	base := parseBase(feedURL)
	if f.Link != "" {
		if site := parseBase(resolveLink(base, f.Link)); site != nil {
			base = site
		}
	}
	lang := strings.TrimSpace(f.Language)
	if lang == "" {
		lang = src.Language
	}
	items := make([]match.Item, 0, len(f.Items))
	for _, e := range f.Items {
		if e == nil {
			continue
		}
		it, ok := normalizeEntry(e, f.FeedType, base, src, lang, now)
		if ok {
			items = append(items, it)
		}
	}
	return dedupeGUIDs(items)
}

// normalizeEntry turns one feed entry into an item; ok is false for an
// entry with nothing to show (no title, link or text).
func normalizeEntry(e *gofeed.Item, feedType string, base *url.URL, src Source, lang string, now time.Time) (match.Item, bool) {
	it := match.Item{
		Feed:     src.Name,
		Side:     src.Side,
		Title:    oneLine(HTMLToText(e.Title)),
		Language: lang,
	}
	if e.DublinCoreExt != nil {
		if l := strings.TrimSpace(firstOf(e.DublinCoreExt.Language)); l != "" {
			it.Language = l
		}
	}

	link := e.Link
	if link == "" && len(e.Links) > 0 {
		link = e.Links[0]
	}
	guid := strings.TrimSpace(e.GUID)
	if link == "" && isWebURL(guid) {
		link = guid
	}
	it.Link = resolveLink(base, link)

	it.SummaryHTML = e.Description
	it.Summary = HTMLToText(trimCutMarkup(e.Description))
	it.ContentHTML = e.Content
	if feedType == "json" && !strings.ContainsAny(e.Content, "<&") {
		it.Content = plainToText(e.Content)
	} else {
		it.Content = HTMLToText(e.Content)
	}
	if it.Title == "" {
		it.Title = titleFromText(firstNonEmpty(it.Summary, it.Content))
	}
	if it.Title == "" && it.Link == "" {
		return it, false
	}

	rawDate := e.Published
	switch {
	case e.PublishedParsed != nil:
		it.Published = e.PublishedParsed.UTC()
	case e.UpdatedParsed != nil:
		it.Published = e.UpdatedParsed.UTC()
		rawDate = e.Updated
	default:
		if t, ok := parseLooseDate(firstNonEmpty(e.Published, e.Updated), time.UTC); ok {
			it.Published = t.UTC()
		} else {
			it.Published = now.UTC()
			it.DateGuessed = true
			rawDate = ""
		}
	}
	if e.UpdatedParsed != nil {
		it.Updated = e.UpdatedParsed.UTC()
	}

	switch {
	case guid != "":
		it.GUID = guid
	case it.Link != "":
		it.GUID = it.Link
	default:
		it.GUID = hashGUID(it.Title, rawDate)
	}
	it.Categories = cleanCategories(e.Categories)
	return it, true
}

// dedupeGUIDs applies the GUID collision rule. Entries repeating an
// earlier entry's GUID and link are the same entry listed twice: the first
// is kept. Entries sharing a GUID but not a link mean the publisher reuses
// ids, so every entry of that GUID is identified by its link instead, which
// keeps identities stable whatever the order of the entries.
func dedupeGUIDs(items []match.Item) []match.Item {
	links := make(map[string]string, len(items))
	reused := map[string]bool{}
	for _, it := range items {
		if l, ok := links[it.GUID]; ok {
			if l != it.Link && it.Link != "" {
				reused[it.GUID] = true
			}
			continue
		}
		links[it.GUID] = it.Link
	}
	seen := make(map[string]bool, len(items))
	out := items[:0]
	for _, it := range items {
		if reused[it.GUID] && it.Link != "" {
			it.GUID = it.Link
		}
		if seen[it.GUID] {
			continue
		}
		seen[it.GUID] = true
		out = append(out, it)
	}
	return out
}

// cleanCategories trims, decodes and de-duplicates categories.
func cleanCategories(in []string) []string {
	var out []string
	for _, c := range in {
		c = oneLine(HTMLToText(c))
		if c == "" {
			continue
		}
		dup := false
		for _, o := range out {
			if strings.EqualFold(o, c) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, c)
		}
	}
	return out
}

// firstNonEmpty returns the first non-blank string.
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// firstOf returns the first element of ss, "" if none.
func firstOf(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0]
}
