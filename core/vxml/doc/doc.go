// Package doc parses a VoiceXML 2.1 document into an element tree and checks
// it before it runs: the structural errors that VoiceXML says make a document
// unusable (an <exit> with both expr and namelist, an <audio> with neither src
// nor expr, a <grammar> with both src and inline rules, …) are refused here,
// so that the interpreter raises error.badfetch when the document is loaded
// rather than halfway through a dialog. The tree is immutable once parsed and
// is shared by every session that runs the document.
package doc
