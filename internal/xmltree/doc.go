// Package xmltree parses a well-formed XML document into an immutable
// element tree, within limits on size, depth and element count: the one XML
// parser of VoiceXML documents, SRGS grammars, <data> and MSML requests.
// The tokenizer is gosax; the package adds what a tokenizer leaves out —
// end-tag matching, one root, namespace resolution, the XML 1.0 character
// and encoding rules, no entity declarations — and builds the tree from a
// few slabs, so a parse makes a few dozen allocations (decision 0057).
package xmltree
