package discordbot

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// hostile are strings a feed item or a user could use to ping people or
// forge a link; none may reach Discord as written.
var hostile = []string{"@everyone", "@here", "<@123>", "<@&456>", "[click](https://evil"}

// hostileTitle is a feed title made of them.
const hostileTitle = "@everyone @here <@123> <@&456> [click](https://evil.example) México y Estados Unidos acordaron reducir aranceles"

// recorded is one request the fake Discord API received.
type recorded struct {
	Method string
	Path   string
	Auth   string
	// Body is the JSON body when it is an object (the payload_json part
	// of a multipart body); Raw is any JSON body as decoded.
	Body map[string]any
	Raw  any
	// Files are the names of multipart files.
	Files []string
}

// reply is a canned answer of the fake API.
type reply struct {
	status int
	body   string
	header map[string]string
}

// fakeDiscord is a Discord REST API on loopback that records every request
// and answers with canned replies (queued per path, then defaults).
type fakeDiscord struct {
	*httptest.Server
	t *testing.T

	mu      sync.Mutex
	reqs    []recorded
	queued  map[string][]reply
	nextID  int
	gateway string
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	t.Helper()
	f := &fakeDiscord{t: t, queued: map[string][]reply{}, nextID: 9000}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

// queue makes the next request whose "METHOD path" has the given suffix
// answer r.
func (f *fakeDiscord) queue(methodPath string, r reply) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queued[methodPath] = append(f.queued[methodPath], r)
}

func (f *fakeDiscord) serve(w http.ResponseWriter, r *http.Request) {
	rec := recorded{Method: r.Method, Path: r.URL.Path, Auth: r.Header.Get("Authorization")}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		f.t.Errorf("fake discord: read body: %v", err)
	}
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case strings.HasPrefix(ct, "multipart/"):
		mr := multipart.NewReader(strings.NewReader(string(raw)), params["boundary"])
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			data, _ := io.ReadAll(p)
			if p.FormName() == "payload_json" {
				if err := json.Unmarshal(data, &rec.Body); err != nil {
					f.t.Errorf("fake discord: payload_json: %v", err)
				}
				rec.Raw = rec.Body
			} else {
				rec.Files = append(rec.Files, p.FileName())
			}
		}
	case len(raw) > 0:
		if err := json.Unmarshal(raw, &rec.Raw); err != nil {
			f.t.Errorf("fake discord: %s %s: body is not JSON: %v", r.Method, r.URL.Path, err)
		}
		rec.Body, _ = rec.Raw.(map[string]any)
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, rec)
	key := r.Method + " " + r.URL.Path
	var canned *reply
	for k, q := range f.queued {
		if strings.HasSuffix(key, k) && len(q) > 0 {
			c := q[0]
			f.queued[k] = q[1:]
			canned = &c
			break
		}
	}
	f.nextID++
	id := fmt.Sprint(f.nextID)
	gw := f.gateway
	f.mu.Unlock()

	w.Header().Set("Content-Type", "application/json")
	if canned != nil {
		for k, v := range canned.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(canned.status)
		io.WriteString(w, canned.body)
		return
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/gateway"), strings.HasSuffix(r.URL.Path, "/gateway/bot"):
		fmt.Fprintf(w, `{"url": %q, "shards": 1}`, gw)
	case r.Method == http.MethodPut && strings.HasSuffix(r.URL.Path, "/commands"):
		w.Write(raw)
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/threads"):
		// A thread started on a message has the message's ID.
		fmt.Fprintf(w, `{"id": %q, "type": 11}`, parts[len(parts)-2])
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/messages"):
		fmt.Fprintf(w, `{"id": %q, "channel_id": %q}`, id, parts[len(parts)-2])
	case strings.HasSuffix(r.URL.Path, "/callback"):
		w.WriteHeader(http.StatusNoContent)
	case strings.Contains(r.URL.Path, "/webhooks/"):
		fmt.Fprintf(w, `{"id": %q, "channel_id": "1"}`, id)
	default:
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"code": 0, "message": "404: Not Found"}`)
	}
}

// requests returns what the fake received so far.
func (f *fakeDiscord) requests() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.reqs...)
}

// session returns a discordgo session pointed at the fake through the
// rewriting transport.
func (f *fakeDiscord) session(t *testing.T) *discordgo.Session {
	t.Helper()
	s, err := NewSession(SessionOptions{Token: "test-bot-token", APIURL: f.URL})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sendsMessage reports whether a recorded request posts or edits a message.
func sendsMessage(r recorded) bool {
	switch {
	case strings.HasSuffix(r.Path, "/callback"):
		t, _ := r.Body["type"].(float64)
		return t == 4 || t == 5 || t == 7
	case r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/messages"),
		strings.Contains(r.Path, "/webhooks/") && (r.Method == http.MethodPost || r.Method == http.MethodPatch):
		return true
	}
	return false
}

// checkMessages fails the test unless every message the fake received
// sets allowed_mentions with an empty parse list, and no request carries a
// hostile string as written. It returns the number of messages.
func checkMessages(t *testing.T, reqs []recorded) int {
	t.Helper()
	n := 0
	for _, r := range reqs {
		if sendsMessage(r) {
			n++
			body := r.Body
			if data, ok := body["data"].(map[string]any); ok {
				body = data
			}
			am, ok := body["allowed_mentions"].(map[string]any)
			if !ok {
				t.Errorf("%s %s: no allowed_mentions in %v", r.Method, r.Path, r.Body)
			} else if p, ok := am["parse"].([]any); !ok || len(p) != 0 {
				t.Errorf("%s %s: allowed_mentions.parse = %v, want []", r.Method, r.Path, am["parse"])
			}
		}
		var src any = r.Body
		if r.Raw != nil {
			src = r.Raw
		}
		for _, s := range allStrings(src) {
			for _, h := range hostile {
				if strings.Contains(s, h) {
					t.Errorf("%s %s carries %q unescaped in %q", r.Method, r.Path, h, s)
				}
			}
		}
	}
	return n
}

// allStrings returns every string in a decoded JSON value.
func allStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case map[string]any:
		var out []string
		for _, e := range x {
			out = append(out, allStrings(e)...)
		}
		return out
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, allStrings(e)...)
		}
		return out
	}
	return nil
}

// now is the fixtures' clock.
var now = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

// fixture is a store with claims and a bot over it.
type fixture struct {
	st  store.Store
	bot *bot.Bot
	// ids are claim IDs by name: "steel", "hostile", "arms".
	ids map[string]int64
}

// claimSpec is one claim of a fixture.
type claimSpec struct {
	name, title string
	status      match.Status
}

var fixtureClaims = []claimSpec{
	{"steel", "México y Estados Unidos acordaron reducir los aranceles al acero", match.Partial},
	{"hostile", hostileTitle, match.Unconfirmed},
	{"arms", "Ambos gobiernos se comprometieron a combatir el tráfico de armas", match.Pending},
	{"joint", "Declaración conjunta sobre energía limpia", match.Confirmed},
}

// newFixture stores the fixture claims (and one other-side item as their
// evidence) in a fresh SQLite store.
func newFixture(t testing.TB, extra int) *fixture {
	t.Helper()
	return newFixtureAt(t, filepath.Join(t.TempDir(), "gapwatch.db"), extra)
}

// topics vary the extra claims' titles, so that a search word matches a
// few hundred of them rather than all.
var topics = []string{"aranceles al acero", "tráfico de armas", "migración ordenada", "agua del río Bravo", "aduanas",
	"fentanilo", "energía", "puertos fronterizos", "remesas", "vacunas", "seguridad", "inversión", "trabajo agrícola",
	"medio ambiente", "educación", "turismo", "ciberseguridad", "telecomunicaciones", "minería", "pesca"}

// newFixtureAt is newFixture with the store at path; with extra claims
// more it adds varied claims (pending, partial, unconfirmed, confirmed).
func newFixtureAt(t testing.TB, path string, extra int) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	specs := append([]claimSpec(nil), fixtureClaims...)
	for i := 0; i < extra; i++ {
		specs = append(specs, claimSpec{fmt.Sprintf("extra-%d", i),
			fmt.Sprintf("Acuerdo %d de México y Estados Unidos sobre %s, ronda %d", i, topics[i%len(topics)], i/len(topics)),
			[]match.Status{match.Pending, match.Partial, match.Unconfirmed, match.Confirmed}[i%4]})
	}
	var sre []match.Item
	start := now.Add(-time.Duration(len(specs)+1) * time.Minute)
	for i, s := range specs {
		sre = append(sre, match.Item{Feed: "sre", Side: "mx", GUID: "sre-" + s.name, Title: s.title, Language: "es",
			Link: "https://sre.example/comunicados/" + s.name, Published: start.Add(time.Duration(i) * time.Minute)})
	}
	state := []match.Item{{Feed: "state", Side: "us", GUID: "state-1", Title: "Readout: @here <@&456> steel tariffs with Mexico",
		Language: "en", Link: "https://state.example/readout-1", Published: now.Add(-time.Hour)}}
	for _, f := range []struct {
		feed  store.Feed
		items []match.Item
	}{
		{store.Feed{Name: "sre", Side: "mx", URL: "https://sre.example/rss", Kind: "rss"}, sre},
		{store.Feed{Name: "state", Side: "us", URL: "https://state.example/rss", Kind: "rss"}, state},
	} {
		if err := st.EnsureFeed(ctx, f.feed); err != nil {
			t.Fatal(err)
		}
		// A first empty poll baselines the feed, so the items are news.
		if _, err := st.RecordPoll(ctx, store.Poll{Feed: f.feed.Name, Started: start, Finished: start, OK: true}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := st.RecordPoll(ctx, store.Poll{Feed: f.feed.Name, Started: start, Finished: start, OK: true}, f.items); err != nil {
			t.Fatal(err)
		}
	}
	stored, err := st.Items(ctx, store.ItemQuery{Feed: "sre"})
	if err != nil {
		t.Fatal(err)
	}
	fx := &fixture{st: st, ids: map[string]int64{}}
	for i, it := range stored {
		d := match.Decision{Feed: it.Feed, GUID: it.GUID, Title: it.Title, Side: it.Side, Published: it.Published,
			Status: specs[i].status, Deadline: it.Published.Add(72 * time.Hour),
			Matches: []match.Ref{{Feed: "state", GUID: "state-1"}}}
		res, err := st.SaveDecision(ctx, store.ClaimUpdate{Item: it, Decision: d, Event: "new_claim", At: it.Published})
		if err != nil {
			t.Fatal(err)
		}
		fx.ids[specs[i].name] = res.Claim.ID
	}
	fx.bot, err = bot.New(bot.Options{Queries: st, Actions: st, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return fx
}
