package discordbot

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares got with testdata/name (or rewrites it with -update).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, got)
	}
}

func sampleClaim() *store.Claim {
	pub := time.Date(2026, 11, 20, 14, 30, 0, 0, time.UTC)
	return &store.Claim{ID: 42,
		Item: match.Item{Feed: "sre", Side: "mx", Title: "Acuerdan México y EE.UU. *reducir* aranceles @everyone <@&456>",
			Link: "https://sre.example/comunicados/42", Published: pub},
		Decision: match.Decision{Status: match.Partial, Deadline: pub.Add(72 * time.Hour)},
		Evidence: []match.Item{{Feed: "state", Title: "Readout [click](https://evil.example)", Link: "https://state.example/readout",
			Published: pub.Add(2 * time.Hour)}},
	}
}

func TestAlertMessageGolden(t *testing.T) {
	tests := []struct {
		name string
		m    alert.Message
	}{
		{"alert-new-claim.json", alert.Message{Event: alert.EventNewClaim, Claim: sampleClaim(), Language: "en",
			Text: "NEW CLAIM — sre says: “Acuerdan México y EE.UU. *reducir* aranceles @everyone <@&456>”", EvidenceURL: "https://gapwatch.example/claims/42",
			At: time.Date(2026, 11, 20, 14, 35, 0, 0, time.UTC)}},
		{"alert-resolved-es.json", func() alert.Message {
			cl := sampleClaim()
			cl.Resolution = &store.Resolution{Kind: store.ResolvedDismissed, Reason: "comunicado sin compromiso <@123>", By: "discord:1001"}
			return alert.Message{Event: alert.EventResolved, Claim: cl, Language: "es", Text: "DESCARTADO — #42"}
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.MarshalIndent(AlertMessage(tt.m, true), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, append(got, '\n'))
		})
	}
}

func TestReplyEmbedGolden(t *testing.T) {
	r := bot.Reply{Title: "#42 PARTIAL — @here title", Tone: bot.TonePartial, Text: "The other side <@123> left out one commitment.",
		Sections: []bot.Section{
			{Fields: []bot.Field{{Name: "Side", Value: "mx", Inline: true}, {Name: "Deadline", Value: "2026-11-23 14:30 UTC", Inline: true}}},
			{Heading: "Evidence", Lines: []string{"state: Readout ~~strike~~"}, Links: []bot.Link{{Text: "Readout", URL: "https://state.example/readout"},
				{Text: "bad link", URL: "javascript:alert(1)"}}},
		}}
	got, err := json.MarshalIndent(ReplyEmbed(r), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "reply.json", append(got, '\n'))
}

func TestFitEmbedCutsWithALink(t *testing.T) {
	long := strings.Repeat("word ", 3000)
	tests := []struct {
		name string
		e    *discordgo.MessageEmbed
	}{
		{"long description", &discordgo.MessageEmbed{Title: long, Description: long}},
		{"too many fields", func() *discordgo.MessageEmbed {
			e := &discordgo.MessageEmbed{Title: "t"}
			for i := 0; i < 40; i++ {
				e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "n", Value: strings.Repeat("v", 500)})
			}
			return e
		}()},
		{"long fields", func() *discordgo.MessageEmbed {
			e := &discordgo.MessageEmbed{Title: "t", Description: long[:3000]}
			for i := 0; i < 10; i++ {
				e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: long, Value: long})
			}
			return e
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			FitEmbed(tt.e, "https://gapwatch.example/claims/1")
			e := tt.e
			if runes(e.Title) > LimitTitle || runes(e.Description) > LimitDescription || len(e.Fields) > LimitFields || embedSize(e) > LimitEmbedTotal {
				t.Fatalf("title %d, description %d, fields %d, total %d", runes(e.Title), runes(e.Description), len(e.Fields), embedSize(e))
			}
			all := e.Title + e.Description
			for _, f := range e.Fields {
				if runes(f.Name) > LimitFieldName || runes(f.Value) > LimitFieldValue {
					t.Errorf("field of %d/%d runes", runes(f.Name), runes(f.Value))
				}
				all += f.Value
			}
			if !strings.Contains(all, "[full text](https://gapwatch.example/claims/1)") {
				t.Error("no link to the full text")
			}
		})
	}
}

func TestCutEscapedKeepsMarkupWhole(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{`ab\*cd`, 3, "ab"},
		{"x [text](https://a.example/long) y", 20, "x"},
		{"x <https://a.example/long> y", 12, "x"},
		{"plain text", 5, "plain"},
	}
	for _, tt := range tests {
		if got := cutEscaped(tt.in, tt.n); got != tt.want {
			t.Errorf("cutEscaped(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
