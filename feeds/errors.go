package feeds

import (
	"errors"
	"fmt"
	"time"
)

// ErrorClass names a kind of poll failure, as the health table shows it.
type ErrorClass string

// The classes of poll failure.
const (
	ClassTimeout   ErrorClass = "timeout"   // no answer in time
	ClassNetwork   ErrorClass = "network"   // connection refused, DNS, reset
	ClassStatus    ErrorClass = "status"    // non-2xx/304 HTTP status
	ClassTooLarge  ErrorClass = "too_large" // body over the cap
	ClassRedirects ErrorClass = "redirects" // too many redirects or a loop
	ClassParse     ErrorClass = "parse"     // malformed feed or page
	ClassNotFeed   ErrorClass = "not_feed"  // an HTML error page where a feed was expected
	ClassChallenge ErrorClass = "challenge" // a JavaScript challenge page
	ClassEmpty     ErrorClass = "empty"     // selectors found nothing on a page that had items
	ClassFile      ErrorClass = "file"      // a local file could not be read
)

// Error is a classified poll failure. RetryAfter, when set, is the delay the
// server asked for (429/503 Retry-After).
type Error struct {
	Class      ErrorClass
	Status     int
	RetryAfter time.Duration
	Err        error
}

// Error implements error.
func (e *Error) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("%s (HTTP %d): %v", e.Class, e.Status, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Class, e.Err)
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// ClassOf returns the class of err, "" for nil and ClassNetwork for an
// unclassified error.
func ClassOf(err error) ErrorClass {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Class
	}
	return ClassNetwork
}

// classify wraps err as an *Error of class c unless it is one already.
func classify(c ErrorClass, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Class: c, Err: err}
}
