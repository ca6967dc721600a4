// Package match is gapwatch's confirmation engine: it recognises claims (an
// item of one side attributing an agreement, commitment, joint action or
// position to the other side), looks for the other side's matching items
// across languages inside a window, and decides whether the claim is
// confirmed, partial or unconfirmed, with an explanation a journalist can
// check item by item.
//
// The package is pure logic: no I/O, no logger, no clock (the time is always
// an argument). Every other package uses its types.
package match
