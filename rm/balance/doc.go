// Package balance picks the MCP for a new leg.
//
// Start here: New(pool, calls), then Pick for each attempt of an INVITE,
// passing the nodes already tried. A leg with a call id ("msml=<conf-id>"
// or "record=<id>") goes to the node holding a live leg of that call, if
// it still takes calls; otherwise to the winner of weighted rendezvous
// hashing (Rank) over the group's nodes that are not down — full or
// draining ones included, because they may hold the call. The
// weights are the capacities and the score is −w / ln(u), u the call id
// hashed with the node's address into (0, 1): every RM with the same
// configuration and the same health view makes the same choice without
// talking to the others, and a node that fails only moves its own calls
// (docs/decisions/0014-rendezvous-hashing.md).
//
// Legs without a call id follow the group's policy: round-robin,
// least-calls (the lowest share of capacity in use) or weighted (smooth
// weighted round-robin by capacity). Picker is safe for concurrent use.
package balance
