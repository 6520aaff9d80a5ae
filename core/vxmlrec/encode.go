package vxmlrec

import (
	"bytes"
	"fmt"
	"io"

	"github.com/reel-project/reel/codecs/mp3"
	"github.com/reel-project/reel/codecs/mp3/lame"
	"github.com/reel-project/reel/codecs/wav"
)

// encoder turns 8 kHz mono PCM into a file.
type encoder interface {
	encode(pcm []int16) ([]byte, error)
	mimeType() string
}

type wavEncoder struct{ enc wav.Encoding }

func wavEncoderFor(codec string) (encoder, error) {
	switch codec {
	case "", "pcm", "l16":
		return wavEncoder{wav.PCM16}, nil
	case "pcmu", "ulaw", "mulaw":
		return wavEncoder{wav.MuLaw}, nil
	case "pcma", "alaw":
		return wavEncoder{wav.ALaw}, nil
	}
	return nil, fmt.Errorf("%w: WAV codec %q (want pcm, pcmu or pcma)", ErrType, codec)
}

func (wavEncoder) mimeType() string { return "audio/x-wav" }

func (e wavEncoder) encode(pcm []int16) ([]byte, error) {
	var f seekBuffer
	w, err := wav.NewWith(&f, wav.Format{Encoding: e.enc, Channels: 1})
	if err != nil {
		return nil, err
	}
	if err := w.WritePCM(pcm); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return f.b, nil
}

type mp3Encoder struct{}

func (mp3Encoder) mimeType() string { return "audio/mpeg" }

// encode writes the Info frame first (a placeholder, filled in once LAME
// has counted frames, delay and padding), as Reel's recordings do, so that
// players show the exact duration and drop the encoder delay.
func (mp3Encoder) encode(pcm []int16) ([]byte, error) {
	var b bytes.Buffer
	b.Write(mp3.InfoFrame(mp3.Info{Channels: 1}))
	e, err := lame.NewEncoder(&b, mp3.Mono8)
	if err != nil {
		return nil, err
	}
	if err := e.WritePCM(pcm); err != nil {
		return nil, err
	}
	if err := e.Close(); err != nil {
		return nil, err
	}
	in := e.Info()
	in.Bytes = int64(b.Len())
	out := b.Bytes()
	copy(out, mp3.InfoFrame(in))
	return out, nil
}

// seekBuffer is an in-memory io.WriteSeeker for the WAV writer, which
// rewrites the header at Close.
type seekBuffer struct {
	b   []byte
	off int64
}

func (s *seekBuffer) Write(p []byte) (int, error) {
	if end := s.off + int64(len(p)); end > int64(len(s.b)) {
		s.b = append(s.b, make([]byte, end-int64(len(s.b)))...)
	}
	copy(s.b[s.off:], p)
	s.off += int64(len(p))
	return len(p), nil
}

func (s *seekBuffer) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		off += s.off
	case io.SeekEnd:
		off += int64(len(s.b))
	}
	if off < 0 {
		return 0, fmt.Errorf("vxmlrec: seek to %d", off)
	}
	s.off = off
	return off, nil
}
