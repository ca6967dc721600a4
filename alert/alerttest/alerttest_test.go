package alerttest_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gapwatch/gapwatch/alert"
	"github.com/gapwatch/gapwatch/alert/alerttest"
)

// TestMessagesRenderOnConsole sends every sample message through the
// console sink: each is complete enough to render, and the hostile ones
// carry the hostile text in their untrusted fields.
func TestMessagesRenderOnConsole(t *testing.T) {
	var out bytes.Buffer
	sink := alert.NewConsoleSink(&out)
	ch := alert.Channel{Name: "desk", Platform: alert.PlatformConsole}
	for _, ev := range alerttest.Events {
		for _, hostile := range []bool{false, true} {
			m := alerttest.Message(ev, ch, hostile)
			if _, err := sink.Send(context.Background(), m); err != nil {
				t.Fatalf("%s: %v", ev, err)
			}
			if m.Event != ev || m.Text == "" || (m.Claim == nil) == (m.Feed == nil) {
				t.Errorf("%s: incomplete message %+v", ev, m)
			}
			if hostile && !strings.Contains(m.Text, "<!channel>") {
				t.Errorf("%s: hostile message without hostile text", ev)
			}
			if m.Claim != nil && hostile && !strings.Contains(m.Claim.Item.Title, "@everyone") {
				t.Errorf("%s: claim title not hostile", ev)
			}
		}
	}
	if got := strings.Count(out.String(), "── #desk"); got != 2*len(alerttest.Events) {
		t.Errorf("console printed %d messages, want %d", got, 2*len(alerttest.Events))
	}
}

func TestRecorder(t *testing.T) {
	r := &alerttest.Recorder{Fail: func(m alert.Message, n int) error {
		if n == 1 {
			return errors.New("first call fails")
		}
		return nil
	}}
	m := alerttest.Message(alert.EventFinal, alert.Channel{Name: "x"}, false)
	if _, err := r.Send(context.Background(), m); err == nil {
		t.Error("first call did not fail")
	}
	rec, err := r.Send(context.Background(), m)
	if err != nil || rec.Ref != "rec-42" || len(r.Messages()) != 1 || r.Calls() != 2 {
		t.Errorf("second call: %+v %v, %d recorded, %d calls", rec, err, len(r.Messages()), r.Calls())
	}
}

func TestAssertNoSecretLeak(t *testing.T) {
	ft := &fakeT{}
	alerttest.AssertNoSecretLeak(ft, []string{"xoxb-secret"}, map[string]string{"log": "token xoxb-secret here", "ok": "nothing"})
	if ft.errors != 1 || strings.Contains(ft.msg, "xoxb-secret") {
		t.Errorf("errors %d, message %q", ft.errors, ft.msg)
	}
}

type fakeT struct {
	testing.TB
	errors int
	msg    string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, args ...any) {
	f.errors++
	f.msg = format
	for _, a := range args {
		if s, ok := a.(string); ok {
			f.msg += " " + s
		}
	}
}
