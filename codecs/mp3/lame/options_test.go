package lame

import (
	"errors"
	"testing"

	"github.com/reel-project/reel/codecs/mp3"
)

func TestOptions(t *testing.T) {
	t.Run("default quality is DefaultQuality", func(t *testing.T) {
		o, err := newOptions(mp3.Stereo16, nil)
		if err != nil || o.Quality != DefaultQuality {
			t.Fatalf("got %+v, %v", o, err)
		}
	})
	t.Run("quality outside 0..9 is rejected", func(t *testing.T) {
		for _, q := range []int{-1, 10} {
			if _, err := newOptions(mp3.Mono8, []Option{WithQuality(q)}); !errors.Is(err, ErrQuality) {
				t.Errorf("quality %d: error = %v, want ErrQuality", q, err)
			}
		}
	})
	t.Run("unknown mode is rejected", func(t *testing.T) {
		if _, err := newOptions(mp3.Mode(9), nil); !errors.Is(err, mp3.ErrMode) {
			t.Fatalf("error = %v, want ErrMode", err)
		}
	})
}
