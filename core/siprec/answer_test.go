package siprec

import (
	"errors"
	"strings"
	"testing"
)

const streamAnswer = "v=0\r\no=reel 1 %s IN IP4 10.0.0.9\r\ns=reel\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n" +
	"m=audio %s RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=recvonly\r\n"

func ans(version, port string) []byte {
	return []byte(strings.Replace(strings.Replace(streamAnswer, "%s", version, 1), "%s", port, 1))
}

func TestAnswerKeepsOrderEchoesLabelsAndRefuses(t *testing.T) {
	offer, err := SplitSDP([]byte("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\n" +
		"m=audio 5000 RTP/AVP 0\r\na=label:a\r\na=sendonly\r\nm=video 5002 RTP/AVP 96\r\na=label:v\r\n" +
		"m=audio 5004 RTP/AVP 0\r\na=label:b\r\na=sendonly\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	a := Answerer{SessionID: 42}
	got, err := a.Answer(offer, [][]byte{ans("3", "7000"), nil, ans("8", "7002")})
	if err != nil {
		t.Fatal(err)
	}
	want := "v=0\r\no=reel 42 1 IN IP4 10.0.0.9\r\ns=reel\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n" +
		"m=audio 7000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=recvonly\r\na=label:a\r\n" +
		"m=video 0 RTP/AVP 96\r\na=label:v\r\n" +
		"m=audio 7002 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=recvonly\r\na=label:b\r\n"
	if string(got) != want {
		t.Fatalf("answer\n%s\nwant\n%s", got, want)
	}
	again, _ := a.Answer(offer, [][]byte{ans("4", "7000"), nil, ans("9", "7002")})
	if string(again) != want {
		t.Errorf("an unchanged answer changed its o= version:\n%s", again)
	}
	moved, _ := a.Answer(offer, [][]byte{ans("4", "7000"), nil, nil})
	if !strings.Contains(string(moved), "o=reel 42 2 ") {
		t.Errorf("a changed answer kept its o= version:\n%s", moved)
	}
	if _, err := a.Answer(offer, [][]byte{nil, nil, nil}); !errors.Is(err, ErrNoStreams) {
		t.Errorf("all refused: %v, want ErrNoStreams", err)
	}
}
