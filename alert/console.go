package alert

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// ConsoleSink writes messages as plain text to a writer: the default
// channel when none is configured, and what `gapwatch demo` prints.
// A message's attachments (a digest's chart) are written as files to a
// folder and their paths printed.
type ConsoleSink struct {
	mu  sync.Mutex
	w   io.Writer
	dir string
}

// NewConsoleSink returns a sink that writes to w, and attachments to
// gapwatch-attachments under the system's temporary folder.
func NewConsoleSink(w io.Writer) *ConsoleSink {
	return &ConsoleSink{w: w, dir: filepath.Join(os.TempDir(), "gapwatch-attachments")}
}

// SetAttachmentDir makes the sink write attachments to dir (created if
// missing).
func (c *ConsoleSink) SetAttachmentDir(dir string) {
	c.mu.Lock()
	c.dir = dir
	c.mu.Unlock()
}

// Send writes the message with a header naming the channel, the event and
// the message it replies to, then the path of each attachment written; the
// receipt is "console-<outbox id>".
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
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, a := range m.Attachments {
		path, err := c.writeAttachment(m, a)
		if err != nil {
			return Receipt{}, fmt.Errorf("console %s: %w", m.Channel.Name, err)
		}
		fmt.Fprintf(&b, "   📎 %s\n", path)
	}
	b.WriteString("\n")
	if _, err := io.WriteString(c.w, b.String()); err != nil {
		return Receipt{}, fmt.Errorf("console %s: %w", m.Channel.Name, err)
	}
	return Receipt{Ref: fmt.Sprintf("console-%d", m.OutboxID)}, nil
}

// writeAttachment writes one attachment as <dir>/<message key>-<name>,
// with every character but letters, digits, '.', '_' and '-' replaced, and
// returns its path.
func (c *ConsoleSink) writeAttachment(m Message, a Attachment) (string, error) {
	if err := os.MkdirAll(c.dir, 0o750); err != nil {
		return "", fmt.Errorf("attachment folder: %w", err)
	}
	name := safeFileName(m.Key + "-" + a.Name)
	if m.Key == "" {
		name = safeFileName(a.Name)
	}
	path := filepath.Join(c.dir, name)
	if err := os.WriteFile(path, a.Data, 0o640); err != nil {
		return "", fmt.Errorf("write attachment %s: %w", name, err)
	}
	return path, nil
}

// safeFileName keeps letters, digits, '.', '_' and '-' and replaces the
// rest with '_'.
func safeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '_'
	}, s)
}
