package feeds

import (
	"strings"
	"testing"
	"time"
)

func TestHTMLToText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text folded", "  Mexico and\n the United States\t agreed ", "Mexico and the United States agreed"},
		{"plain text unchanged", "Joint statement", "Joint statement"},
		{"entities decoded", "Se&ntilde;or &amp; Se&#241;ora &ldquo;Bárcena&rdquo; &#x2014; 5&nbsp;km", "Señor & Señora “Bárcena” — 5 km"},
		{"paragraphs stay separated", "<p>First sentence.</p><p>Second sentence.</p>", "First sentence.\n\nSecond sentence."},
		{"no glued sentences across divs", "<div>Agreed.</div><div>Signed.</div>", "Agreed.\n\nSigned."},
		{"line breaks", "Line one<br>Line two<br/>Line three", "Line one\nLine two\nLine three"},
		{"list items on their own lines", "<p>Both sides will:</p><ul><li>inspect cargo</li><li> share data </li></ul><p>End.</p>", "Both sides will:\n\ninspect cargo\nshare data\n\nEnd."},
		{"headings", "<h2>Background</h2>Text follows.", "Background\n\nText follows."},
		{"inline tags keep words together", "<p>The <strong>United</strong> <em>States</em> and Mex<span>ico</span></p>", "The United States and Mexico"},
		{"script and style dropped", "<style>p{color:red}</style><p>Kept.</p><script>var x = '<p>no</p>';</script><noscript>Enable JS</noscript>", "Kept."},
		{"nbsp-only paragraphs vanish", "<p>One.&nbsp;</p><p>&nbsp;</p><p>\u00a0Two.</p>", "One.\n\nTwo."},
		{"table cells separated", "<table><tr><td>Port</td><td>Nogales</td></tr><tr><td>Seized</td><td>90 lb</td></tr></table>", "Port Nogales\nSeized 90 lb"},
		{"zero-width and soft hyphen removed", "fen\u00adtanyl\u200b seizure", "fentanyl seizure"},
		{"unclosed markup", "<p>Cut <a href=\"/x\">mid", "Cut mid"},
		{"text with a lone ampersand", "AT&T and Mexico <3", "AT&T and Mexico <3"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTMLToText(tt.in); got != tt.want {
				t.Errorf("HTMLToText(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTrimCutMarkup(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"referred the vehic&nbs", "referred the vehic"},
		{"referred the vehicle&", "referred the vehicle"},
		{"the port&#82", "the port"},
		{"officers <a hre", "officers "},
		{"AT&T", "AT&T"},
		{"fish &amp; chips", "fish &amp; chips"},
		{"complete&nbsp;", "complete&nbsp;"},
	}
	for _, tt := range tests {
		if got := trimCutMarkup(tt.in); got != tt.want {
			t.Errorf("trimCutMarkup(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseLooseDate(t *testing.T) {
	mx, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   string
		want string // RFC 3339 UTC; "" for no date
	}{
		{"22 de julio de 2019", "2019-07-22T05:00:00Z"},
		{"Lunes 22 de Julio del 2019", "2019-07-22T05:00:00Z"},
		{"1 de enero de 2023, 18:45", "2023-01-02T00:45:00Z"},
		{"3 sept 2023", "2023-09-03T06:00:00Z"},
		{"July 22, 2019", "2019-07-22T05:00:00Z"},
		{"Mon, 22 Jul 2019 10:00:00 -0500", "2019-07-22T15:00:00Z"},
		{"31 de febrero de 2019", ""},
		{"22 de jubilo de 2019", ""},
		{"sin fecha", ""},
	}
	for _, tt := range tests {
		got, ok := parseLooseDate(tt.in, mx)
		switch {
		case tt.want == "" && ok:
			t.Errorf("%q: parsed as %v, want no date", tt.in, got)
		case tt.want != "" && (!ok || got.UTC().Format(time.RFC3339) != tt.want):
			t.Errorf("%q: got %v (ok %v), want %s", tt.in, got.UTC(), ok, tt.want)
		}
	}
}

func TestHashGUIDStable(t *testing.T) {
	a := hashGUID("Media note", "Sun, 09 Jul 2023 12:00:00 GMT")
	if a != hashGUID("Media note", "Sun, 09 Jul 2023 12:00:00 GMT") {
		t.Error("same title and date give different GUIDs")
	}
	if a == hashGUID("Media note", "Mon, 10 Jul 2023 12:00:00 GMT") || a == hashGUID("Media note 2", "Sun, 09 Jul 2023 12:00:00 GMT") {
		t.Error("different entries share a GUID")
	}
	if !strings.HasPrefix(a, "sha256:") {
		t.Errorf("hash GUID %q lacks its scheme", a)
	}
}
