package sqlstore

import (
	"context"
	"path"
	"time"

	"github.com/pressly/goose/v3"
)

// MigrationState is one schema migration and whether a database has it.
type MigrationState struct {
	// Version is the migration's number.
	Version int64
	// Name is the migration's file name.
	Name string
	// Applied reports that the database has the migration.
	Applied bool
	// AppliedAt is when it was applied (zero if pending).
	AppliedAt time.Time
}

// MigrationStates returns every migration p knows and whether p's
// database has it.
func MigrationStates(ctx context.Context, p *goose.Provider) ([]MigrationState, error) {
	st, err := p.Status(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]MigrationState, 0, len(st))
	for _, m := range st {
		s := MigrationState{
			Version: m.Source.Version,
			Name:    path.Base(m.Source.Path),
			Applied: m.State == goose.StateApplied,
		}
		if s.Applied {
			s.AppliedAt = m.AppliedAt.UTC()
		}
		out = append(out, s)
	}
	return out, nil
}
