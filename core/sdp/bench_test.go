package sdp

import "testing"

func BenchmarkParseOfferAnswer(b *testing.B) {
	offer := []byte(offerText(b, "genesys-sipserver.sdp"))
	local := testLocal()
	b.ReportAllocs()
	for b.Loop() {
		o, err := ParseOffer(offer)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := Answer(o, local, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMakeOfferParseAnswer(b *testing.B) {
	local := testLocal()
	answer := []byte(answerTo("", ""))
	b.ReportAllocs()
	for b.Loop() {
		if MakeOffer(local, SendRecv) == nil {
			b.Fatal("no offer")
		}
		if _, err := ParseAnswer(answer, local); err != nil {
			b.Fatal(err)
		}
	}
}
