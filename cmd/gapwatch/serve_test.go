package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/store"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// startServeWithNews starts serve with one feed, sre, and the channels
// given as the YAML items of the config's channels list. The feed serves
// one item, titled titleXML (XML text), in which Mexico's government says
// it agreed with the United States' to deliver more water: a claim. vars is
// the environment the config reads; the service logs JSON to logs. The
// caller stops the returned app.
func startServeWithNews(ctx context.Context, t *testing.T, titleXML, channels string, vars map[string]string, logs io.Writer) *App {
	t.Helper()
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pub := time.Now().Add(-time.Hour).UTC().Format(time.RFC1123Z)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>sre</title><link>https://sre.example/</link>
<item><title>%s</title><link>https://sre.example/a</link><guid>a</guid><pubDate>%s</pubDate>
<description>El gobierno de México y el gobierno de Estados Unidos acordaron ampliar las entregas de agua del río Bravo durante el verano.</description></item>
</channel></rss>`, titleXML, pub)
	}))
	t.Cleanup(feed.Close)
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "gapwatch.yaml")
	cfg := fmt.Sprintf(`feeds:
  - {name: sre, side: mx, url: %s/sre.xml, schedule: "@every 1h"}
storage: %s
listen: 127.0.0.1:0
channels:
%s`, feed.URL, filepath.Join(dir, "gapwatch.db"), channels)
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	e := &env{stdout: io.Discard, stderr: io.Discard, lookupEnv: func(k string) (string, bool) { v, ok := vars[k]; return v, ok }}
	g := globalFlags{configPath: cfgPath, logFormat: "json"}
	c, err := g.load(e)
	if err != nil {
		t.Fatal(err)
	}
	c.Poller.Spread = -1 // poll at once
	log, _ := newLogger(logs, "json")
	// The first poll is the feed's baseline: make a second poll bring news
	// by starting from a store whose feed was already baselined.
	st, err := sqlite.Open(ctx, c.Storage.DSN())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordPoll(ctx, store.Poll{Feed: "sre", Started: time.Now().Add(-2 * time.Hour), Finished: time.Now().Add(-2 * time.Hour), OK: true}, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	app, err := newApp(ctx, c, log, appOptions{stdout: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Start(ctx); err != nil {
		t.Fatal(err)
	}
	return app
}

// syncBuffer is a buffer (a log, the console channel) safe for the
// service's and the test's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
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
