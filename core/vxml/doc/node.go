package doc

import "github.com/reel-project/reel/internal/xmltree"

// Namespaces the interpreter recognises.
const (
	NSVXML = "http://www.w3.org/2001/vxml"
	NSSRGS = "http://www.w3.org/2001/06/grammar"
	NSGVP  = "http://www.genesyslab.com/2006/vxml21-extension"
	NSXML  = xmltree.NSXML
)

// Node is an element or a text node of a parsed document (xmltree.Node).
type Node = xmltree.Node

// Limits bound what Parse accepts (xmltree.Limits).
type Limits = xmltree.Limits

// DefaultLimits are generous for hand-written and generated applications.
var DefaultLimits = xmltree.DefaultLimits

// Parse reads an XML document into a tree without checking it as
// VoiceXML; grammars and <data> use it too.
func Parse(data []byte, lim Limits) (*Node, error) { return xmltree.Parse(data, lim) }

// Parses returns how many XML documents this process has parsed.
func Parses() int64 { return xmltree.Parses() }
