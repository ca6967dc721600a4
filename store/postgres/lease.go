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

// ReleaseFeedLeases drops holder's leases of feeds (all, and its
// heartbeat, when none is given).
func (s *pgStore) ReleaseFeedLeases(ctx context.Context, holder string, feeds ...string) error {
	var err error
	if len(feeds) == 0 {
		_, err = s.db.ExecContext(ctx, `WITH r AS (DELETE FROM replicas WHERE holder = $1)
			DELETE FROM feed_leases WHERE holder = $1`, holder)
	} else {
		_, err = s.db.ExecContext(ctx, `DELETE FROM feed_leases WHERE holder = $1 AND feed = ANY($2)`, holder, feeds)
	}
	if err != nil {
		return fmt.Errorf("release feed leases of %s: %w", holder, err)
	}
	return nil
}

// Heartbeat records holder alive until now+ttl and lists the live holders.
func (s *pgStore) Heartbeat(ctx context.Context, holder string, now time.Time, ttl time.Duration) ([]string, error) {
	if holder == "" {
		return nil, errors.New("heartbeat: empty holder")
	}
	rows, err := s.db.QueryContext(ctx, `WITH beat AS (
			INSERT INTO replicas (holder, expires) VALUES ($1, $2)
			ON CONFLICT (holder) DO UPDATE SET expires = excluded.expires)
		SELECT holder FROM replicas WHERE expires > $3 AND holder <> $1
		UNION SELECT $1 ORDER BY 1`, holder, tm(now.Add(ttl)), tm(now))
	if err != nil {
		return nil, fmt.Errorf("heartbeat of %s: %w", holder, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, fmt.Errorf("heartbeat of %s: %w", holder, err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("heartbeat of %s: %w", holder, err)
	}
	return out, nil
}
