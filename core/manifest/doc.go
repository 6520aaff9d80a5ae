// Package manifest makes recordings tamper-evident: one JSON manifest per
// recording (its files with sizes and SHA-256 of the stored bytes, times,
// event history, encryption) that names the SHA-256 of the previous
// manifest this node wrote, so the manifests of a node form a hash chain,
// each signed by the node's key as a detached CMS SignedData.
//
// Start here: OpenChain on the node's data directory with its signing key,
// then Chain.Seal for each finished recording; it hands the manifest's
// bytes and signature to a store function (they go beside the recording's
// files as <id>.manifest.json and <id>.manifest.json.p7s) before it
// records the link; Adopt takes up one a crash left. Check reads them back
// (signature, then file hashes) and CheckChain walks a node's manifests in
// sequence. The format and the crash rules are in docs/decisions/0037.
package manifest
