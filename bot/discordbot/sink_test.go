package discordbot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// sinkHarness is a sink posting to a fake Discord, over a fixture.
type sinkHarness struct {
	*fixture
	fake *fakeDiscord
	sink *Sink
}

func newSinkHarness(t *testing.T) *sinkHarness {
	t.Helper()
	fx := newFixture(t, 0)
	fake := newFakeDiscord(t)
	sink, err := NewSink(SinkOptions{Session: fake.session(t), Username: "gapwatch"})
	if err != nil {
		t.Fatal(err)
	}
	return &sinkHarness{fixture: fx, fake: fake, sink: sink}
}

// message is the alert of event about the named fixture claim to target.
func (sh *sinkHarness) message(t *testing.T, name, event, target, threadRef string) alert.Message {
	t.Helper()
	cl, err := sh.st.Claim(context.Background(), sh.ids[name])
	if err != nil {
		t.Fatal(err)
	}
	return alert.Message{OutboxID: 1, Key: "k", Channel: alert.Channel{Name: "newsroom", Platform: "discord", Target: target},
		Event: event, Claim: &cl, Text: "NEW CLAIM — sre says: “" + cl.Item.Title + "”\nWatching us until 2026-11-23.",
		Language: "en", ThreadRef: threadRef, EvidenceURL: fmt.Sprintf("https://gapwatch.example/claims/%d", cl.ID), At: now}
}

func TestSinkFirstMessageIsAnEmbedWithButtons(t *testing.T) {
	sh := newSinkHarness(t)
	rec, err := sh.sink.Send(context.Background(), sh.message(t, "hostile", alert.EventNewClaim, "123456", ""))
	if err != nil {
		t.Fatal(err)
	}
	reqs := sh.fake.requests()
	if len(reqs) != 1 || reqs[0].Method != http.MethodPost || reqs[0].Path != "/api/v9/channels/123456/messages" {
		t.Fatalf("requests %+v", reqs)
	}
	if rec.Ref == "" {
		t.Fatal("no receipt")
	}
	if reqs[0].Auth != "Bot test-bot-token" {
		t.Errorf("authorization %q", reqs[0].Auth)
	}
	checkMessages(t, reqs)
	e := embedOf(t, reqs[0].Body)
	if c, _ := e["color"].(float64); int(c) != colourUnconfirmed {
		t.Errorf("colour %v, want the unconfirmed colour", e["color"])
	}
	if e["url"] != "https://sre.example/comunicados/hostile" {
		t.Errorf("embed url %v", e["url"])
	}
	var names []string
	all := ""
	for _, f := range e["fields"].([]any) {
		f := f.(map[string]any)
		names = append(names, f["name"].(string))
		all += f["value"].(string) + "\n"
	}
	if strings.Join(names, ",") != "Claim,Status,Deadline,Evidence,Evidence page" {
		t.Errorf("fields %v", names)
	}
	for _, want := range []string{"(https://sre.example/comunicados/hostile)", "(https://state.example/readout-1)", fmt.Sprintf("(https://gapwatch.example/claims/%d)", sh.ids["hostile"]), `2026\-11\-23`} {
		if !strings.Contains(all, want) {
			t.Errorf("fields lack %q:\n%s", want, all)
		}
	}
	var buttons []string
	for _, row := range reqs[0].Body["components"].([]any) {
		for _, c := range row.(map[string]any)["components"].([]any) {
			c := c.(map[string]any)
			id, _ := c["custom_id"].(string)
			if id == "" {
				id, _ = c["url"].(string)
			}
			buttons = append(buttons, c["label"].(string)+"="+id)
		}
	}
	id := sh.ids["hostile"]
	want := fmt.Sprintf("Show evidence=gapwatch:show:%d,Mark confirmed=gapwatch:confirm:%d,Dismiss=gapwatch:dismiss:%d,Mute=gapwatch:mute:%d,Evidence page=https://gapwatch.example/claims/%d", id, id, id, id, id)
	if strings.Join(buttons, ",") != want {
		t.Errorf("buttons %v\nwant %s", buttons, want)
	}
}

func TestSinkThreadsLaterEvents(t *testing.T) {
	tests := []struct {
		name string
		// thread is the fake's answer to starting a thread (nil: created).
		thread *reply
		// wantPath is where the later events go.
		wantPath string
		reply    bool
	}{
		{"thread created", nil, "/api/v9/channels/777000/messages", false},
		{"thread already exists", &reply{status: 400, body: `{"code": 160004, "message": "A thread has already been created for this message"}`}, "/api/v9/channels/777000/messages", false},
		{"no threads in this channel", &reply{status: 400, body: `{"code": 50024, "message": "Cannot execute action on this channel type"}`}, "/api/v9/channels/123456/messages", true},
		{"no thread permission", &reply{status: 403, body: `{"code": 50013, "message": "Missing Permissions"}`}, "/api/v9/channels/123456/messages", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh := newSinkHarness(t)
			if tt.thread != nil {
				sh.fake.queue("/messages/777000/threads", *tt.thread)
			}
			ctx := context.Background()
			for _, ev := range []string{alert.EventFinal, alert.EventConfirmedLate} {
				if _, err := sh.sink.Send(ctx, sh.message(t, "steel", ev, "123456", "777000")); err != nil {
					t.Fatalf("%s: %v", ev, err)
				}
			}
			reqs := sh.fake.requests()
			checkMessages(t, reqs)
			if len(reqs) != 3 {
				t.Fatalf("%d requests, want a thread start and two messages: %+v", len(reqs), reqs)
			}
			if reqs[0].Path != "/api/v9/channels/123456/messages/777000/threads" {
				t.Errorf("first request %s %s, want the thread start", reqs[0].Method, reqs[0].Path)
			}
			if name, _ := reqs[0].Body["name"].(string); !strings.HasPrefix(name, fmt.Sprintf("#%d · sre · ", sh.ids["steel"])) || runes(name) > 100 {
				t.Errorf("thread name %q", name)
			}
			for _, r := range reqs[1:] {
				if r.Path != tt.wantPath {
					t.Errorf("later event posted to %s, want %s", r.Path, tt.wantPath)
				}
				ref, _ := r.Body["message_reference"].(map[string]any)
				if tt.reply != (ref != nil && ref["message_id"] == "777000") {
					t.Errorf("message_reference %v, reply wanted: %v", ref, tt.reply)
				}
			}
		})
	}
}

func TestSinkErrors(t *testing.T) {
	tests := []struct {
		name      string
		answer    reply
		permanent bool
		retry     time.Duration
	}{
		{"rate limited", reply{status: 429, body: `{"message": "You are being rate limited.", "retry_after": 1.5, "global": false}`,
			header: map[string]string{"X-RateLimit-Bucket": "abc", "Retry-After": "2"}}, false, 1500 * time.Millisecond},
		{"unauthorized", reply{status: 401, body: `{"code": 0, "message": "401: Unauthorized"}`}, true, 0},
		{"forbidden", reply{status: 403, body: `{"code": 50001, "message": "Missing Access"}`}, true, 0},
		{"unknown channel", reply{status: 404, body: `{"code": 10003, "message": "Unknown Channel"}`}, true, 0},
		{"server error", reply{status: 500, body: `{"message": "oops"}`}, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh := newSinkHarness(t)
			sh.fake.queue("/channels/123456/messages", tt.answer)
			m := sh.message(t, "steel", alert.EventNewClaim, "123456", "")
			_, err := sh.sink.Send(context.Background(), m)
			if err == nil {
				t.Fatal("no error")
			}
			if alert.IsPermanent(err) != tt.permanent {
				t.Errorf("permanent = %v for %v", alert.IsPermanent(err), err)
			}
			var ra *alert.RetryAfterError
			if got := errors.As(err, &ra); got != (tt.retry > 0) || (got && ra.After != tt.retry) {
				t.Errorf("retry after: %v (%v), want %v", got, err, tt.retry)
			}
			if strings.Contains(err.Error(), "test-bot-token") || strings.Contains(err.Error(), sh.fake.URL) {
				t.Errorf("error leaks the token or the URL: %v", err)
			}
			// Sent again (after the wait the sender honours), it is delivered.
			rec, err := sh.sink.Send(context.Background(), m)
			if err != nil || rec.Ref == "" {
				t.Fatalf("second attempt: %v %+v", err, rec)
			}
			if n := checkMessages(t, sh.fake.requests()); n != 2 {
				t.Errorf("%d messages sent, want 2 (the refused one and the delivered one)", n)
			}
		})
	}
}

// TestSinkRateLimitThroughSender runs a 429 through the alert sender: the
// message waits as long as Discord asked, is not counted as an attempt,
// and is delivered once.
func TestSinkRateLimitThroughSender(t *testing.T) {
	sh := newSinkHarness(t)
	ctx := context.Background()
	sh.fake.queue("/channels/123456/messages", reply{status: 429, body: `{"message": "rate limited", "retry_after": 2.25}`})
	if _, err := sh.st.Enqueue(ctx, []store.OutboxMessage{{Key: "claim:x", Channel: "newsroom", Platform: "discord", Target: "123456",
		Event: alert.EventNewClaim, ClaimID: sh.ids["steel"], Payload: []byte(`{"text": "NEW CLAIM", "language": "en"}`)}}); err != nil {
		t.Fatal(err)
	}
	clock := time.Now().Add(time.Second)
	var waited []time.Duration
	sender := alert.NewSender(sh.st, alert.SenderOptions{
		Platforms: map[string]alert.Sink{"discord": sh.sink},
		Now:       func() time.Time { return clock },
		Sleep: func(ctx context.Context, d time.Duration) error {
			waited = append(waited, d)
			clock = clock.Add(d)
			return nil
		},
	})
	for i := 0; i < 3; i++ {
		if err := sender.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(3 * time.Second)
	}
	rows, err := sh.st.Outbox(ctx, store.OutboxQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].State != store.OutboxSent || rows[0].Attempts != 0 {
		t.Fatalf("outbox %+v, want one sent message with no failed attempt", rows)
	}
	if fmt.Sprint(waited) != "[2.25s]" {
		t.Errorf("sender waited %v, want Discord's retry_after of 2.25s", waited)
	}
	if n := checkMessages(t, sh.fake.requests()); n != 2 {
		t.Errorf("%d posts, want the limited one and the delivered one", n)
	}
}

func TestSinkWebhookTarget(t *testing.T) {
	sh := newSinkHarness(t)
	target := "https://discord.com/api/webhooks/123456789/secret-webhook-token"
	m := sh.message(t, "hostile", alert.EventNewClaim, target, "")
	m.Attachments = []alert.Attachment{{Name: "chart.png", ContentType: "image/png", Data: []byte("png")}}
	rec, err := sh.sink.Send(context.Background(), m)
	if err != nil || rec.Ref == "" {
		t.Fatalf("%v %+v", err, rec)
	}
	reqs := sh.fake.requests()
	if len(reqs) != 1 || reqs[0].Path != "/api/v9/webhooks/123456789/secret-webhook-token" {
		t.Fatalf("requests %+v", reqs)
	}
	if fmt.Sprint(reqs[0].Files) != "[chart.png]" {
		t.Errorf("files %v", reqs[0].Files)
	}
	if c, _ := reqs[0].Body["components"].([]any); len(c) != 0 {
		t.Errorf("a webhook message carries components: %v", c)
	}
	checkMessages(t, reqs)

	sh.fake.queue("/webhooks/123456789/secret-webhook-token", reply{status: 404, body: `{"code": 10015, "message": "Unknown Webhook"}`})
	_, err = sh.sink.Send(context.Background(), m)
	if !alert.IsPermanent(err) || strings.Contains(err.Error(), "secret-webhook-token") {
		t.Errorf("unknown webhook: %v (permanent %v)", err, alert.IsPermanent(err))
	}
	for _, bad := range []string{"https://evil.example/api/webhooks/1/x", "https://discord.com/api/channels/1", "not a target"} {
		m.Channel.Target = bad
		if _, err := sh.sink.Send(context.Background(), m); !alert.IsPermanent(err) || strings.Contains(err.Error(), bad) {
			t.Errorf("target %q: %v", bad, err)
		}
	}
}

func TestSinkFeedAlert(t *testing.T) {
	sh := newSinkHarness(t)
	m := alert.Message{Channel: alert.Channel{Platform: "discord", Target: "123456"}, Event: alert.EventFeedDown, Language: "es",
		Text: "FUENTE CAÍDA — state", Feed: &alert.FeedHealth{Feed: store.FeedState{Feed: store.Feed{Name: "state", Side: "us"}},
			Down: true, Since: now.Add(-4 * time.Hour), Reason: "failing for 4h: status 503 <@123>"}, At: now}
	if _, err := sh.sink.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	reqs := sh.fake.requests()
	checkMessages(t, reqs)
	e := embedOf(t, reqs[0].Body)
	if e["title"] != "Fuente caída · state \\(us\\)" || int(e["color"].(float64)) != colourError {
		t.Errorf("title %v colour %v", e["title"], e["color"])
	}
	if c, _ := reqs[0].Body["components"].([]any); len(c) != 0 {
		t.Errorf("a feed alert has buttons: %v", c)
	}
}

func TestAlertEmbedLimits(t *testing.T) {
	long := strings.Repeat("Acuerdo [x](https://evil) @everyone ", 400)
	cl := store.Claim{ID: 42, Item: match.Item{Feed: "sre", Side: "mx", Title: long, Link: "https://sre.example/c", Published: now},
		Decision: match.Decision{Status: match.Partial, Deadline: now.Add(72 * time.Hour)}}
	for i := 0; i < 60; i++ {
		cl.Evidence = append(cl.Evidence, match.Item{Feed: "state", Title: long[:300], Link: fmt.Sprintf("https://state.example/%d", i), Published: now})
	}
	cl.Resolution = &store.Resolution{Kind: store.ResolvedConfirmed, Note: long, URL: "https://x.example", By: "discord:1"}
	m := alert.Message{Event: alert.EventResolved, Claim: &cl, Text: long + long, EvidenceURL: "https://gapwatch.example/claims/42", Language: "en"}
	msg := AlertMessage(m, true)
	e := msg.Embeds[0]
	if runes(e.Title) > LimitTitle || runes(e.Description) > LimitDescription || len(e.Fields) > LimitFields ||
		embedSize(e) > LimitEmbedTotal || (e.Footer != nil && runes(e.Footer.Text) > LimitFooter) {
		t.Fatalf("limits broken: title %d, description %d, fields %d, total %d", runes(e.Title), runes(e.Description), len(e.Fields), embedSize(e))
	}
	for _, f := range e.Fields {
		if runes(f.Name) > LimitFieldName || runes(f.Value) > LimitFieldValue || f.Value == "" || f.Name == "" {
			t.Errorf("field %q: %d runes", f.Name, runes(f.Value))
		}
	}
	if !strings.Contains(e.Description, "(https://gapwatch.example/claims/42)") {
		t.Errorf("cut description does not link to the evidence page: …%s", e.Description[len(e.Description)-120:])
	}
	for _, s := range append([]string{e.Title, e.Description}, fieldTexts(e)...) {
		for _, h := range []string{"@everyone", "[x](https://evil)"} {
			if strings.Contains(s, h) {
				t.Errorf("%q left unescaped in %q", h, s[:min(len(s), 80)])
			}
		}
	}
}

// fieldTexts returns every field's name and value.
func fieldTexts(e *discordgo.MessageEmbed) []string {
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Name, f.Value)
	}
	return out
}

// TestSinkThreadGone: when the alert's thread was deleted, the event is
// retried (not dead) and goes as a reply to the alert.
func TestSinkThreadGone(t *testing.T) {
	sh := newSinkHarness(t)
	ctx := context.Background()
	m := sh.message(t, "steel", alert.EventFinal, "123456", "777000")
	if _, err := sh.sink.Send(ctx, m); err != nil {
		t.Fatal(err)
	}
	sh.fake.queue("POST /api/v9/channels/777000/messages", reply{status: 404, body: `{"code": 10003, "message": "Unknown Channel"}`})
	m.Event = alert.EventConfirmedLate
	_, err := sh.sink.Send(ctx, m)
	if err == nil || alert.IsPermanent(err) {
		t.Fatalf("deleted thread: %v (permanent %v), want an error to retry", err, alert.IsPermanent(err))
	}
	if _, err := sh.sink.Send(ctx, m); err != nil {
		t.Fatal(err)
	}
	reqs := sh.fake.requests()
	last := reqs[len(reqs)-1]
	ref, _ := last.Body["message_reference"].(map[string]any)
	if last.Path != "/api/v9/channels/123456/messages" || ref == nil || ref["message_id"] != "777000" {
		t.Errorf("retry went to %s with reference %v, want a reply to 777000 in the channel", last.Path, ref)
	}
	checkMessages(t, reqs)
}
