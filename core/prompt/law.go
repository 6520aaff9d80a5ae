package prompt

import "github.com/reel-project/reel/codecs/g711"

// decodeLaw decodes headerless 8 kHz G.711 codes, one byte a sample.
func decodeLaw(b []byte, law g711.Law, maxSamples int) (*Audio, error) {
	if err := checkLength(len(b), maxSamples); err != nil {
		return nil, err
	}
	pcm := make([]int16, len(b))
	law.DecodeTo(pcm, b)
	return &Audio{pcm: pcm}, nil
}
