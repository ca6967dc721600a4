package discordbot

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/gapwatch/gapwatch/alert"
)

// Discord JSON error codes the sink acts on.
const (
	codeUnknownChannel       = 10003
	codeUnknownMessage       = 10008
	codeUnknownWebhook       = 10015
	codeMissingAccess        = 50001
	codeCannotSendInChannel  = 50008
	codeWrongChannelType     = 50024
	codeThreadAlreadyCreated = 160004
)

// apiError is a Discord REST failure as the sink reports it: the
// operation, the status and Discord's own code and message, never the URL
// (a webhook URL carries its token).
type apiError struct {
	op     string
	status int
	code   int
	msg    string
}

func (e *apiError) Error() string {
	s := fmt.Sprintf("discord: %s: status %d", e.op, e.status)
	if e.code != 0 || e.msg != "" {
		s += fmt.Sprintf(" (code %d: %s)", e.code, e.msg)
	}
	return s
}

// restCode returns the HTTP status and Discord error code of err (a
// discordgo REST error or one classify made), or zeros when err is not a
// REST answer.
func restCode(err error) (status, code int) {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.status, ae.code
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		status = re.Response.StatusCode
		if re.Message != nil {
			code = re.Message.Code
		}
	}
	return status, code
}

// classify turns a discordgo error into what the alert sender acts on: a
// rate limit becomes *alert.RetryAfterError, an answer that retrying cannot
// change (401, 403, 404, other 4xx) alert.Permanent, anything else a plain
// error to retry with backoff. The result never contains a URL.
func classify(op string, err error) error {
	if err == nil {
		return nil
	}
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		after := rl.RetryAfter
		if after <= 0 {
			after = time.Second
		}
		return &alert.RetryAfterError{After: after, Err: &apiError{op: op, status: http.StatusTooManyRequests, msg: "rate limited (bucket " + rl.Bucket + ")"}}
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		ae := &apiError{op: op, status: re.Response.StatusCode}
		if re.Message != nil {
			ae.code, ae.msg = re.Message.Code, re.Message.Message
		}
		switch {
		case ae.status == http.StatusTooManyRequests:
			return &alert.RetryAfterError{After: time.Second, Err: ae}
		case ae.status >= 400 && ae.status < 500:
			return alert.Permanent(ae)
		}
		return ae
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		// url.Error's text holds the URL; keep only the cause.
		return fmt.Errorf("discord: %s: %w", op, ue.Err)
	}
	return fmt.Errorf("discord: %s: %w", op, err)
}
