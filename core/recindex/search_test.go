package recindex

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSearchFiltersSelectTheRightRecordings(t *testing.T) {
	x := openTemp(t)
	fill(t, x, 30)
	cases := []struct {
		name string
		q    Query
		want []string
	}{
		{"a DN matches the ANI", Query{DN: "5550004"}, []string{"r0004"}},
		{"a DN matches the DNIS", Query{DN: "7003"}, []string{"r0023", "r0013", "r0003"}},
		{"a DN matches a leg's DN", Query{DN: "8006"}, []string{"r0027", "r0020", "r0013", "r0006"}},
		{"a DN wildcard matches any number", Query{DN: "555000?"}, []string{"r0009", "r0008", "r0007", "r0006", "r0005", "r0004", "r0003", "r0002", "r0001", "r0000"}},
		{"an ANI wildcard", Query{ANI: "*02?"}, []string{"r0029", "r0028", "r0027", "r0026", "r0025", "r0024", "r0023", "r0022", "r0021", "r0020"}},
		{"a DNIS with a time range", Query{DNIS: "7001", From: day0.Add(5 * time.Minute), To: day0.Add(21 * time.Minute)}, []string{"r0011"}},
		{"the range end is exclusive", Query{From: day0.Add(2 * time.Minute), To: day0.Add(4 * time.Minute)}, []string{"r0003", "r0002"}},
		{"a CallUUID in any case", Query{CallUUID: "uuid0017"}, []string{"r0017"}},
		{"a tenant and a DN", Query{Tenant: "t2", DN: "7005"}, []string{"r0005"}},
		{"an exact DN and a CallUUID that disagree", Query{DN: "7005", CallUUID: "UUID0004"}, nil},
		{"a DN nobody has", Query{DN: "9999"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := x.Search(tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(p); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSearchCompletenessFilters(t *testing.T) {
	x := openTemp(t)
	mk := func(id, state string, lost int64, cut bool, i int) Detail {
		d := FromDocument(id, state, rec("1", "2", "U"+id, "", day0.Add(time.Duration(i)*time.Minute)))
		d.Lost, d.CutShort = lost, cut
		return d
	}
	if err := x.Put(mk("ok", StateDelivered, 0, false, 0), mk("lossy", StateDelivered, 3, false, 1),
		mk("cut", StateIndexed, 0, true, 2), mk("dead", StateDead, 0, false, 3)); err != nil {
		t.Fatal(err)
	}
	for c, want := range map[Completeness][]string{Complete: {"ok"}, AnyLoss: {"lossy"}, CutShort: {"cut"},
		DeadLettered: {"dead"}, AnyCompleteness: {"dead", "cut", "lossy", "ok"}} {
		p, err := x.Search(Query{Completeness: c})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(p); !slices.Equal(got, want) {
			t.Errorf("completeness %q: got %v, want %v", c, got, want)
		}
	}
}

func TestPagingWalksEveryRecordingOnceBothWays(t *testing.T) {
	x := openTemp(t)
	fill(t, x, 250)
	var seen []string
	var pages []Page
	q := Query{}
	for {
		p, err := x.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
		seen = append(seen, ids(p)...)
		if p.Next == "" {
			break
		}
		q = Query{After: p.Next}
	}
	if len(pages) != 3 || len(seen) != 250 || seen[0] != "r0249" || seen[249] != "r0000" {
		t.Fatalf("%d pages, %d ids, first %s last %s", len(pages), len(seen), seen[0], seen[len(seen)-1])
	}
	if pages[0].Prev != "" {
		t.Error("the first page has a prev link")
	}
	back, err := x.Search(Query{Before: pages[2].Prev})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(back), ids(pages[1])) {
		t.Errorf("prev of page 3 = %v…, want page 2 %v…", ids(back)[:2], ids(pages[1])[:2])
	}
	first, err := x.Search(Query{Before: back.Prev})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(first), ids(pages[0])) || first.Prev != "" {
		t.Errorf("prev of page 2 = %v… prev %q, want page 1 and no prev", ids(first)[:2], first.Prev)
	}
}

func TestPagingAnExactDNUsesItsOwnKeys(t *testing.T) {
	x := openTemp(t)
	fill(t, x, 250) // DNIS 7004 on every tenth: 25 recordings
	p, err := x.Search(Query{DN: "7004", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for {
		all = append(all, ids(p)...)
		if p.Next == "" {
			break
		}
		if p, err = x.Search(Query{DN: "7004", Limit: 10, After: p.Next}); err != nil {
			t.Fatal(err)
		}
	}
	if len(all) != 25 || all[0] != "r0244" || all[24] != "r0004" {
		t.Errorf("DN 7004 paged: %d ids %v", len(all), all)
	}
}

func TestPutReplacesTheOldKeys(t *testing.T) {
	x := openTemp(t)
	d := FromDocument("r1", StatePending, rec("111", "222", "U1", "", day0))
	if err := x.Put(d); err != nil {
		t.Fatal(err)
	}
	d2 := FromDocument("r1", StateDelivered, rec("333", "222", "U1", "", day0.Add(time.Hour)))
	if err := x.Put(d2); err != nil {
		t.Fatal(err)
	}
	if p, _ := x.Search(Query{DN: "111"}); len(p.Items) != 0 {
		t.Errorf("the old ANI still finds it: %v", ids(p))
	}
	p, _ := x.Search(Query{})
	if len(p.Items) != 1 || p.Items[0].State != StateDelivered || x.Len() != 1 {
		t.Errorf("after a replace: %+v, len %d", p.Items, x.Len())
	}
	got, err := x.Get("r1")
	if err != nil || got.Document.CallerPhoneNumber != "333" {
		t.Errorf("Get = %+v, %v", got.Summary, err)
	}
	if _, err := x.Get("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of an unknown id = %v, want ErrNotFound", err)
	}
}

func TestParseQueryReadsEveryParameter(t *testing.T) {
	v := url.Values{"startTime": {"2026-12-08"}, "endTime": {"2026-12-08"}, "dn": {"70*"}, "ani": {"555?"},
		"dnis": {"7001"}, "callUUID": {"ab"}, "tenant": {"acme"}, "completeness": {"loss"}, "limit": {"10"}}
	q, err := ParseQuery(v)
	if err != nil {
		t.Fatal(err)
	}
	want := Query{From: day0, To: day0.Add(24 * time.Hour), DN: "70*", ANI: "555?", DNIS: "7001", CallUUID: "ab",
		Tenant: "acme", Completeness: AnyLoss, Limit: 10}
	if fmt.Sprint(q) != fmt.Sprint(want) {
		t.Errorf("got %+v\nwant %+v", q, want)
	}
	back, err := ParseQuery(q.Values())
	if err != nil || fmt.Sprint(back) != fmt.Sprint(want) {
		t.Errorf("Values round trip: %+v, %v", back, err)
	}
}

func TestParseQueryRejectsBadInputClearly(t *testing.T) {
	cases := map[string]url.Values{
		`unknown parameter "dnn"`:              {"dnn": {"1"}},
		`startTime "yesterday" is neither`:     {"startTime": {"yesterday"}},
		`limit "ten" is not a number`:          {"limit": {"ten"}},
		"limit 101 is outside 1..100":          {"limit": {"101"}},
		"is not before endTime":                {"startTime": {"2026-12-09"}, "endTime": {"2026-12-08T00:00:00Z"}},
		`completeness "partial" is not one of`: {"completeness": {"partial"}},
		`dn "[12" is not a pattern`:            {"dn": {"[12"}},
		`cursor "!!" is not one this server`:   {"after": {"!!"}},
		"after and before together":            {"after": {"AAAAAAAAAAAx"}, "before": {"AAAAAAAAAAAx"}},
		`dnis "a/b" is not a pattern`:          {"dnis": {"a/b"}},
	}
	for want, v := range cases {
		_, err := ParseQuery(v)
		if !errors.Is(err, ErrQuery) || !strings.Contains(err.Error(), want) {
			t.Errorf("%v: error %v, want ErrQuery saying %q", v, err, want)
		}
	}
}
