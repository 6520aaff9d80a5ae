package g711

import (
	"testing"

	zaf "github.com/zaf/g711"
)

// github.com/zaf/g711 is an independent implementation (its transcoding
// tables are typed in from G.711 tables 3 and 4); it agrees with the STL on
// every decode and encode, so any difference here is a bug on our side.
func TestAgreesWithZafG711(t *testing.T) {
	type impl struct {
		decode    func(byte) int16
		encode    func(int16) byte
		transcode func(byte) byte
	}
	others := map[Law]impl{
		MuLaw: {zaf.DecodeUlawFrame, zaf.EncodeUlawFrame, zaf.Ulaw2AlawFrame},
		ALaw:  {zaf.DecodeAlawFrame, zaf.EncodeAlawFrame, zaf.Alaw2UlawFrame},
	}
	for law, z := range others {
		t.Run(law.String()+" decodes all codes as zaf does", func(t *testing.T) {
			var got [1]int16
			for c := range 256 {
				law.DecodeTo(got[:], []byte{byte(c)})
				if want := z.decode(byte(c)); got[0] != want {
					t.Errorf("decode(%#02x) = %d, zaf %d", c, got[0], want)
				}
			}
		})
		t.Run(law.String()+" encodes all inputs as zaf does", func(t *testing.T) {
			var got [1]byte
			for x := range 1 << 16 {
				in := int16(uint16(x))
				law.EncodeTo(got[:], []int16{in})
				if want := z.encode(in); got[0] != want {
					t.Errorf("encode(%d) = %#02x, zaf %#02x", in, got[0], want)
				}
			}
		})
		t.Run(law.String()+" transcodes all codes as the G.711 tables in zaf do", func(t *testing.T) {
			var got [1]byte
			for c := range 256 {
				Transcode(got[:], []byte{byte(c)}, law, 1-law)
				if want := z.transcode(byte(c)); got[0] != want {
					t.Errorf("transcode(%#02x) = %#02x, zaf %#02x", c, got[0], want)
				}
			}
		})
	}
}
