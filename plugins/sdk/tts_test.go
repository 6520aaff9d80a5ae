package sdk

import (
	"errors"
	"strings"
	"testing"
)

func TestSpeechValidate(t *testing.T) {
	for _, c := range []struct {
		s  Speech
		ok bool
	}{
		{Speech{Text: "hello"}, true},
		{Speech{Text: "<speak>hi</speak>", SSML: true, Voice: "en-gb"}, true},
		{Speech{Text: strings.Repeat("a", MaxSpeechText)}, true},
		{Speech{Text: " \n\t"}, false},
		{Speech{Text: strings.Repeat("a", MaxSpeechText+1)}, false},
		{Speech{Text: "\xff\xfe"}, false},
		{Speech{Text: "hi", Voice: "\xff"}, false},
	} {
		err := c.s.Validate()
		if (err == nil) != c.ok || (err != nil && !errors.Is(err, ErrInvalid)) {
			t.Errorf("%.30q: %v", c.s.Text, err)
		}
	}
}

func TestATTSPluginReportsItsKind(t *testing.T) {
	type ttsOnly struct {
		Plugin
		TTS
	}
	if k := kindsOf(ttsOnly{}); len(k) != 1 || k[0] != KindTTS {
		t.Fatalf("kinds %v", k)
	}
}
