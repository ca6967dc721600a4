package discordbot

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/store"
)

func TestRewriteTransport(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Host+" "+r.URL.RequestURI())
	}))
	defer srv.Close()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, "other "+r.URL.RequestURI())
	}))
	defer other.Close()
	tests := []struct {
		base, url, want string
	}{
		{srv.URL, "https://discord.com/api/v9/channels/1/messages?x=1", srv.Listener.Addr().String() + " /api/v9/channels/1/messages?x=1"},
		{srv.URL + "/prefix/", "https://discordapp.com/api/v9/gateway", srv.Listener.Addr().String() + " /prefix/api/v9/gateway"},
		{srv.URL, other.URL + "/not-discord", "other /not-discord"},
	}
	for _, tt := range tests {
		got = nil
		rt, err := RewriteTransport(tt.base, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := (&http.Client{Transport: rt}).Get(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s via %s reached %v, want %q", tt.url, tt.base, got, tt.want)
		}
	}
	for _, bad := range []string{"ftp://x", "https://user:pw@x.example", "not a url", "http://"} {
		if _, err := RewriteTransport(bad, nil); err == nil {
			t.Errorf("RewriteTransport(%q) accepted", bad)
		}
	}
}

// gatedStore holds Claim until its gate opens, like a store busy with
// something else.
type gatedStore struct {
	store.Store
	gate chan struct{}
}

func (g gatedStore) Claim(ctx context.Context, id int64) (store.Claim, error) {
	select {
	case <-g.gate:
	case <-ctx.Done():
		return store.Claim{}, ctx.Err()
	}
	return g.Store.Claim(ctx, id)
}

// TestSlowCommandIsDeferred: a command still running when the fast budget
// runs out is answered with a deferred response, and its reply follows as
// an edit of the original response once it is ready.
func TestSlowCommandIsDeferred(t *testing.T) {
	hs := newHarness(t)
	gs := gatedStore{Store: hs.st, gate: make(chan struct{})}
	b, err := bot.New(bot.Options{Queries: gs, Actions: gs, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(Options{Bot: b, Claims: hs.st, Session: hs.fake.session(t), PublicKey: hs.pub, FastBudget: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	hs.h = h
	code, resp := hs.post(t, hs.command("show", opt("id", strconv.FormatInt(hs.ids["steel"], 10)), opt("public", true)))
	if code != http.StatusOK || resp["type"] != float64(5) {
		t.Fatalf("%d %v, want a deferred response (type 5)", code, resp)
	}
	if f := flagsOf(resp["data"].(map[string]any)); f != 0 {
		t.Errorf("a public deferral has flags %d", f)
	}
	if n := len(hs.fake.requests()); n != 0 {
		t.Fatalf("%d follow-ups before the command finished", n)
	}
	close(gs.gate)
	h.Wait()
	reqs := hs.fake.requests()
	if len(reqs) != 1 || reqs[0].Method != http.MethodPatch || reqs[0].Path != fmt.Sprintf("/api/v9/webhooks/777/itoken-%d/messages/@original", hs.seq) {
		t.Fatalf("follow-ups %+v", reqs)
	}
	if title, _ := embedOf(t, reqs[0].Body)["title"].(string); !strings.Contains(title, fmt.Sprintf("#%d", hs.ids["steel"])) {
		t.Errorf("the follow-up shows %q, not the claim", title)
	}
}
