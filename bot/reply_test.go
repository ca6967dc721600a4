package bot

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// sampleReply is a reply built from hostile text in every slot.
func sampleReply(h string) Reply {
	return Reply{
		Title: "#7 UNCONFIRMED — " + h,
		Tone:  ToneUnconfirmed,
		Text:  "Lead: " + h,
		Sections: []Section{{
			Heading: "Heading " + h,
			Lines:   []string{"Line " + h},
			Fields:  []Field{{Name: "Field " + h, Value: "Value " + h}},
			Links: []Link{
				{Text: "Link " + h, URL: "https://www.state.gov/a?b=1&c=2"},
				{Text: "Bad link " + h, URL: "javascript:alert(1)"},
			},
		}},
		MoreURL: "https://gapwatch.example/claims/7",
	}
}

func TestRenderersGolden(t *testing.T) {
	r := Reply{
		Title: "#42 PARTIAL — SRE: México y EE.UU. acuerdan <!channel> [plan](https://evil.example)",
		Tone:  TonePartial,
		Text:  "The other side contradicts the claim.",
		Sections: []Section{
			{Fields: []Field{{Name: "Side", Value: "mx", Inline: true}, {Name: "Deadline", Value: "2026-12-01 10:00 UTC", Inline: true}},
				Links: []Link{{Text: "Claim: sre release", URL: "https://www.gob.mx/sre/prensa/1"}}},
			{Heading: "Commitments", Lines: []string{"1. Agreement · arms trafficking — stated by the other side: “acordaron @everyone”", "2. Joint action — not stated\nby the other side"}},
		},
		MoreURL: "https://gapwatch.example/claims/42",
	}
	golden(t, "reply.txt", PlainText(r))
	golden(t, "reply.slack", SlackText(r, 0))
	golden(t, "reply.discord", DiscordText(r, 0))
	golden(t, "reply-cut.slack", SlackText(r, 200))
	golden(t, "reply-cut.discord", DiscordText(r, 200))
}

// TestRenderersHostile feeds every hostile string through every slot of
// every renderer and checks what a reader would see: no live mention, no
// forged link, no control character, limits kept.
func TestRenderersHostile(t *testing.T) {
	for _, h := range hostile {
		r := sampleReply(h)

		plain := PlainText(r)
		if strings.ContainsFunc(plain, unsafeRune) || !utf8.ValidString(plain) {
			t.Errorf("PlainText keeps control characters or invalid UTF-8 from %q:\n%q", h, plain)
		}
		if strings.Contains(plain, "javascript:") {
			t.Errorf("PlainText shows an unsafe URL:\n%s", plain)
		}

		slack := SlackText(r, 0)
		// The only markup left is gapwatch's own links.
		rest := strings.ReplaceAll(slack, "<https://www.state.gov/a?b=1&c=2|", "")
		rest = strings.ReplaceAll(rest, ">\n", "\n")
		if strings.Contains(rest, "<") || strings.Contains(strings.ToLower(slack), "@channel") || strings.Contains(strings.ToLower(slack), "@everyone") || strings.Contains(strings.ToLower(slack), "@here") {
			t.Errorf("SlackText leaves markup from %q:\n%s", h, slack)
		}
		if strings.Contains(slack, "javascript:") {
			t.Errorf("SlackText links an unsafe URL:\n%s", slack)
		}

		discord := DiscordText(r, 0)
		if strings.Contains(strings.ToLower(discord), "@everyone") || strings.Contains(strings.ToLower(discord), "@here") {
			t.Errorf("DiscordText leaves a broadcast from %q:\n%s", h, discord)
		}
		if strings.Count(discord, "](") != 1 {
			t.Errorf("DiscordText has %d masked links (want gapwatch's one) from %q:\n%s", strings.Count(discord, "]("), h, discord)
		}
		if strings.Contains(discord, "javascript:") {
			t.Errorf("DiscordText links an unsafe URL:\n%s", discord)
		}

		for _, limit := range []int{40, 120, 300} {
			for name, got := range map[string]string{"slack": SlackText(r, limit), "discord": DiscordText(r, limit)} {
				if n := utf8.RuneCountInString(got); n > limit {
					t.Errorf("%s text with limit %d has %d runes", name, limit, n)
				}
				if got == slack || got == discord {
					continue
				}
				if !strings.HasSuffix(got, ">") && !strings.HasSuffix(got, ">)") && !strings.HasSuffix(got, Ellipsis) {
					t.Errorf("%s text cut to %d ends neither in a link nor in an ellipsis: %q", name, limit, got)
				}
			}
		}
	}
}

func TestEscapeFor(t *testing.T) {
	in := "<!here> @everyone [x](y)\x1b"
	tests := map[string]string{
		"slack":   EscapeSlack(in),
		"discord": EscapeDiscord(in),
		"cli":     "<!here> @everyone [x](y)",
	}
	for platform, want := range tests {
		if got := EscapeFor(platform)(in); got != want {
			t.Errorf("EscapeFor(%q) = %q, want %q", platform, got, want)
		}
	}
}
