package discordbot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/bot"
	"github.com/gapwatch/gapwatch/store/sqlite"
)

// benchDBVersion names the cached benchmark store; bump it when the
// fixture changes.
const benchDBVersion = "v2"

// benchFixture returns a bot over a copy of a store of benchClaims claims.
// Building the store takes about a minute, so it is built once and kept
// in the temporary directory; every run works on a fresh copy.
func benchFixture(b *testing.B) *fixture {
	b.Helper()
	cached := filepath.Join(os.TempDir(), "gapwatch-discordbot-bench-"+benchDBVersion+".db")
	if _, err := os.Stat(cached); err != nil {
		tmp := cached + ".building"
		os.Remove(tmp)
		fx := newFixtureAt(b, tmp, benchClaims-len(fixtureClaims))
		if err := fx.st.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, cached); err != nil {
			b.Fatal(err)
		}
	}
	data, err := os.ReadFile(cached)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "bench.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	bt, err := bot.New(bot.Options{Queries: st, Actions: st, Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	return &fixture{st: st, bot: bt}
}

// benchClaims is how many claims the benchmark store holds.
const benchClaims = 100000

// benchRate and benchRequests pace the load: 200 requests a second for 2
// seconds per iteration.
const (
	benchRate     = 200
	benchRequests = 400
)

// BenchmarkInteractionLatency measures the time from sending a signed
// interaction to the interactions endpoint on loopback to receiving its
// first response, at a steady 200 requests a second (open loop: requests
// are sent on schedule whether or not earlier ones were answered), over a
// store of 100,000 claims, and reports the 50th and 99th percentiles and
// the maximum in milliseconds. "mix" is what a newsroom sends: show (40%),
// claim-ID autocomplete (35%), list with a filter (15%), help (5%), feeds
// (3%) and search (2%, deferred); the others send one kind only.
func BenchmarkInteractionLatency(b *testing.B) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	fx := benchFixture(b)
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id": "1"}`)
	}))
	defer fake.Close()
	s, err := NewSession(SessionOptions{APIURL: fake.URL})
	if err != nil {
		b.Fatal(err)
	}
	h, err := NewHandler(Options{Bot: fx.bot, Claims: fx.st, Session: s, PublicKey: pub})
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	send := func(body []byte) (time.Duration, error) {
		req, err := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
		if err != nil {
			return 0, err
		}
		sign(req, priv, body)
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("status %d", resp.StatusCode)
		}
		return time.Since(start), err
	}

	hs := &harness{fixture: fx, h: h, pub: pub, priv: priv}
	kinds := map[string]func(i int, id string) map[string]any{
		"show": func(_ int, id string) map[string]any { return hs.command("show", opt("id", id)) },
		"autocomplete": func(i int, id string) map[string]any {
			return hs.interaction(4, map[string]any{"id": "1", "name": "gapwatch", "type": 1, "options": []any{
				map[string]any{"name": "show", "type": 1, "options": []any{
					map[string]any{"name": "id", "type": 3, "value": id[:1+i%len(id)], "focused": true}}}}})
		},
		"list": func(i int, _ string) map[string]any {
			return hs.command("list", opt("status", []string{"partial", "unconfirmed", "pending"}[i%3]), opt("side", "mx"))
		},
		"help":   func(int, string) map[string]any { return hs.command("help") },
		"feeds":  func(int, string) map[string]any { return hs.command("feeds") },
		"search": func(i int, _ string) map[string]any { return hs.command("search", opt("text", topics[i%len(topics)])) },
	}
	mix := func(i int, id string) map[string]any {
		switch k := i % 100; {
		case k < 40:
			return kinds["show"](i, id)
		case k < 75:
			return kinds["autocomplete"](i, id)
		case k < 90:
			return kinds["list"](i, id)
		case k < 95:
			return kinds["help"](i, id)
		case k < 98:
			return kinds["feeds"](i, id)
		}
		return kinds["search"](i, id)
	}
	for _, name := range []string{"show", "autocomplete", "list", "mix"} {
		gen := kinds[name]
		if name == "mix" {
			gen = mix
		}
		b.Run(name, func(b *testing.B) {
			var bodies [][]byte
			for i := 0; i < benchRequests; i++ {
				body, err := json.Marshal(gen(i, fmt.Sprint(1+(i*7919)%benchClaims)))
				if err != nil {
					b.Fatal(err)
				}
				bodies = append(bodies, body)
			}
			// Warm the connection pool and the store's caches.
			for _, body := range bodies[:20] {
				if _, err := send(body); err != nil {
					b.Fatal(err)
				}
			}
			var all []time.Duration
			for b.Loop() {
				lat := make([]time.Duration, len(bodies))
				errs := make(chan error, len(bodies))
				var wg sync.WaitGroup
				tick := time.NewTicker(time.Second / benchRate)
				for i, body := range bodies {
					<-tick.C
					wg.Add(1)
					go func() {
						defer wg.Done()
						d, err := send(body)
						if err != nil {
							errs <- err
						}
						lat[i] = d
					}()
				}
				tick.Stop()
				wg.Wait()
				close(errs)
				for err := range errs {
					b.Fatal(err)
				}
				all = append(all, lat...)
			}
			h.Wait()
			slices.Sort(all)
			pct := func(p float64) float64 {
				return float64(all[int(p*float64(len(all)-1))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
			b.ReportMetric(float64(all[len(all)-1].Microseconds())/1000, "max-ms")
			b.ReportMetric(0, "ns/op")
		})
	}
}
