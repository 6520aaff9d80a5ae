// Package recindex is the recordings index of one reel-mcp: a bbolt file in
// the data dir that answers the console's and /api/v2/recordings' searches
// (time range, DN/ANI/DNIS with wildcards, CallUUID, tenant, completeness)
// without reading every sidecar. Start here: Open(path), then Put an Entry
// built by FromJob or FromDocument for every recording the spool takes or
// delivers, and Search.
//
// The index holds nothing that is not also on disk elsewhere: the spool's
// job records and the sidecars beside the delivered files. Rebuild fills a
// new index from them when the file is missing
// (docs/decisions/0054-recordings-index.md).
//
// Layout (one bbolt file, five buckets):
//
//	sum   id → Summary (JSON): what a result row shows and the filters read
//	doc   id → Detail (JSON): the metadata document and delivery states
//	time  start(8, big endian ns) id → nil          every recording
//	dn    DN 0x00 start(8) id → nil                 ANI, DNIS and every leg's DN
//	uuid  CallUUID 0x00 start(8) id → nil
//
// Results come newest first; a page's cursors are the index keys of its
// first and last row, so paging never re-reads the rows before it.
package recindex
