package xmltree

import (
	"errors"
	"testing"
)

// TestParseRefusesWhatXMLForbids: what the tokenizer lets through but XML
// 1.0 forbids is a syntax error, as encoding/xml would have it.
func TestParseRefusesWhatXMLForbids(t *testing.T) {
	for name, in := range map[string]string{
		"invalid UTF-8":               "<a>\xff\xfe</a>",
		"a control character":         "<a>\x01</a>",
		"an attribute given twice":    `<a b="1" b="2"/>`,
		"< in an attribute value":     `<a x="<"/>`,
		"an undefined entity":         `<a>&bogus;</a>`,
		"an unsupported encoding":     `<?xml version="1.0" encoding="Shift_JIS"?><a/>`,
		"a second root":               `<a/><b/>`,
		"an unclosed element":         `<a><b></a>`,
		"an undeclared prefix":        `<p:a/>`,
		"an entity declaration":       `<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`,
		"text outside the root":       `<a/>text`,
		"a prefixed attribute twice":  `<a xmlns:p="u" p:b="1" p:b="2"/>`,
		"an attribute without quotes": `<a b=1/>`,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Parse([]byte(in), Limits{}); !errors.Is(err, ErrSyntax) {
				t.Fatalf("Parse(%q) = %v, want ErrSyntax", in, err)
			}
		})
	}
}

func TestParseConvertsLatin1(t *testing.T) {
	n, err := Parse([]byte("<?xml version='1.0' encoding='ISO-8859-1'?><a b='\xe9'>caf\xe9</a>"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if n.Get("b") != "é" || n.TextContent() != "café" {
		t.Fatalf("attribute %q, text %q, want é and café", n.Get("b"), n.TextContent())
	}
}

func TestNoProcInstRefusesAllButTheDeclaration(t *testing.T) {
	lim := Limits{MaxBytes: 1 << 10, MaxDepth: 8, MaxElements: 8, NoProcInst: true}
	if _, err := Parse([]byte(`<?xml version="1.0"?><a/>`), lim); err != nil {
		t.Fatalf("XML declaration refused: %v", err)
	}
	if _, err := Parse([]byte(`<a><?php x?></a>`), lim); !errors.Is(err, ErrSyntax) {
		t.Fatalf("processing instruction: %v, want ErrSyntax", err)
	}
	if _, err := Parse([]byte(`<a><?php x?></a>`), Limits{}); err != nil {
		t.Fatalf("without NoProcInst a processing instruction is skipped, got %v", err)
	}
}
