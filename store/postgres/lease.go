package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// AcquireFeedLease takes or renews feed's lease for holder until now+ttl,
// unless another holder's lease is still running at now. One upsert: the
// row's lock orders two replicas racing for the same feed.
func (s *pgStore) AcquireFeedLease(ctx context.Context, feed, holder string, now time.Time, ttl time.Duration) (bool, error) {
	if feed == "" || holder == "" {
		return false, errors.New("acquire feed lease: empty feed or holder")
	}
	var got string
	err := s.db.QueryRowContext(ctx, `INSERT INTO feed_leases (feed, holder, expires) VALUES ($1, $2, $3)
		ON CONFLICT (feed) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
		WHERE feed_leases.holder = excluded.holder OR feed_leases.expires <= $4
		RETURNING holder`, feed, holder, tm(now.Add(ttl)), tm(now)).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("acquire lease of feed %s: %w", feed, err)
	}
	return true, nil
}

// ReleaseFeedLeases drops every lease holder has.
func (s *pgStore) ReleaseFeedLeases(ctx context.Context, holder string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM feed_leases WHERE holder = $1`, holder); err != nil {
		return fmt.Errorf("release feed leases of %s: %w", holder, err)
	}
	return nil
}
