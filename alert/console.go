package alert

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
)

// ConsoleSink writes messages as plain text to a writer: the default
// channel when none is configured, and what `gapwatch demo` prints.
type ConsoleSink struct {
	mu sync.Mutex
	w  io.Writer
}

// NewConsoleSink returns a sink that writes to w.
func NewConsoleSink(w io.Writer) *ConsoleSink { return &ConsoleSink{w: w} }

// Send writes the message with a header naming the channel, the event and
// the message it replies to; the receipt is "console-<outbox id>".
func (c *ConsoleSink) Send(ctx context.Context, m Message) (Receipt, error) {
	if err := ctx.Err(); err != nil {
		return Receipt{}, err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "── #%s · %s", m.Channel.Name, m.Event)
	if m.Claim != nil {
		fmt.Fprintf(&b, " · claim %d", m.Claim.ID)
	}
	if m.ThreadRef != "" {
		fmt.Fprintf(&b, " · in thread %s", m.ThreadRef)
	}
	b.WriteString("\n")
	for _, line := range strings.Split(m.Text, "\n") {
		b.WriteString("   " + line + "\n")
	}
	b.WriteString("\n")
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := io.WriteString(c.w, b.String()); err != nil {
		return Receipt{}, fmt.Errorf("console %s: %w", m.Channel.Name, err)
	}
	return Receipt{Ref: fmt.Sprintf("console-%d", m.OutboxID)}, nil
}
