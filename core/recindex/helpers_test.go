package recindex

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/reel-project/reel/core/recmeta"
)

var day0 = time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC)

// rec builds the document of a recording started at start.
func rec(ani, dnis, uuid, tenant string, start time.Time, legDNs ...string) recmeta.Document {
	f := recmeta.MediaFile{CallUUID: uuid, MediaID: recmeta.MediaID(uuid, start, 1, 1, 1, "mp3"), Tenant: tenant,
		Type: "audio/mp3", StartTime: recmeta.FormatTime(start), StopTime: recmeta.FormatTime(start.Add(time.Minute))}
	for _, dn := range legDNs {
		f.Legs = append(f.Legs, recmeta.Leg{CallID: "c-" + dn, DN: dn, Record: true})
	}
	return recmeta.Document{ID: uuid, CallerPhoneNumber: ani, DialedPhoneNumber: dnis,
		StartTime: f.StartTime, StopTime: f.StopTime, MediaFiles: []recmeta.MediaFile{f}}
}

func openTemp(t testing.TB) *Index {
	t.Helper()
	x, err := Open(filepath.Join(t.TempDir(), "index.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = x.Close() })
	return x
}

// fill indexes n recordings one minute apart from day0, id r0000…, ANI
// 5550000+i, DNIS 7000+i%10, tenant t<i%3>.
func fill(t testing.TB, x *Index, n int) {
	t.Helper()
	var ds []Detail
	for i := range n {
		doc := rec(fmt.Sprint(5550000+i), fmt.Sprint(7000+i%10), fmt.Sprintf("UUID%04d", i), fmt.Sprint("t", i%3),
			day0.Add(time.Duration(i)*time.Minute), fmt.Sprint(8000+i%7))
		d := FromDocument(fmt.Sprintf("r%04d", i), StateDelivered, doc)
		ds = append(ds, d)
	}
	if err := x.Put(ds...); err != nil {
		t.Fatal(err)
	}
}

func ids(p Page) []string {
	out := make([]string, len(p.Items))
	for i, s := range p.Items {
		out[i] = s.ID
	}
	return out
}
