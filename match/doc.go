// Package match is gapwatch's confirmation engine: it recognises claims (an
// item of one side attributing an agreement, commitment, joint action or
// position to the other side), looks for the other side's matching items
// across languages inside a window, and decides whether the claim is
// confirmed, partial or unconfirmed, with an explanation a journalist can
// check item by item.
//
// The flow, one item at a time:
//
//   - Analyze normalises the text (accent and case folding, sentences that
//     survive abbreviations, Snowball stems taken before folding) and
//     annotates it with the lexicon (concepts, places, institutions,
//     officials, governments; data files under data/, embedded) and with the
//     claim cues of data/cues.yaml.
//   - Per sentence, an action cue (agree, commit, sign, joint action,
//     implementation, attributed position) whose subject, partner or
//     reporter is the other government (or both jointly) makes a commitment
//     Unit, unless negated, conditional or merely "discussed"; Spanish
//     subjects carry over from the previous sentence. Side always comes from
//     the feed, never from the language.
//   - An Index keeps analysed items by day, side and feature, so Candidates
//     reads only the other side's items in [published − lookback,
//     published + window] that share a feature with the claim.
//   - Decide scores each candidate on shared anchors weighted by rarity and
//     tells whether it covers the same event (the same contact on the same
//     day, or the same topic and sites with the claimant's government
//     acting), then looks for each unit in those items' sentences: stated,
//     only discussed, contradicted or absent. Most units stated and none
//     contradicted is confirmed; the same event without that is partial;
//     nothing is unconfirmed, or unverified when the other side's feeds were
//     not watched enough of the window.
//   - A Tracker runs the lifecycle (new claim, early confirmation, final at
//     the deadline, late confirmation recorded without rewriting the
//     verdict); Replay drives it over a batch in publication order.
//
// The package is pure logic: no I/O outside tests, no logger, no clock (the
// time is always an argument), deterministic for the same inputs. Every
// other package uses its types.
package match
