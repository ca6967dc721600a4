package slackbot

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"

	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

const (
	testToken    = "xoxb-test-token-0123456789"
	testAppToken = "xapp-test-app-token-0123456789"
	testSecret   = "8f742231b10e8888abcd99yyyzzz85a5"
)

// Hostile strings put in every feed title, commitment sentence and user
// argument of the tests: none may reach the fake API unescaped.
const (
	hostileTitle = "Acuerdo <!channel> <!here> <!everyone> <@U123> <#C999|general> @everyone @here <https://evil.example|click> sobre aranceles"
	hostileQuote = "Both agreed <@U123> to <https://evil.example|cut> tariffs <!subteam^S1> @channel"
)

// forbidden are the markups a hostile string could form if unescaped.
var forbidden = []string{"<!channel>", "<!here>", "<!everyone>", "<@U123>", "<#C999", "<https://evil", "<!subteam", "@everyone", "@here", "@channel"}

// call is one request the fake Slack received.
type call struct {
	Method string
	Form   url.Values
	Body   []byte
}

// failure is a queued error answer for a method.
type failure struct {
	status     int
	retryAfter string
	code       string
}

// fakeSlack is a loopback Slack: the Web API methods gapwatch uses,
// response_url endpoints, the file upload target and a Socket Mode
// websocket. It records every request and checks the token.
type fakeSlack struct {
	t   testing.TB
	srv *httptest.Server

	mu     sync.Mutex
	calls  []call
	fail   map[string][]failure
	ts     int
	notify chan string
	opens  int
	socket func(conn *websocket.Conn, n int)
}

func newFakeSlack(t testing.TB) *fakeSlack {
	f := &fakeSlack{t: t, fail: map[string][]failure{}, notify: make(chan string, 1024)}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	t.Cleanup(func() {
		if !t.Failed() {
			f.assertClean(t)
		}
	})
	return f
}

// apiURL is the Web API base (SLACK_API_URL).
func (f *fakeSlack) apiURL() string { return f.srv.URL + "/api/" }

// responseURL is a response_url on the fake.
func (f *fakeSlack) responseURL(name string) string { return f.srv.URL + "/response/" + name }

func (f *fakeSlack) client() *slack.Client {
	return slack.New(testToken, slack.OptionAPIURL(f.apiURL()))
}

// failNext queues failures for method's next calls.
func (f *fakeSlack) failNext(method string, fs ...failure) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail[method] = append(f.fail[method], fs...)
}

func (f *fakeSlack) record(c call) {
	f.mu.Lock()
	f.calls = append(f.calls, c)
	f.mu.Unlock()
	select {
	case f.notify <- c.Method:
	default:
	}
}

// callsTo returns the recorded calls of a method.
func (f *fakeSlack) callsTo(method string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeSlack) writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fakeSlack) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/ws":
		f.serveSocket(w, r)
		return
	case strings.HasPrefix(r.URL.Path, "/response/"):
		body, _ := io.ReadAll(r.Body)
		f.record(call{Method: "response", Body: body, Form: url.Values{"name": {strings.TrimPrefix(r.URL.Path, "/response/")}}})
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"ok":true}`)
		return
	case strings.HasPrefix(r.URL.Path, "/api/upload/"):
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			http.Error(w, "bad upload", http.StatusBadRequest)
			return
		}
		file, _, err := r.FormFile("file")
		if err != nil {
			http.Error(w, "no file", http.StatusBadRequest)
			return
		}
		data, _ := io.ReadAll(file)
		f.record(call{Method: "upload", Body: data})
		_, _ = io.WriteString(w, "OK")
		return
	case !strings.HasPrefix(r.URL.Path, "/api/"):
		http.NotFound(w, r)
		return
	}
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	c := call{Method: method}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if ct == "application/json" {
		c.Body, _ = io.ReadAll(r.Body)
	} else {
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		c.Form = r.PostForm
		if t := r.PostForm.Get("token"); t != "" {
			token = t
		}
	}
	want := testToken
	if method == "apps.connections.open" {
		want = testAppToken
	}
	if token != want {
		f.writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	f.mu.Lock()
	var fl *failure
	if q := f.fail[method]; len(q) > 0 {
		fl = &q[0]
		f.fail[method] = q[1:]
	}
	f.ts++
	ts := fmt.Sprintf("1700000000.%06d", f.ts)
	f.mu.Unlock()
	f.record(c)
	if fl != nil {
		if fl.retryAfter != "" {
			w.Header().Set("Retry-After", fl.retryAfter)
		}
		if fl.status != 0 {
			w.WriteHeader(fl.status)
			return
		}
		f.writeJSON(w, map[string]any{"ok": false, "error": fl.code})
		return
	}
	switch method {
	case "chat.postMessage", "chat.update":
		ch := c.Form.Get("channel")
		if method == "chat.update" {
			ts = c.Form.Get("ts")
		}
		f.writeJSON(w, map[string]any{"ok": true, "channel": ch, "ts": ts})
	case "chat.postEphemeral":
		f.writeJSON(w, map[string]any{"ok": true, "message_ts": ts})
	case "views.open":
		f.writeJSON(w, map[string]any{"ok": true, "view": map[string]any{"id": "V1"}})
	case "files.getUploadURLExternal":
		f.writeJSON(w, map[string]any{"ok": true, "upload_url": f.srv.URL + "/api/upload/F1", "file_id": "F1"})
	case "files.completeUploadExternal":
		f.writeJSON(w, map[string]any{"ok": true, "files": []map[string]any{{"id": "F1", "title": "chart"}}})
	case "apps.connections.open":
		f.mu.Lock()
		f.opens++
		f.mu.Unlock()
		f.writeJSON(w, map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws"})
	default:
		f.writeJSON(w, map[string]any{"ok": false, "error": "unknown_method"})
	}
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func (f *fakeSlack) serveSocket(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	f.mu.Lock()
	n := f.opens
	fn := f.socket
	f.mu.Unlock()
	if fn != nil {
		fn(conn, n)
	}
}

// texts returns every string the fake received: form values (JSON ones
// decoded) and JSON bodies, decoded to their string leaves.
func (f *fakeSlack) texts() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		for k, vs := range c.Form {
			for _, v := range vs {
				if k == "token" {
					continue
				}
				out = append(out, v)
				var j any
				if json.Unmarshal([]byte(v), &j) == nil {
					out = append(out, leaves(j)...)
				}
			}
		}
		if len(c.Body) > 0 {
			var j any
			if json.Unmarshal(c.Body, &j) == nil {
				out = append(out, leaves(j)...)
			} else {
				out = append(out, string(c.Body))
			}
		}
	}
	return out
}

func leaves(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, leaves(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range x {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return nil
}

// assertClean fails when any hostile markup reached the fake unescaped.
func (f *fakeSlack) assertClean(t testing.TB) {
	t.Helper()
	for _, s := range f.texts() {
		for _, bad := range forbidden {
			if strings.Contains(s, bad) {
				t.Errorf("%q reached Slack unescaped in %.300q", bad, s)
			}
		}
	}
}

// sign returns the X-Slack-Signature of body at ts.
func sign(secret string, ts int64, body string) string {
	m := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(m, "v0:%d:%s", ts, body)
	return "v0=" + hex.EncodeToString(m.Sum(nil))
}

// signed builds a signed request as Slack sends it.
func signed(t testing.TB, target, body, contentType string, at time.Time, secret string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	ts := at.Unix()
	req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("X-Slack-Signature", sign(secret, ts, body))
	return req
}

const formType = "application/x-www-form-urlencoded"

// fixture is a store with claims, a bot over it and a handler wired to the
// fake Slack, served on a loopback listener.
type fixture struct {
	fake   *fakeSlack
	st     store.Store
	bot    *bot.Bot
	h      *Handler
	srv    *httptest.Server
	logs   *syncBuffer
	claims map[string]int64
}

// syncBuffer is a log sink safe for the handler's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var fixedNow = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

func testItem(feed, side, lang, guid, title string, at time.Time) match.Item {
	return match.Item{Feed: feed, Side: side, GUID: guid, Title: title, Language: lang,
		Link: "https://" + feed + ".example/" + guid, Published: at, FirstSeen: at,
		Summary: title + ". " + hostileQuote}
}

// seedStore stores two feeds with items and the claims named in the
// returned map: "hostile" (partial, hostile title and quotes), "pending",
// "confirm" and "dismiss" (open claims for the actions).
func seedStore(t testing.TB, st store.Store) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	at := fixedNow.Add(-48 * time.Hour)
	sre := []match.Item{
		testItem("sre", "mx", "es", "sre-1", hostileTitle, at),
		testItem("sre", "mx", "es", "sre-2", "México y Estados Unidos acordaron reducir los aranceles al acero", at.Add(time.Hour)),
		testItem("sre", "mx", "es", "sre-3", "Acuerdan cooperación en seguridad fronteriza", at.Add(2*time.Hour)),
		testItem("sre", "mx", "es", "sre-4", "Se comprometen a revisar el tratado de aguas", at.Add(3*time.Hour)),
	}
	state := []match.Item{testItem("state", "us", "en", "state-1", "Readout: steel tariffs with Mexico "+hostileTitle, at.Add(30*time.Minute))}
	for _, fd := range []struct {
		feed  store.Feed
		items []match.Item
	}{{store.Feed{Name: "sre", Side: "mx", URL: "https://sre.example/rss", Kind: "rss"}, sre},
		{store.Feed{Name: "state", Side: "us", URL: "https://state.example/rss", Kind: "rss"}, state}} {
		if err := st.EnsureFeed(ctx, fd.feed); err != nil {
			t.Fatal(err)
		}
		if _, err := st.RecordPoll(ctx, store.Poll{Feed: fd.feed.Name, Started: at, Finished: at, OK: true}, fd.items); err != nil {
			t.Fatal(err)
		}
	}
	stored, err := st.Items(ctx, store.ItemQuery{Feed: "sre"})
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"hostile", "pending", "confirm", "dismiss"}
	statuses := []match.Status{match.Partial, match.Pending, match.Unconfirmed, match.Pending}
	out := map[string]int64{}
	for i, it := range stored {
		res, err := st.SaveDecision(ctx, store.ClaimUpdate{Item: it, Decision: testDecision(it, state[0], statuses[i]), Event: "new_claim", At: it.Published})
		if err != nil {
			t.Fatal(err)
		}
		out[names[i]] = res.Claim.ID
	}
	return out
}

func testDecision(it, other match.Item, status match.Status) match.Decision {
	ref := match.RefOf(other)
	return match.Decision{
		Feed: it.Feed, GUID: it.GUID, Title: it.Title, Side: it.Side, Published: it.Published,
		Status: status, Deadline: it.Published.Add(72 * time.Hour),
		Considered: []match.CandidateScore{{Ref: ref, Title: other.Title, Published: other.Published, SameEvent: true, Concepts: []string{"tariffs"}}},
		Explanation: match.Explanation{
			Status: status, ClaimFeed: it.Feed, ClaimTitle: it.Title, ClaimLink: it.Link, Published: it.Published,
			Units: []match.ExplainedUnit{
				{Action: match.CueAgree, Quote: hostileQuote, Objects: []string{"tariffs"}, Outcome: match.Stated, Evidence: "state"},
				{Action: match.CueCommit, Quote: "They will review <!channel> steel quotas", Objects: []string{"steel"}, Outcome: match.Absent, Missing: []string{"steel"}},
			},
			SameEvent:  []match.CandidateScore{{Ref: ref, Title: other.Title, SameEvent: true, Concepts: []string{"tariffs"}}},
			WindowFrom: it.Published, WindowTo: it.Published.Add(72 * time.Hour),
		},
	}
}

// newFixture builds the fixture; opts adjust the handler options.
func newFixture(t testing.TB, adjust func(*Options)) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "gapwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fx := &fixture{fake: newFakeSlack(t), st: st, logs: &syncBuffer{}}
	fx.claims = seedStore(t, st)
	b, err := bot.New(bot.Options{Queries: st, Actions: st, Now: func() time.Time { return fixedNow },
		Digester: bot.DigesterFunc(func(ctx context.Context, now time.Time) (bot.DigestPreview, error) {
			return bot.DigestPreview{Title: "Week of 2026-11-16: 1 gap " + hostileTitle, Text: "One partial claim: " + hostileTitle}, nil
		})})
	if err != nil {
		t.Fatal(err)
	}
	fx.bot = b
	opts := Options{Bot: b, Client: fx.fake.client(), SigningSecret: testSecret,
		Logger: slog.New(slog.NewTextHandler(fx.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	if adjust != nil {
		adjust(&opts)
	}
	h, err := NewHandler(opts)
	if err != nil {
		t.Fatal(err)
	}
	fx.h = h
	mux := http.NewServeMux()
	h.Register(mux)
	fx.srv = httptest.NewServer(mux)
	t.Cleanup(fx.srv.Close)
	t.Cleanup(func() {
		_ = h.Shutdown(context.Background())
		if strings.Contains(fx.logs.String(), testSecret) || strings.Contains(fx.logs.String(), testToken) {
			t.Errorf("a secret reached the logs:\n%s", fx.logs.String())
		}
	})
	return fx
}

// post sends a signed request to the handler and returns the status and body.
func (fx *fixture) post(t testing.TB, path, body, contentType string) (int, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(signed(t, fx.srv.URL+path, body, contentType, time.Now(), testSecret))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// command posts a slash command as Slack does.
func (fx *fixture) command(t testing.TB, text, responseName string) (int, []byte) {
	form := url.Values{"command": {"/gapwatch"}, "text": {text}, "user_id": {"U1"}, "user_name": {"ana"},
		"channel_id": {"C1"}, "team_id": {"T1"}, "response_url": {fx.fake.responseURL(responseName)}, "trigger_id": {"tr1"}}
	return fx.post(t, PathCommands, form.Encode(), formType)
}

// interact posts an interaction payload as Slack does.
func (fx *fixture) interact(t testing.TB, payload any) (int, []byte) {
	b, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	return fx.post(t, PathInteractions, url.Values{"payload": {string(b)}}.Encode(), formType)
}
