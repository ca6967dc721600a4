package discordbot

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// fakeGateway is a minimal Discord gateway: HELLO, then READY after an
// IDENTIFY (RESUMED after a RESUME), then one INTERACTION_CREATE per
// connection. The first connection is dropped when dropFirst is closed, to
// see the session reconnect on its own.
type fakeGateway struct {
	*httptest.Server
	t            *testing.T
	interactions []map[string]any
	dropFirst    chan struct{}

	mu  sync.Mutex
	ops []int // the op code of each connection's first client message
}

func newFakeGateway(t *testing.T, interactions ...map[string]any) *fakeGateway {
	g := &fakeGateway{t: t, interactions: interactions, dropFirst: make(chan struct{})}
	up := websocket.Upgrader{}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, err := up.Upgrade(w, r, nil)
		if err != nil {
			t.Errorf("fake gateway: upgrade: %v", err)
			return
		}
		defer conn.Close()
		send := func(v any) bool {
			if err := conn.WriteJSON(v); err != nil {
				t.Logf("fake gateway: write: %v", err)
				return false
			}
			return true
		}
		if !send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}}) {
			return
		}
		_, msg, err := conn.ReadMessage()
		if err != nil {
			t.Errorf("fake gateway: read identify: %v", err)
			return
		}
		var first struct {
			Op int `json:"op"`
			D  struct {
				Token string `json:"token"`
			} `json:"d"`
		}
		if err := json.Unmarshal(msg, &first); err != nil {
			t.Errorf("fake gateway: %v", err)
			return
		}
		if first.D.Token != "Bot test-bot-token" {
			t.Errorf("fake gateway: token %q", first.D.Token)
		}
		g.mu.Lock()
		g.ops = append(g.ops, first.Op)
		n := len(g.ops)
		g.mu.Unlock()
		switch first.Op {
		case 2:
			send(map[string]any{"op": 0, "t": "READY", "s": 1, "d": map[string]any{"v": 9, "session_id": "session-1",
				"user": map[string]any{"id": "42", "username": "gapwatch", "bot": true}, "guilds": []any{}}})
		case 6:
			send(map[string]any{"op": 0, "t": "RESUMED", "s": 2, "d": map[string]any{}})
		default:
			t.Errorf("fake gateway: first op %d, want 2 (identify) or 6 (resume)", first.Op)
			return
		}
		if n <= len(g.interactions) {
			send(map[string]any{"op": 0, "t": "INTERACTION_CREATE", "s": 1 + n, "d": g.interactions[n-1]})
		}
		if n == 1 {
			<-g.dropFirst
			return // drops the connection
		}
		for {
			if _, _, err := conn.ReadMessage(); err != nil {
				return
			}
		}
	}))
	t.Cleanup(g.Close)
	return g
}

func (g *fakeGateway) firstOps() []int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]int(nil), g.ops...)
}

// waitFor polls until cond holds (failing after a generous bound, so a
// broken gateway fails instead of hanging).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for i := 0; i < 1000; i++ {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s", what)
}

func TestGateway(t *testing.T) {
	hs := newHarness(t)
	steel := fmt.Sprint(hs.ids["steel"])
	first := hs.command("show", opt("id", steel))
	second := hs.command("list")
	gw := newFakeGateway(t, first, second)
	hs.fake.mu.Lock()
	hs.fake.gateway = "ws" + strings.TrimPrefix(gw.URL, "http")
	hs.fake.mu.Unlock()

	s := hs.fake.session(t)
	detach := hs.h.AttachGateway(s)
	defer detach()
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	callbacks := func() []recorded {
		var out []recorded
		for _, r := range hs.fake.requests() {
			if strings.HasSuffix(r.Path, "/callback") {
				out = append(out, r)
			}
		}
		return out
	}
	waitFor(t, "the first interaction's response", func() bool { return len(callbacks()) == 1 })
	close(gw.dropFirst)
	waitFor(t, "the response after reconnecting", func() bool { return len(callbacks()) == 2 })

	cbs := callbacks()
	for i, want := range []struct {
		in    map[string]any
		title string
	}{{first, "#" + steel}, {second, "Open gaps"}} {
		path := fmt.Sprintf("/api/v9/interactions/%s/%s/callback", want.in["id"], want.in["token"])
		if cbs[i].Path != path || cbs[i].Body["type"] != float64(4) {
			t.Errorf("callback %d: %s type %v, want %s type 4", i, cbs[i].Path, cbs[i].Body["type"], path)
			continue
		}
		if title, _ := embedOf(t, cbs[i].Body["data"].(map[string]any))["title"].(string); !strings.Contains(title, want.title) {
			t.Errorf("callback %d title %q, want %q", i, title, want.title)
		}
	}
	if ops := fmt.Sprint(gw.firstOps()); ops != "[2 6]" {
		t.Errorf("connections opened with ops %s, want identify then resume", ops)
	}
	checkMessages(t, hs.fake.requests())
}
