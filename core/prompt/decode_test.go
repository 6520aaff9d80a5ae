package prompt

import (
	"errors"
	"testing"

	"github.com/reel-project/reel/codecs/g711"
)

// TestDecodeHeaderlessG711 reads raw codes by the name's extension or the
// Content-Type, even when the first bytes look like an MP3 sync word
// (0xFF is µ-law silence).
func TestDecodeHeaderlessG711(t *testing.T) {
	codes := append([]byte{0xFF, 0xFB}, allCodes()...)
	mu, a := make([]int16, len(codes)), make([]int16, len(codes))
	g711.MuLaw.DecodeTo(mu, codes)
	g711.ALaw.DecodeTo(a, codes)
	for _, c := range []struct {
		o    DecodeOptions
		want []int16
	}{
		{DecodeOptions{Name: "/prompts/hello.ul"}, mu},
		{DecodeOptions{Name: "hello.ULAW"}, mu},
		{DecodeOptions{Name: "x.mulaw"}, mu},
		{DecodeOptions{Name: "hello.al"}, a},
		{DecodeOptions{Name: "hello.alaw"}, a},
		{DecodeOptions{ContentType: "audio/basic"}, mu},
		{DecodeOptions{ContentType: "audio/x-alaw-basic; rate=8000"}, a},
		{DecodeOptions{ContentType: "audio/basic", Name: "x.al"}, mu}, // the type wins
	} {
		got, err := Decode(codes, c.o)
		if err != nil {
			t.Fatalf("%+v: %v", c.o, err)
		}
		equalSamples(t, got.Samples(), c.want)
	}
}

func TestDecodeRejectsWhatItCannotIdentify(t *testing.T) {
	for _, o := range []DecodeOptions{{}, {Name: "x.raw"}, {ContentType: "audio/L16"}, {Name: "x.ul", ContentType: "text/html"}} {
		_, err := Decode([]byte("\x01\x02\x03\x04"), o)
		if o.Name == "x.ul" {
			if err != nil {
				t.Fatalf("%+v: %v (the name still says µ-law)", o, err)
			}
			continue
		}
		if !errors.Is(err, ErrFormat) {
			t.Fatalf("%+v: %v", o, err)
		}
	}
	if _, err := Decode(nil, DecodeOptions{Name: "x.ul"}); !errors.Is(err, ErrFormat) {
		t.Fatalf("empty: %v", err)
	}
}
