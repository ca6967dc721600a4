package slackbot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/store"
)

func TestSignatureChecks(t *testing.T) {
	fx := newFixture(t, nil)
	body := url.Values{"command": {"/gapwatch"}, "text": {"help"}, "user_id": {"U1"}, "channel_id": {"C1"},
		"response_url": {fx.fake.responseURL("sig")}}.Encode()
	now := time.Now()
	replayed := signed(t, fx.srv.URL+PathCommands, body, formType, now.Add(-time.Second), testSecret)
	tests := []struct {
		name   string
		req    func() *http.Request
		status int
		reason string
	}{
		{"valid", func() *http.Request { return signed(t, fx.srv.URL+PathCommands, body, formType, now, testSecret) }, 200, ""},
		{"wrong secret", func() *http.Request {
			return signed(t, fx.srv.URL+PathCommands, body, formType, now, "another-secret")
		}, 401, "bad signature"},
		{"body changed after signing", func() *http.Request {
			r := signed(t, fx.srv.URL+PathCommands, body, formType, now, testSecret)
			r2, _ := http.NewRequest(http.MethodPost, r.URL.String(), strings.NewReader(body+"&text=dismiss+1+x"))
			r2.Header = r.Header
			return r2
		}, 401, "bad signature"},
		{"missing signature", func() *http.Request {
			r := signed(t, fx.srv.URL+PathCommands, body, formType, now, testSecret)
			r.Header.Del("X-Slack-Signature")
			return r
		}, 401, "missing signature headers"},
		{"missing timestamp", func() *http.Request {
			r := signed(t, fx.srv.URL+PathCommands, body, formType, now, testSecret)
			r.Header.Del("X-Slack-Request-Timestamp")
			return r
		}, 401, "missing signature headers"},
		{"stale timestamp", func() *http.Request {
			return signed(t, fx.srv.URL+PathCommands, body, formType, now.Add(-6*time.Minute), testSecret)
		}, 401, "timestamp outside the 5-minute window"},
		{"future timestamp", func() *http.Request {
			return signed(t, fx.srv.URL+PathCommands, body, formType, now.Add(6*time.Minute), testSecret)
		}, 401, "timestamp outside the 5-minute window"},
		{"first of a replay", func() *http.Request { return replayed }, 200, ""},
		{"replay", func() *http.Request {
			r, _ := http.NewRequest(http.MethodPost, replayed.URL.String(), strings.NewReader(body))
			r.Header = replayed.Header.Clone()
			return r
		}, 401, "replayed request"},
		{"too large", func() *http.Request {
			big := body + "&pad=" + strings.Repeat("x", 2<<20)
			return signed(t, fx.srv.URL+PathCommands, big, formType, now.Add(time.Second), testSecret)
		}, 413, "body too large"},
		{"interactions unsigned", func() *http.Request {
			r, _ := http.NewRequest(http.MethodPost, fx.srv.URL+PathInteractions, strings.NewReader("payload={}"))
			return r
		}, 401, "missing signature headers"},
		{"events wrong secret", func() *http.Request {
			return signed(t, fx.srv.URL+PathEvents, `{"type":"url_verification","challenge":"c"}`, "application/json", now, "x")
		}, 401, "bad signature"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.DefaultClient.Do(tc.req())
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			if tc.reason != "" && !strings.Contains(fx.logs.String(), tc.reason) {
				t.Errorf("log does not give the reason %q:\n%s", tc.reason, fx.logs.String())
			}
		})
	}
	if strings.Contains(fx.logs.String(), testSecret) {
		t.Error("the signing secret reached the log")
	}
}

// decodeMsg reads a slash-command answer.
func decodeMsg(t testing.TB, b []byte) slack.Msg {
	t.Helper()
	var m slack.Msg
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("answer is not a message: %v: %s", err, b)
	}
	return m
}

// textOf is every string of a message (blocks included), for assertions.
func textOf(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var j any
	if err := json.Unmarshal(b, &j); err != nil {
		t.Fatal(err)
	}
	return strings.Join(leaves(j), "\n")
}

func TestSlashCommands(t *testing.T) {
	fx := newFixture(t, nil)
	ctx := context.Background()
	id := func(name string) string { return fmt.Sprint(fx.claims[name]) }
	tests := []struct {
		text     string
		deferred bool     // answered through response_url
		public   bool     // in_channel
		want     []string // in the answer's text
		check    func(t *testing.T)
	}{
		{text: "list", want: []string{"Open gaps", "#" + id("hostile"), "#" + id("pending")}},
		{text: "list partial mx", want: []string{"partial", "#" + id("hostile")}},
		{text: "show " + id("hostile"), want: []string{"Commitments", "Other side", "&lt;@U123&gt;"}},
		{text: "search aranceles", deferred: true, want: []string{"aranceles"}},
		{text: "feeds", want: []string{"sre", "state"}},
		{text: "confirm " + id("confirm") + " https://state.example/readout called <!channel> the desk", want: []string{"#" + id("confirm")},
			check: func(t *testing.T) {
				c, err := fx.st.Claim(ctx, fx.claims["confirm"])
				if err != nil {
					t.Fatal(err)
				}
				if c.Resolution == nil || c.Resolution.Kind != store.ResolvedConfirmed || c.Resolution.By != "slack:U1" || c.Resolution.URL != "https://state.example/readout" {
					t.Errorf("resolution = %+v", c.Resolution)
				}
			}},
		{text: "dismiss " + id("dismiss") + " not a claim <@U123>", want: []string{"#" + id("dismiss")},
			check: func(t *testing.T) {
				c, err := fx.st.Claim(ctx, fx.claims["dismiss"])
				if err != nil {
					t.Fatal(err)
				}
				if c.Resolution == nil || c.Resolution.Kind != store.ResolvedDismissed || !strings.Contains(c.Resolution.Reason, "not a claim") {
					t.Errorf("resolution = %+v", c.Resolution)
				}
			}},
		{text: "mute " + id("pending"), want: []string{"#" + id("pending")},
			check: func(t *testing.T) {
				muted, err := fx.st.Muted(ctx, fx.claims["pending"], "slack:C1")
				if err != nil || !muted {
					t.Errorf("muted = %v, %v", muted, err)
				}
			}},
		{text: "subscribe mx partial", want: []string{"mx"},
			check: func(t *testing.T) {
				subs, err := fx.st.Subscriptions(ctx)
				if err != nil || len(subs) != 1 || subs[0].Channel != (store.ChannelKey{Platform: "slack", Target: "C1"}) || subs[0].By != "slack:U1" {
					t.Errorf("subscriptions = %+v, %v", subs, err)
				}
			}},
		{text: "unsubscribe", check: func(t *testing.T) {
			subs, err := fx.st.Subscriptions(ctx)
			if err != nil || len(subs) != 0 {
				t.Errorf("subscriptions = %+v, %v", subs, err)
			}
		}},
		{text: "digest", deferred: true, want: []string{"Week of 2026-11-16", "&lt;!channel&gt;"}},
		{text: "help", want: []string{"gapwatch commands", "confirm ID URL [note]"}},
		{text: "", want: []string{"gapwatch commands"}},
		{text: "frobnicate <!channel>", want: []string{"Unknown command: frobnicate", "confirm ID URL [note]"}},
		{text: "list --public", public: true, want: []string{"Open gaps"}},
		{text: "show 999999", want: []string{"no claim #999999"}},
	}
	for i, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			name := fmt.Sprintf("cmd%d", i)
			status, body := fx.command(t, tc.text, name)
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, body)
			}
			var m slack.Msg
			if tc.deferred {
				if len(body) != 0 {
					t.Fatalf("a deferred command is acknowledged empty, got %s", body)
				}
				fx.h.Wait()
				var found bool
				for _, c := range fx.fake.callsTo("response") {
					if c.Form.Get("name") == name {
						m = decodeMsg(t, c.Body)
						found = true
					}
				}
				if !found {
					t.Fatal("no answer through response_url")
				}
			} else {
				m = decodeMsg(t, body)
			}
			wantType := slack.ResponseTypeEphemeral
			if tc.public {
				wantType = slack.ResponseTypeInChannel
			}
			if m.ResponseType != wantType {
				t.Errorf("response_type %q, want %q", m.ResponseType, wantType)
			}
			all := textOf(t, m)
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("answer lacks %q:\n%s", w, all)
				}
			}
			if len(m.Blocks.BlockSet) == 0 || m.Text == "" {
				t.Errorf("answer without blocks or fallback text")
			}
			// Every answer passes through the hostile check as well.
			for _, bad := range forbidden {
				if strings.Contains(all, bad) {
					t.Errorf("answer carries %q unescaped", bad)
				}
			}
			if tc.check != nil {
				tc.check(t)
			}
		})
	}
}

// slowQueries delays every claim list, to show the 3-second rule.
type slowQueries struct {
	store.Store
	release chan struct{}
}

func (s slowQueries) Claims(ctx context.Context, q store.ClaimQuery) ([]store.Claim, error) {
	<-s.release
	return s.Store.Claims(ctx, q)
}

func TestSlowCommandAnsweredThroughResponseURL(t *testing.T) {
	release := make(chan struct{})
	fx := newFixture(t, nil)
	// A handler whose bot waits for the test before listing.
	b2, err := bot.New(bot.Options{Queries: slowQueries{Store: fx.st, release: release}, Actions: fx.st})
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(Options{Bot: b2, Client: fx.fake.client(), SigningSecret: testSecret, AckWithin: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	m := h.Command(context.Background(), slack.SlashCommand{UserID: "U1", ChannelID: "C1", Text: "list", ResponseURL: fx.fake.responseURL("slow")})
	if m != nil {
		t.Fatalf("a command still running is acknowledged empty, got %+v", m)
	}
	close(release)
	h.Wait()
	calls := fx.fake.callsTo("response")
	if len(calls) != 1 || !strings.Contains(string(calls[0].Body), "Open gaps") {
		t.Fatalf("response_url calls = %d %s", len(calls), calls)
	}
}

func TestButtonsAndModals(t *testing.T) {
	fx := newFixture(t, nil)
	ctx := context.Background()
	user := map[string]any{"id": "U7", "name": "luis"}
	channel := map[string]any{"id": "C1"}
	click := func(action, claim string) map[string]any {
		return map[string]any{"type": "block_actions", "trigger_id": "trig-" + action, "user": user, "channel": channel,
			"response_url": fx.fake.responseURL("click-" + action),
			"actions":      []map[string]any{{"type": "button", "action_id": action, "block_id": "gw_actions", "value": claim}}}
	}
	id := func(name string) string { return fmt.Sprint(fx.claims[name]) }

	t.Run("show evidence", func(t *testing.T) {
		status, body := fx.interact(t, click(ActionShow, id("hostile")))
		if status != 200 || len(body) != 0 {
			t.Fatalf("ack %d %s", status, body)
		}
		fx.h.Wait()
		m := lastResponse(t, fx, "click-"+ActionShow)
		if m.ResponseType != slack.ResponseTypeEphemeral || !strings.Contains(textOf(t, m), "Commitments") {
			t.Errorf("answer %s", textOf(t, m))
		}
		acts, _ := fx.st.Actions(ctx, fx.claims["hostile"])
		if len(acts) == 0 || acts[len(acts)-1].Actor != "slack:U7" || acts[len(acts)-1].Kind != store.ActionShow {
			t.Errorf("actions %+v", acts)
		}
	})
	t.Run("mute", func(t *testing.T) {
		fx.interact(t, click(ActionMute, id("hostile")))
		fx.h.Wait()
		if muted, err := fx.st.Muted(ctx, fx.claims["hostile"], "slack:C1"); err != nil || !muted {
			t.Errorf("muted %v %v", muted, err)
		}
		if m := lastResponse(t, fx, "click-"+ActionMute); m.ResponseType != slack.ResponseTypeEphemeral {
			t.Errorf("mute answer not ephemeral")
		}
	})
	t.Run("mark confirmed", func(t *testing.T) {
		status, _ := fx.interact(t, click(ActionConfirm, id("confirm")))
		if status != 200 {
			t.Fatalf("status %d", status)
		}
		opens := fx.fake.callsTo("views.open")
		if len(opens) != 1 {
			t.Fatalf("views.open calls %d", len(opens))
		}
		trigger, view := openedView(t, opens[0])
		if trigger != "trig-"+ActionConfirm {
			t.Fatalf("trigger %q", trigger)
		}
		if view.CallbackID != ModalConfirm {
			t.Fatalf("modal %q", view.CallbackID)
		}
		submit := func(u, note string) (int, []byte) {
			return fx.interact(t, map[string]any{"type": "view_submission", "user": user,
				"view": map[string]any{"callback_id": view.CallbackID, "private_metadata": view.PrivateMetadata,
					"state": map[string]any{"values": map[string]any{
						inputURL:  map[string]any{inputURL: map[string]any{"type": "url_text_input", "value": u}},
						inputNote: map[string]any{inputNote: map[string]any{"type": "plain_text_input", "value": note}},
					}}}})
		}
		status, body := submit("javascript:alert(1)", "x")
		if status != 200 || !strings.Contains(string(body), `"response_action":"errors"`) || !strings.Contains(string(body), inputURL) {
			t.Fatalf("a bad URL keeps the modal open with an error: %d %s", status, body)
		}
		status, body = submit("https://state.example/call", "Called the press office <@U123>")
		if status != 200 || len(body) != 0 {
			t.Fatalf("submission ack %d %s", status, body)
		}
		fx.h.Wait()
		c, err := fx.st.Claim(ctx, fx.claims["confirm"])
		if err != nil {
			t.Fatal(err)
		}
		if r := c.Resolution; r == nil || r.Kind != store.ResolvedConfirmed || r.By != "slack:U7" || r.URL != "https://state.example/call" || !strings.Contains(r.Note, "press office") {
			t.Fatalf("resolution %+v", c.Resolution)
		}
		if m := lastResponse(t, fx, "click-"+ActionConfirm); m.ResponseType != slack.ResponseTypeEphemeral {
			t.Errorf("confirmation answer not ephemeral")
		}
	})
	t.Run("dismiss", func(t *testing.T) {
		fx.interact(t, click(ActionDismiss, id("dismiss")))
		opens := fx.fake.callsTo("views.open")
		_, view := openedView(t, opens[len(opens)-1])
		if view.CallbackID != ModalDismiss {
			t.Fatalf("modal %q", view.CallbackID)
		}
		submit := func(reason string) (int, []byte) {
			return fx.interact(t, map[string]any{"type": "view_submission", "user": user,
				"view": map[string]any{"callback_id": view.CallbackID, "private_metadata": view.PrivateMetadata,
					"state": map[string]any{"values": map[string]any{
						inputReason: map[string]any{inputReason: map[string]any{"type": "plain_text_input", "value": reason}},
					}}}})
		}
		if _, body := submit("   "); !strings.Contains(string(body), `"response_action":"errors"`) {
			t.Fatalf("an empty reason keeps the modal open: %s", body)
		}
		submit("A travel schedule, not a claim")
		fx.h.Wait()
		c, err := fx.st.Claim(ctx, fx.claims["dismiss"])
		if err != nil {
			t.Fatal(err)
		}
		if r := c.Resolution; r == nil || r.Kind != store.ResolvedDismissed || r.By != "slack:U7" || r.Reason != "A travel schedule, not a claim" {
			t.Fatalf("resolution %+v", c.Resolution)
		}
	})
	t.Run("modal that cannot open", func(t *testing.T) {
		fx.fake.failNext("views.open", failure{code: "expired_trigger_id"})
		fx.interact(t, click(ActionConfirm, id("pending")))
		fx.h.Wait()
		if m := lastResponse(t, fx, "click-"+ActionConfirm); !strings.Contains(textOf(t, m), "could not be opened") {
			t.Errorf("the user is not told: %s", textOf(t, m))
		}
	})
}

// openedView reads a views.open call.
func openedView(t testing.TB, c call) (string, slack.ModalViewRequest) {
	t.Helper()
	var req struct {
		TriggerID string                 `json:"trigger_id"`
		View      slack.ModalViewRequest `json:"view"`
	}
	if err := json.Unmarshal(c.Body, &req); err != nil {
		t.Fatalf("views.open body: %v", err)
	}
	return req.TriggerID, req.View
}

// lastResponse is the last message posted to a response_url.
func lastResponse(t testing.TB, fx *fixture, name string) slack.Msg {
	t.Helper()
	var last *call
	for _, c := range fx.fake.callsTo("response") {
		if c.Form.Get("name") == name {
			c := c
			last = &c
		}
	}
	if last == nil {
		t.Fatalf("nothing posted to response_url %s", name)
	}
	return decodeMsg(t, last.Body)
}

func mentionEvent(id, text, ts string) string {
	b, _ := json.Marshal(map[string]any{"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": id, "event_time": 1,
		"event": map[string]any{"type": "app_mention", "user": "U9", "text": text, "ts": ts, "channel": "C2", "event_ts": ts}})
	return string(b)
}

func TestEvents(t *testing.T) {
	fx := newFixture(t, nil)
	t.Run("url verification", func(t *testing.T) {
		status, body := fx.post(t, PathEvents, `{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`, "application/json")
		if status != 200 || string(body) != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
			t.Fatalf("%d %s", status, body)
		}
	})
	t.Run("mention with a command", func(t *testing.T) {
		status, _ := fx.post(t, PathEvents, mentionEvent("Ev1", "<@UBOT> list partial", "1700000001.000100"), "application/json")
		if status != 200 {
			t.Fatal(status)
		}
		fx.h.Wait()
		calls := fx.fake.callsTo("chat.postEphemeral")
		if len(calls) != 1 {
			t.Fatalf("%d ephemeral answers", len(calls))
		}
		c := calls[0]
		if c.Form.Get("user") != "U9" || c.Form.Get("channel") != "C2" || c.Form.Get("thread_ts") != "1700000001.000100" {
			t.Errorf("answer to %v", c.Form)
		}
		if !strings.Contains(c.Form.Get("blocks"), "Open gaps") {
			t.Errorf("answer %s", c.Form.Get("blocks"))
		}
	})
	t.Run("retried event answered once", func(t *testing.T) {
		fx.post(t, PathEvents, mentionEvent("Ev1", "<@UBOT> list partial", "1700000001.000100"), "application/json")
		fx.h.Wait()
		if n := len(fx.fake.callsTo("chat.postEphemeral")); n != 1 {
			t.Fatalf("%d answers", n)
		}
	})
	t.Run("question answered with help", func(t *testing.T) {
		fx.post(t, PathEvents, mentionEvent("Ev2", "<@UBOT> what's unconfirmed this week? <!channel>", "1700000002.000100"), "application/json")
		fx.h.Wait()
		calls := fx.fake.callsTo("chat.postEphemeral")
		if len(calls) != 2 || !strings.Contains(calls[1].Form.Get("blocks"), "gapwatch commands") {
			t.Fatalf("help not given: %d", len(calls))
		}
	})
	t.Run("public mention", func(t *testing.T) {
		fx.post(t, PathEvents, mentionEvent("Ev3", "<@UBOT> feeds --public", "1700000003.000100"), "application/json")
		fx.h.Wait()
		calls := fx.fake.callsTo("chat.postMessage")
		if len(calls) != 1 || calls[0].Form.Get("thread_ts") != "1700000003.000100" || !strings.Contains(calls[0].Form.Get("blocks"), "Feeds") {
			t.Fatalf("public answer %+v", calls)
		}
	})
}

func TestCommandsAfterShutdown(t *testing.T) {
	fx := newFixture(t, nil)
	if err := fx.h.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"list", "search aranceles"} {
		status, body := fx.command(t, text, "late")
		if status != http.StatusOK || !strings.Contains(textOf(t, decodeMsg(t, body)), "restarting") {
			t.Errorf("%s after shutdown: %d %s", text, status, body)
		}
	}
}

func TestPlainCommand(t *testing.T) {
	tests := []struct{ in, want string }{
		{"confirm 3 <https://state.gov/x|state.gov/x> called them", "confirm 3 https://state.gov/x called them"},
		{"confirm 3 <https://state.gov/x>", "confirm 3 https://state.gov/x"},
		{"dismiss 4 asked <@U123|ana> in <#C42|desk>", "dismiss 4 asked @ana in #desk"},
		{"dismiss 4 ping <@U123> <!here> <!subteam^S1|@editors>", "dismiss 4 ping @U123 @here @editors"},
		{"dismiss 4 a &lt; b &amp;&amp; c &gt; d", "dismiss 4 a < b && c > d"},
		{"list partial", "list partial"},
	}
	for _, tc := range tests {
		if got := PlainCommand(tc.in); got != tc.want {
			t.Errorf("PlainCommand(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMarkupInCommandsAndMentions(t *testing.T) {
	fx := newFixture(t, nil)
	ctx := context.Background()
	// Slack sends links as <url|label> (with escaping on) and &, <, > as entities.
	status, body := fx.command(t, fmt.Sprintf("confirm %d <https://state.example/r|state.example/r> asked <@U123|ana> &lt;!channel&gt;", fx.claims["confirm"]), "m1")
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	c, err := fx.st.Claim(ctx, fx.claims["confirm"])
	if err != nil {
		t.Fatal(err)
	}
	if r := c.Resolution; r == nil || r.URL != "https://state.example/r" || r.Note != "asked @ana <!channel>" {
		t.Fatalf("resolution %+v", c.Resolution)
	}
	if all := textOf(t, decodeMsg(t, body)); strings.Contains(all, "<!channel>") {
		t.Errorf("the note came back unescaped: %s", all)
	}
	fx.post(t, PathEvents, mentionEvent("EvM", fmt.Sprintf("<@UBOT> dismiss %d <https://evil.example|not a claim>", fx.claims["dismiss"]), "1700000005.000100"), "application/json")
	fx.h.Wait()
	c, err = fx.st.Claim(ctx, fx.claims["dismiss"])
	if err != nil {
		t.Fatal(err)
	}
	if r := c.Resolution; r == nil || r.Kind != store.ResolvedDismissed || r.Reason != "https://evil.example" {
		t.Fatalf("resolution %+v", c.Resolution)
	}
}
