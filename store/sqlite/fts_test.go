package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/gapwatch/gapwatch/match"
	"github.com/gapwatch/gapwatch/store"
)

// TestSearchSeesEveryPoll: the full-text index is brought up to date at
// search time (not inside the poll), so a search finds what the latest poll
// stored, finds an edited release by its new words only — whether it was
// edited before or after it was first indexed — and survives a reopen.
func TestSearchSeesEveryPoll(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "fts.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	item := func(guid, title string) match.Item {
		return match.Item{Feed: "sre", Side: "mx", GUID: guid, Title: title, Link: "https://example.org/" + guid,
			Published: now, Content: title + " en la frontera."}
	}
	poll := func(items ...match.Item) {
		t.Helper()
		now = now.Add(time.Hour)
		if _, err := st.RecordPoll(ctx, store.Poll{Feed: "sre", Started: now, Finished: now, OK: true}, items); err != nil {
			t.Fatal(err)
		}
	}
	search := func(term string) []string {
		t.Helper()
		its, err := st.SearchItems(ctx, []string{term}, 10)
		if err != nil {
			t.Fatal(err)
		}
		var guids []string
		for _, it := range its {
			guids = append(guids, it.GUID)
		}
		return guids
	}
	expect := func(term string, want ...string) {
		t.Helper()
		got := search(term)
		if len(got) != len(want) {
			t.Fatalf("search %q = %v, want %v", term, got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("search %q = %v, want %v", term, got, want)
			}
		}
	}

	poll(item("a", "Acuerdo sobre aranceles"), item("b", "Operativo contra tráfico de armas"))
	expect("aranceles", "a")
	// Edited after it was indexed: its old words no longer find it.
	poll(item("a", "Acuerdo sobre fertilizantes"), item("c", "Nuevo acuerdo sobre aranceles"))
	expect("aranceles", "c")
	expect("fertilizantes", "a")
	// Stored and edited before any search indexed it.
	poll(item("d", "Reunión sobre vacunas"))
	poll(item("d", "Reunión sobre agua"))
	expect("vacunas")
	expect("agua", "d")
	// Claims' text filter uses the same index.
	if _, err := st.Claims(ctx, store.ClaimQuery{Terms: []string{"agua"}, State: store.AnyState}); err != nil {
		t.Fatalf("claims with terms: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	poll(item("e", "Donación de vacunas"))
	expect("vacunas", "e")
	expect("armas", "b")
}
