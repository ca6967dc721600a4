// Package web serves gapwatch's evidence pages: a read-only view of every
// claim (/claims, /claims/{id}), the feeds' health (/feeds) and the weekly
// digests (/digests/{week}), server-rendered with html/template and no
// JavaScript. A chat message carries a verdict; the claim page carries the
// evidence: the claim's text with its commitments marked, each other-side
// item in the window beside it with the concepts, people and places both
// name, the commitments no item states, the timeline and the other side's
// feed health during the window.
//
// Access is by signed link (an HMAC over the path and an expiry, as alerts
// carry), by the newsroom's shared token (a login form and a session
// cookie) or by an authenticating reverse proxy's user header. Feed text is
// untrusted: it is printed as text, links to originals are shown only for
// http(s), and every answer carries a Content-Security-Policy that allows
// no script at all.
package web
