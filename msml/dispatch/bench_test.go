package dispatch

import (
	"testing"

	"github.com/reel-project/reel/msml"
)

func BenchmarkDispatchPauseResume(b *testing.B) {
	f := newFake()
	f.active["c1"] = &fakeRec{dialog: msml.Target{Kind: msml.Conf, ID: "c1", Dialog: "rec"}}
	body := []byte(`<msml version="1.1"><send target="conf:c1/dialog:rec" event="pause"/><send target="conf:c1/dialog:rec" event="resume"/></msml>`)
	b.ReportAllocs()
	for b.Loop() {
		f.log = f.log[:0]
		if r := Dispatch(f, body); r.Response != CodeOK {
			b.Fatal(r.Description)
		}
	}
}
