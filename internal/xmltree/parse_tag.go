package xmltree

import (
	"bytes"
	"encoding/xml"
	"errors"

	"github.com/orisano/gosax"
)

// tag is a start tag as read: its name, its raw qualified name (for end
// tag matching) and its attributes, written at the front of the free part
// of the attribute slab.
type tag struct {
	Name xml.Name
	raw  string
	Attr []xml.Attr
}

// startElement parses a start tag with gosax's scanners; names are
// interned (a document repeats a few dozen names), values unescaped. An
// unterminated attribute value, which gosax's own StartElement would index
// out of range on, is a syntax error.
func (p *parser) startElement(b []byte) (se tag, err error) {
	if len(b) < 3 || !nameStart(b[1]) {
		return se, errBadName
	}
	name, rest := gosax.Name(b)
	se.raw = p.intern(name)
	se.Name = p.qualified(name)
	if len(p.attrSlab) < 16 {
		p.attrSlab = make([]xml.Attr, 2*p.chunk+16)
	}
	se.Attr = p.attrSlab[:0]
	for len(rest) > 0 {
		var a gosax.Attribute
		if a, rest, err = gosax.NextAttribute(rest); err != nil {
			return se, errBadTag
		}
		if len(a.Key) == 0 {
			break
		}
		v := a.Value
		if len(v) < 2 || v[0] != v[len(v)-1] {
			return se, errBadTag
		}
		if bytes.IndexByte(v, '<') >= 0 {
			return se, errLtInValue
		}
		if v, err = gosax.Unescape(v[1 : len(v)-1]); err != nil {
			return se, err
		}
		name := p.qualified(a.Key)
		for _, prev := range se.Attr {
			if prev.Name == name {
				return se, errTwice
			}
		}
		se.Attr = append(se.Attr, xml.Attr{Name: name, Value: p.str(v)})
	}
	return se, nil
}

// keep takes the attributes at the front of the slab's free part out of
// it; a tag with more attributes than the slab had room for already has an
// array of its own.
func (p *parser) keep(attrs []xml.Attr) []xml.Attr {
	if len(attrs) == 0 {
		return nil
	}
	attrs = attrs[:len(attrs):len(attrs)]
	if &attrs[0] == &p.attrSlab[0] {
		p.attrSlab = p.attrSlab[len(attrs):]
	}
	return attrs
}

// str returns b as a string carved from the parser's text buffer.
func (p *parser) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	start := p.buf.Len()
	p.buf.Write(b)
	return p.buf.String()[start:]
}

// endName returns the qualified name of an end tag, "</name >".
func endName(b []byte) []byte {
	b = bytes.TrimSuffix(bytes.TrimPrefix(b, []byte("</")), []byte(">"))
	return bytes.TrimRight(b, " \t\r\n")
}

// qualified splits prefix:local, interning both.
func (p *parser) qualified(b []byte) xml.Name {
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		return xml.Name{Space: p.intern(b[:i]), Local: p.intern(b[i+1:])}
	}
	return xml.Name{Local: p.intern(b)}
}

// intern returns the one string of this document equal to b.
func (p *parser) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	slot := &p.recent[(int(b[0])*7+len(b)*13+int(b[len(b)-1]))&63]
	if *slot == string(b) {
		return *slot
	}
	if s, ok := p.interned[string(b)]; ok {
		*slot = s
		return s
	}
	if p.interned == nil {
		p.interned = make(map[string]string, 16)
	}
	s := string(b)
	p.interned[s], *slot = s, s
	return s
}

var (
	errLtInValue = errors.New("< in an attribute value") // XML 1.0 §3.1
	errTwice     = errors.New("an attribute given twice")
	errBadName   = errors.New("no element name")
	errBadTag    = errors.New("malformed attribute")
)

func nameStart(c byte) bool {
	return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
}
