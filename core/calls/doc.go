// Package calls is the shape of reel-mcp's GET /calls answer: the calls in
// progress, their legs and their recording, as `reelctl calls` prints them.
// core/conference fills it in; this package holds only the types, so that
// clients need not link the media engine.
package calls
