package grammar

import (
	"errors"
	"testing"

	"github.com/dop251/goja"

	"github.com/reel-project/reel/core/vxml/doc"
)

func mustSRGS(t testing.TB, src string, resolve Resolver) *SRGS {
	t.Helper()
	root, err := doc.Parse([]byte(src), doc.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := ParseSRGS(root, resolve)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// pin is the DTMF example of SRGS 1.0 §1.1: four digits then #, or * 9.
const pin = `<grammar mode="dtmf" version="1.0" xmlns="http://www.w3.org/2001/06/grammar" root="pin">
  <rule id="digit">
    <one-of>
      <item> 0 </item> <item> 1 </item> <item> 2 </item> <item> 3 </item> <item> 4 </item>
      <item> 5 </item> <item> 6 </item> <item> 7 </item> <item> 8 </item> <item> 9 </item>
    </one-of>
  </rule>
  <rule id="pin" scope="public">
    <one-of>
      <item> <item repeat="4"> <ruleref uri="#digit"/> </item> # </item>
      <item> * 9 </item>
    </one-of>
  </rule>
</grammar>`

func TestSRGSPinExample(t *testing.T) {
	g := mustSRGS(t, pin, nil)
	for _, tc := range []struct {
		in             string
		complete, more bool
	}{
		{"", false, true},
		{"12", false, true},
		{"1234", false, true},
		{"1234#", true, false},
		{"*9", true, false},
		{"*", false, true},
		{"12345", false, false},
		{"#", false, false},
	} {
		m := g.Match(tc.in)
		if m.Complete != tc.complete || m.More != tc.more {
			t.Errorf("%q: complete %t more %t, want %t %t", tc.in, m.Complete, m.More, tc.complete, tc.more)
		}
	}
	v, err := g.Match("*9").Value(goja.New())
	if err != nil || v.String() != "* 9" {
		t.Fatalf("value of *9 = %v, %v; want the matched text", v, err)
	}
}

func TestSRGSRepeats(t *testing.T) {
	for _, tc := range []struct {
		repeat, in     string
		complete, more bool
	}{
		{"0-1", "", true, true}, // optional: the empty input is a sentence
		{"0-1", "1", true, false},
		{"2-", "1", false, true},
		{"2-", "11", true, true},
		{"2-3", "111", true, false},
		{"2-3", "1111", false, false},
		{"3", "111", true, false},
	} {
		src := `<grammar mode="dtmf" root="r" xmlns="http://www.w3.org/2001/06/grammar"><rule id="r"><item repeat="` + tc.repeat + `">1</item></rule></grammar>`
		m := mustSRGS(t, src, nil).Match(tc.in)
		if m.Complete != tc.complete || m.More != tc.more {
			t.Errorf("repeat %s on %q: complete %t more %t, want %t %t", tc.repeat, tc.in, m.Complete, m.More, tc.complete, tc.more)
		}
	}
}

// TestSISR follows SISR 1.0's examples: out properties, rules.<name>,
// rules.latest(), and a rule without tags taking its text.
func TestSISR(t *testing.T) {
	const src = `<grammar mode="dtmf" root="order" tag-format="semantics/1.0" xmlns="http://www.w3.org/2001/06/grammar">
  <rule id="order">
    <ruleref uri="#qty"/> <tag>out.quantity = rules.qty;</tag>
    *
    <ruleref uri="#item"/> <tag>out.item = rules.latest(); out.total = parseInt(out.quantity.replace(/ /g, '')) * 2;</tag>
  </rule>
  <rule id="qty"><item repeat="1-2"><one-of><item>1</item><item>2</item><item>3</item></one-of></item></rule>
  <rule id="item"><one-of><item>7<tag>out = "coffee";</tag></item><item>8<tag>out = "tea";</tag></item></one-of></rule>
</grammar>`
	g := mustSRGS(t, src, nil)
	vm := goja.New()
	v, err := g.Match("12*8").Value(vm)
	if err != nil {
		t.Fatal(err)
	}
	o := v.ToObject(vm)
	if o.Get("item").String() != "tea" || o.Get("quantity").String() != "1 2" || o.Get("total").ToInteger() != 24 {
		t.Fatalf("interpretation = %v", v.Export())
	}
}

func TestLiteralTags(t *testing.T) {
	const src = `<grammar mode="dtmf" root="yn" tag-format="semantics/1.0-literals" xmlns="http://www.w3.org/2001/06/grammar">
  <rule id="yn"><one-of><item>1<tag>yes</tag></item><item>2<tag>no</tag></item></one-of></rule></grammar>`
	v, err := mustSRGS(t, src, nil).Match("2").Value(goja.New())
	if err != nil || v.String() != "no" {
		t.Fatalf("got %v, %v", v, err)
	}
}

func TestExternalRuleref(t *testing.T) {
	digits := mustSRGS(t, `<grammar mode="dtmf" root="d" xmlns="http://www.w3.org/2001/06/grammar"><rule id="d"><one-of><item>4</item><item>5</item></one-of></rule><rule id="star"><item>*</item></rule></grammar>`, nil)
	resolve := func(uri string) (*SRGS, error) {
		if uri != "digits.grxml" {
			return nil, errors.New("not found")
		}
		return digits, nil
	}
	g := mustSRGS(t, `<grammar mode="dtmf" root="r" xmlns="http://www.w3.org/2001/06/grammar"><rule id="r"><ruleref uri="digits.grxml"/><ruleref uri="digits.grxml#star"/></rule></grammar>`, resolve)
	if !g.Match("5*").Complete || g.Match("6*").Complete {
		t.Fatal("external rulerefs did not match as the referenced rules")
	}
}

func TestSRGSRefusesBrokenGrammars(t *testing.T) {
	for name, src := range map[string]string{
		"undefined local rule": `<grammar root="r"><rule id="r"><ruleref uri="#nope"/></rule></grammar>`,
		"undefined root":       `<grammar root="x"><rule id="r">1</rule></grammar>`,
		"no rules":             `<grammar root="r"/>`,
		"bad repeat":           `<grammar root="r"><rule id="r"><item repeat="3-1">1</item></rule></grammar>`,
		"duplicate rule":       `<grammar root="r"><rule id="r">1</rule><rule id="r">2</rule></grammar>`,
		"external unresolved":  `<grammar root="r"><rule id="r"><ruleref uri="x.grxml"/></rule></grammar>`,
		"empty one-of":         `<grammar root="r"><rule id="r"><one-of/></rule></grammar>`,
	} {
		root, err := doc.Parse([]byte(src), doc.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseSRGS(root, nil); !errors.Is(err, ErrGrammar) {
			t.Errorf("%s: err = %v, want ErrGrammar", name, err)
		}
	}
}

func TestHostileGrammarIsBounded(t *testing.T) {
	// nested unbounded repeats of an optional item: exponential without bounds
	g := mustSRGS(t, `<grammar mode="dtmf" root="r" xmlns="http://www.w3.org/2001/06/grammar"><rule id="r"><item repeat="0-"><item repeat="0-"><item repeat="0-1">1</item></item></item>2</rule></grammar>`, nil)
	m := g.Match("11111111111111111111111111111113")
	if m.Complete {
		t.Fatal("matched")
	}
	left := mustSRGS(t, `<grammar mode="dtmf" root="r" xmlns="http://www.w3.org/2001/06/grammar"><rule id="r"><one-of><item><ruleref uri="#r"/>1</item><item>1</item></one-of></rule></grammar>`, nil)
	_ = left.Match("1111") // left recursion: bounded by the ruleref depth
}

func TestTagCannotEscapeItsWrapper(t *testing.T) {
	g := mustSRGS(t, `<grammar mode="dtmf" root="r" xmlns="http://www.w3.org/2001/06/grammar"><rule id="r">1<tag>return 1; }); (function(){</tag></rule></grammar>`, nil)
	if _, err := g.Match("1").Value(goja.New()); !errors.Is(err, ErrSemantics) {
		t.Fatalf("err = %v, want ErrSemantics", err)
	}
}
