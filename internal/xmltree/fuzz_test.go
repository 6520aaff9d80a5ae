package xmltree

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// FuzzParseAgreesWithEncodingXML: where both accept a document, Parse
// builds the tree encoding/xml's decoder does (names, namespaces,
// attributes, text).
func FuzzParseAgreesWithEncodingXML(f *testing.F) {
	f.Add([]byte(`<vxml xmlns="http://www.w3.org/2001/vxml"><form><block><log xmlns:gvp="urn:g" gvp:dest="record">a &amp; b<value expr="'&lt;'"/> c</log></block></form></vxml>`))
	f.Add([]byte(`<a xmlns="u"><b xmlns="v" x="1"/><![CDATA[<x>]]>&#65;</a>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ours, err := Parse(data, Limits{MaxBytes: 64 << 10, MaxDepth: 64, MaxElements: 4096})
		if err != nil {
			return
		}
		theirs, err := parseStd(data)
		if err != nil {
			return
		}
		if a, b := dump(ours), dump(theirs); a != b {
			t.Fatalf("trees differ:\nours   %s\ntheirs %s", a, b)
		}
	})
}

func parseStd(data []byte) (*Node, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var root *Node
	var stack []*Node
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			if root == nil {
				return nil, io.ErrUnexpectedEOF
			}
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &Node{Name: t.Name.Local, Space: t.Name.Space, Attrs: stdAttrs(t.Attr)}
			if len(stack) == 0 {
				root = n
			} else {
				stack[len(stack)-1].Children = append(stack[len(stack)-1].Children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.Children = append(top.Children, &Node{Text: string(t)})
			}
		}
	}
}

func stdAttrs(in []xml.Attr) []xml.Attr {
	var out []xml.Attr
	for _, a := range in {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		out = append(out, a)
	}
	return out
}

// dump renders a tree with adjacent text merged.
func dump(n *Node) string {
	if n.IsText() {
		return n.Text
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<{%s}%s", n.Space, n.Name)
	for _, a := range n.Attrs {
		fmt.Fprintf(&b, " {%s}%s=%q", a.Name.Space, a.Name.Local, a.Value)
	}
	b.WriteString(">")
	for _, c := range n.Children {
		b.WriteString(dump(c))
	}
	b.WriteString("</>")
	return b.String()
}

// genDoc is a generated document of about 20 KB: nested elements with
// attributes, text, entities and a namespace, as VoiceXML and MSML have.
func genDoc() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><root xmlns="urn:a" xmlns:x="urn:x">`)
	for i := 0; b.Len() < 20<<10; i++ {
		fmt.Fprintf(&b, `<item id="i%d" x:kind="k%d"><name>Item %d &amp; more</name>
<list><entry n="1" cond="a &lt; b"/><entry n="2">two</entry></list><![CDATA[<raw>]]></item>`, i, i%3, i)
	}
	b.WriteString(`</root>`)
	return []byte(b.String())
}

// BenchmarkParse builds the tree of genDoc; BenchmarkEncodingXML builds
// the same tree with encoding/xml's decoder, for comparison.
func BenchmarkParse(b *testing.B) {
	benchDoc(b, func(data []byte) error { _, err := Parse(data, Limits{}); return err })
}

func BenchmarkEncodingXML(b *testing.B) {
	benchDoc(b, func(data []byte) error { _, err := parseStd(data); return err })
}

func benchDoc(b *testing.B, parse func([]byte) error) {
	data := genDoc()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := parse(data); err != nil {
			b.Fatal(err)
		}
	}
}
