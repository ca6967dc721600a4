package discordbot

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestRegisterIsABulkOverwrite(t *testing.T) {
	fx := newFixture(t, 0)
	fake := newFakeDiscord(t)
	s := fake.session(t)
	cmds := ApplicationCommands(fx.bot, []string{"mx", "us"})
	ctx := context.Background()
	for _, guild := range []string{"99", "99", ""} {
		if err := Register(ctx, s, "777", guild, cmds); err != nil {
			t.Fatal(err)
		}
	}
	reqs := fake.requests()
	want := []string{"/api/v9/applications/777/guilds/99/commands", "/api/v9/applications/777/guilds/99/commands", "/api/v9/applications/777/commands"}
	if len(reqs) != 3 {
		t.Fatalf("%d requests", len(reqs))
	}
	for i, r := range reqs {
		if r.Method != http.MethodPut || r.Path != want[i] {
			t.Errorf("request %d: %s %s, want PUT %s", i, r.Method, r.Path, want[i])
		}
	}
	// The same definition twice: registering again changes nothing.
	a, _ := json.Marshal(reqs[0].Body)
	b, _ := json.Marshal(reqs[1].Body)
	if string(a) != string(b) {
		t.Error("the second registration sent another definition")
	}
	if err := Register(ctx, s, "", "", cmds); err == nil {
		t.Error("registered without an application ID")
	}
}

func TestApplicationCommandDefinition(t *testing.T) {
	fx := newFixture(t, 0)
	cmds := ApplicationCommands(fx.bot, []string{"mx", "us"})
	if len(cmds) != 1 || cmds[0].Name != "gapwatch" {
		t.Fatalf("commands %v", cmds)
	}
	got := map[string][]string{}
	for _, sub := range cmds[0].Options {
		if runes(sub.Description) > 100 || sub.Description == "" {
			t.Errorf("%s: description of %d runes", sub.Name, runes(sub.Description))
		}
		for _, o := range sub.Options {
			name := o.Name
			if o.Required {
				name += "!"
			}
			if o.Autocomplete {
				name += "~"
			}
			got[sub.Name] = append(got[sub.Name], name)
			if runes(o.Description) > 100 {
				t.Errorf("%s %s: description of %d runes", sub.Name, o.Name, runes(o.Description))
			}
		}
		// Every subcommand is a command of the bot layer.
		if _, ok := fx.bot.Lookup(sub.Name); !ok {
			t.Errorf("subcommand %s is no bot command", sub.Name)
		}
	}
	want := map[string][]string{
		"list":      {"status", "side", "feed", "public"},
		"show":      {"id!~", "public"},
		"search":    {"text!", "public"},
		"feeds":     {"public"},
		"confirm":   {"id!~", "url!", "note"},
		"dismiss":   {"id!~", "reason!"},
		"mute":      {"id!~"},
		"subscribe": {"side", "status", "feed", "keyword", "importance", "lang"},
		"digest":    {"public"},
		"help":      {"command"},
	}
	delete(got, "unsubscribe")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("options:\n got %v\nwant %v", got, want)
	}
	for _, sub := range cmds[0].Options {
		if sub.Name == "list" {
			for _, o := range sub.Options {
				if o.Name == "side" {
					var vals []string
					for _, c := range o.Choices {
						vals = append(vals, c.Value.(string))
					}
					if strings.Join(vals, ",") != "mx,us" {
						t.Errorf("side choices %v", vals)
					}
				}
			}
		}
	}
}
