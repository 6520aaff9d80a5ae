package msml

import "testing"

func BenchmarkParse(b *testing.B) {
	body := []byte(genesysStart)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := Parse(body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParsePause(b *testing.B) {
	body := []byte(`<msml version="1.1"><send target="conf:0A1B2C/dialog:rec" event="pause"/></msml>`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshalReply(b *testing.B) {
	r := &Result{Response: 200, DialogIDs: []string{"conf:0A1B2C/dialog:rec"}}
	b.ReportAllocs()
	for b.Loop() {
		Reply(r)
	}
}
